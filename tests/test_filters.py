"""Dashboard filters (team selection, channel, priority) and anonymity under any filter."""

from datetime import date

import pytest

from scorecard.engine import Filters, Scope, scorecard_rows

W47 = date(2026, 11, 16)

TICKETS = """
ticket_id,created_at,first_response_at,status,priority,channel,team
T1,2026-11-16 09:00,2026-11-16 09:02,open,high,email,A
T2,2026-11-16 09:00,2026-11-16 09:04,open,normal,chat,A
T3,2026-11-16 09:00,2026-11-16 09:06,open,normal,email,B
T4,2026-11-16 09:00,2026-11-16 09:08,open,low,chat,C
T5,2026-11-16 09:00,2026-11-16 09:30,open,urgent,email,C
"""


@pytest.fixture
def figures(con, config):
    def _figures(filters: Filters, scope: Scope | None = None, metric_ids=None):
        rows = scorecard_rows(
            con, config, W47, W47, scope or Scope.everything(), metric_ids, filters
        )
        return {(r["metric_id"], r["team"]): r for r in rows}

    return _figures


def test_team_selection_is_the_union_of_the_teams(load, figures):
    load("tickets.csv", TICKETS)
    found = figures(Filters(teams=("A", "B")), metric_ids=["frt"])
    # A: 2 and 4 minutes; B: 6 → the selection's median is 4; C is left out entirely.
    assert found[("frt", None)]["value"] == 4
    assert found[("frt", None)]["n"] == 3
    assert set(found) == {("frt", None), ("frt", "A"), ("frt", "B")}


def test_channel_and_priority_filters(load, figures):
    load("tickets.csv", TICKETS)
    email = figures(Filters(channels=("email",)), metric_ids=["frt"])
    assert (email[("frt", None)]["value"], email[("frt", None)]["n"]) == (6, 3)  # 2, 6, 30
    assert email[("frt", "C")]["value"] == 30
    normal_or_low = figures(Filters(priorities=("normal", "low")), metric_ids=["frt"])
    assert normal_or_low[("frt", None)]["value"] == 6  # 4, 6, 8
    both = figures(Filters(teams=("C",), channels=("chat",)), metric_ids=["frt"])
    assert both[("frt", None)]["value"] == 8


def test_ratings_follow_their_ticket_filters(load, figures):
    load("tickets.csv", TICKETS)
    load(
        "csat.csv",
        """
        ticket_id,rated_at,score
        T1,2026-11-17 10:00,5
        T2,2026-11-17 10:00,1
        unknown,2026-11-17 10:00,1
        """,
    )
    assert figures(Filters(), metric_ids=["csat"])[("csat", None)]["n"] == 3
    chat = figures(Filters(channels=("chat",)), metric_ids=["csat"])[("csat", None)]
    assert (chat["value"], chat["n"]) == (0, 1)  # T2 only; the unknown ticket has no channel


def _pulse(**teams: int) -> str:
    lines = ["response_id,submitted_at,respondent,team,question,score"]
    for team, count in teams.items():
        lines += [f"{team}{i},2026-11-17 10:00,{team}-r{i},{team},q,4" for i in range(count)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("teams", "visible"),
    [
        (("C", "D"), True),
        (("C",), True),
        (("A", "C"), False),  # A is hidden by the subtraction rule (B is below 5)
        (("B", "C", "D"), False),  # B is hidden
        (("A",), False),
    ],
)
def test_a_selection_holding_a_hidden_team_is_hidden(load, figures, teams, visible):
    load("pulse.csv", _pulse(A=6, B=3, C=8, D=7))
    found = figures(Filters(teams=teams), Scope.company(), ["morale_pulse", "pulse_participation"])
    for metric_id in ("morale_pulse", "pulse_participation"):
        status = found[(metric_id, None)]["status"]
        assert (status != "suppressed") is visible, (teams, metric_id, status)


def test_channel_filters_leave_pulse_groups_alone(load, figures):
    load("pulse.csv", _pulse(A=6, B=3, C=8, D=7))
    found = figures(Filters(channels=("email",)), metric_ids=["morale_pulse"])
    assert found[("morale_pulse", None)]["value"] == 75
    assert found[("morale_pulse", None)]["n"] == 24
    assert found[("morale_pulse", "B")]["status"] == "suppressed"
    assert found[("morale_pulse", "A")]["status"] == "suppressed"
    assert (found[("morale_pulse", "C")]["value"], found[("morale_pulse", "C")]["status"]) == (
        75,
        "missed",
    )
