-- morale_pulse (SPEC §4, §5): over pulse answers submitted in the week, the mean of the
-- answer rescaled to 0–100. Anonymity is applied by the scorecard, which reads
-- `respondents` from the detail.
-- $params: none (reads report_weeks and the filtered relations f_*)
-- grain: week × team (team null = the company; the answer's own team)
-- columns: metric_id, week, team, value, n, detail {respondents, favourable_pct,
--          unfavourable_pct}
with weeks as (
    select * from report_weeks
),

answers as (
    select w.week, p.team, p.respondent_key, p.score_100
    from f_pulse as p
    -- the week a time falls in
    join weeks as w on p.submitted_at >= w.week_start and p.submitted_at < w.week_end
    -- the weeks in view as constants: row groups outside them are skipped
    where p.submitted_at >= getvariable('sc_window_start') and p.submitted_at < getvariable('sc_window_end')
)

select
    'morale_pulse' as metric_id,
    week,
    team,
    avg(score_100) as value,
    count(*) as n,
    map {
        'respondents': count(distinct respondent_key),
        'favourable_pct': 100.0 * count_if(round(score_100, 9) >= 75) / count(*),
        'unfavourable_pct': 100.0 * count_if(round(score_100, 9) <= 25) / count(*)
    } as detail
from answers
group by grouping sets ((week), (week, team))
having grouping(team) = 1 or team is not null
