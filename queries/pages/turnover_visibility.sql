-- Which teams' turnover may be shown per week. Leavers are people, so the pulse's minimum-size
-- rule applies to headcount on the week's last day: a team under the threshold is hidden, and
-- when the company is shown and exactly one team is hidden, the smallest other team is hidden
-- too (else the hidden one could be worked out from the total).
-- $params: $min_group_size
-- grain: week × team
-- columns: week, team, agents, hidden
with weeks as (
    select * from report_weeks
),

headcount as (
    select w.week, a.team, count(*) as agents
    from weeks as w
    join agents as a on a.hired_on <= w.last_day and (a.left_on is null or a.left_on > w.last_day)
    where a.team is not null
    group by w.week, a.team
),

small as (
    select week, team from headcount where agents < $min_group_size
),

second as (
    select h.week, arg_min(h.team, {'agents': h.agents, 'team': h.team}) as team
    from headcount as h
    where h.agents >= $min_group_size
        and h.week in (select week from small group by week having count(*) = 1)
    group by h.week
)

select
    h.week,
    h.team,
    h.agents,
    (h.week, h.team) in (select (week, team) from small union all select (week, team) from second)
        as hidden
from headcount as h
order by h.week, h.team
