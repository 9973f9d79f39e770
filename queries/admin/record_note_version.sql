-- Keep the note as it now stands as its next version.
-- $params: $note_id, $changed_by
-- grain: inserts one row
insert into note_history (
    note_id, version, author, owner, text, status, deleted, changed_by, changed_at
)
select
    note_id,
    coalesce((select max(version) from note_history where note_id = $note_id), 0) + 1,
    author,
    owner,
    text,
    status,
    deleted_at is not null,
    $changed_by,
    now()
from notes
where note_id = $note_id
