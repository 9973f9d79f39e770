"""Loading rules (SPEC §6, §10, §11): each rule, idempotence, replacement, atomicity."""

import json
from datetime import UTC, date, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scorecard import db
from scorecard.ingest import loader

from .conftest import rows, write


def _counts_add_up(result):
    assert result.rows_read == result.loaded + result.quarantined
    return result


def quarantine(con):
    return rows(con, 'select line, "column", value, reasons from quarantine order by line')


def tickets(con, columns="ticket_id, created_at"):
    return rows(con, f"select {columns} from tickets order by ticket_id")


def utc(*parts):
    return datetime(*parts, tzinfo=UTC)


# ---------------------------------------------------------------- column names


def test_column_names_ignore_case_spaces_and_underscores(load, con):
    result = load(
        "tickets.csv",
        """
        Ticket ID ,CREATED_AT,  Status,firstresponse_at,Some Other Column
        T1,2026-11-16 09:00,Open,2026-11-16 09:05,x
        """,
    )
    assert (result.loaded, result.quarantined) == (1, 0)
    assert result.ignored_columns == ["Some Other Column"]
    assert tickets(con, "ticket_id, status, first_response_at") == [
        ("T1", "open", utc(2026, 11, 16, 9, 5))
    ]


def test_missing_required_column_refuses_the_file(load, con):
    result = load("tickets.csv", "ticket_id,created_at\nT1,2026-11-16 09:00\n")
    assert result.status == "refused"
    assert "missing required column status" in result.message
    assert tickets(con) == []
    assert rows(con, "select status, message from load_log") == [("refused", result.message)]


def test_two_columns_meaning_the_same_refuse_the_file(load):
    result = load("tickets.csv", "ticket_id,Ticket ID,created_at,status\nT1,T1,2026-11-16,open\n")
    assert result.status == "refused"
    assert "both mean ticket_id" in result.message


# ------------------------------------------------------------------ timestamps


def test_timestamp_forms_in_one_column(load, con):
    result = load(
        "tickets.csv",
        """
        ticket_id,created_at,status
        T01,2026-11-16 09:30,open
        T02,2026-11-16T09:30,open
        T03,2026-11-16 09:30:15,open
        T04,2026-11-16T09:30:15.250Z,open
        T05,2026-11-16T09:30:00+02:00,open
        T06,2026-11-16 09:30:00+0200,open
        T07,2026-11-16 09:30:00+02,open
        T08,2026-11-16 09:30-05:30,open
        T09,2026-11-16,open
        T10,2026-11-16T09:30:00.123456789Z,open
        """,
    )
    assert (result.loaded, result.quarantined) == (10, 0)
    assert [r[1] for r in tickets(con)] == [
        utc(2026, 11, 16, 9, 30),
        utc(2026, 11, 16, 9, 30),
        utc(2026, 11, 16, 9, 30, 15),
        utc(2026, 11, 16, 9, 30, 15, 250000),
        utc(2026, 11, 16, 7, 30),
        utc(2026, 11, 16, 7, 30),
        utc(2026, 11, 16, 7, 30),
        utc(2026, 11, 16, 15, 0),
        utc(2026, 11, 16, 0, 0),
        utc(2026, 11, 16, 9, 30, 0, 123456),
    ]


def test_source_time_zone_applies_to_naive_times_only(load, con):
    result = load(
        "tickets.csv",
        """
        ticket_id,created_at,status
        T1,2026-07-01 12:00,open
        T2,2026-12-01 12:00,open
        T3,2026-07-01 12:00Z,open
        T4,2026-07-01,open
        """,
        timezone="Europe/Berlin",
    )
    assert result.quarantined == 0
    assert [r[1] for r in tickets(con)] == [
        utc(2026, 7, 1, 10, 0),  # CEST, UTC+2
        utc(2026, 12, 1, 11, 0),  # CET, UTC+1
        utc(2026, 7, 1, 12, 0),  # the offset in the data wins
        utc(2026, 6, 30, 22, 0),  # a date alone is midnight in the source zone
    ]


def test_daylight_saving_gaps_and_overlaps(load, con):
    load(
        "tickets.csv",
        """
        ticket_id,created_at,status
        back,2026-10-25 02:30,open
        forward,2026-03-29 02:30,open
        """,
        timezone="Europe/Berlin",
    )
    assert dict(tickets(con)) == {
        # Clocks go back 03:00 → 02:00: 02:30 happens twice; the first (CEST) is taken.
        "back": utc(2026, 10, 25, 0, 30),
        # Clocks go forward 02:00 → 03:00: 02:30 does not exist; it moves forward to 03:30.
        "forward": utc(2026, 3, 29, 1, 30),
    }


