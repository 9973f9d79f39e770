"""Dashboard pages driven by Streamlit's AppTest on a real fixture database."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard import db
from scorecard.ingest import load_file

from .conftest import write

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = str(ROOT / "dashboard.py")
PAGES = [
    "pages/scorecard.py",
    "pages/published.py",
    "pages/sla.py",
    "pages/backlog.py",
    "pages/escalations.py",
    "pages/quality.py",
    "pages/morale.py",
    "pages/turnover.py",
    "pages/targets.py",
    "pages/notes.py",
    "pages/data.py",
]

TICKETS = """
ticket_id,created_at,first_response_at,solved_at,status,priority,channel,team
T1,2026-11-16 09:00,2026-11-16 09:10,2026-11-16 12:00,solved,high,email,A
T2,2026-11-16 10:00,2026-11-16 10:04,,open,normal,chat,B
T3,2026-11-09 10:00,2026-11-09 10:20,,open,normal,email,A
T4,2026-11-17 10:00,2026-11-17 10:30,2026-11-18 10:00,closed,low,chat,B
"""
PULSE = "response_id,submitted_at,respondent,team,question,score\n" + "".join(
    f"P{i},2026-11-17 10:00,r{i},{'A' if i < 6 else 'B'},q,{4 if i % 2 else 5}\n" for i in range(12)
)


@pytest.fixture(autouse=True)
def entry_point_runs_every_time(monkeypatch):
    """Run dashboard.py on every AppTest run, as the server does.

    With a pages/ folder beside the entry point, AppTest resets Streamlit's "pages folder"
    mode before each run, so its reruns execute only the page and skip dashboard.py (and
    with it the sidebar). The server leaves that mode for good once st.navigation is called
    on the first run; this puts AppTest in the same state.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def fixture_db(tmp_path, serve):
    path = tmp_path / "app.duckdb"
    con = db.connect(path)
    now = datetime(2026, 11, 30, tzinfo=UTC)
    for name, text in (("tickets.csv", TICKETS), ("pulse.csv", PULSE)):
        assert load_file(con, write(tmp_path, name, text), now=now).status == "loaded"
    con.close()
    return serve(path)


def app(**query) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def scorecard_table(at: AppTest):
    tables = [frame.value for frame in at.dataframe]
    tables = [t.data if hasattr(t, "data") else t for t in tables]  # a Styler holds its frame
    return next(t for t in tables if "Last 12 weeks" in t.columns)


def table_value(at: AppTest, metric_label: str, column: str) -> str:
    table = scorecard_table(at)
    # The Metric column holds the link to the metric's page; its label is the fragment.
    return table.loc[table["Metric"].str.endswith("#" + metric_label), column].iloc[0]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_an_error(fixture_db, page):
    at = app(week="2026-W47")
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert at.title, page


def test_scorecard_shows_the_figures_of_the_week(fixture_db):
    at = app(week="2026-W47")
    # FRT in W47: T1 10, T2 4, T4 30 minutes → median 10. Resolution: T1 3 h, T4 24 h → 13.5.
    assert table_value(at, "First Response Time (FRT)", "Current") == "10.0 min"
    assert table_value(at, "First Response Time (FRT)", "Status") == "missed"
    assert table_value(at, "Resolution Time", "Current") == "13.5 h"
    assert table_value(at, "Resolution Time", "Status") == "met"
    # W46 had T3 answered in 20 minutes: the change is −10 minutes, which is better.
    assert table_value(at, "First Response Time (FRT)", "Change") == "-10.0 min (better)"
    # 12 pulse respondents: 6 score 5 and 6 score 4 → mean (6 × 100 + 6 × 75) / 12.
    assert table_value(at, "Morale Pulse Score", "Current") == "87.5"
    assert len(scorecard_table(at)) == 14


def test_filters_change_the_figures_and_live_in_the_url(fixture_db):
    at = app(week="2026-W47", team="B")
    assert table_value(at, "First Response Time (FRT)", "Current") == "17.0 min"  # 4 and 30
    assert table_value(at, "Morale Pulse Score", "Current") == "87.5"  # B: 6 respondents
    at = app(week="2026-W47", channel="email")
    assert table_value(at, "First Response Time (FRT)", "Current") == "10.0 min"  # T1 only
    at = app(week="2026-W47", team="A")
    # A alone has 6 respondents, B 6: both visible, so A's morale shows.
    assert table_value(at, "Morale Pulse Score", "Current") == "87.5"
    assert at.query_params["team"] == "A"


