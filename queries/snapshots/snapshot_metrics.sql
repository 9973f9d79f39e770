-- The metrics of a published snapshot, in scorecard order.
-- $params: $snapshot_id
-- grain: one row per metric
-- columns: metric_id, label, unit, headline, value, target, operator, status, owner, n
select metric_id, label, unit, headline, value, target, operator, status, owner, n
from snapshot_metrics
where snapshot_id = $snapshot_id
order by position
