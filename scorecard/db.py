"""Storage: two DuckDB files, written only by atomic swaps, read by any number of processes.

DuckDB lets one process write a file, and readers only while no writer holds it. The
dashboard serves users all day while a scheduled load or publish runs from the command line,
so no process ever writes a live file in place:

- the *data* file (`scorecard.duckdb`) holds the loaded exports and what is derived from them
  (load log, quarantine, calendars, staging tables);
- the *state* file (`scorecard.state.duckdb`) holds what people write: targets, owners,
  notes, published snapshots.

A writer takes the part's lock file (other writers of that part wait their turn), copies the
live file, changes the copy, checkpoints it and renames it over the live file — one atomic
step. Readers open the live files read-only and keep reading the version they opened; a
reader notices a new version by the files' identity (`version`) and opens it. A writer
killed mid-way leaves the live file untouched; its copy is removed by the next writer. A load
and a note never wait for each other (different parts); two notes, or a note and a publish,
take turns on the state lock.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import duckdb

from . import calendars, interrupts, metrics, staging
from .config import DATA_DIR
from .sql import has_table, run

SCHEMA_DATA_FILE = Path(__file__).with_name("schema_data.sql")
SCHEMA_STATE_FILE = Path(__file__).with_name("schema_state.sql")
SLA_POLICY_FILE = DATA_DIR / "sla_policy.csv"

PRIORITIES = ("urgent", "high", "normal", "low")
CLOCKS = ("calendar", "business")

DATA, STATE = "sc_data", "sc_state"  # catalog names of the two files in every session
Part = Literal["data", "state"]
LOCK_WAIT_SECONDS = 600.0  # a writer waits this long for another writer of the same part
MEMORY_LIMIT = "2GB"  # per DuckDB session; SCORECARD_MEMORY_LIMIT overrides it
# Tables of the state file that earlier versions kept in the data file.
STATE_TABLES = ("targets", "owners", "notes", "note_history")


# The catalog each session writes to (or reads first), by connection: a cursor needs it, and
# asking the shared connection itself would make threads collide on it.
_SESSION_FIRST: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class SetupError(RuntimeError):
    """The database or the shipped defaults cannot be set up."""


class BusyError(RuntimeError):
    """Another writer kept the lock longer than a writer waits."""


def state_path(path: Path | str) -> Path:
    """The state file that goes with a data file."""
    path = Path(path)
    return path.with_name(f"{path.stem}.state{path.suffix or '.duckdb'}")


def _catalog(part: Part) -> str:
    return DATA if part == "data" else STATE


def _session_sql(first: str) -> str:
    # Unqualified names resolve in both files; new tables go to the first (the written one).
    other = STATE if first == DATA else DATA
    return (
        f"use {first}; set search_path = '{first}.main,{other}.main'; set TimeZone = 'UTC'; "
        f"set variable scorecard_session = '{first}'"
    )


def _open(
    data: Path, state: Path, writable: Part | None, direct: bool = False
) -> duckdb.DuckDBPyConnection:
    """A session over both files: the writable part read-write, the other read-only."""
    con = duckdb.connect(
        ":memory:",
        config={
            # Bounded, so a large load or page stays within the machine's share; beyond it
            # DuckDB spills to the temp directory beside the data file.
            "memory_limit": os.environ.get("SCORECARD_MEMORY_LIMIT", MEMORY_LIMIT),
            "temp_directory": str(data.with_name(data.name + ".tmp")),
        },
    )
    try:
        for part, file in (("data", data), ("state", state)):
            read_only = not direct and writable != part
            if read_only and not file.exists():
                # First setup: the other part does not exist yet; an empty stand-in.
                con.execute(f"attach ':memory:' as {_catalog(part)}")
                continue
            con.execute(
                f"attach $file as {_catalog(part)}" + (" (read_only)" if read_only else ""),
                {"file": str(file)},
            )
        first = _catalog(writable or "state")
        con.execute(_session_sql(first))
        _SESSION_FIRST[con] = first
    except BaseException:
        con.close()
        raise
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor with the session's catalog order and time zone (cursors start bare). Safe
    to call from many threads on one shared connection: nothing runs on the connection."""
    first = _SESSION_FIRST.get(con)
    if first is None:  # a cursor of a cursor: this thread's own
        first = con.execute("select getvariable('scorecard_session')").fetchall()[0][0]
    cur = con.cursor()
    cur.execute(_session_sql(first))
    _SESSION_FIRST[cur] = first
    return cur


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open both files directly. Read-write is for one process alone (tests, the benchmark):
    it sets everything up; the dashboard and the command line use `open_reader` and `writing`."""
    data = Path(path)
    if read_only:
        return open_reader(data)
    data.parent.mkdir(parents=True, exist_ok=True)
    con = _open(data, state_path(data), "data", direct=True)
    try:
        _migrate_state(con)
        initialise(con)
    except BaseException:
        con.close()
        raise
    return con


def open_reader(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only session on the live files; it keeps reading this version of them."""
    data = Path(path)
    for file in (data, state_path(data)):
        if not file.exists():
            raise SetupError(f"no database at {file}: run `python -m scorecard demo` or ingest")
    return _open(data, state_path(data), None)


