-- QA per week, calibration reviews excluded: reviews with a score, the share passing (score
-- ≥ $pass_score) and the share failed by a critical category.
-- $params: $pass_score
-- grain: week
-- columns: week, reviews, pass_rate, critical_fail_rate
with weeks as (
    select * from report_weeks
),

reviews as (
    select w.week, r.review_score, r.critical_fail
    from f_qa_reviews as r
    -- the week a time falls in: the latest starting at or before it (weeks are contiguous)
    asof join weeks as w on r.reviewed_at >= w.week_start
    where r.reviewed_at < w.week_end
        -- the weeks in view as constants: row groups outside them are skipped
        and r.reviewed_at >= getvariable('sc_window_start') and r.reviewed_at < getvariable('sc_window_end')
        and not r.calibration and r.review_score is not null
)

select
    week,
    count(*) as reviews,
    100.0 * count_if(round(review_score, 9) >= $pass_score) / count(*) as pass_rate,
    100.0 * count_if(critical_fail) / count(*) as critical_fail_rate
from reviews
group by week
order by week
