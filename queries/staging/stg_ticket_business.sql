-- Tickets on the business clock (data/calendars.toml): each instant as a position, the
-- opening minutes of the ticket's calendar before it (see queries/calendar/calendar_days.sql).
-- Business durations are differences of positions, unless the source supplied them (Zendesk
-- and Freshdesk do), in which case the source's figure is used as given.
-- $params: none
-- grain: one row per ticket
-- columns: ticket_id, calendar_id, timezone, created_pos, first_response_pos, solved_pos,
--          first_response_business_minutes, resolution_business_minutes, first_response_at,
--          solved_at (as in stg_tickets: readers of a few weeks filter on them, and the rows
--          keep stg_tickets' time order, so such a filter reads only those weeks' row groups)
with tickets as (
    select * from stg_tickets
),

calendared as (
    select
        t.ticket_id,
        t.created_at,
        t.first_response_at,
        t.solved_at,
        t.first_response_business_minutes as source_first_response,
        t.resolution_business_minutes as source_resolution,
        c.calendar_id,
        c.timezone,
        timezone(c.timezone, t.created_at) as created_local,
        timezone(c.timezone, t.first_response_at) as first_response_local,
        timezone(c.timezone, t.solved_at) as solved_local
    from tickets as t
    left join team_calendars as tc on tc.team = t.team
    join calendars as c
        on c.calendar_id = coalesce(tc.calendar_id, (select calendar_id from calendars where is_default))
),

positioned as (
    select
        k.*,
        created_day.cum_before + coalesce(list_sum(list_transform(
            created_day.intervals,
            lambda i: greatest(0, least((epoch_us(k.created_local) - epoch_us(date_trunc('day', k.created_local))) / 60000000, i.c) - i.o)
        )), 0) as created_pos,
        response_day.cum_before + coalesce(list_sum(list_transform(
            response_day.intervals,
            lambda i: greatest(0, least((epoch_us(k.first_response_local) - epoch_us(date_trunc('day', k.first_response_local))) / 60000000, i.c) - i.o)
        )), 0) as first_response_pos,
        solved_day.cum_before + coalesce(list_sum(list_transform(
            solved_day.intervals,
            lambda i: greatest(0, least((epoch_us(k.solved_local) - epoch_us(date_trunc('day', k.solved_local))) / 60000000, i.c) - i.o)
        )), 0) as solved_pos
    from calendared as k
    left join calendar_days as created_day
        on created_day.calendar_id = k.calendar_id and created_day.day = cast(k.created_local as date)
    left join calendar_days as response_day
        on response_day.calendar_id = k.calendar_id and response_day.day = cast(k.first_response_local as date)
    left join calendar_days as solved_day
        on solved_day.calendar_id = k.calendar_id and solved_day.day = cast(k.solved_local as date)
)

select
    ticket_id,
    calendar_id,
    timezone,
    created_pos,
    first_response_pos,
    solved_pos,
    coalesce(source_first_response, first_response_pos - created_pos) as first_response_business_minutes,
    coalesce(source_resolution, solved_pos - created_pos) as resolution_business_minutes,
    first_response_at,
    solved_at
from positioned
order by created_at