def test_bad_timestamps_are_quarantined_with_reasons(load, con):
    result = _counts_add_up(
        load(
            "tickets.csv",
            """
            ticket_id,created_at,status
            ok,2026-11-16 09:00,open
            words,next tuesday,open
            impossible,2026-02-30 10:00,open
            epoch,1763283600,open
            us,11/16/2026 09:00,open
            future,2062-11-16 09:00,open
            offset,2026-11-16 09:00+25:00,open
            """,
        )
    )
    assert (result.loaded, result.quarantined) == (1, 6)
    found = {value: reasons for _, _, value, reasons in quarantine(con)}
    assert found["next tuesday"] == ["created_at: not an ISO-8601 timestamp"]
    assert found["2026-02-30 10:00"] == ["created_at: impossible date or time"]
    assert found["1763283600"] == ["created_at: not an ISO-8601 timestamp"]
    assert found["11/16/2026 09:00"] == ["created_at: not an ISO-8601 timestamp"]
    assert found["2062-11-16 09:00"] == ["created_at: more than one day after the load"]
    assert found["2026-11-16 09:00+25:00"] == ["created_at: impossible UTC offset"]
    lines = [line for line, *_ in quarantine(con)]
    assert lines == [3, 4, 5, 6, 7, 8]  # the header is line 1


# ---------------------------------------------------------------- ticket rules


def test_ticket_rules(load, con):
    result = _counts_add_up(
        load(
            "tickets.csv",
            """
            ticket_id,created_at,first_response_at,solved_at,status,priority,agent_replies,reopens,floor,team
            good,2026-11-16 09:00,2026-11-16 09:05,2026-11-16 10:00,Solved,Medium,2,0,1,
            hold,2026-11-16 09:00,,,On-Hold,,,,,"  Payments  "
            hold2,2026-11-16 09:00,,,on hold,urgent,3.0,,,
            early_solve,2026-11-16 09:00,,2026-11-16 08:00,solved,,,,,
            early_reply,2026-11-16 09:00,2026-11-16 08:59,,open,,,,,
            no_solve,2026-11-16 09:00,,,closed,,,,,
            bad_status,2026-11-16 09:00,,,escalated,,,,,
            bad_priority,2026-11-16 09:00,,,open,critical,,,,
            bad_count,2026-11-16 09:00,,,open,,-1,,,
            half_count,2026-11-16 09:00,,,open,,1.5,,,
            bad_floor,2026-11-16 09:00,,,open,,,,4,
            nan,2026-11-16 09:00,,,open,,NaN,,,
            ,2026-11-16 09:00,,,open,,,,,
            """,
        )
    )
    assert result.loaded == 3
    assert tickets(con, "ticket_id, status, priority, team, agent_replies") == [
        ("good", "solved", "normal", "Unassigned", 2),
        ("hold", "hold", "normal", "Payments", None),
        ("hold2", "hold", "urgent", "Unassigned", 3),
    ]
    assert [(line, reasons) for line, _, _, reasons in quarantine(con)] == [
        (5, ["solved_at: solved before creation"]),
        (6, ["first_response_at: first response before creation"]),
        (7, ["solved_at: a closed ticket needs solved_at"]),
        (8, ["status: unknown status (expected new, open, pending, hold, solved or closed)"]),
        (9, ["priority: unknown priority (expected urgent, high, normal or low)"]),
        (10, ["agent_replies: negative count"]),
        (11, ["agent_replies: not a whole number"]),
        (12, ["floor: floor must be 1, 2 or 3"]),
        (13, ["agent_replies: not a whole number"]),
        (14, ["ticket_id: required value is missing"]),
    ]


def test_every_reason_of_a_row_is_kept(load, con):
    load(
        "tickets.csv",
        """
        ticket_id,created_at,status,priority
        T1,yesterday,unknown,critical
        """,
    )
    [(line, column, value, reasons)] = quarantine(con)
    assert (line, column, value) == (2, "created_at", "yesterday")
    assert len(reasons) == 3
    record = json.loads(rows(con, "select record from quarantine")[0][0])
    assert record == {
        "ticket_id": "T1",
        "created_at": "yesterday",
        "status": "unknown",
        "priority": "critical",
    }


