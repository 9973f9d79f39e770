"""Reading export files into a staging table of text columns (CSV, Parquet, JSON).

Every reader leaves, on the connection it was given:
  stage_source(_line, c0 … cN)  one row per readable record in file order (rowid = record
                                 number), every value as text; _line is filled lazily for CSV
  stage_rejects(_line, reasons, record)  records that could not be split into fields
and returns the header names, so c<i> is the column named headers[i].
Values are never typed here: checking and typing is the job of queries/load/.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

from ..sql import run_sql
from .kinds import normalise_name

MAX_RECORD_BYTES = 8 * 1024 * 1024
# Marks a staged value that was a JSON object or array, or a Parquet struct, list or map: the
# loader quarantines such a value in a text column (loader._flag_nested); other checks fail on it.
NESTED_MARK = chr(29)
NESTED_MARK_SQL = "chr(29)"
DELIMITERS = (",", ";", "\t", "|")
CHUNK = 1 << 20

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}


class FileRefused(Exception):
    """The file cannot be read at all; the message is one line naming the problem."""


@dataclass
class Staged:
    headers: list[str]
    file_format: str
    rows: int
    rejects: int
    nested: bool = False  # values may carry NESTED_MARK (JSON, or Parquet with nested columns)


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    raise FileRefused(
        f"unsupported file type {suffix or '(none)'!r}: use .csv, .tsv, .parquet, .jsonl, "
        ".ndjson or .json"
    )


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def check_readable(path: Path) -> None:
    if not path.exists():
        raise FileRefused("no such file")
    if path.is_dir():
        raise FileRefused("is a directory, not a file")
    if path.stat().st_size == 0:
        raise FileRefused("empty file (0 bytes)")
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        raise FileRefused(f"cannot open: {exc.strerror}") from exc
    if path.suffix.lower() in CSV_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES:
        _refuse_other_file_types(head)  # a text export's name on something else


# What a file that is not an export at all is, by its first bytes.
_SIGNATURES = (
    (b"\x1f\x8b", "a gzip-compressed file: decompress it first"),
    (b"PK\x03\x04", "a zip archive (an Excel .xlsx workbook is one): save the sheet as CSV"),
    (b"%PDF", "a PDF document, not an export"),
    (b"\x89PNG", "a PNG image, not an export"),
    (b"\xff\xd8\xff", "a JPEG image, not an export"),
    (b"GIF8", "a GIF image, not an export"),
    (b"PAR1", "a Parquet file: give it the .parquet extension"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Office file: save the sheet as CSV"),
)


def _refuse_other_file_types(head: bytes) -> None:
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise FileRefused(f"this is {what}")
    text = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
    if text.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head")):
        raise FileRefused(
            "this is an HTML or XML page, not an export (a login or error page saved instead?)"
        )


def check_utf8(path: Path) -> None:
    """Refuse a file that is not valid UTF-8, naming the first bad line."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    newlines_before = 0
    with path.open("rb") as handle:
        head = handle.read(4)
        handle.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise FileRefused("file is UTF-16, not UTF-8: pass --encoding utf-16")
        sample = handle.read(4096)
        handle.seek(0)
        if _looks_like_utf16(sample):
            raise FileRefused(
                "file looks like UTF-16 without a byte-order mark (every other byte is zero), "
                "not UTF-8: pass --encoding utf-16-le (or utf-16-be)"
            )
        last = b""
        while block := handle.read(CHUNK):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                line = newlines_before + block.count(b"\n", 0, exc.start) + 1
                raise FileRefused(
                    f"not valid UTF-8 (first bad byte on line {line}): "
                    "pass --encoding with the file's encoding, e.g. --encoding latin-1"
                ) from exc
            newlines_before += block.count(b"\n")
            last = block[-1:]
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise FileRefused(
                f"not valid UTF-8 (the file ends inside a character, line {newlines_before + 1})"
            ) from exc
    # The same pass counted the lines: remember them so resolve_csv_lines need not read the
    # file again (a gigabyte export is read once fewer).
    _remember_lines(path, _line_total(newlines_before, last))


