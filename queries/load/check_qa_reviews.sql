-- Check and type staged QA review rows (SPEC §6, §10, §11). A row is one category of a
-- review, or a review's overall score when it has no category.
-- $params: $tz (zone of timestamps without an offset), $latest (later instants are refused)
-- grain: one row per staged record
-- columns: _ord, _line, _key, _fp, problems, then every column of `qa_reviews` (typed)
with staged as (
    select * from stage_raw
),

typed as (
    select
        *,
        sc_ts_parts(raw_reviewed_at) as reviewed_parts,
        sc_blank(raw_review_id) as review_id,
        sc_blank(raw_category) as category,
        sc_ts(sc_ts_parts(raw_reviewed_at), $tz) as reviewed_at,
        sc_blank(raw_agent) as agent,
        sc_num(raw_score) as score,
        sc_blank(raw_reviewer) as reviewer,
        sc_blank(raw_ticket_id) as ticket_id,
        coalesce(sc_num(raw_scale_min), 0) as scale_min,
        coalesce(sc_num(raw_scale_max), 100) as scale_max,
        coalesce(sc_num(raw_weight), 1) as weight,
        coalesce(sc_bool(raw_critical), false) as critical,
        coalesce(sc_bool(raw_calibration), false) as calibration
    from staged
),

checked as (
    select
        *,
        list_filter([
            sc_problem('review_id', raw_review_id, case when review_id is null then 'required value is missing' end),
            sc_problem('reviewed_at', raw_reviewed_at, coalesce(
                case when sc_blank(raw_reviewed_at) is null then 'required value is missing' end,
                sc_ts_problem(raw_reviewed_at, reviewed_parts),
                sc_future_problem(reviewed_at, $latest))),
            sc_problem('agent', raw_agent, case when agent is null then 'required value is missing' end),
            sc_problem('scale_min', raw_scale_min, sc_num_problem(raw_scale_min)),
            sc_problem('scale_max', raw_scale_max, coalesce(
                sc_num_problem(raw_scale_max),
                case when scale_min >= scale_max then 'scale_max must be greater than scale_min' end)),
            sc_problem('score', raw_score, coalesce(
                case
                    when sc_blank(raw_score) is null and category is null
                    then 'an overall score (no category) may not be empty'
                end,
                sc_num_problem(raw_score),
                case when score not between scale_min and scale_max then 'score outside the scale' end)),
            sc_problem('weight', raw_weight, coalesce(
                sc_num_problem(raw_weight),
                case when weight < 0 then 'negative weight' end)),
            sc_problem('critical', raw_critical, sc_bool_problem(raw_critical)),
            sc_problem('calibration', raw_calibration, sc_bool_problem(raw_calibration))
        ], lambda p: p is not null) as problems
    from typed
)

select
    _ord,
    _line,
    review_id || chr(31) || coalesce(category, '') as _key,
    case
        when len(problems) = 0 then hash(row(
            review_id, category, reviewed_at, agent, score, reviewer, ticket_id, scale_min,
            scale_max, weight, critical, calibration
        ))
        else hash(row(
            raw_review_id, raw_category, raw_reviewed_at, raw_agent, raw_score, raw_reviewer,
            raw_ticket_id, raw_scale_min, raw_scale_max, raw_weight, raw_critical, raw_calibration
        ))
    end as _fp,
    problems,
    review_id,
    category,
    reviewed_at,
    agent,
    score,
    reviewer,
    ticket_id,
    scale_min,
    scale_max,
    weight,
    critical,
    calibration
from checked
