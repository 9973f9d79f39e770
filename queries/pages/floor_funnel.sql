-- Tickets solved in each week by the highest floor they reached (SPEC §10): how many closed on
-- Floor 1 and how many went to Floors 2 and 3.
-- $params: none (reads report_weeks and f_tickets)
-- grain: week × floor
-- columns: week, floor, tickets, share (of the week's solved tickets with a known floor)
with weeks as (
    select * from report_weeks
),

solved as (
    select w.week, t.highest_floor as floor
    from f_tickets as t
    -- the reporting week each time falls in is staged with it
    join weeks as w on w.week = t.solved_week
    -- the weeks in view as constants: row groups outside them are skipped
    where t.solved_at >= getvariable('sc_window_start') and t.solved_at < getvariable('sc_window_end')
        and t.highest_floor is not null
)

select
    week,
    floor,
    count(*) as tickets,
    100.0 * count(*) / sum(count(*)) over (partition by week) as share
from solved
group by week, floor
order by week, floor
