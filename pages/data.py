"""Admin · Data: upload exports, see what they were read as, preview, load; the load log and
every quarantined row with its reasons."""

import plotly.graph_objects as go
import streamlit as st

from scorecard.app import downloads, filters, signin, state, uploads, views
from scorecard.ingest.adapters import SOURCES
from scorecard.ingest.kinds import KINDS

signin.require("data")

filters.current()  # the sidebar and filters, as on every page
version = state.version()

st.title("Data")
st.caption(
    "Upload exports here, or load them with `python -m scorecard ingest FILE…`. Every load is "
    "logged; rows that break a rule are kept in quarantine with the reason, never dropped."
)

# ------------------------------------------------------------------------- upload
st.subheader("Load exports")
for outcome in st.session_state.pop("upload-outcomes", []):
    (st.error if outcome.startswith("error:") else st.success)(outcome)
limit_mb = state.config().upload_limit_mb
files = st.file_uploader(
    "Export files (CSV, Parquet, JSON lines or a JSON array)",
    accept_multiple_files=True,
    key="upload-files",
    max_upload_size=limit_mb,
    help=f"Up to {limit_mb:,} MB per file (setting `uploads.limit_mb`). Load larger exports with "
    "`python -m scorecard ingest FILE…`, which has no limit and reports its progress.",
)
options = st.columns(4)
source = options[0].selectbox(
    "Format",
    ["detect", *SOURCES],
    key="upload-source",
    help="Detect recognises canonical files and Zendesk and Freshdesk exports by their columns.",
)
kind = options[1].selectbox(
    "Table", ["detect", *KINDS], key="upload-kind", help="For canonical files only."
)
timezone = options[2].text_input(
    "Time zone of times without an offset",
    value="UTC",
    key="upload-timezone",
    help="IANA name, e.g. Europe/Berlin (the account time zone of a Zendesk export).",
)
mapping = None
if source == "mapped":
    mapping = options[3].file_uploader("Mapping file (TOML or YAML)", key="upload-mapping")

for index, upload in enumerate(files or []):
    with st.container(border=True, key=f"upload-{index}"):
        st.markdown(f"**{views.plain(upload.name)}** · {upload.size:,} bytes")
        if upload.size > limit_mb * 1024 * 1024:
            # The browser refuses such files; this holds for any other client too.
            st.error(
                f"{views.plain(upload.name)} is {upload.size / 1024 / 1024:,.0f} MB, over the "
                f"upload limit of {limit_mb:,} MB: load it with `python -m scorecard ingest`."
            )
            continue
        request = uploads.Request(
            name=upload.name,
            data=upload.getvalue(),
            source=None if source == "detect" else source,
            kind=None if kind == "detect" else kind,
            timezone=timezone.strip() or "UTC",
            mapping_name=mapping.name if mapping else None,
            mapping=mapping.getvalue() if mapping else None,
        )
        preview = uploads.preview(request)
        if preview.error:
            st.error(preview.error)
            continue
        st.markdown(f"Read as **{views.plain(preview.detected)}**")
        for table in preview.tables:
            st.markdown(
                f"`{table.kind}`: {table.rows:,} rows, {table.quarantined:,} would be quarantined"
            )
            st.dataframe(
                table.sample, hide_index=True, width="stretch", key=f"preview-{index}-{table.kind}"
            )
        if preview.unreadable:
            st.warning(
                f"{preview.unreadable} records could not be split into fields; they will be "
                "quarantined."
            )
        if preview.ignored_columns:
            st.caption("Columns not used: " + views.plain(", ".join(preview.ignored_columns)))
        if st.button("Load this file", key=f"load-{index}", type="primary"):
            outcome = uploads.load(request, progress=st.progress(0.0, text="Loading…").progress)
            # Shown after the rerun, which brings every figure and table up to date.
            st.session_state["upload-outcomes"] = [outcome.summary()]
            st.rerun()

# ------------------------------------------------------------------------ history
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
downloads.csv_button("Download the load log (CSV)", log, "load_log.csv", "download-load-log")

st.subheader("Quarantine")
quarantine = state.table(version, "admin/quarantine_list")
if quarantine.empty:
    st.caption("Nothing quarantined.")
else:
    st.dataframe(quarantine, hide_index=True, width="stretch", key="quarantine")
    downloads.csv_button(
        "Download quarantined rows (CSV)", quarantine, "quarantine.csv", "download-quarantine"
    )
