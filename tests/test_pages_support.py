"""The support-ops pages' figures (issue 5), from queries/pages/ through the engine, with hand
computed values. Week under test: 2026-W47 = [2026-11-16, 2026-11-23) UTC; the shipped
calendar is Monday–Friday 08:00–18:00 UTC and the shipped SLA policy is on the calendar clock.
"""

from datetime import UTC, date, datetime

import pytest

from scorecard.engine import Filters, page_rows

W46, W47 = date(2026, 11, 9), date(2026, 11, 16)

TICKETS = """
ticket_id,created_at,first_response_at,solved_at,status,priority,channel,team,assignee,floor
A1,2026-11-16 09:00,2026-11-16 09:10,2026-11-16 13:00,solved,high,email,A,ann,1
A2,2026-11-16 10:00,2026-11-16 11:30,,open,high,chat,A,ann,
A3,2026-11-13 17:00,2026-11-16 08:30,2026-11-18 17:00,closed,normal,email,A,bob,2
B1,2026-11-17 10:00,2026-11-17 10:04,2026-11-17 10:30,solved,urgent,chat,B,cy,
B2,2026-11-01 12:00,2026-11-02 12:00,,pending,low,email,B,cy,
B3,2026-11-20 09:00,,,new,normal,phone,B,,
B4,2026-11-22 12:00,,,new,low,email,B,,
"""

ESCALATIONS = """
ticket_id,floor,escalated_at,assigned_at,decided_at
A3,2,2026-11-16 09:00,2026-11-16 09:20,
A3,3,2026-11-17 10:00,,2026-11-17 11:00
B2,2,2026-11-20 10:00,,
B3,3,2026-11-21 10:00,,
"""


@pytest.fixture
def data(load):
    now = datetime(2026, 12, 1, tzinfo=UTC)
    assert load("tickets.csv", TICKETS, now=now).quarantined == 0
    assert load("escalations.csv", ESCALATIONS, now=now).quarantined == 0


@pytest.fixture
def page(con, config, data):
    def _page(query, first=W47, last=W47, filters=None, **params):
        return page_rows(con, config, query, first, last, filters, params)

    return _page


def test_response_trend_on_both_clocks(page):
    found = {(r["measure"], r["clock"]): r for r in page("response_trend")}
    # FRT answered in W47: A1 10, A2 90, A3 3810 (Fri 17:00 → Mon 08:30), B1 4 minutes.
    # Sorted 4, 10, 90, 3810: median 50; p90 at 2.7: 90 + 0.7 × 3720 = 2694.
    assert found[("frt", "calendar")]["median"] == 50
    assert found[("frt", "calendar")]["p90"] == pytest.approx(2694)
    assert found[("frt", "calendar")]["n"] == 4
    # Business minutes (Mon–Fri 08:00–18:00 UTC): A1 10, A2 90, A3 Fri 17–18 (60) + Mon 08:00–08:30
    # (30) = 90, B1 4. Sorted 4, 10, 90, 90: median 50.
    assert found[("frt", "business")]["median"] == 50
    assert found[("frt", "business")]["p90"] == pytest.approx(90)
    # Solved in W47: A1 4 h, A3 Fri 17:00 → Wed 17:00 = 120 h, B1 0.5 h → median 4.
    assert found[("resolution_time", "calendar")]["median"] == 4
    # Business: A1 240 min = 4 h; A3 Fri 60 + Mon 600 + Tue 600 + Wed 540 = 1800 min = 30 h;
    # B1 0.5 h → median 4.
    assert found[("resolution_time", "business")]["median"] == 4
    rows = page("response_times")
    a3 = next(r for r in rows if r["ticket_id"] == "A3" and r["measure"] == "resolution_time")
    assert (a3["calendar_value"], a3["business_value"]) == (120, 30)
    # The download's order is fixed: week, measure, ticket.
    assert [(r["measure"], r["ticket_id"]) for r in rows] == [
        ("frt", "A1"),
        ("frt", "A2"),
        ("frt", "A3"),
        ("frt", "B1"),
        ("resolution_time", "A1"),
        ("resolution_time", "A3"),
        ("resolution_time", "B1"),
    ]


def test_breakdown_by_priority_channel_and_team(page):
    found = {(r["dimension"], r["value"]): r for r in page("sla_breakdown")}
    # Team A answered: A1 10, A2 90, A3 3810 → median 90. Team B: B1 4.
    assert found[("team", "A")]["frt_median"] == 90 and found[("team", "A")]["frt_n"] == 3
    assert found[("team", "B")]["frt_median"] == 4
    assert found[("channel", "chat")]["frt_median"] == 47  # A2 90, B1 4
    assert found[("priority", "high")]["frt_median"] == 50  # A1 10, A2 90
    # SLA targets decided in W47 (calendar clock):
    #   A1 high: response 10 ≤ 60 met; solved 4 h ≤ 8 h met.
    #   A2 high: response 90 > 60, missed at 11:00; resolution unfulfilled, missed at 18:00.
    #   A3 normal: response at Mon 08:30, deadline Fri 21:00 (W46); resolution deadline
    #      Sat 17:00 (W46).
    #   B1 urgent: 4 ≤ 15 met; 30 min ≤ 4 h met.
    #   B2 low: response 24 h (W45); resolution deadline 11-04 (W45).
    #   B3 normal: response deadline Fri 13:00 missed; resolution deadline Sat 09:00 missed.
    #   B4 low: response deadline Sun 20:00 missed; resolution deadline W48.
    # Team A: 2 of 4; team B: 2 of 5.
    assert (found[("team", "A")]["sla_met"], found[("team", "A")]["sla_decided"]) == (2, 4)
    assert (found[("team", "B")]["sla_met"], found[("team", "B")]["sla_decided"]) == (2, 5)
    assert found[("team", "B")]["sla_adherence"] == 40
    assert (found[("channel", "phone")]["sla_met"], found[("channel", "phone")]["sla_decided"]) == (
        0,
        2,
    )