# ------------------------------------------------------------------ duplicates


def test_duplicates_inside_a_file(load, con):
    result = _counts_add_up(
        load(
            "tickets.csv",
            """
            ticket_id,created_at,status
            same,2026-11-16 09:00,open
            same,2026-11-16 09:00,open
            clash,2026-11-16 09:00,open
            clash,2026-11-16 09:00,pending
            other,2026-11-16 09:00,open
            """,
        )
    )
    # Identical copies load once and count as loaded; conflicting copies are all quarantined.
    assert (result.loaded, result.quarantined) == (3, 2)
    assert [t for t, _ in tickets(con)] == ["other", "same"]
    assert [r[3] for r in quarantine(con)] == [
        ["ticket_id: duplicate key with different content in this file"]
    ] * 2


def test_a_later_load_of_a_key_replaces_the_earlier_row(load, con):
    load(
        "tickets.csv", "ticket_id,created_at,status\nT1,2026-11-16 09:00,open\nT2,2026-11-16,open\n"
    )
    result = load(
        "tickets_later.csv",
        "ticket_id,created_at,status,solved_at\nT1,2026-11-16 09:00,solved,2026-11-17\n",
    )
    assert (result.loaded, result.replaced) == (1, 1)
    assert tickets(con, "ticket_id, status") == [("T1", "solved"), ("T2", "open")]


def test_loading_the_same_bytes_again_changes_nothing(load, con):
    text = "ticket_id,created_at,status\nT1,2026-11-16 09:00,open\n"
    first = load("tickets.csv", text)
    load("tickets_b.csv", "ticket_id,created_at,status\nT1,2026-11-16 09:00,closed,\n")
    before = rows(con, "select * from tickets")
    again = load("renamed_tickets.csv", text)  # another path, same bytes
    assert again.status == "skipped"
    assert again.summary().endswith(f"(same content as load {first.load_id}; nothing changed)")
    assert (again.loaded, again.replaced, again.quarantined) == (0, 0, 0)
    assert rows(con, "select * from tickets") == before


def test_csat_pulse_qa_escalation_keys(load, con):
    load("csat.csv", "ticket_id,rated_at,score\nT1,2026-11-16 10:00,5\nT1,2026-11-17 10:00,1\n")
    load("csat.csv", "ticket_id,rated_at,score\nT1,2026-11-17 10:00,4\n")
    assert rows(con, "select rated_at, score from csat order by rated_at") == [
        (utc(2026, 11, 16, 10), 5.0),
        (utc(2026, 11, 17, 10), 4.0),
    ]
    pulse = "submitted_at,score,team\n2026-11-16 10:00,4,A\n2026-11-16 10:00,4,A\n"
    assert load("pulse.csv", pulse).loaded == 2
    assert load("pulse_again.csv", pulse + "2026-11-16 10:00,3,A\n").loaded == 3
    # Without response ids the whole row is the key: identical answers collapse to one.
    assert rows(con, "select score, count(*) from pulse group by score order by score") == [
        (3.0, 1),
        (4.0, 1),
    ]
    load(
        "escalations.csv",
        "ticket_id,floor,escalated_at\nT1,2,2026-11-16 10:00\nT1,3,2026-11-16 11:00\n",
    )
    assert rows(con, "select count(*) from escalations") == [(2,)]


# ----------------------------------------------------------------- file level


def test_empty_file_is_refused_and_header_only_is_fine(load, con):
    empty = load("tickets.csv", b"")
    assert (empty.status, empty.message) == ("refused", "empty file (0 bytes)")
    assert empty.summary() == "error: tickets.csv: empty file (0 bytes)"
    header = load("tickets.csv", "ticket_id,created_at,status\n")
    assert (header.status, header.rows_read, header.loaded) == ("loaded", 0, 0)


def test_delimiters_are_detected(load, con):
    for delimiter, name in ((";", "a"), ("\t", "b"), ("|", "c")):
        text = delimiter.join(["ticket_id", "created_at", "status"]) + "\n"
        text += delimiter.join([name, "2026-11-16 09:00", "open"]) + "\n"
        assert load(f"tickets_{name}.csv", text).loaded == 1
    assert [t for t, _ in tickets(con)] == ["a", "b", "c"]


