-- Every published revision, newest week first, newest revision first.
-- $params: none
-- grain: one row per snapshot (week × revision)
-- columns: snapshot_id, week, revision, revisions, published_by, published_at, fingerprint
select
    snapshot_id,
    week,
    revision,
    count(*) over (partition by week) as revisions,
    published_by,
    published_at,
    fingerprint
from snapshots
order by week desc, revision desc
