"""The scorecard of one week (SPEC §8 `report`): as a dict, JSON, CSV or Markdown."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import duckdb

from . import metrics
from .config import Config
from .engine import Filters, Scope, scorecard_rows
from .metrics import STATUS_WORDS
from .weeks import week_bounds, week_label


def build_report(
    con: duckdb.DuckDBPyConnection | None,
    config: Config,
    monday: date,
    team: str | None = None,
    filters: Filters | None = None,
    rows_of: Callable[..., list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """One week's scorecard for the company, or for one team (matched exactly), under the
    dashboard's filters when given (a team selection makes the company row its union).
    `rows_of` computes the rows elsewhere (the Spark engine's scorecard_rows)."""
    scope = Scope.team(team) if team is not None else Scope.company()
    if rows_of is not None:
        rows = rows_of(monday, monday, scope, filters=filters)
    else:
        rows = scorecard_rows(con, config, monday, monday, scope, filters=filters)
    start, end = week_bounds(monday, config.reporting_timezone)
    return {
        "week": week_label(monday),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "metrics": [_metric_entry(row) for row in rows],
    }


def _metric_entry(row: dict[str, Any]) -> dict[str, Any]:
    metric = metrics.get_metric(row["metric_id"])
    return {
        "id": metric.id,
        "label": metric.label,
        "value": row["value"],
        "unit": metric.unit,
        "target": row["target"],
        "operator": row["operator"],
        "status": row["status"],
        "owner": row["owner"],
        "notes": [_note_entry(note) for note in row["notes"]],
        "n": row["n"],
    }


def _note_entry(note: dict[str, Any]) -> dict[str, Any]:
    return {key: _plain(value) for key, value in note.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def to_json(report: dict[str, Any]) -> str:
    # allow_nan=False: a NaN reaching the output is a bug, never a figure.
    return json.dumps(report, ensure_ascii=False, allow_nan=False, indent=2)


CSV_COLUMNS = (
    "week",
    "id",
    "label",
    "value",
    "unit",
    "operator",
    "target",
    "status",
    "owner",
    "n",
    "notes",
)


def to_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in report["metrics"]:
        writer.writerow(
            [
                report["week"],
                entry["id"],
                entry["label"],
                csv_number(entry["value"]),
                entry["unit"],
                entry["operator"],
                csv_number(entry["target"]),
                entry["status"],
                csv_text(entry["owner"]),
                "" if entry["n"] is None else entry["n"],
                csv_text(" | ".join(note["text"] for note in entry["notes"])),
            ]
        )
    return out.getvalue()


def csv_number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def csv_text(text: str | None) -> str:
    # A leading =, +, - or @ would run as a formula in a spreadsheet.
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text or ""


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!])")


def escape_markdown(text: str) -> str:
    """User text made inert in Markdown: no links, no HTML, no table breaks."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(report: dict[str, Any], team: str | None = None) -> str:
    scope = f" — team {escape_markdown(team)}" if team is not None else ""
    lines = [
        f"## Weekly scorecard {report['week']}{scope}",
        "",
        f"From {report['start']} to {report['end']} (end exclusive)",
        "",
        "| Metric | Current | Target | Status | Owner | n | Notes |",
        "|---|---:|---:|---|---|---:|---|",
    ]
    for entry in report["metrics"]:
        metric = metrics.get_metric(entry["id"])
        notes = "; ".join(escape_markdown(note["text"]) for note in entry["notes"])
        lines.append(
            "| "
            + " | ".join(
                [
                    metric.label,
                    metric.format_value(entry["value"]),
                    metric.format_target(entry["operator"], entry["target"]),
                    STATUS_WORDS.get(entry["status"], entry["status"]),
                    escape_markdown(entry["owner"] or "—"),
                    "—" if entry["n"] is None else f"{entry['n']:,}",
                    notes or "",
                ]
            )
            + " |"
        )
    return "\n".join(lines) + "\n"
