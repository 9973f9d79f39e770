-- The pulse groups hidden for anonymity (SPEC §5, §10) in each week in view: every view of
-- pulse figures — scorecard, heatmap, questions, comments, participation, workload flags — reads
-- this one list. Groups are judged as they are, before any dashboard filter:
--   * a group (a team, or the company) with fewer distinct respondents than the threshold;
--   * subtraction rule: when the company is visible and what the company holds beyond the
--     visible teams could be worked out by subtraction and is a small group — exactly one team
--     below the threshold (SPEC §10), or teams below it plus answers without a team that
--     together have fewer respondents than the threshold — the other team with the fewest
--     respondents (then the first name) is hidden too;
--   * the row without a team — the company, or the union of the teams a filter selects — is
--     hidden when it has too few respondents itself or holds a hidden team (else that team could
--     be worked out by subtraction from the selection).
-- With no answers at all a group is not hidden: it has no data.
-- $params: $min_group_size, $selected_teams (varchar[] or null)
-- grain: week × team (team null = the company or the selection)
-- columns: week, team
with weeks as (
    select * from report_weeks
),

groups as (
    select w.week, p.team, grouping(p.team) = 1 as is_company, count(distinct p.respondent_key) as respondents
    from weeks as w
    join stg_pulse as p on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
        -- the weeks in view as constants: row groups outside them are skipped
        and p.submitted_at >= getvariable('sc_window_start') and p.submitted_at < getvariable('sc_window_end')
    group by grouping sets ((w.week), (w.week, p.team))
    having grouping(p.team) = 1 or p.team is not null
),

below_threshold as (
    select week, team
    from groups
    where not is_company and respondents < $min_group_size
),

-- What the company holds beyond its visible teams: the answers of the teams below the
-- threshold and the answers without a team.
remainder as (
    select w.week, count(distinct p.respondent_key) as respondents
    from weeks as w
    join stg_pulse as p on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
        -- the weeks in view as constants: row groups outside them are skipped
        and p.submitted_at >= getvariable('sc_window_start') and p.submitted_at < getvariable('sc_window_end')
    left join below_threshold as b on b.week = w.week and b.team = p.team
    where p.team is null or b.team is not null
    group by w.week
),

exposed_weeks as (
    select week from below_threshold group by week having count(*) = 1
    union
    select week from remainder where respondents < $min_group_size
),

subtraction as (
    select g.week, arg_min(g.team, {'respondents': g.respondents, 'team': g.team}) as team
    from groups as g
    where not g.is_company
        and g.respondents >= $min_group_size
        and g.week in (select week from groups where is_company and respondents >= $min_group_size)
        and g.week in (select week from exposed_weeks)
    group by g.week
),

hidden_teams as (
    select week, team from below_threshold
    union
    select week, team from subtraction
),

selection as (
    select w.week, count(distinct p.respondent_key) as respondents
    from weeks as w
    join f_pulse as p on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
        -- the weeks in view as constants: row groups outside them are skipped
        and p.submitted_at >= getvariable('sc_window_start') and p.submitted_at < getvariable('sc_window_end')
    group by w.week
),

hidden_selection as (
    select week from selection where respondents < $min_group_size
    union
    select week
    from hidden_teams
    where $selected_teams is not null and list_contains(cast($selected_teams as varchar[]), team)
)

select week, team from hidden_teams
union
select week, null::varchar as team from hidden_selection
