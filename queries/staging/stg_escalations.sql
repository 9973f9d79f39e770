-- Escalations with their ticket's team (SPEC §4 floor metrics, §10).
-- $params: none
-- grain: one row per ticket × floor
-- columns: ticket_id, floor, team, priority, channel, escalated_at, assigned_at, decided_at,
--          minutes_to_assign, minutes_to_decide
with source_escalations as (
    select * from escalations
)

select
    e.ticket_id,
    e.floor,
    t.team,
    t.priority,
    t.channel,
    e.escalated_at,
    e.assigned_at,
    e.decided_at,
    (epoch_us(e.assigned_at) - epoch_us(e.escalated_at)) / 60000000 as minutes_to_assign,
    (epoch_us(e.decided_at) - epoch_us(e.escalated_at)) / 60000000 as minutes_to_decide
from source_escalations as e
left join tickets as t on t.ticket_id = e.ticket_id
-- Stored in time order: queries for a few weeks then read only their row groups.
order by e.escalated_at
