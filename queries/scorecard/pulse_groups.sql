-- Distinct pulse respondents per week for the company and every team, before any dashboard
-- filter: anonymity (SPEC §5) is judged on the groups themselves, the same in every view.
-- $params: none (reads report_weeks)
-- grain: week × team (team null = the company)
-- columns: week, team, respondents
with weeks as (
    select * from report_weeks
),

answers as (
    select w.week, p.team, p.respondent_key
    from weeks as w
    join stg_pulse as p on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
)

select week, team, count(distinct respondent_key) as respondents
from answers
group by grouping sets ((week), (week, team))
having grouping(team) = 1 or team is not null
