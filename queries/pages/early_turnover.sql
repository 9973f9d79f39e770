-- Who left in the year up to the selected week's last day d (left_on in [d − 363, d], as
-- turnover counts them), by how long they had stayed — within 90 days of hire, within a year —
-- and voluntary or not; for the company, or the teams the filter selects. Hidden (counts null)
-- when the group is hidden for anonymity (report_hidden_headcounts).
-- $params: none (reads report_weeks, f_agents, report_hidden_headcounts)
-- grain: one row
-- columns: hidden, leavers, within_90_days, within_a_year, voluntary, involuntary, other
with week as (
    select * from report_weeks order by week desc limit 1
),

leavers as (
    select a.*, a.left_on - a.hired_on as days_employed
    from week as w
    join f_agents as a on a.left_on between w.last_day - 363 and w.last_day
),

counts as (
    select
        count(*) as leavers,
        count_if(days_employed <= 90) as within_90_days,
        count_if(days_employed <= 365) as within_a_year,
        count_if(leave_type = 'voluntary') as voluntary,
        count_if(leave_type = 'involuntary') as involuntary,
        count_if(leave_type is null or leave_type = 'other') as other
    from leavers
),

judged as (
    select
        c.*,
        exists (
            select 1
            from report_hidden_headcounts as h
            join week as w on w.week = h.week
            where h.team is null
        ) as hidden
    from counts as c
)

select
    hidden,
    case when not hidden then leavers end as leavers,
    case when not hidden then within_90_days end as within_90_days,
    case when not hidden then within_a_year end as within_a_year,
    case when not hidden then voluntary end as voluntary,
    case when not hidden then involuntary end as involuntary,
    case when not hidden then other end as other
from judged
