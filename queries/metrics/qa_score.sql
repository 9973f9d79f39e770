-- qa_score (SPEC §4): over QA reviews done in the week, calibration reviews excluded,
-- the mean review score (see stg_qa_reviews). Reviews without a score are left out.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company; the reviewed agent's team)
-- columns: metric_id, week, team, value, n, detail {critical_fails}
with weeks as (
    select * from report_weeks
),

reviews as (
    select w.week, r.team, r.review_score, r.critical_fail
    from f_qa_reviews as r
    -- the week a time falls in
    join weeks as w on r.reviewed_at >= w.week_start and r.reviewed_at < w.week_end
    -- the weeks in view as constants: row groups outside them are skipped
    where r.reviewed_at >= getvariable('sc_window_start') and r.reviewed_at < getvariable('sc_window_end')
        and not r.calibration and r.review_score is not null
)

select
    'qa_score' as metric_id,
    week,
    team,
    avg(review_score) as value,
    count(*) as n,
    map {'critical_fails': count_if(critical_fail)} as detail
from reviews
group by grouping sets ((week), (week, team))
having grouping(team) = 1 or team is not null
