-- tickets,
-- restricted to the dashboard's filters (report_filter: one row on this cursor).
-- A null list means no filter on that dimension.
-- $params: none (session variables sc_staged_weeks, sc_timezone)
-- grain: as stg_tickets
-- columns: every column of stg_tickets
select source.* replace (
    -- The staged weeks are the reporting zone's when staging was built in it (almost always);
    -- a cursor reporting in another zone computes them (getvariable is folded when planned).
    case when getvariable('sc_staged_weeks') then source.created_week
        else cast(date_trunc('week', timezone(getvariable('sc_timezone'), source.created_at)) as date)
    end as created_week,
    case when getvariable('sc_staged_weeks') then source.first_response_week
        else cast(date_trunc('week', timezone(getvariable('sc_timezone'), source.first_response_at)) as date)
    end as first_response_week,
    case when getvariable('sc_staged_weeks') then source.solved_week
        else cast(date_trunc('week', timezone(getvariable('sc_timezone'), source.solved_at)) as date)
    end as solved_week,
    case when getvariable('sc_staged_weeks') then source.deadline_24h_week
        else cast(date_trunc('week', timezone(getvariable('sc_timezone'), source.created_at + interval 24 hour)) as date)
    end as deadline_24h_week
)
from stg_tickets as source
cross join report_filter as f
where (f.teams is null or list_contains(f.teams, source.team))
    and (f.channels is null or list_contains(f.channels, source.channel))
    and (f.priorities is null or list_contains(f.priorities, source.priority))
