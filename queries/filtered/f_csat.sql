-- ratings (the ticket's team, channel and priority),
-- restricted to the dashboard's filters (report_filter: one row on this cursor).
-- A null list means no filter on that dimension.
-- $params: none
-- grain: as stg_csat
-- columns: every column of stg_csat
select source.*
from stg_csat as source
cross join report_filter as f
where (f.teams is null or list_contains(f.teams, source.team))
    and (f.channels is null or list_contains(f.channels, source.channel))
    and (f.priorities is null or list_contains(f.priorities, source.priority))
