-- FRT of the tickets that stayed on Floor 1 (highest floor 1), per week: the median minutes
-- from creation to first agent reply of those answered in the week.
-- $params: none (reads report_weeks and f_tickets)
-- grain: week
-- columns: week, median, p90, n
with weeks as (
    select * from report_weeks
),

answered as (
    select w.week, (epoch_us(t.first_response_at) - epoch_us(t.created_at)) / 60000000 as minutes
    from f_tickets as t
    -- the reporting week each time falls in is staged with it
    join weeks as w on w.week = t.first_response_week
    -- the weeks in view as constants: row groups outside them are skipped
    where t.first_response_at >= getvariable('sc_window_start') and t.first_response_at < getvariable('sc_window_end')
        and t.highest_floor = 1
)

select week, quantiles[1] as median, quantiles[2] as p90, n
from (
    -- median and p90 from one aggregate (one sort of each week's values, not two)
    select week, quantile_cont(minutes, [0.5, 0.9]) as quantiles, count(*) as n
    from answered
    group by week
)
order by week
