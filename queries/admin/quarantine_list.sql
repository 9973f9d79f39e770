-- Quarantined rows with their reasons, newest load first.
-- $params: none
-- grain: one row per quarantined record
-- columns: load_id, file_name, kind, line, column, value, reasons, record
select load_id, file_name, kind, line, "column", value, array_to_string(reasons, '; ') as reasons, record
from quarantine
order by load_id desc, line
