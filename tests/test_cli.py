"""The command line (SPEC §8, §11): ingest lines and exit codes, report formats, demo."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SEED_FIGURES = {
    "morale_pulse": 78,
    "csat": 87,
    "frt": 12,
    "resolution_time": 30,
    "backlog": 110,
    "qa_score": 89,
    "agent_turnover": 11,
    "sla_adherence": 90,
}


def scorecard(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


@pytest.fixture
def exports(tmp_path):
    good = tmp_path / "tickets.csv"
    good.write_text(
        "ticket_id,created_at,first_response_at,status\n"
        "T1,2026-11-16 09:00,2026-11-16 09:06,open\n"
        "T2,2026-11-16 09:00,not a time,open\n",
        encoding="utf-8",
    )
    empty = tmp_path / "csat.csv"
    empty.write_bytes(b"")
    return good, empty, tmp_path / "scorecard.duckdb"


def test_ingest_prints_one_line_per_file_and_exit_codes(exports):
    good, empty, db = exports
    done = scorecard("ingest", str(good), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{good}: 1 loaded (0 replaced), 1 quarantined\n"

    # A refused file: exit 1, the others still load.
    done = scorecard("ingest", str(empty), str(good), "--db", str(db))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"error: {empty}: empty file (0 bytes)",
        f"{good}: 0 loaded (0 replaced), 0 quarantined (same content as load 1; nothing changed)",
    ]


def test_ingest_usage_errors_exit_2(exports):
    good, _, db = exports
    assert scorecard("ingest", str(good), "--kind", "nonsense", "--db", str(db)).returncode == 2
    bad_zone = scorecard("ingest", str(good), "--timezone", "Mars/Olympus", "--db", str(db))
    assert bad_zone.returncode == 2
    assert "unknown time zone" in bad_zone.stderr
    assert scorecard("ingest", "--db", str(db)).returncode == 2


def test_database_from_the_environment(exports):
    good, _, db = exports
    done = scorecard("ingest", str(good), env={"SCORECARD_DB": str(db)})
    assert done.returncode == 0
    assert db.exists()


def test_report_formats(exports):
    good, _, db = exports
    scorecard("ingest", str(good), "--db", str(db))
    done = scorecard("report", "--week", "2026-W47", "--db", str(db))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # exactly one JSON object on stdout
    assert list(report) == ["week", "start", "end", "metrics"]
    assert (report["week"], report["start"], report["end"]) == (
        "2026-W47",
        "2026-11-16T00:00:00+00:00",
        "2026-11-23T00:00:00+00:00",
    )
    assert len(report["metrics"]) == 14
    for entry in report["metrics"]:
        assert list(entry) == [
            "id",
            "label",
            "value",
            "unit",
            "target",
            "operator",
            "status",
            "owner",
            "notes",
            "n",
        ]
    frt = next(m for m in report["metrics"] if m["id"] == "frt")
    assert (frt["value"], frt["n"], frt["status"], frt["owner"]) == (6, 1, "met", "Ops")

    as_csv = scorecard("report", "--week", "2026-W47", "--format", "csv", "--db", str(db))
    table = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(table) == 14
    assert next(r for r in table if r["id"] == "frt")["value"] == "6.0"

    markdown = scorecard("report", "--week", "2026-W47", "--format", "markdown", "--db", str(db))
    assert "| First Response Time (FRT) | 6.0 min | < 8 min | met | Ops | 1 |" in markdown.stdout


def test_report_for_one_team_and_bad_weeks(exports):
    good, _, db = exports
    scorecard("ingest", str(good), "--db", str(db))
    team = json.loads(
        scorecard("report", "--week", "2026-W47", "--team", "Unassigned", "--db", str(db)).stdout
    )
    assert next(m for m in team["metrics"] if m["id"] == "frt")["n"] == 1
    other = json.loads(
        scorecard("report", "--week", "2026-W47", "--team", "unassigned", "--db", str(db)).stdout
    )
    assert (
        next(m for m in other["metrics"] if m["id"] == "frt")["status"] == "no_data"
    )  # exact match
    assert scorecard("report", "--week", "2026-47", "--db", str(db)).returncode == 2
    assert scorecard("report", "--week", "2026-W54", "--db", str(db)).returncode == 2
    missing = scorecard("report", "--week", "2026-W47", "--db", str(db.with_name("none.duckdb")))
    assert missing.returncode == 1
    assert "no database" in missing.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    done = scorecard("demo", "--end", "2026-11-15", "--db", str(folder / "demo.duckdb"))
    assert done.returncode == 0, done.stderr
    return folder / "demo.duckdb", done


@pytest.mark.slow
def test_demo_latest_week_lands_near_the_seed_figures(demo_db):
    db, done = demo_db
    assert "quarantined" in done.stdout and "error" not in done.stdout
    report = json.loads(scorecard("report", "--week", "2026-W46", "--db", str(db)).stdout)
    by_id = {m["id"]: m for m in report["metrics"]}
    assert len(by_id) == 14
    for metric_id, seed in SEED_FIGURES.items():
        value = by_id[metric_id]["value"]
        assert abs(value - seed) <= 0.10 * seed, (metric_id, value, seed)
    for entry in report["metrics"]:
        assert entry["value"] is not None and entry["n"] > 0, entry["id"]
        assert entry["target"] is not None and entry["owner"]


@pytest.mark.slow
def test_demo_shows_the_spike_and_the_morale_dip_after_it(demo_db):
    db, _ = demo_db

    def team_value(week: int, metric_id: str) -> float:
        done = scorecard("report", "--week", f"2026-W{week}", "--team", "Payments", "--db", str(db))
        return next(m for m in json.loads(done.stdout)["metrics"] if m["id"] == metric_id)["value"]

    # Payments takes a workload spike in W37–W40 (the 9th to 6th week before W46).
    before_sla = team_value(35, "sla_adherence")
    during_sla = min(team_value(w, "sla_adherence") for w in (38, 39, 40))
    assert during_sla < before_sla - 8
    # Its morale dips a couple of weeks later and recovers by the last week.
    before_morale = team_value(35, "morale_pulse")
    dip = min(team_value(w, "morale_pulse") for w in (40, 41, 42))
    assert dip < before_morale - 8
    assert team_value(46, "morale_pulse") > dip + 8


@pytest.mark.slow
def test_demo_workload_spike_is_flagged_in_payments_only(demo_db):
    from datetime import date

    from scorecard import db as storage
    from scorecard.config import load_config
    from scorecard.engine import page_rows

    path, _ = demo_db
    config = load_config()
    con = storage.connect(path)
    try:
        rows = page_rows(
            con,
            config,
            "team_workload",
            date(2026, 5, 18),
            date(2026, 11, 9),
            None,
            {
                "rise_share": config.workload_rise_share,
                "dip_points": config.workload_dip_points,
                "within_weeks": config.workload_within_weeks,
                "baseline_weeks": config.workload_baseline_weeks,
            },
        )
    finally:
        con.close()
    rises = {(r["team"], r["week"].isocalendar().week) for r in rows if r["workload_rise"]}
    dips = {(r["team"], r["week"].isocalendar().week) for r in rows if r["morale_dip"]}
    # The spike's tickets arrive in W37–W40; solving catches up in W38 and W39 (the rises);
    # morale falls from W39 and is flagged while it stays 8 points down, to W43.
    assert rises == {("Payments", 38), ("Payments", 39)}
    assert dips == {("Payments", w) for w in range(39, 44)}
    assert {r["team"] for r in rows} == {"Billing", "Technical", "Onboarding", "Payments"}


@pytest.mark.slow
def test_demo_run_twice_changes_nothing(demo_db):
    db, _ = demo_db
    again = scorecard("demo", "--end", "2026-11-15", "--db", str(db))
    assert again.returncode == 0
    assert all("nothing changed" in line for line in again.stdout.splitlines())


def test_demo_refuses_a_database_with_other_data(exports):
    good, _, db = exports
    scorecard("ingest", str(good), "--db", str(db))
    done = scorecard("demo", "--weeks", "2", "--db", str(db))
    assert done.returncode == 1
    assert "already holds loads that are not demo exports" in done.stderr


def test_a_database_held_by_another_process_gives_a_clear_error(exports):
    import duckdb

    good, _, db = exports
    holder = duckdb.connect(str(db))
    try:
        done = scorecard("ingest", str(good), "--db", str(db))
    finally:
        holder.close()
    assert done.returncode == 1
    assert done.stderr.startswith("error: cannot open the database: ")
    assert "Traceback" not in done.stderr


def test_ingest_reports_the_progress_of_a_large_file(tmp_path):
    from scorecard.cli import PROGRESS_FROM_BYTES

    path = tmp_path / "tickets.csv"
    filler = "x" * 4_000_000  # a long requester field: few records, a large file
    lines = ["ticket_id,created_at,status,requester"]
    lines += [f"T{i},2026-11-16T09:00:00Z,open,{filler}" for i in range(6)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size >= PROGRESS_FROM_BYTES
    done = scorecard("ingest", str(path), "--db", str(tmp_path / "big.duckdb"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{path}: 6 loaded (0 replaced), 0 quarantined"
    progress = [line for line in done.stderr.splitlines() if line.startswith("progress: ")]
    assert progress[0].startswith(f"progress: {path}:   0% Checking the file (24.0 MB)…")
    assert any("Checking 6 tickets records against the rules…" in line for line in progress)
    assert progress[-1] == "progress: preparing the dashboard's tables and figures…"
    # A small file says nothing of its progress.
    small = tmp_path / "small.csv"
    small.write_text("ticket_id,created_at,status\nT9,2026-11-16T09:00:00Z,open\n")
    done = scorecard(
        "ingest", str(small), "--kind", "tickets", "--db", str(tmp_path / "big.duckdb")
    )
    assert done.returncode == 0 and "progress:" not in done.stderr
