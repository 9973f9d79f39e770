"""People-ops and quality page figures (issue 6), with hand-computed values, and anonymity:
no hidden pulse group can be reached through any filter combination."""

from datetime import UTC, date, datetime, timedelta
from itertools import combinations

import pytest

from scorecard.engine import Filters, Scope, page_rows, scorecard_rows

W47 = date(2026, 11, 16)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.fixture
def page(con, config):
    def _page(query, first=W47, last=W47, filters=None, **params):
        return page_rows(con, config, query, first, last, filters, params)

    return _page


def pulse_rows(
    team: str,
    respondents: int,
    score_for=lambda i: 4,
    questions=("q1", "q2"),
    day="2026-11-17",
    comment=None,
):
    lines = []
    for i in range(respondents):
        for q in questions:
            text = comment(i) if comment else ""
            lines.append(
                f"{team}-{i}-{q}-{day},{day} 10:00,{team}-r{i},{team},{q},{score_for(i)},{text}"
            )
    return lines


def pulse_file(*groups) -> str:
    header = "response_id,submitted_at,respondent,team,question,score,comment"
    return "\n".join([header, *[line for group in groups for line in group]]) + "\n"


# ----------------------------------------------------------------------- questions


def test_per_question_results(load, page):
    load(
        "pulse.csv",
        pulse_file(
            pulse_rows("A", 6, score_for=lambda i: 5 if i < 3 else 3),
            pulse_rows("B", 5, questions=("q1",)),
        ),
        now=NOW,
    )
    found = {r["question"]: r for r in page("pulse_questions", min_group_size=5)}
    # q1: A 3 × 100 + 3 × 50, B 5 × 75 → (450 + 375) / 11 = 75; 11 respondents; 7 of 11 ≥ 75.
    assert (found["q1"]["score"], found["q1"]["respondents"], found["q1"]["hidden"]) == (
        75,
        11,
        False,
    )
    assert found["q1"]["favourable_pct"] == pytest.approx(800 / 11)
    # q2: only A answered: 6 respondents, (300 + 150) / 6.
    assert found["q2"]["score"] == 75 and found["q2"]["respondents"] == 6
    only_b = page("pulse_questions", filters=Filters(teams=("B",)), min_group_size=5)
    assert [(r["question"], r["score"], r["respondents"]) for r in only_b] == [("q1", 75, 5)]


@pytest.mark.parametrize(
    "groups",
    [
        # A hidden team (3): the company's q1 less A's weekly score (A answered q1 only)
        # would be B's.
        [pulse_rows("A", 6, questions=("q1",)), pulse_rows("B", 3, questions=("q1",))],
        # One person answered a second question: A's weekly score less its q1 would be hers.
        [
            pulse_rows("A", 6, questions=("q1",)),
            pulse_rows("A", 1, questions=("q2",), score_for=lambda i: 1),
            pulse_rows("C", 5, questions=("q2",)),
            pulse_rows("D", 6),
        ],
    ],
    ids=["a hidden team", "a question one person answered"],
)
def test_per_question_results_need_every_cell_large_enough(load, page, groups):
    load("pulse.csv", pulse_file(*groups), now=NOW)
    for filters in (None, Filters(teams=("A",)), Filters(teams=("D",))):
        rows = page("pulse_questions", filters=filters, min_group_size=5)
        assert all(r["hidden"] and r["score"] is None and r["respondents"] is None for r in rows)


def test_comments_need_the_comment_threshold(load, page):
    load(
        "pulse.csv",
        pulse_file(pulse_rows("A", 9, questions=("q1",), comment=lambda i: f"note {i}")),
        now=NOW,
    )
    assert page("pulse_comments", min_comment_group_size=10) == []
    load(
        "pulse2.csv",
        pulse_file(pulse_rows("B", 1, questions=("q1",), comment=lambda i: "<b>one more</b>")),
        now=NOW,
    )
    comments = page("pulse_comments", min_comment_group_size=10)
    assert sorted(c["comment"] for c in comments) == sorted(
        [f"note {i}" for i in range(9)] + ["<b>one more</b>"]
    )
    assert set(comments[0]) == {"question", "comment"}  # nothing that says who or when
    # B alone is a group of one: no comments through a filter either.
    assert page("pulse_comments", filters=Filters(teams=("B",)), min_comment_group_size=10) == []


