-- Weekly FRT (minutes) and resolution time (hours) on the calendar and on the business clock:
-- median (interpolated), p90 and n, as the metrics compute them.
-- $params: none (reads report_weeks and f_response_times)
-- grain: week × measure × clock
-- columns: week, measure, clock, median, p90, n
with decided as (
    select w.week, r.measure, r.calendar_value, r.business_value
    from report_weeks as w
    join f_response_times as r on r.decided_week = w.week
        -- the weeks in view as constants: row groups outside them are skipped
        and r.decided_at >= getvariable('sc_window_start') and r.decided_at < getvariable('sc_window_end')
),

both_clocks as (
    select week, measure, 'calendar' as clock, calendar_value as value from decided
    union all
    select week, measure, 'business' as clock, business_value as value
    from decided
    where business_value is not null
)

select week, measure, clock, quantiles[1] as median, quantiles[2] as p90, n
from (
    -- median and p90 from one aggregate (one sort of each group's values, not two)
    select week, measure, clock, quantile_cont(value, [0.5, 0.9]) as quantiles, count(*) as n
    from both_clocks
    group by week, measure, clock
)
order by week, measure, clock
