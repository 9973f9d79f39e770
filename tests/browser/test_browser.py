"""End-to-end: a real `streamlit run` server and Debian's chromium driven by Playwright.

The server starts on an empty database, so the first page load also proves that the app
loads the demo organisation by itself and says so. Screenshots of every page are saved to
tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scorecard.weeks import last_completed_week, week_label

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = os.environ.get("SCORECARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "scorecard": "",
    "published": "published",
    "sla": "sla",
    "backlog": "backlog",
    "escalations": "escalations",
    "quality": "quality",
    "morale": "morale",
    "turnover": "turnover",
    "targets": "targets",
    "notes": "notes",
    "data": "data",
}


# The page's own captions (the sidebar has captions too).
MAIN_CAPTION = '[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("localhost", 0))
        return sock.getsockname()[1]


class Server:
    """`streamlit run dashboard.py` on a free port, against a given database."""

    def __init__(self, database: Path, log: Path, args: tuple[str, ...] = (), env=None):
        self.database, self.log = database, log
        self.args, self.env = args, env or {}
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "SCORECARD_DB": str(self.database), **self.env}
        command = [
            sys.executable, "-m", "streamlit", "run", "dashboard.py",
            "--server.headless", "true", "--server.port", str(self.port),
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            # Secrets only from the test's own folder: a developer's .streamlit/secrets.toml
            # would turn sign-in on; a missing file leaves the app in local mode.
            "--secrets.files", str(self.log.parent / "secrets.toml"),
            *self.args,
        ]  # fmt: skip
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not start; see {self.log}")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    running = Server(folder / "scorecard.duckdb", folder / "server.log")
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (see .ci/run)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 2400})
    opened = context.new_page()
    yield opened
    context.close()


def choose_option(page, key: str, name: str, attempts: int = 4) -> None:
    """Pick `name` in the keyed selectbox, opening the list again if a busy machine let it close.

    On two busy cores the first click can land while the expander around the box still
    animates, and the list never opens; a second click is what a user would do.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect

    box = page.locator(f".st-key-{key}")
    for _ in range(attempts):
        box.get_by_role("combobox").click()
        try:
            page.get_by_role("option", name=name).click(timeout=5000)
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
            settle(page)
            continue
        expect(box.get_by_role("combobox")).to_have_value(name)
        return
    raise AssertionError(f"the option {name!r} never appeared in {key}")


