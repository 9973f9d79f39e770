-- An owner from a date on; earlier weeks keep the owner they had.
-- $params: $metric_id, $owner, $effective_from, $set_by
-- grain: inserts one row
insert into owners (metric_id, owner, effective_from, set_by, set_at)
values ($metric_id, $owner, $effective_from, $set_by, now())
