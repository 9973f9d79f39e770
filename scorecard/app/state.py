"""The dashboard's data access: one reader per version of the files, results cached per version.

DuckDB refuses a connection shared by threads, and Streamlit runs each session in a thread
of its own: a read-only connection is opened once per version of the database files and
every query takes a cursor. Writes (notes, targets, owners, uploads, publishing) go through
db.writing, which replaces a file atomically, so a command-line load or publish in another
process never meets a lock. The version is the files' identity: it changes with every write
from any process, so new data shows at the next rerun, and computed results (st.cache_data)
keyed on it are never stale and never recomputed while unchanged.
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

from .. import db, demo, report, snapshot_html, snapshots
from ..config import Config, load_config
from ..engine import Filters, Scope, page_rows, scorecard_rows
from ..sql import fetch_frame, load_sql, run
from ..weeks import last_completed_week, monday_of

DEMO_WEEKS, DEMO_SEED = 26, 7
KEPT_READERS = 3  # older versions stay open for queries still running on them


@st.cache_resource
def config() -> Config:
    return load_config()


def demo_folder(cfg: Config) -> Path:
    return cfg.database.parent / "demo"


@st.cache_resource
def _prepared(database: str) -> bool:
    """Set the files up once per process; with no data yet, load the demo organisation so
    the first screen tells its story."""
    cfg = config()
    db.ensure_ready(database)
    with contextlib.closing(db.open_reader(database)) as con:
        empty = not db.has_loads(con)
    if empty:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            demo.run_demo(Path(database), demo_folder(cfg), DEMO_WEEKS, None, DEMO_SEED)
    return True


def _database() -> str:
    database = str(config().database)
    _prepared(database)
    return database


def version() -> str:
    """The identity of the database files: a new value after any write by any process."""
    return db.version(_database())


@st.cache_resource
def _readers() -> tuple[threading.Lock, list[tuple[str, str, duckdb.DuckDBPyConnection]]]:
    return threading.Lock(), []


def _reader(database: str, token: str) -> duckdb.DuckDBPyConnection:
    lock, readers = _readers()
    with lock:
        for known_database, known, con in readers:
            if (known_database, known) == (database, token):
                return con
        con = db.open_reader(database)
        readers.append((database, token, con))
        # Dropped, not closed: a query still running on an old version finishes on it.
        del readers[:-KEPT_READERS]
        return con


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the reader of the current version of the files, for one query."""
    database = _database()
    return db.cursor(_reader(database, db.version(database)))


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
        return page_rows(
            cur, config(), query, first_week, last_week, filters, dict(params), fetch_frame
        )


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
        return fetch_frame(cur, load_sql(query))


@st.cache_data(show_spinner=False)
def freshness(data_version: str) -> list[tuple[str, datetime | None]]:
    """The latest instant in each loaded table, and when data was last loaded."""
    with contextlib.closing(cursor()) as cur:
        return [(kind, latest) for kind, latest in run(cur, "options/freshness").fetchall()]


def write(action, *args, part: db.Part = "state", **kwargs):
    """Run a write in a writer session of one part of the database (notes, targets, owners
    and snapshots: "state"; loads: "data"); it lands atomically or not at all."""
    with db.writing(_database(), part) as con:
        return action(con, *args, **kwargs)


@st.cache_data(show_spinner=False)
def published_list(data_version: str) -> list[dict[str, Any]]:
    """Every published revision, newest week first."""
    with contextlib.closing(cursor()) as cur:
        return snapshots.published(cur)


@st.cache_data(show_spinner="Reading the published week…", max_entries=32)
def published_view(data_version: str, snapshot_id: int) -> dict[str, Any]:
    """A published revision with what leadership reads beside it: the change against the
    previous published week, movers, open notes, the revisions of the week and the drift of
    the live figures since publication; and its three exports."""
    with contextlib.closing(cursor()) as cur:
        snapshot = snapshots.read(cur, snapshot_id)
        previous_id = snapshots.previous_snapshot(cur, snapshot["week"])
        previous = snapshots.read(cur, previous_id) if previous_id else None
        revisions = [
            snapshots.read(cur, row["snapshot_id"])
            for row in reversed(snapshots.published(cur))
            if row["week"] == snapshot["week"]
        ]
        live = report.build_report(cur, config(), snapshot["week"])
    changes = snapshots.compare(snapshot, previous)
    export = snapshots.exportable(snapshot, previous)
    return {
        "snapshot": snapshot,
        "previous": previous,
        "changes": changes,
        "movers": snapshots.movers(changes),
        "open_notes": snapshots.open_notes(snapshot),
        # A revision computed on Spark has no live counterpart in this database.
        "drift": None if snapshots.computed_on_spark(snapshot) else snapshots.drift(snapshot, live),
        "revisions": [
            {
                "revision": rev["revision"],
                "published_by": rev["published_by"],
                "published_at": rev["published_at"],
                "fingerprint": rev["fingerprint"][:12],
                "changed": snapshots.revision_changes(older, rev) if older else [],
                "intact": rev["intact"],
            }
            for older, rev in zip([None, *revisions[:-1]], revisions, strict=True)
        ],
        "html": snapshot_html.to_html(export),
        "csv": snapshots.to_csv(export),
        "markdown": snapshots.to_markdown(export),
    }


def publish(week: date, published_by: str) -> snapshots.Published:
    """Freeze the week's live figures and store them as its next revision."""
    with contextlib.closing(cursor()) as cur:
        frozen = snapshots.freeze(cur, config(), week)
    return write(snapshots.store, frozen, published_by)
