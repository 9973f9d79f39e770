-- The load log, newest first.
-- $params: none
-- grain: one row per load attempt
-- columns: load_id, file_name, kind, status, rows_read, rows_loaded, rows_replaced,
--          rows_quarantined, message, started_at, checksum
select
    load_id, file_name, kind, status, rows_read, rows_loaded, rows_replaced, rows_quarantined,
    message, started_at, checksum
from load_log
order by load_id desc
