"""Building blocks the pages share: status labels, metric sections with trend and notes.

Pages only lay out; figures come from state (SQL), charts from scorecard.charts.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from .. import admin, charts, metrics, page_queries
from ..access import ADMIN, ROLE_LABELS
from ..metrics import Metric
from ..report import STATUS_WORDS
from ..weeks import week_label
from . import figures, signin, state
from .filters import View

STATUS_LABELS = STATUS_WORDS
STATUS_ICONS = {
    "met": ":material/check_circle:",
    "near": ":material/error:",
    "missed": ":material/cancel:",
    "no_data": ":material/remove:",
    "suppressed": ":material/lock:",
    "no_target": ":material/remove:",
}
# Cell colours for the status column: the word is always there too.
STATUS_CELL_STYLES = {
    "met": "background-color: #dff3e4; color: #14532d",
    "near": "background-color: #fdf0d5; color: #7a4b00",
    "missed": "background-color: #fbe0e0; color: #8b1a1a",
    "no data": "color: #666666",
    "suppressed": "color: #555555; font-style: italic",
    "no target": "color: #666666",
}
BADGE_COLOURS = {
    "met": "green",
    "near": "orange",
    "missed": "red",
    "no_data": "gray",
    "suppressed": "gray",
    "no_target": "gray",
}
TREND_WEEKS = page_queries.TREND_WEEKS

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def plain(text: str | None) -> str:
    """User text made inert for st.markdown: every ASCII punctuation mark is escaped, so no
    link, HTML, emphasis, LaTeX or colour directive survives; line breaks are kept."""
    if not text:
        return ""
    lines = [_PUNCTUATION.sub(r"\\\1", line) for line in text.splitlines()]
    return "  \n".join(lines)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def change_text(metric: Metric, now: float | None, before: float | None) -> str:
    """Change against the previous week, with a word saying whether it is better."""
    if now is None or before is None or _nan(now) or _nan(before):
        return "—"
    delta = now - before
    if metric.format_value(abs(delta)) == metric.format_value(0.0):
        return "no change"
    better = (delta > 0) == (metric.direction == "higher")
    # A plain "-" so Streamlit's delta arrow points the right way.
    sign = "+" if delta > 0 else "-"
    amount = metric.format_value(abs(delta))
    return f"{sign}{amount} ({'better' if better else 'worse'})"


def delta_colour(metric: Metric) -> str:
    """st.metric colours a rise green; for lower-is-better metrics a fall is the good news."""
    return "normal" if metric.direction == "higher" else "inverse"


def status_badge(status: str, suffix: str = "") -> None:
    st.badge(
        STATUS_LABELS.get(status, status) + suffix,
        icon=STATUS_ICONS.get(status),
        color=BADGE_COLOURS.get(status, "gray"),
    )


def styled_scorecard(table: pd.DataFrame):
    """The scorecard table with its status cells coloured (the word stays in the cell)."""
    return table.style.map(lambda word: STATUS_CELL_STYLES.get(word, ""), subset=["Status"])


def _nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def value_or_none(value: Any) -> float | None:
    if value is None or _nan(value):
        return None
    return float(value)


def company_rows(frame: pd.DataFrame, metric_id: str) -> list[dict[str, Any]]:
    """The company (or team-selection) series of one metric, oldest week first."""
    if frame.empty:
        return []
    chosen = frame[(frame["metric_id"] == metric_id) & frame["team"].isna()].sort_values("week")
    return [_clean(row) for row in chosen.to_dict("records")]


def company_series(frame: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """company_rows of every metric in the frame, in one pass (a page showing every metric
    would otherwise filter and convert the frame once per metric, more than once)."""
    if frame.empty:
        return {}
    chosen = frame[frame["team"].isna()].sort_values(["metric_id", "week"])
    series: dict[str, list[dict[str, Any]]] = {}
    for row in chosen.to_dict("records"):
        series.setdefault(row["metric_id"], []).append(_clean(row))
    return series


def team_rows(frame: pd.DataFrame, metric_id: str) -> dict[str, list[dict[str, Any]]]:
    if frame.empty:
        return {}
    chosen = frame[(frame["metric_id"] == metric_id) & frame["team"].notna()].sort_values("week")
    return {
        team: [_clean(row) for row in rows.to_dict("records")]
        for team, rows in chosen.groupby("team", sort=True)
    }


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["value"] = value_or_none(row.get("value"))
    row["target"] = value_or_none(row.get("target"))
    week = row["week"]
    row["week"] = week.date() if hasattr(week, "date") else week
    return row


def notes_of(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The notes attached to a series, each with its week."""
    found = []
    for row in rows:
        for note in row.get("notes") or []:
            found.append({**note, "week": row["week"]})
    return found


def trend_frame(view: View, metric_ids: tuple[str, ...], by_team: bool = False) -> pd.DataFrame:
    first = view.week - timedelta(weeks=TREND_WEEKS - 1)
    return state.scorecard_frame(
        state.version(), first, view.week, *view.filter_args, by_team, metric_ids
    )


