-- floor1_resolution (SPEC §4, §10): over tickets solved in the week with a known floor,
-- the share whose highest floor is 1, × 100. No floor information loaded at all: no data.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company)
-- columns: metric_id, week, team, value, n, detail {floor1}
with weeks as (
    select * from report_weeks
),

solved as (
    select w.week, t.team, t.highest_floor = 1 as on_floor1
    from f_tickets as t
    -- the reporting week each time falls in is staged with it
    join weeks as w on w.week = t.solved_week
    -- the weeks in view as constants: row groups outside them are skipped
    where t.solved_at >= getvariable('sc_window_start') and t.solved_at < getvariable('sc_window_end')
        and t.highest_floor is not null
)

select
    'floor1_resolution' as metric_id,
    week,
    team,
    100.0 * count_if(on_floor1) / count(*) as value,
    count(*) as n,
    map {'floor1': count_if(on_floor1)} as detail
from solved
group by grouping sets ((week), (week, team))
having grouping(team) = 1 or team is not null
