"""Leadership · Published weeks: the frozen scorecard, what changed, and what moved since."""

from datetime import UTC

import pandas as pd
import streamlit as st

from scorecard import metrics
from scorecard.app import signin, state, views
from scorecard.weeks import week_label

signin.require("published")


def _fmt(metric_id: str, value: float | None) -> str:
    try:
        return metrics.get_metric(metric_id).format_value(value)
    except KeyError:
        return "—" if value is None else f"{value:,.2f}"


def _name(metric_id: str) -> str:
    try:
        return metrics.get_metric(metric_id).label
    except KeyError:
        return metric_id


version = state.version()
listing = state.published_list(version)

st.title("Published weeks")
if not listing:
    st.info(
        "Nothing is published yet. Publish a week from the **Weekly scorecard** page, or with "
        "`python -m scorecard publish --week 2026-W47 --by NAME` (see the README for a weekly "
        "schedule).",
        icon=":material/info:",
    )
    st.stop()

weeks = sorted({row["week"] for row in listing}, reverse=True)
labels = [week_label(week) for week in weeks]
left, right, _ = st.columns([1, 1, 2])
chosen_label = left.selectbox("Published week", labels, key="published-week", bind="query-params")
week = weeks[labels.index(chosen_label)] if chosen_label in labels else weeks[0]
revisions = [row for row in listing if row["week"] == week]  # newest first
revision = right.selectbox(
    "Revision",
    [row["revision"] for row in revisions],
    format_func=lambda r: f"{r} (latest)" if r == revisions[0]["revision"] else str(r),
    key="published-revision",
)
snapshot_id = next(row["snapshot_id"] for row in revisions if row["revision"] == revision)
shown = state.published_view(version, snapshot_id)
snapshot = shown["snapshot"]

published_at = snapshot["published_at"].astimezone(UTC).strftime("%d %b %Y %H:%M UTC")
st.caption(
    f"Revision {snapshot['revision']} of {len(revisions)} · published by "
    f"{views.plain(snapshot['published_by'])} on {published_at} · data fingerprint "
    f"`{snapshot['fingerprint'][:12]}` ({len(snapshot['loads'])} loads). "
    "Figures are frozen as published; new loads do not change them."
)
if not snapshot["intact"]:
    st.error("This revision's content does not match its seal: it was altered after publishing.")

drift = shown["drift"]
if drift is None:
    st.info(
        "Computed on Apache Spark from the lake's tables (listed under the loads of this "
        "revision); this database does not hold them, so there are no live figures to compare.",
        icon=":material/cloud:",
    )
elif drift:
    st.warning(
        f"**{len(drift)} live figure(s) have moved since publication** (late or corrected "
        "exports). The published values below stay as they were; the live ones are here:",
        icon=":material/sync_problem:",
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Metric": item["label"],
                    "Published": _fmt(item["id"], item["published_value"]),
                    "Live now": _fmt(item["id"], item["live_value"]),
                    "Status published": views.status_label(item["published_status"]),
                    "Status live": views.status_label(item["live_status"]),
                    "n published": item["published_n"],
                    "n live": item["live_n"],
                }
                for item in drift
            ]
        ),
        key="published-drift",
        hide_index=True,
    )
else:
    st.success("The live figures still equal the published ones.", icon=":material/check:")


changes = shown["changes"]
previous = shown["previous"]
rows = []
for entry in snapshot["metrics"]:
    change = changes[entry["id"]]
    metric = metrics.get_metric(entry["id"]) if entry["id"] in metrics.metric_ids() else None
    delta = change["delta"]
    rows.append(
        {
            "Metric": entry["label"] + ("" if entry["headline"] else " · secondary"),
            "Published": _fmt(entry["id"], entry["value"]),
            "Target": metric.format_target(entry["operator"], entry["target"]) if metric else "—",
            "Status": views.status_label(entry["status"]),
            "Change": "—"
            if delta is None or metric is None
            else views.change_text(metric, entry["value"], change["previous_value"]),
            "Status before": views.status_label(change["previous_status"])
            if change["previous_status"]
            else "—",
            "Owner": entry["owner"] or "—",
            "n": entry["n"],
            "Open notes": sum(1 for note in entry["notes"] if note["status"] != "done"),
        }
    )
