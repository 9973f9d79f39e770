-- Every first response and final solve of the filtered tickets, as durations on the calendar
-- and on the business clock (the ticket's calendar, or the source's business figure).
-- $params: none (reads f_tickets, stg_ticket_business and the span of the weeks in view)
-- grain: ticket × measure
-- columns: ticket_id, team, priority, channel, assignee, measure ('frt' in minutes |
--          'resolution_time' in hours), decided_at, decided_week, calendar_value, business_value
-- Every reader keeps only times decided in the weeks in view, so each measure reads only the
-- tickets (and business figures) with that time in them: one range per scan, which the row
-- groups' time ranges can skip (a condition on either time could not).
with first_responses as (
    select t.*, b.first_response_business_minutes as business_value
    from f_tickets as t
    left join (
        select ticket_id, first_response_business_minutes
        from stg_ticket_business
        where first_response_at >= getvariable('sc_window_start')
            and first_response_at < getvariable('sc_window_end')
    ) as b on b.ticket_id = t.ticket_id
    where t.first_response_at >= getvariable('sc_window_start')
        and t.first_response_at < getvariable('sc_window_end')
),

solves as (
    select t.*, b.resolution_business_minutes as business_value
    from f_tickets as t
    left join (
        select ticket_id, resolution_business_minutes
        from stg_ticket_business
        where solved_at >= getvariable('sc_window_start')
            and solved_at < getvariable('sc_window_end')
    ) as b on b.ticket_id = t.ticket_id
    where t.solved_at >= getvariable('sc_window_start')
        and t.solved_at < getvariable('sc_window_end')
)

select
    ticket_id, team, priority, channel, assignee,
    'frt' as measure,
    first_response_at as decided_at,
    first_response_week as decided_week,
    (epoch_us(first_response_at) - epoch_us(created_at)) / 60000000 as calendar_value,
    business_value
from first_responses

union all

select
    ticket_id, team, priority, channel, assignee,
    'resolution_time' as measure,
    solved_at as decided_at,
    solved_week as decided_week,
    (epoch_us(solved_at) - epoch_us(created_at)) / 3600000000 as calendar_value,
    business_value / 60 as business_value
from solves
