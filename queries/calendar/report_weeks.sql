-- Reporting weeks (SPEC §3): [Monday 00:00, next Monday 00:00) in the reporting zone.
-- $params: $tz (reporting time zone), $week_from, $week_to (Mondays, inclusive)
-- grain: one row per week
-- columns: week (the Monday), week_label (ISO, 2026-W47), week_start, week_end (instants),
--          last_day (the Sunday)
-- A wall-clock time is cast to timestamp where it is read in a zone (see scorecard/dialect.py).
select
    cast(monday as date) as week,
    strftime(monday, '%G-W%V') as week_label,
    timezone($tz, cast(monday as timestamp)) as week_start,
    timezone($tz, cast(monday + interval 7 day as timestamp)) as week_end,
    cast(monday + interval 6 day as date) as last_day
from (
    select unnest(generate_series(cast($week_from as timestamp), cast($week_to as timestamp), interval 7 day))
        as monday
) as weeks
