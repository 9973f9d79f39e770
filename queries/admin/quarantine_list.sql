-- Quarantined rows with their reasons, newest load first. Pulse answers are about people's
-- morale (SPEC §5: no per-person pulse view): their values and records stay in the database,
-- for whoever owns the export, but are not shown; the reasons name only columns.
-- $params: none
-- grain: one row per quarantined record
-- columns: load_id, file_name, kind, line, column, value, reasons, record
select
    load_id,
    file_name,
    kind,
    line,
    "column",
    case when kind = 'pulse' then '(withheld: pulse answer)' else value end as value,
    case
        when kind = 'pulse' and "column" is null then 'unreadable record (details withheld: pulse answer)'
        else array_to_string(reasons, '; ')
    end as reasons,
    case when kind = 'pulse' then '(withheld: pulse answer)' else record end as record
from quarantine
order by load_id desc, line
