-- A fingerprint of everything a scorecard shows: loads, notes, targets, owners and
-- snapshots, within one session. (The dashboard keys its caches on the files' identity,
-- db.version, which also sees writes by other processes.)
-- $params: none
-- grain: one row
-- columns: version
select concat_ws(
    '/',
    (select coalesce(max(load_id), 0) from load_log where status = 'loaded'),
    (select count(*) from note_history),
    (select count(*) from targets),
    (select count(*) from owners),
    (select count(*) from snapshots)
) as version
