-- Pulse results per question and week for the company (or the teams the filter selects): the
-- mean answer on 0–100, the favourable share (answers ≥ 75) and the respondents.
-- Anonymity (SPEC §5): a team's weekly score mixes its answers to every question, so results
-- by question could be set against team scores to isolate a few people (a team that answered
-- one question only, or one person who answered one more). Results by question are therefore
-- shown for a week only when every cell they are made of — each team's (and the answers
-- without a team's) respondents to each question — has none or at least the threshold, no
-- team is hidden that week (report_hidden_groups), and the selection itself is visible. Then
-- whatever can be added or subtracted is made of whole cells of at least the threshold.
-- $params: $min_group_size
-- grain: week × question
-- columns: week, question, hidden, score, favourable_pct, respondents
with weeks as (
    select * from report_weeks
),

cells as (
    select
        w.week,
        coalesce(p.question, '(no question)') as question,
        p.team,
        count(distinct p.respondent_key) as respondents
    from weeks as w
    join stg_pulse as p on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
    group by w.week, coalesce(p.question, '(no question)'), p.team
),

closed_weeks as (
    select week from cells where respondents < $min_group_size
    union
    select week from report_hidden_groups
),

answers as (
    select w.week, coalesce(p.question, '(no question)') as question, p.respondent_key, p.score_100
    from weeks as w
    join f_pulse as p on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
),

per_question as (
    select
        week,
        question,
        count(distinct respondent_key) as respondents,
        avg(score_100) as score,
        100.0 * count_if(round(score_100, 9) >= 75) / count(*) as favourable_pct
    from answers
    group by week, question
),

judged as (
    select
        *,
        week in (select week from closed_weeks)
            or bool_or(respondents < $min_group_size) over (partition by week) as hidden
    from per_question
)

select
    week,
    question,
    hidden,
    case when not hidden then score end as score,
    case when not hidden then favourable_pct end as favourable_pct,
    case when not hidden then respondents end as respondents
from judged
order by week, question
