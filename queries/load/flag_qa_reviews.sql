-- Whole-review rules for QA rows (SPEC §11): rows of one review in one file that disagree
-- on reviewed_at, agent or calibration (a blank is false) quarantine the review; one bad
-- row quarantines every row of its review.
-- $params: none
-- grain: updates stage_checked in place
update stage_checked
set problems = list_append(stage_checked.problems, {
    'column': 'review_id', 'value': stage_checked.review_id, 'reason': verdict.reason
})
from (
    select
        review_id,
        case
            when count(distinct reviewed_at) > 1 then 'rows of this review disagree on reviewed_at'
            when count(distinct agent) > 1 then 'rows of this review disagree on agent'
            when count(distinct calibration) > 1 then 'rows of this review disagree on calibration'
        end as disagreement,
        bool_or(len(problems) > 0) as has_bad_row,
        coalesce(disagreement, case when has_bad_row then 'another row of this review was quarantined' end)
            as reason
    from stage_checked
    where review_id is not null
    group by review_id
) as verdict
where stage_checked.review_id = verdict.review_id
    and verdict.reason is not null
    and (verdict.disagreement is not null or len(stage_checked.problems) = 0)
