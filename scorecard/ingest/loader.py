"""Loading one export file into the database, atomically and idempotently (SPEC §6, §11).

The steps, all on one connection: read the file into text columns (sources.py); decide what it
is — canonical, or a Zendesk / Freshdesk / mapped export (adapters.py) — which gives, for each
table it feeds, an SQL select of canonical text columns; check and type every row in SQL
(queries/load/check_<kind>.sql) and flag in-file conflicts. Only then, in one transaction:
replace rows by key, quarantine bad rows with their reasons, and log the load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from .. import db, interrupts, staging
from ..sql import load_sql, run, run_sql
from . import sources
from .adapters import (
    AdapterOptions,
    Plan,
    canonical_plan,
    detect_source,
    empty_plan,
    plan_for,
)
from .kinds import KINDS, Kind, kind_from_file_name, kinds_matching_columns, normalise_name
from .sources import FileRefused

MACROS_FILE = Path(__file__).with_name("macros.sql")
STAGE_TABLES = (
    "stage_source",
    "stage_rejects",
    "stage_checked",
    *(f"stage_checked_{k}" for k in KINDS),
)


# How far a load got: a share of the work done (0–1) and the step under way, in words.
Progress = Callable[[float, str], None]


def _silent(share: float, step: str) -> None:
    pass


def _checked(kind: Kind) -> str:
    """The temp table holding a kind's checked rows (a name made from code, not data)."""
    return f"stage_checked_{kind.name}"


@dataclass
class KindCounts:
    kind: str
    rows_read: int = 0
    loaded: int = 0
    replaced: int = 0
    quarantined: int = 0
    load_id: int | None = None

    def counts(self) -> str:
        return f"{self.loaded} loaded ({self.replaced} replaced), {self.quarantined} quarantined"


@dataclass
class LoadResult:
    file: str
    kind: str | None = None
    source: str | None = None
    detected: str | None = None  # what the file was read as, in words
    status: str = "refused"  # loaded | skipped | refused
    message: str = ""
    parts: list[KindCounts] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    # The counts of a one-table load, or of the file's first table.
    @property
    def rows_read(self) -> int:
        return sum(p.rows_read for p in self.parts)

    @property
    def loaded(self) -> int:
        return self.parts[0].loaded if self.parts else 0

    @property
    def replaced(self) -> int:
        return self.parts[0].replaced if self.parts else 0

    @property
    def quarantined(self) -> int:
        return self.parts[0].quarantined if self.parts else 0

    @property
    def load_id(self) -> int | None:
        return self.parts[0].load_id if self.parts else None

    def summary(self) -> str:
        """The one line `ingest` prints for this file (SPEC §11)."""
        if self.status == "refused":
            return f"error: {self.file}: {self.message}"
        if self.status == "skipped":
            return f"{self.file}: 0 loaded (0 replaced), 0 quarantined ({self.message})"
        if len(self.parts) == 1:
            p = self.parts[0]
            return f"{self.file}: {p.counts()}"
        return f"{self.file}: " + "; ".join(f"{p.kind} {p.counts()}" for p in self.parts)


@dataclass(frozen=True)
class CheckedCounts:
    """A table's checked records: all of them, those that pass, those with a problem."""

    rows: int
    clean: int
    quarantined: int


@dataclass
class Prepared:
    """A file read and checked, ready to merge (or to preview)."""

    plan: Plan
    staged: sources.Staged
    timezone: str
    no_repeats: set[str] = field(default_factory=set)  # kinds whose keys are all distinct
    counts: dict[str, CheckedCounts] = field(default_factory=dict)  # by kind


