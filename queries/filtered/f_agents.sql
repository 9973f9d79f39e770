-- the roster (team only),
-- restricted to the dashboard's filters (report_filter: one row on this cursor).
-- A null list means no filter on that dimension.
-- $params: none
-- grain: as agents
-- columns: every column of agents
select source.*
from agents as source
cross join report_filter as f
where (f.teams is null or list_contains(f.teams, source.team))
