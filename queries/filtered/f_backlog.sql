-- The backlog (SPEC §4, §10) at each week's end E, per team: tickets created before
-- E − backlog age and not solved at E, under the dashboard's filters (read from f_tickets).
-- A ticket is in the backlog from its backlog_week up to the week before its solved_week
-- (both staged), so each week's count is a running sum of tickets entering and leaving: one
-- pass over the tickets instead of a row per ticket and week.
-- $params: none (reads report_weeks, f_tickets and the session variable sc_window_start)
-- grain: week × team (team null: tickets without one), teams with a ticket in a backlog
-- columns: week, team, tickets
with weeks as (
    select * from report_weeks
),

window_weeks as (
    select min(week) as first_week, max(week) as last_week
    from weeks
),

backlog_spans as (
    select t.team, t.backlog_week, t.solved_week
    from f_tickets as t
    cross join window_weeks as v
    where t.backlog_week <= v.last_week
        and (t.solved_week is null or (t.solved_week > t.backlog_week and t.solved_week > v.first_week))
        -- implied by the line above; as a constant it skips row groups solved before the weeks
        and (t.solved_at is null or t.solved_at >= getvariable('sc_window_start'))
),

backlog_changes as (
    -- a ticket old enough before the first week in view enters at that week
    select greatest(s.backlog_week, v.first_week) as week, s.team, count(*) as change
    from backlog_spans as s
    cross join window_weeks as v
    group by 1, 2
    union all
    select solved_week as week, team, -count(*) as change
    from backlog_spans
    where solved_week is not null
    group by 1, 2
),

week_changes as (
    select week, team, sum(change) as change
    from backlog_changes
    group by week, team
),

team_weeks as (
    select w.week, c.team
    from weeks as w
    cross join (select distinct team from backlog_changes) as c
)

select
    tw.week,
    tw.team,
    cast(sum(coalesce(c.change, 0)) over (
        partition by tw.team order by tw.week rows between unbounded preceding and current row
    ) as bigint) as tickets
from team_weeks as tw
left join week_changes as c on c.week = tw.week and c.team is not distinct from tw.team
