"""The Morale, Turnover and Quality pages driven by AppTest on a small-teams fixture: what a
hidden team would show is nowhere on the page — not in a table, a chart's data, a download —
whatever the URL's filters; the figures that are shown are the engine's."""

import json
from datetime import UTC, datetime

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from scorecard import db
from scorecard.ingest import load_file

from .conftest import write
from .test_app import DASHBOARD, entry_point_runs_every_time  # noqa: F401 (autouse fixture)

# W47 = 16–22 Nov 2026. Each team answers with one score, so a team's morale is distinctive:
# A 4 → 75, B 2 → 25 (3 people: hidden), C 5 → 100, D 3 → 50 (4 people: hidden), E 4 → 75.
# B and D together are 7 people, so the subtraction rule needs nothing more.
TEAMS = {"A": (6, 4), "B": (3, 2), "C": (8, 5), "D": (4, 3), "E": (5, 4)}
HIDDEN_MORALE = ("25.0", "50.0")


def _pulse() -> str:
    lines = ["response_id,submitted_at,respondent,team,question,score,comment"]
    for team, (people, score) in TEAMS.items():
        for i in range(people):
            for question in ("q1", "q2"):
                comment = f"comment {team}{i}" if question == "q2" else ""
                lines.append(
                    f"{team}{i}{question},2026-11-17 10:00,{team}-r{i},{team},{question},{score},{comment}"
                )
    return "\n".join(lines) + "\n"


def _agents() -> str:
    # Everyone since 2020, plus one leaver in B (hired 2026-10-01, left 2026-11-01: 31 days):
    # B has 4 people in the year, still under 5.
    lines = ["agent_id,hired_on,team,left_on,leave_type"]
    for team, (people, _) in TEAMS.items():
        lines += [f"{team}{i},2020-01-01,{team},," for i in range(people)]
    lines.append("B-left,2026-10-01,B,2026-11-01,voluntary")
    return "\n".join(lines) + "\n"


QA = (
    "review_id,reviewed_at,agent,score\n"
    + "".join(f"R{i},2026-11-17 10:00,A0,{70 + i}\n" for i in range(6))
    + "R9,2026-11-17 10:00,C0,90\n"
)


@pytest.fixture
def people_db(tmp_path, serve):
    path = tmp_path / "people.duckdb"
    con = db.connect(path)
    now = datetime(2026, 11, 30, tzinfo=UTC)
    for name, text in (("pulse.csv", _pulse()), ("agents.csv", _agents()), ("qa.csv", QA)):
        name = "qa_reviews.csv" if name == "qa.csv" else name
        assert load_file(con, write(tmp_path, name, text), now=now).status == "loaded"
    con.close()
    return serve(path)


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["week"] = "2026-W47"
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def everything_shown(at: AppTest) -> str:
    """All a reader (or a download) can get from the page: text, tables, chart data."""
    parts = [element.value for element in at.markdown]
    parts += [element.value for element in at.caption]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for frame in at.dataframe:
        data = frame.value.data if hasattr(frame.value, "data") else frame.value
        parts.append(data.to_csv(index=False))
    for chart in at.get("plotly_chart"):
        parts.append(json.dumps(json.loads(chart.proto.spec)["data"]))
    return "\n".join(str(part) for part in parts)


def frames(at: AppTest) -> list:
    return [f.value.data if hasattr(f.value, "data") else f.value for f in at.dataframe]


@pytest.mark.parametrize(
    "teams", [None, "B", "D", ["A", "B"], ["B", "D"], ["A", "C", "E"], ["C"]], ids=str
)
def test_no_hidden_morale_on_the_morale_page_whatever_the_filter(people_db, teams):
    at = open_page("pages/morale.py", **({"team": teams} if teams else {}))
    shown = everything_shown(at)
    for value in HIDDEN_MORALE:
        assert value not in shown, (teams, value)
    # The heatmap says "suppressed" for B and D, and draws no value for them.
    heatmap = (
        next(json.loads(c.proto.spec)["data"] for c in at.get("plotly_chart") if "heatmap" in c.key)
        if any("heatmap" in c.key for c in at.get("plotly_chart"))
        else []
    )
    for layer in heatmap:
        for team, values in zip(layer["y"], layer["z"], strict=True):
            if team in ("B", "D") and layer["name"] == "value":
                assert values[-1] is None, (teams, team)
    selected = [teams] if isinstance(teams, str) else teams or []
    if set(selected) & {"B", "D"}:
        # The selection holds a hidden team: the headline, questions and comments are hidden.
        assert "comment" not in shown
        assert all(m.value in ("—",) for m in at.metric if m.label == "2026-W47")