def metric_section(
    metric_id: str,
    view: View,
    by_team: bool = False,
    p90_band: bool = False,
    frame: pd.DataFrame | None = None,
) -> None:
    """One metric: current figure against target, its trend, and its notes. `frame` may hold
    the trend rows of several metrics, fetched once for the page."""
    metric = metrics.get_metric(metric_id)
    if frame is None:
        frame = trend_frame(view, (metric_id,), by_team)
    series = company_rows(frame, metric_id)
    current = next((row for row in series if row["week"] == view.week), None)
    previous = next((row for row in series if row["week"] == view.previous_week), None)

    st.subheader(metric.label, anchor=metric.id)
    st.caption(metric.definition)
    if current:
        cols = st.columns([1.2, 1, 1, 1])
        change = change_text(metric, current["value"], previous and previous["value"])
        cols[0].metric(
            f"{view.label}",
            metric.format_value(current["value"]),
            delta=None if change == "—" else change,
            delta_color="off" if change == "no change" else delta_colour(metric),
            delta_arrow="off" if change == "no change" else "auto",
            delta_description="vs previous week",
            help=f"n = {current['n']} {metric.n_counts}" if current["n"] is not None else None,
        )
        cols[1].metric("Target", metric.format_target(current["operator"], current["target"]))
        with cols[2]:
            st.markdown("**Status**")
            status_badge(current["status"])
        with cols[3]:
            st.markdown("**Owner**")
            st.markdown(plain(current["owner"] or "—"))
    teams = team_rows(frame, metric_id) if by_team else None
    visible_teams = {
        team: rows
        for team, rows in (teams or {}).items()
        if any(r["value"] is not None for r in rows)
    }
    band = [(row.get("detail") or {}).get("p90") for row in series] if p90_band else None
    figure = figures.cached(
        charts.trend_figure, metric, series, notes_of(series), visible_teams or None, band=band
    )
    st.plotly_chart(figure, key=f"chart-{metric_id}", config={"displayModeBar": False})
    notes_panel(metric, view, current["notes"] if current else [])


def notes_panel(metric: Metric, view: View, notes: list[dict[str, Any]]) -> None:
    """The notes on a metric for the week, with a form to add one for those who may."""
    label = f"Notes on {metric.label} · {view.label} ({len(notes)})"
    with st.expander(label, expanded=bool(notes)):
        for note in notes:
            note_card(note, metric)
        add_note_form(metric, view)


def may_write_notes(metric: Metric | None) -> bool:
    """Notes on a metric are written by its owner role or an admin (any note: an admin)."""
    visitor = signin.current_visitor()
    if metric is None:
        return ADMIN in visitor.roles
    return visitor.may_write_notes(metric.owner_role)


def note_card(note: dict[str, Any], metric: Metric | None, editable: bool = True) -> None:
    with st.container(border=True):
        owner = note.get("owner") or "—"
        st.markdown(
            f"**{plain(owner)}** · {plain(note['status'])} · by {plain(note['author'])}"
            f" · {note['created_at']:%d %b %Y %H:%M}"
        )
        st.markdown(plain(note["text"]))
        if editable and may_write_notes(metric):
            edit_note_controls(note, metric)


def edit_note_controls(note: dict[str, Any], metric: Metric | None) -> None:
    note_id = note["note_id"]
    with st.popover("Edit", icon=":material/edit:"):
        with st.form(key=f"edit-note-{note_id}", border=False):
            text = st.text_area("Text", value=note["text"], key=f"edit-text-{note_id}")
            status = st.selectbox(
                "Status",
                admin.NOTE_STATUSES,
                index=admin.NOTE_STATUSES.index(note["status"]),
                key=f"edit-status-{note_id}",
            )
            owner = st.text_input(
                "Owner", value=note.get("owner") or "", key=f"edit-owner-{note_id}"
            )
            save = st.form_submit_button("Save")
            delete = st.form_submit_button("Delete note")
        if save or delete:
            signed_write(
                admin.change_note,
                note_id,
                author_arg="changed_by",
                done="Note deleted" if delete else "Note saved",
                allowed=may_write_notes(metric),
                text=None if delete else text,
                status=None if delete else status,
                owner=None if delete or not owner.strip() else owner.strip(),
                deleted=delete,
            )


