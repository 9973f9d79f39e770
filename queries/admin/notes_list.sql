-- Every note, deleted ones included, newest week first.
-- $params: none
-- grain: one row per note
-- columns: note_id, metric_id, week, team, author, owner, text, status, created_at,
--          edited_at, deleted_at, versions
select
    n.note_id, n.metric_id, n.week, n.team, n.author, n.owner, n.text, n.status,
    n.created_at, n.edited_at, n.deleted_at,
    (select count(*) from note_history h where h.note_id = n.note_id) as versions
from notes as n
order by n.week desc, n.created_at desc