def test_an_unknown_delimiter_says_so(load):
    result = load("tickets.csv", "ticket_id:created_at:status\nT1:2026-11-16:open\n")
    assert result.status == "refused"
    assert "delimiter" in result.message


def test_quoted_fields_hold_delimiters_quotes_and_newlines(load, con):
    result = _counts_add_up(
        load(
            "csat.csv",
            "ticket_id,rated_at,score,comment\n"
            'T1,2026-11-16 10:00,5,"Fast, ""friendly""\nand kind"\n'
            'T2,2026-11-16 10:00,9,"line one\nline two"\n'
            "T3,2026-11-16 10:00,4,plain\n",
        )
    )
    assert (result.loaded, result.quarantined) == (2, 1)
    assert rows(con, "select comment from csat where ticket_id = 'T1'") == [
        ('Fast, "friendly"\nand kind',)
    ]
    # T2 starts on line 4 (T1 spans lines 2–3); the header is line 1.
    assert quarantine(con) == [(4, "score", "9", ["score: score outside the scale"])]


def test_malformed_records_are_quarantined_with_their_line(load, con):
    result = _counts_add_up(
        load(
            "tickets.csv",
            "ticket_id,created_at,status\n"
            "T1,2026-11-16 09:00,open\n"
            "T2,2026-11-16 09:00\n"
            "T3,2026-11-16 09:00,open,extra\n"
            "T4,2026-11-16 09:00,open\n",
        )
    )
    assert (result.loaded, result.quarantined) == (2, 2)
    lines = [(line, reasons[0].split(":")[0]) for line, _, _, reasons in quarantine(con)]
    assert lines == [
        (3, "unreadable record (fewer fields than the header)"),
        (4, "unreadable record (more fields than the header)"),
    ]


def test_non_utf8_is_refused_with_its_line_unless_an_encoding_is_given(load, con):
    data = "ticket_id,created_at,status,team\nT1,2026-11-16,open,Zürich\nT2,2026-11-16,open,Köln\n"
    latin = data.encode("latin-1")
    refused = load("tickets.csv", latin)
    assert refused.status == "refused"
    assert "not valid UTF-8 (first bad byte on line 2)" in refused.message
    assert tickets(con) == []
    loaded = load("tickets.csv", latin, encoding="latin-1")
    assert loaded.loaded == 2
    assert [team for (team,) in rows(con, "select team from tickets order by ticket_id")] == [
        "Zürich",
        "Köln",
    ]


def test_byte_order_mark_is_fine(load, con):
    result = load("tickets.csv", b"\xef\xbb\xbfticket_id,created_at,status\nT1,2026-11-16,open\n")
    assert result.loaded == 1


def test_unsupported_or_missing_files(load, con, tmp_path):
    assert "unsupported file type '.xlsx'" in load("tickets.xlsx", b"PK\x03\x04").message
    missing = loader.load_file(con, tmp_path / "nope.csv", kind="tickets")
    assert (missing.status, missing.message) == ("refused", "no such file")


def test_kind_from_file_name_or_columns(load, con):
    assert (
        load("Tickets 2026-11.csv", "ticket_id,created_at,status\nT1,2026-11-16,open\n").kind
        == "tickets"
    )
    assert load("export.csv", "agent_id,hired_on\na1,2020-01-01\n").kind == "agents"
    both = load(
        "export.csv",
        "ticket_id,created_at,status,rated_at,score\nT1,2026-11-16,open,2026-11-16,5\n",
    )
    assert both.status == "refused"
    assert "pass --kind" in both.message


def test_text_is_stored_byte_for_byte(load, con):
    comment = "  <script>alert('x')</script> =HYPERLINK(\"http://x\")  "
    load(
        "csat.csv",
        f'ticket_id,rated_at,score,comment\n  T1  ,2026-11-16,5,"{comment.replace(chr(34), chr(34) * 2)}"\n',
    )
    assert rows(con, "select ticket_id, comment from csat") == [("T1", comment)]


def test_references_to_unloaded_rows_are_kept(load, con):
    assert load("csat.csv", "ticket_id,rated_at,score\nnot-loaded,2026-11-16,5\n").loaded == 1


