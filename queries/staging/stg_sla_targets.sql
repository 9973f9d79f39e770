-- SLA targets (SPEC §4 sla_adherence, §10): each ticket has a first-response and a
-- resolution target from the policy of its priority. A ticket's own due time replaces the
-- policy deadline. A target is decided at the earlier of fulfilment and deadline; met means
-- fulfilled at or before the deadline.
-- $params: none
-- grain: one row per ticket × target type
-- columns: ticket_id, team, priority, channel, assignee, target_type ('first_response' |
--          'resolution'), target_minutes, deadline, fulfilled_at, decided_at, met
with tickets as (
    select * from stg_tickets
),

policy as (
    select * from sla_policy
),

targets as (
    select
        t.ticket_id, t.team, t.priority, t.channel, t.assignee,
        'first_response' as target_type,
        p.first_response_minutes as target_minutes,
        coalesce(
            t.first_response_due_at,
            t.created_at + to_microseconds(cast(round(p.first_response_minutes * 60000000) as bigint))
        ) as deadline,
        -- A solve without any agent response fulfils the first-response target at the solve.
        coalesce(t.first_response_at, t.solved_at) as fulfilled_at
    from tickets as t
    join policy as p on p.priority = t.priority

    union all

    select
        t.ticket_id, t.team, t.priority, t.channel, t.assignee,
        'resolution' as target_type,
        p.resolution_minutes as target_minutes,
        coalesce(
            t.resolution_due_at,
            t.created_at + to_microseconds(cast(round(p.resolution_minutes * 60000000) as bigint))
        ) as deadline,
        t.solved_at as fulfilled_at
    from tickets as t
    join policy as p on p.priority = t.priority
)

select
    *,
    least(fulfilled_at, deadline) as decided_at,
    coalesce(fulfilled_at <= deadline, false) as met
from targets
