-- Edit a note (null leaves a field as it is) or soft-delete it.
-- $params: $note_id, $text, $status, $owner, $deleted
-- grain: updates at most one row
-- columns: note_id
update notes
set
    text = coalesce($text, text),
    status = coalesce($status, status),
    owner = coalesce($owner, owner),
    edited_at = now(),
    deleted_at = case when $deleted then coalesce(deleted_at, now()) else deleted_at end
where note_id = $note_id
returning note_id