def test_oversized_records_are_quarantined(load, con):
    huge = "x" * (8 * 1024 * 1024 + 10)
    result = _counts_add_up(
        load(
            "csat.csv",
            f"ticket_id,rated_at,score,comment\nT1,2026-11-16,5,{huge}\nT2,2026-11-16,5,ok\n",
        )
    )
    assert (result.loaded, result.quarantined) == (1, 1)
    jsonl = "\n".join(
        [
            json.dumps({"ticket_id": "T1", "rated_at": "2026-11-16", "score": 5, "comment": huge}),
            json.dumps({"ticket_id": "T3", "rated_at": "2026-11-16", "score": 5}),
        ]
    )
    result = _counts_add_up(load("csat.jsonl", jsonl + "\n"))
    assert (result.loaded, result.quarantined) == (1, 1)


# ---------------------------------------------------------------- other tables


def test_score_scales(load, con):
    result = _counts_add_up(
        load(
            "csat.csv",
            """
            ticket_id,rated_at,score,scale_min,scale_max
            T1,2026-11-16,5,,
            T2,2026-11-16,6,,
            T3,2026-11-16,0,0,10
            T4,2026-11-16,3,5,1
            T5,2026-11-16,good,,
            T6,2026-11-16,inf,,
            """,
        )
    )
    assert (result.loaded, result.quarantined) == (2, 4)
    reasons = {value: r for _, _, value, r in quarantine(con)}
    assert reasons["6"] == ["score: score outside the scale"]
    assert reasons["1"] == [
        "scale_max: scale_max must be greater than scale_min",
        "score: score outside the scale",
    ]
    assert reasons["good"] == ["score: not a finite number"]
    assert reasons["inf"] == ["score: not a finite number"]


def test_qa_review_rules(load, con):
    result = _counts_add_up(
        load(
            "qa_reviews.csv",
            """
            review_id,reviewed_at,agent,category,score,calibration,weight
            ok,2026-11-16,a1,Tone,90,,
            ok,2026-11-16,a1,Accuracy,,,
            bad_row,2026-11-16,a1,Tone,90,,
            bad_row,2026-11-16,a1,Accuracy,150,,
            when,2026-11-16,a1,Tone,90,,
            when,2026-11-17,a1,Accuracy,90,,
            cal,2026-11-16,a1,Tone,90,true,
            cal,2026-11-16,a1,Accuracy,90,false,
            calany,2026-11-16,a1,Tone,90,yes,
            calany,2026-11-16,a1,Accuracy,90,,
            overall,2026-11-16,a1,,,,
            heavy,2026-11-16,a1,Tone,90,,-1
            """,
        )
    )
    assert (result.loaded, result.quarantined) == (2, 10)
    assert rows(con, "select review_id, category, calibration from qa_reviews order by all") == [
        ("ok", "Accuracy", False),
        ("ok", "Tone", False),
    ]
    reasons = [r for _, _, _, r in quarantine(con)]
    assert ["score: score outside the scale"] in reasons
    assert ["review_id: another row of this review was quarantined"] in reasons
    assert reasons.count(["review_id: rows of this review disagree on reviewed_at"]) == 2
    # A blank calibration is false: it disagrees with "yes" as much as "false" does with "true".
    assert reasons.count(["review_id: rows of this review disagree on calibration"]) == 4
    assert ["score: an overall score (no category) may not be empty"] in reasons
    assert ["weight: negative weight"] in reasons


def test_agent_rules(load, con):
    result = _counts_add_up(
        load(
            "agents.csv",
            """
            agent_id,hired_on,left_on,leave_type,team
            a1,2020-01-01,2026-01-01,Voluntary," A "
            a2,2020-01-01,2020-01-01,voluntary,A
            a3,2020-01-01,,retired,A
            a4,2020-02-30,,,A
            a5,2020-01-01T00:00:00,,,A
            a6,2020-01-01 12:00,,,A
            """,
        )
    )
    assert (result.loaded, result.quarantined) == (2, 4)
    assert rows(
        con, "select agent_id, hired_on, left_on, leave_type, team from agents order by 1"
    ) == [
        ("a1", date(2020, 1, 1), date(2026, 1, 1), "voluntary", "A"),
        ("a5", date(2020, 1, 1), None, None, "A"),
    ]
    reasons = {value: r for _, _, value, r in quarantine(con)}
    assert reasons["2020-01-01"] == ["left_on: left_on must be after hired_on"]
    assert "unknown leave type" in reasons["retired"][0]
    assert reasons["2020-02-30"] == ["hired_on: impossible date"]
    assert reasons["2020-01-01 12:00"] == ["hired_on: not a date (YYYY-MM-DD)"]


