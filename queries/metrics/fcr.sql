-- fcr (SPEC §4): over tickets solved in the week with a known reply count, the share with
-- agent_replies ≤ 1 and reopens = 0 (a missing reopens counts as 0), × 100.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company)
-- columns: metric_id, week, team, value, n, detail {first_contact}
with weeks as (
    select * from report_weeks
),

solved as (
    select
        w.week,
        t.team,
        t.agent_replies <= 1 and coalesce(t.reopens, 0) = 0 as first_contact
    from f_tickets as t
    -- the reporting week each time falls in is staged with it
    join weeks as w on w.week = t.solved_week
    -- the weeks in view as constants: row groups outside them are skipped
    where t.solved_at >= getvariable('sc_window_start') and t.solved_at < getvariable('sc_window_end')
        and t.agent_replies is not null
)

select
    'fcr' as metric_id,
    week,
    team,
    100.0 * count_if(first_contact) / count(*) as value,
    count(*) as n,
    map {'first_contact': count_if(first_contact)} as detail
from solved
group by grouping sets ((week), (week, team))
having grouping(team) = 1 or team is not null
