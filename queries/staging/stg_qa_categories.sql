-- QA category scores as QA tools show them: rescaled to 0–100, without the critical zeroing
-- of the review score; N/A categories left out.
-- $params: none
-- grain: one row per review × scored category
-- columns: review_id, category, reviewed_at, agent, team, calibration, rescaled, weight,
--          critical, critical_fail (a critical category below 50)
with review_rows as (
    select * from qa_reviews
),

reviews as (
    select review_id, bool_or(calibration) as calibration
    from review_rows
    group by review_id
)

select
    r.review_id,
    r.category,
    r.reviewed_at,
    r.agent,
    a.team,
    v.calibration,
    (r.score - r.scale_min) / (r.scale_max - r.scale_min) * 100 as rescaled,
    r.weight,
    r.critical,
    r.critical and round((r.score - r.scale_min) / (r.scale_max - r.scale_min) * 100, 9) < 50
        as critical_fail
from review_rows as r
join reviews as v on v.review_id = r.review_id
left join agents as a on a.agent_id = r.agent
where r.category is not null and r.score is not null