def settle(page, timeout: float = 150) -> None:
    """Wait until the app has rendered and no script run is in progress."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout * 1000)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=timeout * 1000)
    deadline = time.time() + timeout
    quiet_since = None
    while time.time() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        elif time.time() - quiet_since > 1.5:
            return
        time.sleep(0.2)
    raise TimeoutError("the app kept running")


def errors_on(page) -> list[str]:
    found = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [found.nth(i).inner_text() for i in range(found.count())]


def open_page(page, server, path: str, query: str = "") -> None:
    page.goto(f"{server.url}/{path}{'?' + query if query else ''}")
    settle(page)


def test_first_start_loads_the_demo_and_says_so(server, page):
    open_page(page, server, "")
    assert "demo organisation" in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert page.locator("h1").first.inner_text() == "Weekly scorecard"


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_opens_without_an_error(server, page, name):
    open_page(page, server, PAGES[name])
    assert errors_on(page) == []
    assert page.locator('[data-testid="stMainBlockContainer"] h1').count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_a_copied_url_reopens_the_same_filtered_view(server, page):
    # A week inside the demo, which ends with the last completed week.
    week = week_label(last_completed_week(datetime.now(UTC).date()) - timedelta(weeks=6))
    # The link is the first request a freshly started server gets.
    server.stop()
    server.start()
    open_page(page, server, "sla", f"week={week}&team=Payments&channel=email")
    assert errors_on(page) == []
    caption = page.locator(MAIN_CAPTION).first.inner_text()
    assert caption.startswith(week)
    assert "Teams: Payments" in caption and "channels: email" in caption
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.locator(".st-key-week input").input_value() == week
    assert "Payments" in sidebar.locator(".st-key-team").inner_text()


def test_a_note_added_on_the_scorecard_shows_on_its_chart_and_survives_a_restart(server, page):
    text = f"Queue triaged <b>now</b> {time.time():.0f}"
    open_page(page, server, "")
    page.locator(".st-key-author input").fill("Ana Ops")
    page.locator(".st-key-author input").press("Enter")
    settle(page)
    page.locator("summary").filter(has_text="Add a note").click()
    page.locator(".st-key-note-text-morale_pulse textarea").fill(text)
    page.get_by_role("button", name="Add note").click()
    settle(page)
    notes = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert text in notes  # shown as text: the tags are not rendered
    page.reload()
    settle(page)
    assert text in page.locator('[data-testid="stMainBlockContainer"]').inner_text()

    # The metric's chart carries a note marker whose hover holds the owner and the text.
    open_page(page, server, "morale")
    chart = page.locator(".st-key-chart-morale_pulse")
    chart.scroll_into_view_if_needed()  # Plotly draws a chart when it is reached
    chart.locator(".legendtext").first.wait_for(timeout=30_000)
    assert "Notes" in chart.inner_text()  # the legend entry of the note markers
    assert text in page.locator('[data-testid="stMainBlockContainer"]').inner_text()

    server.stop()
    server.start()
    open_page(page, server, "")
    assert text in page.locator('[data-testid="stMainBlockContainer"]').inner_text()


def test_morale_page_flags_the_demo_spike_in_payments(server, page):
    open_page(page, server, "morale")
    assert errors_on(page) == []
    page.locator(".st-key-morale-heatmap .js-plotly-plot").wait_for(timeout=30_000)
    charts = {}
    for team in ("Billing", "Technical", "Onboarding", "Payments"):
        holder = page.locator(f".st-key-workload-{team}")
        holder.scroll_into_view_if_needed()  # charts below the fold are drawn when reached
        holder.locator(".js-plotly-plot").wait_for(timeout=30_000)
        charts[team] = holder.inner_html()
    # Only Payments' chart carries flagged weeks: red markers and shaded weeks.
    flagged = {team for team, html in charts.items() if "rgb(198, 40, 40)" in html}
    assert flagged == {"Payments"}
    assert "Flagged weeks" in page.locator('[data-testid="stMainBlockContainer"]').inner_text()


def scorecard_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def test_a_bookmarked_page_opened_first_after_a_restart_runs_inside_the_app(server, page):
    # A second server process on the same database: its very first request is a page URL
    # (one that does not read the sidebar's filters).
    second = Server(server.database, server.log)
    second.start()
    try:
        open_page(page, second, "published")
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        # The app's navigation (sections, titles), not the bare pages/ folder listing.
        assert "Weekly scorecard" in nav and "Published weeks" in nav and "People ops" in nav
        assert "Filters" in page.locator('[data-testid="stSidebar"]').inner_text()
        assert page.locator("h1").first.inner_text() == "Published weeks"
        assert errors_on(page) == []
    finally:
        second.stop()


def test_a_scheduled_publish_while_users_write_notes_loses_no_note(server, page, tmp_path):
    week = week_label(last_completed_week(datetime.now(UTC).date()))
    open_page(page, server, "")
    page.locator(".st-key-author input").fill("Ana Ops")
    page.locator(".st-key-author input").press("Enter")
    settle(page)
    page.locator("summary").filter(has_text="Add a note").click()
    # cron publishes (three times, back to back) while a user writes notes in the browser.
    publisher = subprocess.Popen(
        [
            sys.executable, "-c",
            "import subprocess, sys\n"
            "for i in range(3):\n"
            f"    done = subprocess.run([sys.executable, '-m', 'scorecard', 'publish', '--week', "
            f"'{week}', '--by', 'cron', '--db', {str(server.database)!r}])\n"
            "    if done.returncode: sys.exit(done.returncode)\n",
        ],
        cwd=ROOT,
    )  # fmt: skip
    texts = [f"Scheduled-publish note {i} {time.time():.0f}" for i in range(3)]
    choose_option(page, "scorecard-note-metric", "End-User Satisfaction")
    settle(page)
    for text in texts:
        if not page.locator(".st-key-note-text-csat textarea").is_visible():
            page.locator("summary").filter(has_text="Add a note").click()  # closed by the rerun
        page.locator(".st-key-note-text-csat textarea").fill(text)
        page.get_by_role("button", name="Add note").click()
        settle(page)
    assert publisher.wait(timeout=300) == 0
    main = page.locator('[data-testid="stMainBlockContainer"]')
    page.reload()
    settle(page)
    for text in texts:
        assert text in main.inner_text()
    # The published page shows cron's revisions without a restart.
    open_page(page, server, "published")
    caption = page.locator(MAIN_CAPTION).first.inner_text()
    assert "published by cron" in caption and errors_on(page) == []
    from scorecard import db

    with contextlib.closing(db.open_reader(server.database)) as con:
        stored = {row[0] for row in con.execute("select text from notes").fetchall()}
    assert set(texts) <= stored


def test_the_html_snapshot_opens_offline_on_a_phone_and_prints(server, browser, tmp_path):
    week = week_label(last_completed_week(datetime.now(UTC).date()))
    out = tmp_path / "snapshot.html"
    done = scorecard_cli(
        "export" if _published(server, week) else "publish",
        "--week", week, "--out", str(out), "--db", str(server.database),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    context = browser.new_context(offline=True, viewport={"width": 390, "height": 844})
    try:
        phone = context.new_page()
        requests: list[str] = []
        phone.on("request", lambda request: requests.append(request.url))
        phone.goto(out.as_uri())
        phone.wait_for_load_state("load")
        assert requests == [out.as_uri()]  # nothing but the file itself
        text = phone.locator("body").inner_text()
        assert f"Weekly scorecard {week}" in text and "Morale Pulse Score" in text
        assert phone.locator("svg").count() >= 8  # one trend chart per headline metric
        # Readable on a phone: nothing wider than the screen.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        assert phone.pdf(format="A4")[:4] == b"%PDF"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SCREENSHOTS / "snapshot-phone.png"), full_page=True)
    finally:
        context.close()


def _published(server, week: str) -> bool:
    from scorecard import db, snapshots
    from scorecard.weeks import parse_week

    with contextlib.closing(db.open_reader(server.database)) as con:
        return any(row["week"] == parse_week(week) for row in snapshots.published(con))
