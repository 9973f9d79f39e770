"""CSAT, morale, participation, anonymity, QA and turnover (SPEC §4, §5, §10).

Week under test: 2026-W47 = [2026-11-16, 2026-11-23) UTC; its last day is 2026-11-22.
"""

from datetime import date

import pytest

W46, W47, W48 = date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)


def test_csat_rescales_each_rating_by_its_scale(load, cells):
    load(
        "tickets.csv",
        """
        ticket_id,created_at,status,team
        T1,2026-11-01 00:00,open,A
        T2,2026-11-01 00:00,open,B
        T3,2026-11-01 00:00,open,B
        """,
    )
    load(
        "csat.csv",
        """
        ticket_id,rated_at,score,scale_min,scale_max
        T1,2026-11-16 10:00,5,,
        T1,2026-11-17 10:00,4,,
        T2,2026-11-17 10:00,3,1,5
        T3,2026-11-18 10:00,7,0,10
        T3,2026-11-18 11:00,7.5,0,10
        T4,2026-11-19 10:00,1,0,1
        T4,2026-11-24 10:00,0,0,1
        """,
    )
    found = cells(W47)
    # Rescaled: 1, 0.75, 0.5, 0.7, 0.75, 1 → satisfied (≥ 0.75): 4 of 6. The last rating
    # is in W48. T4 is not a loaded ticket: the rating is kept and counts company-wide only.
    assert found[("csat", None)]["value"] == pytest.approx(200 / 3, abs=1e-12)
    assert found[("csat", None)]["n"] == 6
    assert found[("csat", "A")]["value"] == 100  # T1: 5 and 4
    assert found[("csat", "B")]["value"] == pytest.approx(100 / 3, abs=1e-12)  # 3, 7, 7.5
    w48 = cells(W48)[("csat", None)]
    assert (w48["value"], w48["n"]) == (0, 1)


ROSTER = """
agent_id,hired_on,team,left_on,leave_type
a1,2020-01-01,A,,
a2,2020-01-01,A,,
a3,2020-01-01,A,,
a4,2020-01-01,A,,
a5,2020-01-01,A,,
a6,2020-01-01,A,,
a7,2020-01-01,A,,
a8,2020-01-01,A,,
x1,2020-01-01,A,2026-11-22,voluntary
x2,2026-11-22,A,,
"""

PULSE = """
response_id,submitted_at,respondent,team,question,score,scale_min,scale_max
P1,2026-11-17 09:00,r1,A,energy,5,,
P2,2026-11-17 09:00,r2,A,energy,4,,
P3,2026-11-17 09:00,r3,A,energy,3,,
P4,2026-11-17 09:00,r4,A,energy,2,,
P5,2026-11-17 09:00,r5,A,energy,1,,
P6,2026-11-17 09:00,r6,A,energy,4,,
P7,2026-11-17 09:05,r1,A,workload,5,,
P8,2026-11-18 09:00,,A,energy,8,0,10
P9,2026-11-24 09:00,r1,A,energy,1,,
"""


def test_morale_pulse_mean_split_and_respondents(load, cells):
    load("pulse.csv", PULSE)
    morale = cells(W47)[("morale_pulse", None)]
    # Rescaled: 100, 75, 50, 25, 0, 75, 100, 80 → mean 505 / 8. P9 is in W48.
    assert morale["value"] == pytest.approx(505 / 8, abs=1e-12)
    assert morale["n"] == 8
    # r1…r6 and one answer without a respondent id: 7 respondents.
    assert morale["detail"]["respondents"] == 7
    assert morale["detail"]["favourable_pct"] == 62.5  # 100, 75, 75, 100, 80
    assert morale["detail"]["unfavourable_pct"] == 25  # 25, 0


def test_participation_is_respondents_over_headcount_on_the_last_day(load, cells):
    load("pulse.csv", PULSE)
    load("agents.csv", ROSTER)
    found = cells(W47)
    # On 2026-11-22: a1…a8 and x2 (hired that day) are employed; x1's left_on is that day,
    # the first day no longer employed. 7 respondents ÷ 9 agents.
    participation = found[("pulse_participation", None)]
    assert participation["value"] == pytest.approx(700 / 9, abs=1e-12)
    assert participation["n"] == 9
    assert found[("pulse_participation", "A")]["value"] == pytest.approx(700 / 9, abs=1e-12)


