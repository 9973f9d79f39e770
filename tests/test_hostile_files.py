"""Hostile input files: broken, odd or malicious exports, and what loading each one must do.

The corpus lives in tests/hostile/ (written byte for byte by tests/hostile/make_corpus.py) and
covers every table (tickets, csat, pulse, qa_reviews, agents, escalations) and every way a file
reaches the loader: canonical CSV, JSON lines, JSON arrays, Parquet, Zendesk and Freshdesk
exports and a mapped CSV. tests/hostile/expected.toml says, per file, what SHOULD happen
according to SPEC §6, §10 and §11: refused (with a message substring a user would understand),
or loaded with per-table loaded / quarantined counts, the quarantine reasons and lines, and
values that must be stored exactly (formulas and HTML byte for byte). Where the loader is known
to disagree the entry carries `xfail = "<why>"` and the test is a strict xfail.

Every file is loaded on its own fresh database that already holds a small valid baseline of all
six tables, and the test checks, besides the manifest:
- rows read = loaded + quarantined for every table the file fed;
- a refused file changes no table and no quarantine entry, and adds exactly one 'refused' line
  to the load log;
- a loaded file loses no baseline row (only a valid row of the same key may replace one), leaves
  the tables it does not feed untouched, adds exactly its quarantined count to the quarantine
  (each entry with a reason) and one 'loaded' log line per table.

A last test writes a one-gigabyte single-line tickets file at run time (never committed) and
checks that loading it ends clearly without exhausting memory.
"""

from __future__ import annotations

import json
import resource
import shutil
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scorecard import db
from scorecard.ingest import load_file
from scorecard.ingest.adapters import AdapterOptions

HOSTILE = Path(__file__).resolve().parent / "hostile"
MANIFEST = tomllib.loads((HOSTILE / "expected.toml").read_text(encoding="utf-8"))
CASES: list[dict] = MANIFEST["case"]
NOW = datetime(2026, 11, 30, tzinfo=UTC)
TABLES = ("tickets", "csat", "pulse", "qa_reviews", "agents", "escalations")
# Files of the folder that are not inputs of their own.
SUPPORT_FILES = {"make_corpus.py", "expected.toml", "mapping_tickets.toml", ".gitattributes"}

# The valid data every hostile file is loaded on top of.
BASELINE = {
    "tickets.csv": """\
ticket_id,created_at,first_response_at,solved_at,status,priority,channel,team,assignee
B1,2026-11-02T09:00:00Z,2026-11-02T09:05:00Z,2026-11-02T12:00:00Z,solved,high,email,Billing,Ann
B2,2026-11-03T10:00:00Z,2026-11-03T10:20:00Z,,open,normal,chat,Technical,Bo
B3,2026-11-04T11:00:00Z,,,new,low,web,Billing,
""",
    "csat.csv": """\
ticket_id,rated_at,score,comment
B1,2026-11-02T13:00:00Z,5,thanks
B2,2026-11-03T12:00:00Z,2,
""",
    "pulse.csv": """\
response_id,submitted_at,score,respondent,team,question
PB1,2026-11-02T08:00:00Z,4,r1,Billing,How do you feel?
PB2,2026-11-02T08:05:00Z,3,r2,Technical,How do you feel?
,2026-11-02T08:10:00Z,5,,Billing,How do you feel?
""",
    "qa_reviews.csv": """\
review_id,reviewed_at,agent,reviewer,category,score,scale_min,scale_max
RB1,2026-11-05T10:00:00Z,AB1,lead,Accuracy,4,1,5
RB1,2026-11-05T10:00:00Z,AB1,lead,Tone,5,1,5
RB2,2026-11-05T11:00:00Z,AB2,lead,,92,,
""",
    "agents.csv": """\
agent_id,hired_on,team,left_on,leave_type
AB1,2025-01-06,Billing,,
AB2,2025-03-03,Technical,2026-10-01,voluntary
""",
    "escalations.csv": """\
ticket_id,floor,escalated_at,assigned_at,decided_at
B1,2,2026-11-02T09:30:00Z,2026-11-02T09:35:00Z,
B2,3,2026-11-03T11:00:00Z,2026-11-03T11:10:00Z,2026-11-03T12:00:00Z
""",
}