def load_file(
    con: duckdb.DuckDBPyConnection,
    path: Path | str,
    kind: str | None = None,
    source: str | None = None,
    timezone: str | None = None,
    encoding: str | None = None,
    now: datetime | None = None,
    display_name: str | None = None,
    options: AdapterOptions | None = None,
    refresh_staging: bool = True,
    progress: Progress | None = None,
) -> LoadResult:
    """Load one file; never raises for a bad file (the result says why it was refused).

    With `refresh_staging=False` the staging tables are left for the caller to rebuild once
    after several files (`refresh_after`), in the same writer session. `progress` hears each
    step as it starts (a large file takes minutes)."""
    path = Path(path)
    given = progress or _silent

    def report(share: float, step: str) -> None:
        interrupts.check()  # between steps: a Ctrl-C DuckDB swallowed still stops the load
        given(share, step)

    started = now or datetime.now(UTC)
    result = LoadResult(file=display_name or str(path), kind=kind, source=source)
    checksum = None
    try:
        sources.check_readable(path)
        file_format = sources.file_format(path)
        report(0.0, f"Checking the file ({path.stat().st_size / 1e6:,.1f} MB)…")
        checksum = sources.checksum(path)
        early_kind = kind or getattr(kind_from_file_name(path.name), "name", None)
        if (
            early_kind in KINDS
            and source in (None, "canonical")
            and _skip(con, result, checksum, [early_kind], source or "canonical", timezone or "UTC")
        ):
            return result
        with sources.work_directory() as work_dir:
            readable = _readable(path, file_format, encoding, Path(work_dir))
            try:
                prepared = _prepare(
                    con,
                    path,
                    readable,
                    file_format,
                    kind,
                    source,
                    timezone,
                    started,
                    options,
                    report,
                    Path(work_dir),
                )
                result.source, result.detected = prepared.plan.source, prepared.plan.label
                result.kind = prepared.plan.parts[0].kind.name
                result.ignored_columns = prepared.plan.ignored_columns
                kinds = [part.kind.name for part in prepared.plan.parts]
                if not _skip(con, result, checksum, kinds, prepared.plan.source, prepared.timezone):
                    report(0.7, f"Writing {prepared.staged.rows:,} records and their quarantine…")
                    _merge_all(
                        con, path, prepared, result, checksum, started, refresh_staging, report
                    )
            finally:
                _drop_stage(con)
    except FileRefused as exc:
        result.status, result.message = "refused", _one_line(str(exc))
    except duckdb.InterruptException as exc:
        raise KeyboardInterrupt from exc  # Ctrl-C during a query: stop, do not refuse the file
    except duckdb.Error as exc:
        result.status, result.message = "refused", _one_line(_plain_error(exc))
    if result.status == "refused":
        _log_refusal(con, path, result, checksum, timezone or "UTC", started)
    return result


def _one_line(text: str, limit: int = 300) -> str:
    """A refusal as one printable line of bounded length (it is printed and logged)."""
    text = " ".join(text.split())
    text = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain_error(exc: duckdb.Error) -> str:
    """DuckDB's message for a file it could not read, in words where we know them."""
    text = sources._first_line(exc)
    if "state machine reached an invalid state" in text:
        return "cannot be read as CSV (broken quoting, line endings or binary content)"
    return f"cannot be read ({text})"


def refresh_after(con: duckdb.DuckDBPyConnection, results: list[LoadResult]) -> None:
    """Rebuild, once, the staging tables that read what these loads wrote."""
    loaded = [result for result in results if result.status == "loaded"]
    changed = {part.kind for result in loaded for part in result.parts}
    if changed:
        db.refresh_staging(con, changed)


# What a preview shows of each row; pulse answers are about people's morale (SPEC §5: no
# per-person pulse view), so their scores, respondents and comments are not shown.
_PREVIEW_COLUMNS = {
    "pulse": "submitted_at, team, question, "
    "list_transform(problems, lambda p: p.column || ': ' || p.reason) as problems"
}


