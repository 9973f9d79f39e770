-- The SLA targets missed in the selected week (the last in view): a target is missed when it
-- was decided in the week and not met. How late: from the deadline to the fulfilment, or to
-- the week's end when the target is still unfulfilled.
-- $params: none (reads report_weeks and f_sla_targets)
-- grain: ticket × target type
-- columns: ticket_id, priority, team, channel, assignee, target_type, clock, target_minutes,
--          deadline, fulfilled_at, minutes_late, fulfilled
with week as (
    select * from report_weeks order by week desc limit 1
)

select
    s.ticket_id,
    s.priority,
    s.team,
    s.channel,
    s.assignee,
    s.target_type,
    s.clock,
    s.target_minutes,
    s.deadline,
    s.fulfilled_at,
    (epoch_us(coalesce(s.fulfilled_at, w.week_end)) - epoch_us(s.deadline)) / 60000000 as minutes_late,
    s.fulfilled_at is not null as fulfilled
from week as w
join f_sla_targets as s on s.decided_week = w.week
        -- the weeks in view as constants: row groups outside them are skipped
        and s.decided_at >= getvariable('sc_window_start') and s.decided_at < getvariable('sc_window_end')
where not s.met
order by minutes_late desc, s.ticket_id, s.target_type
