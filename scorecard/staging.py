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
import numpy as np

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
# Per-ticket relations whose dates all come from their ticket's row of stg_tickets (its times
# and created_week) and later ones (deadlines, business days): the weeks their replaced rows
# fell in are found from the replaced stg_tickets row.
DERIVED_TIMES = {"stg_ticket_business", "stg_sla_targets"}
LOADED_TABLES = {"tickets", "csat", "pulse", "qa_reviews", "agents", "escalations"}
CHANGED_TICKETS = "sc_changed_ticket_ids"  # temp: the tickets this session's loads touched
REBUILT_TICKETS = "sc_rebuilt_ticket_ids"  # temp: the tickets one refresh rebuilds
# temp: what this session's refreshes changed, for the weekly rollup (rollups.py): one row per
# refresh, the earliest date any replaced or new per-ticket row holds, or `whole` when a
# relation was rebuilt whole (then every week may have changed).
CHANGED_SINCE = "sc_staging_changed_since"
SESSION_LOADS = "sc_session_load_ids"  # temp: the loads this connection wrote
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
    partly, earliest = set(), []
    try:
        if floor_flag is not None:
            _shadow_ticket_keyed(con)
        for name in names:
            if floor_flag is not None and name in PER_TICKET:
                params_now = {**params, "any_floor_loaded": floor_flag}
                earliest.append(_rebuild_tickets_of(con, name, params_now))
                partly.add(name)
            else:
                run_sql(
                    con,
                    f"create or replace table {name} as\n{load_sql(f'staging/{name}')}",
                    params,
                )
    finally:
        _drop_shadows(con)
    if names:
        dates = [d for d in earliest if d is not None]
        _note_changed_since(con, min(dates) if dates else None, whole=set(names) != partly)
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


def note_changed_tickets(
    con: duckdb.DuckDBPyConnection, kind: str, checked: str, load_id: int
) -> None:
    """Remember the load, and the tickets whose rows a load of `kind` wrote from the checked
    table `checked` (its clean rows), for `refresh` and the rollup on the same connection.
    Temp, so a rolled-back load forgets them with everything else it did."""
    con.execute(f"create temp table if not exists {SESSION_LOADS} (load_id bigint)")
    con.execute(f"insert into {SESSION_LOADS} values (?)", [load_id])
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


def _rebuild_tickets_of(con: duckdb.DuckDBPyConnection, name: str, params: dict):
    """Replace the rows of the recorded tickets in one per-ticket relation: its own SQL over
    the shadow views (`_shadow_ticket_keyed`); its result shadows the table for the
    relations after it. `_drop_shadows` removes them all. Returns the earliest date the
    replaced and the new rows hold (None when they hold none): no week before it can have
    changed, since every week a row counts in comes from one of its times or later ones."""
    run_sql(con, f"create or replace temp table {name} as\n{load_sql(f'staging/{name}')}", params)
    earliest = _earliest_of(con, name)
    remove = (
        f"delete from {DATA_CATALOG}.main.{name} "
        f"where ticket_id in (select ticket_id from {REBUILT_TICKETS})"
    )
    dates = [con.execute(f"select min({earliest}) from temp.main.{name}").fetchall()[0][0]]
    if name in DERIVED_TIMES:
        con.execute(remove)
    else:
        # The replaced rows' dates come back from the delete itself (one scan, not two).
        replaced = con.execute(f"{remove} returning {earliest} as earliest").fetchnumpy()
        replaced = np.ma.filled(replaced["earliest"], np.datetime64("NaT"))
        replaced = replaced[~np.isnat(replaced)]
        if len(replaced):
            dates.append(replaced.min().astype("datetime64[D]").item())
    con.execute(f"insert into {DATA_CATALOG}.main.{name} by name select * from temp.main.{name}")
    dates = [d for d in dates if d is not None]
    return min(dates) if dates else None


def _earliest_of(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """The earliest of a row's dates and times in relation `name`, as a date (UTC: the
    session's zone; the rollup allows a day either side for the reporting zone)."""
    columns = [
        row[0]
        for row in con.execute(
            "select column_name from duckdb_columns() where database_name = ? "
            "and schema_name = 'main' and table_name = ? "
            "and (data_type = 'DATE' or data_type like 'TIMESTAMP%')",
            [DATA_CATALOG, name],
        ).fetchall()
    ]
    if not columns:
        return "null::date"
    # Column names from the catalog, quoted.
    return "least(" + ", ".join(f'cast("{c}" as date)' for c in columns) + ")"


def _note_changed_since(con: duckdb.DuckDBPyConnection, earliest, whole: bool) -> None:
    con.execute(f"create temp table if not exists {CHANGED_SINCE} (earliest date, whole boolean)")
    con.execute(f"insert into {CHANGED_SINCE} values (?, ?)", [earliest, whole])


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
