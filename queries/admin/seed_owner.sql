-- Seed a metric's shipped default owner, unless the metric has owners already.
-- $params: $metric_id, $owner, $effective_from
-- grain: inserts at most one row
insert into owners (metric_id, owner, effective_from, set_by, set_at)
select $metric_id, $owner, $effective_from, 'default', now()
where not exists (select 1 from owners where metric_id = $metric_id)
