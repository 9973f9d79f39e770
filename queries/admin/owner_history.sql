-- Every owner ever set, newest first.
-- $params: none
-- grain: one row per owner change
-- columns: metric_id, owner, effective_from, set_by, set_at
select metric_id, owner, effective_from, set_by, set_at
from owners
order by set_at desc, metric_id