def test_a_team_too_small_is_suppressed_in_the_table(fixture_db, tmp_path):
    extra = "response_id,submitted_at,respondent,team,question,score\n" + "".join(
        f"X{i},2026-11-17 10:00,x{i},C,q,1\n" for i in range(3)
    )
    with db.writing(fixture_db, "data") as con:
        pulse_c = write(tmp_path, "pulse_c.csv", extra)
        load_file(con, pulse_c, now=datetime(2026, 11, 30, tzinfo=UTC))
    at = app(week="2026-W47", team="C")
    assert table_value(at, "Morale Pulse Score", "Status") == "suppressed"
    assert table_value(at, "Morale Pulse Score", "Current") == "—"


def test_a_note_added_on_the_scorecard_persists(fixture_db):
    at = app(week="2026-W47")
    at.text_input(key="author").input("Ana Ops")
    at.selectbox(key="scorecard-note-metric").set_value(
        next(o for o in at.selectbox(key="scorecard-note-metric").options if "Backlog" in o)
    )
    at.run()
    at.text_area(key="note-text-backlog").input("Queue <b>triaged</b> [link](javascript:alert(1))")
    at.button(key="FormSubmitter:add-note-backlog-Add note").click()
    at.run()
    assert not at.exception
    assert table_value(at, "Backlog", "Notes") == "Queue <b>triaged</b> [link](javascript:alert(1))"
    # Shown as text: every markdown character is escaped.
    shown = [m.value for m in at.markdown if "triaged" in m.value]
    assert shown and all("\\<b\\>" in value and "\\[link\\]" in value for value in shown)

    again = app(week="2026-W47")  # a new session
    assert "triaged" in table_value(again, "Backlog", "Notes")
    con = db.open_reader(fixture_db)  # a new connection, as another process would
    assert con.execute("select author, owner, team from notes").fetchall() == [
        ("Ana Ops", "Operations", None)
    ]
    con.close()


def test_writing_a_note_needs_a_name(fixture_db):
    at = app(week="2026-W47")
    at.text_area(key="note-text-morale_pulse").input("anonymous")
    at.button(key="FormSubmitter:add-note-morale_pulse-Add note").click()
    at.run()
    assert any("Enter your name" in e.value for e in at.error)


def test_a_target_changed_from_next_week_leaves_this_week_alone(fixture_db):
    at = app(week="2026-W47")
    at.text_input(key="author").input("VP")
    at.switch_page("pages/targets.py").run()
    frt = next(o for o in at.selectbox(key="target-metric").options if "FRT" in o)
    at.selectbox(key="target-metric").set_value(frt)
    at.run()
    assert at.number_input(key="target-value-frt").value == 8.0  # the target in force
    at.selectbox(key="target-operator-frt").set_value("<=")
    at.number_input(key="target-value-frt").set_value(12.0)
    at.button(key="FormSubmitter:set-target-Save target").click()
    at.run()
    assert not at.exception
    con = db.open_reader(fixture_db)
    assert con.execute(
        "select operator, target, effective_from::varchar, set_by from targets "
        "where metric_id = 'frt' order by set_at desc limit 1"
    ).fetchall() == [("<=", 12.0, "2026-11-23", "VP")]
    con.close()
    at.switch_page("pages/scorecard.py").run()
    assert table_value(at, "First Response Time (FRT)", "Target") == "< 8 min"
    assert table_value(at, "First Response Time (FRT)", "Status") == "missed"


def test_the_scorecard_matches_the_report_figure_by_figure(fixture_db):
    from scorecard import metrics, report
    from scorecard.config import load_config
    from scorecard.weeks import parse_week

    con = db.open_reader(fixture_db)
    expected = report.build_report(con, load_config(), parse_week("2026-W47"))
    con.close()
    at = app(week="2026-W47")
    for entry in expected["metrics"]:
        metric = metrics.get_metric(entry["id"])
        assert table_value(at, metric.label, "Current") == metric.format_value(entry["value"])
        assert table_value(at, metric.label, "Target") == metric.format_target(
            entry["operator"], entry["target"]
        )
        assert table_value(at, metric.label, "Status") == entry["status"].replace("_", " ")
        assert table_value(at, metric.label, "Owner") == entry["owner"]


