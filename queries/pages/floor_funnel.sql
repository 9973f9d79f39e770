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
    -- the week a time falls in: the latest starting at or before it (weeks are contiguous)
    asof join weeks as w on t.solved_at >= w.week_start
    where t.solved_at < w.week_end
        -- the weeks in view as constants: row groups outside them are skipped
        and t.solved_at >= getvariable('sc_window_start') and t.solved_at < getvariable('sc_window_end')
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
