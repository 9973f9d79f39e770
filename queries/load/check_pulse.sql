-- Check and type staged pulse answers (SPEC §6, §11).
-- $params: $tz (zone of timestamps without an offset), $latest (later instants are refused)
-- grain: one row per staged record
-- columns: _ord, _line, _key, _fp, problems, then every column of `pulse` (typed)
with staged as (
    select * from stage_raw
),

typed as (
    select
        *,
        sc_ts_parts(raw_submitted_at) as submitted_parts,
        sc_ts(sc_ts_parts(raw_submitted_at), $tz) as submitted_at,
        sc_num(raw_score) as score,
        sc_blank(raw_response_id) as response_id,
        sc_blank(raw_respondent) as respondent,
        sc_blank(raw_team) as team,
        nullif(raw_question, '') as question,
        coalesce(sc_num(raw_scale_min), 1) as scale_min,
        coalesce(sc_num(raw_scale_max), 5) as scale_max,
        raw_comment as comment
    from staged
),

checked as (
    select
        *,
        list_filter([
            sc_problem('submitted_at', raw_submitted_at, coalesce(
                case when sc_blank(raw_submitted_at) is null then 'required value is missing' end,
                sc_ts_problem(raw_submitted_at, submitted_parts),
                sc_future_problem(submitted_at, $latest))),
            sc_problem('scale_min', raw_scale_min, sc_num_problem(raw_scale_min)),
            sc_problem('scale_max', raw_scale_max, coalesce(
                sc_num_problem(raw_scale_max),
                case when scale_min >= scale_max then 'scale_max must be greater than scale_min' end)),
            sc_problem('score', raw_score, coalesce(
                case when sc_blank(raw_score) is null then 'required value is missing' end,
                sc_num_problem(raw_score),
                case when score not between scale_min and scale_max then 'score outside the scale' end))
        ], lambda p: p is not null) as problems
    from typed
),

fingerprinted as (
    select
        *,
        md5(case
            when len(problems) = 0 then row(
                response_id, submitted_at, score, respondent, team, question, scale_min, scale_max, comment
            )::varchar
            else row(
                raw_response_id, raw_submitted_at, raw_score, raw_respondent, raw_team,
                raw_question, raw_scale_min, raw_scale_max, raw_comment
            )::varchar
        end) as _fp
    from checked
)

select
    _ord,
    _line,
    -- Answers without a response_id are keyed by their whole content (SPEC §10).
    coalesce('id:' || response_id, 'row:' || _fp) as _key,
    _fp,
    problems,
    response_id,
    submitted_at,
    score,
    respondent,
    team,
    question,
    scale_min,
    scale_max,
    comment
from fingerprinted
