"""Support Scorecard: `streamlit run dashboard.py`.

The entry point lays out what every page shares — navigation grouped by audience, the
filters in the sidebar (kept in the URL), the demo banner — and runs the chosen page.
"""

from zoneinfo import ZoneInfo

import streamlit as st

from scorecard.app import filters, state

st.set_page_config(page_title="Support Scorecard", page_icon=":material/monitoring:", layout="wide")

PAGES = {
    "Leadership": [
        st.Page(
            "pages/scorecard.py",
            title="Weekly scorecard",
            icon=":material/dashboard:",
            default=True,
        ),
        st.Page(
            "pages/published.py",
            title="Published weeks",
            icon=":material/verified_user:",
            url_path="published",
        ),
    ],
    "Support ops": [
        st.Page("pages/sla.py", title="SLA & response", icon=":material/timer:", url_path="sla"),
        st.Page("pages/backlog.py", title="Backlog", icon=":material/inbox:", url_path="backlog"),
        st.Page(
            "pages/escalations.py",
            title="Escalations",
            icon=":material/stairs:",
            url_path="escalations",
        ),
        st.Page(
            "pages/quality.py", title="Quality", icon=":material/verified:", url_path="quality"
        ),
    ],
    "People ops": [
        st.Page("pages/morale.py", title="Morale", icon=":material/mood:", url_path="morale"),
        st.Page(
            "pages/turnover.py",
            title="Turnover",
            icon=":material/group_remove:",
            url_path="turnover",
        ),
    ],
    "Admin": [
        st.Page(
            "pages/targets.py", title="Targets & owners", icon=":material/flag:", url_path="targets"
        ),
        st.Page("pages/notes.py", title="Notes", icon=":material/sticky_note_2:", url_path="notes"),
        st.Page("pages/data.py", title="Data", icon=":material/database:", url_path="data"),
    ],
}

page = st.navigation(PAGES)
with st.spinner("Opening the scorecard database…"):
    version = state.version()
if state.is_demo(version):
    st.info(
        "No exports were loaded, so this is the **demo organisation**. Load your own with "
        "`python -m scorecard ingest FILE…` (see the README).",
        icon=":material/info:",
    )
st.session_state["_view"] = filters.sidebar(version)
page.run()

zone = state.config().reporting_timezone
# The last pulse answer is one person's: its day only, not its minute.
STAMP = {"pulse": "%d %b %Y"}
fresh = " · ".join(
    f"{kind} {latest.astimezone(ZoneInfo(zone)).strftime(STAMP.get(kind, '%d %b %Y %H:%M'))}"
    for kind, latest in state.freshness(version)
    if latest is not None
)
st.divider()
st.caption(f"Data as of ({zone}): {fresh or 'nothing loaded yet'}")
