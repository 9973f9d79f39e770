"""A load that touched some tickets rebuilds only their rows of the per-ticket staging
relations (scorecard/staging.py); the result must equal a full rebuild, row for row."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scorecard import staging
from scorecard.sql import load_sql, run_sql

from .conftest import rows

NOW = datetime(2026, 12, 1, tzinfo=UTC)
HEADER = "ticket_id,created_at,first_response_at,solved_at,status,priority,channel,team,assignee"


def _tickets(count: int, prefix: str = "T", day: int = 2, status: str = "solved") -> str:
    """`count` tickets created on 2026-11-`day`, each answered and (unless open) solved."""
    lines = [HEADER]
    for n in range(count):
        hour = 8 + n % 10
        solved = f"2026-11-{day:02d} {hour + 3:02d}:00" if status == "solved" else ""
        team = ("Billing", "Payments", "Tech")[n % 3]
        channel = ("email", "chat")[n % 2]
        lines.append(
            f"{prefix}{n},2026-11-{day:02d} {hour:02d}:00,2026-11-{day:02d} {hour:02d}:20,"
            f"{solved},{status},{('normal', 'high', 'urgent', 'low')[n % 4]},{channel},{team},a{n % 5}"
        )
    return "\n".join(lines) + "\n"


def _full_rebuild_differences(con) -> dict[str, int]:
    """For each per-ticket relation: rows that differ between the stored table and the same
    SQL run over every row now (both directions, duplicates counted)."""
    params = staging.staging_params()
    differences = {}
    for name in staging.PER_TICKET:
        sql = load_sql(f"staging/{name}")
        run_sql(con, f"create or replace temp table expected as\n{sql}", params)
        stored = f"sc_data.main.{name}"
        differences[name] = rows(
            con,
            f"select (select count(*) from (select * from {stored} except all "
            f"select * from expected)) + (select count(*) from (select * from expected "
            f"except all select * from {stored}))",
        )[0][0]
        con.execute("drop table expected")
    return differences


def _refresh(con, kinds: set[str]) -> set[str]:
    con.execute("begin transaction")
    done = staging.refresh(con, kinds)
    con.execute("commit")
    return done


@pytest.fixture
def base(load, monkeypatch):
    """Forty tickets, ratings and escalations, staged; any touched share is incremental."""
    monkeypatch.setattr(staging, "INCREMENTAL_SHARE", 1.0)
    assert load("tickets.csv", _tickets(40), now=NOW).loaded == 40
    ratings = ["ticket_id,rated_at,score,scale_min,scale_max"]
    ratings += [f"T{n},2026-11-03 09:00,{n % 5 + 1},1,5" for n in range(0, 40, 3)]
    assert load("csat.csv", "\n".join(ratings) + "\n", now=NOW).quarantined == 0
    escalations = "ticket_id,floor,escalated_at,assigned_at,decided_at\nT1,2,2026-11-02 10:00,,\n"
    assert load("escalations.csv", escalations, now=NOW).quarantined == 0


def test_a_load_that_replaces_and_adds_tickets_rebuilds_only_theirs_and_equals_a_full_rebuild(
    con, base, load
):
    # T0-T4 come again reopened (no longer solved), U0-U2 are new, on a later day.
    changed = _tickets(5, status="open") + _tickets(3, prefix="U", day=9).split("\n", 1)[1]
    result = load("tickets.csv", changed, now=NOW, refresh_staging=False)
    assert (result.loaded, result.replaced) == (8, 5)
    assert _refresh(con, {"tickets"}) == {
        "stg_tickets",
        "stg_ticket_business",
        "stg_sla_targets",
        "stg_csat",
        "stg_escalations",
    }
    assert _full_rebuild_differences(con) == dict.fromkeys(staging.PER_TICKET, 0)
    assert rows(con, "select count(*) from sc_data.main.stg_tickets") == [(43,)]
    assert rows(
        con, "select solved_at is null from sc_data.main.stg_tickets where ticket_id = 'T3'"
    ) == [(True,)]
    assert rows(con, "select count(*) from sc_data.main.stg_sla_targets") == [(86,)]


def test_ratings_and_escalations_of_loaded_and_unloaded_tickets_rebuild_their_tickets(
    con, base, load
):
    ratings = "ticket_id,rated_at,score,scale_min,scale_max\nT0,2026-11-03 09:00,1,1,5\n"
    ratings += "T2,2026-11-04 09:00,5,1,5\nX9,2026-11-04 10:00,4,1,5\n"  # X9: no such ticket
    assert load("csat.csv", ratings, now=NOW, refresh_staging=False).replaced == 1
    escalations = "ticket_id,floor,escalated_at,assigned_at,decided_at\n"
    escalations += "T5,3,2026-11-02 11:00,,\nT1,2,2026-11-02 10:00,2026-11-02 10:30,\n"
    assert load("escalations.csv", escalations, now=NOW, refresh_staging=False).replaced == 1
    done = _refresh(con, {"csat", "escalations"})
    assert done == {"stg_tickets", "stg_ticket_business", "stg_sla_targets", "stg_csat",
                    "stg_escalations"}  # fmt: skip
    assert _full_rebuild_differences(con) == dict.fromkeys(staging.PER_TICKET, 0)
    assert rows(
        con,
        "select ticket_id, highest_floor from sc_data.main.stg_tickets "
        "where ticket_id in ('T1', 'T5', 'T6') order by 1",
    ) == [("T1", 2), ("T5", 3), ("T6", 1)]
    assert rows(
        con,
        "select ticket_id, team, rescaled from sc_data.main.stg_csat "
        "where ticket_id in ('T0', 'X9') order by 1",
    ) == [("T0", "Billing", 0.0), ("X9", None, 0.75)]


def test_a_ticket_loaded_after_its_rating_gets_its_team_on_the_rating(con, base, load):
    ratings = "ticket_id,rated_at,score,scale_min,scale_max\nV1,2026-11-04 09:00,5,1,5\n"
    load("csat.csv", ratings, now=NOW)
    assert rows(con, "select team from sc_data.main.stg_csat where ticket_id = 'V1'") == [(None,)]
    load("tickets.csv", _tickets(2, prefix="V", day=4), now=NOW)
    assert rows(con, "select team from sc_data.main.stg_csat where ticket_id = 'V1'") == [
        ("Payments",)
    ]
    assert _full_rebuild_differences(con) == dict.fromkeys(staging.PER_TICKET, 0)


def test_the_first_floor_information_rebuilds_every_ticket(con, load, monkeypatch):
    # Without any floor information the highest floor is unknown (null) on every ticket; the
    # first escalation makes it 1 on tickets never escalated, not only on the one escalated.
    monkeypatch.setattr(staging, "INCREMENTAL_SHARE", 1.0)
    load("tickets.csv", _tickets(10), now=NOW)
    assert rows(con, "select count(highest_floor) from sc_data.main.stg_tickets") == [(0,)]
    escalations = "ticket_id,floor,escalated_at,assigned_at,decided_at\nT4,2,2026-11-02 10:00,,\n"
    load("escalations.csv", escalations, now=NOW, refresh_staging=False)
    assert _refresh(con, {"escalations"}) == set()  # the flag changed: a full rebuild
    assert rows(
        con, "select highest_floor, count(*) from sc_data.main.stg_tickets group by 1 order by 1"
    ) == [(1, 9), (2, 1)]
    assert _full_rebuild_differences(con) == dict.fromkeys(staging.PER_TICKET, 0)


def test_a_large_share_of_touched_tickets_is_a_full_rebuild(con, load):
    load("tickets.csv", _tickets(40), now=NOW)
    load("tickets.csv", _tickets(11, status="open"), now=NOW, refresh_staging=False)
    assert _refresh(con, {"tickets"}) == set()  # 11 of 40 > 25 %
    load("tickets.csv", _tickets(9), now=NOW, refresh_staging=False)
    assert _refresh(con, {"tickets"}) == set(staging.PER_TICKET)  # 9 of 40
    assert _full_rebuild_differences(con) == dict.fromkeys(staging.PER_TICKET, 0)


def test_changes_a_refresh_did_not_cover_stay_recorded(con, base, load):
    # Tickets loaded without a refresh, then a pulse file refreshed on its own: the tickets'
    # rows are still rebuilt by the refresh that covers tickets.
    load("tickets.csv", _tickets(3, status="open"), now=NOW, refresh_staging=False)
    pulse = "response_id,submitted_at,score,team\nr1,2026-11-03 09:00,4,Billing\n"
    assert load("pulse.csv", pulse, now=NOW).quarantined == 0
    load("tickets.csv", _tickets(2, prefix="W", day=5), now=NOW, refresh_staging=False)
    assert "stg_tickets" in _refresh(con, {"tickets"})
    assert rows(
        con,
        "select count(*) from sc_data.main.stg_tickets where solved_at is null "
        "and ticket_id in ('T0', 'T1', 'T2')",
    ) == [(3,)]
    assert _full_rebuild_differences(con) == dict.fromkeys(staging.PER_TICKET, 0)


def test_a_rolled_back_load_leaves_no_record_of_its_tickets(con, base, load, monkeypatch):
    from scorecard.ingest import loader

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(loader, "_quarantine", fail)
    bad = _tickets(2, prefix="Y") + "Y9,not a time,,,open,normal,email,Tech,a1\n"
    with pytest.raises(RuntimeError):
        load("tickets.csv", bad, now=NOW)
    assert rows(
        con, f"select count(*) from {staging.CHANGED_TICKETS} where ticket_id like 'Y%'"
    ) == [(0,)]


def test_a_week_of_the_demo_loaded_again_changed_equals_a_full_rebuild(tmp_path):
    """The weekly case at demo scale: the last week's tickets exported again with later
    solves and more replies, and new ratings, into a demo database."""
    from scorecard import db
    from scorecard.ingest import load_file
    from scorecard.ingest.kinds import KINDS

    from .test_cli import scorecard as cli

    path = tmp_path / "demo.duckdb"
    done = cli("demo", "--weeks", "8", "--end", "2026-11-15", "--db", str(path))
    assert done.returncode == 0, done.stderr
    tickets, ratings = tmp_path / "tickets.csv", tmp_path / "csat.csv"
    with db.writing(path, "data") as con:
        columns = ", ".join(KINDS["tickets"].columns)
        con.execute(
            f"copy (select {columns} from (select * replace (agent_replies + 1 as agent_replies, "
            "case when status = 'solved' then solved_at + interval 2 hour end as solved_at, "
            "case when status = 'solved' then 'closed' else 'open' end as status) "
            "from tickets where created_at >= '2026-11-09')) to $file (header)",
            {"file": str(tickets)},
        )
        con.execute(
            "copy (select ticket_id, created_at + interval 3 day as rated_at, 5 as score, "
            "1 as scale_min, 5 as scale_max from tickets where created_at >= '2026-11-12') "
            "to $file (header)",
            {"file": str(ratings)},
        )
        total = rows(con, "select count(*) from tickets")[0][0]
        results = [load_file(con, file, refresh_staging=False) for file in (tickets, ratings)]
        assert [r.status for r in results] == ["loaded", "loaded"]
        assert 0 < results[0].parts[0].replaced < 0.25 * total
        assert _refresh(con, {"tickets", "csat"}) == set(staging.PER_TICKET)
        assert _full_rebuild_differences(con) == dict.fromkeys(staging.PER_TICKET, 0)
