-- A target in force from a date on; earlier weeks keep the targets they had.
-- $params: $metric_id, $operator, $target, $effective_from, $set_by
-- grain: inserts one row
insert into targets (metric_id, operator, target, effective_from, set_by, set_at)
values ($metric_id, $operator, $target, $effective_from, $set_by, now())
