-- Category scores as QA tools show them (rescaled 0–100, no critical zeroing, N/A left out),
-- calibration reviews excluded, per week and category; for critical categories, the share
-- scoring below 50.
-- $params: none (reads report_weeks and f_qa_categories)
-- grain: week × category
-- columns: week, category, score, reviews, critical, critical_fail_rate
with weeks as (
    select * from report_weeks
)

select
    w.week,
    c.category,
    avg(c.rescaled) as score,
    count(*) as reviews,
    bool_or(c.critical) as critical,
    case when bool_or(c.critical) then 100.0 * count_if(c.critical_fail) / count_if(c.critical) end
        as critical_fail_rate
from f_qa_categories as c
-- the week a time falls in: the latest starting at or before it (weeks are contiguous)
asof join weeks as w on c.reviewed_at >= w.week_start
where c.reviewed_at < w.week_end
    -- the weeks in view as constants: row groups outside them are skipped
    and c.reviewed_at >= getvariable('sc_window_start') and c.reviewed_at < getvariable('sc_window_end')
    and not c.calibration
group by w.week, c.category
order by w.week, c.category
