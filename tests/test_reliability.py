"""What real operations throw at the product, with real processes and files: a load or a publish
killed with SIGKILL at any step, a command-line load while the dashboard serves, and twenty
note writers in two processes adding and editing at once."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from scorecard import admin, db, snapshots
from scorecard.weeks import parse_week

from .conftest import write
from .test_app import DASHBOARD, TICKETS, entry_point_runs_every_time  # noqa: F401
from .test_cli import scorecard as cli

ROOT = Path(__file__).resolve().parent.parent
W47 = parse_week("2026-W47")
BULK = 60_000  # tickets in the large file: over 20 MB, so ingest reports each step


@pytest.fixture(scope="module")
def bulk_file(tmp_path_factory) -> Path:
    """60,000 open tickets of a new team created in W47, padded to 24 MB."""
    path = tmp_path_factory.mktemp("bulk") / "tickets.csv"
    pad = "r" * 300
    with path.open("w", encoding="utf-8") as out:
        out.write("ticket_id,created_at,first_response_at,status,priority,channel,team,requester\n")
        for i in range(BULK):
            out.write(
                f"B{i},2026-11-17T09:{i % 60:02d}:00Z,2026-11-17T10:{i % 60:02d}:00Z,"
                f"open,normal,email,Bulk,{pad}\n"
            )
    return path


@pytest.fixture
def database(tmp_path) -> Path:
    path = tmp_path / "scorecard.duckdb"
    done = cli("ingest", str(write(tmp_path, "tickets.csv", TICKETS)), "--db", str(path))
    assert done.returncode == 0, done.stderr
    with db.writing(path, "state") as con:
        admin.add_note(con, "backlog", W47, "T3 waits on a vendor", author="Ana")
    return path


def figures(database: Path) -> dict:
    done = cli("report", "--week", "2026-W47", "--db", str(database))
    assert done.returncode == 0, done.stderr
    return {m["id"]: (m["value"], m["n"]) for m in json.loads(done.stdout)["metrics"]}


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "scorecard", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


@pytest.mark.parametrize(
    "step",
    [
        "Checking the file",
        "Reading the records",
        "against the rules",
        "Writing",
        "preparing the dashboard",
    ],
)
def test_a_load_killed_at_any_step_leaves_the_previous_data_and_the_next_load_succeeds(
    database, bulk_file, step
):
    before, version = figures(database), db.version(database)
    load = _start("ingest", str(bulk_file), "--db", str(database))
    heard = []
    for line in load.stderr:
        heard.append(line)
        if step in line:
            load.send_signal(signal.SIGKILL)
            break
    load.wait(timeout=120)
    assert load.returncode == -signal.SIGKILL, heard
    assert load.stdout.read() == ""  # no line told of a load that then did not happen
    # Nothing of the killed load is visible: same files, same figures, no log line.
    assert db.version(database) == version
    assert figures(database) == before
    with contextlib.closing(db.open_reader(database)) as con:
        assert con.execute("select count(*) from load_log").fetchall() == [(1,)]
    # The next load takes the lock the dead process held, and lands.
    done = cli("ingest", str(bulk_file), "--db", str(database))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{bulk_file}: {BULK} loaded (0 replaced), 0 quarantined"
    after = figures(database)
    assert after["backlog"] == before["backlog"]  # created in W47: not yet 7 days old
    assert after["frt"] != before["frt"]  # 60,000 first responses of an hour joined W47


def test_a_publish_killed_at_any_moment_leaves_no_half_revision(database):
    state = db.state_path(database)
    draft = state.with_name(state.name + ".next")
    killed_mid_write = 0
    for attempt in range(6):
        publish = _start("publish", "--week", "2026-W47", "--by", "cron", "--db", str(database))
        # Kill as soon as the writer session has begun (its draft copy exists), else late.
        deadline = time.monotonic() + 60
        while publish.poll() is None and time.monotonic() < deadline:
            if draft.exists():
                publish.send_signal(signal.SIGKILL)
                killed_mid_write += 1
                break
            time.sleep(0.0005)
        publish.wait(timeout=60)
        with contextlib.closing(db.open_reader(database)) as con:
            revisions = snapshots.published(con)
            read = [snapshots.read(con, row["snapshot_id"]) for row in revisions]
        # Every revision there is whole (its seal holds) and numbered without a gap.
        assert all(snapshot["intact"] for snapshot in read), attempt
        assert [row["revision"] for row in revisions] == list(range(1, len(revisions) + 1))
    assert killed_mid_write >= 3  # the kills did land inside writer sessions
    done = cli("publish", "--week", "2026-W47", "--by", "Dana", "--db", str(database))
    assert done.returncode == 0, done.stderr
    with contextlib.closing(db.open_reader(database)) as con:
        assert snapshots.published(con)[0]["published_by"] == "Dana"


def test_a_command_line_load_while_the_dashboard_serves_shows_without_a_restart(
    database, bulk_file, monkeypatch
):
    monkeypatch.setenv("SCORECARD_DB", str(database))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = AppTest.from_file(DASHBOARD, default_timeout=120)
        at.query_params["week"] = "2026-W47"
        at.run()
        assert not at.exception
        teams_before = set(at.multiselect(key="team").options)
        assert "Bulk" not in teams_before
        load = _start("ingest", str(bulk_file), "--db", str(database))
        # People keep using the dashboard while the load runs: no error reaches them.
        reruns = 0
        while load.poll() is None:
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            reruns += 1
        _, err = load.communicate()
        assert load.returncode == 0, err
        assert reruns >= 2
        at.run()  # the next rerun of the same session sees the new data
        assert not at.exception
        assert "Bulk" in at.multiselect(key="team").options
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


_SECOND_PROCESS = """
import sys, threading
from datetime import date
from scorecard import admin, db
path, shared = sys.argv[1], int(sys.argv[2])
errors = []
def writer(i):
    try:
        with db.writing(path, "state") as con:
            note = admin.add_note(con, "csat", date(2026, 11, 16), f"p2 note {i}", author=f"p2w{i}")
        with db.writing(path, "state") as con:
            admin.change_note(con, note, f"p2w{i}", text=f"p2 note {i} edited")
        with db.writing(path, "state") as con:
            admin.change_note(con, shared, f"p2w{i}", text=f"shared by p2w{i}")
    except BaseException as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=writer, args=(i,)) for i in range(10)]
