-- Who left in the year up to the selected week's last day d (left_on in [d − 363, d], as
-- turnover counts them), by how long they had stayed: within 90 days of hire, within a year,
-- longer; and voluntary or not. For the company, or the teams the filter selects.
-- $params: none (reads report_weeks and f_agents)
-- grain: one row
-- columns: leavers, within_90_days, within_a_year, voluntary, involuntary, other
with week as (
    select * from report_weeks order by week desc limit 1
),

leavers as (
    select a.*, a.left_on - a.hired_on as days_employed
    from week as w
    join f_agents as a on a.left_on between w.last_day - 363 and w.last_day
)

select
    count(*) as leavers,
    count_if(days_employed <= 90) as within_90_days,
    count_if(days_employed <= 365) as within_a_year,
    count_if(leave_type = 'voluntary') as voluntary,
    count_if(leave_type = 'involuntary') as involuntary,
    count_if(leave_type is null or leave_type = 'other') as other
from leavers
