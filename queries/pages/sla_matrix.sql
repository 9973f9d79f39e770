-- SLA targets decided in the selected week (the last in view): met of decided by priority and
-- target type.
-- $params: none (reads report_weeks and f_sla_targets)
-- grain: priority × target type
-- columns: priority, target_type, met, decided, adherence
with week as (
    select * from report_weeks order by week desc limit 1
)

select
    s.priority,
    s.target_type,
    count_if(s.met) as met,
    count(*) as decided,
    100.0 * count_if(s.met) / count(*) as adherence
from week as w
join f_sla_targets as s on s.decided_week = w.week
        -- the weeks in view as constants: row groups outside them are skipped
        and s.decided_at >= getvariable('sc_window_start') and s.decided_at < getvariable('sc_window_end')
group by s.priority, s.target_type
order by list_position(['urgent', 'high', 'normal', 'low'], s.priority), s.target_type