def test_priority_by_target_type_matrix(page):
    found = {
        (r["priority"], r["target_type"]): (r["met"], r["decided"]) for r in page("sla_matrix")
    }
    assert found == {
        ("urgent", "first_response"): (1, 1),
        ("urgent", "resolution"): (1, 1),
        ("high", "first_response"): (1, 2),
        ("high", "resolution"): (1, 2),
        ("normal", "first_response"): (0, 1),
        ("normal", "resolution"): (0, 1),
        ("low", "first_response"): (0, 1),
    }
    assert [r["priority"] for r in page("sla_matrix")][:2] == ["urgent", "urgent"]


def test_breached_tickets_and_how_late(page):
    found = {(r["ticket_id"], r["target_type"]): r for r in page("sla_breaches")}
    assert set(found) == {
        ("A2", "first_response"),
        ("A2", "resolution"),
        ("B3", "first_response"),
        ("B3", "resolution"),
        ("B4", "first_response"),
    }
    # A2 answered at 11:30 against 11:00: 30 minutes late.
    assert found[("A2", "first_response")]["minutes_late"] == 30
    assert found[("A2", "first_response")]["fulfilled"] is True
    # B4 never answered: from its deadline (Sun 20:00) to the week's end (Mon 00:00).
    assert found[("B4", "first_response")]["minutes_late"] == 240
    assert found[("B4", "first_response")]["fulfilled"] is False
    assert page("sla_breaches", filters=Filters(teams=("A",)))[0]["ticket_id"] == "A2"


def test_backlog_ageing_created_solved_and_oldest(page):
    ageing = {
        (r["dimension"], r["value"], r["bucket"]): r["tickets"] for r in page("backlog_ageing")
    }
    # Open at E = 11-23 00:00: A2 (6.58 d), B2 (21.5 d), B3 (2.6 d), B4 (0.5 d).
    assert ageing == {
        ("team", "A", "3–7 d"): 1,
        ("team", "B", "< 1 d"): 1,
        ("team", "B", "1–3 d"): 1,
        ("team", "B", "14–30 d"): 1,
        ("priority", "high", "3–7 d"): 1,
        ("priority", "low", "< 1 d"): 1,
        ("priority", "low", "14–30 d"): 1,
        ("priority", "normal", "1–3 d"): 1,
    }
    weeks = {r["week"]: (r["created"], r["solved"]) for r in page("created_solved", first=W46)}
    assert weeks == {W46: (1, 0), W47: (5, 3)}
    oldest = page("oldest_open", limit=2)
    assert [(r["ticket_id"], r["age_days"]) for r in oldest] == [
        ("B2", 21.5),
        ("A2", pytest.approx(6 + 14 / 24)),
    ]


def test_floor_funnel_waiting_escalations_and_floor1_frt(page):
    funnel = {(r["week"], r["floor"]): (r["tickets"], r["share"]) for r in page("floor_funnel")}
    # Solved in W47: A1 (floor 1), A3 (escalated to 3), B1 (no floor: Floor 1).
    assert funnel == {(W47, 1): (2, pytest.approx(200 / 3)), (W47, 3): (1, pytest.approx(100 / 3))}
    waiting = page("escalations_waiting", limit=10)
    # At 11-23 00:00: B2's Floor 2 escalation unassigned since 11-20 10:00 (2 d 14 h), B3's
    # Floor 3 undecided since 11-21 10:00 (1 d 14 h).
    assert [(r["ticket_id"], r["floor"], r["minutes_waiting"]) for r in waiting] == [
        ("B2", 2, 2 * 1440 + 14 * 60),
        ("B3", 3, 1440 + 14 * 60),
    ]
    frt = page("floor1_frt")
    # Answered in W47 and never beyond Floor 1: A1 10, A2 90, B1 4 → median 10.
    assert [(r["week"], r["median"], r["n"]) for r in frt] == [(W47, 10, 3)]


def test_page_figures_equal_the_metrics_for_the_same_filters(page, cells, con, config):
    from scorecard.engine import Scope, scorecard_rows

    for filters in (Filters(), Filters(teams=("B",)), Filters(channels=("email",))):
        metric = {
            r["metric_id"]: r
            for r in scorecard_rows(
                con,
                config,
                W47,
                W47,
                Scope.company(),
                ["frt", "resolution_time", "sla_adherence", "floor1_resolution"],
                filters,
            )
        }
        trend = {(r["measure"], r["clock"]): r for r in page("response_trend", filters=filters)}
        assert trend[("frt", "calendar")]["median"] == metric["frt"]["value"]
        assert trend[("frt", "calendar")]["n"] == metric["frt"]["n"]
        if metric["resolution_time"]["value"] is not None:
            assert (
                trend[("resolution_time", "calendar")]["median"]
                == metric["resolution_time"]["value"]
            )
        matrix = page("sla_matrix", filters=filters)
        met, decided = sum(r["met"] for r in matrix), sum(r["decided"] for r in matrix)
        assert (100 * met / decided, decided) == (
            pytest.approx(metric["sla_adherence"]["value"]),
            metric["sla_adherence"]["n"],
        )
        funnel = page("floor_funnel", filters=filters)
        floor1 = sum(r["tickets"] for r in funnel if r["floor"] == 1)
        assert 100 * floor1 / sum(r["tickets"] for r in funnel) == pytest.approx(
            metric["floor1_resolution"]["value"]
        )
