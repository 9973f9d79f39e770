-- The scorecard: every metric × week × group with its value, n, target in force, owner then,
-- status (SPEC §2, §10), anonymity (SPEC §5) and the owners' notes (SPEC §7).
-- Reads the temp tables report_weeks, report_metric_values (the union of queries/metrics/
-- on the filtered relations), report_hidden_groups and report_hidden_headcounts (anonymity).
-- $params: $metric_ids (varchar[], display order), $teams (varchar[] of teams to show, or
--          null for every team with data), $with_company (boolean), $selection_notes_team (the
--          team whose notes the row without a team shows: the one selected team, else null for
--          the company's notes), $near_tolerance
-- grain: metric × week × group (team null = the company)
-- columns: metric_id, position, week, week_label, week_start, week_end, team, value, n,
--          detail, operator, target, owner, status, notes
with weeks as (
    select * from report_weeks
),

metric_values as (
    select * from report_metric_values
),

metric_list as (
    select metric_id, list_position(cast($metric_ids as varchar[]), metric_id) as position
    from (select unnest(cast($metric_ids as varchar[])) as metric_id) as m
),

groups as (
    select null::varchar as team where $with_company
    union all
    select distinct team
    from metric_values
    where team is not null and $teams is null
    union all
    select unnest(cast($teams as varchar[])) as team
),

-- Anonymity (SPEC §5, §10): the groups hidden in each week (queries/scorecard/hidden_groups.sql).
suppressed_groups as (
    select * from report_hidden_groups
),

-- Turnover is about people too: the roster groups hidden the same way
-- (queries/scorecard/hidden_headcounts.sql).
suppressed_headcounts as (
    select * from report_hidden_headcounts
),

targets_in_force as (
    select
        w.week,
        t.metric_id,
        arg_max(t.operator, {'effective_from': t.effective_from, 'set_at': t.set_at}) as operator,
        arg_max(t.target, {'effective_from': t.effective_from, 'set_at': t.set_at}) as target
    from weeks as w
    join targets as t on t.effective_from <= w.week
    group by w.week, t.metric_id
),

owners_in_force as (
    select
        w.week,
        o.metric_id,
        arg_max(o.owner, {'effective_from': o.effective_from, 'set_at': o.set_at}) as owner
    from weeks as w
    join owners as o on o.effective_from <= w.week
    group by w.week, o.metric_id
),

notes_by_cell as (
    select
        metric_id,
        week,
        team,
        list(
            {
                'note_id': note_id,
                'text': text,
                'author': author,
                'owner': owner,
                'status': status,
                'created_at': created_at,
                'edited_at': edited_at
            }
            order by created_at, note_id
        ) as notes
    from notes
    where deleted_at is null
    group by metric_id, week, team
),

cells as (
    select m.metric_id, m.position, w.week, w.week_label, w.week_start, w.week_end, g.team
    from metric_list as m
    cross join weeks as w
    cross join groups as g
),

measured as (
    select
        c.*,
        v.value,
        v.n,
        v.detail,
        (c.metric_id in ('morale_pulse', 'pulse_participation') and s.week is not null)
            or (c.metric_id = 'agent_turnover' and sh.week is not null) as is_suppressed,
        t.operator,
        t.target,
        o.owner,
        coalesce(nb.notes, []) as notes
    from cells as c
    left join metric_values as v
        on v.metric_id = c.metric_id and v.week = c.week and v.team is not distinct from c.team
    left join suppressed_groups as s
        on s.week = c.week and s.team is not distinct from c.team
    left join suppressed_headcounts as sh
        on sh.week = c.week and sh.team is not distinct from c.team
    left join targets_in_force as t on t.metric_id = c.metric_id and t.week = c.week
    left join owners_in_force as o on o.metric_id = c.metric_id and o.week = c.week
    left join notes_by_cell as nb
        on nb.metric_id = c.metric_id
        and nb.week = c.week
        and nb.team is not distinct from coalesce(c.team, $selection_notes_team)
),

judged as (
    select
        *,
        round(value, 9) as judged_value,
        case
            when operator = '<' then round(value, 9) < target
            when operator = '<=' then round(value, 9) <= target
            when operator = '>' then round(value, 9) > target
            when operator = '>=' then round(value, 9) >= target
        end as target_met,
        round(abs(round(value, 9) - target), 9) <= round($near_tolerance * abs(target), 9)
            as within_tolerance
    from measured
)

select
    metric_id,
    position,
    week,
    week_label,
    week_start,
    week_end,
    team,
    case when not is_suppressed then value end as value,
    case when not is_suppressed then coalesce(n, 0) end as n,
    case when not is_suppressed then detail end as detail,
    operator,
    target,
    owner,
    case
        when is_suppressed then 'suppressed'
        when value is null then 'no_data'
        when target is null then 'no_target'
        when target_met then 'met'
        when within_tolerance then 'near'
        else 'missed'
    end as status,
    notes
from judged
order by week, team nulls first, position
