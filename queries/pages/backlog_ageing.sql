-- Open tickets at the selected week's end E (created before E, not solved at E), by age at E
-- in buckets, per team and per priority.
-- $params: none (reads report_weeks and f_tickets)
-- grain: dimension × value × bucket
-- columns: dimension ('team' | 'priority'), value, bucket, bucket_order, tickets
with week as (
    select * from report_weeks order by week desc limit 1
),

open_at_end as (
    select
        t.team,
        t.priority,
        (epoch_us(w.week_end) - epoch_us(t.created_at)) / 86400000000 as age_days
    from week as w
    join f_tickets as t
        on t.created_at < w.week_end and (t.solved_at is null or t.solved_at >= w.week_end)
),

bucketed as (
    select
        *,
        case
            when age_days < 1 then 1 when age_days < 3 then 2 when age_days < 7 then 3
            when age_days < 14 then 4 when age_days < 30 then 5 else 6
        end as bucket_order
    from open_at_end
)

select
    case when grouping(team) = 0 then 'team' else 'priority' end as dimension,
    coalesce(team, priority) as value,
    (['< 1 d', '1–3 d', '3–7 d', '7–14 d', '14–30 d', '> 30 d'])[bucket_order] as bucket,
    bucket_order,
    count(*) as tickets
from bucketed
group by grouping sets ((team, bucket_order), (priority, bucket_order))
order by dimension, value, bucket_order
