"""Shaping scorecard and page rows for the people-ops and quality pages: team × week cells,
detail series, the week's team table. No figures are computed here; hidden stays hidden."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from .. import metrics
from . import views


def cells_by_team(frame: pd.DataFrame, metric_id: str) -> dict[tuple[str, date], dict[str, Any]]:
    """(team, week) → the scorecard row of one metric, for every team row in the frame."""
    return {
        (team, row["week"]): row
        for team, rows in views.team_rows(frame, metric_id).items()
        for row in rows
    }


def detail_values(series: list[dict[str, Any]], key: str) -> list[float | None]:
    """One figure from each week's detail (None where the week is hidden or empty)."""
    return [views.value_or_none((row.get("detail") or {}).get(key)) for row in series]


def week_teams(
    frame: pd.DataFrame, metric_ids: tuple[str, ...], week: date
) -> list[dict[str, Any]]:
    """The week's row of every team for each metric: {team, metric_id: row, …}."""
    found: dict[str, dict[str, Any]] = {}
    for metric_id in metric_ids:
        for team, rows in views.team_rows(frame, metric_id).items():
            row = next((r for r in rows if r["week"] == week), None)
            if row is not None:
                found.setdefault(team, {"team": team})[metric_id] = row
    return [found[team] for team in sorted(found)]


def shown(metric_id: str, row: dict[str, Any] | None) -> str:
    """A cell as the tables show it: the formatted value, *suppressed* or *no data*."""
    if row is not None and row["status"] == "suppressed":
        return "suppressed"
    if row is None or row["value"] is None:
        return "no data"
    return metrics.get_metric(metric_id).format_value(row["value"])


def nullable(frame: pd.DataFrame, column: str) -> list[float | None]:
    """A frame column as plain floats, None for missing (charts draw gaps, not zeros)."""
    if column not in frame:
        return []
    return [views.value_or_none(value) for value in frame[column].tolist()]
