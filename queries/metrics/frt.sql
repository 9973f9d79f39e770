-- frt (SPEC §4): over tickets whose first agent response is in the week, the median of
-- first_response_at − created_at in minutes. Never-answered tickets are not in it.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company)
-- columns: metric_id, week, team, value, n, detail {mean, p90}
with weeks as (
    select * from report_weeks
),

answered as (
    select
        w.week,
        t.team,
        (epoch_us(t.first_response_at) - epoch_us(t.created_at)) / 60000000 as minutes
    from f_tickets as t
    -- the reporting week each time falls in is staged with it
    join weeks as w on w.week = t.first_response_week
    -- the weeks in view as constants: row groups outside them are skipped
    where t.first_response_at >= getvariable('sc_window_start') and t.first_response_at < getvariable('sc_window_end')
)

select
    'frt' as metric_id,
    week,
    team,
    quantiles[1] as value,
    n,
    map {'mean': mean, 'p90': quantiles[2]} as detail
from (
    -- median and p90 from one aggregate (one sort of each group's values, not two)
    select week, team, quantile_cont(minutes, [0.5, 0.9]) as quantiles, count(*) as n, avg(minutes) as mean
    from answered
    group by grouping sets ((week), (week, team))
    having grouping(team) = 1 or team is not null
)
