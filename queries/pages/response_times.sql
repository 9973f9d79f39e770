-- The first responses and solves decided in each week, one row per ticket and measure: the
-- distributions of the SLA page.
-- $params: none (reads report_weeks and f_response_times)
-- grain: week × ticket × measure
-- columns: week, ticket_id, team, priority, channel, measure, calendar_value, business_value
select w.week, r.ticket_id, r.team, r.priority, r.channel, r.measure, r.calendar_value, r.business_value
from report_weeks as w
join f_response_times as r on r.decided_week = w.week
        -- the weeks in view as constants: row groups outside them are skipped
        and r.decided_at >= getvariable('sc_window_start') and r.decided_at < getvariable('sc_window_end')
-- a download reads the same every time
order by w.week, r.measure, r.ticket_id
