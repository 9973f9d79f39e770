"""A Ctrl-C that something swallowed still stops a writer before anything goes live."""

from __future__ import annotations

import contextlib
import os
import signal

import pytest

from scorecard import db, interrupts


@pytest.fixture
def installed():
    previous = signal.getsignal(signal.SIGINT)
    interrupts.install()
    yield
    signal.signal(signal.SIGINT, previous)
    interrupts._requested = False


def test_a_swallowed_ctrl_c_is_still_remembered(installed):
    interrupts.check()  # nothing pressed yet: carries on
    with contextlib.suppress(KeyboardInterrupt):  # what DuckDB can do as a query ends
        os.kill(os.getpid(), signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        interrupts.check()


def test_a_writer_asked_to_stop_makes_nothing_live(installed, tmp_path):
    database = tmp_path / "db.duckdb"
    db.ensure_ready(database)
    with pytest.raises(KeyboardInterrupt), db.writing(database, "data") as con:
        con.execute("insert into meta values ('written', 'yes')")
        with contextlib.suppress(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
    assert not database.with_name(database.name + ".next").exists()
    with contextlib.closing(db.open_reader(database)) as con:
        assert con.execute("select count(*) from meta where key = 'written'").fetchall() == [(0,)]


def test_install_starts_with_nothing_pressed(installed):
    interrupts._requested = True
    interrupts.install()
    interrupts.check()
