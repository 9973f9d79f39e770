"""Storage (scorecard/db.py): two files written by atomic swaps, read by many threads and
processes; a writer killed mid-way loses nothing; a one-file database of an earlier version
is split without losing a note."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import duckdb

from scorecard import admin, db

ROOT = Path(__file__).resolve().parent.parent
W47 = date(2026, 11, 16)


def test_many_threads_take_cursors_on_one_shared_reader(tmp_path):
    path = tmp_path / "scorecard.duckdb"
    db.ensure_ready(path)
    reader = db.open_reader(path)  # the dashboard's one connection per version of the files
    errors: list[BaseException] = []

    def query() -> None:
        try:
            for _ in range(25):
                with contextlib.closing(db.cursor(reader)) as cur:
                    assert cur.execute("select count(*) from targets").fetchall()[0][0] > 0
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=query) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reader.close()
    assert errors == []


def test_a_writer_killed_mid_way_leaves_the_live_file_and_the_next_writer_succeeds(tmp_path):
    path = tmp_path / "scorecard.duckdb"
    db.ensure_ready(path)
    with db.writing(path, "state") as con:
        admin.add_note(con, "csat", W47, "kept", author="Ana")
    before = db.version(path)
    # A process that dies (no cleanup at all) in the middle of writing a note.
    script = (
        "import os, sys\n"
        "from datetime import date\n"
        "from scorecard import admin, db\n"
        f"with db.writing({str(path)!r}, 'state') as con:\n"
        "    admin.add_note(con, 'csat', date(2026, 11, 16), 'lost', author='Ben')\n"
        "    os._exit(9)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True)
    assert done.returncode == 9
    assert db.version(path) == before  # the live files were never touched
    draft = db.state_path(path).with_name(db.state_path(path).name + ".next")
    assert draft.exists()  # its half-written copy is left behind…
    with db.writing(path, "state") as con:  # …and the next writer takes the lock and clears it
        admin.add_note(con, "csat", W47, "after", author="Cy")
    assert not draft.exists()
    with contextlib.closing(db.open_reader(path)) as con:
        texts = sorted(row[0] for row in con.execute("select text from notes").fetchall())
    assert texts == ["after", "kept"]


def test_a_database_of_an_earlier_version_keeps_its_notes_and_targets(tmp_path):
    path = tmp_path / "old.duckdb"
    # The one-file layout of earlier versions: loaded data and notes side by side.
    old = duckdb.connect(str(path))
    old.execute(
        "create table notes (note_id bigint, metric_id varchar, week date, team varchar, "
        "author varchar, owner varchar, text varchar, status varchar, created_at timestamptz, "
        "edited_at timestamptz, deleted_at timestamptz)"
    )
    old.execute(
        "insert into notes values (7, 'csat', '2026-11-16', null, 'Ana', 'Ops', 'from v1', "
        "'open', now(), null, null)"
    )
    old.execute(
        "create table note_history (note_id bigint, version integer, author varchar, "
        "owner varchar, text varchar, status varchar, deleted boolean, changed_by varchar, "
        "changed_at timestamptz)"
    )
    old.execute(
        "insert into note_history values (7, 1, 'Ana', 'Ops', 'from v1', 'open', false, 'Ana', now())"
    )
    old.execute(
        "create table targets (metric_id varchar, operator varchar, target double, "
        "effective_from date, set_by varchar, set_at timestamptz)"
    )
    old.execute("insert into targets values ('frt', '<=', 6, '2026-01-05', 'VP', now())")
    old.execute(
        "create table owners (metric_id varchar, owner varchar, effective_from date, "
        "set_by varchar, set_at timestamptz)"
    )
    old.close()

    db.ensure_ready(path)
    with contextlib.closing(db.open_reader(path)) as con:
        notes = con.execute("select note_id, text from notes").fetchall()
        history = con.execute("select count(*) from note_history").fetchall()[0][0]
        frt = con.execute(
            "select target from targets where metric_id = 'frt' and set_by = 'VP'"
        ).fetchall()
        left = con.execute(
            "select count(*) from duckdb_tables() where database_name = 'sc_data' "
            "and table_name in ('notes', 'note_history', 'targets', 'owners')"
        ).fetchall()[0][0]
    assert notes == [(7, "from v1")] and history == 1 and frt == [(6.0,)]
    assert left == 0  # moved, not copied
    with db.writing(path, "state") as con:  # new notes continue the old numbering
        assert admin.add_note(con, "csat", W47, "new", author="Ben") == 8
