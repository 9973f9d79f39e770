"""Business-hours calendars: read from data/calendars.toml, stored for SQL to use.

The file gives each calendar a time zone, opening hours per weekday (split shifts allowed), a
country's public holidays (the `holidays` package) and extra closed dates, and says which
calendar each team keeps. On every read-write open the tables are brought up to date, and
calendar_days — one row per calendar and day from CALENDAR_START to CALENDAR_END with the
opening minutes before it — is rebuilt in SQL when the file changed.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb

from .config import DATA_DIR
from .sql import load_sql, run_sql

CALENDARS_FILE = DATA_DIR / "calendars.toml"
CALENDAR_START, CALENDAR_END = date(2000, 1, 1), date(2040, 12, 31)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class CalendarError(ValueError):
    """The calendars file holds something that is not a calendar."""


@dataclass
class Calendar:
    name: str
    timezone: str
    hours: dict[int, list[tuple[float, float]]]  # ISO weekday → (open, close) minutes
    closed: dict[date, str] = field(default_factory=dict)


@dataclass
class Calendars:
    calendars: dict[str, Calendar]
    default: str
    teams: dict[str, str]
    fingerprint: str


def read_calendars(path: Path = CALENDARS_FILE) -> Calendars:
    text = path.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CalendarError(f"{path}: {exc}") from exc
    calendars = {
        name: _calendar(path, name, entry) for name, entry in raw.get("calendars", {}).items()
    }
    if not calendars:
        raise CalendarError(f"{path}: no [calendars.<name>] table")
    default = raw.get("default_calendar", next(iter(calendars)))
    if default not in calendars:
        raise CalendarError(f"{path}: default_calendar {default!r} is not a calendar")
    teams = {str(team): str(name) for team, name in raw.get("teams", {}).items()}
    for team, name in teams.items():
        if name not in calendars:
            raise CalendarError(
                f"{path}: team {team!r} keeps calendar {name!r}, which is not defined"
            )
    holidays_version = _holidays_version()
    fingerprint = hashlib.sha256(f"{text}\n{holidays_version}".encode()).hexdigest()
    return Calendars(calendars, default, teams, fingerprint)


def _calendar(path: Path, name: str, entry: dict) -> Calendar:
    zone = str(entry.get("timezone", "UTC"))
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CalendarError(f"{path}: calendar {name!r}: unknown time zone {zone!r}") from exc
    hours: dict[int, list[tuple[float, float]]] = {}
    for index, day in enumerate(WEEKDAYS, start=1):
        ranges = []
        for text in entry.get("hours", {}).get(day, []):
            match = _RANGE.match(str(text))
            if not match:
                raise CalendarError(
                    f"{path}: calendar {name!r}, {day}: {text!r} is not HH:MM-HH:MM"
                )
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            opens, closes = h1 * 60 + m1, h2 * 60 + m2
            if not (0 <= opens < closes <= 24 * 60) or m1 > 59 or m2 > 59:
                raise CalendarError(
                    f"{path}: calendar {name!r}, {day}: {text!r} is not a time range"
                )
            ranges.append((float(opens), float(closes)))
        ranges.sort()
        for (_, close), (following, _) in pairwise(ranges):
            if following < close:
                raise CalendarError(f"{path}: calendar {name!r}, {day}: ranges overlap")
        hours[index] = ranges
    if not any(hours.values()):
        raise CalendarError(f"{path}: calendar {name!r} is never open")
    closed: dict[date, str] = {}
    country = str(entry.get("country", "") or "")
    if country:
        closed.update(
            _public_holidays(path, name, country, str(entry.get("subdivision", "") or ""))
        )
    for text in entry.get("closed", []):
        try:
            closed[date.fromisoformat(str(text))] = "closed"
        except ValueError as exc:
            raise CalendarError(
                f"{path}: calendar {name!r}: closed date {text!r} is not YYYY-MM-DD"
            ) from exc
    return Calendar(name, zone, hours, closed)


def _public_holidays(path: Path, name: str, country: str, subdivision: str) -> dict[date, str]:
    import holidays

    try:
        found = holidays.country_holidays(
            country,
            subdiv=subdivision or None,
            years=range(CALENDAR_START.year, CALENDAR_END.year + 1),
        )
    except (NotImplementedError, KeyError) as exc:
        raise CalendarError(
            f"{path}: calendar {name!r}: no public holidays for {country!r} {subdivision!r}"
        ) from exc
    return {day: str(title) for day, title in found.items()}


def _holidays_version() -> str:
    try:
        import holidays

        return holidays.__version__
    except ImportError:  # pragma: no cover - the package is a pinned dependency
        return "none"


def sync(con: duckdb.DuckDBPyConnection, path: Path = CALENDARS_FILE) -> bool:
    """Bring the calendar tables in line with the file (rebuilding days only on change).
    Returns whether anything changed."""
    found = read_calendars(path)
    stored = con.execute("select value from meta where key = 'calendars_fingerprint'").fetchall()
    if stored and stored[0][0] == found.fingerprint:
        return False
    con.execute("begin transaction")
    try:
        for table in ("calendars", "calendar_hours", "calendar_closed", "team_calendars"):
            con.execute(f"delete from {table}")
        _insert(
            con,
            "insert into calendars values (?, ?, ?)",
            [(c.name, c.timezone, c.name == found.default) for c in found.calendars.values()],
        )
        _insert(
            con,
            "insert into calendar_hours values (?, ?, ?, ?)",
            [
                (c.name, weekday, opens, closes)
                for c in found.calendars.values()
                for weekday, ranges in c.hours.items()
                for opens, closes in ranges
            ],
        )
        _insert(
            con,
            "insert into calendar_closed values (?, ?, ?)",
            [
                (c.name, day, reason)
                for c in found.calendars.values()
                for day, reason in c.closed.items()
            ],
        )
        _insert(con, "insert into team_calendars values (?, ?)", list(found.teams.items()))
        con.execute("delete from calendar_days")
        run_sql(
            con,
            f"insert into calendar_days\n{load_sql('calendar/calendar_days')}",
            {"first_day": CALENDAR_START, "last_day": CALENDAR_END},
        )
        con.execute("delete from meta where key = 'calendars_fingerprint'")
        con.execute("insert into meta values ('calendars_fingerprint', ?)", [found.fingerprint])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return True


def _insert(con: duckdb.DuckDBPyConnection, statement: str, rows: list[tuple]) -> None:
    if rows:
        con.executemany(statement, rows)
