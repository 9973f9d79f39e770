"""Loading one export file into the database, atomically and idempotently (SPEC §6, §11).

The steps, all on one connection and, once reading succeeded, in one transaction:
read the file into text columns (sources.py), map its columns to the canonical ones,
check and type every row in SQL (queries/load/check_<kind>.sql), flag in-file conflicts,
then replace rows by key, quarantine bad rows with their reasons and log the load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from ..sql import load_sql, run, run_sql
from . import sources
from .kinds import KINDS, Kind, kind_from_file_name, kinds_matching_columns
from .sources import FileRefused

MACROS_FILE = Path(__file__).with_name("macros.sql")
SOURCES = ("canonical",)


@dataclass
class LoadResult:
    file: str
    kind: str | None = None
    status: str = "refused"  # loaded | skipped | refused
    rows_read: int = 0
    loaded: int = 0
    replaced: int = 0
    quarantined: int = 0
    message: str = ""
    load_id: int | None = None
    ignored_columns: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The one line `ingest` prints for this file (SPEC §11)."""
        if self.status == "refused":
            return f"error: {self.file}: {self.message}"
        line = (
            f"{self.file}: {self.loaded} loaded ({self.replaced} replaced), "
            f"{self.quarantined} quarantined"
        )
        if self.status == "skipped":
            line += f" ({self.message})"
        return line


def load_file(
    con: duckdb.DuckDBPyConnection,
    path: Path | str,
    kind: str | None = None,
    source: str = "canonical",
    timezone: str = "UTC",
    encoding: str | None = None,
    now: datetime | None = None,
    display_name: str | None = None,
) -> LoadResult:
    """Load one file; never raises for a bad file (the result says why it was refused)."""
    path = Path(path)
    started = now or datetime.now(UTC)
    result = LoadResult(file=display_name or str(path), kind=kind)
    if source not in SOURCES:
        result.message = f"source {source!r} is not supported (supported: {', '.join(SOURCES)})"
        return result
    checksum = None
    try:
        sources.check_readable(path)
        file_format = sources.file_format(path)
        checksum = sources.checksum(path)
        with sources.work_directory() as work_dir:
            readable = path
            if file_format != "parquet":
                if encoding and encoding.replace("-", "").replace("_", "").lower() != "utf8":
                    readable = sources.transcode_to_utf8(path, encoding, Path(work_dir))
                else:
                    sources.check_utf8(path)
            _load_readable(
                con, path, readable, file_format, result, checksum, source, timezone, started
            )
    except FileRefused as exc:
        result.status, result.message = "refused", str(exc)
    except duckdb.Error as exc:
        result.status, result.message = "refused", sources._first_line(exc)
    if result.status == "refused":
        _log_refusal(con, path, result, checksum, source, timezone, started)
    return result


