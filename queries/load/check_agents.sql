-- Check and type staged roster rows (SPEC §6, §10, §11). Dates are calendar dates;
-- left_on is the first day the person is no longer employed.
-- $params: $latest_date (later dates are refused)
-- grain: one row per staged record
-- columns: _ord, _line, _key, _fp, problems, then every column of `agents` (typed)
with staged as (
    select * from stage_raw
),

typed as (
    select
        *,
        sc_blank(raw_agent_id) as agent_id,
        sc_date(raw_hired_on) as hired_on,
        sc_blank(raw_team) as team,
        sc_date(raw_left_on) as left_on,
        lower(sc_blank(raw_leave_type)) as leave_type
    from staged
),

checked as (
    select
        *,
        list_filter([
            sc_problem('agent_id', raw_agent_id, case when agent_id is null then 'required value is missing' end),
            sc_problem('hired_on', raw_hired_on, coalesce(
                case when sc_blank(raw_hired_on) is null then 'required value is missing' end,
                sc_date_problem(raw_hired_on),
                case when hired_on > $latest_date then 'more than one day after the load' end)),
            sc_problem('left_on', raw_left_on, coalesce(
                sc_date_problem(raw_left_on),
                case when left_on > $latest_date then 'more than one day after the load' end,
                case when left_on <= hired_on then 'left_on must be after hired_on' end)),
            sc_problem('leave_type', raw_leave_type, case
                when leave_type not in ('voluntary', 'involuntary', 'other')
                    then 'unknown leave type (expected voluntary, involuntary or other)'
            end)
        ], lambda p: p is not null) as problems
    from typed
)

select
    _ord,
    _line,
    agent_id as _key,
    case
        when len(problems) = 0 then hash(row(agent_id, hired_on, team, left_on, leave_type))
        else hash(row(raw_agent_id, raw_hired_on, raw_team, raw_left_on, raw_leave_type))
    end as _fp,
    problems,
    agent_id,
    hired_on,
    team,
    left_on,
    leave_type
from checked
