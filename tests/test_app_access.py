"""Sign-in and roles through AppTest: what each visitor is offered, and that writes carry the
signed-in identity. (The browser suite signs in for real against a local OpenID provider.)"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scorecard import db

from .test_app import (  # noqa: F401  (fixtures used by name)
    DASHBOARD,
    entry_point_runs_every_time,
    fixture_db,
)

SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-test-cookie-secret-of-enough-length",
        "client_id": "scorecard",
        "client_secret": "secret",
        "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
    }
}
ACCESS = """
[users]
"vp@example.com" = "leadership"
"ops@example.com" = "support_ops"
"people@example.com" = "people_ops"
"admin@example.com" = "admin"
[groups]
"hr" = "people_ops"
"""
FILES = {
    "leadership": {"scorecard", "published"},
    "support_ops": {"sla", "backlog", "escalations", "quality"},
    "people_ops": {"morale", "turnover"},
    "admin": {"scorecard", "published", "targets", "notes", "data"},
}
USERS = {
    "leadership": "vp@example.com",
    "support_ops": "ops@example.com",
    "people_ops": "people@example.com",
    "admin": "admin@example.com",
}


@pytest.fixture
def signed(fixture_db, tmp_path, monkeypatch):  # noqa: F811
    access_file = tmp_path / "access.toml"
    access_file.write_text(ACCESS, encoding="utf-8")
    monkeypatch.setenv("SCORECARD_ACCESS", str(access_file))

    def _run(user: dict, **query) -> AppTest:
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        at.secrets = SECRETS
        at.user = user
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()

    _run.database = fixture_db
    return _run


def user(email: str, **claims) -> dict:
    name = email.split("@")[0].title()
    return {"is_logged_in": True, "email": email, "email_verified": True, "name": name, **claims}


def page_files(at: AppTest) -> set[str]:
    """The page files the navigation can run (refusals and sign-in screens have none)."""
    return {
        info["script_path"].rsplit("/", 1)[-1].removesuffix(".py")
        for info in at._registered_pages.values()
        if info["script_path"]
    }


def texts(at: AppTest) -> str:
    return "\n".join(
        element.value
        for kind in (at.title, at.markdown, at.caption, at.warning, at.error, at.info)
        for element in kind
    )


def test_signed_out_visitors_see_the_sign_in_screen_and_no_data(signed):
    at = signed({"is_logged_in": False}, week="2026-W47", team="A")
    assert not at.exception
    assert [t.value for t in at.title] == ["Support Scorecard"]
    assert at.button(key="sign-in").label == "Sign in"
    assert page_files(at) == set()
    assert not at.sidebar.selectbox and not at.dataframe and not at.metric
    assert "Data as of" not in texts(at)


def test_a_signed_in_user_without_a_role_sees_only_a_message(signed):
    at = signed(user("stranger@example.com", groups=["sales"]))
    assert not at.exception
    assert [t.value for t in at.title] == ["No access yet"]
    assert "stranger@example.com" in at.warning[0].value.replace("\\", "")
    assert page_files(at) == set()
    assert not at.sidebar.selectbox and not at.dataframe and not at.metric
    assert at.button(key="sign-out").label == "Sign out"


@pytest.mark.parametrize("role", list(FILES))
def test_each_role_is_offered_exactly_its_pages_and_each_renders(signed, role):
    at = signed(user(USERS[role]), week="2026-W47")
    assert not at.exception, [e.value for e in at.exception]
    assert page_files(at) == FILES[role]
    first = {"leadership": "Weekly scorecard", "admin": "Weekly scorecard"}
    first |= {"support_ops": "SLA & response", "people_ops": "Morale"}
    assert at.title[0].value == first[role]  # the root opens the role's first page
    assert f"Signed in as **{USERS[role].split('@')[0].title()}" in at.sidebar.caption[0].value
    for page in sorted(FILES[role]):
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title[0].value != "Not available to you"


def test_local_mode_says_so_in_the_sidebar(fixture_db):  # noqa: F811
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert "Local single-user mode" in at.sidebar.caption[0].value
    assert page_files(at) == {spec for roles in FILES.values() for spec in roles}
    assert at.text_input(key="author")  # a name to sign with, as there is no sign-in


def test_an_unverified_address_signs_nothing_in_its_name(signed):
    claims = user("vp@example.com", email_verified=False, groups=["hr"], sub="u-77")
    claims["iss"] = "https://id.example.com"
    at = signed(claims, week="2026-W47")
    assert page_files(at) == FILES["people_ops"]  # the group counts; the address does not
    at.text_area(key="note-text-morale_pulse").input("Written by someone")
    at.button(key="FormSubmitter:add-note-morale_pulse-Add note").click()
    at.run()
    con = db.open_reader(signed.database)
    try:
        assert con.execute("select author from notes").fetchall() == [
            ("u-77 (https://id.example.com)",)
        ]
    finally:
        con.close()


def test_a_group_claim_gives_its_role(signed):
    at = signed(user("someone@example.com", groups=["hr", "other"]))
    assert page_files(at) == FILES["people_ops"]


def test_a_page_file_run_for_a_visitor_without_its_role_refuses(signed):
    """Belt and braces: even if a page file ran for the wrong visitor, it stops at its first
    line. Here support ops is shown the morale page by hand."""
    morale = AppTest.from_file(str(DASHBOARD).replace("dashboard.py", "pages/morale.py"))
    morale.secrets = SECRETS
    morale.user = user("ops@example.com")
    morale.run(timeout=60)
    assert [t.value for t in morale.title] == ["Not available to you"]
    assert "People ops" in morale.error[0].value
    assert not morale.dataframe and not morale.metric


def test_leadership_reads_the_scorecard_without_links_to_pages_it_cannot_open(signed):
    at = signed(user("vp@example.com"), week="2026-W47")
    table = next(
        (frame.value.data if hasattr(frame.value, "data") else frame.value)
        for frame in at.dataframe
        if "Last 12 weeks" in (getattr(frame.value, "data", frame.value)).columns
    )
    assert "Morale Pulse Score" in set(table["Metric"])  # labels, not links to refused pages
    assert not any("morale" in str(cell) for cell in table["Metric"])
    assert not [link for link in at.get("page_link")]
    # Leadership writes no notes (each metric's owner role or an admin does)...
    assert "Add a note" not in [e.label for e in at.expander]
    assert at.button(key="publish-week")  # ...and publishes, signed by its sign-in.
    at.button(key="publish-week").click().run()
    assert not at.exception
    con = db.open_reader(signed.database)
    try:
        assert con.execute("select published_by from snapshots").fetchall() == [("vp@example.com",)]
    finally:
        con.close()


def test_people_ops_write_notes_on_morale_signed_with_their_address(signed):
    at = signed(user("people@example.com"), week="2026-W47")
    assert at.title[0].value == "Morale"
    assert not [e for e in at.text_input if e.key == "author"]  # no name to type
    at.text_area(key="note-text-morale_pulse").input("Team A survey follow-up booked")
    at.button(key="FormSubmitter:add-note-morale_pulse-Add note").click()
    at.run()
    assert not at.exception
    con = db.open_reader(signed.database)
    try:
        assert con.execute("select metric_id, author from notes").fetchall() == [
            ("morale_pulse", "people@example.com")
        ]
    finally:
        con.close()


def test_support_ops_write_notes_on_their_metrics_only(signed):
    at = signed(user("ops@example.com"), week="2026-W47")
    at.switch_page("pages/backlog.py").run()
    at.text_area(key="note-text-backlog").input("Queue triaged")
    at.button(key="FormSubmitter:add-note-backlog-Add note").click()
    at.run()
    assert not at.exception
    # The admin's Targets page shows every metric's trend and notes panel: an admin may write
    # on any; the form is simply absent for a role that does not own the metric.
    admin = signed(user("admin@example.com"), week="2026-W47")
    admin.switch_page("pages/targets.py").run()
    assert [k for k in (e.key for e in admin.text_area) if k and k.startswith("note-text-")]
    con = db.open_reader(signed.database)
    try:
        assert con.execute("select metric_id, author from notes").fetchall() == [
            ("backlog", "ops@example.com")
        ]
    finally:
        con.close()


def test_a_note_of_another_role_shows_without_its_edit_controls(signed):
    writer = signed(user("people@example.com"), week="2026-W47")
    writer.text_area(key="note-text-morale_pulse").input("Pulse dipped in A")
    writer.button(key="FormSubmitter:add-note-morale_pulse-Add note").click()
    writer.run()
    reader = signed(user("vp@example.com"), week="2026-W47")
    assert any("Pulse dipped in A" in m.value for m in reader.markdown)
    assert not [e for e in reader.text_area if (e.key or "").startswith("edit-text-")]
    editor = signed(user("admin@example.com"), week="2026-W47")
    assert [e for e in editor.text_area if (e.key or "").startswith("edit-text-")]


@pytest.mark.parametrize("secret", ["change-me", "changeme", "", "x" * 31])
def test_a_guessable_cookie_secret_keeps_the_dashboard_shut(signed, caplog, secret):
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets = {"auth": {**SECRETS["auth"], "cookie_secret": secret}}
    at.user = user("admin@example.com")
    at.run()
    assert [t.value for t in at.title] == ["Sign-in is misconfigured"]
    assert "server's log" in at.error[0].value  # the reason goes to whoever runs it
    assert "cookie_secret" in caplog.text
    assert page_files(at) == set() and not at.sidebar.selectbox and not at.dataframe


def test_a_broken_access_file_shows_nothing_rather_than_everything(
    signed, tmp_path, monkeypatch, caplog
):
    broken = tmp_path / "broken-access.toml"
    broken.write_text('[users]\n"admin@example.com" = "superuser"\n', encoding="utf-8")
    monkeypatch.setenv("SCORECARD_ACCESS", str(broken))
    at = signed(user("admin@example.com"))
    assert [t.value for t in at.title] == ["Sign-in is misconfigured"]
    assert "superuser" in caplog.text and "superuser" not in at.error[0].value
    assert page_files(at) == set() and not at.dataframe


def test_an_unreadable_secrets_file_does_not_fall_back_to_local_mode(tmp_path):
    import streamlit as st
    from streamlit import config as st_config

    from scorecard.app import signin

    broken = tmp_path / "secrets.toml"
    broken.write_text("[auth\nredirect_uri = 1\n", encoding="utf-8")
    saved = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(broken)])
    st.secrets._reset()
    try:
        state, why = signin.sign_in_state()
        assert state == "broken" and str(broken) in why
        assert signin.current_visitor().mode == "misconfigured"
        broken.unlink()  # no secrets at all: local mode, as documented
        st.secrets._reset()
        assert signin.sign_in_state() == ("off", "")
    finally:
        st_config.set_option("secrets.files", saved)
        st.secrets._reset()


def test_support_ops_are_not_told_when_the_last_pulse_answer_came_in(signed):
    ops = signed(user("ops@example.com"), week="2026-W47")
    footer = next(c.value for c in ops.caption if c.value.startswith("Data as of"))
    assert "tickets" in footer and "pulse" not in footer
    people = signed(user("people@example.com"), week="2026-W47")
    footer = next(c.value for c in people.caption if c.value.startswith("Data as of"))
    assert "pulse 17 Nov 2026" in footer
