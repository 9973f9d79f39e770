-- Storage schema of the loaded data (the data file). Idempotent: run by every writer of it.
-- App state (targets, owners, notes, snapshots) lives in the state file: schema_state.sql.
-- Loaded tables hold the canonical form of SPEC §6; `row_key` is the replacement key
-- (a later load of a key replaces the earlier row), `load_id` the load that wrote the row.

create sequence if not exists load_id_seq start 1;

create table if not exists meta (
    key varchar not null,
    value varchar
);

create table if not exists load_log (
    load_id bigint not null,
    file_name varchar not null,
    file_path varchar,
    checksum varchar,
    kind varchar,
    source varchar,
    source_timezone varchar,
    status varchar not null,          -- loaded | skipped | refused
    rows_read bigint,
    rows_loaded bigint,
    rows_replaced bigint,
    rows_quarantined bigint,
    message varchar,
    started_at timestamptz not null,
    finished_at timestamptz
);

create table if not exists quarantine (
    load_id bigint not null,
    file_name varchar not null,
    kind varchar,
    line bigint,                       -- physical line where the record starts (CSV header = 1)
    "column" varchar,                  -- first offending column
    value varchar,                     -- its raw value
    reasons varchar[] not null,        -- every reason, "column: reason"
    record varchar                     -- the raw record, so nothing is lost
);

create table if not exists tickets (
    row_key varchar not null,
    ticket_id varchar not null,
    created_at timestamptz not null,
    first_response_at timestamptz,
    first_response_minutes double,
    solved_at timestamptz,
    status varchar not null,
    priority varchar not null,
    channel varchar,
    team varchar not null,
    assignee varchar,
    requester varchar,
    agent_replies integer,
    reopens integer,
    floor integer,
    first_response_business_minutes double,
    resolution_business_minutes double,
    first_response_due_at timestamptz,
    resolution_due_at timestamptz,
    load_id bigint not null,
    source_line bigint
);

create table if not exists csat (
    row_key varchar not null,
    ticket_id varchar not null,
    rated_at timestamptz not null,
    score double not null,
    scale_min double not null,
    scale_max double not null,
    comment varchar,
    load_id bigint not null,
    source_line bigint
);

create table if not exists pulse (
    row_key varchar not null,
    response_id varchar,
    submitted_at timestamptz not null,
    score double not null,
    respondent varchar,
    team varchar,
    question varchar,
    scale_min double not null,
    scale_max double not null,
    comment varchar,
    load_id bigint not null,
    source_line bigint
);

create table if not exists qa_reviews (
    row_key varchar not null,
    review_id varchar not null,
    category varchar,
    reviewed_at timestamptz not null,
    agent varchar not null,
    score double,                      -- null: an N/A category
    reviewer varchar,
    ticket_id varchar,
    scale_min double not null,
    scale_max double not null,
    weight double not null,
    critical boolean not null,
    calibration boolean not null,
    load_id bigint not null,
    source_line bigint
);

create table if not exists agents (
    row_key varchar not null,
    agent_id varchar not null,
    hired_on date not null,
    team varchar,
    left_on date,
    leave_type varchar,
    load_id bigint not null,
    source_line bigint
);

create table if not exists escalations (
    row_key varchar not null,
    ticket_id varchar not null,
    floor integer not null,
    escalated_at timestamptz not null,
    assigned_at timestamptz,
    decided_at timestamptz,
    load_id bigint not null,
    source_line bigint
);

-- The SLA policy, read from data/sla_policy.csv.
create table if not exists sla_policy (
    priority varchar not null,
    first_response_minutes double not null,
    resolution_minutes double not null,
    clock varchar not null
);

-- Business-hours calendars (data/calendars.toml), and one row per calendar day with the
-- opening minutes before it: business time between two instants is a difference of
-- positions, a deadline an as-of lookup (see queries/calendar/).
create table if not exists calendars (
    calendar_id varchar not null,
    timezone varchar not null,
    is_default boolean not null
);

create table if not exists calendar_hours (
    calendar_id varchar not null,
    weekday integer not null,          -- ISO: 1 = Monday … 7 = Sunday
    open_minute double not null,       -- minutes after local midnight
    close_minute double not null
);

create table if not exists calendar_closed (
    calendar_id varchar not null,
    day date not null,
    reason varchar
);

create table if not exists team_calendars (
    team varchar not null,
    calendar_id varchar not null
);

create table if not exists calendar_days (
    calendar_id varchar not null,
    day date not null,
    intervals struct(o double, c double, before double)[] not null,
    open_minutes double not null,
    cum_before double not null,        -- business minutes from the first day to this day
    cum_after double not null
);
