-- SLA targets,
-- restricted to the dashboard's filters (report_filter: one row on this cursor).
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
cross join report_filter as f
where (f.teams is null or list_contains(f.teams, source.team))
    and (f.channels is null or list_contains(f.channels, source.channel))
    and (f.priorities is null or list_contains(f.priorities, source.priority))