def test_the_data_page_previews_and_loads_an_upload(fixture_db):
    at = app(week="2026-W47")
    at.switch_page("pages/data.py").run()
    zendesk = (ROOT / "tests" / "fixtures" / "zendesk" / "tickets.csv").read_bytes()
    at.file_uploader(key="upload-files").set_value([("export.csv", zendesk, "text/csv")])
    at.text_input(key="upload-timezone").input("Europe/Berlin")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(m.value for m in at.markdown)
    assert "Zendesk ticket CSV export" in shown
    assert "`tickets`: 3 rows, 0 would be quarantined" in shown
    assert "`csat`: 2 rows, 0 would be quarantined" in shown
    con = db.open_reader(fixture_db)
    assert con.execute("select count(*) from tickets").fetchall() == [(4,)]  # nothing written yet
    con.close()
    at.button(key="load-0").click()
    at.run()
    assert any("tickets 3 loaded" in s.value for s in at.success), [e.value for e in at.error]
    con = db.open_reader(fixture_db)
    assert con.execute("select count(*) from tickets").fetchall() == [(7,)]
    con.close()
    footer = next(c.value for c in at.caption if c.value.startswith("Data as of"))
    assert footer.startswith("Data as of (UTC): tickets ")


def _frames(at: AppTest) -> list:
    return [f.value.data if hasattr(f.value, "data") else f.value for f in at.dataframe]


def test_support_pages_show_the_engine_figures(fixture_db):
    from scorecard.config import load_config
    from scorecard.engine import Filters, page_rows

    con = db.open_reader(fixture_db)
    config = load_config()
    week = date(2026, 11, 16)
    for team in (None, "A"):
        filters = Filters(teams=(team,)) if team else Filters()
        query = {"week": "2026-W47", **({"team": team} if team else {})}
        at = app(**query)
        at.switch_page("pages/sla.py").run()
        assert not at.exception, [e.value for e in at.exception]
        breakdown = [
            f for f in _frames(at) if "SLA decided" in f.columns or "sla_decided" in f.columns
        ]
        expected = [
            r
            for r in page_rows(con, config, "sla_breakdown", week, week, filters)
            if r["dimension"] == "priority"
        ]
        shown = breakdown[0]
        assert list(shown["sla_decided"]) == [r["sla_decided"] for r in expected]
        assert list(shown["frt_median"].fillna(-1)) == [
            r["frt_median"] if r["frt_median"] is not None else -1 for r in expected
        ]
        expected_breaches = page_rows(con, config, "sla_breaches", week, week, filters)
        breaches = [f for f in _frames(at) if "hours_late" in f.columns]
        if expected_breaches:
            assert list(breaches[0]["ticket_id"]) == [r["ticket_id"] for r in expected_breaches]
        else:
            assert not breaches
            assert any("No target was missed" in c.value for c in at.caption)

        at.switch_page("pages/backlog.py").run()
        assert not at.exception
        oldest = next(f for f in _frames(at) if "age_days" in f.columns)
        expected_oldest = page_rows(con, config, "oldest_open", week, week, filters, {"limit": 50})
        assert list(oldest["ticket_id"]) == [r["ticket_id"] for r in expected_oldest]

        at.switch_page("pages/escalations.py").run()
        assert not at.exception
    con.close()


def test_sla_page_business_clock_toggle(fixture_db):
    at = app(week="2026-W47")
    at.switch_page("pages/sla.py").run()
    at.segmented_control(key="sla-clock").set_value("business").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("business clock" in h.value for h in at.subheader)


