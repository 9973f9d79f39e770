-- Every version of every note, oldest first.
-- $params: none
-- grain: one row per note version
-- columns: note_id, version, text, status, owner, deleted, changed_by, changed_at
select note_id, version, text, status, owner, deleted, changed_by, changed_at
from note_history
order by note_id, version
