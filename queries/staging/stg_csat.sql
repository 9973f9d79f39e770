-- Customer ratings with their ticket's team (SPEC §4 csat, §10).
-- $params: $tz (reporting time zone)
-- grain: one row per rating
-- columns: ticket_id, rated_at, team (null when the ticket is not loaded), priority,
--          channel, rescaled (0–1), comment, satisfied, rated_week (the Monday of the
--          reporting week of rated_at)
with ratings as (
    select * from csat
),

rescaled as (
    select
        r.ticket_id,
        r.rated_at,
        t.team,
        t.priority,
        t.channel,
        (r.score - r.scale_min) / (r.scale_max - r.scale_min) as rescaled,
        r.comment
    from ratings as r
    left join tickets as t on t.ticket_id = r.ticket_id
)

select
    *,
    -- Rounded so that 0.75 computed in floating point is still 0.75.
    round(rescaled, 9) >= 0.75 as satisfied,
    cast(date_trunc('week', timezone($tz, rated_at)) as date) as rated_week
from rescaled
-- Stored in time order: queries for a few weeks then read only their row groups.
order by rated_at
