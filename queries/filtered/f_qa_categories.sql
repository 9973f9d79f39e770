-- QA category scores, restricted to the dashboard's filters (report_filter: one row on this
-- cursor): the reviewed agent's team only.
-- $params: none
-- grain: as stg_qa_categories
-- columns: every column of stg_qa_categories
select source.*
from stg_qa_categories as source
cross join report_filter as f
where (f.teams is null or list_contains(f.teams, source.team))
