-- QA reviews scored (SPEC §4 qa_score, §10).
-- A category score is (score − min) ÷ (max − min) × 100; N/A categories (no score) are left
-- out; the review score is the weight-averaged category score, 0 when a critical category
-- scores below 50. A review with no category rows uses its overall score as given.
-- Reviews whose categories are all N/A (or weigh nothing) have no score.
-- $params: none
-- grain: one row per review
-- columns: review_id, reviewed_at, agent, team (the agent's team in the roster),
--          calibration, review_score (null when it has none), critical_fail
with review_rows as (
    select
        *,
        (score - scale_min) / (scale_max - scale_min) * 100 as rescaled,
        category is not null and score is not null as scored_category
    from qa_reviews
),

reviews as (
    select
        review_id,
        -- Rows of one review from different loads may disagree: the latest load wins.
        arg_max(reviewed_at, load_id) as reviewed_at,
        arg_max(agent, load_id) as agent,
        bool_or(calibration) as calibration,
        bool_or(category is not null) as has_categories,
        sum(weight * rescaled) filter (where scored_category) as weighted_sum,
        sum(weight) filter (where scored_category) as weight_sum,
        coalesce(bool_or(critical and round(rescaled, 9) < 50) filter (where scored_category), false)
            as critical_fail,
        max(rescaled) filter (where category is null) as overall_score
    from review_rows
    group by review_id
)

select
    r.review_id,
    r.reviewed_at,
    r.agent,
    a.team,
    r.calibration,
    case
        when not r.has_categories then r.overall_score
        when r.weight_sum is null then null
        when r.critical_fail then 0
        when r.weight_sum > 0 then r.weighted_sum / r.weight_sum
    end as review_score,
    r.critical_fail
from reviews as r
left join agents as a on a.agent_id = r.agent
