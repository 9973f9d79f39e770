"""Admin · Data: what has been loaded, and every quarantined row with its reasons."""

import plotly.graph_objects as go
import streamlit as st

from scorecard.app import filters, state

filters.current()  # the sidebar and filters, as on every page
version = state.version()

st.title("Data")
st.caption(
    "Load exports with `python -m scorecard ingest FILE…`. Every load is logged; rows that "
    "break a rule are kept in quarantine with the reason, never dropped."
)

counts = state.table(version, "admin/table_counts")
columns = st.columns(len(counts))
for column, row in zip(columns, counts.itertuples(), strict=True):
    column.metric(row.kind, f"{row.rows:,}")

log = state.table(version, "admin/load_log_list")
loaded = log[log["status"] == "loaded"].sort_values("load_id")
if not loaded.empty:
    figure = go.Figure(
        [
            go.Bar(
                name="loaded",
                x=loaded["load_id"].astype(str),
                y=loaded["rows_loaded"],
                marker_color="#1f4e79",
            ),
            go.Bar(
                name="quarantined",
                x=loaded["load_id"].astype(str),
                y=loaded["rows_quarantined"],
                marker_color="#c62828",
            ),
        ]
    )
    figure.update_layout(
        barmode="stack",
        height=260,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis_title="load",
        yaxis_title="rows",
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    st.plotly_chart(figure, key="loads-chart", config={"displayModeBar": False})

st.subheader("Load log")
st.dataframe(log, hide_index=True, width="stretch", key="load-log")

st.subheader("Quarantine")
quarantine = state.table(version, "admin/quarantine_list")
if quarantine.empty:
    st.caption("Nothing quarantined.")
else:
    st.dataframe(quarantine, hide_index=True, width="stretch", key="quarantine")
