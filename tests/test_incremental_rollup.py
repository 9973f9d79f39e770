"""A session whose loads replaced some tickets' staging rows recomputes the weekly rollup only
from the first week those rows (old or new) fall in (scorecard/rollups.py); the kept figures
must equal a rollup rebuilt whole, and anything else rebuilds it whole."""

from __future__ import annotations

import contextlib
import shutil
from datetime import date, timedelta

import pytest

from scorecard import db, rollups, staging
from scorecard.config import load_config
from scorecard.engine import Filters, metric_values_sql, prepare_view
from scorecard.ingest import load_file
from scorecard.ingest.kinds import KINDS

from .test_rollups import _same

W43, W46 = date(2026, 10, 19), date(2026, 11, 9)


@pytest.fixture
def copy(demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, path)
    shutil.copyfile(db.state_path(demo_db), db.state_path(path))
    return path


@pytest.fixture
def since(monkeypatch):
    """What each rollup refresh decided: the first week it recomputed, or None (whole)."""
    decided = []
    original = rollups._changed_since

    def spy(*args):
        decided.append(original(*args))
        return decided[-1]

    monkeypatch.setattr(rollups, "_changed_since", spy)
    monkeypatch.setattr(staging, "INCREMENTAL_SHARE", 1.0)
    return decided


def _kept(con) -> list[dict]:
    cursor = con.execute("select * from rollup_metric_values order by metric_id, week, team")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _rebuilt_whole(con) -> list[dict]:
    """The rollup computed from scratch over the weeks it holds."""
    first, last = rollups.span(con)
    with contextlib.closing(db.cursor(con)) as cursor:
        prepare_view(cursor, load_config(), first, last, Filters())
        cursor.execute(f"create temp table whole as\n{metric_values_sql()}")
        found = cursor.execute("select * from whole order by metric_id, week, team")
        names = [d[0] for d in found.description]
        return [dict(zip(names, row, strict=True)) for row in found.fetchall()]


def _export(con, path, where: str, shift_days: int = 0) -> None:
    """Tickets again, with one more reply each, solved ones closed two hours later, and every
    time moved `shift_days` later."""
    columns = ", ".join(KINDS["tickets"].columns)
    shift = f"interval {int(shift_days)} day"
    con.execute(
        f"copy (select {columns} from (select * replace ("
        f"agent_replies + 1 as agent_replies, created_at + {shift} as created_at, "
        f"first_response_at + {shift} as first_response_at, "
        f"first_response_due_at + {shift} as first_response_due_at, "
        f"resolution_due_at + {shift} as resolution_due_at, "
        f"case when status = 'solved' then solved_at + {shift} + interval 2 hour end "
        "as solved_at, case when status = 'solved' then 'closed' else 'open' end as status) "
        f"from tickets where {where})) to $file (header)",
        {"file": str(path)},
    )


def test_a_weekly_load_recomputes_from_the_first_week_it_touched_and_equals_a_whole_rebuild(
    copy, tmp_path, since
):
    # The last week's tickets again, and three tickets of W43 (without ratings or
    # escalations) moved three weeks later: their old week changes too, though no new row
    # falls in it.
    weekly, moved = tmp_path / "weekly.csv", tmp_path / "moved.csv"
    with contextlib.closing(db.open_reader(copy)) as con:
        _export(con, weekly, "created_at >= '2026-11-09'")
        _export(
            con,
            moved,
            "ticket_id in (select ticket_id from tickets where created_at >= '2026-10-20' "
            "and created_at < '2026-10-21' and ticket_id not in (select ticket_id from csat) "
            "and ticket_id not in (select ticket_id from escalations) "
            "order by ticket_id limit 3)",
            shift_days=21,
        )
        before = _kept(con)
    with db.writing(copy, "data") as con:
        for file in (weekly, moved):
            assert load_file(con, file).status == "loaded"
    assert since == [W43 - timedelta(weeks=1)]  # a day's margin for the zone: from W42
    with contextlib.closing(db.open_reader(copy)) as con:
        kept = _kept(con)
        assert _same(kept, _rebuilt_whole(con))
        assert rollups.usable(con, load_config(), W43, W46)
    # The weeks before were kept, not recomputed; W43 and W46 changed.
    assert [r for r in kept if r["week"] < W43 - timedelta(weeks=1)] == [
        r for r in before if r["week"] < W43 - timedelta(weeks=1)
    ]
    assert {W43, W46} <= {r["week"] for r in kept if r not in before}


