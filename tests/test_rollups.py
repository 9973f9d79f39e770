"""The weekly rollup kept for the unfiltered view gives exactly the live figures, and is never
used when it could be stale (another load, other settings, a filter, weeks outside it)."""

from __future__ import annotations

import contextlib
import dataclasses
import math
from datetime import date, timedelta

import pytest

from scorecard import db, page_queries, rollups
from scorecard.config import load_config
from scorecard.engine import Filters, Scope, page_rows, scorecard_rows
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
        rows = scorecard_rows(con, config, W47, W47, filters=Filters(teams=("A",)))
        ticket_metrics = ["frt", "backlog", "csat", "sla_adherence", "time_to_specialist"]
        rows += scorecard_rows(
            con, config, W47, W47, metric_ids=ticket_metrics, filters=Filters(channels=("email",))
        )
    frt = [r["value"] for r in rows if r["metric_id"] == "frt"]
    assert frt == [10.0, 10.0]  # T1 only, under each filter


def test_a_channel_filter_takes_the_metrics_it_does_not_narrow_from_the_rollup(
    demo_db, monkeypatch
):
    """Pulse, QA and roster figures have no channel or priority: under such a filter they are
    the unfiltered view's (kept in the rollup); the ticket figures are computed live. Both
    together equal a computation of everything live."""
    config = load_config()
    filters = Filters(channels=("email",), priorities=("high", "urgent"))
    first = W46 - timedelta(weeks=11)
    with contextlib.closing(db.open_reader(demo_db)) as con:
        asked = []
        original = rollups.usable
        monkeypatch.setattr(rollups, "usable", lambda *a: asked.append(1) or original(*a))
        mixed = scorecard_rows(con, config, first, W46, Scope.everything(), filters=filters)
        assert asked, "the rollup was not asked"
        monkeypatch.setattr(rollups, "usable", lambda *a: False)
        live = scorecard_rows(con, config, first, W46, Scope.everything(), filters=filters)
        unfiltered = scorecard_rows(con, config, first, W46, Scope.everything())
    assert _same(mixed, live)
    by_metric = {}
    for row, whole in zip(live, unfiltered, strict=True):
        assert (row["metric_id"], row["week"], row["team"]) == (
            whole["metric_id"],
            whole["week"],
            whole["team"],
        )
        by_metric.setdefault(row["metric_id"], []).append(_equal(row["value"], whole["value"]))
    # the filter narrowed every ticket figure somewhere, and no pulse, QA or roster figure
    for metric in ("frt", "csat", "backlog", "sla_adherence", "resolved_24h", "fcr"):
        assert not all(by_metric[metric]), metric
    for metric in ("morale_pulse", "pulse_participation", "qa_score", "agent_turnover"):
        assert all(by_metric[metric]), metric


def test_which_statements_a_filter_narrows():
    from scorecard.engine import narrows

    channel = Filters(channels=("email",))
    assert narrows(channel, "select * from f_tickets")
    assert narrows(channel, "select * from f_backlog join f_agents using (team)")
    assert not narrows(channel, "select * from f_pulse -- not f_tickets\n")
    assert not narrows(Filters(), "select * from f_tickets")
    assert narrows(Filters(teams=("A",)), "select * from f_pulse")
    assert not narrows(Filters(priorities=("high",)), "select * from f_ticketsx")


# ------------------------------------------------------------------------ page queries
def _typed(rows: list[dict]) -> list[list[tuple]]:
    """Rows with each value's type: a kept row must come back as the same Python values."""
    return [[(k, type(v).__name__) for k, v in row.items()] for row in rows]


def _page_params(name: str, config) -> tuple[date, dict]:
    query = page_queries.get(name)
    return W46 - timedelta(weeks=query.span(config) - 1), query.params(config)


@pytest.mark.parametrize(
    "name", [q.name for q in page_queries.PAGE_QUERIES.values() if q.kept_ready]
)
def test_kept_page_rows_are_the_live_rows_in_the_same_order(demo_db, name, monkeypatch):
    config = load_config()
    first, params = _page_params(name, config)
    with contextlib.closing(db.open_reader(demo_db)) as con:
        kept = rollups.page_rows(con, config, name, first, W46, params)
        assert kept is not None, f"{name} is not kept for {W46}"
        with monkeypatch.context() as patch:
            patch.setattr(rollups, "page_rows", lambda *args: None)
            live = page_rows(con, config, name, first, W46, params=params)
    assert _same(kept, live)
    assert _typed(kept) == _typed(live)
    if name in ("response_trend", "created_solved", "sla_breakdown", "team_workload"):
        assert kept  # the demo has rows for these: the comparison compared something


