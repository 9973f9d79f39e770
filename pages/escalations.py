"""Support ops · Escalations: what closes on Floor 1, and how fast do Floors 2 and 3 act?"""

import plotly.graph_objects as go
import streamlit as st

from scorecard import charts
from scorecard.app import filters, signin, state, views

signin.require("escalations")

FLOOR_COLOURS = {1: "#1f4e79", 2: "#ef6c00", 3: "#c62828"}

view = filters.current()
by_team = views.page_header(
    "Escalations",
    "How much is solved on Floor 1, how much goes to the specialists (Floor 2) and to "
    "Risk & Compliance (Floor 3), and how fast do they take over and decide?",
    view,
)

# ------------------------------------------------------------------------ funnel
st.subheader("Where solved tickets ended, per week")
funnel = views.page_table(view, "floor_funnel")
if funnel.empty:
    st.caption("No floor information is loaded (tickets' floor or escalations).")
else:
    figure = go.Figure(
        [
            go.Bar(
                name=f"Floor {floor}",
                x=part["week"],
                y=part["share"],
                marker_color=FLOOR_COLOURS[floor],
                customdata=part["tickets"],
                hovertemplate="%{y:.1f} % (%{customdata} tickets)<extra>Floor "
                + str(floor)
                + "</extra>",
            )
            for floor, part in funnel.groupby("floor")
        ]
    )
    figure.update_layout(
        barmode="stack",
        height=300,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        plot_bgcolor="white",
        yaxis={"title": "% of solved tickets", "range": [0, 100]},
        xaxis={"tickformat": "%d %b"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    st.plotly_chart(figure, key="floor-funnel", config={"displayModeBar": False})

page_metrics = ("floor1_resolution", "time_to_specialist", "floor3_decision_time")
frame = views.trend_frame(view, page_metrics, by_team)
for metric_id in page_metrics:
    views.metric_section(metric_id, view, by_team=by_team, frame=frame)

# -------------------------------------------------------------- Floor 1 FRT
goal = state.config().floor1_frt_goal_minutes
st.subheader(f"First response on Floor 1 against its {goal:g}-minute goal")
frt = views.page_table(view, "floor1_frt")
if frt.empty:
    st.caption("No Floor 1 ticket was answered in these weeks.")
else:
    figure = go.Figure(
        [
            go.Scatter(
                x=frt["week"],
                y=frt["median"],
                name="median",
                mode="lines+markers",
                line={"color": charts.VALUE_COLOUR},
            ),
            go.Scatter(
                x=frt["week"],
                y=frt["p90"],
                name="p90",
                mode="lines",
                line={"color": charts.VALUE_COLOUR, "dash": "dot", "width": 1},
            ),
            go.Scatter(
                x=frt["week"],
                y=[goal] * len(frt),
                name=f"goal ({goal:g} min)",
                mode="lines",
                line={"color": charts.TARGET_COLOUR, "dash": "dash"},
            ),
        ]
    )
    long_tail = frt["p90"].max() > 8 * max(frt["median"].max(), goal)
    figure.update_layout(
        height=300,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        plot_bgcolor="white",
        yaxis={
            "title": "minutes" + (", log scale" if long_tail else ""),
            "type": "log" if long_tail else None,
        },
        xaxis={"tickformat": "%d %b"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    st.plotly_chart(figure, key="floor1-frt", config={"displayModeBar": False})

# -------------------------------------------------------- waiting escalations
st.subheader(f"Escalations still waiting at the end of {view.label}")
waiting = views.page_table(view, "escalations_waiting")
if waiting.empty:
    st.caption("Nothing is waiting.")
else:
    st.dataframe(
        waiting.assign(hours_waiting=waiting["minutes_waiting"] / 60).drop(
            columns="minutes_waiting"
        ),
        hide_index=True,
        width="stretch",
        key="escalations-waiting",
        column_config={
            "escalated_at": st.column_config.DatetimeColumn("escalated", format="YYYY-MM-DD HH:mm"),
            "hours_waiting": st.column_config.NumberColumn("waiting (h)", format="%.1f"),
        },
    )