def test_comments_of_a_selection_never_leave_a_small_group_by_difference(load, page):
    # C and D have 10 each, but company − (C and D) would be A and E: 8 people.
    load(
        "pulse.csv",
        pulse_file(
            *[
                pulse_rows(t, n, questions=("q1",), comment=lambda i, t=t: f"{t} says {i}")
                for t, n in {"A": 6, "C": 10, "D": 10, "E": 2}.items()
            ]
        ),
        now=NOW,
    )
    assert len(page("pulse_comments", min_comment_group_size=10)) == 28
    for teams in (("C", "D"), ("C",), ("A", "C", "D")):
        assert page("pulse_comments", filters=Filters(teams=teams), min_comment_group_size=10) == []


def test_comments_on_a_question_few_answered_are_not_shown(load, page):
    load(
        "pulse.csv",
        pulse_file(
            pulse_rows("A", 12, questions=("q1",), comment=lambda i: "fine"),
            pulse_rows(
                "E", 1, questions=("only E is asked",), comment=lambda i: "my lead is awful"
            ),
        ),
        now=NOW,
    )
    comments = page("pulse_comments", min_comment_group_size=10)
    assert {c["question"] for c in comments} == {"q1"} and len(comments) == 12


# ------------------------------------------------------------------------ workload


def test_workload_rise_and_morale_dip_are_flagged(load, page):
    weeks = [W47 - timedelta(weeks=7 - i) for i in range(8)]  # W40 … W47
    solved_per_week = [20, 20, 20, 20, 30, 30, 20, 20]  # 2 agents: 10 per agent, then 15
    morale_score = [5, 5, 5, 5, 5, 4, 3, 5]  # 100 while steady, 75 and 50 after the rise
    tickets, pulse = ["ticket_id,created_at,solved_at,status,team"], []
    for index, (week, solved) in enumerate(zip(weeks, solved_per_week, strict=True)):
        for n in range(solved):
            tickets.append(f"T{index}-{n},{week} 09:00,{week} 10:00,solved,A")
        pulse += pulse_rows(
            "A",
            5,
            score_for=lambda i, s=morale_score[index]: s,
            questions=("q",),
            day=str(week + timedelta(days=1)),
        )
    load("tickets.csv", "\n".join(tickets) + "\n", now=NOW)
    load("pulse.csv", pulse_file(pulse), now=NOW)
    load("agents.csv", "agent_id,hired_on,team\na1,2020-01-01,A\na2,2020-01-01,A\n", now=NOW)
    rows = page(
        "team_workload",
        first=weeks[0],
        rise_share=0.3,
        dip_points=8,
        within_weeks=4,
        baseline_weeks=4,
    )
    by_week = {r["week"]: r for r in rows}
    assert [by_week[w]["solved_per_agent"] for w in weeks] == [10, 10, 10, 10, 15, 15, 10, 10]
    # W44: 15 ≥ 1.3 × 10 → a rise. W45: 15 against (10 + 10 + 10 + 15) / 4 = 11.25 → a rise too.
    assert [by_week[w]["workload_rise"] for w in weeks] == [False] * 4 + [True, True, False, False]
    # Morale before the W44 rise: 100. W46 (75) and W47... W46 is 75 ≤ 92, flagged; W47 is 100.
    assert [by_week[w]["morale_dip"] for w in weeks] == [False] * 5 + [True, True, False]
    assert by_week[weeks[5]]["rise_week"] == weeks[4]


def test_workload_flags_never_use_hidden_morale(load, page):
    # Four respondents a week: the team is hidden, so no morale and no flag.
    weeks = [W47 - timedelta(weeks=5 - i) for i in range(6)]
    tickets, pulse = ["ticket_id,created_at,solved_at,status,team"], []
    for index, week in enumerate(weeks):
        for n in range(10 if index < 4 else 30):
            tickets.append(f"T{index}-{n},{week} 09:00,{week} 10:00,solved,A")
        pulse += pulse_rows(
            "A",
            4,
            score_for=lambda i, x=index: 5 if x < 4 else 1,
            questions=("q",),
            day=str(week + timedelta(days=1)),
        )
    load("tickets.csv", "\n".join(tickets) + "\n", now=NOW)
    load("pulse.csv", pulse_file(pulse), now=NOW)
    load("agents.csv", "agent_id,hired_on,team\na1,2020-01-01,A\n", now=NOW)
    rows = page(
        "team_workload",
        first=weeks[0],
        rise_share=0.3,
        dip_points=8,
        within_weeks=4,
        baseline_weeks=4,
    )
    assert all(r["morale"] is None and not r["morale_dip"] for r in rows)


