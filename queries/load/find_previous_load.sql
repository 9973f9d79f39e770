-- The earlier load of the same bytes as the same kind with the same options, if any.
-- $params: $checksum, $kind, $source, $tz
-- grain: at most one row
-- columns: load_id
select load_id
from load_log
where status = 'loaded'
    and checksum = $checksum
    and kind = $kind
    and source = $source
    and source_timezone = $tz
order by load_id
limit 1
