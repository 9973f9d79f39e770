-- agent_turnover (SPEC §4, §10): at the week's last day d, separations with left_on in
-- [d − 363, d] ÷ the mean headcount over the 52 days d, d − 7, …, d − 357, × 100.
-- headcount(x) counts agents with hired_on ≤ x and (left_on null or left_on > x).
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company; agents.team)
-- columns: metric_id, week, team, value, n (headcount on d), detail {separations,
--          voluntary, involuntary, mean_headcount}
with weeks as (
    select * from report_weeks
),

sample_days as (
    select w.week, s.k, w.last_day - cast(7 * s.k as integer) as day
    from weeks as w
    cross join (select unnest(range(52)) as k) as s
),

headcounts as (
    select d.week, d.k, a.team, grouping(a.team) = 1 as is_company, count(*) as agents
    from sample_days as d
    join f_agents as a on a.hired_on <= d.day and (a.left_on is null or a.left_on > d.day)
    group by grouping sets ((d.week, d.k), (d.week, d.k, a.team))
    having grouping(a.team) = 1 or a.team is not null
),

mean_headcounts as (
    select
        week,
        team,
        is_company,
        -- Days with nobody employed count as zero in the mean of 52 samples.
        sum(agents) / 52.0 as mean_headcount,
        coalesce(sum(agents) filter (where k = 0), 0) as agents_on_last_day
    from headcounts
    group by week, team, is_company
),

separations as (
    select
        w.week,
        a.team,
        grouping(a.team) = 1 as is_company,
        count(*) as separations,
        count_if(a.leave_type = 'voluntary') as voluntary,
        count_if(a.leave_type = 'involuntary') as involuntary
    from weeks as w
    join f_agents as a on a.left_on between w.last_day - 363 and w.last_day
    group by grouping sets ((w.week), (w.week, a.team))
)

select
    'agent_turnover' as metric_id,
    h.week,
    h.team,
    100.0 * coalesce(s.separations, 0) / h.mean_headcount as value,
    h.agents_on_last_day as n,
    map {
        'separations': coalesce(s.separations, 0),
        'voluntary': coalesce(s.voluntary, 0),
        'involuntary': coalesce(s.involuntary, 0),
        'mean_headcount': h.mean_headcount
    } as detail
from mean_headcounts as h
left join separations as s
    on s.week = h.week and s.is_company = h.is_company and s.team is not distinct from h.team