def _answers(team: str, respondents: int, week_day: str = "2026-11-17") -> str:
    return "".join(
        f"{team}-{i},{week_day} 10:00,{team}-r{i},{team},q,4\n" for i in range(respondents)
    )


def _pulse_file(**teams: int) -> str:
    header = "response_id,submitted_at,respondent,team,question,score\n"
    return header + "".join(_answers(team, count) for team, count in teams.items())


def test_a_team_with_four_respondents_is_suppressed(load, scorecard, cells):
    load("pulse.csv", _pulse_file(A=6, B=4))
    load("agents.csv", ROSTER)
    team_b = scorecard(W47, team="B")
    for metric_id in ("morale_pulse", "pulse_participation"):
        entry = team_b[metric_id]
        assert (entry["value"], entry["n"], entry["status"]) == (None, None, "suppressed")
    # The company (10 respondents) is visible; exactly one team is hidden, so the smallest
    # other team (A) is hidden too, or B could be worked out as company − A.
    found = cells(W47)
    assert found[("morale_pulse", None)]["status"] != "suppressed"
    assert found[("morale_pulse", None)]["n"] == 10
    assert found[("morale_pulse", "A")]["status"] == "suppressed"
    assert scorecard(W47, team="A")["morale_pulse"]["value"] is None


def test_subtraction_rule_hides_only_the_smallest_other_team(load, cells):
    load("pulse.csv", _pulse_file(A=6, B=3, C=8, D=7))
    found = cells(W47)
    assert found[("morale_pulse", "B")]["status"] == "suppressed"  # below 5
    assert found[("morale_pulse", "A")]["status"] == "suppressed"  # smallest other
    assert found[("morale_pulse", "C")]["value"] == 75
    assert found[("morale_pulse", "D")]["value"] == 75


def test_two_hidden_teams_need_no_extra_suppression(load, cells):
    load("pulse.csv", _pulse_file(A=6, B=3, C=4))
    found = cells(W47)
    assert found[("morale_pulse", "B")]["status"] == "suppressed"
    assert found[("morale_pulse", "C")]["status"] == "suppressed"
    assert found[("morale_pulse", "A")]["value"] == 75


def test_small_hidden_teams_that_add_up_to_a_small_group_hide_one_more(load, cells):
    # B and C are hidden, but together they are 4 people: company − A − D would show them.
    load("pulse.csv", _pulse_file(A=6, B=2, C=2, D=7))
    found = cells(W47)
    assert [found[("morale_pulse", t)]["status"] == "suppressed" for t in "ABCD"] == [
        True,
        True,
        True,
        False,
    ]
    assert found[("morale_pulse", None)]["n"] == 17


def test_answers_without_a_team_are_protected_like_a_small_team(load, cells):
    # Two answers carry no team: company − A − C would show those two people.
    no_team = "x1,2026-11-17 10:00,x-r1,,q,1\nx2,2026-11-17 10:00,x-r2,,q,1\n"
    load("pulse.csv", _pulse_file(A=6, C=7) + no_team)
    found = cells(W47)
    assert found[("morale_pulse", "A")]["status"] == "suppressed"
    assert found[("morale_pulse", "C")]["value"] == 75
    # (6 + 7) × 75 + 2 × 0 over 15 answers.
    assert found[("morale_pulse", None)]["value"] == 65


def test_company_below_threshold_is_suppressed_and_no_answers_is_no_data(load, scorecard):
    load("pulse.csv", _pulse_file(A=4))
    morale = scorecard(W47)["morale_pulse"]
    assert (morale["value"], morale["n"], morale["status"]) == (None, None, "suppressed")
    empty = scorecard(W46)["morale_pulse"]
    assert (empty["value"], empty["n"], empty["status"]) == (None, 0, "no_data")


def test_threshold_is_configuration(load, scorecard):
    load("pulse.csv", _pulse_file(A=4))
    assert scorecard(W47, min_group_size=3)["morale_pulse"]["value"] == 75


