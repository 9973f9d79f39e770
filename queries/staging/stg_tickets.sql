-- Tickets as the metrics read them (SPEC §4, §10).
-- $params: $tz (reporting time zone: the weeks below are its ISO weeks), $backlog_age_days,
--          $any_floor_loaded (null: computed from the tables)
-- grain: one row per ticket
-- columns: ticket_id, team, priority, channel, assignee, status, created_at,
--          first_response_at (the timestamp, else created_at + first_response_minutes),
--          solved_at (the final solve; null unless the status is solved or closed),
--          agent_replies, reopens, highest_floor (null when no floor information is loaded
--          at all), first_response_due_at, resolution_due_at,
--          first_response_business_minutes, resolution_business_minutes,
--          created_week, first_response_week, solved_week (the Monday of the reporting week
--          each time falls in, so metrics put rows in weeks by equality instead of a join on
--          time ranges; null with the time), deadline_24h_week (the week of created_at + 24 h,
--          the deadline of the resolved ≤ 24 h target), backlog_week (the first week at whose
--          end the ticket is old enough for the backlog: created before week_end − backlog age
--          in local days exactly when backlog_week <= week)
with source_tickets as (
    select * from tickets
),

resolved_times as (
    select
        *,
        coalesce(
            first_response_at,
            created_at + to_microseconds(cast(round(first_response_minutes * 60000000) as bigint))
        ) as resolved_first_response_at,
        -- A ticket that is not solved or closed was reopened: unsolved whatever solved_at says.
        case when status in ('solved', 'closed') then solved_at end as final_solved_at
    from source_tickets
),

escalation_floors as (
    select ticket_id, max(floor) as escalation_floor
    from escalations
    group by ticket_id
),

floor_information as (
    -- Whether any floor information is loaded at all: given as $any_floor_loaded when only
    -- some tickets are rebuilt (the flag is about every ticket), else (null) found here.
    select coalesce(
        cast($any_floor_loaded as boolean),
        exists (select 1 from tickets where floor is not null) or exists (select 1 from escalations)
    ) as any_floor_loaded
)

select
    t.ticket_id,
    t.team,
    t.priority,
    t.channel,
    t.assignee,
    t.status,
    t.created_at,
    t.resolved_first_response_at as first_response_at,
    t.final_solved_at as solved_at,
    t.agent_replies,
    t.reopens,
    case
        when f.any_floor_loaded then coalesce(greatest(t.floor, e.escalation_floor), 1)
    end as highest_floor,
    t.first_response_due_at,
    t.resolution_due_at,
    t.first_response_business_minutes,
    t.resolution_business_minutes,
    cast(date_trunc('week', timezone($tz, t.created_at)) as date) as created_week,
    cast(date_trunc('week', timezone($tz, t.resolved_first_response_at)) as date)
        as first_response_week,
    cast(date_trunc('week', timezone($tz, t.final_solved_at)) as date) as solved_week,
    cast(date_trunc('week', timezone($tz, t.created_at + interval 24 hour)) as date)
        as deadline_24h_week,
    -- created_at < week_end − age (local days) ⟺ local(created_at) + age < next Monday
    -- ⟺ the Monday of local(created_at) + age is at or before the week's Monday
    cast(date_trunc('week', timezone($tz, t.created_at) + to_days(cast($backlog_age_days as integer))) as date)
        as backlog_week
from resolved_times as t
cross join floor_information as f
left join escalation_floors as e on e.ticket_id = t.ticket_id
-- Stored in time order: queries for a few weeks then read only their row groups.
order by t.created_at
