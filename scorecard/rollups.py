"""Weekly metric values kept ready for the view everyone opens first (no channel, priority or
team filter), so the first page after a load does not compute months of medians.

Every data writer session that changed the data rebuilds `rollup_metric_values` from the same
metric queries (queries/metrics/) over the most recent `ROLLUP_WEEKS` weeks with data, and
stamps it with what its figures depend on: the loads, the staging, calendar and SLA policy
fingerprints, the reporting time zone, the backlog age and the SQL that computes them. The
engine reads it only when that stamp equals the current one and the weeks asked for are inside
it, for the metrics the view's filters do not narrow (engine.narrows: a channel filter leaves
pulse, QA and roster figures as they are); anything else — a team filter, a ticket figure under
a channel filter, an older week, other settings — is computed live, so a rollup can be missing
but never stale.

The same session keeps the pages' own queries (scorecard/page_queries.py) ready for the weeks a
user opens first — the newest week with data and the last week that has ended — each query's
rows in a table `rollup_page_<query>` in the order the query gives them, listed in
`rollup_pages`. Their stamp adds every setting a query reads (group sizes, QA pass score,
workload rule, …); they are read only for exactly the weeks and settings they were built with,
and db.setup_needed has them rebuilt when such a setting changed.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import duckdb

from . import db, page_queries, staging
from .config import Config
from .sql import QUERIES_DIR, fetch_records, has_table, load_sql, run, run_sql
from .weeks import last_completed_week, monday_of

ROLLUP_WEEKS = 30  # the 26 weeks of the charts, and a few to pick an earlier week


def stamp(con: duckdb.DuckDBPyConnection, config: Config) -> str:
    """What the figures of an unfiltered view depend on, as one string."""
    loads = con.execute(
        "select count(*), coalesce(max(load_id), 0) from load_log where status = 'loaded'"
    ).fetchall()[0]
    setup = dict(run(con, "snapshots/setup_fingerprints").fetchall())
    return json.dumps(
        {
            "loads": list(loads),
            "setup": setup,
            "timezone": config.reporting_timezone,
            "backlog_age_days": config.backlog_age_days,
            "queries": queries_fingerprint(),
        },
        sort_keys=True,
    )


# The SQL the kept figures and rows are computed by: a new version of any of it (an upgrade
# of the product) makes them stale.
_ROLLUP_QUERY_FOLDERS = ("calendar", "filtered", "metrics", "pages", "scorecard")


@functools.cache
def queries_fingerprint() -> str:
    digest = hashlib.sha256()
    for folder in _ROLLUP_QUERY_FOLDERS:
        for path in sorted((QUERIES_DIR / folder).glob("*.sql")):
            digest.update(f"{folder}/{path.name}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _meta_value(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    found = con.execute("select value from meta where key = $key", {"key": key}).fetchall()
    return found[0][0] if found else None


def stored_stamp(con: duckdb.DuckDBPyConnection) -> str | None:
    return _meta_value(con, "rollup_stamp")


def stored_page_stamp(con: duckdb.DuckDBPyConnection) -> str | None:
    return _meta_value(con, "rollup_pages_stamp")


def span(con: duckdb.DuckDBPyConnection) -> tuple[date, date] | None:
    """The weeks the rollup holds (Mondays), if any."""
    held = _meta_value(con, "rollup_weeks")
    if held is None:
        return None
    first, last = held.split("/")
    return date.fromisoformat(first), date.fromisoformat(last)


def refresh(con: duckdb.DuckDBPyConnection, config: Config) -> bool:
    """Rebuild the rollup when the data or the settings changed; returns whether it did."""
    from .engine import Filters, metric_values_sql, prepare_view

    current = stamp(con, config)
    if stored_stamp(con) == current and stored_page_stamp(con) == page_stamp(con, config):
        return False
    first_event, last_event = run(con, "options/data_span").fetchall()[0]
    since = None
    if last_event is not None:
        last = monday_of(last_event.date())
        first = max(monday_of(first_event.date()), last - timedelta(weeks=ROLLUP_WEEKS - 1))
        since = _changed_since(con, current, first)
    with db.transaction(con) as cursor:
        cursor.execute("delete from meta where key in ('rollup_stamp', 'rollup_weeks')")
        if last_event is None:
            cursor.execute("drop table if exists rollup_metric_values")
        elif since is not None:
            # Only weeks from `since` on can have changed: recompute those, keep the rest.
            cursor.execute(
                "delete from rollup_metric_values "
                "where week < $first or week >= $since or week > $last",
                {"first": first, "since": since, "last": last},
            )
            if since <= last:
                prepare_view(cursor, config, since, last, Filters())
                cursor.execute(f"insert into rollup_metric_values by name\n{metric_values_sql()}")
        else:
            prepare_view(cursor, config, first, last, Filters())
            cursor.execute(
                f"create or replace table rollup_metric_values as\n{metric_values_sql()}"
            )
        if last_event is not None:
            cursor.execute(
                "insert into meta values ('rollup_weeks', ?)",
                [f"{first.isoformat()}/{last.isoformat()}"],
            )
        cursor.execute("insert into meta values ('rollup_stamp', ?)", [current])
        _refresh_pages(cursor, config, None if last_event is None else monday_of(last_event.date()))
    # Covered now (temp tables belong to the connection that loaded, not to the cursor).
    for table in (staging.CHANGED_SINCE, staging.SESSION_LOADS):
        con.execute(f"drop table if exists temp.main.{table}")
    return True


def _changed_since(con: duckdb.DuckDBPyConnection, current: str, first: date) -> date | None:
    """The first week whose figures this session's changes can have touched, when the kept
    rollup is right for every earlier week; None to rebuild it whole.

    Only when the stored rollup was made with the same settings and SQL, every load since
    then is one of tickets, ratings or escalations this connection wrote
    (staging.SESSION_LOADS), whose per-ticket staging rows were all replaced in part
    (staging.CHANGED_SINCE, with the earliest date those rows held, old and new), no table
    was rebuilt whole, and the rollup already holds the weeks from `first`."""
    stored, held = stored_stamp(con), span(con)
    if stored is None or held is None or held[0] > first:
        return None
    before, now = json.loads(stored), json.loads(current)
    if {k: v for k, v in before.items() if k != "loads"} != {
        k: v for k, v in now.items() if k != "loads"
    }:
        return None
    if not all(has_table(con, "temp", t) for t in (staging.CHANGED_SINCE, staging.SESSION_LOADS)):
        return None  # nothing this connection wrote vouches for the kept weeks
    if has_table(con, "temp", staging.CHANGED_TICKETS):
        pending = con.execute(f"select count(*) from temp.main.{staging.CHANGED_TICKETS}")
        if pending.fetchall()[0][0]:
            return None  # a load whose staging rows are not rebuilt yet
    (count_before, last_load_before), (count_now, _) = before["loads"], now["loads"]
    new_loads, all_ticket_keyed, all_recorded = con.execute(
        "select count(*), coalesce(bool_and(list_contains(?, kind)), true), "
        f"coalesce(bool_and(load_id in (select load_id from temp.main.{staging.SESSION_LOADS})),"
        " true) from load_log where status = 'loaded' and load_id > ?",
        [list(staging.TICKET_KEYED), last_load_before],
    ).fetchall()[0]
    if new_loads != count_now - count_before or not (all_ticket_keyed and all_recorded):
        return None
    whole, earliest = con.execute(
        f"select coalesce(bool_or(whole), false), min(earliest) "
        f"from temp.main.{staging.CHANGED_SINCE}"
    ).fetchall()[0]
    if whole:
        return None
    # Weeks after the kept ones are new, even those no changed row falls in (a gap week).
    after_kept = held[1] + timedelta(weeks=1)
    if earliest is None:
        return after_kept  # nothing with a date changed
    # A day either side of a UTC date holds its date in any reporting zone.
    return max(first, min(after_kept, monday_of(earliest - timedelta(days=1))))


def usable(
    con: duckdb.DuckDBPyConnection, config: Config, first_week: date, last_week: date
) -> bool:
    """Whether the rollup holds exactly the figures a live computation would give."""
    held = span(con)
    if held is None or not (held[0] <= first_week and last_week <= held[1]):
        return False
    return stored_stamp(con) == stamp(con, config)


# ---------------------------------------------------------------------- page queries
_PAGE_TABLE = re.compile(r"^[a-z][a-z0-9_]*$")


# Settings no query reads (where the data lives, loading, what pages draw beside the figures);
# every other setting, present or future, is part of the page stamp.
_NOT_READ_BY_QUERIES = {
    "database",
    "near_tolerance",
    "floor_by_group",
    "floor_by_tag",
    "team_by_group_id",
    "floor1_frt_goal_minutes",
    "participation_flag",
    "upload_limit_mb",
}


def page_stamp(con: duckdb.DuckDBPyConnection, config: Config) -> str:
    """The rollup stamp and the settings queries read (pages bind settings of their own)."""
    settings = {
        k: v for k, v in dataclasses.asdict(config).items() if k not in _NOT_READ_BY_QUERIES
    }
    return json.dumps(
        {"rollup": stamp(con, config), "settings": settings}, sort_keys=True, default=str
    )


def _page_table(name: str) -> str:
    """The table holding a page query's kept rows (a name from code, checked all the same)."""
    page_queries.get(name)
    if not _PAGE_TABLE.match(name):
        raise ValueError(f"bad page query name {name!r}")
    return f"rollup_page_{name}"


