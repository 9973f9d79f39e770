-- Teams to filter on: every team named by tickets, pulse answers or the roster.
-- $params: none
-- grain: one row per team
-- columns: team
select distinct team
from (
    select team from tickets
    union all
    select team from pulse
    union all
    select team from agents
)
where team is not null
order by team
