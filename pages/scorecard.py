"""Leadership · Weekly scorecard: every metric against its target, with owners and notes."""

import functools

import streamlit as st

from scorecard import metrics
from scorecard.app import filters, signin, state, views

visitor = signin.require("scorecard")

view = filters.current()
version = state.version()
frame = state.scorecard_frame(version, view.trend_start(), view.week, *view.filter_args)
series = views.company_series(frame)

st.title("Weekly scorecard")
st.caption(views.week_caption(view))

headline = [m for m in metrics.all_metrics() if m.headline]
for start in range(0, len(headline), 4):
    columns = st.columns(4)
    for column, metric in zip(columns, headline[start : start + 4], strict=False):
        rows = {row["week"]: row for row in series.get(metric.id, [])}
        current, previous = rows.get(view.week), rows.get(view.previous_week)
        if current is None:
            continue
        trend = [row["value"] for week, row in sorted(rows.items()) if row["value"] is not None]
        change = views.change_text(metric, current["value"], previous and previous["value"])
        with column.container(border=True, key=f"tile-{metric.id}"):
            st.metric(
                metric.label,
                metric.format_value(current["value"]),
                delta=None if change == "—" else change,
                delta_color=views.delta_colour(metric),
                delta_arrow="off" if change == "no change" else "auto",
                help=f"{metric.definition} The change is against the previous week.",
                chart_data=trend or None,
            )
            views.status_badge(
                current["status"],
                f" · target {metric.format_target(current['operator'], current['target'])}",
            )
            if visitor.may_open(metric.page):
                st.page_link(
                    views.PAGE_FILES[metric.page],
                    label="Explained here",
                    icon=":material/arrow_forward:",
                )

# A metric links to its page only when every page is open to the visitor: a link to a page
# of another role would end in a refusal.
linked = all(visitor.may_open(metric.page) for metric in metrics.all_metrics())
table = views.scorecard_table(frame, view, linked=linked, series=series)
st.dataframe(
    views.styled_scorecard(table),
    key="scorecard-table",
    hide_index=True,
    width="stretch",
    row_height=70,  # above 4rem the grid wraps long text instead of cutting it off
    height=36 + 70 * len(table) + 4,  # every metric visible without scrolling
    column_config={
        "Metric": st.column_config.LinkColumn(
            width=185, display_text=r"#(.+)$", help="Opens the page that explains the metric"
        )
        if linked
        else st.column_config.TextColumn(width=185),
        "Definition": st.column_config.TextColumn(width=165),
        "Target": st.column_config.TextColumn(width=70),
        "Current": st.column_config.TextColumn(width=75),
        "Status": st.column_config.TextColumn(width=80),
        "Change": st.column_config.TextColumn(help="Against the previous week", width=115),
        "Last 12 weeks": st.column_config.LineChartColumn(width=95),
        "Owner": st.column_config.TextColumn(width=95),
        "Notes": st.column_config.TextColumn(width=130),
    },
)

# Written when a button is pressed, not on every first view of a week or filter.
exports = functools.partial(state.report_exports, version, view.week, *view.filter_args)
left, right, _ = st.columns([1, 1, 2])
left.download_button(
    "Download CSV",
    lambda: exports()[0],
    file_name=f"scorecard-{view.label}.csv",
    mime="text/csv",
    key="download-csv",
    icon=":material/download:",
)
right.download_button(
    "Download Markdown",
    lambda: exports()[1],
    file_name=f"scorecard-{view.label}.md",
    mime="text/markdown",
    key="download-markdown",
    icon=":material/download:",
)

st.subheader("Owners' notes")
noted = [
    (metric, row)
    for metric in metrics.all_metrics()
    for row in series.get(metric.id, [])
    if row["week"] == view.week and row["notes"]
]
if not noted:
    st.caption("No notes on this week yet.")
for metric, row in noted:
    st.markdown(f"**{metric.label}**")
    for note in row["notes"]:
        views.note_card(note, metric)

writable = [metric for metric in metrics.all_metrics() if views.may_write_notes(metric)]
if writable:
    with st.expander("Add a note", expanded=False):
        chosen = st.selectbox(
            "Metric",
            writable,
            format_func=lambda m: m.label,
            key="scorecard-note-metric",
        )
        views.add_note_form(chosen, view)

if visitor.may_publish:
    with st.expander(f"Publish {view.label} for leadership", expanded=False):
        published = [row for row in state.published_list(version) if row["week"] == view.week]
        st.markdown(
            "Freezes every metric's value, target, status, owner, notes and `n` of "
            f"**{view.label}** for the whole company (filters do not apply), signed with "
            f"{'your sign-in' if visitor.signed_in else 'your name'}. Publishing again adds a "
            "revision; earlier ones stay as they were."
        )
        if published:
            st.caption(
                f"Already published: revision {published[0]['revision']} by "
                f"{views.plain(published[0]['published_by'])}."
            )
        if st.button(f"Publish {view.label}", key="publish-week", icon=":material/publish:"):
            author = signin.author(signin.current_visitor())
            if not author:
                st.error("Enter your name in the sidebar first: a publication carries its author.")
            else:
                done = state.publish(view.week, author)
                st.toast(f"Published {done.week}, revision {done.revision}")
                st.switch_page("pages/published.py", query_params={"published-week": done.week})
