"""Plotly charts of the people-ops and quality pages: the team × week morale heatmap, the
workload link (a team's morale beside its workload, with the flagged weeks), and plain weekly
lines for rates and breakdowns. Figures only: what is hidden arrives already hidden."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .charts import NOTE_COLOUR, STATUS_COLOURS, TARGET_COLOUR, VALUE_COLOUR, safe_text
from .metrics import Metric

SUPPRESSED_FILL = "#d9d9d9"
NO_DATA_FILL = "#f4f4f4"
WORKLOAD_COLOUR = "#b0bec5"
BACKLOG_COLOUR = "#ef6c00"
FLAG_COLOUR = STATUS_COLOURS["missed"]
FLAG_SHADE = "rgba(198, 40, 40, 0.12)"


def _layout(figure: go.Figure, height: int, **extra: Any) -> go.Figure:
    figure.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 36, "b": 10},
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"align": "left"},
        **extra,
    )
    figure.update_xaxes(showgrid=False)
    figure.update_yaxes(gridcolor="#ececec")
    return figure


def heatmap_figure(
    metric: Metric,
    teams: Sequence[str],
    weeks: Sequence[date],
    cells: dict[tuple[str, date], dict[str, Any]],
    min_group_size: int,
) -> go.Figure:
    """Teams down, weeks across; each cell the team's value, or the word *suppressed* (grey)
    where the group is too small to show or could be worked out from the others, or *no data*.
    `cells` maps (team, week) to a scorecard row (value, status)."""
    x = [week.isoformat() for week in weeks]
    layers: dict[str, list[list[Any]]] = {name: [] for name in ("value", "suppressed", "no data")}
    texts: dict[str, list[list[str]]] = {name: [] for name in layers}
    for team in teams:
        row_values = {name: [] for name in layers}
        row_texts = {name: [] for name in layers}
        for week in weeks:
            row = cells.get((team, week)) or {"value": None, "status": "no_data"}
            if row["status"] == "suppressed":
                layer, z, word = "suppressed", 1, "suppressed"
            elif row["value"] is None:
                layer, z, word = "no data", 1, "no data"
            else:
                layer, z, word = "value", row["value"], metric.format_value(row["value"])
            for name in layers:
                row_values[name].append(z if name == layer else None)
                row_texts[name].append(word if name == layer else "")
        for name in layers:
            layers[name].append(row_values[name])
            texts[name].append(row_texts[name])
    common = {"x": x, "y": list(teams), "xgap": 2, "ygap": 2, "texttemplate": "%{text}"}
    figure = go.Figure(
        [
            go.Heatmap(
                z=layers["value"],
                text=texts["value"],
                textfont={"size": 10},
                colorscale="RdYlGn",
                zmin=50,
                zmax=100,
                colorbar={"title": {"text": "0–100"}, "thickness": 12},
                hovertemplate="%{y} · week of %{x}<br>%{text}<extra></extra>",
                name="value",
                **common,
            ),
            go.Heatmap(
                z=layers["suppressed"],
                text=texts["suppressed"],
                textfont={"size": 9, "color": "#444444"},
                colorscale=[[0, SUPPRESSED_FILL], [1, SUPPRESSED_FILL]],
                showscale=False,
                hovertemplate=(
                    "%{y} · week of %{x}<br>suppressed: fewer than "
                    f"{min_group_size} respondents, or it could be worked out from the "
                    "other groups<extra></extra>"
                ),
                name="suppressed",
                **common,
            ),
            go.Heatmap(
                z=layers["no data"],
                text=texts["no data"],
                textfont={"size": 9, "color": "#888888"},
                colorscale=[[0, NO_DATA_FILL], [1, NO_DATA_FILL]],
                showscale=False,
                hovertemplate="%{y} · week of %{x}<br>no answers<extra></extra>",
                name="no data",
                **common,
            ),
        ]
    )
    return _layout(
        figure,
        height=90 + 34 * max(len(teams), 1),
        xaxis={"tickformat": "%d %b", "type": "date", "side": "top"},
        yaxis={"autorange": "reversed"},
    )


def workload_figure(team: str, rows: Sequence[dict[str, Any]], dip_points: float) -> go.Figure:
    """One team's morale (top) above its workload (bottom): tickets solved per agent (bars)
    and backlog per agent (dotted). Weeks where workload rose are marked ▲; the morale dips
    flagged after a rise are shaded on both, with red markers on the morale line."""
    weeks = [row["week"] for row in rows]
    morale = [row["morale"] for row in rows]
    figure = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.55, 0.45], vertical_spacing=0.06
    )
    figure.add_scatter(
        x=weeks,
        y=morale,
        name="morale",
        mode="lines+markers",
        line={"color": VALUE_COLOUR, "width": 2.5},
        marker={"size": 5},
        connectgaps=False,
        hovertemplate="morale %{y:.1f}<extra></extra>",
        row=1,
        col=1,
    )
    dips = [row for row in rows if row["morale_dip"]]
    if dips:
        figure.add_scatter(
            x=[row["week"] for row in dips],
            y=[row["morale"] for row in dips],
            name=f"flag: morale down ≥ {dip_points:g} after a rise",
            mode="markers",
            marker={"size": 11, "color": FLAG_COLOUR, "line": {"color": "white", "width": 1}},
            text=[_dip_text(row) for row in dips],
            hovertemplate="%{text}<extra></extra>",
            row=1,
            col=1,
        )
    figure.add_bar(
        x=weeks,
        y=[row["solved_per_agent"] for row in rows],
        name="solved per agent",
        marker_color=WORKLOAD_COLOUR,
        hovertemplate="%{y:.1f} tickets solved per agent<extra></extra>",
        row=2,
        col=1,
    )
    figure.add_scatter(
        x=weeks,
        y=[row["backlog_per_agent"] for row in rows],
        name="backlog per agent",
        mode="lines",
        line={"color": BACKLOG_COLOUR, "dash": "dot", "width": 1.5},
        hovertemplate="%{y:.1f} open tickets per agent at the week's end<extra></extra>",
        row=2,
        col=1,
    )
    rises = [row for row in rows if row["workload_rise"]]
    if rises:
        figure.add_scatter(
            x=[row["week"] for row in rises],
            y=[row["solved_per_agent"] for row in rises],
            name="workload rise",
            mode="markers",
            marker={"symbol": "triangle-up", "size": 11, "color": TARGET_COLOUR},
            hovertemplate="workload rose: %{y:.1f} solved per agent<extra></extra>",
            row=2,
            col=1,
        )
    # Shapes after the traces: add_vrect(row="all") reaches only subplots that hold data.
    for row in rows:
        if row["morale_dip"]:
            figure.add_vrect(
                x0=row["week"] - timedelta(days=3.5),
                x1=row["week"] + timedelta(days=3.5),
                fillcolor=FLAG_SHADE,
                line_width=0,
                layer="below",
                row="all",
                col=1,
            )
    visible = [value for value in morale if value is not None]
    low = min(visible, default=50)
    _layout(
        figure,
        height=340,
        title={"text": safe_text(team), "font": {"size": 14}, "x": 0, "y": 0.99},
        bargap=0.35,
        showlegend=False,  # the page explains the marks once for every team
    )
    figure.update_yaxes(title_text="morale", range=[max(0, low - 10), 100], row=1, col=1)
    figure.update_yaxes(title_text="per agent", rangemode="tozero", row=2, col=1)
    figure.update_xaxes(tickformat="%d %b", row=2, col=1)
    return figure


def _dip_text(row: dict[str, Any]) -> str:
    before = row.get("morale_before_rise")
    fall = f"{before - row['morale']:.1f} below" if before is not None else "below"
    return (
        f"morale {row['morale']:.1f}: {fall} the weeks before<br>"
        f"the workload rise of {row['rise_week']:%d %b}"
    )


def lines_figure(
    weeks: Sequence[date],
    series: Sequence[tuple[str, Sequence[float | None]]],
    y_title: str,
    height: int = 280,
    y_range: tuple[float, float] | None = None,
    goal: tuple[str, float] | None = None,
    percent: bool = False,
) -> go.Figure:
    """Weekly lines, one per (name, values); a dashed goal line if given."""
    colours = (VALUE_COLOUR, "#2e7d32", "#ef6c00", NOTE_COLOUR, "#00838f", "#ad1457", "#5d4037")
    suffix = " %" if percent else ""
    figure = go.Figure()
    for index, (name, values) in enumerate(series):
        figure.add_scatter(
            x=list(weeks),
            y=list(values),
            name=safe_text(name),
            mode="lines+markers",
            line={"color": colours[index % len(colours)]},
            connectgaps=False,
            hovertemplate=f"%{{y:.1f}}{suffix}<extra>{safe_text(name)}</extra>",
        )
    if goal is not None:
        label, level = goal
        figure.add_scatter(
            x=list(weeks),
            y=[level] * len(weeks),
            name=safe_text(label),
            mode="lines",
            line={"color": TARGET_COLOUR, "dash": "dash"},
            hoverinfo="skip",
        )
    return _layout(
        figure,
        height=height,
        xaxis={"tickformat": "%d %b"},
        yaxis={"title": y_title, "range": list(y_range) if y_range else None},
    )


def stacked_bars_figure(
    weeks: Sequence[date],
    series: Sequence[tuple[str, Sequence[float | None], str]],
    y_title: str,
    height: int = 280,
) -> go.Figure:
    """Weekly stacked bars, one per (name, values, colour)."""
    figure = go.Figure(
        [
            go.Bar(
                x=list(weeks),
                y=list(values),
                name=safe_text(name),
                marker_color=colour,
                hovertemplate=f"%{{y}}<extra>{safe_text(name)}</extra>",
            )
            for name, values, colour in series
        ]
    )
    return _layout(
        figure,
        height=height,
        barmode="stack",
        xaxis={"tickformat": "%d %b"},
        yaxis={"title": y_title},
    )
