-- csat (SPEC §4): over ratings received in the week, satisfied ratings ÷ ratings × 100
-- (satisfied: rescaled to 0–1 by its scale, ≥ 0.75).
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company; the ticket's team)
-- columns: metric_id, week, team, value, n, detail {satisfied}
with weeks as (
    select * from report_weeks
),

ratings as (
    select w.week, r.team, r.satisfied
    from f_csat as r
    -- the reporting week each time falls in is staged with it
    join weeks as w on w.week = r.rated_week
    -- the weeks in view as constants: row groups outside them are skipped
    where r.rated_at >= getvariable('sc_window_start') and r.rated_at < getvariable('sc_window_end')
)

select
    'csat' as metric_id,
    week,
    team,
    100.0 * count_if(satisfied) / count(*) as value,
    count(*) as n,
    map {'satisfied': count_if(satisfied)} as detail
from ratings
group by grouping sets ((week), (week, team))
having grouping(team) = 1 or team is not null
