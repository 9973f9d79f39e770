"""Targets, owners and notes (SPEC §7): changed from a date on, never rewritten."""

from __future__ import annotations

from datetime import date

import duckdb

from . import db, metrics
from .metrics import OPERATORS
from .sql import run

NOTE_STATUSES = ("open", "in progress", "done")


class AdminError(ValueError):
    """A change that the product refuses (unknown metric, bad operator, empty text…)."""


def _check_metric(metric_id: str) -> None:
    try:
        metrics.get_metric(metric_id)
    except KeyError as exc:
        raise AdminError(f"unknown metric {metric_id!r}") from exc


def set_target(
    con: duckdb.DuckDBPyConnection,
    metric_id: str,
    operator: str,
    target: float,
    effective_from: date,
    set_by: str,
) -> None:
    """From `effective_from` on, `metric_id` is judged `operator target`."""
    _check_metric(metric_id)
    if operator not in OPERATORS:
        raise AdminError(f"operator must be one of {', '.join(OPERATORS)}")
    run(
        con,
        "admin/set_target",
        {
            "metric_id": metric_id,
            "operator": operator,
            "target": float(target),
            "effective_from": effective_from,
            "set_by": set_by,
        },
    )


def set_owner(
    con: duckdb.DuckDBPyConnection, metric_id: str, owner: str, effective_from: date, set_by: str
) -> None:
    _check_metric(metric_id)
    if not owner.strip():
        raise AdminError("owner may not be empty")
    run(
        con,
        "admin/set_owner",
        {
            "metric_id": metric_id,
            "owner": owner.strip(),
            "effective_from": effective_from,
            "set_by": set_by,
        },
    )


def add_note(
    con: duckdb.DuckDBPyConnection,
    metric_id: str,
    week: date,
    text: str,
    author: str,
    owner: str | None = None,
    team: str | None = None,
    status: str = "open",
) -> int:
    """A note on a metric for a week (optionally a team); returns its id."""
    _check_metric(metric_id)
    if not text.strip():
        raise AdminError("a note needs some text")
    if status not in NOTE_STATUSES:
        raise AdminError(f"status must be one of {', '.join(NOTE_STATUSES)}")
    if week.weekday() != 0:
        raise AdminError("a note's week is given by its Monday")
    with db.transaction(con) as cursor:
        note_id = run(
            cursor,
            "admin/add_note",
            {
                "metric_id": metric_id,
                "week": week,
                "team": team,
                "author": author,
                "owner": owner,
                "text": text,
                "status": status,
            },
        ).fetchall()[0][0]
        run(cursor, "admin/record_note_version", {"note_id": note_id, "changed_by": author})
    return note_id


def change_note(
    con: duckdb.DuckDBPyConnection,
    note_id: int,
    changed_by: str,
    text: str | None = None,
    status: str | None = None,
    owner: str | None = None,
    deleted: bool = False,
) -> None:
    """Edit a note's text, status or owner, or soft-delete it; every version is kept."""
    if text is not None and not text.strip():
        raise AdminError("a note needs some text")
    if status is not None and status not in NOTE_STATUSES:
        raise AdminError(f"status must be one of {', '.join(NOTE_STATUSES)}")
    with db.transaction(con) as cursor:
        changed = run(
            cursor,
            "admin/change_note",
            {
                "note_id": note_id,
                "text": text,
                "status": status,
                "owner": owner,
                "deleted": deleted,
            },
        ).fetchall()
        if not changed:
            raise AdminError(f"no note {note_id}")
        run(cursor, "admin/record_note_version", {"note_id": note_id, "changed_by": changed_by})
