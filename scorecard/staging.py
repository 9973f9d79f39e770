"""The staging relations (queries/staging/), kept as tables and rebuilt when their inputs change.

Every metric and page reads them many times, so they are computed once per change instead of
once per query: a load rebuilds, in its own transaction, the relations that read the tables it
wrote; a change of calendars or SLA policy rebuilds those that read them; a change of the SQL
itself (a new version of the product) rebuilds all of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import duckdb

from .config import load_config
from .sql import load_sql, run_sql

# meta: the reporting zone whose weeks the staging tables carry (their *_week columns), and
# the backlog age of the tickets' backlog_week.
STAGED_ZONE_KEY = "staging_timezone"
STAGED_BACKLOG_AGE_KEY = "staging_backlog_age_days"

# In dependency order, with what each one reads (tables and earlier relations).
STAGING: dict[str, set[str]] = {
    "stg_tickets": {"tickets", "escalations"},
    "stg_ticket_business": {"stg_tickets", "calendars", "calendar_days", "team_calendars"},
    "stg_sla_targets": {"stg_tickets", "stg_ticket_business", "sla_policy", "calendar_days"},
    "stg_csat": {"csat", "tickets"},
    "stg_pulse": {"pulse"},
    "stg_qa_reviews": {"qa_reviews", "agents"},
    "stg_qa_categories": {"qa_reviews", "agents"},
    "stg_escalations": {"escalations", "tickets"},
}


def affected(changed: Iterable[str]) -> list[str]:
    """The relations to rebuild, in order, when the given tables or relations changed."""
    dirty = set(changed)
    order = []
    for name, reads in STAGING.items():
        if reads & dirty:
            order.append(name)
            dirty.add(name)
    return order


def refresh(con: duckdb.DuckDBPyConnection, changed: Iterable[str]) -> None:
    """Rebuild what depends on `changed` (call inside the transaction that changed it)."""
    params = staging_params()
    for name in affected(changed):
        run_sql(con, f"create or replace table {name} as\n{load_sql(f'staging/{name}')}", params)
    for key, value in (
        (STAGED_ZONE_KEY, params["tz"]),
        (STAGED_BACKLOG_AGE_KEY, str(params["backlog_age_days"])),
    ):
        con.execute("delete from meta where key = ?", [key])
        con.execute("insert into meta values (?, ?)", [key, value])


def fingerprint() -> str:
    """What the staging tables depend on besides the data: their SQL, the reporting zone of
    their weeks and the backlog age (a change of any rebuilds them all)."""
    text = "\n".join(load_sql(f"staging/{name}") for name in STAGING)
    params = staging_params()
    settings = f"{params['tz']}\n{params['backlog_age_days']}"
    return hashlib.sha256(f"{text}\n{settings}".encode()).hexdigest()


def staging_params() -> dict[str, str | int]:
    """The settings the staging SQL binds, from the configuration."""
    config = load_config()
    return {"tz": config.reporting_timezone, "backlog_age_days": config.backlog_age_days}


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    """Build every relation when one is missing or the SQL changed since it was built."""
    stored = con.execute("select value from meta where key = 'staging_fingerprint'").fetchall()
    tables = {
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() "
            "where database_name = 'sc_data' and schema_name = 'main'"
        ).fetchall()
    }
    current = fingerprint()
    if stored and stored[0][0] == current and set(STAGING) <= tables:
        return
    con.execute("begin transaction")
    try:
        for name in STAGING:
            # Earlier versions kept them as views.
            if con.execute(
                "select count(*) from duckdb_views() "
                "where view_name = ? and database_name = 'sc_data' and schema_name = 'main'",
                [name],
            ).fetchall()[0][0]:
                con.execute(f"drop view {name}")
        refresh(con, _everything())
        con.execute("delete from meta where key = 'staging_fingerprint'")
        con.execute("insert into meta values ('staging_fingerprint', ?)", [current])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def _everything() -> set[str]:
    return set().union(*STAGING.values())
