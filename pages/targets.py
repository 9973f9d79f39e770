"""Admin · Targets & owners: revise a target or an owner from a date on."""

from datetime import timedelta

import streamlit as st

from scorecard import admin, metrics
from scorecard.app import filters, signin, state, views

visitor = signin.require("targets")

view = filters.current()
version = state.version()

st.title("Targets & owners")
st.caption(views.week_caption(view))
st.markdown(
    "A week is judged against the target in force on its Monday, and shows the owner in "
    "force then. A change applies from the date you give; earlier weeks keep what they had."
)

frame = state.scorecard_frame(version, view.week, view.week, *view.filter_args)
in_force = [
    {
        "Metric": metric.label,
        "Target": metric.format_target(row["operator"], row["target"]),
        "Owner": row["owner"] or "—",
        "Direction": f"{metric.direction} is better",
    }
    for metric in metrics.all_metrics()
    for row in views.company_rows(frame, metric.id)
]
st.subheader(f"In force in {view.label}")
st.dataframe(
    in_force,
    hide_index=True,
    width="stretch",
    key="targets-in-force",
    height=36 + 35 * len(in_force) + 4,
)

next_monday = view.week + timedelta(weeks=1)
current = {row["metric_id"]: row for row in frame.to_dict("records") if row["team"] is None}
left, right = st.columns(2)
with left:
    st.markdown("**Change a target**")
    metric = st.selectbox(
        "Metric", metrics.all_metrics(), format_func=lambda m: m.label, key="target-metric"
    )
    now = current.get(metric.id, {})
with left, st.form("set-target", clear_on_submit=False):
    operators = ("<", "<=", ">", ">=")
    operator = st.selectbox(
        "Operator",
        operators,
        index=operators.index(now["operator"] if now.get("operator") else metric.operator),
        key=f"target-operator-{metric.id}",
    )
    target = st.number_input(
        "Target",
        value=float(metric.target if now.get("target") is None else now["target"]),
        key=f"target-value-{metric.id}",
    )
    effective = st.date_input("In force from", value=next_monday, key="target-from")
    if st.form_submit_button("Save target"):
        views.signed_write(
            admin.set_target,
            metric.id,
            operator,
            target,
            effective,
            author_arg="set_by",
            allowed=visitor.may_open("targets"),
            done=f"{metric.label}: {operator} {target:g} from {effective:%d %b %Y}",
        )

with right:
    st.markdown("**Change an owner**")
    owned = st.selectbox(
        "Metric", metrics.all_metrics(), format_func=lambda m: m.label, key="owner-metric"
    )
with right, st.form("set-owner", clear_on_submit=True):
    owner = st.text_input("New owner", key="owner-name")
    since = st.date_input("Owner from", value=next_monday, key="owner-from")
    if st.form_submit_button("Save owner"):
        views.signed_write(
            admin.set_owner,
            owned.id,
            owner,
            since,
            author_arg="set_by",
            allowed=visitor.may_open("targets"),
            done=f"{owned.label}: owner from {since:%d %b %Y}",
        )

st.subheader("Target steps")
chosen = st.selectbox(
    "Show the trend of",
    metrics.all_metrics(),
    format_func=lambda m: m.label,
    key="targets-chart-metric",
)
views.metric_section(chosen.id, view)

st.subheader("History")
history_left, history_right = st.columns(2)
history_left.dataframe(
    state.table(version, "admin/target_history"), hide_index=True, key="target-history"
)
history_right.dataframe(
    state.table(version, "admin/owner_history"), hide_index=True, key="owner-history"
)