def _case_id(case: dict) -> str:
    return case.get("id", case["file"])


def _params() -> list:
    params = []
    for case in CASES:
        marks = ()
        if "xfail" in case:
            marks = pytest.mark.xfail(reason=case["xfail"], strict=True)
        params.append(pytest.param(case, id=_case_id(case), marks=marks))
    return params


# ---------------------------------------------------------------------------- database


@pytest.fixture(scope="module")
def baseline_folder(tmp_path_factory) -> Path:
    """A database holding the baseline, built once; each test works on a copy of it."""
    folder = tmp_path_factory.mktemp("baseline")
    exports = folder / "exports"
    exports.mkdir()
    con = db.connect(folder / "scorecard.duckdb")
    try:
        for name, text in BASELINE.items():
            path = exports / name
            path.write_text(text, encoding="utf-8")
            result = load_file(con, path, now=NOW, display_name=name)
            assert result.status == "loaded", result.message
            assert result.quarantined == 0, name
    finally:
        con.close()
    shutil.rmtree(exports)
    return folder


@pytest.fixture
def baseline_con(baseline_folder, tmp_path):
    """A read-write connection to a fresh copy of the baseline database."""
    folder = tmp_path / "db"
    shutil.copytree(baseline_folder, folder)
    connection = db.connect(folder / "scorecard.duckdb")
    yield connection
    connection.close()
    shutil.rmtree(folder)  # some 9 MB per copy


def _scalar(con, sql: str, params=None):
    return con.execute(sql, params or []).fetchall()[0][0]


def _fingerprint(con, table: str) -> str | None:
    # Table names come from TABLES, never from a file.
    return _scalar(
        con, f"select md5(string_agg(t::varchar, '|' order by t::varchar)) from {table} t"
    )


def _rows(con, table: str) -> dict[str, tuple[str, int]]:
    """Every row as text, with its key and the load that wrote it."""
    found = con.execute(f"select t::varchar, row_key, load_id from {table} t").fetchall()
    return {text: (key, load_id) for text, key, load_id in found}


def _state(con) -> dict:
    return {
        "fingerprints": {table: _fingerprint(con, table) for table in TABLES},
        "counts": {table: _scalar(con, f"select count(*) from {table}") for table in TABLES},
        "rows": {table: _rows(con, table) for table in TABLES},
        "quarantine": _scalar(con, "select count(*) from quarantine"),
        "max_load_id": _scalar(con, "select coalesce(max(load_id), 0) from load_log"),
    }


def _load(con, case: dict):
    options = None
    if "mapping" in case:
        options = AdapterOptions(mapping_file=HOSTILE / case["mapping"])
    return load_file(
        con,
        HOSTILE / case["file"],
        kind=case.get("kind"),
        source=case.get("source"),
        timezone=case.get("timezone"),
        encoding=case.get("encoding"),
        now=NOW,
        display_name=case["file"],
        options=options,
    )


# ------------------------------------------------------------------------------ checks


def _new_log(con, before: dict) -> list[tuple]:
    return con.execute(
        "select load_id, file_name, kind, status, rows_read, rows_loaded, rows_replaced, "
        "rows_quarantined, message from load_log where load_id > ? order by load_id",
        [before["max_load_id"]],
    ).fetchall()


def _check_refused(con, case: dict, result, before: dict) -> None:
    assert result.parts == []
    assert case["message"].lower() in result.message.lower(), result.message
    assert "\n" not in result.message, "the message must be one line"
    assert result.summary() == f"error: {case['file']}: {result.message}"
    after = _state(con)
    assert after["fingerprints"] == before["fingerprints"], "a refused file changed the data"
    assert after["quarantine"] == before["quarantine"], "a refused file added to the quarantine"
    log = _new_log(con, before)
    assert [(row[1], row[3], row[8]) for row in log] == [
        (case["file"], "refused", result.message)
    ], "a refused file adds exactly one 'refused' line to the load log"