def test_morale_page_shows_the_visible_figures(people_db):
    at = open_page("pages/morale.py")
    headline = [m.value for m in at.metric if m.label == "2026-W47"]
    # Morale (6 × 75 + 3 × 25 + 8 × 100 + 4 × 50 + 5 × 75) / 26 = 1900 / 26; all 26 answered.
    assert headline == ["73.1", "100.0 %"]
    teams = next(f for f in frames(at) if "Participation" in f.columns).set_index("Team")
    assert teams.loc["A", "Morale"] == "75.0" and teams.loc["C", "Morale"] == "100.0"
    assert (
        teams.loc["B", "Morale"] == "suppressed" and teams.loc["B", "Participation"] == "suppressed"
    )
    # A: 6 of 6 agents answered.
    assert teams.loc["A", "Participation"] == "100.0 %"
    # B and D are under 5: results by question could be set against team scores — hidden.
    questions = next(f for f in frames(at) if "Question" in f.columns)
    assert list(questions["Respondents"]) == ["suppressed", "suppressed"]
    # 26 people answered: the company's comments are listed (none says who wrote it).
    assert sum("comment " in m.value for m in at.markdown) == 26


def test_turnover_page_hides_small_teams(people_db):
    for query in ({}, {"team": "B"}, {"team": ["A", "B"]}):
        at = open_page("pages/turnover.py", **query)
        table = next(f for f in frames(at) if "Turnover" in f.columns).set_index("Team")
        assert table.loc["B", "Turnover"] == "suppressed"
        assert table.loc["B", ["Agents on the last day", "Leavers in the year"]].isna().all()
        if query:
            # The selection holds B: nothing about who left.
            assert "Suppressed" in " ".join(c.value for c in at.caption)
            assert not [m for m in at.metric if m.label == "Leavers"]
    at = open_page("pages/turnover.py")
    metrics = {m.label: m.value for m in at.metric}
    # B's leaver is in the company: 1 leaver within 90 days of hire.
    assert metrics["Leavers"] == "1" and metrics["Within 90 days of hire"] == "1"


def test_quality_page_lists_only_agents_with_enough_reviews(people_db):
    at = open_page("pages/quality.py")
    agents = next(f for f in frames(at) if "agent" in f.columns)
    # A0: 6 reviews, 70…75 → 72.5; C0 has one review: not listed.
    assert agents[["agent", "reviews"]].values.tolist() == [["A0", 6]]
    assert agents["score"].iloc[0] == pytest.approx(72.5)
    assert any("1 agent with fewer than 5 reviews" in c.value for c in at.caption)
    shown = everything_shown(at)
    assert "C0" not in shown


def test_data_page_withholds_pulse_answers_in_quarantine_and_previews(people_db, tmp_path):
    bad = "response_id,submitted_at,respondent,team,question,score,comment\nX1,2026-11-17 10:00,secret-person,A,q1,9,very unhappy\n"
    with db.writing(people_db, "data") as con:
        result = load_file(
            con, write(tmp_path, "pulse_bad.csv", bad), now=datetime(2026, 11, 30, tzinfo=UTC)
        )
    assert result.quarantined == 1
    st.cache_data.clear()
    at = open_page("pages/data.py")
    quarantine = next(f for f in frames(at) if "reasons" in f.columns)
    row = quarantine[quarantine["kind"] == "pulse"].iloc[0]
    assert (row["value"], row["record"]) == ("(withheld: pulse answer)",) * 2
    assert row["reasons"] == "score: score outside the scale"
    assert "secret-person" not in everything_shown(at) and "very unhappy" not in everything_shown(
        at
    )
    # An upload's preview shows when and where, never who or what.
    at.file_uploader(key="upload-files").set_value([("pulse.csv", bad.encode(), "text/csv")])
    at.run()
    preview = next(f for f in frames(at) if "question" in f.columns)
    assert set(preview.columns) == {"line", "submitted_at", "team", "question", "problems"}
    assert "secret-person" not in everything_shown(at) and "very unhappy" not in everything_shown(
        at
    )