# ------------------------------------------------------------------------ turnover


def test_early_turnover_and_team_visibility(load, con, config, page):
    load(
        "agents.csv",
        """
        agent_id,hired_on,team,left_on,leave_type
        a1,2020-01-01,A,,
        a2,2020-01-01,A,,
        a3,2020-01-01,A,,
        a4,2020-01-01,A,,
        a5,2020-01-01,A,,
        a6,2020-01-01,A,,
        b1,2020-01-01,B,,
        b2,2020-01-01,B,,
        b3,2020-01-01,B,,
        c1,2020-01-01,C,,
        c2,2020-01-01,C,,
        c3,2020-01-01,C,,
        c4,2020-01-01,C,,
        c5,2020-01-01,C,,
        c6,2020-01-01,C,,
        c7,2020-01-01,C,,
        x1,2026-09-01,A,2026-10-21,voluntary
        x2,2026-01-01,C,2026-07-20,involuntary
        x3,2023-01-01,C,2026-03-01,
        x4,2023-01-01,C,2025-11-01,voluntary
        """,
        now=NOW,
    )
    # d = 2026-11-22; window from 2025-11-24: x1 (50 days), x2 (200 days), x3 (3 years).
    assert page("early_turnover") == [
        {
            "hidden": False,
            "leavers": 3,
            "within_90_days": 1,
            "within_a_year": 2,
            "voluntary": 1,
            "involuntary": 1,
            "other": 1,
        }
    ]
    # The people in each team's year: A 6 + x1 = 7; B 3; C 7 + x2 + x3 = 9 (x4 left before).
    # B is hidden; exactly one team hidden, so the smallest other (A) goes too.
    found = {
        r["team"]: r
        for r in scorecard_rows(con, config, W47, W47, Scope.everything(), ["agent_turnover"])
    }
    assert {t: found[t]["status"] == "suppressed" for t in "ABC"} == {
        "A": True,
        "B": True,
        "C": False,
    }
    assert (found["B"]["value"], found["B"]["n"], found["B"]["detail"]) == (None, None, None)
    # C: 2 leavers in the year. Sample days d − 7k: x3 (left 2026-03-01) is there for k 39…51
    # (13 days), x2 (2026-01-01 to 2026-07-20) for k 18…46 (29 days): mean (7 × 52 + 42) / 52.
    assert found["C"]["value"] == pytest.approx(100 * 2 / (406 / 52)) and found["C"]["n"] == 7
    assert found[None]["status"] != "suppressed"
    # A filter holding a hidden team is hidden, early turnover included.
    for teams in (("A",), ("B",), ("A", "C")):
        hidden = scorecard_rows(
            con, config, W47, W47, Scope.company(), ["agent_turnover"], Filters(teams=teams)
        )
        assert hidden[0]["status"] == "suppressed", teams
        assert page("early_turnover", filters=Filters(teams=teams))[0]["leavers"] is None
    assert page("early_turnover", filters=Filters(teams=("C",)))[0]["leavers"] == 2


# ------------------------------------------------------------------------- quality

QA = """
review_id,reviewed_at,agent,category,score,weight,critical,calibration
R1,2026-11-17,ag1,Accuracy,90,2,true,
R1,2026-11-17,ag1,Tone,60,1,false,
R2,2026-11-17,ag1,Accuracy,40,2,true,
R2,2026-11-17,ag1,Tone,100,1,false,
R3,2026-11-18,ag2,Accuracy,80,2,true,
R3,2026-11-18,ag2,Tone,80,1,false,
R4,2026-11-18,ag2,Accuracy,100,1,true,true
R4,2026-11-18,ag2,Tone,0,1,false,true
"""