def test_publishing_from_the_scorecard_page_and_reading_it_on_the_published_page(
    fixture_db, tmp_path
):
    at = app(week="2026-W47")
    at.button(key="publish-week").click().run()
    assert any("Enter your name" in e.value for e in at.error)  # a publication is signed
    at.text_input(key="author").input("Dana VP")
    at.button(key="publish-week").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Published weeks"
    caption = next(c.value for c in at.caption if c.value.startswith("Revision"))
    assert caption.startswith("Revision 1 of 1 · published by Dana VP on ")
    assert any("still equal the published ones" in s.value for s in at.success)
    published = next(
        f.value.data if hasattr(f.value, "data") else f.value
        for f in at.dataframe
        if "Published" in (f.value.data if hasattr(f.value, "data") else f.value).columns
    )
    frt = published.loc[published["Metric"] == "First Response Time (FRT)"].iloc[0]
    assert (frt["Published"], frt["Target"], frt["Status"]) == ("10.0 min", "< 8 min", "missed")

    # A late export moves FRT: the published value stays, the drift shows both.
    late = "ticket_id,created_at,first_response_at,solved_at,status,priority,channel,team\n"
    late += "T5,2026-11-19 08:00,2026-11-19 08:02,2026-11-19 09:00,solved,normal,email,A\n"
    with db.writing(fixture_db, "data") as con:
        load_file(con, write(tmp_path, "late.csv", late), now=datetime(2026, 11, 30, tzinfo=UTC))
    at.run()
    assert any("have moved since publication" in w.value for w in at.warning)
    frames = [f.value.data if hasattr(f.value, "data") else f.value for f in at.dataframe]
    drift = next(f for f in frames if "Live now" in f.columns)
    row = drift.loc[drift["Metric"] == "First Response Time (FRT)"].iloc[0]
    assert (row["Published"], row["Live now"]) == ("10.0 min", "7.0 min")
    table = next(f for f in frames if "Published" in f.columns and "Target" in f.columns)
    assert table.loc[table["Metric"] == "First Response Time (FRT)", "Published"].iloc[0] == (
        "10.0 min"
    )
    assert [b.label for b in at.get("download_button")] == [
        "Download HTML (offline)",
        "Download CSV",
        "Download Markdown",
    ]


def test_an_upload_over_the_limit_is_refused_with_the_way_round(fixture_db, tmp_path, monkeypatch):
    settings = tmp_path / "limit.toml"
    settings.write_text("[uploads]\nlimit_mb = 1\n", encoding="utf-8")
    monkeypatch.setenv("SCORECARD_CONFIG", str(settings))
    at = app(week="2026-W47")
    at.switch_page("pages/data.py").run()
    big = b"ticket_id,created_at,status\n" + b"T1,2026-11-16T09:00:00Z,open\n" * 60_000
    at.file_uploader(key="upload-files").set_value([("big.csv", big, "text/csv")])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert errors == [
        "big\\.csv is 2 MB, over the upload limit of 1 MB: load it with "
        "`python -m scorecard ingest`."
    ]
    assert not any(m.value.startswith("Read as") for m in at.markdown)
    assert not any(b.key == "load-0" for b in at.button)  # nothing to load


def test_sla_matrix_with_a_priority_missing_a_target_type(tmp_path, serve):
    # In 2026-W47 the high ticket has both targets decided, the low one only its first
    # response (its resolution is due in W48): the priority × target table has a gap, which
    # turns its counts into floats beside the other counts (once a TypeError: Decimal / float).
    tickets = (
        "ticket_id,created_at,first_response_at,solved_at,status,priority,channel,team\n"
        "T1,2026-11-16 09:00,2026-11-16 09:10,2026-11-16 12:00,solved,high,email,A\n"
        "T2,2026-11-22 20:00,2026-11-22 20:30,,open,low,email,A\n"
    )
    path = tmp_path / "gap.duckdb"
    con = db.connect(path)
    now = datetime(2026, 11, 30, tzinfo=UTC)
    assert load_file(con, write(tmp_path, "tickets.csv", tickets), now=now).status == "loaded"
    con.close()
    serve(path)
    at = app(week="2026-W47")
    at.switch_page("pages/sla.py").run()
    assert not at.exception, [e.value for e in at.exception]
    matrix = next(f for f in _frames(at) if "priority" in f.columns and "resolution" in f.columns)
    rows = {row["priority"]: row for row in matrix.to_dict("records")}
    assert rows["high"]["first response"] == "1 of 1 (100.0 %)"
    assert rows["high"]["resolution"] == "1 of 1 (100.0 %)"
    assert rows["low"]["first response"] == "1 of 1 (100.0 %)"
    assert rows["low"]["resolution"] == "—"
