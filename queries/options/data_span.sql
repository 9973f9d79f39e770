-- The first and last instants of loaded events (the roster's dates are not events).
-- $params: none
-- grain: one row
-- columns: first_event, last_event (null when nothing is loaded)
with instants as (
    select min(created_at) as first_event, max(greatest(created_at, first_response_at, solved_at)) as last_event
    from tickets
    union all
    select min(rated_at), max(rated_at) from csat
    union all
    select min(submitted_at), max(submitted_at) from pulse
    union all
    select min(reviewed_at), max(reviewed_at) from qa_reviews
    union all
    select min(escalated_at), max(greatest(escalated_at, assigned_at, decided_at)) from escalations
)

select min(first_event) as first_event, max(last_event) as last_event
from instants