def test_ratings_alone_recompute_from_their_tickets_first_week(copy, tmp_path, since):
    ratings = tmp_path / "csat.csv"
    with contextlib.closing(db.open_reader(copy)) as con:
        con.execute(
            "copy (select ticket_id, created_at + interval 1 day as rated_at, 1 as score, "
            "1 as scale_min, 5 as scale_max from tickets where created_at >= '2026-11-12') "
            "to $file (header)",
            {"file": str(ratings)},
        )
    with db.writing(copy, "data") as con:
        assert load_file(con, ratings).status == "loaded"
    # The ratings' rows hold their reporting week, W46's Monday; a day's margin: from W45.
    assert since == [W46 - timedelta(weeks=1)]
    with contextlib.closing(db.open_reader(copy)) as con:
        assert _same(_kept(con), _rebuilt_whole(con))


@pytest.mark.parametrize("other", ["pulse", "whole staging"])
def test_anything_but_per_ticket_changes_rebuilds_the_rollup_whole(
    copy, tmp_path, since, monkeypatch, other
):
    weekly = tmp_path / "weekly.csv"
    with contextlib.closing(db.open_reader(copy)) as con:
        _export(con, weekly, "created_at >= '2026-11-09'")
        pulse = tmp_path / "pulse.csv"
        con.execute(
            "copy (select * exclude (row_key, load_id, source_line) from pulse "
            "where submitted_at >= '2026-11-09') to $file (header)",
            {"file": str(pulse)},
        )
    if other == "whole staging":
        monkeypatch.setattr(staging, "INCREMENTAL_SHARE", 0.0)
    with db.writing(copy, "data") as con:
        assert load_file(con, weekly).status == "loaded"
        if other == "pulse":
            assert load_file(con, pulse).status == "loaded"
    assert since == [None]
    with contextlib.closing(db.open_reader(copy)) as con:
        assert _same(_kept(con), _rebuilt_whole(con))


def test_a_load_outside_the_session_that_keeps_the_rollup_rebuilds_it_whole(copy, tmp_path, since):
    """A load on a plain connection (no rollup refresh) leaves a stale rollup; the next
    session's record cannot vouch for it (W43 changed there, W46 in the session)."""
    early, weekly = tmp_path / "early.csv", tmp_path / "weekly.csv"
    with contextlib.closing(db.open_reader(copy)) as con:
        _export(con, early, "created_at >= '2026-10-20' and created_at < '2026-10-21'")
        _export(con, weekly, "created_at >= '2026-11-09'")
    con = db.connect(copy)
    assert load_file(con, early).status == "loaded"
    con.close()
    with db.writing(copy, "data") as con:
        assert load_file(con, weekly).status == "loaded"
    assert since == [None]
    with contextlib.closing(db.open_reader(copy)) as con:
        assert _same(_kept(con), _rebuilt_whole(con))


def test_new_weeks_after_a_gap_are_all_computed(copy, tmp_path, since):
    """New tickets three weeks after the last kept week: the weeks between, where no changed
    row falls (a day's margin reaches only the one before), are new to the rollup too."""
    later = tmp_path / "later.csv"
    with contextlib.closing(db.open_reader(copy)) as con:
        _export(con, later, "created_at >= '2026-11-12'", shift_days=21)
    with db.writing(copy, "data") as con:
        con.execute(
            "create temp table renamed as select * replace (ticket_id || '-later' as ticket_id) "
            "from read_csv($file)",
            {"file": str(later)},
        )
        con.execute("copy renamed to $file (header)", {"file": str(later)})
        assert load_file(con, later).status == "loaded"
    assert since == [W46 + timedelta(weeks=1)]
    with contextlib.closing(db.open_reader(copy)) as con:
        assert rollups.span(con)[1] == W46 + timedelta(weeks=3)
        kept = _kept(con)
        assert {W46 + timedelta(weeks=n) for n in (1, 2, 3)} <= {r["week"] for r in kept}
        assert _same(kept, _rebuilt_whole(con))