def test_quality_weekly_categories_and_agents(load, page):
    load("qa_reviews.csv", QA, now=NOW)
    load("agents.csv", "agent_id,hired_on,team\nag1,2020-01-01,A\nag2,2020-01-01,B\n", now=NOW)
    # Review scores: R1 (180 + 60) / 3 = 80, R2 critical 40 < 50 → 0, R3 80; R4 calibration.
    assert page("qa_weekly", pass_score=80) == [
        {
            "week": W47,
            "reviews": 3,
            "pass_rate": pytest.approx(200 / 3),
            "critical_fail_rate": pytest.approx(100 / 3),
        }
    ]
    categories = {r["category"]: r for r in page("qa_categories")}
    # Without the zeroing: Accuracy 90, 40, 80 → 70; one of three critical scores below 50.
    assert categories["Accuracy"]["score"] == 70 and categories["Accuracy"][
        "critical_fail_rate"
    ] == pytest.approx(100 / 3)
    assert categories["Tone"]["score"] == 80 and categories["Tone"]["critical_fail_rate"] is None
    agents = page("qa_agents", min_reviews=2, pass_score=80)
    # ag1: 2 reviews (80 and 0) → 40; ag2 has 1 scored review: not listed.
    assert [
        (a["agent"], a["team"], a["reviews"], a["score"], a["hidden_agents"]) for a in agents
    ] == [("ag1", "A", 2, 40, 1)]
    assert page("qa_agents", filters=Filters(teams=("B",)), min_reviews=2, pass_score=80) == []


# ------------------------------------------------------------- anonymity sweep

SIZES = {"A": 6, "B": 3, "C": 8, "D": 4, "E": 5}


def test_no_hidden_group_is_reachable_through_any_filter(load, con, config, page):
    """Every team selection, every view of pulse figures: a value is shown only for a group
    whose every team is shown on its own, so no hidden team can be seen or subtracted."""
    load(
        "pulse.csv",
        pulse_file(*[pulse_rows(t, n, comment=lambda i: "c") for t, n in SIZES.items()]),
        now=NOW,
    )
    company = {
        r["team"]: r
        for r in scorecard_rows(con, config, W47, W47, Scope.everything(), ["morale_pulse"])
    }
    # Teams under 5: B and D — two hidden, so the subtraction rule hides nothing more.
    visible_teams = {t for t, r in company.items() if t and r["status"] != "suppressed"}
    assert visible_teams == {"A", "C", "E"}
    teams = sorted(SIZES)
    for size in range(1, len(teams) + 1):
        for chosen in combinations(teams, size):
            filters = Filters(teams=chosen)
            selection = scorecard_rows(
                con,
                config,
                W47,
                W47,
                Scope.company(),
                ["morale_pulse", "pulse_participation"],
                filters,
            )
            shown = [r for r in selection if r["status"] != "suppressed"]
            questions = page(
                "pulse_questions", filters=filters, min_group_size=config.min_group_size
            )
            comments = page(
                "pulse_comments",
                filters=filters,
                min_comment_group_size=config.min_comment_group_size,
            )
            heat = scorecard_rows(
                con, config, W47, W47, Scope.everything(), ["morale_pulse"], filters
            )
            if set(chosen) <= visible_teams:
                assert shown, chosen
            else:
                assert not shown, chosen
                assert all(q["hidden"] and q["score"] is None for q in questions), chosen
                assert comments == [], chosen
            for row in heat:
                if row["team"] is not None and row["team"] not in visible_teams:
                    assert (row["value"], row["n"], row["detail"]) == (None, None, None), (
                        chosen,
                        row["team"],
                    )


# ------------------------------------------------ derivability (linear algebra)

