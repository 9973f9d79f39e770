"""Plotly charts: one helper for a weekly metric trend, used by every page.

A trend shows the metric's weekly value, its target as a step line (targets change from a
date on), missed weeks shaded, suppressed weeks marked, and the owners' notes as markers
whose hover shows owner and text. Colours and number formats come from the metric metadata.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go

from .metrics import UNIT_SUFFIX, Metric

STATUS_COLOURS = {
    "met": "#1a7f37",
    "near": "#b7791f",
    "missed": "#c62828",
    "no_data": "#8c8c8c",
    "suppressed": "#6b6b6b",
    "no_target": "#8c8c8c",
}
MISSED_SHADE = "rgba(198, 40, 40, 0.09)"
NEAR_SHADE = "rgba(183, 121, 31, 0.08)"
VALUE_COLOUR = "#1f4e79"
TARGET_COLOUR = "#555555"
NOTE_COLOUR = "#6a1b9a"
TEAM_COLOURS = ("#1f4e79", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#5d4037")


def value_format(metric: Metric) -> str:
    """d3 format for axis ticks and hover, from the metric's decimals."""
    return f",.{metric.decimals}f"


def axis_title(metric: Metric) -> str:
    suffix = UNIT_SUFFIX[metric.unit].strip()
    return f"{metric.label} ({suffix})" if suffix else metric.label


def safe_text(text: str | None) -> str:
    """User text for Plotly hover labels: HTML-escaped so tags and links show as text."""
    return html.escape(text or "", quote=True).replace("\n", "<br>")


def trend_figure(
    metric: Metric,
    weeks: Sequence[dict[str, Any]],
    notes: Iterable[dict[str, Any]] = (),
    teams: dict[str, Sequence[dict[str, Any]]] | None = None,
    height: int = 340,
    band: Sequence[float | None] | None = None,
    band_label: str = "p90",
) -> go.Figure:
    """A weekly trend of one metric.

    weeks: one dict per week, in order, with keys week (date, the Monday), week_label,
        value, operator, target, status.
    notes: dicts with week, text, owner, author, status.
    teams: optional per-team series (same shape as `weeks`) drawn as thinner lines.
    band: optional values per week (e.g. the p90 beside a median), shaded from the value line.
    """
    fmt = value_format(metric)
    suffix = UNIT_SUFFIX[metric.unit]
    # Shaded weeks as one list of shapes (add_vrect per week costs ~6 ms each).
    shapes = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": row["week"] - timedelta(days=3.5),
            "x1": row["week"] + timedelta(days=3.5),
            "y0": 0,
            "y1": 1,
            "fillcolor": MISSED_SHADE if row["status"] == "missed" else NEAR_SHADE,
            "line": {"width": 0},
            "layer": "below",
        }
        for row in weeks
        if row["status"] in ("missed", "near")
    ]
    fig = go.Figure(layout={"shapes": shapes})

    x = [row["week"] for row in weeks]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[row["target"] for row in weeks],
            name="Target",
            mode="lines",
            line={"color": TARGET_COLOUR, "dash": "dash", "width": 1.5, "shape": "hv"},
            customdata=[[_target_text(row)] for row in weeks],
            hovertemplate="%{customdata[0]}<extra>Target</extra>",
        )
    )

    for index, (team, series) in enumerate((teams or {}).items()):
        fig.add_trace(
            go.Scatter(
                x=[row["week"] for row in series],
                y=[row["value"] for row in series],
                name=safe_text(team),
                mode="lines",
                line={"color": TEAM_COLOURS[(index + 1) % len(TEAM_COLOURS)], "width": 1.2},
                opacity=0.75,
                hovertemplate=f"%{{y:{fmt}}}{suffix}<extra>{safe_text(team)}</extra>",
            )
        )

    fig.add_trace(
        go.Scatter(
            x=x,
            y=[row["value"] for row in weeks],
            name=metric.label if not teams else "All selected",
            mode="lines+markers",
            line={"color": VALUE_COLOUR, "width": 2.5},
            marker={
                "size": 8,
                "color": [STATUS_COLOURS.get(row["status"], VALUE_COLOUR) for row in weeks],
                "line": {"color": "white", "width": 1},
            },
            customdata=[[row["week_label"], _status_word(row["status"])] for row in weeks],
            hovertemplate=(
                f"%{{customdata[0]}}: %{{y:{fmt}}}{suffix} (%{{customdata[1]}})<extra></extra>"
            ),
            connectgaps=False,
        )
    )
    if band is not None:
        fig.add_trace(
            go.Scatter(
                x=x,
                y=list(band),
                name=band_label,
                mode="lines",
                line={"color": VALUE_COLOUR, "width": 0.8, "dash": "dot"},
                fill="tonexty",
                fillcolor="rgba(31, 78, 121, 0.12)",
                hovertemplate=f"{band_label}: %{{y:{fmt}}}{suffix}<extra></extra>",
                connectgaps=False,
            )
        )

    hidden = [row for row in weeks if row["status"] == "suppressed"]
    if hidden:
        fig.add_trace(
            go.Scatter(
                x=[row["week"] for row in hidden],
                y=[_anchor(weeks) for _ in hidden],
                name="Suppressed (too few respondents)",
                mode="markers",
                marker={"symbol": "x-thin-open", "size": 10, "color": STATUS_COLOURS["suppressed"]},
                hovertemplate="suppressed: fewer respondents than the anonymity threshold"
                "<extra></extra>",
            )
        )

    note_rows = _note_markers(notes, weeks)
    if note_rows:
        fig.add_trace(
            go.Scatter(
                x=[week for week, _ in note_rows],
                y=[_note_height(week, weeks) for week, _ in note_rows],
                name="Notes",
                mode="markers",
                marker={"symbol": "diamond", "size": 11, "color": NOTE_COLOUR},
                customdata=[[text] for _, text in note_rows],
                hovertemplate="%{customdata[0]}<extra>Note</extra>",
            )
        )

    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        plot_bgcolor="white",
        yaxis={"title": axis_title(metric), "tickformat": fmt, "gridcolor": "#eeeeee"},
        xaxis={"tickformat": "%d %b", "gridcolor": "#f4f4f4"},
    )
    if metric.unit in ("%", "points"):
        fig.update_yaxes(rangemode="tozero")
    if _wide_band(weeks, band):
        # A long tail (p90 far above the median) would flatten the median line: log scale.
        fig.update_yaxes(type="log", tickformat=None, title=axis_title(metric) + ", log scale")
    return fig


