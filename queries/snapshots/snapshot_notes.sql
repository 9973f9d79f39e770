-- The notes of a published snapshot, oldest first per metric.
-- $params: $snapshot_id
-- grain: one row per note
-- columns: metric_id, note_id, team, author, owner, text, status, created_at, edited_at
select metric_id, note_id, team, author, owner, text, status, created_at, edited_at
from snapshot_notes
where snapshot_id = $snapshot_id
order by metric_id, created_at, note_id
