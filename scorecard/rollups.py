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

from . import db, page_queries
from .config import Config
from .sql import QUERIES_DIR, fetch_records, load_sql, run, run_sql
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
    with db.transaction(con) as cursor:
        cursor.execute("delete from meta where key in ('rollup_stamp', 'rollup_weeks')")
        if last_event is None:
            cursor.execute("drop table if exists rollup_metric_values")
        else:
            last = monday_of(last_event.date())
            first = max(monday_of(first_event.date()), last - timedelta(weeks=ROLLUP_WEEKS - 1))
            prepare_view(cursor, config, first, last, Filters())
            cursor.execute(
                f"create or replace table rollup_metric_values as\n{metric_values_sql()}"
            )
            cursor.execute(
                "insert into meta values ('rollup_weeks', ?)",
                [f"{first.isoformat()}/{last.isoformat()}"],
            )
        cursor.execute("insert into meta values ('rollup_stamp', ?)", [current])
        _refresh_pages(cursor, config, None if last_event is None else monday_of(last_event.date()))
    return True


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
