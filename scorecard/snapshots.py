"""Published snapshots (SPEC §7): freeze a week, keep every revision, compare and export.

Publishing has two steps so that it never holds a lock while computing: `freeze` computes
the week's scorecard and trends on a reader (the live figures of that moment, with the
loads and settings they came from), and `store` writes them as the next revision of the
week in one writer session of the state file. A revision is never updated or deleted; its
content is sealed with a SHA-256 that `read` checks.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import duckdb

from . import db, metrics
from .config import Config
from .engine import Scope, scorecard_rows
from .report import STATUS_WORDS, csv_number, csv_text, escape_markdown
from .sql import run
from .weeks import week_bounds, week_label

SERIES_WEEKS = 13  # the frozen trend: the published week and the 12 before it
VALUE_TOLERANCE = 1e-9  # a live value this close to the published one has not moved
SETTINGS = ("reporting_timezone", "near_tolerance", "backlog_age_days", "min_group_size")


class SnapshotError(RuntimeError):
    """No such snapshot, or nothing to publish."""


@dataclass(frozen=True)
class Published:
    snapshot_id: int
    week: str
    revision: int
    fingerprint: str


def freeze(
    con: duckdb.DuckDBPyConnection,
    config: Config,
    monday: date,
    rows_of: Callable[..., list[dict[str, Any]]] | None = None,
    loads: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The week's live figures as a snapshot would hold them (not yet published).

    `rows_of` and `loads` are for figures computed elsewhere (the Spark engine's
    scorecard_rows and the tables it read); settings still come from `con`."""

    def compute(first_week: date, last_week: date, scope: Scope) -> list[dict[str, Any]]:
        if rows_of is not None:
            return rows_of(first_week, last_week, scope)
        return scorecard_rows(con, config, first_week, last_week, scope)

    first = monday - timedelta(weeks=SERIES_WEEKS - 1)
    rows = compute(first, monday, Scope.company())
    # The published week on its own, exactly as `report` computes it.
    current = {row["metric_id"]: row for row in compute(monday, monday, Scope.company())}
    series: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        series.setdefault(row["metric_id"], []).append(
            {
                "week": row["week"],
                "value": row["value"],
                "target": row["target"],
                "operator": row["operator"],
                "status": row["status"],
            }
        )
    if loads is None:
        loads = [
            {
                "load_id": r[0],
                "file_name": r[1],
                "kind": r[2],
                "checksum": r[3],
                "rows_loaded": r[4],
            }
            for r in run(con, "snapshots/loaded_files").fetchall()
        ]
    setup = dict(run(con, "snapshots/setup_fingerprints").fetchall())
    settings = {name: getattr(config, name) for name in SETTINGS}
    start, end = week_bounds(monday, config.reporting_timezone)
    return {
        "week": monday,
        "week_start": start,
        "week_end": end,
        "reporting_timezone": config.reporting_timezone,
        "loads": loads,
        "fingerprint": _digest({"loads": loads, "setup": setup, "settings": settings}),
        "metrics": [
            {
                "id": metric.id,
                "label": metric.label,
                "unit": metric.unit,
                "headline": metric.headline,
                "value": current[metric.id]["value"],
                "target": current[metric.id]["target"],
                "operator": current[metric.id]["operator"],
                "status": current[metric.id]["status"],
                "owner": current[metric.id]["owner"],
                "n": current[metric.id]["n"],
                "notes": [{"team": None, **note} for note in current[metric.id]["notes"] or []],
                "series": sorted(series.get(metric.id, []), key=lambda point: point["week"]),
            }
            for metric in metrics.all_metrics()
        ],
    }


