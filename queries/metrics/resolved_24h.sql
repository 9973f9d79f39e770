-- resolved_24h (SPEC §4, §10): one resolution target of 24 calendar hours for every ticket
-- (due times are not used); decided at the earlier of the solve and the deadline;
-- met ÷ decided × 100 over the targets decided in the week.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company)
-- columns: metric_id, week, team, value, n, detail {met, decided}
with weeks as (
    select * from report_weeks
),

targets as (
    select
        team,
        solved_at,
        created_at + interval 24 hour as deadline,
        least(solved_at, created_at + interval 24 hour) as decided_at,
        coalesce(solved_at <= created_at + interval 24 hour, false) as met,
        -- the week of decided_at, from the staged weeks of the solve and of the deadline
        case
            when solved_at <= created_at + interval 24 hour then solved_week
            else deadline_24h_week
        end as decided_week
    from f_tickets
    -- Decided within 24 h of creation (a solve is never before creation): only tickets
    -- created from a day before the weeks in view can be decided in them.
    where created_at >= getvariable('sc_window_start') - interval 24 hour
        and created_at < getvariable('sc_window_end')
),

decided as (
    select w.week, t.team, t.met
    from targets as t
    join weeks as w on w.week = t.decided_week
    -- the weeks in view as constants: row groups outside them are skipped
    where t.decided_at >= getvariable('sc_window_start') and t.decided_at < getvariable('sc_window_end')
)

select
    'resolved_24h' as metric_id,
    week,
    team,
    100.0 * count_if(met) / count(*) as value,
    count(*) as n,
    map {'met': count_if(met), 'decided': count(*)} as detail
from decided
group by grouping sets ((week), (week, team))
having grouping(team) = 1 or team is not null