def _load_readable(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    readable: Path,
    file_format: str,
    result: LoadResult,
    checksum: str,
    source: str,
    timezone: str,
    started: datetime,
) -> None:
    def already_loaded(kind_name: str) -> bool:
        previous = run(
            con,
            "load/find_previous_load",
            {"checksum": checksum, "kind": kind_name, "source": source, "tz": timezone},
        ).fetchall()
        if previous:
            result.kind, result.status, result.load_id = kind_name, "skipped", previous[0][0]
            result.message = f"same content as load {previous[0][0]}; nothing changed"
        return bool(previous)

    # Same bytes, same kind and options: nothing to do, and no need to read the file.
    early_kind = result.kind or getattr(kind_from_file_name(path.name), "name", None)
    if early_kind in KINDS and already_loaded(early_kind):
        return

    con.execute(MACROS_FILE.read_text(encoding="utf-8"))
    try:
        # Staging and checking use temp tables of this connection only; the database
        # itself changes in the one transaction below.
        staged = _stage(con, readable, file_format)
        _check_record_numbers(con, staged.rows)
        kind = _resolve_kind(result.kind, path.name, staged.headers)
        result.kind = kind.name
        mapping, result.ignored_columns = _map_columns(kind, staged.headers)
        if kind.name != early_kind and already_loaded(kind.name):
            return

        if file_format == "csv" and staged.rows:
            sources.resolve_csv_lines(con, readable)
        _create_stage_raw(con, kind, mapping)
        latest = started + timedelta(days=1)
        run_sql(
            con,
            f"create or replace temp table stage_checked as\n{load_sql(f'load/check_{kind.name}')}",
            {"tz": timezone, "latest": latest, "latest_date": latest.date()},
        )
        run(con, "load/flag_conflicts", {"key_label": kind.key_label})
        if kind.name == "qa_reviews":
            run(con, "load/flag_qa_reviews")

        con.execute("begin transaction")
        try:
            load_id = con.execute("select nextval('load_id_seq')").fetchall()[0][0]
            counts = _merge(con, kind, load_id)
            quarantined_rows = _quarantine(con, kind, load_id, result.file, staged.headers)
            rows_read = staged.rows + staged.rejects
            if rows_read != counts["loaded"] + quarantined_rows:
                raise RuntimeError("rows read do not add up to rows loaded + quarantined")
            run(
                con,
                "load/log_load",
                {
                    "load_id": load_id,
                    "file_name": result.file,
                    "file_path": str(path.resolve()),
                    "checksum": checksum,
                    "kind": kind.name,
                    "source": source,
                    "tz": timezone,
                    "status": "loaded",
                    "rows_read": rows_read,
                    "rows_loaded": counts["loaded"],
                    "rows_replaced": counts["replaced"],
                    "rows_quarantined": quarantined_rows,
                    "message": _ignored_message(result.ignored_columns),
                    "started_at": started,
                },
            )
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        result.rows_read = rows_read
        result.loaded = counts["loaded"]
        result.replaced = counts["replaced"]
        result.quarantined = quarantined_rows
        result.load_id = load_id
        result.status = "loaded"
    finally:
        for table in ("stage_source", "stage_rejects", "stage_checked"):
            con.execute(f"drop table if exists {table}")
        con.execute("drop view if exists stage_raw")


def _check_record_numbers(con: duckdb.DuckDBPyConnection, rows: int) -> None:
    """Record numbers are the staging table's row ids, 0 … rows − 1 in file order."""
    low, high = con.execute("select min(rowid), max(rowid) from stage_source").fetchall()[0]
    if rows and (low, high) != (0, rows - 1):
        raise RuntimeError(f"staged row ids run {low}…{high} for {rows} records")


def _stage(con: duckdb.DuckDBPyConnection, readable: Path, file_format: str) -> sources.Staged:
    if file_format == "csv":
        return sources.stage_csv(con, readable)
    if file_format == "parquet":
        return sources.stage_parquet(con, readable)
    return sources.stage_json(con, readable, lines_format=file_format == "jsonl")


def _resolve_kind(requested: str | None, file_name: str, headers: list[str]) -> Kind:
    if requested:
        if requested not in KINDS:
            raise FileRefused(f"unknown kind {requested!r} (expected one of {', '.join(KINDS)})")
        return KINDS[requested]
    by_name = kind_from_file_name(file_name)
    if by_name:
        return by_name
    candidates = kinds_matching_columns(headers)
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise FileRefused(
            "cannot tell which table this file is for (its name does not start with a kind "
            "and its columns match none): pass --kind"
        )
    names = " and ".join(k.name for k in candidates)
    raise FileRefused(
        f"cannot tell which table this file is for (columns match {names}): pass --kind"
    )


