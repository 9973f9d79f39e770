-- A fingerprint of everything a scorecard shows: loads, notes, targets and owners. Cached
-- results are keyed on it, so a new load or a note shows at once.
-- $params: none
-- grain: one row
-- columns: version
select concat_ws(
    '/',
    (select coalesce(max(load_id), 0) from load_log where status = 'loaded'),
    (select count(*) from note_history),
    (select count(*) from targets),
    (select count(*) from owners)
) as version