def _looks_like_utf16(sample: bytes) -> bool:
    """Text in UTF-16 has a zero byte in nearly every other position (ASCII characters)."""
    pairs = list(zip(sample[0::2], sample[1::2], strict=False))
    if len(pairs) < 8:
        return False
    # One byte of each pair zero, always the same one (a run of NUL padding has both zero).
    little = sum(1 for a, b in pairs if a and not b)
    big = sum(1 for a, b in pairs if b and not a)
    return max(little, big) / len(pairs) > 0.6


def transcode_to_utf8(path: Path, encoding: str, work_dir: Path) -> Path:
    """Copy a file in another encoding to UTF-8 so every reader sees UTF-8."""
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise FileRefused(f"unknown encoding {encoding!r}") from exc
    target = work_dir / (path.stem + ".utf8" + path.suffix)
    try:
        with (
            path.open("r", encoding=encoding, newline="") as source,
            target.open("w", encoding="utf-8", newline="") as out,
        ):
            while block := source.read(CHUNK):
                out.write(block)
    except UnicodeDecodeError as exc:
        raise FileRefused(f"not valid {encoding}: {exc.reason} at byte {exc.start}") from exc
    return target


def work_directory() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="scorecard-load-")


# --------------------------------------------------------------------------- CSV


def read_csv_header(path: Path) -> tuple[str, list[str]]:
    """The delimiter (among comma, semicolon, tab, pipe) and the header's column names."""
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        first_line = handle.readline(MAX_RECORD_BYTES)
    if not first_line.strip():
        raise FileRefused("the first line is empty: a header row is required")

    def fields(delimiter: str) -> list[str]:
        return next(csv.reader(io.StringIO(first_line), delimiter=delimiter), [])

    # The delimiter that splits the header into the most fields; comma wins ties.
    delimiter = max(DELIMITERS, key=lambda d: (len(fields(d)), d == ","))
    headers = [h.strip() for h in fields(delimiter)]
    return delimiter, headers


def stage_csv(con: duckdb.DuckDBPyConnection, path: Path) -> Staged:
    delimiter, headers = read_csv_header(path)
    columns = {f"c{i}": "VARCHAR" for i in range(len(headers))}
    con.execute("drop table if exists sc_rejects")
    con.execute("drop table if exists sc_reject_scans")
    # The reader must not guess: header, delimiter and quoting are fixed, every value is
    # text, and malformed records go to the rejects table instead of failing the file.
    run_sql(
        con,
        """
        create or replace temp table stage_source as
        select null::bigint as _line, *
        from read_csv(
            $path, columns = $columns, header = true, auto_detect = false,
            delim = $delimiter, quote = '"', escape = '"', strict_mode = true,
            max_line_size = $max_line, encoding = 'utf-8',
            store_rejects = true, rejects_table = 'sc_rejects',
            rejects_scan = 'sc_reject_scans', rejects_limit = 0
        )
        """,
        {
            "path": str(path),
            "columns": columns,
            "delimiter": delimiter,
            "max_line": MAX_RECORD_BYTES,
        },
    )
    rejects = con.execute(
        """
        select line_byte_position, min(line) as line,
               -- One plain reason per kind of error (DuckDB reports a short or long record once
               -- per field it tried, each with another count).
               list_sort(list(distinct case error_type
                   when 'MISSING COLUMNS' then 'fewer fields than the header'
                   when 'TOO MANY COLUMNS' then 'more fields than the header'
                   when 'UNQUOTED VALUE' then 'a quote inside a value that is not quoted'
                   when 'LINE SIZE OVER MAXIMUM' then 'longer than the 8 MB a record may be'
                   when 'INVALID ENCODING' then 'not valid UTF-8'
                   else lower(error_type) || ': ' || left(error_message, 200)
               end)) as reasons,
               any_value(csv_line) as record
        from sc_rejects group by line_byte_position order by line_byte_position
        """
    ).fetchall()
    rows = con.execute("select count(*) from stage_source").fetchall()[0][0]
    con.execute(
        "create or replace temp table stage_rejects "
        "(_line bigint, reasons varchar[], record varchar)"
    )
    if rejects:
        starts = csv_record_starts(path, delimiter)
        lines = [_line_at_byte(starts, position) for position, *_ in rejects]
        con.executemany(
            "insert into stage_rejects values (?, ?, ?)",
            [
                (line, [f"unreadable record ({reason})" for reason in reasons], record)
                for line, (_, _, reasons, record) in zip(lines, rejects, strict=True)
            ],
        )
    return Staged(headers=headers, file_format="csv", rows=rows, rejects=len(rejects))