def _map_columns(kind: Kind, headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Canonical column → position in the file, and the names of columns not used."""
    mapping: dict[str, int] = {}
    ignored: list[str] = []
    for position, header in enumerate(headers):
        column = kind.column_for(header)
        if column is None:
            ignored.append(header)
        elif column in mapping:
            first = headers[mapping[column]]
            raise FileRefused(f"columns {first!r} and {header!r} both mean {column}")
        else:
            mapping[column] = position
    missing = [c for c in kind.required if c not in mapping]
    if missing:
        found = ", ".join(repr(h) for h in headers[:12]) or "none"
        hint = ""
        if len(headers) == 1:
            hint = "; is the delimiter a comma, semicolon, tab or pipe?"
        raise FileRefused(
            f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"for {kind.name} (found {found}){hint}"
        )
    return mapping, ignored


def _create_stage_raw(con: duckdb.DuckDBPyConnection, kind: Kind, mapping: dict[str, int]) -> None:
    # Positions and canonical names come from code, never from the file.
    selects = ", ".join(
        f"c{mapping[column]} as raw_{column}"
        if column in mapping
        else f"null::varchar as raw_{column}"
        for column in kind.columns
    )
    con.execute(
        "create or replace temp view stage_raw as "
        f"select rowid as _ord, _line, {selects} from stage_source"
    )


def _merge(con: duckdb.DuckDBPyConnection, kind: Kind, load_id: int) -> dict[str, int]:
    table, columns = kind.name, ", ".join(kind.columns)
    loaded = con.execute("select count(*) from stage_checked where len(problems) = 0").fetchall()[
        0
    ][0]
    replaced = con.execute(
        f"""
        select count(*) from (
            select distinct _key from stage_checked where len(problems) = 0
        ) as accepted
        where _key in (select row_key from {table})
        """
    ).fetchall()[0][0]
    con.execute(
        f"delete from {table} where row_key in "
        "(select _key from stage_checked where len(problems) = 0)"
    )
    # Identical copies inside the file load once.
    run_sql(
        con,
        f"""
        insert into {table} (row_key, {columns}, load_id, source_line)
        select _key, {columns}, $load_id, _line
        from stage_checked
        where len(problems) = 0
        qualify row_number() over (partition by _key order by _ord) = 1
        """,
        {"load_id": load_id},
    )
    return {"loaded": loaded, "replaced": replaced}


def _quarantine(
    con: duckdb.DuckDBPyConnection, kind: Kind, load_id: int, file_name: str, headers: list[str]
) -> int:
    # The raw record as a JSON object of the file's own column names (bound as values).
    names = {f"h{i}": header for i, header in enumerate(headers)}
    record = "json_object(" + ", ".join(f"$h{i}, source.c{i}" for i in range(len(headers))) + ")"
    if not headers:
        record = "'{}'"
    params = {"load_id": load_id, "file_name": file_name, "kind": kind.name, **names}
    run_sql(
        con,
        f"""
        insert into quarantine (load_id, file_name, kind, line, "column", value, reasons, record)
        select
            $load_id, $file_name, $kind, checked._line,
            checked.problems[1].column, checked.problems[1].value,
            list_transform(checked.problems, lambda p: p.column || ': ' || p.reason),
            {record}::varchar
        from stage_checked as checked
        join stage_source as source on source.rowid = checked._ord
        where len(checked.problems) > 0
        """,
        params,
    )
    run(
        con,
        "load/quarantine_rejects",
        {"load_id": load_id, "file_name": file_name, "kind": kind.name},
    )
    return con.execute(
        "select (select count(*) from stage_checked where len(problems) > 0)"
        " + (select count(*) from stage_rejects)"
    ).fetchall()[0][0]


def _ignored_message(ignored: list[str]) -> str | None:
    if not ignored:
        return None
    return "columns not used: " + ", ".join(ignored)


def _log_refusal(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    result: LoadResult,
    checksum: str | None,
    source: str,
    timezone: str,
    started: datetime,
) -> None:
    """A refused file adds one line to the load log and nothing else."""
    try:
        load_id = con.execute("select nextval('load_id_seq')").fetchall()[0][0]
        run(
            con,
            "load/log_load",
            {
                "load_id": load_id,
                "file_name": result.file,
                "file_path": str(path.resolve()),
                "checksum": checksum,
                "kind": result.kind,
                "source": source,
                "tz": timezone,
                "status": "refused",
                "rows_read": None,
                "rows_loaded": None,
                "rows_replaced": None,
                "rows_quarantined": None,
                "message": result.message,
                "started_at": started,
            },
        )
    except duckdb.Error:
        pass  # the refusal itself is what matters; a read-only database cannot log it
