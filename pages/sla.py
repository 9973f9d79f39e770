"""Support ops · SLA & response: are we meeting SLAs, how fast do customers hear back?"""

import plotly.express as px
import streamlit as st

from scorecard import charts, metrics
from scorecard.app import downloads, filters, signin, views
from scorecard.weeks import week_label

signin.require("sla")

view = filters.current()
by_team = views.page_header(
    "SLA & response",
    "Are we meeting our SLAs? How fast do customers hear back and get a solution, and where do "
    "tickets breach?",
    view,
)

clock = (
    st.segmented_control(
        "Clock for response and resolution times",
        ["calendar", "business"],
        default="calendar",
        key="sla-clock",
        help="Business: the opening hours of each team's calendar (data/calendars.toml), or the "
        "business minutes the helpdesk exported. Targets and statuses are on the calendar clock.",
    )
    or "calendar"
)

PAGE_METRICS = ("frt", "resolution_time", "sla_adherence", "resolved_24h", "fcr")
frame = views.trend_frame(view, PAGE_METRICS, by_team)  # one query for every section below

# ---------------------------------------------------------- response and resolution
for metric_id in ("frt", "resolution_time"):
    measure = metric_id
    if clock == "calendar":
        views.metric_section(metric_id, view, by_team=by_team, p90_band=True, frame=frame)
    else:
        metric = metrics.get_metric(metric_id)
        st.subheader(f"{metric.label} — business clock", anchor=f"{metric_id}-business")
        trend = views.page_table(view, "response_trend")
        rows = (
            trend[(trend["measure"] == measure) & (trend["clock"] == "business")]
            if not trend.empty
            else trend
        )
        series = [
            {
                "week": r["week"],
                "week_label": week_label(r["week"]),
                "value": r["median"],
                "operator": None,
                "target": None,
                "status": "no_target",
            }
            for r in rows.to_dict("records")
        ]
        if series:
            figure = charts.trend_figure(
                metric, series, band=[r["p90"] for r in rows.to_dict("records")]
            )
            st.plotly_chart(
                figure, key=f"chart-{metric_id}-business", config={"displayModeBar": False}
            )
            st.caption(
                "Median with the p90 band, in business time. "
                "The target is set on the calendar clock."
            )
        else:
            st.info("No business-clock figures for these weeks.")
    st.divider()

# ---------------------------------------------------------- distributions this week
st.subheader(f"Distributions in {view.label}")
histogram = views.page_table(view, "response_histogram")
left, right = st.columns(2)
for holder, measure, label in (
    (left, "frt", "First response"),
    (right, "resolution_time", "Resolution"),
):
    chosen = histogram[(histogram["measure"] == measure) & (histogram["clock"] == clock)]
    with holder:
        if chosen.empty or chosen["tickets"].sum() == 0:
            st.caption(f"{label}: nothing in this week.")
            continue
        figure = px.bar(
            chosen,
            x="bucket",
            y="tickets",
            color_discrete_sequence=[charts.VALUE_COLOUR],
            labels={"bucket": f"{label} ({clock} clock)"},
            title=label,
        )
        figure.update_layout(
            height=260, margin={"l": 10, "r": 10, "t": 40, "b": 10}, plot_bgcolor="white"
        )
        st.plotly_chart(figure, key=f"histogram-{measure}", config={"displayModeBar": False})
st.download_button(
    "Download this week's response and resolution times (CSV)",
    data=lambda: downloads.as_csv(views.page_table(view, "response_times")),
    file_name=f"response-times-{view.label}.csv",
    mime="text/csv",
    key="download-response-times",
    icon=":material/download:",
)

# ------------------------------------------------------------------------ breakdown
st.subheader(f"By priority, channel and team in {view.label}")
breakdown = views.page_table(view, "sla_breakdown")
if breakdown.empty:
    st.caption("Nothing decided in this week.")
else:
    tabs = st.tabs(["Priority", "Channel", "Team"])
    for tab, dimension in zip(tabs, ("priority", "channel", "team"), strict=True):
        part = breakdown[breakdown["dimension"] == dimension].drop(columns="dimension")
        tab.dataframe(
            part.rename(columns={"value": dimension.title()}),
            hide_index=True,
            width="stretch",
            key=f"breakdown-{dimension}",
            column_config={
                "frt_median": st.column_config.NumberColumn("FRT median (min)", format="%.1f"),
                "frt_n": st.column_config.NumberColumn("answered"),
                "resolution_median": st.column_config.NumberColumn(
                    "Resolution median (h)", format="%.1f"
                ),
                "resolution_n": st.column_config.NumberColumn("solved"),
                "sla_met": st.column_config.NumberColumn("SLA met"),
                "sla_decided": st.column_config.NumberColumn("SLA decided"),
                "sla_adherence": st.column_config.NumberColumn("SLA adherence (%)", format="%.1f"),
            },
        )

# ---------------------------------------------------------------------- SLA targets
views.metric_section("sla_adherence", view, by_team=by_team, frame=frame)
matrix = views.page_table(view, "sla_matrix")
if not matrix.empty:
    st.markdown(f"**Targets met of decided in {view.label}, by priority and target type**")
    table = matrix.pivot_table(
        index="priority",
        columns="target_type",
        values=["met", "decided"],
        aggfunc="sum",
        sort=False,
    )
    shown = {}
    for target_type in ("first_response", "resolution"):
        if ("met", target_type) in table.columns:
            met, decided = table[("met", target_type)], table[("decided", target_type)]
            shown[target_type.replace("_", " ")] = [
                "—" if d != d or d == 0 else f"{int(m)} of {int(d)} ({100 * m / d:.1f} %)"
                for m, d in zip(met, decided, strict=True)
            ]
    st.dataframe({"priority": list(table.index), **shown}, hide_index=True, key="sla-matrix")

views.metric_section("resolved_24h", view, by_team=by_team, frame=frame)
views.metric_section("fcr", view, by_team=by_team, frame=frame)

# ------------------------------------------------------------------ breached tickets
st.subheader(f"Breached targets in {view.label}")
breaches = views.page_table(view, "sla_breaches")
BREACH_ROWS = 1_000  # a table longer than this is read by download, not by scrolling


def readable(frame):
    return frame.assign(
        hours_late=frame["minutes_late"] / 60,
        state=frame["fulfilled"].map(
            {True: "fulfilled late", False: "still unfulfilled at the week's end"}
        ),
    ).drop(columns=["minutes_late", "fulfilled"])


if breaches.empty:
    st.caption("No target was missed in this week.")
else:
    if len(breaches) > BREACH_ROWS:
        st.caption(
            f"The {BREACH_ROWS:,} latest of {len(breaches):,} breached targets (the most overdue "
            "first); the download holds them all."
        )
    st.dataframe(
        readable(breaches.head(BREACH_ROWS)),
        hide_index=True,
        width="stretch",
        key="sla-breaches",
        column_config={
            "target_minutes": st.column_config.NumberColumn("target (min)"),
            "deadline": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
            "fulfilled_at": st.column_config.DatetimeColumn("fulfilled", format="YYYY-MM-DD HH:mm"),
            "hours_late": st.column_config.NumberColumn("how late (h)", format="%.1f"),
        },
    )
    st.download_button(
        "Download breached targets (CSV)",
        data=lambda: downloads.as_csv(readable(breaches)),
        file_name=f"breaches-{view.label}.csv",
        mime="text/csv",
        key="download-breaches",
        icon=":material/download:",
    )
