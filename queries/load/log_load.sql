-- One line of the load log (loaded or refused files).
-- $params: $load_id, $file_name, $file_path, $checksum, $kind, $source, $tz, $status,
--          $rows_read, $rows_loaded, $rows_replaced, $rows_quarantined, $message, $started_at
-- grain: inserts one row
insert into load_log (
    load_id, file_name, file_path, checksum, kind, source, source_timezone, status,
    rows_read, rows_loaded, rows_replaced, rows_quarantined, message, started_at, finished_at
)
values (
    $load_id, $file_name, $file_path, $checksum, $kind, $source, $tz, $status,
    $rows_read, $rows_loaded, $rows_replaced, $rows_quarantined, $message, $started_at, now()
)
