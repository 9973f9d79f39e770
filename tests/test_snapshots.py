"""Published snapshots: publish, freeze, revise, compare, export — through the real command
line and the real files, with a dashboard-like reader holding the database open."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from scorecard import admin, db, snapshots
from scorecard.weeks import parse_week

from .conftest import write
from .test_app import TICKETS
from .test_cli import scorecard as cli

ROOT = Path(__file__).resolve().parent.parent
W46, W47 = parse_week("2026-W46"), parse_week("2026-W47")

# TICKETS (from the app tests): W46: T3 answered after 20 min. W47: T1 10 min / solved in
# 3 h, T2 4 min and still open, T4 30 min / solved in 24 h. At the end of W47 only T3 is open
# for more than 7 days.
# A late export: T5 answered after 2 min and solved in 1 h, in W47.
LATE = """
ticket_id,created_at,first_response_at,solved_at,status,priority,channel,team
T5,2026-11-19 08:00,2026-11-19 08:02,2026-11-19 09:00,solved,normal,email,A
"""


@pytest.fixture
def database(tmp_path) -> Path:
    path = tmp_path / "scorecard.duckdb"
    done = cli("ingest", str(write(tmp_path, "tickets.csv", TICKETS)), "--db", str(path))
    assert done.returncode == 0, done.stderr
    with db.writing(path, "state") as con:
        admin.add_note(con, "backlog", W47, "T3 waits on a vendor", author="Ana", owner="Ops")
        admin.add_note(con, "frt", W47, "Done already", author="Ben", status="done")
    return path


def live_report(database: Path, week: str = "2026-W47") -> dict:
    done = cli("report", "--week", week, "--db", str(database))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def read(database: Path, week: date, revision: int | None = None) -> dict:
    with contextlib.closing(db.open_reader(database)) as con:
        return snapshots.read(con, snapshots.find(con, week, revision))


def by_id(entries: list[dict]) -> dict[str, dict]:
    return {entry["id"]: entry for entry in entries}


def test_a_publication_freezes_what_report_shows(database):
    done = cli("publish", "--week", "2026-W47", "--by", "Dana", "--db", str(database))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("published 2026-W47 revision 1 by Dana")
    published = read(database, W47)
    assert published["intact"] and published["revision"] == 1
    assert published["published_by"] == "Dana"
    assert [load["file_name"] for load in published["loads"]] == [
        str(database.parent / "tickets.csv")
    ]
    report = live_report(database)
    assert [e["id"] for e in published["metrics"]] == [e["id"] for e in report["metrics"]]
    for entry, live in zip(published["metrics"], report["metrics"], strict=True):
        for key in ("value", "target", "operator", "status", "owner", "n"):
            assert entry[key] == live[key], (entry["id"], key)
        assert [n["text"] for n in entry["notes"]] == [n["text"] for n in live["notes"]]
    frozen = by_id(published["metrics"])
    # Hand-computed: FRT median of 10, 4, 30 min; resolution median of 3 h and 24 h; one
    # ticket open more than 7 days.
    assert frozen["frt"]["value"] == 10.0 and frozen["frt"]["n"] == 3
    assert frozen["resolution_time"]["value"] == 13.5
    assert frozen["backlog"]["value"] == 1 and frozen["backlog"]["status"] == "met"
    assert [n["text"] for n in frozen["backlog"]["notes"]] == ["T3 waits on a vendor"]
    # The trend behind the charts: 13 weeks ending with the published one, same value.
    assert len(frozen["frt"]["series"]) == snapshots.SERIES_WEEKS
    assert frozen["frt"]["series"][-1]["week"] == W47
    assert frozen["frt"]["series"][-1]["value"] == 10.0
    assert frozen["frt"]["series"][-2]["value"] == 20.0  # W46: T3 only


def test_a_late_export_leaves_the_snapshot_alone_shows_drift_and_a_new_revision(database, tmp_path):
    assert (
        cli("publish", "--week", "2026-W47", "--by", "Dana", "--db", str(database)).returncode == 0
    )
    first = read(database, W47)
    before = by_id(live_report(database)["metrics"])
    # Owners keep working after publication: the note's later edit is not in revision 1.
    with db.writing(database, "state") as con:
        note_id = by_id(first["metrics"])["backlog"]["notes"][0]["note_id"]
        admin.change_note(con, note_id, "Ana", text="Vendor answered")

    late = write(tmp_path, "late.csv", LATE)
    assert cli("ingest", str(late), "--kind", "tickets", "--db", str(database)).returncode == 0
    after = by_id(live_report(database)["metrics"])
    moved = {
        m
        for m in after
        if (after[m]["value"], after[m]["n"]) != (before[m]["value"], before[m]["n"])
    }
    assert {"frt", "resolution_time"} <= moved
    assert after["frt"]["value"] == 7.0  # median of 2, 4, 10, 30
    assert after["resolution_time"]["value"] == 3.0  # median of 1, 3, 24 h

    again = read(database, W47, revision=1)
    assert again == first  # unchanged, to the last note and trend point
    assert again["intact"]
    with contextlib.closing(db.open_reader(database)) as con:
        drift = snapshots.drift(again, live_report(database))
    assert {item["id"] for item in drift} == moved
    frt = next(item for item in drift if item["id"] == "frt")
    assert (frt["published_value"], frt["live_value"]) == (10.0, 7.0)

    assert (
        cli("publish", "--week", "2026-W47", "--by", "Eve", "--db", str(database)).returncode == 0
    )
    second = read(database, W47)
    assert second["revision"] == 2 and second["published_by"] == "Eve"
    assert read(database, W47, revision=1) == first
    # Revision 2 differs from revision 1 exactly where the data (or a note) changed.
    assert set(snapshots.revision_changes(first, second)) == moved | {"backlog"}
    for metric_id, entry in by_id(second["metrics"]).items():
        for key in ("value", "status", "n"):
            assert entry[key] == after[metric_id][key]
    assert [n["text"] for n in by_id(second["metrics"])["backlog"]["notes"]] == ["Vendor answered"]
    assert snapshots.drift(second, live_report(database)) == []


def test_an_altered_revision_is_caught_by_its_seal(database):
    assert (
        cli("publish", "--week", "2026-W47", "--by", "Dana", "--db", str(database)).returncode == 0
    )
    with db.writing(database, "state") as con:
        con.execute("update snapshot_metrics set value = 1.0 where metric_id = 'frt'")
    assert read(database, W47)["intact"] is False


def test_change_against_the_previous_published_week_and_movers(database):
    for week in ("2026-W46", "2026-W47"):
        assert cli("publish", "--week", week, "--by", "Dana", "--db", str(database)).returncode == 0
    with contextlib.closing(db.open_reader(database)) as con:
        current = snapshots.read(con, snapshots.find(con, W47))
        previous = snapshots.read(con, snapshots.previous_snapshot(con, W47))
    assert previous["week"] == W46
    changes = snapshots.compare(current, previous)
    assert changes["frt"]["delta"] == -10.0  # 20 → 10 min
    assert changes["frt"]["better"] is True  # lower is better
    assert changes["frt"]["relative"] == pytest.approx(-10 / 8)
    # Backlog: 0 at the end of W46 (T3 not yet 7 days old), 1 at the end of W47.
    assert changes["backlog"]["delta"] == 1 and changes["backlog"]["better"] is False
    assert snapshots.movers(changes)[0] == "frt"  # 125 % of its target
    assert [note["text"] for note in snapshots.open_notes(current)] == ["T3 waits on a vendor"]


def test_the_three_exports_carry_the_published_figures(database, tmp_path):
    outs = [tmp_path / f"w47.{ext}" for ext in ("html", "csv", "md")]
    args = [arg for out in outs for arg in ("--out", str(out))]
    done = cli("publish", "--week", "2026-W47", "--by", "Dana <b>", "--db", str(database), *args)
    assert done.returncode == 0, done.stderr
    published = by_id(read(database, W47)["metrics"])
    html, table, markdown = (out.read_text(encoding="utf-8") for out in outs)

    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(table))}
    assert set(rows) == set(published)
    for metric_id, entry in published.items():
        value = rows[metric_id]["value"]
        assert (float(value) if value else None) == entry["value"]
        assert rows[metric_id]["status"] == entry["status"]
        assert rows[metric_id]["revision"] == "1"
    assert "| First Response Time (FRT) | 10.0 min | < 8 min | missed |" in markdown
    assert "| Resolution Time | 13.5 h | < 24 h | near |" not in markdown  # 13.5 < 24: met
    assert "| Resolution Time | 13.5 h | < 24 h | met |" in markdown
    assert "10.0 min" in html and "13.5 h" in html
    assert "Dana &lt;b&gt;" in html and "Dana <b>" not in html
    assert "Dana \\<b\\>" in markdown
    for marker in ("http://", "https://", "<script", "<link", "src="):
        assert marker not in html

    # Exporting the stored revision later gives the same bytes.
    again = tmp_path / "again.html"
    assert (
        cli("export", "--week", "2026-W47", "--out", str(again), "--db", str(database)).returncode
        == 0
    )
    assert again.read_text(encoding="utf-8") == html


def test_export_of_a_week_never_published_says_so(database, tmp_path):
    done = cli(
        "export", "--week", "2026-W40", "--out", str(tmp_path / "x.csv"), "--db", str(database)
    )
    assert done.returncode == 2
    assert done.stderr.endswith("error: 2026-W40 has not been published\n")
    assert cli("publish", "--week", "2026-W47", "--db", str(database)).returncode == 0
    missing = cli(
        "export", "--week", "2026-W47", "--revision", "2", "--out", str(tmp_path / "x.md"),
        "--db", str(database),
    )  # fmt: skip
    assert "2026-W47 has no published revision 2" in missing.stderr
    bad = cli(
        "publish", "--week", "2026-W47", "--out", str(tmp_path / "x.pdf"), "--db", str(database)
    )
    assert bad.returncode == 2 and "must end in .html, .csv or .md" in bad.stderr


def test_a_publish_while_the_app_reads_and_twenty_writers_add_notes_loses_nothing(database):
    # The dashboard keeps a reader open all day.
    app_reader = db.open_reader(database)
    errors: list[BaseException] = []

    def writer(i: int) -> None:
        try:
            with db.writing(database, "state") as con:
                admin.add_note(con, "csat", W47, f"note {i}", author=f"writer {i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(20)]
    publish = subprocess.Popen(
        [sys.executable, "-m", "scorecard", "publish", "--week", "2026-W47", "--db", str(database)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SCORECARD_PUBLISHER": "cron"},
    )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _, err = publish.communicate(timeout=300)
    assert publish.returncode == 0, err
    assert not errors
    # The old reader still reads its version; a new one sees every note and the snapshot.
    assert app_reader.execute("select count(*) from notes").fetchall() == [(2,)]
    app_reader.close()
    with contextlib.closing(db.open_reader(database)) as con:
        texts = {row[0] for row in con.execute("select text from notes").fetchall()}
        history = con.execute("select count(*) from note_history").fetchall()[0][0]
        published = snapshots.published(con)
    assert {f"note {i}" for i in range(20)} <= texts and len(texts) == 22
    assert history == 22
    assert [(row["revision"], row["published_by"]) for row in published] == [(1, "cron")]
