-- ratings (the ticket's team, channel and priority),
-- restricted to the dashboard's filters (report_filter: one row on this cursor).
-- A null list means no filter on that dimension.
-- $params: none (session variables sc_staged_weeks, sc_timezone)
-- grain: as stg_csat
-- columns: every column of stg_csat
select source.* replace (
    -- The staged weeks are the reporting zone's when staging was built in it (almost always);
    -- a cursor reporting in another zone computes them (getvariable is folded when planned).
    case when getvariable('sc_staged_weeks') then source.rated_week
        else cast(date_trunc('week', timezone(getvariable('sc_timezone'), source.rated_at)) as date)
    end as rated_week
)
from stg_csat as source
cross join report_filter as f
where (f.teams is null or list_contains(f.teams, source.team))
    and (f.channels is null or list_contains(f.channels, source.channel))
    and (f.priorities is null or list_contains(f.priorities, source.priority))
