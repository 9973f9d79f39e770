"""Cases a tester found by loading files of their own without reading the code (a held-out
set): each was wrong before and is pinned here."""

from __future__ import annotations

import contextlib
import gzip
import json
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

from scorecard import db

from .conftest import rows
from .test_cli import PROJECT
from .test_cli import scorecard as cli

ZENDESK = (
    "Id,Status,Created at,Solved at,Satisfaction Score,Via,Replies\n"
    "1,Solved,2026-11-16 10:00,2026-11-16 12:00,Good,Email,1\n"
    "2,Solved,2026-11-16 10:00,2026-11-16 12:00,Excellent,Email,1\n"
    "3,Solved,2026-11-16 10:00,2026-11-16 12:00,5,Email,1\n"
    "4,Solved,2026-11-16 10:00,2026-11-16 12:00,Unoffered,Email,1\n"
    "5,Solved,2026-11-16 10:00,2026-11-16 12:00,Offered,Email,1\n"
    "6,Solved,2026-11-16 10:00,2026-11-16 12:00,,Email,1\n"
)


def test_a_zendesk_satisfaction_value_that_is_not_good_or_bad_is_quarantined(load, con):
    result = load("export.csv", ZENDESK, source="zendesk")
    csat = next(part for part in result.parts if part.kind == "csat")
    # Good loads; Excellent and 5 are ratings no one can score (quarantined, never dropped);
    # Unoffered, Offered and blank are not ratings at all.
    assert (csat.rows_read, csat.loaded, csat.quarantined) == (3, 1, 2)
    lines = rows(con, "select line from quarantine where kind = 'csat' order by line")
    assert lines == [(3,), (4,)]


def test_zendesk_api_ratings_embedded_in_tickets_are_kept_beside_rating_objects(load, con):
    records = [
        {"id": 1, "status": "solved", "created_at": "2026-11-16T10:00:00Z",
         "solved_at": "2026-11-16T12:00:00Z", "via": {"channel": "email"},
         "satisfaction_rating": {"score": "bad"}},
        {"id": 2, "status": "solved", "created_at": "2026-11-16T10:00:00Z",
         "solved_at": "2026-11-16T12:00:00Z", "via": {"channel": "email"},
         "satisfaction_rating": {"score": "good"}},
        # Ticket 2's rating as an object of its own: it wins (counted once).
        {"id": 90, "ticket_id": 2, "score": "good", "created_at": "2026-11-16T13:00:00Z"},
    ]  # fmt: skip
    text = "".join(json.dumps(record) + "\n" for record in records)
    result = load("tickets.jsonl", text, source="zendesk")
    csat = next(part for part in result.parts if part.kind == "csat")
    assert (csat.rows_read, csat.loaded, csat.quarantined) == (2, 2, 0)
    assert rows(con, "select ticket_id, score from csat order by ticket_id") == [
        ("1", 0.0),
        ("2", 1.0),
    ]


def test_a_json_array_with_a_byte_order_mark_loads(load):
    text = '\ufeff[{"ticket_id": "T1", "created_at": "2026-11-16T10:00:00Z", "status": "open"}]'
    result = load("tickets.json", text.encode("utf-8"))
    assert (result.status, result.loaded) == ("loaded", 1)


def test_files_that_are_not_exports_are_named(load, tmp_path):
    zipped = tmp_path / "book.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("sheet.xml", "<x/>")
    cases = {
        "gzip": gzip.compress(b"ticket_id,created_at,status\n"),
        "zip archive": zipped.read_bytes(),
        "HTML": b"<!DOCTYPE html><html><body>Please sign in</body></html>",
    }
    for word, data in cases.items():
        result = load("tickets.csv", data)
        assert result.status == "refused" and word in result.message, result.message
        assert "\n" not in result.message and len(result.message) <= 300


def test_a_zendesk_export_without_its_status_column_is_refused_naming_it(load):
    text = "\n".join(
        line.split(",", 2)[0] + "," + line.split(",", 2)[2] for line in ZENDESK.splitlines()
    )
    result = load("export.csv", text + "\n")
    assert result.status == "refused"
    assert result.message == "not a complete Zendesk ticket CSV export: missing column 'Status'"


def test_a_file_read_as_another_table_than_its_name_says_is_noted(tmp_path):
    path = tmp_path / "tickets_november.csv"
    path.write_text("ticket_id,rated_at,score\nT1,2026-11-16 10:00,5\n", encoding="utf-8")
    done = cli("ingest", str(path), "--db", str(tmp_path / "db.duckdb"))
    assert done.returncode == 0, done.stderr
    assert f"note: {path}: read as canonical csat" in done.stderr


def test_ctrl_c_during_a_load_stops_it_cleanly_and_keeps_nothing(tmp_path):
    path = tmp_path / "tickets.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("ticket_id,created_at,status,requester\n")
        for i in range(150_000):
            out.write(f"T{i},2026-11-16T10:00:00Z,open,{'r' * 120}\n")
    database = tmp_path / "db.duckdb"
    load = subprocess.Popen(
        [sys.executable, "-m", "scorecard", "ingest", str(path), "--db", str(database)],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in load.stderr:
        if "against the rules" in line:
            load.send_signal(signal.SIGINT)
            break
    out, err = load.communicate(timeout=120)
    assert load.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted: ingest stopped; nothing it was writing was kept" in err
    assert out == ""  # no line claims a load that did not happen
    assert not Path(f"{database}.next").exists()
    with contextlib.closing(db.open_reader(database)) as con:  # nothing of the file landed
        assert con.execute("select count(*) from tickets").fetchall() == [(0,)]
    done = cli("ingest", str(path), "--db", str(database))  # and the next load lands whole
    assert done.stdout.strip() == f"{path}: 150000 loaded (0 replaced), 0 quarantined"


def test_a_json_record_with_the_same_column_twice_is_quarantined(load, con):
    text = (
        '{"ticket_id": "T1", "rated_at": "2026-11-16T10:00:00Z", "score": 5, "score": 1}\n'
        '{"ticket_id": "T2", "rated_at": "2026-11-16T10:00:00Z", "score": 4, "Score": 2}\n'
        '{"ticket_id": "T3", "rated_at": "2026-11-16T10:00:00Z", "score": 3}\n'
    )
    result = load("csat.jsonl", text)
    assert (result.rows_read, result.loaded, result.quarantined) == (3, 1, 2)
    assert rows(con, "select line, reasons from quarantine order by line") == [
        (1, ["the same column more than once in one record"]),
        (2, ["the same column more than once in one record"]),
    ]


def test_a_parquet_file_with_two_columns_meaning_the_same_is_refused(load, tmp_path, con):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "tickets.parquet"
    table = pa.table(
        {
            "ticket_id": ["T1"],
            "TICKET_ID": ["T9"],
            "created_at": ["2026-11-16T10:00:00Z"],
            "status": ["open"],
        }
    )
    pq.write_table(table, path)
    result = load("tickets.parquet", path.read_bytes())
    assert result.status == "refused"
    assert result.message == "columns 'ticket_id' and 'TICKET_ID' both mean ticket_id"


def test_zendesk_api_rating_objects_are_recognised_without_naming_the_source(load, con):
    fixture = Path(__file__).parent / "fixtures" / "zendesk" / "satisfaction_ratings.jsonl"
    result = load("ratings.jsonl", fixture.read_bytes())
    assert result.source == "zendesk", result.message
    csat = next(part for part in result.parts if part.kind == "csat")
    assert (csat.loaded, csat.quarantined) == (2, 0)  # good and bad; offered is no rating
