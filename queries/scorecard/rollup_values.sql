-- The metric values of the weeks in view, read from the rollup kept for the unfiltered view
-- (scorecard/rollups.py decides when it may be used; it holds what the metric queries give).
-- $params: $metric_ids
-- grain: one row per metric × week × group (team null = company)
-- columns: metric_id, week, team, value, n, detail
select r.*
from rollup_metric_values as r
join report_weeks as w on w.week = r.week
where list_contains($metric_ids, r.metric_id)
