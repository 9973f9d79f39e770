-- QA category scores, restricted to the dashboard's filters (session constants sc_filter_*):
-- the reviewed agent's team only.
-- $params: none
-- grain: as stg_qa_categories
-- columns: every column of stg_qa_categories
select source.*
from stg_qa_categories as source
where (getvariable('sc_filter_teams') is null or list_contains(cast(getvariable('sc_filter_teams') as varchar[]), source.team))
