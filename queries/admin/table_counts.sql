-- Rows held in each loaded table.
-- $params: none
-- grain: one row per table
-- columns: kind, rows
select 'tickets' as kind, count(*) as rows from tickets
union all select 'csat', count(*) from csat
union all select 'pulse', count(*) from pulse
union all select 'qa_reviews', count(*) from qa_reviews
union all select 'agents', count(*) from agents
union all select 'escalations', count(*) from escalations
