-- resolution_time (SPEC §4): over tickets solved in the week (final solve; reopened tickets
-- are unsolved), the median of solved_at − created_at in hours.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company)
-- columns: metric_id, week, team, value, n, detail {mean, p90}
with weeks as (
    select * from report_weeks
),

solved as (
    select
        w.week,
        t.team,
        (epoch_us(t.solved_at) - epoch_us(t.created_at)) / 3600000000 as hours
    from f_tickets as t
    -- the reporting week each time falls in is staged with it
    join weeks as w on w.week = t.solved_week
    -- the weeks in view as constants: row groups outside them are skipped
    where t.solved_at >= getvariable('sc_window_start') and t.solved_at < getvariable('sc_window_end')
)

select
    'resolution_time' as metric_id,
    week,
    team,
    quantiles[1] as value,
    n,
    map {'mean': mean, 'p90': quantiles[2]} as detail
from (
    -- median and p90 from one aggregate (one sort of each group's values, not two)
    select week, team, quantile_cont(hours, [0.5, 0.9]) as quantiles, count(*) as n, avg(hours) as mean
    from solved
    group by grouping sets ((week), (week, team))
    having grouping(team) = 1 or team is not null
)
