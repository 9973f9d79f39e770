-- pulse_participation (SPEC §4): distinct respondents in the week ÷ agents employed on the
-- week's last day × 100 (hired_on ≤ d and left_on null or after d). No data when nobody
-- was employed. Suppressed by the scorecard whenever the pulse score of the group is.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company)
-- columns: metric_id, week, team, value, n (headcount), detail {respondents}
with weeks as (
    select * from report_weeks
),

respondents as (
    select w.week, p.team, grouping(p.team) = 1 as is_company, count(distinct p.respondent_key) as respondents
    from f_pulse as p
    -- the week a time falls in
    join weeks as w on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
    -- the weeks in view as constants: row groups outside them are skipped
    where p.submitted_at >= getvariable('sc_window_start') and p.submitted_at < getvariable('sc_window_end')
    group by grouping sets ((w.week), (w.week, p.team))
),

headcount as (
    select w.week, a.team, grouping(a.team) = 1 as is_company, count(*) as agents
    from weeks as w
    join f_agents as a
        on a.hired_on <= w.last_day and (a.left_on is null or a.left_on > w.last_day)
    group by grouping sets ((w.week), (w.week, a.team))
    having grouping(a.team) = 1 or a.team is not null
)

select
    'pulse_participation' as metric_id,
    h.week,
    h.team,
    100.0 * coalesce(r.respondents, 0) / h.agents as value,
    h.agents as n,
    map {'respondents': coalesce(r.respondents, 0)} as detail
from headcount as h
left join respondents as r
    on r.week = h.week and r.is_company = h.is_company and r.team is not distinct from h.team
