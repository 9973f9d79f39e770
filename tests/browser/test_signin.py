"""Sign-in for real: `streamlit run` with st.login against a local OpenID Connect provider
(oidc-provider-mock), driven in Debian's chromium.

Each role signs in through the provider's form and must see exactly its pages in the menu;
every page address (with filters in the query string) either shows the page or refuses it
without a figure, chart, table or download; notes carry the signed-in address; signing out
ends the session at the provider and leaves nothing on screen.
"""

from __future__ import annotations

import contextlib
import time
from datetime import UTC, datetime, timedelta

import pytest

from scorecard import db
from scorecard.weeks import last_completed_week, week_label

from .test_browser import SCREENSHOTS, Server, browser, errors_on, settle  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

ACCESS = """
[users]
"vp@example.com" = "leadership"
"admin@example.com" = "admin"
[groups]
"support" = "support_ops"
"hr" = "people_ops"
"""
V = {"email_verified": True}
USERS = {
    # sub: claims the provider puts in the identity token
    "vp": {"email": "vp@example.com", **V, "name": "Vera President"},
    "ops": {"email": "ops@example.com", **V, "name": "Omar Ops", "groups": ["support"]},
    "people": {"email": "people@example.com", **V, "name": "Pia People", "groups": ["hr", "staff"]},
    "admin": {"email": "admin@example.com", **V, "name": "Ada Admin"},
    "stranger": {"email": "stranger@example.com", **V, "name": "Sam Stranger", "groups": ["sales"]},
}
TITLES = {
    "scorecard": "Weekly scorecard",
    "published": "Published weeks",
    "sla": "SLA & response",
    "backlog": "Backlog",
    "escalations": "Escalations",
    "quality": "Quality",
    "morale": "Morale",
    "turnover": "Turnover",
    "targets": "Targets & owners",
    "notes": "Notes",
    "data": "Data",
}
MENU = {
    "vp": ["Weekly scorecard", "Published weeks"],
    "ops": ["SLA & response", "Backlog", "Escalations", "Quality"],
    "people": ["Morale", "Turnover"],
    "admin": ["Weekly scorecard", "Published weeks", "Targets & owners", "Notes", "Data"],
}
REFUSED = "Not available to you"


