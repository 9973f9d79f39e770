-- sla_adherence (SPEC §4): met ÷ decided × 100 over the SLA targets (first response and
-- resolution, policy or ticket due time) decided in the week.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company)
-- columns: metric_id, week, team, value, n, detail {met, decided}
with weeks as (
    select * from report_weeks
),

decided as (
    select w.week, s.team, s.met
    from f_sla_targets as s
    -- the reporting week each time falls in is staged with it
    join weeks as w on w.week = s.decided_week
    -- the weeks in view as constants: row groups outside them are skipped
    where s.decided_at >= getvariable('sc_window_start') and s.decided_at < getvariable('sc_window_end')
)

select
    'sla_adherence' as metric_id,
    week,
    team,
    100.0 * count_if(met) / count(*) as value,
    count(*) as n,
    map {'met': count_if(met), 'decided': count(*)} as detail
from decided
group by grouping sets ((week), (week, team))
having grouping(team) = 1 or team is not null
