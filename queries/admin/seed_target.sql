-- Seed a metric's shipped default target, unless the metric has targets already.
-- $params: $metric_id, $operator, $target, $effective_from
-- grain: inserts at most one row
insert into targets (metric_id, operator, target, effective_from, set_by, set_at)
select $metric_id, $operator, $target, $effective_from, 'default', now()
where not exists (select 1 from targets where metric_id = $metric_id)
