"""Support ops · Backlog: how many tickets wait, how old are they, and is the queue growing?"""

import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from scorecard import charts
from scorecard.app import downloads, filters, signin, views

signin.require("backlog")

view = filters.current()
by_team = views.page_header(
    "Backlog",
    "How many tickets have waited more than a week at each week's end, how old is what is "
    "open, and are we solving as fast as tickets arrive?",
    view,
)
views.metric_section("backlog", view, by_team=by_team)

# ----------------------------------------------------------------------- ageing
st.subheader(f"Open tickets by age at the end of {view.label}")
ageing = views.page_table(view, "backlog_ageing")
if ageing.empty:
    st.caption("No ticket was open at the end of this week.")
else:
    order = ["< 1 d", "1–3 d", "3–7 d", "7–14 d", "14–30 d", "> 30 d"]
    left, right = st.columns(2)
    for holder, dimension in ((left, "team"), (right, "priority")):
        part = ageing[ageing["dimension"] == dimension]
        figure = px.bar(
            part,
            x="value",
            y="tickets",
            color="bucket",
            category_orders={"bucket": order},
            color_discrete_sequence=px.colors.sequential.Blues[2:],
            labels={"value": dimension, "bucket": "age"},
            title=f"By {dimension}",
        )
        figure.update_layout(
            height=300, margin={"l": 10, "r": 10, "t": 40, "b": 10}, plot_bgcolor="white"
        )
        holder.plotly_chart(figure, key=f"ageing-{dimension}", config={"displayModeBar": False})

# ------------------------------------------------------------ created vs solved
st.subheader("Created and solved per week")
flow = views.page_table(view, "created_solved")
if not flow.empty:
    figure = go.Figure(
        [
            go.Bar(name="created", x=flow["week"], y=flow["created"], marker_color="#9ecae1"),
            go.Bar(
                name="solved", x=flow["week"], y=flow["solved"], marker_color=charts.VALUE_COLOUR
            ),
        ]
    )
    figure.update_layout(
        barmode="group",
        height=300,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        yaxis_title="tickets",
        xaxis={"tickformat": "%d %b"},
    )
    st.plotly_chart(figure, key="created-solved", config={"displayModeBar": False})

# -------------------------------------------------------------- oldest open
st.subheader(f"Oldest open tickets at the end of {view.label}")
oldest = views.page_table(view, "oldest_open")
if oldest.empty:
    st.caption("Nothing open.")
else:
    st.dataframe(
        oldest,
        hide_index=True,
        width="stretch",
        key="oldest-open",
        column_config={
            "created_at": st.column_config.DatetimeColumn("created", format="YYYY-MM-DD HH:mm"),
            "age_days": st.column_config.NumberColumn("age (days)", format="%.1f"),
        },
    )
    downloads.csv_button(
        "Download (CSV)", oldest, f"oldest-open-{view.label}.csv", "download-oldest"
    )