@dataclass
class RecordStarts:
    """Where records start in a CSV file (header excluded, blank lines skipped)."""

    lines: np.ndarray  # 1-based physical line of each record start
    offsets: np.ndarray  # byte offset of each record start
    newline_offsets: np.ndarray


def csv_record_starts(path: Path, delimiter: str, chunk_bytes: int = 1 << 26) -> RecordStarts:
    """Record starts, found by quote parity: a line starts a record when the quotes
    before it are balanced. Vectorised over the file's bytes (no loop over rows), a chunk at a
    time so memory stays flat however large the file."""
    size = path.stat().st_size
    lines, offsets, newline_offsets = [], [], []
    quotes_before, next_line, at = 0, 1, 0
    with path.open("rb") as handle:
        while at < size:
            handle.seek(at)
            # Two bytes beyond the chunk: a start at its end needs them to tell a blank line.
            data = np.frombuffer(handle.read(chunk_bytes + 2), dtype=np.uint8)
            body = data[: min(chunk_bytes, size - at)]
            newlines = np.flatnonzero(body == ord("\n"))
            quotes = np.flatnonzero(body == ord('"'))
            local = newlines + 1
            if at == 0:
                local = np.concatenate(([0], local))
            local = local[at + local < size]
            balanced = (quotes_before + np.searchsorted(quotes, local)) % 2 == 0
            first = data[local]
            second = data[np.minimum(local + 1, data.size - 1)]
            blank = (first == ord("\n")) | ((first == ord("\r")) & (second == ord("\n")))
            keep = balanced & ~blank
            numbers = np.arange(next_line, next_line + local.size)
            lines.append(numbers[keep])
            offsets.append(at + local[keep])
            newline_offsets.append(at + newlines)
            quotes_before += quotes.size
            next_line += local.size
            at += chunk_bytes
    if not lines:
        empty = np.zeros(0, dtype=np.int64)
        return RecordStarts(lines=empty, offsets=empty, newline_offsets=empty)
    # [1:]: the header
    return RecordStarts(
        lines=np.concatenate(lines)[1:],
        offsets=np.concatenate(offsets)[1:],
        newline_offsets=np.concatenate(newline_offsets),
    )


def _line_at_byte(starts: RecordStarts, position: int) -> int:
    """Physical line of the record that starts at or just after byte `position`."""
    line_of_byte = int(np.searchsorted(starts.newline_offsets, position, side="left")) + 1
    index = int(np.searchsorted(starts.lines, line_of_byte, side="left"))
    if index < starts.lines.size:
        return int(starts.lines[index])
    return line_of_byte


