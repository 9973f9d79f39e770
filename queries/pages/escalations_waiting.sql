-- Escalations still waiting at the selected week's end E: Floor 2 not yet assigned to a
-- specialist, Floor 3 not yet decided; the longest waits first.
-- $params: $limit
-- grain: escalation (ticket × floor)
-- columns: ticket_id, floor, team, priority, escalated_at, waiting_for, minutes_waiting
with week as (
    select * from report_weeks order by week desc limit 1
)

select
    e.ticket_id,
    e.floor,
    e.team,
    e.priority,
    e.escalated_at,
    case when e.floor = 2 then 'a specialist' else 'a decision' end as waiting_for,
    (epoch_us(w.week_end) - epoch_us(e.escalated_at)) / 60000000 as minutes_waiting
from week as w
join f_escalations as e on e.escalated_at < w.week_end
where (e.floor = 2 and (e.assigned_at is null or e.assigned_at >= w.week_end))
    or (e.floor = 3 and (e.decided_at is null or e.decided_at >= w.week_end))
order by minutes_waiting desc, e.ticket_id, e.floor
limit $limit