def test_escalation_rules(load, con):
    result = _counts_add_up(
        load(
            "escalations.csv",
            """
            ticket_id,floor,escalated_at,assigned_at,decided_at
            T1,2,2026-11-16 10:00,2026-11-16 10:05,
            T2,1,2026-11-16 10:00,,
            T3,3,2026-11-16 10:00,,2026-11-16 09:00
            T4,2,2026-11-16 10:00,2026-11-16 09:59,
            """,
        )
    )
    assert (result.loaded, result.quarantined) == (1, 3)
    reasons = sorted(r[0] for _, _, _, r in quarantine(con))
    assert reasons == [
        "assigned_at: assigned before escalation",
        "decided_at: decided before escalation",
        "floor: escalation floor must be 2 or 3",
    ]


# ------------------------------------------------------------ other file types


def test_parquet_types_are_read_natively(tmp_path, con):
    table = pa.table(
        {
            "Ticket ID": ["P1", "P2", "P3"],
            "created_at": pa.array(
                [datetime(2026, 11, 16, 9), datetime(2026, 11, 16, 10), None], pa.timestamp("us")
            ),
            "solved_at": pa.array(
                [datetime(2026, 11, 16, 10, tzinfo=UTC), None, None], pa.timestamp("us", "UTC")
            ),
            "status": ["solved", "open", "open"],
            "agent_replies": pa.array([1, None, 2], pa.int32()),
        }
    )
    path = tmp_path / "tickets.parquet"
    pq.write_table(table, path)
    result = _counts_add_up(
        loader.load_file(con, path, timezone="Europe/Berlin", now=utc(2027, 1, 1))
    )
    assert (result.loaded, result.quarantined) == (2, 1)
    assert tickets(con, "ticket_id, created_at, solved_at, agent_replies") == [
        ("P1", utc(2026, 11, 16, 8), utc(2026, 11, 16, 10), 1),  # naive → Berlin; aware stays
        ("P2", utc(2026, 11, 16, 9), None, None),
    ]
    assert quarantine(con)[0][:2] == (3, "created_at")  # Parquet rows count from 1


def test_parquet_epoch_numbers_are_not_timestamps(tmp_path, con):
    path = tmp_path / "tickets.parquet"
    pq.write_table(
        pa.table({"ticket_id": ["E1"], "created_at": [1763283600], "status": ["open"]}), path
    )
    result = loader.load_file(con, path, now=utc(2027, 1, 1))
    assert (result.loaded, result.quarantined) == (0, 1)


def test_a_file_that_is_not_parquet_is_refused(load, con):
    result = load("tickets.parquet", b"ticket_id,created_at\n")
    assert result.status == "refused"
    assert result.message.startswith("not a readable Parquet file")


def test_json_lines_quarantine_broken_lines_with_their_number(load, con):
    text = "\n".join(
        [
            json.dumps({"ticket_id": "J1", "created_at": "2026-11-16T09:00:00Z", "status": "open"}),
            "{broken",
            "",
            json.dumps(["not", "an", "object"]),
            json.dumps(
                {"Ticket ID": "J2", "Created At": "2026-11-16", "Status": "open", "floor": {"x": 1}}
            ),
            json.dumps(
                {
                    "ticket_id": "J3",
                    "created_at": "2026-11-16",
                    "status": "open",
                    "agent_replies": 2,
                }
            ),
        ]
    )
    result = _counts_add_up(load("tickets.jsonl", text + "\n"))
    assert result.status == "loaded", result.message
    assert (result.loaded, result.quarantined) == (2, 3)
    assert [(line, reasons) for line, _, _, reasons in quarantine(con)] == [
        (2, ["not valid JSON"]),
        (4, ["not a JSON object"]),
        (5, ["floor: floor must be 1, 2 or 3"]),
    ]
    assert tickets(con, "ticket_id, agent_replies") == [("J1", None), ("J3", 2)]


def test_json_array_files(load, con):
    records = [
        {"ticket_id": "A1", "created_at": "2026-11-16", "status": "open"},
        {"ticket_id": "A2", "created_at": "2026-11-16", "status": "nope"},
    ]
    result = _counts_add_up(load("tickets.json", json.dumps(records)))
    assert (result.loaded, result.quarantined) == (1, 1)
    assert quarantine(con)[0][0] == 2  # the second element
    assert load("tickets.json", "[{broken").status == "refused"


# ------------------------------------------------------------------- atomicity