@pytest.fixture(scope="module")
def provider():
    from oidc_provider_mock import User, run_server_in_thread

    users = [User(sub=sub, claims=claims) for sub, claims in USERS.items()]
    with run_server_in_thread(port=0, user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def server(tmp_path_factory, provider):
    folder = tmp_path_factory.mktemp("signin")
    access_file = folder / "access.toml"
    access_file.write_text(ACCESS, encoding="utf-8")
    running = Server(
        folder / "scorecard.duckdb",
        folder / "server.log",
        env={"SCORECARD_ACCESS": str(access_file)},
    )
    (folder / "secrets.toml").write_text(
        f"""
[auth]
redirect_uri = "{running.url}/oauth2callback"
cookie_secret = "a-test-cookie-secret-of-enough-length"
client_id = "support-scorecard"
client_secret = "test-client-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""",
        encoding="utf-8",
    )
    running.start()
    yield running
    running.stop()


@pytest.fixture
def page(browser):  # noqa: F811 (the fixture imported above)
    context = browser.new_context(viewport={"width": 1440, "height": 2000}, accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()


def main_text(page) -> str:
    return page.locator('[data-testid="stMainBlockContainer"]').inner_text()


def title(page) -> str:
    return page.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text()


def menu(page) -> list[str]:
    links = page.locator('[data-testid="stSidebarNav"] a')
    # Each link reads "<icon name>\n\n<title>": the title is the last line.
    return [links.nth(i).inner_text().strip().splitlines()[-1] for i in range(links.count())]


def sign_in(page, server, sub: str) -> None:
    page.goto(server.url)
    settle(page)
    assert title(page) == "Support Scorecard"
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("input[name=sub]", timeout=30_000)
    page.fill("input[name=sub]", sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{server.url}/**", timeout=30_000)
    settle(page)


def week_in_demo() -> str:
    return week_label(last_completed_week(datetime.now(UTC).date()) - timedelta(weeks=2))


def nothing_of_the_data(page) -> None:
    """A refusal or a sign-in screen: no figure, chart, table, download or filter."""
    for test_id in ("stMetric", "stDataFrame", "stPlotlyChart", "stDownloadButton"):
        assert page.locator(f'[data-testid="{test_id}"]').count() == 0, test_id
    assert page.locator(".st-key-note-text-morale_pulse").count() == 0


def test_the_first_request_to_a_fresh_server_is_a_deep_link_and_meets_the_sign_in(server, page):
    # pages/morale.py would run on its own here without the guard in every page file.
    page.goto(f"{server.url}/morale?week={week_in_demo()}&team=Payments")
    settle(page)
    assert title(page) == "Support Scorecard"
    assert page.get_by_role("button", name="Sign in").count() == 1
    nothing_of_the_data(page)
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    assert "Favourable" not in main_text(page) and "Payments" not in main_text(page)


@pytest.mark.parametrize("sub", list(MENU))
def test_each_role_sees_exactly_its_pages_and_no_address_leaks_another(server, page, sub):
    sign_in(page, server, sub)
    assert errors_on(page) == []
    assert menu(page) == MENU[sub]
    assert USERS[sub]["name"] in page.locator('[data-testid="stSidebar"]').inner_text()
    query = f"week={week_in_demo()}&team=Payments&team=Billing&channel=email"
    # The root opens the role's first page, keeping the filters.
    page.goto(f"{server.url}/?{query}")
    settle(page)
    assert title(page) == MENU[sub][0]
    assert "Teams: Billing, Payments" in main_text(page) or "Teams: Payments, Billing" in (
        main_text(page)
    )
    for path, expected in TITLES.items():
        page.goto(f"{server.url}/{path}?{query}")
        settle(page)
        if expected in MENU[sub]:
            assert title(page) == expected, path
            assert errors_on(page) == [], path
        else:
            assert title(page) == REFUSED, path
            nothing_of_the_data(page)
            # Not even the page's own words: the page file never ran.
            text = main_text(page)
            assert "Favourable" not in text and "Early leavers" not in text, path
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{server.url}/morale")
    settle(page)
    page.screenshot(path=str(SCREENSHOTS / f"signin-{sub}-morale.png"))


def test_a_user_without_a_role_sees_only_a_message(server, page):
    sign_in(page, server, "stranger")
    for path in ("", "morale", "sla", "data"):
        page.goto(f"{server.url}/{path}?week={week_in_demo()}")
        settle(page)
        assert title(page) == "No access yet"
        assert "stranger@example.com" in main_text(page)
        nothing_of_the_data(page)
        assert menu(page) == []


def test_leadership_downloads_hold_the_scorecard_and_nothing_per_agent_or_per_answer(server, page):
    sign_in(page, server, "vp")
    with page.expect_download() as caught:
        page.locator(".st-key-download-csv button").click()
    text = open(caught.value.path(), encoding="utf-8").read()  # noqa: SIM115
    header = text.splitlines()[0].lower()
    assert header == "week,id,label,value,unit,operator,target,status,owner,n,notes"
    assert "morale_pulse" in text and "agent_turnover" in text  # headline company figures
    for private in ("respondent", "comment", "agent,", "assignee", "reviewer"):
        assert private not in header


def test_notes_carry_the_signed_in_identity_and_only_owners_write_them(server, page):
    text = f"Pulse follow-up booked {time.time():.0f}"
    sign_in(page, server, "people")
    assert title(page) == "Morale"
    assert page.locator(".st-key-author").count() == 0  # no name to type
    page.locator("summary").filter(has_text="Notes on Morale Pulse Score").first.click()
    page.locator(".st-key-note-text-morale_pulse textarea").fill(text)
    page.get_by_role("button", name="Add note").first.click()
    settle(page)
    page.reload()
    settle(page)
    assert text in main_text(page)
    assert "by people@example.com" in main_text(page)
    with contextlib.closing(db.open_reader(server.database)) as con:
        authors = con.execute("select author from notes where text = $t", {"t": text}).fetchall()
    assert authors == [("people@example.com",)]

    # Support ops reads no morale note (the page is refused) and writes none on morale:
    # its own pages offer forms for its metrics only.
    page.context.clear_cookies()
    sign_in(page, server, "ops")
    page.goto(f"{server.url}/backlog")
    settle(page)
    assert "Notes on Backlog" in main_text(page) and text not in main_text(page)
    page.locator("summary").filter(has_text="Notes on Backlog").first.click()
    assert page.locator(".st-key-note-text-backlog textarea").count() == 1
    assert page.locator(".st-key-note-text-morale_pulse").count() == 0
    page.goto(f"{server.url}/morale")
    settle(page)
    assert title(page) == REFUSED and text not in main_text(page)


def test_signing_out_ends_the_session_and_shows_nothing(server, page):
    sign_in(page, server, "admin")
    assert title(page) == "Weekly scorecard"
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click(timeout=30_000)
    page.wait_for_url(f"{server.url}/**", timeout=30_000)
    settle(page)
    assert title(page) == "Support Scorecard"
    for path in ("", "data", "targets"):
        page.goto(f"{server.url}/{path}")
        settle(page)
        assert title(page) == "Support Scorecard"
        nothing_of_the_data(page)
