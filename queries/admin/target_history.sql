-- Every target ever set, newest first.
-- $params: none
-- grain: one row per target change
-- columns: metric_id, operator, target, effective_from, set_by, set_at
select metric_id, operator, target, effective_from, set_by, set_at
from targets
order by set_at desc, metric_id