def _wide_band(weeks: Sequence[dict[str, Any]], band: Sequence[float | None] | None) -> bool:
    if not band:
        return False
    values = [row["value"] for row in weeks if row["value"] is not None]
    tails = [b for b in band if b is not None]
    if not values or not tails or min(values) <= 0:
        return False
    return max(tails) > 8 * max(values)


def _status_word(status: str) -> str:
    return status.replace("_", " ")


def _target_text(row: dict[str, Any]) -> str:
    if row.get("target") is None:
        return "no target"
    operator = {"<=": "≤", ">=": "≥"}.get(row["operator"], row["operator"])
    return f"{row['week_label']}: {operator} {row['target']:g}"


def _anchor(weeks: Sequence[dict[str, Any]]) -> float:
    values = [row["value"] for row in weeks if row["value"] is not None]
    targets = [row["target"] for row in weeks if row.get("target") is not None]
    return min(values + targets) if values or targets else 0.0


def _note_height(week: date, weeks: Sequence[dict[str, Any]]) -> float:
    for row in weeks:
        if row["week"] == week and row["value"] is not None:
            return row["value"]
    for row in weeks:
        if row["week"] == week and row.get("target") is not None:
            return row["target"]
    return _anchor(weeks)


def _note_markers(
    notes: Iterable[dict[str, Any]], weeks: Sequence[dict[str, Any]]
) -> list[tuple[date, str]]:
    """One marker per week with notes; its hover lists each note's owner, status and text."""
    shown = {row["week"] for row in weeks}
    by_week: dict[date, list[str]] = {}
    for note in notes:
        if note["week"] not in shown:
            continue
        owner = safe_text(note.get("owner") or note.get("author"))
        line = f"<b>{owner}</b> ({safe_text(note['status'])}): {safe_text(note['text'])}"
        by_week.setdefault(note["week"], []).append(line)
    return [(week, "<br>".join(lines)) for week, lines in sorted(by_week.items())]
