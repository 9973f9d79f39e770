-- The revision a new publication of a week gets: one more than the last.
-- $params: $week (Monday)
-- grain: one row
-- columns: revision
select coalesce(max(revision), 0) + 1 as revision
from snapshots
where week = $week