def preview_file(
    con: duckdb.DuckDBPyConnection,
    path: Path | str,
    kind: str | None = None,
    source: str | None = None,
    timezone: str | None = None,
    encoding: str | None = None,
    options: AdapterOptions | None = None,
    rows: int = 20,
) -> dict:
    """What loading would do, without changing anything: what the file was detected as, and
    for each table its first rows in canonical form with their problems, and counts."""
    path = Path(path)
    sources.check_readable(path)
    file_format = sources.file_format(path)
    with sources.work_directory() as work_dir:
        readable = _readable(path, file_format, encoding, Path(work_dir))
        try:
            prepared = _prepare(
                con,
                path,
                readable,
                file_format,
                kind,
                source,
                timezone,
                datetime.now(UTC),
                options,
                _silent,
                Path(work_dir),
            )
            tables = {}
            for part in prepared.plan.parts:
                table = _checked(part.kind)
                counts = prepared.counts[part.kind.name]
                columns = _PREVIEW_COLUMNS.get(part.kind.name, "* exclude (_ord, _line, _key, _fp)")
                sample = con.execute(
                    f"select _line as line, {columns} from {table} order by _ord limit {int(rows)}"
                )
                columns = [d[0] for d in sample.description]
                tables[part.kind.name] = {
                    "rows": counts.rows,
                    "quarantined": counts.quarantined,
                    "columns": columns,
                    "sample": sample.fetchall(),
                }
            return {
                "detected": prepared.plan.label,
                "source": prepared.plan.source,
                "unreadable_records": prepared.staged.rejects,
                "ignored_columns": prepared.plan.ignored_columns,
                "tables": tables,
            }
        finally:
            _drop_stage(con)


def _readable(path: Path, file_format: str, encoding: str | None, work_dir: Path) -> Path:
    if file_format == "parquet":
        return path
    if encoding and encoding.replace("-", "").replace("_", "").lower() != "utf8":
        return sources.transcode_to_utf8(path, encoding, work_dir)
    sources.check_utf8(path)
    return path


def _prepare(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    readable: Path,
    file_format: str,
    kind: str | None,
    source: str | None,
    timezone: str | None,
    started: datetime,
    options: AdapterOptions | None,
    report: Progress = _silent,
    work_dir: Path | None = None,
) -> Prepared:
    """Read, plan and check the file into temp tables; the database itself is not touched."""
    con.execute(MACROS_FILE.read_text(encoding="utf-8"))
    report(0.1, "Reading the records…")
    staged, readable = _stage(con, readable, file_format, work_dir)
    _check_record_numbers(con, staged.rows)
    plan = _plan(con, path, staged, file_format, kind, source, options or AdapterOptions())
    zone = timezone or plan.timezone or "UTC"
    if file_format == "csv":
        # Line numbers; and records too long for the reader to report become rejects here.
        staged.rejects += sources.resolve_csv_lines(con, readable)
    latest = started + timedelta(days=1)
    no_repeats: set[str] = set()
    counts: dict[str, CheckedCounts] = {}
    for index, part in enumerate(plan.parts):
        report(
            0.35 + 0.3 * index / len(plan.parts),
            f"Checking {staged.rows:,} {part.kind.name} records against the rules…",
        )
        con.execute("drop view if exists stage_raw")
        if part.params:
            # A view cannot hold bound values: an adapter's rows are materialised instead.
            run_sql(
                con, f"create or replace temp table stage_raw_rows as\n{part.select}", part.params
            )
            con.execute("create temp view stage_raw as select * from stage_raw_rows")
        else:
            con.execute(f"create temp view stage_raw as\n{part.select}")
        check = load_sql(f"load/check_{part.kind.name}")
        run_sql(
            con,
            f"create or replace temp table stage_checked as\n{check}",
            {"tz": zone, "latest": latest, "latest_date": latest.date()},
        )
        if staged.nested:
            _flag_nested(con)
        # Keys that occur more than once: only then can copies conflict or need merging to
        # one (one cheap count instead of a distinct-fingerprint count over every key).
        repeated = con.execute(
            "select count(*) from (select _key from stage_checked where _key is not null "
            "group by _key having count(*) > 1)"
        ).fetchall()[0][0]
        if repeated:
            run(con, "load/flag_conflicts", {"key_label": part.kind.key_label})
        else:
            no_repeats.add(part.kind.name)
        if part.kind.name == "qa_reviews":
            run(con, "load/flag_qa_reviews")
        con.execute(f"alter table stage_checked rename to {_checked(part.kind)}")
        counts[part.kind.name] = CheckedCounts(
            *con.execute(
                f"select count(*), count(*) filter (where len(problems) = 0), "
                f"count(*) filter (where len(problems) > 0) from {_checked(part.kind)}"
            ).fetchall()[0]
        )
    con.execute("drop view if exists stage_raw")
    if not any(c.quarantined for c in counts.values()):
        # Every record passed: the raw text is only ever read to quarantine a record, and
        # freeing it now keeps a large load in memory instead of spilling to disk.
        con.execute("drop table if exists stage_raw_rows")
        con.execute("drop table stage_source")
    return Prepared(plan=plan, staged=staged, timezone=zone, no_repeats=no_repeats, counts=counts)


