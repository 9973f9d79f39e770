-- QA per agent over the weeks in view (calibration excluded): reviews, mean review score, pass
-- rate and critical fails. Agents with fewer than $min_reviews reviews are not listed (a score
-- on two reviews says little and singles a person out); they are counted in `hidden_agents`.
-- $params: $min_reviews, $pass_score
-- grain: agent
-- columns: agent, team, reviews, score, pass_rate, critical_fails, hidden_agents
with weeks as (
    select min(week_start) as first_start, max(week_end) as last_end from report_weeks
),

per_agent as (
    select
        r.agent,
        any_value(r.team) as team,
        count(*) as reviews,
        avg(r.review_score) as score,
        100.0 * count_if(round(r.review_score, 9) >= $pass_score) / count(*) as pass_rate,
        count_if(r.critical_fail) as critical_fails
    from weeks as w
    join f_qa_reviews as r on r.reviewed_at >= w.first_start and r.reviewed_at < w.last_end
    where not r.calibration and r.review_score is not null
    group by r.agent
)

select
    *,
    (select count(*) from per_agent where reviews < $min_reviews) as hidden_agents
from per_agent
where reviews >= $min_reviews
order by score, agent