def add_note_form(metric: Metric, view: View) -> None:
    if not may_write_notes(metric):
        st.caption(
            f"Notes on {metric.label} are written by "
            f"{ROLE_LABELS[metric.owner_role].lower()} and admins."
        )
        return
    team = view.note_team
    scope = f"team {team}" if team else "the company"
    with st.form(key=f"add-note-{metric.id}", clear_on_submit=True):
        st.markdown(f"**Add a note** for {view.label}, {plain(scope)}")
        text = st.text_area(
            "Note",
            key=f"note-text-{metric.id}",
            placeholder="What is happening, and what is being done?",
        )
        cols = st.columns(2)
        owner = cols[0].text_input("Owner", key=f"note-owner-{metric.id}", placeholder=metric.owner)
        status = cols[1].selectbox("Status", admin.NOTE_STATUSES, key=f"note-status-{metric.id}")
        submitted = st.form_submit_button("Add note")
    if submitted:
        signed_write(
            admin.add_note,
            metric.id,
            view.week,
            text,
            author_arg="author",
            done="Note added",
            allowed=may_write_notes(metric),
            owner=owner.strip() or metric.owner,
            team=team,
            status=status,
        )


def signed_write(action, *args, author_arg: str, done: str, allowed: bool, **kwargs) -> None:
    """Run a change signed by whoever makes it — the signed-in identity, or in local mode the
    name typed in the sidebar — when their role allows it; say what went wrong, if anything."""
    if not allowed:
        st.error("Your role may not make this change.")
        return
    author = signin.author(signin.current_visitor())
    if not author:
        st.error("Enter your name in the sidebar first: changes carry their author.")
        return
    try:
        state.write(action, *args, **{author_arg: author}, **kwargs)
    except admin.AdminError as exc:
        st.error(str(exc))
    else:
        st.toast(done)
        st.rerun()


def weeks_between(first: date, last: date) -> list[date]:
    weeks, monday = [], first
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(weeks=1)
    return weeks


def week_caption(view: View) -> str:
    dates = view.dates(state.config().reporting_timezone)
    return f"{week_label(view.week)} · {dates} · {view.describe()}"


PAGE_FILES = {
    "sla": "pages/sla.py",
    "backlog": "pages/backlog.py",
    "escalations": "pages/escalations.py",
    "quality": "pages/quality.py",
    "morale": "pages/morale.py",
    "turnover": "pages/turnover.py",
}


def page_link(metric: Metric, view: View) -> str:
    """A relative link to the page that explains the metric, keeping the view's filters."""
    from urllib.parse import urlencode

    params: list[tuple[str, str]] = [("week", view.label)]
    params += [("team", team) for team in view.teams]
    params += [("channel", channel) for channel in view.channels]
    params += [("priority", priority) for priority in view.priorities]
    # The label rides in the fragment so the table's link column can show it.
    return f"{metric.page}?{urlencode(params)}#{metric.label}"


def scorecard_table(
    frame: pd.DataFrame,
    view: View,
    linked: bool = True,
    series: dict[str, list[dict[str, Any]]] | None = None,
) -> pd.DataFrame:
    """The scorecard as leadership reads it: one row per metric for the view's week; `linked`
    makes each metric a link to the page that explains it. `series`: company_series(frame),
    when the caller has it already."""
    series = company_series(frame) if series is None else series
    records = []
    for metric in metrics.all_metrics():
        by_week = {row["week"]: row for row in series.get(metric.id, [])}
        current, previous = by_week.get(view.week), by_week.get(view.previous_week)
        if current is None:
            continue
        trend = [
            by_week[w]["value"] if w in by_week else None
            for w in weeks_between(view.trend_start(), view.week)
        ]
        records.append(
            {
                "Metric": page_link(metric, view) if linked else metric.label,
                "Definition": metric.short,
                "Target": metric.format_target(current["operator"], current["target"]),
                "Current": metric.format_value(current["value"]),
                "Status": status_label(current["status"]),
                "Change": change_text(metric, current["value"], previous and previous["value"]),
                "Last 12 weeks": [float("nan") if v is None else v for v in trend],
                "Owner": current["owner"] or "—",
                "Notes": " | ".join(note["text"] for note in current["notes"] or []),
            }
        )
    return pd.DataFrame(records)


def page_header(title: str, intro: str, view: View) -> bool:
    """Title, what the page answers, the view; returns whether to draw a line per team."""
    st.title(title)
    st.caption(week_caption(view))
    st.markdown(intro)
    return st.toggle(
        "Show each team",
        key=f"by-team-{title}",
        help="Adds a line per team (hidden where a team is too small to show).",
    )


def metric_page(title: str, intro: str, metric_ids: tuple[str, ...], view: View) -> None:
    """A page of metric sections: trend with target steps and notes, current figure, notes."""
    by_team = page_header(title, intro, view)
    frame = trend_frame(view, metric_ids, by_team)
    for metric_id in metric_ids:
        metric_section(metric_id, view, by_team=by_team, frame=frame)
        st.divider()


def page_table(view: View, query: str) -> pd.DataFrame:
    """A page query's rows for the weeks it reads (scorecard/page_queries.py), ending with the
    view's week, with the settings it binds."""
    declared = page_queries.get(query)
    settings = state.config()
    first = view.week - timedelta(weeks=declared.span(settings) - 1)
    params = tuple(sorted(declared.params(settings).items()))
    return state.page_frame(state.version(), query, first, view.week, *view.filter_args, params)
