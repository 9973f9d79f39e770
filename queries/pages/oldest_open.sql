-- The oldest tickets open at the selected week's end E.
-- $params: $limit
-- grain: ticket
-- columns: ticket_id, team, priority, channel, assignee, status, created_at, age_days
with week as (
    select * from report_weeks order by week desc limit 1
)

select
    t.ticket_id,
    t.team,
    t.priority,
    t.channel,
    t.assignee,
    t.status,
    t.created_at,
    (epoch_us(w.week_end) - epoch_us(t.created_at)) / 86400000000 as age_days
from week as w
join f_tickets as t
    on t.created_at < w.week_end and (t.solved_at is null or t.solved_at >= w.week_end)
order by t.created_at, t.ticket_id
limit $limit
