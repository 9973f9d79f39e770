-- Check and type staged customer ratings (SPEC §6, §11). Canonical scores are numbers.
-- $params: $tz (zone of timestamps without an offset), $latest (later instants are refused)
-- grain: one row per staged record
-- columns: _ord, _line, _key, _fp, problems, then every column of `csat` (typed)
with staged as (
    select * from stage_raw
),

typed as (
    select
        *,
        sc_ts_parts(raw_rated_at) as rated_parts,
        sc_blank(raw_ticket_id) as ticket_id,
        sc_ts(sc_ts_parts(raw_rated_at), $tz) as rated_at,
        sc_num(raw_score) as score,
        coalesce(sc_num(raw_scale_min), 1) as scale_min,
        coalesce(sc_num(raw_scale_max), 5) as scale_max,
        raw_comment as comment
    from staged
),

checked as (
    select
        *,
        list_filter([
            sc_problem('ticket_id', raw_ticket_id, case when ticket_id is null then 'required value is missing' end),
            sc_problem('rated_at', raw_rated_at, coalesce(
                case when sc_blank(raw_rated_at) is null then 'required value is missing' end,
                sc_ts_problem(raw_rated_at, rated_parts),
                sc_future_problem(rated_at, $latest))),
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
)

select
    _ord,
    _line,
    ticket_id || chr(31) || coalesce(cast(rated_at as varchar), '') as _key,
    case
        when len(problems) = 0 then hash(row(ticket_id, rated_at, score, scale_min, scale_max, comment))
        else hash(row(raw_ticket_id, raw_rated_at, raw_score, raw_scale_min, raw_scale_max, raw_comment))
    end as _fp,
    problems,
    ticket_id,
    rated_at,
    score,
    scale_min,
    scale_max,
    comment
from checked
