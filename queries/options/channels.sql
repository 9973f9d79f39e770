-- Channels to filter on.
-- $params: none
-- grain: one row per channel
-- columns: channel
select distinct channel
from tickets
where channel is not null
order by channel
