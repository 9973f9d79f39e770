-- One note of a published snapshot, as it read at publication.
-- $params: $snapshot_id, $metric_id, $note_id, $team, $author, $owner, $text, $status,
--          $created_at, $edited_at
-- grain: inserts one row
-- columns: none
insert into snapshot_notes (
    snapshot_id, metric_id, note_id, team, author, owner, text, status, created_at, edited_at
)
values (
    $snapshot_id, $metric_id, $note_id, $team, $author, $owner, $text, $status, $created_at,
    $edited_at
)
