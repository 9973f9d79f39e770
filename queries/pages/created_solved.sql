-- Tickets created and tickets solved (final solve) in each week in view.
-- $params: none (reads report_weeks and f_tickets)
-- grain: week
-- columns: week, created, solved
with weeks as (
    select * from report_weeks
)

select
    w.week,
    (select count(*) from f_tickets as t where t.created_at >= w.week_start and t.created_at < w.week_end
        -- the weeks in view as constants: row groups outside them are skipped
        and t.created_at >= getvariable('sc_window_start') and t.created_at < getvariable('sc_window_end'))
        as created,
    (select count(*) from f_tickets as t where t.solved_at >= w.week_start and t.solved_at < w.week_end
        -- the weeks in view as constants: row groups outside them are skipped
        and t.solved_at >= getvariable('sc_window_start') and t.solved_at < getvariable('sc_window_end'))
        as solved
from weeks as w
order by w.week
