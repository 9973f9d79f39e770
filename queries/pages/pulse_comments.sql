-- The pulse comments of the selected week (the last in view) for the company (or the teams the
-- filter selects), in an order that says nothing about who or when. Comments are words, so a
-- comment is shown only when the people who could have written it are at least
-- $min_comment_group_size (SPEC §5):
--   * the selection is visible that week (report_hidden_groups);
--   * its question was answered by at least the threshold in the selection;
--   * with a team filter on, every cell of the week — each team's (and the answers without a
--     team's) respondents to each question — has none or at least the threshold, so the
--     company's comments less a selection's are never a small group's.
-- $params: $min_comment_group_size
-- grain: comment
-- columns: question, comment
with week as (
    select * from report_weeks order by week desc limit 1
),

cells as (
    select coalesce(p.question, '(no question)') as question, p.team, count(distinct p.respondent_key) as respondents
    from week as w
    join stg_pulse as p on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
    group by coalesce(p.question, '(no question)'), p.team
),

answers as (
    select coalesce(p.question, '(no question)') as question, p.respondent_key, p.comment, p.row_key
    from week as w
    join f_pulse as p on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
),

open_questions as (
    select question
    from answers
    group by question
    having count(distinct respondent_key) >= $min_comment_group_size
),

week_open as (
    select
        not exists (
            select 1
            from report_hidden_groups as h
            join week as w on w.week = h.week
            where h.team is null
        ) as selection_visible,
        (select teams from report_filter) is null
            or not exists (select 1 from cells where respondents < $min_comment_group_size)
            as cells_large_enough
)

select a.question, a.comment
from answers as a
cross join week_open as o
where o.selection_visible
    and o.cells_large_enough
    and a.question in (select question from open_questions)
    and a.comment is not null
    and trim(a.comment) <> ''
order by md5(a.row_key)
