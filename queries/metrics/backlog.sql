-- backlog (SPEC §4, §10): at the week's end E, tickets created before E − backlog age and
-- not solved at E (no final solve, or a solve at or after E); counted per team in f_backlog.
-- Zero is a value: the company and every team with tickets have a backlog every week; with
-- no tickets loaded, no data.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company)
-- columns: metric_id, week, team, value, n, detail {}
with weeks as (
    select * from report_weeks
),

backlog_counts as (
    select week, team, grouping(team) = 1 as is_company, sum(tickets) as tickets
    from f_backlog
    group by grouping sets ((week), (week, team))
),

ticket_groups as (
    select team, grouping(team) = 1 as is_company
    from f_tickets
    group by grouping sets ((), (team))
    -- count(*) > 0: the empty grouping set yields a row even when no ticket is loaded.
    having count(*) > 0 and (grouping(team) = 1 or team is not null)
),

measured_groups as (
    select w.week, g.team, g.is_company
    from weeks as w
    cross join ticket_groups as g
)

select
    'backlog' as metric_id,
    g.week,
    g.team,
    cast(coalesce(b.tickets, 0) as double) as value,
    cast(coalesce(b.tickets, 0) as bigint) as n,
    cast(map() as map(varchar, double)) as detail
from measured_groups as g
left join backlog_counts as b
    on b.week = g.week and b.is_company = g.is_company and b.team is not distinct from g.team