def kept_weeks(newest: date, today: date | None = None) -> list[date]:
    """The weeks a user opens first: the newest with data, and the last that has ended (the
    dashboard's default) when it is older."""
    completed = last_completed_week(today or datetime.now(UTC).date())
    return sorted({newest, min(newest, completed)})


def _refresh_pages(cursor: duckdb.DuckDBPyConnection, config: Config, newest: date | None) -> None:
    from .engine import Filters, prepare_view

    for name in page_queries.PAGE_QUERIES:
        cursor.execute(f"drop table if exists {_page_table(name)}")
    cursor.execute("drop table if exists rollup_pages")
    cursor.execute("delete from meta where key = 'rollup_pages_stamp'")
    cursor.execute(
        "create table rollup_pages (query varchar, first_week date, last_week date, "
        "params varchar, rows bigint, primary key (query, first_week, last_week, params))"
    )
    if newest is not None:
        kept = [q for q in page_queries.PAGE_QUERIES.values() if q.kept_ready]
        for week in kept_weeks(newest):
            # One view per span of weeks: queries reading the same weeks share it.
            for span in sorted({query.span(config) for query in kept}):
                first = week - timedelta(weeks=span - 1)
                prepare_view(cursor, config, first, week, Filters())
                for query in (q for q in kept if q.span(config) == span):
                    _keep_page_rows(cursor, query, first, week, query.params(config))
    cursor.execute(
        "insert into meta values ('rollup_pages_stamp', ?)", [page_stamp(cursor, config)]
    )


