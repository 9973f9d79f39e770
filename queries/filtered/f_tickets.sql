-- tickets,
-- restricted to the dashboard's filters (session constants sc_filter_*: folded
-- when a query is planned, so the filter is a constant one on the scan).
-- A null list means no filter on that dimension.
-- $params: none (session variables sc_staged_weeks, sc_timezone, sc_staged_backlog,
--          sc_backlog_age_days)
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
    end as deadline_24h_week,
    -- staged for one zone and one backlog age
    case when getvariable('sc_staged_backlog') then source.backlog_week
        else cast(date_trunc('week', timezone(getvariable('sc_timezone'), source.created_at)
            + to_days(cast(getvariable('sc_backlog_age_days') as integer))) as date)
    end as backlog_week
)
from stg_tickets as source
where (getvariable('sc_filter_teams') is null or list_contains(cast(getvariable('sc_filter_teams') as varchar[]), source.team))
    and (getvariable('sc_filter_channels') is null or list_contains(cast(getvariable('sc_filter_channels') as varchar[]), source.channel))
    and (getvariable('sc_filter_priorities') is null or list_contains(cast(getvariable('sc_filter_priorities') as varchar[]), source.priority))