[t.start() for t in threads]
[t.join() for t in threads]
print("\\n".join(errors))
sys.exit(1 if errors else 0)
"""


def test_twenty_writers_in_two_processes_add_and_edit_notes_and_lose_nothing(database):
    with db.writing(database, "state") as con:
        shared = admin.add_note(con, "frt", W47, "shared note", author="Ana")
    errors: list[BaseException] = []

    def writer(i: int) -> None:
        try:
            with db.writing(database, "state") as con:
                note = admin.add_note(con, "csat", W47, f"p1 note {i}", author=f"p1w{i}")
            with db.writing(database, "state") as con:
                admin.change_note(con, note, f"p1w{i}", text=f"p1 note {i} edited")
            with db.writing(database, "state") as con:
                admin.change_note(con, shared, f"p1w{i}", text=f"shared by p1w{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    other = subprocess.Popen(
        [sys.executable, "-c", _SECOND_PROCESS, str(database), str(shared)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    threads = [threading.Thread(target=writer, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out, err = other.communicate(timeout=300)
    assert other.returncode == 0, out + err
    assert errors == []
    with contextlib.closing(db.open_reader(database)) as con:
        notes = dict(con.execute("select text, note_id from notes").fetchall())
        history = con.execute(
            "select note_id, version, text, changed_by from note_history order by note_id, version"
        ).fetchall()
        final_shared = con.execute("select text from notes where note_id = ?", [shared]).fetchall()[
            0
        ][0]
    own = {f"{p} note {i} edited" for p in ("p1", "p2") for i in range(10)}
    assert own <= notes.keys()
    # Every note's versions run 1, 2, 3 … without a gap or a repeat.
    by_note: dict[int, list] = {}
    for note_id, version, text, changed_by in history:
        by_note.setdefault(note_id, []).append((version, text, changed_by))
    for versions in by_note.values():
        assert [v for v, _, _ in versions] == list(range(1, len(versions) + 1))
    for text in own:
        assert [t for _, t, _ in by_note[notes[text]]] == [text.removesuffix(" edited"), text]
    # The shared note: its first version and all 20 edits, the last one what it says now.
    shared_versions = by_note[shared]
    assert len(shared_versions) == 21
    assert {by for _, _, by in shared_versions[1:]} == {
        f"{p}w{i}" for p in ("p1", "p2") for i in range(10)
    }
    assert shared_versions[-1][1] == final_shared
