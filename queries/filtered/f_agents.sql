-- the roster (team only),
-- restricted to the dashboard's filters (session constants sc_filter_*: folded
-- when a query is planned, so the filter is a constant one on the scan).
-- A null list means no filter on that dimension.
-- $params: none
-- grain: as agents
-- columns: every column of agents
select source.*
from agents as source
where (getvariable('sc_filter_teams') is null or list_contains(cast(getvariable('sc_filter_teams') as varchar[]), source.team))
