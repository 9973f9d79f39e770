"""Weekly metric values kept ready for the view everyone opens first (no channel, priority or
team filter), so the first page after a load does not compute months of medians.

Every data writer session that changed the data rebuilds `rollup_metric_values` from the same
metric queries (queries/metrics/) over the most recent `ROLLUP_WEEKS` weeks with data, and
stamps it with what its figures depend on: the loads, the staging, calendar and SLA policy
fingerprints, the reporting time zone and the backlog age. The engine reads it only when that
stamp equals the current one and the weeks asked for are inside it; anything else — a filter,
an older week, other settings — is computed live, so a rollup can be missing but never stale.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import duckdb

from . import db
from .config import Config
from .sql import run
from .weeks import monday_of

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
        },
        sort_keys=True,
    )


def stored_stamp(con: duckdb.DuckDBPyConnection) -> str | None:
    found = con.execute("select value from meta where key = 'rollup_stamp'").fetchall()
    return found[0][0] if found else None


def span(con: duckdb.DuckDBPyConnection) -> tuple[date, date] | None:
    """The weeks the rollup holds (Mondays), if any."""
    found = con.execute("select value from meta where key = 'rollup_weeks'").fetchall()
    if not found:
        return None
    first, last = found[0][0].split("/")
    return date.fromisoformat(first), date.fromisoformat(last)


def refresh(con: duckdb.DuckDBPyConnection, config: Config) -> bool:
    """Rebuild the rollup when the data or the settings changed; returns whether it did."""
    from .engine import Filters, metric_values_sql, prepare_view

    current = stamp(con, config)
    if stored_stamp(con) == current:
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
    return True


def usable(
    con: duckdb.DuckDBPyConnection, config: Config, first_week: date, last_week: date
) -> bool:
    """Whether the rollup holds exactly the figures a live computation would give."""
    held = span(con)
    if held is None or not (held[0] <= first_week and last_week <= held[1]):
        return False
    return stored_stamp(con) == stamp(con, config)
