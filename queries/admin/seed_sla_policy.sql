-- The SLA policy from data/sla_policy.csv (read again on every read-write open).
-- $params: $path
-- grain: inserts one row per priority
insert into sla_policy (priority, first_response_minutes, resolution_minutes, clock)
select
    lower(trim(priority)),
    cast(first_response_minutes as double),
    cast(resolution_minutes as double),
    lower(trim(clock))
from read_csv($path, header = true, all_varchar = true)
