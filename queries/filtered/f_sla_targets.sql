-- SLA targets,
-- restricted to the dashboard's filters (session constants sc_filter_*: folded
-- when a query is planned, so the filter is a constant one on the scan).
-- A null list means no filter on that dimension.
-- $params: none (session variables sc_staged_weeks, sc_timezone)
-- grain: as stg_sla_targets
-- columns: every column of stg_sla_targets
select source.* replace (
    -- The staged weeks are the reporting zone's when staging was built in it (almost always);
    -- a cursor reporting in another zone computes them (getvariable is folded when planned).
    case when getvariable('sc_staged_weeks') then source.decided_week
        else cast(date_trunc('week', timezone(getvariable('sc_timezone'), source.decided_at)) as date)
    end as decided_week
)
from stg_sla_targets as source
where (getvariable('sc_filter_teams') is null or list_contains(cast(getvariable('sc_filter_teams') as varchar[]), source.team))
    and (getvariable('sc_filter_channels') is null or list_contains(cast(getvariable('sc_filter_channels') as varchar[]), source.channel))
    and (getvariable('sc_filter_priorities') is null or list_contains(cast(getvariable('sc_filter_priorities') as varchar[]), source.priority))