table = pd.DataFrame(rows)
st.subheader(
    f"Scorecard {snapshot['week_label']}"
    + (f" · change against {previous['week_label']}" if previous else "")
)
st.dataframe(
    views.styled_scorecard(table),
    key="published-table",
    hide_index=True,
    width="stretch",
    height=36 + 35 * len(table) + 4,
)

status_changed = [e for e in snapshot["metrics"] if changes[e["id"]]["status_changed"]]
first, second = st.columns(2)
with first.container(border=True, key="published-status-changes"):
    st.markdown("**Changed status**")
    if not previous:
        st.caption("No earlier published week to compare with.")
    elif not status_changed:
        st.caption(f"No metric changed status since {previous['week_label']}.")
    for entry in status_changed:
        before = views.status_label(changes[entry["id"]]["previous_status"])
        st.markdown(
            f"- {views.plain(entry['label'])}: {before} → **{views.status_label(entry['status'])}**"
        )
with second.container(border=True, key="published-movers"):
    st.markdown("**Biggest movers** (as a share of the target)")
    if not shown["movers"]:
        st.caption("Nothing to compare yet.")
    by_id = {entry["id"]: entry for entry in snapshot["metrics"]}
    for metric_id in shown["movers"]:
        entry, change = by_id[metric_id], changes[metric_id]
        word = {True: "better", False: "worse", None: ""}[change["better"]]
        st.markdown(
            f"- {views.plain(entry['label'])}: {_fmt(metric_id, change['previous_value'])} → "
            f"**{_fmt(metric_id, entry['value'])}** ({abs(change['relative']):.0%} of target, "
            f"{word})"
        )

st.subheader("Open notes and their owners")
open_notes = shown["open_notes"]
if not open_notes:
    st.caption("No open notes at publication.")
else:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Metric": note["label"],
                    "Owner": note["owner"] or "—",
                    "Status": note["status"],
                    "Note": note["text"],
                    "Written by": note["author"],
                }
                for note in open_notes
            ]
        ),
        key="published-open-notes",
        hide_index=True,
        width="stretch",
    )

st.subheader(f"Revisions of {snapshot['week_label']}")
st.dataframe(
    pd.DataFrame(
        [
            {
                "Revision": rev["revision"],
                "Published by": rev["published_by"],
                "Published at (UTC)": rev["published_at"]
                .astimezone(UTC)
                .strftime("%Y-%m-%d %H:%M"),
                "Data fingerprint": rev["fingerprint"],
                "Changed against the revision before": (
                    ", ".join(_name(m) for m in rev["changed"]) or "nothing"
                )
                if rev["revision"] > 1
                else "—",
                "Sealed": "intact" if rev["intact"] else "ALTERED",
            }
            for rev in reversed(shown["revisions"])
        ]
    ),
    key="published-revisions",
    hide_index=True,
    width="stretch",
)


name = f"scorecard-{snapshot['week_label']}-rev{snapshot['revision']}"
columns = st.columns([1, 1, 1, 2])
for column, (label, data, extension, mime) in zip(
    columns,
    [
        ("HTML (offline)", shown["html"], "html", "text/html"),
        ("CSV", shown["csv"], "csv", "text/csv"),
        ("Markdown", shown["markdown"], "md", "text/markdown"),
    ],
    strict=False,
):
    column.download_button(
        f"Download {label}",
        data,
        file_name=f"{name}.{extension}",
        mime=mime,
        key=f"published-download-{extension}",
        icon=":material/download:",
    )
