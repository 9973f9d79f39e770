-- Storage schema of the app state (the state file): what people write — targets, owners,
-- notes — and the published snapshots. Kept apart from the loaded data so a load and a note
-- or a publish never wait for each other (see db.py). Idempotent: run by every writer of it.

create sequence if not exists note_id_seq start 1;
create sequence if not exists snapshot_id_seq start 1;

create table if not exists state_meta (
    key varchar not null,
    value varchar
);

-- Targets and owners are revised from a date on; history is never rewritten.
create table if not exists targets (
    metric_id varchar not null,
    operator varchar not null,
    target double not null,
    effective_from date not null,
    set_by varchar not null,
    set_at timestamptz not null
);

create table if not exists owners (
    metric_id varchar not null,
    owner varchar not null,
    effective_from date not null,
    set_by varchar not null,
    set_at timestamptz not null
);

create table if not exists notes (
    note_id bigint not null,
    metric_id varchar not null,
    week date not null,                -- the Monday of the reporting week
    team varchar,                      -- null: the company as a whole
    author varchar not null,
    owner varchar,
    text varchar not null,
    status varchar not null,           -- open | in progress | done
    created_at timestamptz not null,
    edited_at timestamptz,
    deleted_at timestamptz
);

-- Every version of every note, so edits keep their history.
create table if not exists note_history (
    note_id bigint not null,
    version integer not null,
    author varchar not null,
    owner varchar,
    text varchar not null,
    status varchar not null,
    deleted boolean not null,
    changed_by varchar not null,
    changed_at timestamptz not null
);


-- Published snapshots (SPEC §7). Append-only: a revision is written once, in one
-- transaction, and never updated or deleted; publishing a week again adds a revision.
-- `content_sha` seals the frozen content so any later alteration shows when it is read.
create table if not exists snapshots (
    snapshot_id bigint not null,
    week date not null,                -- the Monday of the published week
    revision integer not null,         -- 1, 2, … per week
    published_by varchar not null,
    published_at timestamptz not null,
    week_start timestamptz not null,
    week_end timestamptz not null,     -- exclusive
    reporting_timezone varchar not null,
    fingerprint varchar not null,      -- sha256 of the loads and settings the figures came from
    loads varchar not null,            -- JSON list of those loads
    content_sha varchar not null
);

create table if not exists snapshot_metrics (
    snapshot_id bigint not null,
    position integer not null,
    metric_id varchar not null,
    label varchar not null,
    unit varchar not null,
    headline boolean not null,
    value double,
    target double,
    operator varchar,
    status varchar not null,
    owner varchar,
    n bigint
);

create table if not exists snapshot_notes (
    snapshot_id bigint not null,
    metric_id varchar not null,
    note_id bigint not null,
    team varchar,
    author varchar not null,
    owner varchar,
    text varchar not null,
    status varchar not null,
    created_at timestamptz not null,
    edited_at timestamptz
);

-- The weeks before the published one, as computed at publication: the frozen charts.
create table if not exists snapshot_series (
    snapshot_id bigint not null,
    metric_id varchar not null,
    week date not null,
    value double,
    target double,
    operator varchar,
    status varchar not null
);
