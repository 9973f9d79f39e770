-- Each team's workload beside its morale, week by week, and the weeks where morale fell after
-- workload rose. Workload: tickets solved in the week per agent employed on its last day, and
-- the team's backlog (SPEC §4) at its end per agent. Morale: the team's pulse score where the
-- team is visible (anonymity), else null.
-- The flag rule: a week's workload rises when solved per agent is at least (1 + $rise_share)
-- times its average over the $baseline_weeks weeks before. A week is flagged when, within
-- $within_weeks weeks after such a rise, the team's morale is at least $dip_points points below
-- its average over the $baseline_weeks weeks before the rise (visible weeks only).
-- $params: $rise_share, $dip_points, $within_weeks, $baseline_weeks
-- grain: team × week
-- columns: team, week, solved, agents, backlog, solved_per_agent, backlog_per_agent, morale,
--          workload_rise, morale_dip, rise_week (the rise a dip follows), morale_before_rise
with weeks as (
    select * from report_weeks
),

solved as (
    select w.week, t.team, count(*) as solved
    from f_tickets as t
    -- the reporting week each time falls in is staged with it
    join weeks as w on w.week = t.solved_week
    -- the weeks in view as constants: row groups outside them are skipped
    where t.solved_at >= getvariable('sc_window_start') and t.solved_at < getvariable('sc_window_end')
    group by w.week, t.team
),

backlog as (
    -- f_backlog has a row per team with a ticket in a backlog (the null team aside)
    select week, team, tickets as backlog
    from f_backlog
    where team is not null
),

headcount as (
    select w.week, a.team, count(*) as agents
    from weeks as w
    join f_agents as a on a.hired_on <= w.last_day and (a.left_on is null or a.left_on > w.last_day)
    where a.team is not null
    group by w.week, a.team
),

morale as (
    select w.week, p.team, avg(p.score_100) as morale
    from f_pulse as p
    asof join weeks as w on p.submitted_at >= w.week_start
    where p.submitted_at < w.week_end
        and p.submitted_at >= getvariable('sc_window_start') and p.submitted_at < getvariable('sc_window_end')
        and p.team is not null
    group by w.week, p.team
),

team_weeks as (
    select
        h.team,
        h.week,
        coalesce(s.solved, 0) as solved,
        h.agents,
        coalesce(b.backlog, 0) as backlog,
        coalesce(s.solved, 0) / h.agents as solved_per_agent,
        coalesce(b.backlog, 0) / h.agents as backlog_per_agent,
        case when hidden.team is null then m.morale end as morale
    from headcount as h
    left join solved as s on s.week = h.week and s.team = h.team
    left join backlog as b on b.week = h.week and b.team = h.team
    left join morale as m on m.week = h.week and m.team = h.team
    left join report_hidden_groups as hidden on hidden.week = h.week and hidden.team = h.team
),

baselines as (
    select
        *,
        avg(solved_per_agent) over past as workload_before,
        count(solved_per_agent) over past as workload_weeks_before,
        avg(morale) over past as morale_before
    from team_weeks
    window past as (
        partition by team order by week
        rows between cast($baseline_weeks as integer) preceding and 1 preceding
    )
),

rises as (
    select team, week as rise_week, morale_before
    from baselines
    where workload_weeks_before >= 2
        and workload_before > 0
        and solved_per_agent >= (1 + $rise_share) * workload_before
),

dips as (
    select
        b.team,
        b.week,
        min(r.rise_week) as rise_week,
        arg_min(r.morale_before, r.rise_week) as morale_before_rise
    from baselines as b
    join rises as r
        on r.team = b.team
        and b.week > r.rise_week
        and b.week <= r.rise_week + to_weeks(cast($within_weeks as integer))
    where b.morale is not null and b.morale <= r.morale_before - $dip_points
    group by b.team, b.week
)

select
    b.team,
    b.week,
    b.solved,
    b.agents,
    b.backlog,
    b.solved_per_agent,
    b.backlog_per_agent,
    b.morale,
    b.week in (select rise_week from rises as r where r.team = b.team) as workload_rise,
    d.week is not null as morale_dip,
    d.rise_week,
    d.morale_before_rise
from baselines as b
left join dips as d on d.team = b.team and d.week = b.week
order by b.team, b.week