QA_ROWS = """
review_id,reviewed_at,agent,category,score,scale_min,scale_max,weight,critical,calibration
Q1,2026-11-17 10:00,ag1,Accuracy,90,,,2,true,
Q1,2026-11-17 10:00,ag1,Tone,80,,,1,false,
Q1,2026-11-17 10:00,ag1,Process,,,,1,no,
Q2,2026-11-17 11:00,ag1,Accuracy,2,1,5,1,yes,
Q2,2026-11-17 11:00,ag1,Tone,5,1,5,1,,
Q3,2026-11-17 12:00,ag1,,95,,,,,
Q4,2026-11-17 13:00,ag1,,4,1,5,,,
Q5,2026-11-17 14:00,ag1,Accuracy,100,,,1,true,true
Q5,2026-11-17 14:00,ag1,Tone,100,,,1,,yes
Q6,2026-11-17 15:00,ag2,Accuracy,,,,1,true,
Q6,2026-11-17 15:00,ag2,Tone,,,,1,,
Q7,2026-11-18 10:00,ag2,Accuracy,3,1,5,1,TRUE,0
Q7,2026-11-18 10:00,ag2,Tone,1,1,5,1,,0
Q8,2026-11-18 11:00,ag2,Accuracy,,,,1,1,
Q8,2026-11-18 11:00,ag2,Tone,80,,,1,0,
Q9,2026-11-23 11:00,ag2,,10,,,,,
"""


def test_qa_score_rules(load, cells):
    assert load("qa_reviews.csv", QA_ROWS).quarantined == 0
    load(
        "agents.csv",
        """
        agent_id,hired_on,team
        ag1,2020-01-01,A
        ag2,2020-01-01,B
        """,
    )
    found = cells(W47)
    # Q1 (90 × 2 + 80 × 1) / 3 = 260/3; Process is N/A and left out of both sums.
    # Q2 Accuracy is critical and rescales to 25 < 50: the review scores 0.
    # Q3 overall 95 as given; Q4 overall 4 on 1–5 → 75.
    # Q5 is a calibration review: excluded.
    # Q6 has only N/A categories: no score, left out.
    # Q7 critical Accuracy rescales to exactly 50 (not below): (50 + 0) / 2 = 25.
    # Q8 critical category is N/A (zeroes nothing): 80. Q9 is in W48.
    qa = found[("qa_score", None)]
    assert qa["value"] == pytest.approx(1085 / 18, abs=1e-12)
    assert qa["n"] == 6
    assert qa["detail"]["critical_fails"] == 1
    assert found[("qa_score", "A")]["value"] == pytest.approx(770 / 12, abs=1e-12)
    assert found[("qa_score", "B")]["value"] == 52.5


def test_a_review_is_a_calibration_review_when_any_of_its_rows_says_so(load, cells):
    # One review, its categories exported in two files: one row says calibration.
    load(
        "qa_reviews.csv",
        "review_id,reviewed_at,agent,category,score,calibration\nC1,2026-11-17,ag1,Tone,90,true\n",
    )
    load(
        "qa_reviews2.csv",
        "review_id,reviewed_at,agent,category,score,calibration\nC1,2026-11-17,ag1,Accuracy,40,\n",
    )
    load("qa_reviews3.csv", "review_id,reviewed_at,agent,score\nC2,2026-11-17,ag1,70\n")
    qa = cells(W47)[("qa_score", None)]
    assert (qa["value"], qa["n"]) == (70, 1)


TURNOVER_ROSTER = """
agent_id,hired_on,team,left_on,leave_type
b01,2020-01-01,A,,
b02,2020-01-01,A,,
b03,2020-01-01,A,,
b04,2020-01-01,A,,
b05,2020-01-01,A,,
b06,2020-01-01,B,,
b07,2020-01-01,B,,
b08,2020-01-01,B,,
b09,2020-01-01,B,,
b10,2020-01-01,B,,
L1,2020-01-01,A,2026-11-22,voluntary
L2,2020-01-01,B,2025-11-24,involuntary
L3,2020-01-01,B,2025-11-23,voluntary
H1,2026-06-01,A,,
"""


