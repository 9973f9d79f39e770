-- A published snapshot's header (its rows follow in the same transaction).
-- $params: $week, $revision, $published_by, $published_at, $week_start, $week_end,
--          $reporting_timezone, $fingerprint, $loads, $content_sha
-- grain: inserts one row
-- columns: snapshot_id
insert into snapshots (
    snapshot_id, week, revision, published_by, published_at, week_start, week_end,
    reporting_timezone, fingerprint, loads, content_sha
)
values (
    nextval('snapshot_id_seq'), $week, $revision, $published_by, $published_at, $week_start,
    $week_end, $reporting_timezone, $fingerprint, $loads, $content_sha
)
returning snapshot_id
