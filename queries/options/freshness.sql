-- How fresh the data is: the latest instant in each loaded table, and the last load.
-- $params: none
-- grain: one row per table
-- columns: kind, latest (timestamptz; null when the table is empty)
select 'tickets' as kind, max(greatest(created_at, first_response_at, solved_at)) as latest from tickets
union all select 'ratings', max(rated_at) from csat
union all select 'pulse', max(submitted_at) from pulse
union all select 'QA', max(reviewed_at) from qa_reviews
union all select 'escalations', max(greatest(escalated_at, assigned_at, decided_at)) from escalations
union all select 'roster', cast(max(greatest(hired_on, left_on)) as timestamptz) from agents
union all select 'last load', max(finished_at) from load_log where status = 'loaded'
