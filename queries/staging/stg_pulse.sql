-- Pulse answers on a 0–100 scale (SPEC §4 morale_pulse, §5).
-- $params: none
-- grain: one row per answer
-- columns: row_key, submitted_at, team, question, respondent_key (an answer without a
--          respondent counts as a respondent of its own), score_100, comment
with answers as (
    select * from pulse
)

select
    row_key,
    submitted_at,
    team,
    question,
    coalesce('respondent:' || respondent, 'answer:' || row_key) as respondent_key,
    (score - scale_min) / (scale_max - scale_min) * 100 as score_100,
    comment
from answers