def store(
    con: duckdb.DuckDBPyConnection,
    frozen: dict[str, Any],
    published_by: str,
    published_at: datetime | None = None,
) -> Published:
    """Write `frozen` as the next revision of its week, in one transaction."""
    if not published_by.strip():
        raise SnapshotError("a publication needs the name of who publishes it")
    published_at = (published_at or datetime.now(UTC)).astimezone(UTC)
    with db.transaction(con) as cursor:
        week = frozen["week"]
        revision = run(cursor, "snapshots/next_revision", {"week": week}).fetchall()[0][0]
        header = {
            "week": week,
            "revision": revision,
            "published_by": published_by.strip(),
            "published_at": published_at,
            "week_start": frozen["week_start"],
            "week_end": frozen["week_end"],
            "reporting_timezone": frozen["reporting_timezone"],
            "fingerprint": frozen["fingerprint"],
            "loads": json.dumps(frozen["loads"], sort_keys=True),
        }
        header["content_sha"] = content_sha(header, frozen["metrics"])
        snapshot_id = run(cursor, "snapshots/insert_snapshot", header).fetchall()[0][0]
        for position, entry in enumerate(frozen["metrics"]):
            run(
                cursor,
                "snapshots/insert_metric",
                {
                    "snapshot_id": snapshot_id,
                    "position": position,
                    "metric_id": entry["id"],
                    **{key: entry[key] for key in _METRIC_FIELDS},
                },
            )
            for note in entry["notes"]:
                run(
                    cursor,
                    "snapshots/insert_note",
                    {"snapshot_id": snapshot_id, "metric_id": entry["id"], **note},
                )
            for point in entry["series"]:
                run(
                    cursor,
                    "snapshots/insert_series",
                    {"snapshot_id": snapshot_id, "metric_id": entry["id"], **point},
                )
    return Published(snapshot_id, week_label(week), revision, frozen["fingerprint"])


_METRIC_FIELDS = (
    "label",
    "unit",
    "headline",
    "value",
    "target",
    "operator",
    "status",
    "owner",
    "n",
)
_NOTE_FIELDS = (
    "note_id",
    "team",
    "author",
    "owner",
    "text",
    "status",
    "created_at",
    "edited_at",
)
_POINT_FIELDS = ("week", "value", "target", "operator", "status")


