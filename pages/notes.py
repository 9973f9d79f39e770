"""Admin · Notes: every owner's note, with its history; edit, change status or delete."""

import streamlit as st

from scorecard import metrics
from scorecard.app import filters, signin, state, views

signin.require("notes")

view = filters.current()
version = state.version()

st.title("Notes")
st.caption("Every note on every metric and week. Deleting hides a note; its history is kept.")

notes = state.table(version, "admin/notes_list")
labels = {m.id: m.label for m in metrics.all_metrics()}
cols = st.columns(3)
chosen_metrics = cols[0].multiselect(
    "Metric", list(labels), format_func=labels.get, key="notes-metric", placeholder="All metrics"
)
statuses = cols[1].multiselect(
    "Status", ["open", "in progress", "done"], key="notes-status", placeholder="Any status"
)
show_deleted = cols[2].toggle("Show deleted notes", key="notes-deleted")

shown = notes
if chosen_metrics:
    shown = shown[shown["metric_id"].isin(chosen_metrics)]
if statuses:
    shown = shown[shown["status"].isin(statuses)]
if not show_deleted:
    shown = shown[shown["deleted_at"].isna()]

st.metric("Notes shown", len(shown))
table = shown.assign(metric=shown["metric_id"].map(labels))[
    [
        "note_id",
        "metric",
        "week",
        "team",
        "owner",
        "status",
        "text",
        "author",
        "created_at",
        "edited_at",
        "deleted_at",
        "versions",
    ]
]
st.dataframe(table, hide_index=True, width="stretch", key="notes-table")

if not shown.empty:
    st.subheader("Edit a note")
    note_id = st.selectbox(
        "Note",
        shown["note_id"].tolist(),
        format_func=lambda i: f"#{i} · {labels[shown.set_index('note_id').loc[i, 'metric_id']]}",
        key="notes-edit-id",
    )
    note = shown.set_index("note_id").loc[note_id].to_dict() | {"note_id": note_id}
    views.note_card(
        note,
        metrics.get_metric(note["metric_id"]) if note["metric_id"] in labels else None,
        editable=note["deleted_at"] is None or str(note["deleted_at"]) == "NaT",
    )
    history = state.table(version, "admin/note_history_list")
    st.dataframe(history[history["note_id"] == note_id], hide_index=True, key="notes-history")
