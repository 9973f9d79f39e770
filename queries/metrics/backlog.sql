-- backlog (SPEC §4): at the week's end E, tickets created before E − backlog age and not
-- solved at E (no final solve, or a solve at or after E). A group with tickets created
-- before E has a backlog (0 is a value); a group with none has no data.
-- $params: none (reads report_weeks)
-- grain: week × team (team null = the company)
-- columns: metric_id, week, team, value, n, detail {}
with weeks as (
    select * from report_weeks
),

open_tickets as (
    select w.week, t.team
    from weeks as w
    join stg_tickets as t
        on t.created_at < w.backlog_cutoff
        and (t.solved_at is null or t.solved_at >= w.week_end)
),

backlog_counts as (
    select week, team, grouping(team) = 1 as is_company, count(*) as tickets
    from open_tickets
    group by grouping sets ((week), (week, team))
),

first_tickets as (
    select team, grouping(team) = 1 as is_company, min(created_at) as first_created_at
    from stg_tickets
    group by grouping sets ((), (team))
),

measured_groups as (
    select w.week, f.team, f.is_company
    from weeks as w
    join first_tickets as f on f.first_created_at < w.week_end
    where f.is_company or f.team is not null
)

select
    'backlog' as metric_id,
    g.week,
    g.team,
    cast(coalesce(b.tickets, 0) as double) as value,
    coalesce(b.tickets, 0) as n,
    cast(map() as map(varchar, double)) as detail
from measured_groups as g
left join backlog_counts as b
    on b.week = g.week and b.is_company = g.is_company and b.team is not distinct from g.team