def _keep_page_rows(
    cursor: duckdb.DuckDBPyConnection,
    query: page_queries.PageQuery,
    first: date,
    last: date,
    params: dict[str, Any],
) -> None:
    table = _page_table(query.name)
    # A table made from an ordered query keeps that order as its row ids (insertion order).
    run_sql(
        cursor,
        f"create or replace temp table rollup_page_rows as\n{load_sql(f'pages/{query.name}')}",
        params,
    )
    key = {
        "query": query.name,
        "first": first,
        "last": last,
        "params": page_queries.params_key(params),
    }
    exists = cursor.execute(
        "select count(*) from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'main' and table_name = $table",
        {"table": table},
    ).fetchall()[0][0]
    if not exists:
        cursor.execute(
            f"create table {table} as select null::date as _first, null::date as _last, "
            "null::varchar as _params, 0::bigint as _row, * from rollup_page_rows limit 0"
        )
    cursor.execute(
        f"insert into {table} select $first, $last, $params, rowid, * from rollup_page_rows",
        {k: v for k, v in key.items() if k != "query"},
    )
    rows = cursor.execute("select count(*) from rollup_page_rows").fetchall()[0][0]
    cursor.execute(
        "insert into rollup_pages values ($query, $first, $last, $params, $rows)",
        {**key, "rows": rows},
    )
    cursor.execute("drop table rollup_page_rows")


def page_rows(
    con: duckdb.DuckDBPyConnection,
    config: Config,
    name: str,
    first: date,
    last: date,
    params: dict[str, Any],
    fetch: Callable[[duckdb.DuckDBPyConnection, str, dict[str, Any]], Any] = fetch_records,
) -> Any:
    """The kept rows of a page query for exactly these weeks and settings (as `fetch` gives
    them: dicts or a DataFrame), or None (compute them live) when there are none or they could
    be stale."""
    key = {"query": name, "first": first, "last": last, "params": page_queries.params_key(params)}
    try:
        found = con.execute(
            "select count(*) from rollup_pages where query = $query and first_week = $first "
            "and last_week = $last and params = $params",
            key,
        ).fetchall()[0][0]
        if not found:
            return None
    except duckdb.CatalogException:
        return None  # a database from before the page rollup
    if stored_page_stamp(con) != page_stamp(con, config):
        return None
    return fetch(
        con,
        f"select * exclude (_first, _last, _params, _row) from {_page_table(name)} "
        "where _first = $first and _last = $last and _params = $params order by _row",
        {k: v for k, v in key.items() if k != "query"},
    )
