-- pulse answers (team only,
-- restricted to the dashboard's filters (report_filter: one row on this cursor).
-- A null list means no filter on that dimension.
-- $params: none
-- grain: as stg_pulse
-- columns: every column of stg_pulse
select source.*
from stg_pulse as source
cross join report_filter as f
where (f.teams is null or list_contains(f.teams, source.team))
