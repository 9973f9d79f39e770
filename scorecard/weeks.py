"""Reporting weeks (SPEC §3): Monday to Monday in the reporting zone, labelled 2026-W47."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

_LABEL = re.compile(r"^(\d{4})-W(\d{2})$")


class WeekError(ValueError):
    """A week label that is not of the form 2026-W47, or names no such week."""


def parse_week(label: str) -> date:
    """The Monday of an ISO week label such as 2026-W47."""
    match = _LABEL.match(label.strip())
    if not match:
        raise WeekError(f"week must look like 2026-W47, not {label!r}")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise WeekError(f"{year} has no week {week}") from exc


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_bounds(monday: date, timezone: str) -> tuple[datetime, datetime]:
    """Start and end instants of the week, in the reporting zone."""
    zone = ZoneInfo(timezone)
    start = datetime.combine(monday, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(monday + timedelta(days=7), datetime.min.time(), tzinfo=zone)
    return start, end


def last_completed_week(today: date) -> date:
    """The Monday of the last week that has fully ended before `today`."""
    return monday_of(today) - timedelta(days=7)
