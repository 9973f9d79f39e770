-- Quarantine the records the reader could not split into fields.
-- $params: $load_id, $file_name, $kind
-- grain: inserts one row per rejected record
insert into quarantine (load_id, file_name, kind, line, "column", value, reasons, record)
select $load_id, $file_name, $kind, _line, null, null, reasons, record
from stage_rejects
