-- Pulse results per question and week for the company (or the teams the filter selects): the
-- mean answer on 0–100, the favourable share (answers ≥ 75) and the respondents.
-- Anonymity (SPEC §5) per question, on top of the week's hidden groups (report_hidden_groups):
--   * a team is hidden for a question when it is hidden that week or fewer than the threshold
--     answered the question; when the company's answers to the question are visible and what
--     they hold beyond the visible teams is a small group (exactly one hidden team, or hidden
--     teams plus answers without a team under the threshold), the other team with the fewest
--     respondents to it is hidden too — the week-level rule, question by question;
--   * a selection's question is hidden when fewer than the threshold answered it, when the
--     selection is hidden that week, or (a team filter on) when it holds a team hidden for it;
--   * and when any question of a selection's week is hidden, all of that week's questions are,
--     else the hidden one could be worked out from the week's pulse score and the others.
-- $params: $min_group_size
-- grain: week × question
-- columns: week, question, hidden, score, favourable_pct, respondents
with weeks as (
    select * from report_weeks
),

every_answer as (
    select w.week, coalesce(p.question, '(no question)') as question, p.team, p.respondent_key
    from weeks as w
    join stg_pulse as p on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
),

team_questions as (
    select week, question, team, count(distinct respondent_key) as respondents
    from every_answer
    where team is not null
    group by week, question, team
),

company_questions as (
    select week, question, count(distinct respondent_key) as respondents
    from every_answer
    group by week, question
),

below_threshold as (
    select q.week, q.question, q.team
    from team_questions as q
    left join report_hidden_groups as h on h.week = q.week and h.team = q.team
    where q.respondents < $min_group_size or h.team is not null
),

remainder as (
    select a.week, a.question, count(distinct a.respondent_key) as respondents
    from every_answer as a
    left join below_threshold as b on b.week = a.week and b.question = a.question and b.team = a.team
    where a.team is null or b.team is not null
    group by a.week, a.question
),

exposed as (
    select week, question from below_threshold group by week, question having count(*) = 1
    union
    select week, question from remainder where respondents < $min_group_size
),

subtraction as (
    select
        q.week,
        q.question,
        arg_min(q.team, {'respondents': q.respondents, 'team': q.team}) as team
    from team_questions as q
    join company_questions as c on c.week = q.week and c.question = q.question
    join exposed as e on e.week = q.week and e.question = q.question
    where c.respondents >= $min_group_size
        and (q.week, q.question, q.team) not in (select (week, question, team) from below_threshold)
    group by q.week, q.question
),

hidden_team_questions as (
    select week, question, team from below_threshold
    union
    select week, question, team from subtraction
),

answers as (
    select w.week, coalesce(p.question, '(no question)') as question, p.team, p.respondent_key, p.score_100
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

holds_hidden as (
    select distinct a.week, a.question
    from answers as a
    join hidden_team_questions as h on h.week = a.week and h.question = a.question and h.team = a.team
    where (select teams from report_filter) is not null
),

judged_questions as (
    select
        q.*,
        q.respondents < $min_group_size
            or q.week in (select week from report_hidden_groups where team is null)
            or (q.week, q.question) in (select (week, question) from holds_hidden) as question_hidden
    from per_question as q
),

judged as (
    select *, bool_or(question_hidden) over (partition by week) as hidden
    from judged_questions
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