# Each scenario: {team: {question: respondents}}; team None = answers without a team. The
# respondents of a team are r0, r1, …; a question answered by k of them is answered by r0…r(k-1).
DERIVABILITY_SCENARIOS = {
    "one small team": {"A": {"q1": 6}, "B": {"q1": 3}, "C": {"q1": 8}, "D": {"q1": 7}},
    "two small teams, together small": {
        "A": {"q1": 6},
        "B": {"q1": 2},
        "C": {"q1": 2},
        "D": {"q1": 7},
    },
    "two small teams, together enough": {
        "A": {"q1": 6},
        "B": {"q1": 3},
        "C": {"q1": 4},
        "D": {"q1": 7},
    },
    "answers without a team": {"A": {"q1": 6}, "C": {"q1": 7}, None: {"q1": 2}},
    "a question few answered": {
        "A": {"q1": 6, "q2": 6},
        "B": {"q1": 7, "q2": 2},
        "C": {"q1": 8, "q2": 8},
    },
    "a question only one team asked": {
        "A": {"q1": 6, "q2": 6, "q3": 6},
        "B": {"q1": 3},
        "C": {"q1": 9, "q2": 9},
        None: {"q1": 5, "q2": 5, "q3": 1},
    },
    # From an adversarial review: B's weekly score is its q2, so company q2 − B = D.
    "a team that answered one question": {"B": {"q2": 7}, "C": {"q1": 6}, "D": {"q2": 1}},
    # A's first respondent alone answered q2: company q2 − C − D's q2 = her answer.
    "one person answered a second question": {
        "A": {"q1": 6, "q2": 1},
        "C": {"q2": 5},
        "D": {"q1": 6, "q2": 6},
    },
}


def _scenario_file(scenario) -> str:
    lines = []
    for team, questions in scenario.items():
        name = team or "none"
        for question, respondents in questions.items():
            for i in range(respondents):
                score = 1 + (i * 7 + len(question) + len(name)) % 5
                lines.append(
                    f"{name}-{question}-{i},2026-11-17 10:00,{name}-r{i},{team or ''},{question},{score},"
                )
    return pulse_file(lines)


@pytest.mark.parametrize(
    "scenario", DERIVABILITY_SCENARIOS.values(), ids=DERIVABILITY_SCENARIOS.keys()
)
def test_no_small_group_is_derivable_from_every_figure_shown(scenario, load, con, config, page):
    """Collect every pulse figure any filter shows (scorecard rows, team rows, per-question
    results, workload morale) as a sum over (team, question) cells, and check that no group of
    fewer than the threshold people — any set of teams, one question or all — is a linear
    combination of them, i.e. could be worked out by adding and subtracting what is shown."""
    import numpy as np

    load("pulse.csv", _scenario_file(scenario), now=NOW)
    load(
        "agents.csv",
        "agent_id,hired_on,team\n" + "".join(f"a{t},2020-01-01,{t}\n" for t in scenario if t),
        now=NOW,
    )
    atoms = [(team, q) for team, questions in scenario.items() for q in questions]
    teams = sorted(t for t in scenario if t)
    questions = sorted({q for qs in scenario.values() for q in qs})

    def vector(selected_teams, selected_questions):
        return np.array([float(t in selected_teams and q in selected_questions) for t, q in atoms])

    shown = []
    everyone = [*teams, None] if None in scenario else teams
    for size in range(0, len(teams) + 1):
        for chosen in combinations(teams, size):
            filters = Filters(teams=chosen) if chosen else None
            selection = chosen or everyone
            for row in scorecard_rows(
                con, config, W47, W47, Scope.everything(), ["morale_pulse"], filters
            ):
                if row["value"] is not None:
                    shown.append(vector([row["team"]] if row["team"] else selection, questions))
            for row in page(
                "pulse_questions", filters=filters, min_group_size=config.min_group_size
            ):
                if row["score"] is not None:
                    shown.append(vector(selection, [row["question"]]))
            for row in page(
                "team_workload",
                filters=filters,
                rise_share=0.3,
                dip_points=8,
                within_weeks=4,
                baseline_weeks=4,
            ):
                if row["morale"] is not None:
                    shown.append(vector([row["team"]], questions))
    assert shown, "something is shown"
    matrix = np.array(shown)
    rank = np.linalg.matrix_rank(matrix)

    def respondents(group, group_questions):
        # A team's answerers of any question are its first k respondents: the union is the largest k.
        return sum(max(scenario[t].get(q, 0) for q in group_questions) for t in group)

    for size in range(1, len(everyone) + 1):
        for group in combinations(everyone, size):
            for group_questions in [[q] for q in questions] + [questions]:
                people = respondents(group, group_questions)
                if 0 < people < config.min_group_size:
                    target = vector(group, group_questions)
                    derivable = np.linalg.matrix_rank(np.vstack([matrix, target])) == rank
                    assert not derivable, (group, group_questions, people)