def _check_loaded(con, case: dict, result, before: dict) -> None:
    expected_tables = [t for t in TABLES if t in case]
    assert [p.kind for p in result.parts] == expected_tables, "tables fed by the file"
    assert result.source == case.get("read_as", case.get("source") or "canonical")
    for part in result.parts:
        assert part.rows_read == part.loaded + part.quarantined, part
        want = case[part.kind]
        got = {"loaded": part.loaded, "quarantined": part.quarantined, "replaced": part.replaced}
        assert got == {
            "loaded": want["loaded"],
            "quarantined": want["quarantined"],
            "replaced": want.get("replaced", 0),
        }, part.kind
    if "ignored_columns" in case:
        assert result.ignored_columns == case["ignored_columns"]

    after = _state(con)
    new_ids = {part.load_id for part in result.parts}
    for table in TABLES:
        if table not in case:
            assert after["fingerprints"][table] == before["fingerprints"][table], table
            continue
        want = case[table]
        added = after["counts"][table] - before["counts"][table]
        assert added == want.get("added", want["loaded"] - want.get("replaced", 0)), table
        # No row loaded before is lost: each is still there, or a row of this load with the
        # same key replaced it (the file's valid newer export of that key).
        rewritten = {key for key, load_id in after["rows"][table].values() if load_id in new_ids}
        lost = [
            text
            for text, (key, _) in before["rows"][table].items()
            if text not in after["rows"][table] and key not in rewritten
        ]
        assert lost == [], f"{table}: rows lost"
        replaced = [
            text
            for text, (key, _) in before["rows"][table].items()
            if text not in after["rows"][table]
        ]
        assert len(replaced) == want.get("replaced", 0), f"{table}: rows replaced"

    _check_quarantine(con, case, result, before, after)
    log = _new_log(con, before)
    assert [row[1:8] for row in log] == [
        (
            case["file"],
            p.kind,
            "loaded",
            p.rows_read,
            p.loaded,
            p.replaced,
            p.quarantined,
        )
        for p in result.parts
    ]
    for check in case.get("stored", []):
        _check_stored(con, case, check)


def _check_quarantine(con, case: dict, result, before: dict, after: dict) -> None:
    total = sum(part.quarantined for part in result.parts)
    assert after["quarantine"] - before["quarantine"] == total, "quarantine entries added"
    rows = con.execute(
        'select load_id, file_name, kind, line, "column", value, reasons, record '
        "from quarantine where load_id > ? order by load_id, line",
        [before["max_load_id"]],
    ).fetchall()
    assert len(rows) == total
    kinds = {part.load_id: part.kind for part in result.parts}
    for load_id, file_name, kind, _, _, _, reasons, _ in rows:
        assert file_name == case["file"]
        assert kinds.get(load_id) == kind
        assert reasons, "a quarantined row without a reason"
    expected = case.get("quarantine", [])
    assert len(expected) == len(rows), [(r[2], r[3], r[6]) for r in rows]
    unmatched = list(rows)
    only_table = [t for t in TABLES if t in case]
    for entry in expected:
        table = entry.get("table", only_table[0])
        match = next(
            (
                row
                for row in unmatched
                if row[2] == table
                and ("line" not in entry or row[3] == entry["line"])
                and any(entry["reason"] in reason for reason in row[6])
                and entry.get("record_contains", "") in (row[7] or "")
            ),
            None,
        )
        assert match is not None, (entry, [(r[2], r[3], r[6]) for r in unmatched])
        unmatched.remove(match)


def _verbatim_forms(value: str) -> list[str]:
    """How a value can appear in its file: as is, CSV-quoted, or JSON-escaped."""
    return [value, value.replace('"', '""'), json.dumps(value)[1:-1]]


