"""The dashboard's data access: one connection per process, results cached per data version.

DuckDB refuses a connection shared by threads, and Streamlit runs each session in a thread
of its own: the connection is opened once (st.cache_resource) and every query takes a
cursor. Computed results are cached (st.cache_data) on the data version, which changes with
every load, note, target or owner change, so new data shows at once and an unchanged view is
never recomputed.
"""

from __future__ import annotations

import contextlib
import io
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from .. import db, demo, report
from ..config import Config, load_config
from ..engine import Filters, Scope, page_rows, scorecard_rows
from ..sql import frame, run
from ..weeks import last_completed_week, monday_of

DEMO_WEEKS, DEMO_SEED = 26, 7
_write_lock = threading.Lock()


@st.cache_resource
def config() -> Config:
    return load_config()


def demo_folder(cfg: Config) -> Path:
    return cfg.database.parent / "demo"


@st.cache_resource
def _connection(database: str) -> duckdb.DuckDBPyConnection:
    cfg = config()
    con = db.connect(database)
    if not db.has_loads(con):
        # No data yet: load the demo organisation so the first screen tells its story.
        con.close()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            demo.run_demo(Path(database), demo_folder(cfg), DEMO_WEEKS, None, DEMO_SEED)
        con = db.connect(database)
    return con


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the process's connection, for one query."""
    return _connection(str(config().database)).cursor()


def version() -> str:
    with contextlib.closing(cursor()) as cur:
        return db.data_version(cur)


@st.cache_data(show_spinner=False)
def is_demo(data_version: str) -> bool:
    with contextlib.closing(cursor()) as cur:
        return demo.is_demo_database(cur, demo_folder(config()))


@st.cache_data(show_spinner=False)
def options(data_version: str) -> dict[str, list[str]]:
    """Teams and channels to filter on, and the weeks that have data (newest first)."""
    with contextlib.closing(cursor()) as cur:
        teams = [row[0] for row in run(cur, "options/teams").fetchall()]
        channels = [row[0] for row in run(cur, "options/channels").fetchall()]
        first, last = run(cur, "options/data_span").fetchall()[0]
    completed = last_completed_week(datetime.now(UTC).date())
    newest = monday_of(last.date()) if last is not None else completed
    oldest = monday_of(first.date()) if first is not None else newest - timedelta(weeks=25)
    weeks = []
    monday = newest
    while monday >= oldest and len(weeks) < 156:
        weeks.append(monday)
        monday -= timedelta(weeks=1)
    # Open on the last week that has ended; a week still running is there to pick.
    default = next((week for week in weeks if week <= completed), weeks[0])
    return {
        "teams": teams,
        "channels": channels,
        "priorities": ["urgent", "high", "normal", "low"],
        "weeks": weeks,
        "default_week": default,
    }


@st.cache_data(show_spinner=False, max_entries=128)
def scorecard_frame(
    data_version: str,
    first_week: date,
    last_week: date,
    teams: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
    priorities: tuple[str, ...] = (),
    by_team: bool = False,
    metric_ids: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Scorecard rows (metric × week × group) for a range of weeks under the filters."""
    scope = Scope.everything() if by_team else Scope.company()
    filters = Filters(teams=teams, channels=channels, priorities=priorities)
    with contextlib.closing(cursor()) as cur:
        rows = scorecard_rows(
            cur, config(), first_week, last_week, scope, list(metric_ids or ()) or None, filters
        )
    return pd.DataFrame(rows)


@st.cache_data(show_spinner=False, max_entries=256)
def page_frame(
    data_version: str,
    query: str,
    first_week: date,
    last_week: date,
    teams: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
    priorities: tuple[str, ...] = (),
    params: tuple[tuple[str, Any], ...] = (),
) -> pd.DataFrame:
    """A page's query (queries/pages/) over the weeks in view, under the filters."""
    filters = Filters(teams=teams, channels=channels, priorities=priorities)
    with contextlib.closing(cursor()) as cur:
        rows = page_rows(cur, config(), query, first_week, last_week, filters, dict(params))
    return pd.DataFrame(rows)


@st.cache_data(show_spinner=False, max_entries=32)
def report_exports(
    data_version: str,
    week: date,
    teams: tuple[str, ...],
    channels: tuple[str, ...],
    priorities: tuple[str, ...],
) -> tuple[str, str]:
    """The week's scorecard as CSV and Markdown, the same figures the page shows."""
    filters = Filters(teams=teams, channels=channels, priorities=priorities)
    with contextlib.closing(cursor()) as cur:
        result = report.build_report(cur, config(), week, filters=filters)
    scope = ", ".join(teams) if teams else None
    return report.to_csv(result), report.to_markdown(result, team=scope)


@st.cache_data(show_spinner=False)
def table(data_version: str, query: str) -> pd.DataFrame:
    """A parameterless query from queries/ as a DataFrame (load log, quarantine, history)."""
    with contextlib.closing(cursor()) as cur:
        return frame(run(cur, query))


@st.cache_data(show_spinner=False)
def freshness(data_version: str) -> list[tuple[str, datetime | None]]:
    """The latest instant in each loaded table, and when data was last loaded."""
    with contextlib.closing(cursor()) as cur:
        return [(kind, latest) for kind, latest in run(cur, "options/freshness").fetchall()]


def write(action, *args, **kwargs):
    """Run a write (note, target, owner) on its own cursor; writes are serialised."""
    with _write_lock, contextlib.closing(cursor()) as cur:
        return action(cur, *args, **kwargs)
