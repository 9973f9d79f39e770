-- Check and type staged escalations (SPEC §6, §10, §11).
-- $params: $tz (zone of timestamps without an offset), $latest (later instants are refused)
-- grain: one row per staged record
-- columns: _ord, _line, _key, _fp, problems, then every column of `escalations` (typed)
with staged as (
    select * from stage_raw
),

typed as (
    select
        *,
        sc_ts_parts(raw_escalated_at) as escalated_parts,
        sc_ts_parts(raw_assigned_at) as assigned_parts,
        sc_ts_parts(raw_decided_at) as decided_parts,
        sc_blank(raw_ticket_id) as ticket_id,
        sc_int(raw_floor) as floor,
        sc_ts(sc_ts_parts(raw_escalated_at), $tz) as escalated_at,
        sc_ts(sc_ts_parts(raw_assigned_at), $tz) as assigned_at,
        sc_ts(sc_ts_parts(raw_decided_at), $tz) as decided_at
    from staged
),

checked as (
    select
        *,
        list_filter([
            sc_problem('ticket_id', raw_ticket_id, case when ticket_id is null then 'required value is missing' end),
            sc_problem('floor', raw_floor, case
                when sc_blank(raw_floor) is null then 'required value is missing'
                when floor is null or floor not in (2, 3) then 'escalation floor must be 2 or 3'
            end),
            sc_problem('escalated_at', raw_escalated_at, coalesce(
                case when sc_blank(raw_escalated_at) is null then 'required value is missing' end,
                sc_ts_problem(raw_escalated_at, escalated_parts),
                sc_future_problem(escalated_at, $latest))),
            sc_problem('assigned_at', raw_assigned_at, coalesce(
                sc_ts_problem(raw_assigned_at, assigned_parts),
                sc_future_problem(assigned_at, $latest),
                case when assigned_at < escalated_at then 'assigned before escalation' end)),
            sc_problem('decided_at', raw_decided_at, coalesce(
                sc_ts_problem(raw_decided_at, decided_parts),
                sc_future_problem(decided_at, $latest),
                case when decided_at < escalated_at then 'decided before escalation' end))
        ], lambda p: p is not null) as problems
    from typed
)

select
    _ord,
    _line,
    ticket_id || chr(31) || coalesce(cast(floor as varchar), '') as _key,
    case
        when len(problems) = 0 then hash(row(ticket_id, floor, escalated_at, assigned_at, decided_at))
        else hash(row(raw_ticket_id, raw_floor, raw_escalated_at, raw_assigned_at, raw_decided_at))
    end as _fp,
    problems,
    ticket_id,
    floor,
    escalated_at,
    assigned_at,
    decided_at
from checked
