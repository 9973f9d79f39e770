-- The selected week (the last in view) broken down by priority, channel and team: FRT and
-- resolution medians with their n, and SLA targets met of decided.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: dimension × value
-- columns: dimension ('priority' | 'channel' | 'team'), value, frt_median, frt_n,
--          resolution_median, resolution_n, sla_met, sla_decided, sla_adherence
with week as (
    select * from report_weeks order by week desc limit 1
),

durations as (
    select r.*
    from week as w
    join f_response_times as r on r.decided_week = w.week
        -- the weeks in view as constants: row groups outside them are skipped
        and r.decided_at >= getvariable('sc_window_start') and r.decided_at < getvariable('sc_window_end')
),

decided_targets as (
    select s.*
    from week as w
    join f_sla_targets as s on s.decided_week = w.week
        -- the weeks in view as constants: row groups outside them are skipped
        and s.decided_at >= getvariable('sc_window_start') and s.decided_at < getvariable('sc_window_end')
),

response_by as (
    select
        case when grouping(priority) = 0 then 'priority' when grouping(channel) = 0 then 'channel' else 'team' end
            as dimension,
        coalesce(priority, channel, team) as value,
        quantile_cont(calendar_value, 0.5) filter (where measure = 'frt') as frt_median,
        count(*) filter (where measure = 'frt') as frt_n,
        quantile_cont(calendar_value, 0.5) filter (where measure = 'resolution_time') as resolution_median,
        count(*) filter (where measure = 'resolution_time') as resolution_n
    from durations
    group by grouping sets ((priority), (channel), (team))
),

sla_by as (
    select
        case when grouping(priority) = 0 then 'priority' when grouping(channel) = 0 then 'channel' else 'team' end
            as dimension,
        coalesce(priority, channel, team) as value,
        count_if(met) as sla_met,
        count(*) as sla_decided
    from decided_targets
    group by grouping sets ((priority), (channel), (team))
)

select
    coalesce(r.dimension, s.dimension) as dimension,
    coalesce(r.value, s.value, '(none)') as value,
    r.frt_median,
    coalesce(r.frt_n, 0) as frt_n,
    r.resolution_median,
    coalesce(r.resolution_n, 0) as resolution_n,
    coalesce(s.sla_met, 0) as sla_met,
    coalesce(s.sla_decided, 0) as sla_decided,
    100.0 * s.sla_met / s.sla_decided as sla_adherence
from response_by as r
full join sla_by as s on s.dimension = r.dimension and s.value is not distinct from r.value
order by dimension, value
