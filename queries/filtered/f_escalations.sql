-- escalations (the ticket's team, channel and priority),
-- restricted to the dashboard's filters (session constants sc_filter_*: folded
-- when a query is planned, so the filter is a constant one on the scan).
-- A null list means no filter on that dimension.
-- $params: none
-- grain: as stg_escalations
-- columns: every column of stg_escalations
select source.*
from stg_escalations as source
where (getvariable('sc_filter_teams') is null or list_contains(cast(getvariable('sc_filter_teams') as varchar[]), source.team))
    and (getvariable('sc_filter_channels') is null or list_contains(cast(getvariable('sc_filter_channels') as varchar[]), source.channel))
    and (getvariable('sc_filter_priorities') is null or list_contains(cast(getvariable('sc_filter_priorities') as varchar[]), source.priority))
