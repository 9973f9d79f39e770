-- What else the figures depend on besides the loads: calendars and SLA policy versions.
-- $params: none
-- grain: one row per stored fingerprint
-- columns: key, value
select key, value
from meta
where key in ('calendars_fingerprint', 'sla_policy_fingerprint', 'staging_fingerprint')
order by key
