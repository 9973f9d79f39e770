"""Shared fixtures: a fresh DuckDB file per test, and helpers to load tiny exports."""

from __future__ import annotations

import dataclasses
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from scorecard import db, report
from scorecard.config import load_config
from scorecard.ingest import load_file

# Loads in tests happen "now" = this instant, so fixture dates in 2026 are never in the future.
LOAD_TIME = datetime(2027, 1, 4, tzinfo=UTC)


@pytest.fixture
def config(tmp_path):
    return dataclasses.replace(load_config(), database=tmp_path / "scorecard.duckdb")


@pytest.fixture
def con(config):
    connection = db.connect(config.database)
    yield connection
    connection.close()


def write(directory: Path, name: str, text: str) -> Path:
    """A fixture file; the text is dedented and its first line break dropped."""
    path = directory / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def load(con, tmp_path):
    """load(name, text, **options) writes a file and loads it; returns the LoadResult."""
    counter = {"n": 0}

    def _load(name: str, text: str | bytes, **options):
        counter["n"] += 1
        folder = tmp_path / f"file{counter['n']}"
        folder.mkdir()
        if isinstance(text, bytes):
            path = folder / name
            path.write_bytes(text)
        else:
            path = write(folder, name, text)
        options.setdefault("now", LOAD_TIME)
        return load_file(con, path, display_name=name, **options)

    return _load


@pytest.fixture
def scorecard(con, config):
    """scorecard(week_monday, team=None, **config_changes) → {metric_id: metric entry}."""

    def _scorecard(monday: date, team: str | None = None, **changes):
        cfg = dataclasses.replace(config, **changes)
        result = report.build_report(con, cfg, monday, team=team)
        return {entry["id"]: entry for entry in result["metrics"]}

    return _scorecard


def rows(con, sql: str, params=None) -> list[tuple]:
    return con.execute(sql, params or {}).fetchall()


@pytest.fixture
def cells(con, config):
    """cells(monday, **config_changes) → {(metric_id, team): scorecard row} for every group."""
    from scorecard.engine import Scope, scorecard_rows

    def _cells(monday: date, **changes):
        cfg = dataclasses.replace(config, **changes)
        found = scorecard_rows(con, cfg, monday, monday, Scope.everything())
        return {(row["metric_id"], row["team"]): row for row in found}

    return _cells


@pytest.fixture
def serve(monkeypatch):
    """serve(path) points the dashboard (AppTest) at a database file, with Streamlit's caches
    emptied now and again after the test, so no figure of another test's database shows."""
    import streamlit as st

    def _serve(path: Path) -> Path:
        monkeypatch.setenv("SCORECARD_DB", str(path))
        st.cache_resource.clear()
        st.cache_data.clear()
        return path

    yield _serve
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo's 8 weeks to 2026-11-15 in a database of the module's own."""
    from .test_cli import scorecard as cli

    path = tmp_path_factory.mktemp("demo8") / "demo.duckdb"
    done = cli("demo", "--weeks", "8", "--end", "2026-11-15", "--db", str(path))
    assert done.returncode == 0, done.stderr
    return path
