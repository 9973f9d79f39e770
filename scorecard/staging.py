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
from .sql import has_table, load_sql, run_sql

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


# Relations whose rows each belong to one ticket and read only that ticket's rows of the
# loaded tables (a rating or an escalation with its ticket): a load that touched some
# tickets rebuilds only their rows (`refresh`). The keys of these tables all hold ticket_id,
# so a replaced row never moves to another ticket.
PER_TICKET = (
    "stg_tickets",
    "stg_ticket_business",
    "stg_sla_targets",
    "stg_csat",
    "stg_escalations",
)
TICKET_KEYED = ("tickets", "csat", "escalations")
LOADED_TABLES = {"tickets", "csat", "pulse", "qa_reviews", "agents", "escalations"}
CHANGED_TICKETS = "sc_changed_ticket_ids"  # temp: the tickets this session's loads touched
REBUILT_TICKETS = "sc_rebuilt_ticket_ids"  # temp: the tickets one refresh rebuilds
# Above this share of the staged tickets, a full rebuild is faster than replacing rows (and
# puts every row back in time order).
INCREMENTAL_SHARE = 0.25
DATA_CATALOG = "sc_data"  # db.DATA (db imports this module)


def affected(changed: Iterable[str]) -> list[str]:
    """The relations to rebuild, in order, when the given tables or relations changed."""
    dirty = set(changed)
    order = []
    for name, reads in STAGING.items():
        if reads & dirty:
            order.append(name)
            dirty.add(name)
    return order


def refresh(con: duckdb.DuckDBPyConnection, changed: Iterable[str]) -> set[str]:
    """Rebuild what depends on `changed` (call inside the transaction that changed it).

    Where the loads of this session recorded which tickets they touched
    (`note_changed_tickets`), the per-ticket relations rebuild only those tickets' rows;
    returns the relations rebuilt that way (the others were rebuilt whole)."""
    changed = set(changed)
    params = staging_params()
    names = affected(changed)
    floor_flag = _tickets_to_rebuild(con, changed, params)
    partly = set()
    try:
        if floor_flag is not None:
            _shadow_ticket_keyed(con)
        for name in names:
            if floor_flag is not None and name in PER_TICKET:
                _rebuild_tickets_of(con, name, {**params, "any_floor_loaded": floor_flag})
                partly.add(name)
            else:
                run_sql(
                    con,
                    f"create or replace table {name} as\n{load_sql(f'staging/{name}')}",
                    params,
                )
    finally:
        _drop_shadows(con)
    if has_table(con, "temp", CHANGED_TICKETS):
        # What this refresh covered; a table's changes not covered yet stay recorded.
        con.execute(
            f"delete from {CHANGED_TICKETS} where kind in (select unnest(?))", [sorted(changed)]
        )
    for key, value in (
        (STAGED_ZONE_KEY, params["tz"]),
        (STAGED_BACKLOG_AGE_KEY, str(params["backlog_age_days"])),
    ):
        con.execute("delete from meta where key = ?", [key])
        con.execute("insert into meta values (?, ?)", [key, value])
    return partly


def note_changed_tickets(con: duckdb.DuckDBPyConnection, kind: str, checked: str) -> None:
    """Remember the tickets whose rows a load of `kind` wrote from the checked table
    `checked` (its clean rows), for `refresh` on the same connection. Temp, so a rolled-back
    load forgets them with everything else it did."""
    if kind not in TICKET_KEYED:
        return
    con.execute(
        f"create temp table if not exists {CHANGED_TICKETS} (kind varchar, ticket_id varchar)"
    )
    # `checked` is the loader's own temp table name (ingest/loader.py), never user input.
    con.execute(
        f"insert into {CHANGED_TICKETS} "
        f"select distinct ?, ticket_id from {checked} where len(problems) = 0",
        [kind],
    )


