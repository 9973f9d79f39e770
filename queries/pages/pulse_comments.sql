-- The pulse comments of the selected week (the last in view) for the company (or the teams the
-- filter selects), shown only when the group is visible and at least the comment threshold of
-- people answered; in an order that says nothing about who or when.
-- $params: $min_comment_group_size
-- grain: comment
-- columns: question, comment
with week as (
    select * from report_weeks order by week desc limit 1
),

answers as (
    select p.*
    from week as w
    join f_pulse as p on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
),

allowed as (
    select count(distinct respondent_key) >= $min_comment_group_size as allowed
    from answers
    where (select week from week) not in (select week from report_hidden_groups where team is null)
)

select question, comment
from answers
where (select allowed from allowed) and comment is not null and trim(comment) <> ''
order by md5(row_key)
