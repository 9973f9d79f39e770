"""The weekly rollup kept for the unfiltered view gives exactly the live figures, and is never
used when it could be stale (another load, other settings, a filter, weeks outside it)."""

from __future__ import annotations

import contextlib
import dataclasses
import math
from datetime import date, timedelta

import pytest

from scorecard import db, rollups
from scorecard.config import load_config
from scorecard.engine import Filters, Scope, scorecard_rows
from scorecard.ingest import load_file

from .conftest import write
from .test_app import TICKETS
from .test_cli import scorecard as cli

W46, W47 = date(2026, 11, 9), date(2026, 11, 16)


def _equal(x, y) -> bool:
    """Equal, floats within 1e-12 relative: a mean summed in another order (DuckDB
    aggregates in parallel) may differ in its last bits; medians and counts are exact."""
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(_equal(x[k], y[k]) for k in x)
    if isinstance(x, list) and isinstance(y, list):
        return len(x) == len(y) and all(_equal(a, b) for a, b in zip(x, y, strict=True))
    if isinstance(x, float) and isinstance(y, float):
        return (math.isnan(x) and math.isnan(y)) or math.isclose(x, y, rel_tol=1e-12)
    return x == y


def _same(a: list[dict], b: list[dict]) -> bool:
    return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))


def _live(con, config, first, last, scope, monkeypatch, filters=None):
    with monkeypatch.context() as patch:
        patch.setattr(rollups, "usable", lambda *args: False)
        return scorecard_rows(con, config, first, last, scope, filters=filters)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("rollup") / "demo.duckdb"
    done = cli("demo", "--weeks", "8", "--end", "2026-11-15", "--db", str(path))
    assert done.returncode == 0, done.stderr
    return path


@pytest.mark.parametrize("weeks", [(0, 0), (3, 0), (7, 0), (5, 2)])
@pytest.mark.parametrize("scope", [Scope.company(), Scope.team("Payments"), Scope.everything()])
def test_the_rollup_gives_the_live_figures(demo_db, weeks, scope, monkeypatch):
    config = load_config()
    last = W46 - timedelta(weeks=weeks[1])
    first = W46 - timedelta(weeks=weeks[0])
    with contextlib.closing(db.open_reader(demo_db)) as con:
        assert rollups.usable(con, config, first, last)
        from_rollup = scorecard_rows(con, config, first, last, scope)
        live = _live(con, config, first, last, scope, monkeypatch)
    assert from_rollup and _same(from_rollup, live)
    # Medians and counts are identical to the last bit; a mean within 1e-12.
    assert [(r["metric_id"], r["team"], r["n"], r["status"]) for r in from_rollup] == [
        (r["metric_id"], r["team"], r["n"], r["status"]) for r in live
    ]


def test_the_rollup_is_not_used_when_it_could_be_stale(tmp_path, monkeypatch):
    path = tmp_path / "scorecard.duckdb"
    assert (
        cli("ingest", str(write(tmp_path, "tickets.csv", TICKETS)), "--db", str(path)).returncode
        == 0
    )
    config = load_config()
    with contextlib.closing(db.open_reader(path)) as con:
        assert rollups.usable(con, config, W46, W47)
        # Weeks before the data, another time zone, another backlog age: computed live.
        assert not rollups.usable(con, config, W46 - timedelta(weeks=60), W47)
        other = dataclasses.replace(config, reporting_timezone="Europe/Paris")
        assert not rollups.usable(con, other, W46, W47)
        assert not rollups.usable(con, dataclasses.replace(config, backlog_age_days=3), W46, W47)
    # A load that did not rebuild the rollup (one process alone, direct access): not used.
    con = db.connect(path)
    late = "ticket_id,created_at,first_response_at,solved_at,status,priority,channel,team\n"
    late += "T5,2026-11-19 08:00,2026-11-19 08:02,2026-11-19 09:00,solved,normal,email,A\n"
    assert load_file(con, write(tmp_path, "late.csv", late)).status == "loaded"
    assert not rollups.usable(con, config, W46, W47)
    frt = next(r for r in scorecard_rows(con, config, W47, W47) if r["metric_id"] == "frt")
    assert frt["value"] == 7.0  # with the late ticket (2, 4, 10, 30 min)
    con.close()


def test_a_filtered_view_is_computed_live(tmp_path, monkeypatch):
    path = tmp_path / "scorecard.duckdb"
    assert (
        cli("ingest", str(write(tmp_path, "tickets.csv", TICKETS)), "--db", str(path)).returncode
        == 0
    )
    config = load_config()
    with contextlib.closing(db.open_reader(path)) as con:
        monkeypatch.setattr(rollups, "usable", lambda *a: pytest.fail("rollup asked for a filter"))
        rows = scorecard_rows(con, config, W47, W47, filters=Filters(channels=("email",)))
    frt = next(r for r in rows if r["metric_id"] == "frt")
    assert frt["value"] == 10.0  # T1 only