def _tickets_to_rebuild(
    con: duckdb.DuckDBPyConnection, changed: set[str], params: dict
) -> bool | None:
    """Whether only the recorded tickets' rows need rebuilding: returns the floor flag the
    rebuild must use, or None for a full rebuild. Only for changes of loaded tables (not
    calendars or the SLA policy), staging tables built for the same settings, a touched share
    small enough that replacing rows beats rebuilding, and an unchanged floor flag (whether
    any floor information is loaded at all: it changes every ticket's highest floor)."""
    if not changed <= LOADED_TABLES or not has_table(con, "temp", CHANGED_TICKETS):
        return None
    staged = dict(
        con.execute(
            "select key, value from meta where key in (?, ?)",
            [STAGED_ZONE_KEY, STAGED_BACKLOG_AGE_KEY],
        ).fetchall()
    )
    if staged != {
        STAGED_ZONE_KEY: params["tz"],
        STAGED_BACKLOG_AGE_KEY: str(params["backlog_age_days"]),
    }:
        return None
    con.execute(
        f"create or replace temp table {REBUILT_TICKETS} as select distinct ticket_id "
        f"from {CHANGED_TICKETS} where kind in (select unnest(?))",
        [sorted(changed)],
    )
    touched, staged_tickets = con.execute(
        f"select (select count(*) from {REBUILT_TICKETS}), (select count(*) from stg_tickets)"
    ).fetchall()[0]
    if touched > INCREMENTAL_SHARE * staged_tickets:
        return None  # a first load, or most of the tickets: rebuilding is faster
    floor_now = con.execute(
        "select exists (select 1 from tickets where floor is not null) "
        "or exists (select 1 from escalations)"
    ).fetchall()[0][0]
    floor_staged = con.execute(
        "select exists (select 1 from stg_tickets where highest_floor is not null)"
    ).fetchall()[0][0]
    # A non-empty stg_tickets has a highest floor on every row or on none (the flag it was
    # built with); a changed flag changes every ticket's row.
    if floor_now != floor_staged:
        return None
    return floor_now


def _shadow_ticket_keyed(con: duckdb.DuckDBPyConnection) -> None:
    """Temp views of the ticket-keyed tables holding only the tickets to rebuild: temp names
    are found before the database's, so the staging SQL reads just those tickets."""
    for table in TICKET_KEYED:
        con.execute(
            f"create or replace temp view {table} as select * from {DATA_CATALOG}.main.{table} "
            f"where ticket_id in (select ticket_id from {REBUILT_TICKETS})"
        )


def _rebuild_tickets_of(con: duckdb.DuckDBPyConnection, name: str, params: dict) -> None:
    """Replace the rows of the recorded tickets in one per-ticket relation: its own SQL over
    the shadow views (`_shadow_ticket_keyed`); its result shadows the table for the
    relations after it. `_drop_shadows` removes them all."""
    run_sql(con, f"create or replace temp table {name} as\n{load_sql(f'staging/{name}')}", params)
    con.execute(
        f"delete from {DATA_CATALOG}.main.{name} "
        f"where ticket_id in (select ticket_id from {REBUILT_TICKETS})"
    )
    con.execute(f"insert into {DATA_CATALOG}.main.{name} by name select * from temp.main.{name}")


def _drop_shadows(con: duckdb.DuckDBPyConnection) -> None:
    for table in TICKET_KEYED:
        con.execute(f"drop view if exists temp.main.{table}")
    for name in (*PER_TICKET, REBUILT_TICKETS):
        con.execute(f"drop table if exists temp.main.{name}")


def fingerprint() -> str:
    """What the staging tables depend on besides the data: their SQL, the reporting zone of
    their weeks and the backlog age (a change of any rebuilds them all)."""
    text = "\n".join(load_sql(f"staging/{name}") for name in STAGING)
    params = staging_params()
    settings = f"{params['tz']}\n{params['backlog_age_days']}"
    return hashlib.sha256(f"{text}\n{settings}".encode()).hexdigest()


def staging_params() -> dict[str, str | int | None]:
    """The settings the staging SQL binds, from the configuration."""
    config = load_config()
    return {
        "tz": config.reporting_timezone,
        "backlog_age_days": config.backlog_age_days,
        "any_floor_loaded": None,  # found by stg_tickets itself (see refresh)
    }


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
