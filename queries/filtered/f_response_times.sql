-- Every first response and final solve of the filtered tickets, as durations on the calendar
-- and on the business clock (the ticket's calendar, or the source's business figure).
-- $params: none (reads f_tickets, stg_ticket_business and the span of the weeks in view)
-- grain: ticket × measure
-- columns: ticket_id, team, priority, channel, assignee, measure ('frt' in minutes |
--          'resolution_time' in hours), decided_at, decided_week, calendar_value, business_value
with tickets as (
    select
        t.*,
        b.first_response_business_minutes as business_first_response,
        b.resolution_business_minutes as business_resolution
    from f_tickets as t
    -- the business figures of tickets decided in the weeks in view only (their row groups)
    left join (
        select ticket_id, first_response_business_minutes, resolution_business_minutes
        from stg_ticket_business
        where (
            first_response_at >= getvariable('sc_window_start')
            and first_response_at < getvariable('sc_window_end')
        ) or (
            solved_at >= getvariable('sc_window_start')
            and solved_at < getvariable('sc_window_end')
        )
    ) as b on b.ticket_id = t.ticket_id
    -- Every reader keeps only times decided in the weeks in view: join no other ticket.
    where (
        t.first_response_at >= getvariable('sc_window_start')
        and t.first_response_at < getvariable('sc_window_end')
    ) or (
        t.solved_at >= getvariable('sc_window_start')
        and t.solved_at < getvariable('sc_window_end')
    )
)

select
    ticket_id, team, priority, channel, assignee,
    'frt' as measure,
    first_response_at as decided_at,
    first_response_week as decided_week,
    (epoch_us(first_response_at) - epoch_us(created_at)) / 60000000 as calendar_value,
    business_first_response as business_value
from tickets
where first_response_at is not null

union all

select
    ticket_id, team, priority, channel, assignee,
    'resolution_time' as measure,
    solved_at as decided_at,
    solved_week as decided_week,
    (epoch_us(solved_at) - epoch_us(created_at)) / 3600000000 as calendar_value,
    business_resolution / 60 as business_value
from tickets
where solved_at is not null
