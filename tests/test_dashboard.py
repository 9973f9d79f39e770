"""The dashboard, driven by Streamlit's AppTest on a real database."""

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def test_empty_database_loads_the_demo_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("SCORECARD_DB", str(tmp_path / "scorecard.duckdb"))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    assert not at.exception
    assert "demo organisation" in at.info[0].value
    assert at.title[0].value.startswith("Weekly scorecard · ")
    table = at.dataframe[0].value
    assert len(table) == 14
    assert table.loc[table["Metric"] == "Backlog", "Current"].iloc[0] != "—"
    st.cache_resource.clear()
