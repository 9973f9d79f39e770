"""Properties of the loader and the metric queries over random valid data (Hypothesis).

- The same rows give the same figures however they are split into files, in whatever order
  the files are loaded, and whatever format (CSV or JSON lines) each file is in.
- Loading a file again changes nothing.
- Every figure keeps its invariants: percentages in [0, 100], counts never negative, morale on
  its 0–100 scale, and a median within the minimum and maximum of what it is the median of.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard import db, metrics
from scorecard.config import load_config
from scorecard.engine import Scope, scorecard_rows
from scorecard.ingest import load_file
from scorecard.weeks import parse_week

START = datetime(2026, 11, 2, tzinfo=UTC)  # Monday of 2026-W45
SPAN_MINUTES = 3 * 7 * 24 * 60  # three weeks of creation times
FIRST, LAST = parse_week("2026-W45"), parse_week("2026-W48")
LOADED_AT = datetime(2027, 1, 1, tzinfo=UTC)
OPEN_STATUSES = ("new", "open", "pending", "hold")
TEAMS = ("A", "B", "C")


def _at(minutes: int) -> str:
    return (START + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


@st.composite
def tickets(draw) -> list[dict]:
    ids = draw(st.lists(st.integers(1, 10_000), min_size=1, max_size=30, unique=True))
    rows = []
    for number in ids:
        created = draw(st.integers(0, SPAN_MINUTES - 1))
        response = draw(st.one_of(st.none(), st.integers(0, 3 * 24 * 60)))
        solve = draw(st.one_of(st.none(), st.integers(0, 10 * 24 * 60)))
        rows.append(
            {
                "ticket_id": f"T{number}",
                "created_at": _at(created),
                "first_response_at": _at(created + response) if response is not None else "",
                "solved_at": _at(created + solve) if solve is not None else "",
                "status": draw(
                    st.sampled_from(("solved", "closed") if solve is not None else OPEN_STATUSES)
                ),
                "priority": draw(st.sampled_from(("urgent", "high", "normal", "low"))),
                "channel": draw(st.sampled_from(("email", "chat", "phone"))),
                "team": draw(st.sampled_from(TEAMS)),
                "reopens": str(draw(st.integers(0, 2))),
            }
        )
    return rows


@st.composite
def ratings(draw, ticket_rows: list[dict]) -> list[dict]:
    rated = draw(st.lists(st.sampled_from(ticket_rows), unique_by=lambda t: t["ticket_id"]))
    return [
        {
            "ticket_id": t["ticket_id"],
            "rated_at": _at(draw(st.integers(0, SPAN_MINUTES - 1))),
            "score": str(draw(st.integers(1, 5))),
        }
        for t in rated
    ]


@st.composite
def pulse_answers(draw) -> list[dict]:
    count = draw(st.integers(0, 40))
    return [
        {
            "response_id": f"R{i}",
            "submitted_at": _at(draw(st.integers(0, SPAN_MINUTES - 1))),
            "score": str(draw(st.integers(1, 5))),
            "respondent": f"P{draw(st.integers(1, 12))}",
            "team": draw(st.sampled_from(TEAMS)),
            "question": draw(st.sampled_from(("workload", "support"))),
        }
        for i in range(count)
    ]


def _write(path: Path, rows: list[dict], columns: list[str]) -> Path:
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _figures(con) -> dict:
    rows = scorecard_rows(con, load_config(), FIRST, LAST, Scope.everything())
    return {(r["metric_id"], r["week"], r["team"]): (r["value"], r["n"]) for r in rows}


def _same(a: dict, b: dict) -> bool:
    def close(x, y) -> bool:
        if isinstance(x, float) and isinstance(y, float):
            return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)
        return x == y

    return a.keys() == b.keys() and all(close(a[k][0], b[k][0]) and a[k][1] == b[k][1] for k in a)


def _load_all(folder: Path, files: list[tuple[str, list[dict]]], name: str) -> dict:
    """A fresh database with `files` (kind, rows) loaded in order; its figures."""
    path = folder / f"{name}.duckdb"
    con = db.connect(path)
    try:
        for index, (kind, rows, fmt) in enumerate(files):
            columns = list(rows[0]) if rows else ["ticket_id"]
            file = _write(folder / f"{name}-{index}-{kind}.{fmt}", rows, columns)
            result = load_file(con, file, kind=kind, now=LOADED_AT)
            assert result.status == "loaded", result.message
            assert result.quarantined == 0, result
            assert result.rows_read == result.loaded + result.quarantined
        return _figures(con)
    finally:
        con.close()


SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(data=st.data())
def test_any_split_order_and_format_of_the_same_rows_gives_the_same_figures(data):
    ticket_rows = data.draw(tickets())
    rating_rows = data.draw(ratings(ticket_rows))
    tables = [("tickets", ticket_rows), ("csat", rating_rows)]
    with tempfile.TemporaryDirectory() as folder:
        whole = _load_all(Path(folder), [(k, r, "csv") for k, r in tables if r], "whole")
        pieces = []
        for kind, rows in tables:
            parts = data.draw(st.integers(1, 3))
            assignment = data.draw(
                st.lists(st.integers(0, parts - 1), min_size=len(rows), max_size=len(rows))
            )
            for part in range(parts):
                chosen = [row for row, p in zip(rows, assignment, strict=True) if p == part]
                if chosen:
                    fmt = data.draw(st.sampled_from(("csv", "jsonl")))
                    pieces.append((kind, chosen, fmt))
        order = data.draw(st.permutations(range(len(pieces))))
        split = _load_all(Path(folder), [pieces[i] for i in order], "split")
    assert _same(whole, split)


@SETTINGS
@given(ticket_rows=tickets())
def test_loading_the_same_file_again_changes_nothing(ticket_rows):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "again.duckdb"
        file = _write(Path(folder) / "tickets.csv", ticket_rows, list(ticket_rows[0]))
        with contextlib.closing(db.connect(path)) as con:
            assert load_file(con, file, now=LOADED_AT).status == "loaded"
            first = _figures(con)
            again = load_file(con, file, now=LOADED_AT)
            assert again.status == "skipped"
            assert _same(first, _figures(con))


def _minutes(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 60


@SETTINGS
@given(data=st.data())
def test_every_figure_keeps_its_invariants(data):
    ticket_rows = data.draw(tickets())
    rating_rows = data.draw(ratings(ticket_rows))
    answers = data.draw(pulse_answers())
    files = [("tickets", ticket_rows, "csv"), ("csat", rating_rows, "csv")]
    files += [("pulse", answers, "csv")] if answers else []
    with tempfile.TemporaryDirectory() as folder:
        figures = _load_all(Path(folder), [f for f in files if f[1]], "figures")
    responses = [
        _minutes(t["created_at"], t["first_response_at"])
        for t in ticket_rows
        if t["first_response_at"]
    ]
    resolutions = [
        _minutes(t["created_at"], t["solved_at"]) / 60 for t in ticket_rows if t["solved_at"]
    ]
    assert figures  # every metric × week × group has a row
    for (metric_id, week, team), (value, n) in figures.items():
        where = (metric_id, week, team, value, n)
        assert n is None or n >= 0, where
        if value is None:
            continue
        unit = metrics.get_metric(metric_id).unit
        if unit == "%" and metric_id != "agent_turnover":
            assert 0 <= value <= 100, where
        if metric_id in ("morale_pulse",):
            assert 0 <= value <= 100, where
        if metric_id == "backlog":
            assert value >= 0 and value == int(value), where
        if metric_id == "frt":
            assert min(responses) - 1e-9 <= value <= max(responses) + 1e-9, where
        if metric_id == "resolution_time":
            assert min(resolutions) - 1e-9 <= value <= max(resolutions) + 1e-9, where
