"""Opening the scorecard database: schema, staging tables and shipped defaults."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from . import calendars, metrics, staging
from .config import DATA_DIR
from .sql import run

SCHEMA_FILE = Path(__file__).with_name("schema.sql")
SLA_POLICY_FILE = DATA_DIR / "sla_policy.csv"

PRIORITIES = ("urgent", "high", "normal", "low")
CLOCKS = ("calendar", "business")


class SetupError(RuntimeError):
    """The database or the shipped defaults cannot be set up."""


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database; a read-write open also brings schema and views up to date."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    # Instants are stored and compared in UTC; reporting zones are applied explicitly.
    con.execute("set TimeZone = 'UTC'")
    if not read_only:
        initialise(con)
    return con


def initialise(con: duckdb.DuckDBPyConnection) -> None:
    """Create tables, seed targets and owners when empty, bring the calendars and the SLA
    policy in line with their files, and (re)build the staging tables where needed."""
    con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
    _seed_defaults(con)
    changed = set()
    if calendars.sync(con):
        changed |= {"calendars", "calendar_days", "team_calendars"}
    if sync_sla_policy(con, SLA_POLICY_FILE):
        changed.add("sla_policy")
    staging.ensure(con)
    if changed:
        refresh_staging(con, changed)


def refresh_staging(con: duckdb.DuckDBPyConnection, changed: set[str]) -> None:
    con.execute("begin transaction")
    try:
        staging.refresh(con, changed)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def _seed_defaults(con: duckdb.DuckDBPyConnection) -> None:
    since = metrics.default_targets_from()
    for metric in metrics.all_metrics():
        params = {
            "metric_id": metric.id,
            "operator": metric.operator,
            "target": float(metric.target),
            "owner": metric.owner,
            "effective_from": since,
        }
        run(con, "admin/seed_target", params)
        run(con, "admin/seed_owner", params)


def sync_sla_policy(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """The SLA policy is the file's: read again when the file changed. Returns whether it did."""
    current = hashlib.sha256(path.read_bytes()).hexdigest()
    stored = con.execute("select value from meta where key = 'sla_policy_fingerprint'").fetchall()
    if stored and stored[0][0] == current:
        return False
    con.execute("begin transaction")
    try:
        con.execute("delete from sla_policy")
        run(con, "admin/seed_sla_policy", {"path": str(path)})
        check_sla_policy(con)
        con.execute("delete from meta where key = 'sla_policy_fingerprint'")
        con.execute("insert into meta values ('sla_policy_fingerprint', ?)", [current])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return True


def check_sla_policy(con: duckdb.DuckDBPyConnection) -> None:
    """Every priority needs exactly one policy row with positive minutes and a known clock."""
    rows = con.execute(
        "select priority, count(*), min(first_response_minutes), min(resolution_minutes), "
        "list(distinct clock) from sla_policy group by priority"
    ).fetchall()
    seen = {row[0]: row for row in rows}
    for priority in PRIORITIES:
        if priority not in seen:
            raise SetupError(f"SLA policy has no row for priority {priority!r}")
        _, count, first_response, resolution, clocks = seen[priority]
        if count != 1:
            raise SetupError(f"SLA policy has {count} rows for priority {priority!r}")
        if first_response <= 0 or resolution <= 0:
            raise SetupError(f"SLA policy for {priority!r}: targets must be positive minutes")
        if any(clock not in CLOCKS for clock in clocks):
            raise SetupError(
                f"SLA policy for {priority!r}: clock {clocks[0]!r} is not supported "
                f"(supported: {', '.join(CLOCKS)})"
            )
    unknown = set(seen) - set(PRIORITIES)
    if unknown:
        raise SetupError(f"SLA policy names unknown priorities: {', '.join(sorted(unknown))}")


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """Changes whenever a load lands or a note, target or owner changes: a cache key."""
    return run(con, "admin/data_version").fetchall()[0][0]


def has_loads(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any file has been loaded."""
    return con.execute("select count(*) from load_log where status = 'loaded'").fetchall()[0][0] > 0
