-- Tickets created and tickets solved (final solve) in each week in view.
-- $params: none (reads report_weeks and f_tickets)
-- grain: week
-- columns: week, created, solved
with weeks as (
    select * from report_weeks
),

created as (
    select w.week, count(*) as tickets
    from f_tickets as t
    -- the reporting week each time falls in is staged with it
    join weeks as w on w.week = t.created_week
    -- the weeks in view as constants: row groups outside them are skipped
    where t.created_at >= getvariable('sc_window_start') and t.created_at < getvariable('sc_window_end')
    group by w.week
),

solved as (
    select w.week, count(*) as tickets
    from f_tickets as t
    join weeks as w on w.week = t.solved_week
    where t.solved_at >= getvariable('sc_window_start') and t.solved_at < getvariable('sc_window_end')
    group by w.week
)

select w.week, coalesce(c.tickets, 0) as created, coalesce(s.tickets, 0) as solved
from weeks as w
left join created as c on c.week = w.week
left join solved as s on s.week = w.week
order by w.week