def _check_stored(con, case: dict, check: dict) -> None:
    table, column, where = check["table"], check["column"], check["where"]
    columns = {row[0] for row in con.execute(f"describe {table}").fetchall()}
    assert table in TABLES and {column, where} <= columns, check
    found = con.execute(
        f'select cast("{column}" as varchar) from {table} where "{where}" = ?', [check["equals"]]
    ).fetchall()
    assert found == [(check["value"],)], check
    if check.get("verbatim", True):
        # Byte for byte: the stored text is exactly what the file holds.
        raw = (HOSTILE / case["file"]).read_bytes()
        encoding = case.get("encoding") or "utf-8"
        forms = [form.encode(encoding) for form in _verbatim_forms(check["value"])]
        assert any(form in raw for form in forms), f"{check['value']!r} is not in the file"


# ------------------------------------------------------------------------------- tests


@pytest.mark.parametrize("case", _params())
def test_hostile_file(case, baseline_con):
    con = baseline_con
    before = _state(con)
    result = _load(con, case)
    assert result.status == case["status"], result.message
    if case["status"] == "refused":
        _check_refused(con, case, result, before)
    else:
        _check_loaded(con, case, result, before)


def _source_of(case: dict) -> str:
    source = case.get("read_as") or case.get("source") or "canonical"
    if source != "canonical":
        return source
    suffix = Path(case["file"]).suffix
    if suffix == ".json":
        return "json array"
    return {".csv": "canonical csv", ".jsonl": "json lines", ".parquet": "parquet"}[suffix]


def test_the_corpus_covers_every_table_and_source():
    files = {case["file"] for case in CASES}
    assert len(CASES) >= 45 and len(files) >= 45
    assert len({_case_id(case) for case in CASES}) == len(CASES), "case ids are unique"
    on_disk = {path.name for path in HOSTILE.iterdir() if path.is_file()} - SUPPORT_FILES
    assert files == on_disk, "every corpus file has an entry, and every entry a file"
    loaded_tables = {t for case in CASES for t in TABLES if t in case}
    assert loaded_tables == set(TABLES)
    assert {case["status"] for case in CASES} == {"loaded", "refused"}
    sources = {_source_of(case) for case in CASES}
    assert sources >= {
        "canonical csv",
        "json lines",
        "json array",
        "parquet",
        "zendesk",
        "freshdesk",
        "mapped",
    }
    for case in CASES:
        assert case["status"] in ("loaded", "refused"), case["file"]
        assert ("message" in case) == (case["status"] == "refused"), case["file"]


# --------------------------------------------------------------------- one gigabyte line

GIGABYTE = 1 << 30


def _rss_bytes() -> int:
    """The process's resident memory now (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize()


def test_a_one_gigabyte_line_ends_clearly(baseline_con, tmp_path):
    con = baseline_con
    path = tmp_path / "tickets.csv"
    chunk = b"A" * (1 << 20)
    prefix = b"G1,2026-11-16T09:00:00Z,open,"
    try:
        with path.open("wb") as handle:
            handle.write(b"ticket_id,created_at,status,subject\n")
            handle.write(prefix)
            left = GIGABYTE - len(prefix)
            while left > 0:
                handle.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            handle.write(b"\n")
        before = _state(con)
        rss_before = _rss_bytes()
        result = load_file(con, path, now=NOW, display_name="tickets.csv")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        # The file was never held whole in memory.
        assert peak - rss_before < GIGABYTE, f"peak memory grew by {peak - rss_before:,} bytes"
        after = _state(con)
        assert after["fingerprints"] == before["fingerprints"]
        # The other rows of such a file would load; the giant record is quarantined, saying why.
        assert result.status == "loaded", result.message
        (part,) = result.parts
        assert (part.rows_read, part.loaded, part.quarantined) == (1, 0, 1)
        (reasons,) = con.execute(
            "select reasons from quarantine where load_id = ?", [part.load_id]
        ).fetchall()[0]
        assert any("longer than the 8 MB a record may be" in r for r in reasons), reasons
    finally:
        path.unlink(missing_ok=True)
