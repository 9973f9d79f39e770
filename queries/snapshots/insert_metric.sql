-- One metric of a published snapshot, as it was at publication.
-- $params: $snapshot_id, $position, $metric_id, $label, $unit, $headline, $value, $target,
--          $operator, $status, $owner, $n
-- grain: inserts one row
-- columns: none
insert into snapshot_metrics (
    snapshot_id, position, metric_id, label, unit, headline, value, target, operator, status,
    owner, n
)
values (
    $snapshot_id, $position, $metric_id, $label, $unit, $headline, $value, $target, $operator,
    $status, $owner, $n
)