def resolve_csv_lines(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Fill stage_source._line with the physical line where each record starts. Records longer
    than the reader takes that it did not report (DuckDB keeps no trace of a line of hundreds
    of megabytes) are added to stage_rejects; returns how many."""
    rows = con.execute("select count(*) from stage_source").fetchall()[0][0]
    rejected_any = con.execute("select count(*) from stage_rejects").fetchall()[0][0] > 0
    if not rejected_any and _physical_lines(path) == rows + 1:
        # As many lines as records plus the header: no blank line and no record over several
        # lines, so record n is on line n + 1 (the common case, and a single cheap pass).
        con.execute("update stage_source set _line = rowid + 2")
        return 0
    delimiter, _ = read_csv_header(path)
    starts = csv_record_starts(path, delimiter)
    rejected = {row[0] for row in con.execute("select _line from stage_rejects").fetchall()}
    added = _reject_unreported_oversized(con, path, starts, rejected)
    good = starts.lines[~np.isin(starts.lines, list(rejected))] if rejected else starts.lines
    if good.size != rows:
        # Quote parity can be fooled by a stray quote inside an unquoted value; the csv
        # module follows the same quoting rules as the reader, so ask it instead.
        try:
            good = _record_lines_by_parsing(path, delimiter, rejected)
        except csv.Error:
            good = []
    if len(good) != rows:
        # Still no agreement: fall back to the record position (exact when no record
        # spans lines), rather than showing nothing.
        con.execute("update stage_source set _line = rowid + 2")
        return added
    if rows == 0:
        return added
    lines = np.asarray(good, dtype=np.int64)
    ords = np.arange(rows, dtype=np.int64)
    con.register("stage_line_map", _arrow_table(ords, lines))
    con.execute(
        "update stage_source set _line = m.line "
        "from stage_line_map as m where m.ord = stage_source.rowid"
    )
    con.unregister("stage_line_map")
    return added


def _reject_unreported_oversized(
    con: duckdb.DuckDBPyConnection, path: Path, starts: RecordStarts, rejected: set[int]
) -> int:
    """Records over MAX_RECORD_BYTES the reader skipped without a reject: quarantined here,
    with their start as the raw record (`rejected` gains their lines)."""
    if not starts.lines.size:
        return 0
    ends = np.append(starts.offsets[1:], path.stat().st_size)
    oversized = np.flatnonzero(ends - starts.offsets > MAX_RECORD_BYTES)
    missing = [i for i in oversized if int(starts.lines[i]) not in rejected]
    if not missing:
        return 0
    entries = []
    with path.open("rb") as handle:
        for i in missing:
            handle.seek(int(starts.offsets[i]))
            head = handle.read(2000).decode("utf-8", errors="replace")
            size = int(ends[i] - starts.offsets[i])
            entries.append(
                (
                    int(starts.lines[i]),
                    [f"unreadable record (longer than the 8 MB a record may be: {size:,} bytes)"],
                    f"{head}… ({size:,} bytes)",
                )
            )
            rejected.add(int(starts.lines[i]))
    con.executemany("insert into stage_rejects values (?, ?, ?)", entries)
    return len(entries)


def normalise_line_endings(path: Path, work_dir: Path) -> Path:
    """A copy of a CSV file with every CRLF made LF (line numbers stay the same)."""
    target = work_dir / (path.stem + ".lf" + path.suffix)
    carry = b""
    with path.open("rb") as source, target.open("wb") as out:
        while block := source.read(CHUNK):
            block = carry + block
            # A CR at the end of a block may be the first half of a CRLF.
            carry = b"\r" if block.endswith(b"\r") else b""
            if carry:
                block = block[:-1]
            out.write(block.replace(b"\r\n", b"\n"))
        out.write(carry)
    return target


# Line counts found while checking a file's encoding, by the file's identity.
_LINE_COUNTS: dict[tuple[str, int, int], int] = {}


def _identity(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def _remember_lines(path: Path, lines: int) -> None:
    if len(_LINE_COUNTS) > 64:
        _LINE_COUNTS.clear()
    _LINE_COUNTS[_identity(path)] = lines


def _physical_lines(path: Path, chunk_bytes: int = 1 << 24) -> int:
    """Lines in the file: its line feeds, plus one for a last line without one."""
    known = _LINE_COUNTS.get(_identity(path))
    if known is not None:
        return known
    count, last = 0, b""
    with path.open("rb") as handle:
        while block := handle.read(chunk_bytes):
            count += block.count(b"\n")
            last = block[-1:]
    return _line_total(count, last)


def _line_total(line_feeds: int, last_byte: bytes) -> int:
    """Lines in a file: its line feeds, plus one for a last line without one."""
    return line_feeds + (1 if last_byte not in (b"", b"\n") else 0)


def _arrow_table(ords: np.ndarray, lines: np.ndarray):
    import pyarrow as pa

    return pa.table({"ord": ords, "line": lines})


def _record_lines_by_parsing(path: Path, delimiter: str, rejected: set[int]) -> list[int]:
    lines: list[int] = []
    # The csv module refuses fields over 128 KB by default; a record may be up to 8 MB.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES + 1))
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        previous = 0
        for index, record in enumerate(reader):
            start, previous = previous + 1, reader.line_num
            if index == 0 or not record:
                continue
            if start not in rejected:
                lines.append(start)
    return lines


# ------------------------------------------------------------------------ Parquet


def stage_parquet(con: duckdb.DuckDBPyConnection, path: Path) -> Staged:
    try:
        described = run_sql(
            con, "describe select * from read_parquet($path)", {"path": str(path)}
        ).fetchall()
    except duckdb.Error as exc:
        raise FileRefused(f"not a readable Parquet file ({_first_line(exc)})") from exc
    # The file's own names: DuckDB renames a repeated one (ticket_id, TICKET_ID → TICKET_ID_1),
    # which would hide that two columns mean the same thing (refused like in a CSV file).
    raw = _parquet_top_level_names(con, path)
    headers = raw if len(raw) == len(described) else [row[0] for row in described]
    aliases = ", ".join(f"c{i}" for i in range(len(headers)))
    # A nested value (struct, list, map) is not one value: it reaches the checks marked, so
    # its row is quarantined with the column named instead of loading its text rendering.
    texts = ", ".join(_parquet_text(f"c{i}", str(row[1])) for i, row in enumerate(described))
    # Columns are renamed by position, so no name from the file reaches the SQL text.
    run_sql(
        con,
        f"""
        create or replace temp table stage_source as
        select file_row_number + 1 as _line, {texts}
        from read_parquet($path, file_row_number = true) as source({aliases})
        """,
        {"path": str(path)},
    )
    con.execute(
        "create or replace temp table stage_rejects "
        "(_line bigint, reasons varchar[], record varchar)"
    )
    rows = con.execute("select count(*) from stage_source").fetchall()[0][0]
    nested = any(_nested_type(str(row[1])) for row in described)
    return Staged(headers=headers, file_format="parquet", rows=rows, rejects=0, nested=nested)


def _parquet_text(column: str, type_name: str) -> str:
    """A Parquet column as the text the checks read."""
    if _nested_type(type_name):
        return f"{NESTED_MARK_SQL} || cast({column} as varchar) as {column}"
    if type_name == "TIMESTAMP WITH TIME ZONE":
        # An instant: written in UTC with a Z, the shape the checks read on their fast road
        # (the default text, "… +00", is the same instant but takes the careful one).
        return f"strftime(timezone('UTC', {column}), '%Y-%m-%d %H:%M:%S.%fZ') as {column}"
    return f"cast({column} as varchar) as {column}"


def _parquet_top_level_names(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """The names of a Parquet file's top-level columns, as written (its schema is a tree listed
    depth first: the root, then each column followed by its descendants)."""
    nodes = run_sql(
        con,
        "select name, coalesce(num_children, 0) from parquet_schema($path)",
        {"path": str(path)},
    ).fetchall()
    names, index = [], 1

    def skip(at: int) -> int:
        children, at = nodes[at][1], at + 1
        for _ in range(children):
            at = skip(at)
        return at

    for _ in range(nodes[0][1] if nodes else 0):
        names.append(nodes[index][0])
        index = skip(index)
    return names


def _nested_type(type_name: str) -> bool:
    return type_name.startswith(("STRUCT", "MAP", "UNION")) or type_name.endswith("]")


# --------------------------------------------------------------------------- JSON


def stage_json(con: duckdb.DuckDBPyConnection, path: Path, lines_format: bool) -> Staged:
    """JSON lines (one object per line) or a .json file holding an array of objects."""
    if not lines_format:
        with path.open("rb") as handle:
            head = handle.read(4096).lstrip(codecs.BOM_UTF8).lstrip()
        lines_format = not head.startswith(b"[")
    if lines_format:
        records_sql = """
            select ordinality as _line, rtrim(ltrim(line, chr(65279)), chr(13)) as record
            from read_text($path) as file,
                 unnest(string_split(file.content, chr(10)))
                     with ordinality as split(line, ordinality)
        """
    else:
        try:
            run_sql(
                con,
                "select json_array_length(ltrim(content, chr(65279))) from read_text($path)",
                {"path": str(path)},
            )
        except duckdb.Error as exc:
            raise FileRefused(f"not a valid JSON array ({_first_line(exc)})") from exc
        records_sql = """
            select ordinality as _line, element::varchar as record
            from read_text($path) as file,
                 unnest(json_extract(ltrim(file.content, chr(65279)), '$[*]'))
                     with ordinality as items(element, ordinality)
        """
    run_sql(
        con,
        f"""
        create or replace temp table stage_json as
        select _line, record,
               case
                   when strlen(record) > $max_record then 'record larger than 8 MB'
                   when not json_valid(record) then 'not valid JSON'
                   when json_type(record) <> 'OBJECT' then 'not a JSON object'
                   when len(json_keys(record)) <> len(list_distinct(list_transform(
                       json_keys(record), lambda k: lower(regexp_replace(k, '[ _]+', '', 'g'))
                   ))) then 'the same column more than once in one record'
               end as problem
        from ({records_sql})
        where trim(record) <> ''
        """,
        {"path": str(path), "max_record": MAX_RECORD_BYTES},
    )
    headers = [
        row[0]
        for row in con.execute(
            """
            select key from (
                select unnest(json_keys(record)) as key, _line from stage_json
                where coalesce(problem, '') in ('', 'the same column more than once in one record')
            ) group by key order by min(_line), key
            """
        ).fetchall()
    ]
    # Keys holding a double quote cannot be addressed by a JSON path; such columns are
    # not canonical names anyway, so they are left out. Records may spell one column
    # differently ("ticket_id", "Ticket ID"): such keys become one column.
    groups: dict[str, list[str]] = {}
    for key in headers:
        if '"' not in key:
            groups.setdefault(normalise_name(key), []).append(key)
    headers = [keys[0] for keys in groups.values()]
    paths: dict[str, str] = {}
    texts = ""
    for i, keys in enumerate(groups.values()):
        extracts = []
        for j, key in enumerate(keys):
            paths[f"k{i}_{j}"] = f'$."{key}"'
            extracts.append(
                f"case when json_type(record, $k{i}_{j}) in ('OBJECT', 'ARRAY') "
                f"then {NESTED_MARK_SQL} || json_extract(record, $k{i}_{j})::varchar "
                f"else json_extract_string(record, $k{i}_{j}) end"
            )
        texts += f", coalesce({', '.join(extracts)}) as c{i}"
    run_sql(
        con,
        f"""
        create or replace temp table stage_source as
        select _line{texts}, record as _record
        from stage_json where problem is null order by _line
        """,
        paths,
    )
    con.execute(
        """
        create or replace temp table stage_rejects as
        select _line, [problem] as reasons, left(record, 10000) as record
        from stage_json where problem is not null
        """
    )
    rows = con.execute("select count(*) from stage_source").fetchall()[0][0]
    rejects = con.execute("select count(*) from stage_rejects").fetchall()[0][0]
    objects = con.execute(
        "select count(*) filter (where coalesce(problem, '') not in "
        "('not valid JSON', 'not a JSON object')), count(*) from stage_json"
    ).fetchall()[0]
    con.execute("drop table stage_json")
    if objects[1] and not objects[0]:
        # Not one record is an object: the file is not JSON lines or an array of objects at all.
        raise FileRefused(
            "not JSON records: expected one JSON object per line or a JSON array of objects, "
            "and no record is an object"
        )
    return Staged(
        headers=headers,
        file_format="jsonl" if lines_format else "json",
        rows=rows,
        rejects=rejects,
        nested=True,
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def file_size(path: Path) -> int:
    return os.stat(path).st_size
