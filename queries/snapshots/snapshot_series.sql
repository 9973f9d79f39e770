-- The frozen trend of every metric of a published snapshot, oldest week first.
-- $params: $snapshot_id
-- grain: one row per metric × week
-- columns: metric_id, week, value, target, operator, status
select metric_id, week, value, target, operator, status
from snapshot_series
where snapshot_id = $snapshot_id
order by metric_id, week