def test_turnover_window_and_mean_headcount(load, cells):
    load("agents.csv", TURNOVER_ROSTER)
    found = cells(W47)
    # d = 2026-11-22. Window [d − 363, d] = [2025-11-24, 2026-11-22]: L1 and L2 (L3 left
    # a day too early). Samples d, d − 7, …, d − 357 (2025-11-30):
    #   b01…b10 are in all 52; L1 in 51 (not on d, its left_on); L2 and L3 in none;
    #   H1 from 2026-06-01: d − 7k ≥ 2026-06-01 for k ≤ 24, so 25 samples.
    # Mean headcount (520 + 51 + 25) / 52 = 596 / 52; turnover 2 ÷ that × 100.
    turnover = found[("agent_turnover", None)]
    assert turnover["value"] == pytest.approx(2 / (596 / 52) * 100, abs=1e-12)
    assert turnover["n"] == 11  # headcount on d: b01…b10 and H1
    assert turnover["detail"]["voluntary"] == 1
    assert turnover["detail"]["involuntary"] == 1
    # Team A: b01…b05 (260) + L1 (51) + H1 (25) = 336; one separation (L1).
    assert found[("agent_turnover", "A")]["value"] == pytest.approx(100 / (336 / 52), abs=1e-12)
    assert found[("agent_turnover", "A")]["n"] == 6
    # Team B: b06…b10 (260); L2 left within the window.
    assert found[("agent_turnover", "B")]["value"] == pytest.approx(100 / 5, abs=1e-12)


def test_turnover_without_a_roster_is_no_data(load, scorecard):
    load("pulse.csv", PULSE)
    turnover = scorecard(W47)["agent_turnover"]
    assert (turnover["value"], turnover["n"], turnover["status"]) == (None, 0, "no_data")


FLOOR_TICKETS = """
ticket_id,created_at,solved_at,status,floor,team
FL1,2026-11-16 08:00,2026-11-17 08:00,solved,1,A
FL2,2026-11-16 08:00,2026-11-17 09:00,solved,,A
FL3,2026-11-16 08:00,2026-11-18 08:00,closed,2,B
FL4,2026-11-16 08:00,2026-11-18 09:00,solved,,B
FL5,2026-11-16 08:00,,open,,B
"""

ESCALATIONS = """
ticket_id,floor,escalated_at,assigned_at,decided_at
FL2,2,2026-11-17 10:00,2026-11-17 10:08,
FL3,2,2026-11-17 11:00,2026-11-17 11:20,
FL3,3,2026-11-17 12:00,,2026-11-17 12:45
X1,2,2026-11-22 23:55,2026-11-23 00:05,
Y1,3,2026-11-18 09:00,,2026-11-18 10:15
Z1,2,2026-11-18 09:00,,
"""


def test_floor_metrics(load, cells):
    load("tickets.csv", FLOOR_TICKETS)
    load("escalations.csv", ESCALATIONS)
    found = cells(W47)
    # Solved in W47: FL1 (floor 1), FL2 (escalated to 2), FL3 (2, escalated to 3), FL4 (no
    # floor information: Floor 1 since floors are loaded) → 2 of 4 closed on Floor 1.
    assert (
        found[("floor1_resolution", None)]["value"],
        found[("floor1_resolution", None)]["n"],
    ) == (50, 4)
    assert found[("floor1_resolution", "A")]["value"] == 50
    # Floor 2 assigned in W47: 8 and 20 minutes (X1 is assigned in W48, Z1 never).
    specialist = found[("time_to_specialist", None)]
    assert (specialist["value"], specialist["n"]) == (14, 2)
    # Floor 3 decided in W47: 45 and 75 minutes → 60, which meets "≤ 60".
    decision = found[("floor3_decision_time", None)]
    assert (decision["value"], decision["n"], decision["status"]) == (60, 2, "met")
    assert found[("floor3_decision_time", "B")]["value"] == 45  # Y1's ticket is not loaded


def test_floor1_resolution_without_any_floor_information_is_no_data(load, scorecard):
    load(
        "tickets.csv",
        """
        ticket_id,created_at,solved_at,status
        N1,2026-11-16 08:00,2026-11-17 08:00,solved
        """,
    )
    floor1 = scorecard(W47)["floor1_resolution"]
    assert (floor1["value"], floor1["n"], floor1["status"]) == (None, 0, "no_data")
