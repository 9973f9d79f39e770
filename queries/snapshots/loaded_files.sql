-- The loads the current figures are computed from: the data a snapshot is fingerprinted by.
-- $params: none
-- grain: one row per landed load
-- columns: load_id, file_name, kind, checksum, rows_loaded
select load_id, file_name, kind, checksum, rows_loaded
from load_log
where status = 'loaded'
order by load_id
