-- QA reviews (the agent's team only),
-- restricted to the dashboard's filters (report_filter: one row on this cursor).
-- A null list means no filter on that dimension.
-- $params: none
-- grain: as stg_qa_reviews
-- columns: every column of stg_qa_reviews
select source.*
from stg_qa_reviews as source
cross join report_filter as f
where (f.teams is null or list_contains(f.teams, source.team))
