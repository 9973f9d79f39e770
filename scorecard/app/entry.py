"""Every page runs under dashboard.py, even when the first visit after a restart is a page URL.

Streamlit decides once per server whether an app with a `pages/` folder uses the old
folder-based navigation; until the entry point has called st.navigation, a first visit to
/morale would run pages/morale.py alone (no sidebar, no filters, no page setup). A page that
finds itself run that way switches the server to st.navigation and reruns, so the entry
point runs and shows the page the URL asked for.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def run_under_entry_point() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
