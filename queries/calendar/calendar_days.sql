-- One row per calendar and day: its opening intervals (minutes after local midnight, with the
-- opening minutes of the day before each interval), its opening minutes (0 when closed by a
-- holiday or a closed date), and the running total of opening minutes before and after it.
-- Business time between two instants is then pos(b) − pos(a), where pos(x) = cum_before of
-- x's local day + the opening minutes of that day before x's local time: whole days × daily
-- hours through the running total, plus the partial first and last days, holidays subtracted.
-- $params: $first_day, $last_day
-- grain: calendar × day
-- columns: calendar_id, day, intervals, open_minutes, cum_before, cum_after
with days as (
    select cast(g.day as date) as day
    from generate_series(cast($first_day as timestamp), cast($last_day as timestamp), interval 1 day)
        as g(day)
),

weekly as (
    select
        calendar_id,
        weekday,
        list(
            {'o': open_minute, 'c': close_minute, 'before': before}
            order by open_minute
        ) as intervals,
        sum(close_minute - open_minute) as minutes
    from (
        select
            *,
            coalesce(
                sum(close_minute - open_minute) over (
                    partition by calendar_id, weekday order by open_minute
                    rows between unbounded preceding and 1 preceding
                ),
                0
            ) as before
        from calendar_hours
    )
    group by calendar_id, weekday
),

calendar_dates as (
    select
        c.calendar_id,
        d.day,
        case when closed.day is null then coalesce(w.intervals, []) else [] end as intervals,
        case when closed.day is null then coalesce(w.minutes, 0) else 0 end as open_minutes
    from calendars as c
    cross join days as d
    left join weekly as w on w.calendar_id = c.calendar_id and w.weekday = isodow(d.day)
    left join (select distinct calendar_id, day from calendar_closed) as closed
        on closed.calendar_id = c.calendar_id and closed.day = d.day
)

select
    calendar_id,
    day,
    intervals,
    open_minutes,
    coalesce(
        sum(open_minutes) over (
            partition by calendar_id order by day rows between unbounded preceding and 1 preceding
        ),
        0
    ) as cum_before,
    sum(open_minutes) over (
        partition by calendar_id order by day rows between unbounded preceding and current row
    ) as cum_after
from calendar_dates
