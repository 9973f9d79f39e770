-- How the selected week's first responses and solves were spread: tickets per duration
-- bucket, on the calendar and on the business clock. Buckets follow the SLA policy's steps.
-- $params: none (reads report_weeks and f_response_times)
-- grain: measure × clock × bucket
-- columns: measure, clock, bucket_order, bucket, tickets
with week as (
    select * from report_weeks order by week desc limit 1
),

decided as (
    select r.measure, r.calendar_value, r.business_value
    from week as w
    join f_response_times as r on r.decided_week = w.week
        -- the weeks in view as constants: row groups outside them are skipped
        and r.decided_at >= getvariable('sc_window_start') and r.decided_at < getvariable('sc_window_end')
),

both_clocks as (
    select measure, 'calendar' as clock, calendar_value as value from decided
    union all
    select measure, 'business' as clock, business_value as value from decided
    where business_value is not null
),

edges as (
    -- (measure, upper bound, label): minutes for FRT, hours for resolution.
    select * from (values
        ('frt', 5, '< 5 min'), ('frt', 15, '5–15 min'), ('frt', 30, '15–30 min'),
        ('frt', 60, '30–60 min'), ('frt', 240, '1–4 h'), ('frt', 480, '4–8 h'),
        ('frt', 1440, '8–24 h'), ('frt', 'Infinity'::double, '> 24 h'),
        ('resolution_time', 1, '< 1 h'), ('resolution_time', 4, '1–4 h'),
        ('resolution_time', 8, '4–8 h'), ('resolution_time', 24, '8–24 h'),
        ('resolution_time', 72, '1–3 d'), ('resolution_time', 168, '3–7 d'),
        ('resolution_time', 'Infinity'::double, '> 7 d')
    ) as e(measure, upper_bound, bucket)
),

ordered_edges as (
    select
        *,
        row_number() over (partition by measure order by upper_bound) as bucket_order,
        coalesce(lag(upper_bound) over (partition by measure order by upper_bound), '-Infinity'::double)
            as lower_bound
    from edges
)

select e.measure, c.clock, e.bucket_order, e.bucket, count(b.value) as tickets
from ordered_edges as e
cross join (select 'calendar' as clock union all select 'business') as c
left join both_clocks as b
    on b.measure = e.measure and b.clock = c.clock
    and b.value >= e.lower_bound and b.value < e.upper_bound
group by e.measure, c.clock, e.bucket_order, e.bucket
order by e.measure, c.clock, e.bucket_order