def _flag_nested(con: duckdb.DuckDBPyConnection) -> None:
    """A JSON object or array, or a Parquet struct, list or map, where a text value belongs
    (staged with sources.NESTED_MARK in front): the row is quarantined, naming the column.
    Typed columns need nothing here: the marked text does not parse, and their check says so."""
    text_columns = [
        row[0]
        for row in con.execute(
            "select column_name from duckdb_columns() where database_name = 'temp' "
            "and table_name = 'stage_checked' and data_type = 'VARCHAR' "
            "and not starts_with(column_name, '_')"
        ).fetchall()
    ]
    for column in text_columns:
        # `column` is one of the check query's own output columns (queries/load/).
        run_sql(
            con,
            f"""
            update stage_checked
            set problems = list_append(problems, {{
                'column': $column,
                'value': substr({column}, 2),
                'reason': 'a JSON object or array (or a nested Parquet value), not one value'
            }})
            where starts_with({column}, $mark)
            """,
            {"column": column, "mark": sources.NESTED_MARK},
        )


def _plan(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    staged: sources.Staged,
    file_format: str,
    kind: str | None,
    source: str | None,
    options: AdapterOptions,
) -> Plan:
    """What the file is: the source the user named, else canonical when its columns say so,
    else a Zendesk or Freshdesk export recognised by its columns."""
    headers = staged.headers
    if kind is not None and kind not in KINDS:
        raise FileRefused(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    if source not in (None, "canonical"):
        return plan_for(source, headers, file_format, options, _has_rating_records(con, staged))

    if source is None and file_format in ("json", "jsonl") and not kind:
        # API exports carry keys a canonical file never has (via, requester_id, …); a Zendesk
        # file mixing tickets and rating objects would otherwise pass for canonical tickets.
        vendor = detect_source(headers, file_format)
        if vendor:
            return plan_for(vendor, headers, file_format, options, _has_rating_records(con, staged))
    wanted = KINDS[kind] if kind else None
    by_name = kind_from_file_name(path.name)
    if not headers and not staged.rows and not staged.rejects and file_format != "csv":
        if wanted or by_name:
            return empty_plan(wanted or by_name)
        raise FileRefused("holds no records: nothing to load (and no table to tell by: --kind)")
    candidates = [wanted] if wanted else kinds_matching_columns(headers)
    if not wanted and by_name and by_name in candidates:
        candidates = [by_name]
    if len(candidates) == 1 and _satisfies(candidates[0], headers):
        return canonical_plan(candidates[0], headers)
    if source is None and (vendor := detect_source(headers, file_format)):
        return plan_for(vendor, headers, file_format, options, _has_rating_records(con, staged))
    if len(candidates) > 1:
        names = " and ".join(k.name for k in candidates)
        raise FileRefused(
            f"cannot tell which table this file is for (columns match {names}): pass --kind"
        )
    # Refuse, naming the missing columns of the table meant (or the closest one).
    return canonical_plan(wanted or by_name or _closest_kind(headers), headers)


def _closest_kind(headers: list[str]) -> Kind:
    """The table whose columns the file comes nearest to (most of its columns present)."""
    present = {normalise_name(h) for h in headers}

    def score(kind: Kind) -> tuple[int, int]:
        required = sum(normalise_name(c) in present for c in kind.required)
        return required, sum(normalise_name(c) in present for c in kind.columns)

    return max(KINDS.values(), key=score)


def _satisfies(kind: Kind, headers: list[str]) -> bool:
    return kind in kinds_matching_columns(headers)


def _has_rating_records(con: duckdb.DuckDBPyConnection, staged: sources.Staged) -> bool:
    """Whether a JSON file holds satisfaction-rating objects of their own."""
    if staged.file_format not in ("json", "jsonl") or not staged.rows:
        return False
    return con.execute(
        "select count(*) > 0 from stage_source "
        "where json_extract_string(_record, '$.ticket_id') is not null"
    ).fetchall()[0][0]


def _stage(
    con: duckdb.DuckDBPyConnection, readable: Path, file_format: str, work_dir: Path | None
) -> tuple[sources.Staged, Path]:
    """The file's records in stage_source (and stage_rejects); the file they were read from."""
    if file_format == "csv":
        try:
            return sources.stage_csv(con, readable), readable
        except duckdb.InvalidInputException as exc:
            # DuckDB's reader stops on a file mixing line endings (an LF header above CRLF
            # rows, files glued together); the same file with CRLF made LF reads as meant.
            if "invalid state" not in str(exc) or work_dir is None:
                raise
            normalised = sources.normalise_line_endings(readable, work_dir)
            return sources.stage_csv(con, normalised), normalised
    if file_format == "parquet":
        return sources.stage_parquet(con, readable), readable
    return sources.stage_json(con, readable, lines_format=file_format == "jsonl"), readable


def _check_record_numbers(con: duckdb.DuckDBPyConnection, rows: int) -> None:
    """Record numbers are the staging table's row ids, 0 … rows − 1 in file order."""
    low, high = con.execute("select min(rowid), max(rowid) from stage_source").fetchall()[0]
    if rows and (low, high) != (0, rows - 1):
        raise RuntimeError(f"staged row ids run {low}…{high} for {rows} records")


def _skip(
    con: duckdb.DuckDBPyConnection,
    result: LoadResult,
    checksum: str,
    kinds: list[str],
    source: str,
    timezone: str,
) -> bool:
    """Same bytes, loaded before as the same tables with the same options: nothing to do."""
    previous = []
    for kind in kinds:
        found = run(
            con,
            "load/find_previous_load",
            {"checksum": checksum, "kind": kind, "source": source, "tz": timezone},
        ).fetchall()
        if not found:
            return False
        previous.append(found[0][0])
    result.status, result.kind = "skipped", kinds[0]
    result.parts = [KindCounts(kind=k, load_id=i) for k, i in zip(kinds, previous, strict=True)]
    result.message = f"same content as load {previous[0]}; nothing changed"
    return True


def _merge_all(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    prepared: Prepared,
    result: LoadResult,
    checksum: str,
    started: datetime,
    refresh_staging: bool = True,
    report: Progress = _silent,
) -> None:
    """Every table the file feeds, in one transaction: all of it lands, or none."""
    con.execute("begin transaction")
    try:
        parts = []
        for index, part in enumerate(prepared.plan.parts):
            table = _checked(part.kind)
            checked_counts = prepared.counts[part.kind.name]
            load_id = con.execute("select nextval('load_id_seq')").fetchall()[0][0]
            replaced = _merge(
                con, part.kind, table, load_id, part.kind.name not in prepared.no_repeats
            )
            quarantined = checked_counts.quarantined
            if quarantined:
                _quarantine(con, part.kind, table, load_id, result.file, prepared.staged)
            read = checked_counts.rows
            if index == 0:
                # Records that could not even be split into fields belong to the first table.
                run(
                    con,
                    "load/quarantine_rejects",
                    {"load_id": load_id, "file_name": result.file, "kind": part.kind.name},
                )
                quarantined += prepared.staged.rejects
                read += prepared.staged.rejects
            if read != checked_counts.clean + quarantined:
                raise RuntimeError("rows read do not add up to rows loaded + quarantined")
            parts.append(
                KindCounts(
                    part.kind.name, read, checked_counts.clean, replaced, quarantined, load_id
                )
            )
            run(
                con,
                "load/log_load",
                {
                    "load_id": load_id,
                    "file_name": result.file,
                    "file_path": str(path.resolve()),
                    "checksum": checksum,
                    "kind": part.kind.name,
                    "source": prepared.plan.source,
                    "tz": prepared.timezone,
                    "status": "loaded",
                    "rows_read": read,
                    "rows_loaded": checked_counts.clean,
                    "rows_replaced": replaced,
                    "rows_quarantined": quarantined,
                    "message": _log_message(prepared.plan),
                    "started_at": started,
                },
            )
        # The staging tables that read what was loaded, in the same transaction.
        if refresh_staging:
            report(0.85, "Rebuilding the tables the figures read…")
            staging.refresh(con, {part.kind.name for part in prepared.plan.parts})
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    result.parts = parts
    result.status = "loaded"


def _merge(
    con: duckdb.DuckDBPyConnection, kind: Kind, checked: str, load_id: int, repeats: bool = True
) -> int:
    """Insert the file's clean rows, replacing stored rows by key; how many keys it replaced."""
    table, columns = kind.name, ", ".join(kind.columns)
    if con.execute(f"select count(*) from (select 1 from {table} limit 1)").fetchall()[0][0]:
        replaced = _replace(con, table, checked)
    else:
        replaced = 0  # the first load of this table: nothing to look up or delete
    # Identical copies inside the file load once (the first); a file whose keys are all
    # distinct needs no window over them.
    first_copy = "qualify row_number() over (partition by _key order by _ord) = 1"
    run_sql(
        con,
        f"""
        insert into {table} (row_key, {columns}, load_id, source_line)
        select _key, {columns}, $load_id, _line
        from {checked}
        where len(problems) = 0
        {first_copy if repeats else ""}
        """,
        {"load_id": load_id},
    )
    staging.note_changed_tickets(con, kind.name, checked, load_id)
    return replaced


def _replace(con: duckdb.DuckDBPyConnection, table: str, checked: str) -> int:
    """Delete the stored rows whose keys the file brings again; how many keys those were."""
    replaced = con.execute(
        f"""
        select count(*) from (
            select distinct _key from {checked} where len(problems) = 0
        ) as accepted
        where _key in (select row_key from {table})
        """
    ).fetchall()[0][0]
    con.execute(
        f"delete from {table} where row_key in (select _key from {checked} where len(problems) = 0)"
    )
    return replaced


def _quarantine(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    checked: str,
    load_id: int,
    file_name: str,
    staged: sources.Staged,
) -> None:
    """Quarantine the records with a problem, with their reasons and raw record (only called
    when there are some: stage_source is gone otherwise, see _prepare)."""
    headers = staged.headers
    # The raw record: JSON records as they were; other files as a JSON object of the file's
    # own column names (bound as values).
    names = {f"h{i}": header for i, header in enumerate(headers)}
    record = "json_object(" + ", ".join(f"$h{i}, source.c{i}" for i in range(len(headers))) + ")"
    if staged.file_format in ("json", "jsonl"):
        record, names = "source._record", {}
    elif not headers:
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
        from {checked} as checked
        join stage_source as source on source.rowid = checked._ord
        where len(checked.problems) > 0
        """,
        params,
    )


def _log_message(plan: Plan) -> str | None:
    notes = []
    if plan.source != "canonical":
        notes.append(f"read as {plan.label}")
    if plan.ignored_columns:
        notes.append("columns not used: " + ", ".join(plan.ignored_columns))
    return "; ".join(notes) or None


def _drop_stage(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("drop view if exists stage_raw")
    con.execute("drop table if exists stage_raw_rows")
    for table in STAGE_TABLES:
        con.execute(f"drop table if exists {table}")


def _log_refusal(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    result: LoadResult,
    checksum: str | None,
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
                "source": result.source or "canonical",
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