def content_sha(header: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    """The seal of a revision: everything it shows, in a canonical form."""
    return _digest(
        {
            "header": {key: header[key] for key in sorted(header) if key != "content_sha"},
            "metrics": [
                {
                    "id": entry["id"],
                    **{key: entry[key] for key in _METRIC_FIELDS},
                    "notes": [{key: note[key] for key in _NOTE_FIELDS} for note in entry["notes"]],
                    "series": [
                        {key: point[key] for key in _POINT_FIELDS} for point in entry["series"]
                    ],
                }
                for entry in entries
            ],
        }
    )


def _digest(content: Any) -> str:
    text = json.dumps(content, sort_keys=True, default=_canonical, allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _canonical(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot seal {type(value).__name__}")


def published(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every revision of every published week, newest first."""
    result = run(con, "snapshots/published_list")
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def find(con: duckdb.DuckDBPyConnection, monday: date, revision: int | None = None) -> int:
    """The snapshot id of a week's revision (default: its latest)."""
    for row in published(con):
        if row["week"] == monday and revision in (None, row["revision"]):
            return row["snapshot_id"]
    if revision is None:
        raise SnapshotError(f"{week_label(monday)} has not been published")
    raise SnapshotError(f"{week_label(monday)} has no published revision {revision}")


def read(con: duckdb.DuckDBPyConnection, snapshot_id: int) -> dict[str, Any]:
    """A published revision as stored, with `intact` telling whether its seal holds."""
    params = {"snapshot_id": snapshot_id}
    found = run(con, "snapshots/snapshot_header", params)
    columns = [d[0] for d in found.description]
    rows = found.fetchall()
    if not rows:
        raise SnapshotError(f"no snapshot {snapshot_id}")
    header = dict(zip(columns, rows[0], strict=True))
    notes: dict[str, list[dict[str, Any]]] = {}
    for row in run(con, "snapshots/snapshot_notes", params).fetchall():
        notes.setdefault(row[0], []).append(dict(zip(_NOTE_FIELDS, row[1:], strict=True)))
    series: dict[str, list[dict[str, Any]]] = {}
    for row in run(con, "snapshots/snapshot_series", params).fetchall():
        series.setdefault(row[0], []).append(dict(zip(_POINT_FIELDS, row[1:], strict=True)))
    entries = [
        {
            "id": row[0],
            **dict(zip(_METRIC_FIELDS, row[1:], strict=True)),
            "notes": notes.get(row[0], []),
            "series": series.get(row[0], []),
        }
        for row in run(con, "snapshots/snapshot_metrics", params).fetchall()
    ]
    sealed = {key: header[key] for key in header if key not in ("snapshot_id",)}
    return {
        **header,
        "week_label": week_label(header["week"]),
        "loads": json.loads(header["loads"]),
        "metrics": entries,
        "intact": content_sha(sealed, entries) == header["content_sha"],
    }


def previous_snapshot(con: duckdb.DuckDBPyConnection, monday: date) -> int | None:
    """The latest revision of the latest published week before `monday`."""
    for row in published(con):
        if row["week"] < monday:
            return row["snapshot_id"]
    return None


def compare(snapshot: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Per metric: the change against the previous published week (value and status)."""
    before = {entry["id"]: entry for entry in previous["metrics"]} if previous else {}
    changes = {}
    for entry in snapshot["metrics"]:
        old = before.get(entry["id"])
        delta = None
        if old and entry["value"] is not None and old["value"] is not None:
            delta = entry["value"] - old["value"]
        changes[entry["id"]] = {
            "previous_week": previous["week_label"] if previous else None,
            "previous_value": old["value"] if old else None,
            "previous_status": old["status"] if old else None,
            "delta": delta,
            "status_changed": bool(old) and old["status"] != entry["status"],
            # Comparable across units: the move as a share of the target.
            "relative": _relative(delta, entry["target"]),
            "better": _better(entry["id"], delta),
        }
    return changes


def _relative(delta: float | None, target: float | None) -> float | None:
    if delta is None or not target:
        return None
    return delta / abs(target)


def _better(metric_id: str, delta: float | None) -> bool | None:
    if delta is None or abs(delta) <= VALUE_TOLERANCE:
        return None
    try:
        higher = metrics.get_metric(metric_id).direction == "higher"
    except KeyError:
        return None
    return (delta > 0) == higher


def movers(changes: dict[str, dict[str, Any]], count: int = 3) -> list[str]:
    """The metrics that moved most, as a share of their target, largest first."""
    moved = [
        (abs(change["relative"]), metric_id)
        for metric_id, change in changes.items()
        if change["relative"] is not None and abs(change["relative"]) > VALUE_TOLERANCE
    ]
    return [metric_id for _, metric_id in sorted(moved, key=lambda m: (-m[0], m[1]))[:count]]


def computed_on_spark(snapshot: dict[str, Any]) -> bool:
    """Whether the revision was computed by Spark from tables this database does not hold."""
    return any(load.get("engine") == "spark" for load in snapshot["loads"])


def drift(snapshot: dict[str, Any], live: dict[str, Any]) -> list[dict[str, Any]]:
    """Metrics whose live figure has moved since publication (late exports, new notes aside)."""
    now = {entry["id"]: entry for entry in live["metrics"]}
    moved = []
    for entry in snapshot["metrics"]:
        current = now.get(entry["id"])
        if current is None:
            continue
        if _differs(entry, current):
            moved.append(
                {
                    "id": entry["id"],
                    "label": entry["label"],
                    "published_value": entry["value"],
                    "live_value": current["value"],
                    "published_status": entry["status"],
                    "live_status": current["status"],
                    "published_n": entry["n"],
                    "live_n": current["n"],
                }
            )
    return moved


def _differs(published_entry: dict[str, Any], live_entry: dict[str, Any]) -> bool:
    a, b = published_entry["value"], live_entry["value"]
    if (a is None) != (b is None):
        return True
    if a is not None and not math.isclose(a, b, rel_tol=VALUE_TOLERANCE, abs_tol=VALUE_TOLERANCE):
        return True
    return (published_entry["status"], published_entry["n"]) != (
        live_entry["status"],
        live_entry["n"],
    )


def revision_changes(older: dict[str, Any], newer: dict[str, Any]) -> list[str]:
    """The metrics whose published figure, target, owner or notes differ between revisions."""
    before = {entry["id"]: entry for entry in older["metrics"]}
    changed = []
    for entry in newer["metrics"]:
        old = before.get(entry["id"])
        if (
            old is None
            or _differs(old, entry)
            or (old["target"], old["operator"], old["owner"])
            != (entry["target"], entry["operator"], entry["owner"])
            or [n["text"] for n in old["notes"]] != [n["text"] for n in entry["notes"]]
        ):
            changed.append(entry["id"])
    return changed


def open_notes(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """Notes not done at publication, with their metric and owner."""
    return [
        {"metric_id": entry["id"], "label": entry["label"], **note}
        for entry in snapshot["metrics"]
        for note in entry["notes"]
        if note["status"] != "done"
    ]


def exportable(snapshot: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
    """The snapshot in the plain form the HTML, CSV and Markdown exports take."""
    changes = compare(snapshot, previous)
    return {
        "week": snapshot["week_label"],
        "start": snapshot["week_start"].isoformat(),
        "end": snapshot["week_end"].isoformat(),
        "revision": snapshot["revision"],
        "published_by": snapshot["published_by"],
        "published_at": snapshot["published_at"].astimezone(UTC).isoformat(),
        "fingerprint": snapshot["fingerprint"],
        "intact": snapshot["intact"],
        "loads": snapshot["loads"],
        "metrics": [
            {
                **{key: entry[key] for key in ("id", *_METRIC_FIELDS)},
                "notes": [_plain_note(note) for note in entry["notes"]],
                "series": [
                    {
                        **{key: point[key] for key in _POINT_FIELDS if key != "week"},
                        "week": week_label(point["week"]),
                        "start": point["week"].isoformat(),
                    }
                    for point in entry["series"]
                ],
                "change": None
                if previous is None
                else {
                    "previous_week": changes[entry["id"]]["previous_week"],
                    "previous_value": changes[entry["id"]]["previous_value"],
                    "previous_status": changes[entry["id"]]["previous_status"],
                },
            }
            for entry in snapshot["metrics"]
        ],
    }


def _plain_note(note: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value.astimezone(UTC).isoformat() if isinstance(value, datetime) else value
        for key, value in note.items()
    }


CSV_COLUMNS = (
    "week",
    "revision",
    "published_at",
    "published_by",
    "id",
    "label",
    "value",
    "unit",
    "operator",
    "target",
    "status",
    "owner",
    "n",
    "previous_week",
    "previous_value",
    "notes",
)


def to_csv(export: dict[str, Any]) -> str:
    """One row per metric; unrounded values; text cells safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in export["metrics"]:
        change = entry["change"] or {}
        writer.writerow(
            [
                export["week"],
                export["revision"],
                export["published_at"],
                csv_text(export["published_by"]),
                entry["id"],
                entry["label"],
                csv_number(entry["value"]),
                entry["unit"],
                entry["operator"] or "",
                csv_number(entry["target"]),
                entry["status"],
                csv_text(entry["owner"]),
                "" if entry["n"] is None else entry["n"],
                change.get("previous_week") or "",
                csv_number(change.get("previous_value")),
                csv_text(" | ".join(note["text"] for note in entry["notes"])),
            ]
        )
    return out.getvalue()


def to_markdown(export: dict[str, Any]) -> str:
    """For pasting into chat or e-mail: the table, then the open notes."""
    lines = [
        f"## Weekly scorecard {export['week']} — published",
        "",
        f"Revision {export['revision']}, published by {escape_markdown(export['published_by'])} "
        f"on {export['published_at'][:16].replace('T', ' ')} UTC · "
        f"data fingerprint `{export['fingerprint'][:12]}`",
        "",
        "| Metric | Published | Target | Status | Change | Owner | n |",
        "|---|---:|---:|---|---:|---|---:|",
    ]
    for entry in export["metrics"]:
        metric = _metric_or_none(entry["id"])
        value = metric.format_value(entry["value"]) if metric else _plain(entry["value"])
        target = metric.format_target(entry["operator"], entry["target"]) if metric else "—"
        lines.append(
            "| "
            + " | ".join(
                [
                    entry["label"] + ("" if entry["headline"] else " (secondary)"),
                    value,
                    target,
                    STATUS_WORDS.get(entry["status"], entry["status"]),
                    _change_text(metric, entry),
                    escape_markdown(entry["owner"] or "—"),
                    "—" if entry["n"] is None else f"{entry['n']:,}",
                ]
            )
            + " |"
        )
    notes = [
        (entry, note)
        for entry in export["metrics"]
        for note in entry["notes"]
        if note["status"] != "done"
    ]
    if notes:
        lines += ["", "**Open notes**", ""]
        for entry, note in notes:
            lines.append(
                f"- {entry['label']} ({note['status']}, owner "
                f"{escape_markdown(note['owner'] or '—')}): {escape_markdown(note['text'])}"
            )
    return "\n".join(lines) + "\n"


def _metric_or_none(metric_id: str) -> metrics.Metric | None:
    try:
        return metrics.get_metric(metric_id)
    except KeyError:
        return None


def _plain(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def _change_text(metric: metrics.Metric | None, entry: dict[str, Any]) -> str:
    change = entry["change"]
    if not change or change["previous_value"] is None or entry["value"] is None:
        return "—"
    delta = entry["value"] - change["previous_value"]
    if metric is None:
        return f"{delta:+,.1f}"
    if abs(delta) <= VALUE_TOLERANCE:
        return "no change"
    return f"{'+' if delta > 0 else '−'}{metric.format_value(abs(delta))}"
