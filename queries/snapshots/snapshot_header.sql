-- A published snapshot's header.
-- $params: $snapshot_id
-- grain: one row (none when there is no such snapshot)
-- columns: snapshot_id, week, revision, published_by, published_at, week_start, week_end,
--          reporting_timezone, fingerprint, loads, content_sha
select
    snapshot_id, week, revision, published_by, published_at, week_start, week_end,
    reporting_timezone, fingerprint, loads, content_sha
from snapshots
where snapshot_id = $snapshot_id
