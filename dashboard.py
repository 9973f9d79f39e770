"""Support Scorecard dashboard (first increment: the weekly scorecard table).

Run with `streamlit run dashboard.py`. With no data loaded it loads the demo organisation.
"""

from __future__ import annotations

import contextlib
import io
from datetime import UTC, datetime, timedelta

import pandas as pd
import streamlit as st

from scorecard import db, demo, metrics, report
from scorecard.config import load_config
from scorecard.weeks import last_completed_week, parse_week, week_label

st.set_page_config(page_title="Support Scorecard", page_icon="📋", layout="wide")


@st.cache_resource
def connection():
    """One connection per process; each query takes its own cursor."""
    config = load_config()
    con = db.connect(config.database)
    demo_loaded = False
    if db.data_version(con) == 0:
        con.close()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            demo.run_demo(config.database, config.database.parent / "demo", 26, None, 7)
        con = db.connect(config.database)
        demo_loaded = True
    return con, demo_loaded


@st.cache_data
def scorecard_table(version: int, week: str) -> pd.DataFrame:
    con, _ = connection()
    result = report.build_report(con.cursor(), load_config(), parse_week(week))
    records = []
    for entry in result["metrics"]:
        metric = metrics.get_metric(entry["id"])
        records.append(
            {
                "Metric": metric.label,
                "Definition": metric.short,
                "Target": metric.format_target(entry["operator"], entry["target"]),
                "Current": metric.format_value(entry["value"]),
                "Status": report.STATUS_WORDS.get(entry["status"], entry["status"]),
                "Owner": entry["owner"],
                "n": entry["n"],
                "Notes": " | ".join(note["text"] for note in entry["notes"]),
            }
        )
    return pd.DataFrame(records)


con, demo_loaded = connection()
if demo_loaded:
    st.info("No data was loaded, so this is the demo organisation.", icon="ℹ️")

latest = last_completed_week(datetime.now(UTC).date())
weeks = [week_label(latest - timedelta(weeks=i)) for i in range(26)]
week = st.sidebar.selectbox("Week", weeks, key="week")
st.title(f"Weekly scorecard · {week}")
st.dataframe(
    scorecard_table(db.data_version(con.cursor()), week),
    hide_index=True,
    width="stretch",
)