def version(path: Path | str) -> str:
    """Identity of the live files: changes with every write (each write is a new file)."""
    parts = []
    for file in (Path(path), state_path(path)):
        try:
            st = os.stat(file)
        except FileNotFoundError:
            parts.append("none")
            continue
        parts.append(f"{st.st_ino}.{st.st_mtime_ns}.{st.st_size}")
    return "/".join(parts)


@contextlib.contextmanager
def _locked(lock_file: Path, wait_seconds: float) -> Iterator[None]:
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    raise BusyError(
                        f"another writer has held {lock_file.name} for over "
                        f"{wait_seconds:.0f} s; try again later"
                    ) from exc
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def writing(
    path: Path | str, part: Part, wait_seconds: float = LOCK_WAIT_SECONDS
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A session that writes one part of the database; its changes replace the live file
    atomically when the block ends without an exception, and are thrown away otherwise."""
    data = Path(path)
    live = data if part == "data" else state_path(data)
    draft = live.with_name(live.name + ".next")
    live.parent.mkdir(parents=True, exist_ok=True)
    with _locked(live.with_name(live.name + ".lock"), wait_seconds):
        _remove(draft)
        if live.exists():
            shutil.copyfile(live, draft)
        files = {"data": data, "state": state_path(data), part: draft}
        con = _open(files["data"], files["state"], part)
        try:
            if part == "data":
                initialise_data(con)
            else:
                _migrate_state(con)
                initialise_state(con)
            yield con
            interrupts.check()
            if part == "data":
                _refresh_rollup(con)
            interrupts.check()
            con.execute(f"checkpoint {_catalog(part)}")
            con.close()
            if Path(f"{draft}.wal").exists():
                raise SetupError(f"{draft.name}: changes were not fully written")
            _fsync(draft)
            os.replace(draft, live)
            _fsync(live.parent)
        except BaseException:
            con.close()
            _remove(draft)
            raise


def _refresh_rollup(con: duckdb.DuckDBPyConnection) -> None:
    """Keep the unfiltered view's weekly figures ready (scorecard/rollups.py)."""
    from . import rollups
    from .config import load_config

    rollups.refresh(con, load_config())


def _remove(draft: Path) -> None:
    for file in (draft, Path(f"{draft}.wal")):
        file.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def setup_needed(path: Path | str) -> list[Part]:
    """The parts whose file is missing or set up by another version or other settings."""
    data = Path(path)
    needed: list[Part] = []
    for part, file, table in (("data", data, "meta"), ("state", state_path(data), "state_meta")):
        if not file.exists():
            needed.append(part)
            continue
        with contextlib.closing(duckdb.connect(":memory:")) as con:
            con.execute(f"attach $file as {_catalog(part)} (read_only)", {"file": str(file)})
            try:
                stored = con.execute(
                    f"select value from {_catalog(part)}.main.{table} "
                    "where key = 'setup_fingerprint'"
                ).fetchall()
            except duckdb.CatalogException:
                stored = []
            legacy = part == "data" and has_table(con, DATA, "notes")
            # A database from before the rollup (scorecard/rollups.py), or whose rollup other
            # settings made unusable, gets a fresh one now.
            stale_rollup = part == "data" and not legacy and _rollup_is_stale(con)
        if legacy or stale_rollup or not stored or stored[0][0] != setup_fingerprint(part):
            needed.append(part)
    return needed


def _rollup_is_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the kept page rows were made under other settings (or are missing)."""
    from . import rollups
    from .config import load_config

    if not (has_table(con, DATA, "meta") and has_table(con, DATA, "load_log")):
        return True
    con.execute(f"use {DATA}")
    try:
        stored = rollups.stored_page_stamp(con)
        return stored is None or stored != rollups.page_stamp(con, load_config())
    except duckdb.Error:
        return True


def ensure_ready(path: Path | str) -> None:
    """Create or bring up to date the files (a writer session per part that needs it).
    State first: it takes over notes and targets that earlier versions kept with the data."""
    for part in sorted(setup_needed(path), key=lambda p: p != "state"):
        with writing(path, part):
            pass


def setup_fingerprint(part: Part) -> str:
    """What a part's setup depends on: its schema and the files it is built from."""
    digest = hashlib.sha256()
    if part == "data":
        digest.update(SCHEMA_DATA_FILE.read_bytes())
        digest.update(staging.fingerprint().encode())
        digest.update(calendars.read_calendars(calendars.CALENDARS_FILE).fingerprint.encode())
        digest.update(SLA_POLICY_FILE.read_bytes())
    else:
        digest.update(SCHEMA_STATE_FILE.read_bytes())
        digest.update(metrics.METRICS_FILE.read_bytes())
    return digest.hexdigest()


def initialise(con: duckdb.DuckDBPyConnection) -> None:
    """Set up both parts on a direct session."""
    initialise_state(con)
    initialise_data(con)


def initialise_data(con: duckdb.DuckDBPyConnection) -> None:
    """Create the data tables, bring the calendars and the SLA policy in line with their
    files, and (re)build the staging tables where needed."""
    _in_catalog(con, DATA, SCHEMA_DATA_FILE.read_text(encoding="utf-8"))
    changed = set()
    if calendars.sync(con):
        changed |= {"calendars", "calendar_days", "team_calendars"}
    if sync_sla_policy(con, SLA_POLICY_FILE):
        changed.add("sla_policy")
    staging.ensure(con)
    if changed:
        refresh_staging(con, changed)
    if has_table(con, STATE, "notes"):
        for table in STATE_TABLES:  # taken over by the state file (see _migrate_state)
            con.execute(f"drop table if exists {DATA}.main.{table}")
    _mark(con, f"{DATA}.main.meta", setup_fingerprint("data"))


def initialise_state(con: duckdb.DuckDBPyConnection) -> None:
    """Create the state tables and seed targets and owners of metrics that have none."""
    _in_catalog(con, STATE, SCHEMA_STATE_FILE.read_text(encoding="utf-8"))
    _seed_defaults(con)
    _mark(con, f"{STATE}.main.state_meta", setup_fingerprint("state"))


def _in_catalog(con: duckdb.DuckDBPyConnection, catalog: str, statements: str) -> None:
    first = con.execute("select getvariable('scorecard_session')").fetchall()[0][0]
    con.execute(_session_sql(catalog))
    try:
        con.execute(statements)
    finally:
        con.execute(_session_sql(first))


def _mark(con: duckdb.DuckDBPyConnection, table: str, fingerprint: str) -> None:
    stored = con.execute(f"select value from {table} where key = 'setup_fingerprint'").fetchall()
    if stored == [(fingerprint,)]:
        return
    con.execute(f"delete from {table} where key = 'setup_fingerprint'")
    con.execute(f"insert into {table} values ('setup_fingerprint', ?)", [fingerprint])


def _migrate_state(con: duckdb.DuckDBPyConnection) -> None:
    """Earlier versions kept targets, owners and notes in the data file: copy them into a
    new state file once (nothing people wrote is lost), before the data file drops them."""
    found = {
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() where database_name = ?", [DATA]
        ).fetchall()
    }
    if not set(STATE_TABLES) <= found:
        return
    if has_table(con, STATE, "notes"):
        return
    _in_catalog(con, STATE, SCHEMA_STATE_FILE.read_text(encoding="utf-8"))
    for table in STATE_TABLES:
        con.execute(f"insert into {STATE}.main.{table} select * from {DATA}.main.{table}")
    next_id = con.execute(f"select coalesce(max(note_id), 0) + 1 from {STATE}.main.notes")
    start = next_id.fetchall()[0][0]
    con.execute(f"drop sequence {STATE}.main.note_id_seq")
    con.execute(f"create sequence {STATE}.main.note_id_seq start {int(start)}")


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor whose statements commit together, or not at all."""
    cur = cursor(con)
    try:
        cur.execute("begin transaction")
        yield cur
        cur.execute("commit")
    except BaseException:
        cur.execute("rollback")
        raise
    finally:
        cur.close()


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


def has_loads(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any file has been loaded."""
    return con.execute("select count(*) from load_log where status = 'loaded'").fetchall()[0][0] > 0
