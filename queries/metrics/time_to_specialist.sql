-- time_to_specialist (SPEC §4): over Floor 2 escalations assigned in the week, the median
-- minutes from escalation to assignment.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company; the ticket's team)
-- columns: metric_id, week, team, value, n, detail {mean, p90}
with weeks as (
    select * from report_weeks
),

assigned as (
    select w.week, e.team, e.minutes_to_assign as minutes
    from f_escalations as e
    -- the week a time falls in
    join weeks as w on e.assigned_at >= w.week_start and e.assigned_at < w.week_end
    -- the weeks in view as constants: row groups outside them are skipped
    where e.assigned_at >= getvariable('sc_window_start') and e.assigned_at < getvariable('sc_window_end')
        and e.floor = 2
)

select
    'time_to_specialist' as metric_id,
    week,
    team,
    quantiles[1] as value,
    n,
    map {'mean': mean, 'p90': quantiles[2]} as detail
from (
    -- median and p90 from one aggregate (one sort of each group's values, not two)
    select week, team, quantile_cont(minutes, [0.5, 0.9]) as quantiles, count(*) as n, avg(minutes) as mean
    from assigned
    group by grouping sets ((week), (week, team))
    having grouping(team) = 1 or team is not null
)
