-- A new note on a metric for a week (team null: the company).
-- $params: $metric_id, $week, $team, $author, $owner, $text, $status
-- grain: inserts one row
-- columns: note_id
insert into notes (note_id, metric_id, week, team, author, owner, text, status, created_at)
values (nextval('note_id_seq'), $metric_id, $week, $team, $author, $owner, $text, $status, now())
returning note_id
