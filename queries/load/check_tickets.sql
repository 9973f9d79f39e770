-- Check and type staged ticket rows (SPEC §6, §10, §11).
-- $params: $tz (zone of timestamps without an offset), $latest (later instants are refused)
-- grain: one row per staged record
-- columns: _ord, _line, _key, _fp, problems, then every column of `tickets` (typed)
with staged as (
    select * from stage_raw
),

parsed as (
    select
        *,
        sc_ts_parts(raw_created_at) as created_parts,
        sc_ts_parts(raw_first_response_at) as first_response_parts,
        sc_ts_parts(raw_solved_at) as solved_parts,
        sc_ts_parts(raw_first_response_due_at) as first_response_due_parts,
        sc_ts_parts(raw_resolution_due_at) as resolution_due_parts,
        case lower(trim(raw_status))
            when 'on-hold' then 'hold' when 'on hold' then 'hold' else lower(trim(raw_status))
        end as status_word,
        case lower(trim(raw_priority)) when 'medium' then 'normal' else lower(trim(raw_priority)) end
            as priority_word
    from staged
),

typed as (
    select
        *,
        sc_blank(raw_ticket_id) as ticket_id,
        sc_ts(created_parts, $tz) as created_at,
        sc_ts(first_response_parts, $tz) as first_response_at,
        sc_num(raw_first_response_minutes) as first_response_minutes,
        sc_ts(solved_parts, $tz) as solved_at,
        nullif(status_word, '') as status,
        coalesce(nullif(priority_word, ''), 'normal') as priority,
        sc_blank(raw_channel) as channel,
        coalesce(sc_blank(raw_team), 'Unassigned') as team,
        sc_blank(raw_assignee) as assignee,
        sc_blank(raw_requester) as requester,
        sc_int(raw_agent_replies) as agent_replies,
        sc_int(raw_reopens) as reopens,
        sc_int(raw_floor) as floor,
        sc_num(raw_first_response_business_minutes) as first_response_business_minutes,
        sc_num(raw_resolution_business_minutes) as resolution_business_minutes,
        sc_ts(first_response_due_parts, $tz) as first_response_due_at,
        sc_ts(resolution_due_parts, $tz) as resolution_due_at
    from parsed
),

checked as (
    select
        *,
        list_filter([
            sc_problem('ticket_id', raw_ticket_id, case when ticket_id is null then 'required value is missing' end),
            sc_problem('created_at', raw_created_at, coalesce(
                case when sc_blank(raw_created_at) is null then 'required value is missing' end,
                sc_ts_problem(raw_created_at, created_parts),
                sc_future_problem(created_at, $latest))),
            sc_problem('first_response_at', raw_first_response_at, coalesce(
                sc_ts_problem(raw_first_response_at, first_response_parts),
                sc_future_problem(first_response_at, $latest),
                case when first_response_at < created_at then 'first response before creation' end)),
            sc_problem('first_response_minutes', raw_first_response_minutes, coalesce(
                sc_num_problem(raw_first_response_minutes),
                case when first_response_minutes < 0 then 'negative duration' end)),
            sc_problem('solved_at', raw_solved_at, coalesce(
                sc_ts_problem(raw_solved_at, solved_parts),
                sc_future_problem(solved_at, $latest),
                case when solved_at < created_at then 'solved before creation' end,
                case
                    when status in ('solved', 'closed') and sc_blank(raw_solved_at) is null
                    then 'a ' || status || ' ticket needs solved_at'
                end)),
            sc_problem('status', raw_status, case
                when status is null then 'required value is missing'
                when status not in ('new', 'open', 'pending', 'hold', 'solved', 'closed')
                    then 'unknown status (expected new, open, pending, hold, solved or closed)'
            end),
            sc_problem('priority', raw_priority, case
                when priority not in ('urgent', 'high', 'normal', 'low')
                    then 'unknown priority (expected urgent, high, normal or low)'
            end),
            sc_problem('agent_replies', raw_agent_replies, sc_count_problem(raw_agent_replies)),
            sc_problem('reopens', raw_reopens, sc_count_problem(raw_reopens)),
            sc_problem('floor', raw_floor, case
                when sc_blank(raw_floor) is not null and (floor is null or floor not between 1 and 3)
                    then 'floor must be 1, 2 or 3'
            end),
            sc_problem('first_response_business_minutes', raw_first_response_business_minutes, coalesce(
                sc_num_problem(raw_first_response_business_minutes),
                case when first_response_business_minutes < 0 then 'negative duration' end)),
            sc_problem('resolution_business_minutes', raw_resolution_business_minutes, coalesce(
                sc_num_problem(raw_resolution_business_minutes),
                case when resolution_business_minutes < 0 then 'negative duration' end)),
            sc_problem('first_response_due_at', raw_first_response_due_at,
                sc_ts_problem(raw_first_response_due_at, first_response_due_parts)),
            sc_problem('resolution_due_at', raw_resolution_due_at,
                sc_ts_problem(raw_resolution_due_at, resolution_due_parts))
        ], lambda p: p is not null) as problems
    from typed
)

select
    _ord,
    _line,
    ticket_id as _key,
    case
        when len(problems) = 0 then hash(row(
            ticket_id, created_at, first_response_at, first_response_minutes, solved_at, status,
            priority, channel, team, assignee, requester, agent_replies, reopens, floor,
            first_response_business_minutes, resolution_business_minutes, first_response_due_at,
            resolution_due_at
        ))
        else hash(row(
            raw_ticket_id, raw_created_at, raw_first_response_at, raw_first_response_minutes,
            raw_solved_at, raw_status, raw_priority, raw_channel, raw_team, raw_assignee,
            raw_requester, raw_agent_replies, raw_reopens, raw_floor,
            raw_first_response_business_minutes, raw_resolution_business_minutes,
            raw_first_response_due_at, raw_resolution_due_at
        ))
    end as _fp,
    problems,
    ticket_id,
    created_at,
    first_response_at,
    first_response_minutes,
    solved_at,
    status,
    priority,
    channel,
    team,
    assignee,
    requester,
    agent_replies,
    reopens,
    floor,
    first_response_business_minutes,
    resolution_business_minutes,
    first_response_due_at,
    resolution_due_at
from checked
