"""Support Scorecard: `streamlit run dashboard.py`.

The entry point lays out what every page shares — sign-in, the navigation the visitor's
roles open (grouped by audience), the filters in the sidebar (kept in the URL), the demo
banner — and runs the chosen page. Nothing reads the database before the visitor is known.
"""

from zoneinfo import ZoneInfo

import streamlit as st

from scorecard import access
from scorecard.app import filters, navigation, signin, state

st.set_page_config(page_title="Support Scorecard", page_icon=":material/monitoring:", layout="wide")

visitor = signin.current_visitor()
page = navigation.navigation(visitor)
if page is None:  # signed out, or signed in without a role: one screen, drawn already
    if visitor.signed_in:
        signin.sidebar(visitor)
    st.stop()
with st.spinner("Opening the scorecard database…"):
    version = state.version()
if state.is_demo(version):
    st.info(
        "No exports were loaded, so this is the **demo organisation**. Load your own with "
        "`python -m scorecard ingest FILE…` (see the README).",
        icon=":material/info:",
    )
st.session_state["_view"] = filters.sidebar(version)
signin.sidebar(visitor)
page.run()

zone = state.config().reporting_timezone
# The last pulse answer is one person's: its day only, not its minute.
STAMP = {"pulse": "%d %b %Y"}
fresh = " · ".join(
    f"{kind} {latest.astimezone(ZoneInfo(zone)).strftime(STAMP.get(kind, '%d %b %Y %H:%M'))}"
    for kind, latest in state.freshness(version)
    if latest is not None and (kind not in access.PEOPLE_KINDS or visitor.sees_people_figures)
)
st.divider()
st.caption(f"Data as of ({zone}): {fresh or 'nothing loaded yet'}")
