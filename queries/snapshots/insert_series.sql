-- One week of a metric's frozen trend (the weeks up to the published one).
-- $params: $snapshot_id, $metric_id, $week, $value, $target, $operator, $status
-- grain: inserts one row
-- columns: none
insert into snapshot_series (snapshot_id, metric_id, week, value, target, operator, status)
values ($snapshot_id, $metric_id, $week, $value, $target, $operator, $status)
