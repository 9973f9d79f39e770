-- The roster groups hidden for anonymity in each week in view: turnover is about people who
-- left, so it follows the pulse's minimum-size rule (SPEC §5) on the people the figure is
-- made of — the agents employed at some time in its year (hired by the week's last day d, and
-- still there or leaving on or after d − 363):
--   * a team with fewer people than the threshold;
--   * subtraction rule: when the company is visible and what it holds beyond the visible
--     teams is a small group (exactly one hidden team, or hidden teams plus agents without a
--     team that together are fewer than the threshold), the other team with the fewest people
--     (then the first name) is hidden too;
--   * the row without a team — the company, or the union of the teams a filter selects — is
--     hidden when it has too few people itself or holds a hidden team.
-- $params: $min_group_size, $selected_teams (varchar[] or null)
-- grain: week × team (team null = the company or the selection)
-- columns: week, team
with weeks as (
    select * from report_weeks
),

people as (
    select w.week, a.agent_id, a.team
    from weeks as w
    join agents as a
        on a.hired_on <= w.last_day and (a.left_on is null or a.left_on >= w.last_day - 363)
),

groups as (
    select week, team, grouping(team) = 1 as is_company, count(distinct agent_id) as people
    from people
    group by grouping sets ((week), (week, team))
    having grouping(team) = 1 or team is not null
),

below_threshold as (
    select week, team
    from groups
    where not is_company and people < $min_group_size
),

remainder as (
    select p.week, count(distinct p.agent_id) as people
    from people as p
    left join below_threshold as b on b.week = p.week and b.team = p.team
    where p.team is null or b.team is not null
    group by p.week
),

exposed_weeks as (
    select week from below_threshold group by week having count(*) = 1
    union
    select week from remainder where people < $min_group_size
),

subtraction as (
    select g.week, arg_min(g.team, {'people': g.people, 'team': g.team}) as team
    from groups as g
    where not g.is_company
        and g.people >= $min_group_size
        and g.week in (select week from groups where is_company and people >= $min_group_size)
        and g.week in (select week from exposed_weeks)
    group by g.week
),

hidden_teams as (
    select week, team from below_threshold
    union
    select week, team from subtraction
),

selection as (
    select w.week, count(distinct a.agent_id) as people
    from weeks as w
    join f_agents as a
        on a.hired_on <= w.last_day and (a.left_on is null or a.left_on >= w.last_day - 363)
    group by w.week
),

hidden_selection as (
    select week from selection where people < $min_group_size
    union
    select week
    from hidden_teams
    where $selected_teams is not null and list_contains(cast($selected_teams as varchar[]), team)
)

select week, team from hidden_teams
union
select week, null::varchar as team from hidden_selection