def test_a_failure_mid_load_leaves_the_previous_data(load, con, monkeypatch):
    load("tickets.csv", "ticket_id,created_at,status\nT1,2026-11-16 09:00,open\n")
    before = rows(con, "select * from tickets")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # Fail after rows were replaced, before the quarantine and the log are written.
    monkeypatch.setattr(loader, "_quarantine", broken)
    with pytest.raises(RuntimeError):
        load(
            "tickets2.csv",
            "ticket_id,created_at,status\nT1,2026-11-16 09:00,solved\nT2,2026-11-16,open\n",
        )
    assert rows(con, "select * from tickets") == before
    assert rows(con, "select count(*) from load_log where status = 'loaded'") == [(1,)]
    monkeypatch.undo()
    again = load(
        "tickets2.csv",
        "ticket_id,created_at,status,solved_at\nT1,2026-11-16 09:00,solved,2026-11-16 10:00\n",
    )
    assert again.status == "loaded"


def test_a_refused_file_only_adds_a_log_line(load, con):
    load("tickets.csv", "ticket_id,created_at,status\nT1,2026-11-16 09:00,open\n")
    snapshot = {t: rows(con, f"select * from {t}") for t in ("tickets", "quarantine")}
    load("tickets.csv", b"ticket_id,created_at,status\nT2,2026-11-16,\xff\n")
    assert {t: rows(con, f"select * from {t}") for t in snapshot} == snapshot
    assert rows(con, "select status from load_log order by load_id") == [("loaded",), ("refused",)]


def test_load_log_counts(load, con):
    load("tickets.csv", "ticket_id,created_at,status\nT1,2026-11-16,open\nT2,bad,open\n")
    assert rows(
        con,
        "select file_name, kind, status, rows_read, rows_loaded, rows_replaced, rows_quarantined, "
        "length(checksum) from load_log",
    ) == [("tickets.csv", "tickets", "loaded", 2, 1, 0, 1, 64)]


def test_a_load_reports_its_steps_in_order(load):
    heard = []
    result = load(
        "tickets.csv",
        "ticket_id,created_at,status\nT1,2026-11-16T09:00:00Z,open\nT2,yesterday,open\n",
        progress=lambda share, step: heard.append((share, step)),
    )
    assert (result.loaded, result.quarantined) == (1, 1)
    shares = [share for share, _ in heard]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] < 1.0
    steps = [step for _, step in heard]
    assert steps[0].startswith("Checking the file (")
    assert "Reading the records…" in steps
    assert "Checking 2 tickets records against the rules…" in steps
    assert "Writing 2 records and their quarantine…" in steps
    assert steps[-1] == "Rebuilding the tables the figures read…"


def test_parquet_instants_load_as_the_same_instants_written_as_text(tmp_path):
    """Aware Parquet instants are staged as UTC text with a Z (the checks' fast road); they
    must load exactly as the same instants written with an explicit offset in a CSV file."""
    instants = [
        datetime(2026, 11, 16, 9, 30, 0, 123456, tzinfo=UTC),
        datetime(2026, 11, 16, 0, 0, tzinfo=UTC),
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(2026, 3, 29, 1, 59, 59, 999999, tzinfo=UTC),
    ]
    ids = [f"Q{i}" for i in range(len(instants))]
    parquet = tmp_path / "tickets.parquet"
    pq.write_table(
        pa.table(
            {
                "ticket_id": ids,
                "created_at": pa.array(instants, pa.timestamp("us", "UTC")),
                "solved_at": pa.array(instants, pa.timestamp("ns", "UTC")),
                "status": ["solved"] * len(ids),
            }
        ),
        parquet,
    )
    text = "".join(
        f"{i},{t.isoformat()},{t.isoformat()},solved\n" for i, t in zip(ids, instants, strict=True)
    )
    csv_path = write(tmp_path, "tickets.csv", "ticket_id,created_at,solved_at,status\n" + text)
    loaded = []
    for name, path in (("p", parquet), ("c", csv_path)):
        database = tmp_path / f"{name}.duckdb"
        connection = db.connect(database)
        try:
            loader.load_file(connection, path, timezone="Asia/Kolkata", now=utc(2027, 1, 1))
            loaded.append(
                tickets(connection, "ticket_id, created_at, solved_at") + quarantine(connection)
            )
        finally:
            connection.close()
    assert loaded[0] == loaded[1]
    assert len(loaded[0]) == len(ids)  # all loaded, none quarantined