def test_kept_page_rows_are_not_used_for_other_weeks_settings_or_filters(demo_db, monkeypatch):
    config = load_config()
    first, params = _page_params("team_workload", config)
    with contextlib.closing(db.open_reader(demo_db)) as con:
        assert rollups.page_rows(con, config, "team_workload", first, W46, params) is not None
        week_before = W46 - timedelta(weeks=1)
        assert rollups.page_rows(con, config, "team_workload", first, week_before, params) is None
        other = {**params, "dip_points": 3.0}
        assert rollups.page_rows(con, config, "team_workload", first, W46, other) is None
        # A setting the query does not bind still changes the stamp (pages read it too).
        smaller = dataclasses.replace(config, min_group_size=3)
        assert rollups.page_rows(con, smaller, "team_workload", first, W46, params) is None
        # A channel filter narrows the tickets the query reads: live.
        with monkeypatch.context() as patch:
            patch.setattr(rollups, "page_rows", lambda *a: pytest.fail("kept rows for a filter"))
            rows = page_rows(
                con, config, "team_workload", first, W46, Filters(teams=("Payments",)), params
            )
            by_channel = page_rows(
                con, config, "team_workload", first, W46, Filters(channels=("email",)), params
            )
        assert rows and {row["team"] for row in rows} == {"Payments"}
        whole = rollups.page_rows(con, config, "team_workload", first, W46, params)
        assert by_channel and not _same(by_channel, whole)
        # The pulse questions have no channel: under a channel filter they are the kept rows,
        # which are what a live computation under that filter gives.
        questions_first, questions = _page_params("pulse_questions", config)
        email = Filters(channels=("email",))
        args = ("pulse_questions", questions_first, W46)
        kept = page_rows(con, config, *args, email, questions)
        with monkeypatch.context() as patch:
            patch.setattr(rollups, "page_rows", lambda *a: None)
            live = page_rows(con, config, *args, email, questions)
        assert kept and _same(kept, live)
        assert _same(kept, rollups.page_rows(con, config, *args, questions))


def test_kept_page_rows_go_stale_with_the_next_load(tmp_path):
    path = tmp_path / "scorecard.duckdb"
    tickets = write(tmp_path, "tickets.csv", TICKETS)
    assert cli("ingest", str(tickets), "--db", str(path)).returncode == 0
    config = load_config()
    with contextlib.closing(db.open_reader(path)) as con:
        assert rollups.page_rows(con, config, "sla_matrix", W47, W47, {}) is not None
    # Loaded outside a writer session (no rollup rebuild): the kept rows are not used.
    con = db.connect(path)
    late = "ticket_id,created_at,first_response_at,solved_at,status,priority,channel,team\n"
    late += "T5,2026-11-19 08:00,2026-11-19 08:02,2026-11-19 09:00,solved,normal,email,A\n"
    assert load_file(con, write(tmp_path, "late.csv", late)).status == "loaded"
    assert rollups.page_rows(con, config, "sla_matrix", W47, W47, {}) is None
    con.close()


def test_kept_weeks_are_the_newest_and_the_default_week():
    sunday = date(2026, 11, 22)
    assert rollups.kept_weeks(W47, today=sunday + timedelta(days=1)) == [W47]
    assert rollups.kept_weeks(W47, today=sunday - timedelta(days=2)) == [W46, W47]
    assert rollups.kept_weeks(W46, today=sunday + timedelta(days=30)) == [W46]


def test_every_page_of_the_kept_week_reads_kept_rows(demo_db, monkeypatch):
    """The pages ask for exactly what the rollup keeps (page_queries.py is their one list):
    rendering each page for the newest week, unfiltered, runs no page query live."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from scorecard import engine

    from .test_app import DASHBOARD, PAGES

    live = []
    original = engine.run

    def recording_run(cursor, name, params=None):
        if name.startswith("pages/"):
            live.append(name)
        return original(cursor, name, params)

    monkeypatch.setattr(engine, "run", recording_run)
    monkeypatch.setenv("SCORECARD_DB", str(demo_db))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        at.query_params["week"] = "2026-W46"
        at.run()
        for page in PAGES:
            at.switch_page(page).run()
            assert not at.exception, (page, at.exception)
        at.switch_page("pages/sla.py").run()
        at.segmented_control(key="sla-clock").set_value("business").run()
        assert any("business clock" in h.value for h in at.subheader)
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
    assert live == []


def test_other_settings_get_fresh_kept_rows_when_the_app_starts(tmp_path, monkeypatch):
    path = tmp_path / "scorecard.duckdb"
    tickets = write(tmp_path, "tickets.csv", TICKETS)
    assert cli("ingest", str(tickets), "--db", str(path)).returncode == 0
    assert db.setup_needed(path) == []
    # A setting no query reads leaves the kept rows usable.
    display_only = write(tmp_path, "display.toml", "[uploads]\nlimit_mb = 5\n")
    monkeypatch.setenv("SCORECARD_CONFIG", str(display_only))
    assert db.setup_needed(path) == []
    # One queries read makes them unusable; the next start (ensure_ready) keeps fresh ones.
    smaller = write(tmp_path, "smaller.toml", "[anonymity]\nmin_group_size = 3\n")
    monkeypatch.setenv("SCORECARD_CONFIG", str(smaller))
    config = load_config()
    with contextlib.closing(db.open_reader(path)) as con:
        assert rollups.page_rows(con, config, "sla_matrix", W47, W47, {}) is None
    assert db.setup_needed(path) == ["data"]
    db.ensure_ready(path)
    assert db.setup_needed(path) == []
    with contextlib.closing(db.open_reader(path)) as con:
        assert rollups.page_rows(con, config, "sla_matrix", W47, W47, {}) is not None


def test_a_new_version_of_the_sql_makes_the_rollup_stale(demo_db, monkeypatch):
    config = load_config()
    with contextlib.closing(db.open_reader(demo_db)) as con:
        assert rollups.usable(con, config, W46, W46)
        monkeypatch.setattr(rollups, "queries_fingerprint", lambda: "another version")
        assert not rollups.usable(con, config, W46, W46)
        assert "data" in db.setup_needed(demo_db)
