"""Write the hostile input corpus of tests/test_hostile_files.py into this folder.

Every file is small and written byte for byte from this script, so the hostility (byte-order
marks, NUL bytes, latin-1, UTF-16, CRLF, truncated Parquet …) is reviewable here rather than
hidden in invisible bytes. The generated files are committed; run this again only to change
the corpus, then update expected.toml:

    python tests/hostile/make_corpus.py

The file that holds one gigabyte-long line is not part of the corpus: the test module writes it
at run time into a temporary folder.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent


def lines(*rows: str, eol: str = "\n") -> bytes:
    """Rows joined by `eol`, each one ended by it, as UTF-8."""
    return "".join(row + eol for row in rows).encode("utf-8")


def jsonl(*records: object) -> bytes:
    return lines(*(json.dumps(record, ensure_ascii=False) for record in records))


T = "2026-11-16T09:00:00Z"  # a valid instant before the test's load time (2026-11-30)
TICKETS = "ticket_id,created_at,status"

ZENDESK_HEADER = (
    "ID,Requester,Requester ID,Assignee,Group,Subject,Tags,Status,Priority,Via,Created at,"
    "Solved at,Satisfaction Score,Reopens,Replies,First reply time in minutes,"
    "First reply time in minutes within business hours,"
    "Full resolution time in minutes within business hours"
)
FRESHDESK_HEADER = (
    "Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,"
    "Resolved time,Closed time,Last update time,Initial response time,"
    "First response time (in hrs),Resolution time (in hrs),Agent interactions,"
    "Customer interactions,Resolution status,First response status,Tags,Survey results"
)


def text_files() -> dict[str, bytes]:
    files: dict[str, bytes] = {}

    # ------------------------------------------------------------ canonical tickets CSV
    files["tickets_empty.csv"] = b""
    files["tickets_header_only.csv"] = lines(TICKETS)
    files["tickets_whitespace_only.csv"] = b"   \n  \n"
    files["tickets_bom.csv"] = b"\xef\xbb\xbf" + lines(TICKETS, f"BM1,{T},open", f"BM2,{T},new")
    files["tickets_semicolon.csv"] = lines(
        "ticket_id;created_at;status;first_response_minutes",
        "SC1;2026-11-16 09:00;open;15",
        "SC2;2026-11-16 09:00;open;1,5",  # a European decimal comma
    )
    files["tickets_tab.csv"] = lines(
        "ticket_id\tcreated_at\tstatus\trequester",
        f"TB1\t{T}\topen\tSmith, John",
        f"TB2\t{T}\tpending\tDoe; Jane",
    )
    files["tickets_pipe.csv"] = lines(
        "ticket_id|created_at|status|requester",
        f"PP1|{T}|open|Smith, John; Jr.",
        f'PP2|{T}|hold|"a | b"',
    )
    files["tickets_quoted.csv"] = lines(
        "ticket_id,created_at,status,requester,assignee,channel",
        f'QT1,{T},open,"Smith, John","Ann ""The Fixer"" Lee",email',
        f'QT2,{T},open,"line one\nline two","a,b;c|d\te",chat',
        f"QT3,{T},bogus,x,y,z",
        f'QT4,{T},open,"""quoted start",x,""',
    )
    latin1 = "ticket_id,created_at,status,assignee\nL1,{0},open,Ann\nL2,{0},open,Jürgen Müller\n"
    files["tickets_latin1.csv"] = latin1.format(T).encode("latin-1")
    utf16 = "ticket_id,created_at,status,assignee\nU1,{0},open,Zoë\nU2,{0},new,Ann\n"
    files["tickets_utf16.csv"] = utf16.format(T).encode("utf-16")  # with a byte-order mark
    files["tickets_utf16le_nobom.csv"] = utf16.format(T).encode("utf-16-le")
    files["tickets_png.csv"] = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
        b"5\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    files["tickets_mixed_dates.csv"] = lines(
        TICKETS,
        "MD1,2026-11-16T09:00:00Z,open",
        "MD2,2026-11-16T09:00:00+02:00,open",
        "MD3,2026-11-16,open",
        "MD4,11/16/2026,open",
        "MD5,yesterday,open",
        "MD6,2026-11-16T09:00:00.5+0200,open",
        "MD7,2026-11-16t09:00z,open",
        'MD8,"Mon, 16 Nov 2026 09:00:00 GMT",open',
        "MD9,1763283600,open",
    )
    files["tickets_naive_times.csv"] = lines(
        "ticket_id,created_at,first_response_at,status",
        "NT1,2026-11-16 09:00,2026-11-16 09:30,open",
        "NT2,2026-07-01 12:00:00,,open",
        "NT3,2026-10-25 02:30,,open",  # happens twice in Berlin (clocks go back)
        "NT4,2026-03-29 02:30,,open",  # does not exist in Berlin (clocks go forward)
        "NT5,2026-11-16T09:00:00Z,,open",
        "NT6,2026-11-16,,open",
    )
    files["tickets_impossible_dates.csv"] = lines(
        "ticket_id,created_at,solved_at,status",
        "ID1,2026-02-30 10:00,,open",
        "ID2,2026-11-16 24:61,,open",
        "ID3,2026-13-01T00:00:00Z,,open",
        "ID4,2026-11-16T10:00:00+25:00,,open",
        "ID5,2026-11-16 10:00,2026-11-31 09:00,solved",
        "ID6,2026-11-16 10:00,,open",
        "ID7,2025-02-29,,open",
        "ID8,2024-02-29,,open",
    )
    files["tickets_time_order.csv"] = lines(
        "ticket_id,created_at,first_response_at,solved_at,status",
        "TO1,2026-11-16T10:00:00Z,,2026-11-16T09:00:00Z,solved",
        "TO2,2026-11-16T10:00:00Z,2026-11-16T09:59:59Z,,open",
        "TO3,2026-11-16T10:00:00Z,2026-11-16T10:00:00Z,2026-11-16T10:00:00Z,solved",
        "TO4,2026-11-16T10:00:00Z,,,closed",
        "TO5,2026-11-16T12:00:00+02:00,2026-11-16T10:30:00Z,,open",
        "TO6,2026-11-16T10:00:00Z,2026-11-16T11:00:00+02:00,,open",
        "TO7,2026-11-16T10:00:00Z,,2026-11-17T10:00:00Z,open",
    )
    files["tickets_negative_counts.csv"] = lines(
        "ticket_id,created_at,status,agent_replies,reopens,first_response_minutes,floor",
        f"NC1,{T},open,-1,,,",
        f"NC2,{T},open,,-3,,",
        f"NC3,{T},open,,,-5,",
        f"NC4,{T},open,1.5,,,",
        f'NC5,{T},open,"1,234",,,',
        f"NC6,{T},open,0,0,0,1",
        f"NC7,{T},open,,,,-1",
        f"NC8,{T},open,2.0,,,",
    )
    files["tickets_huge_numbers.csv"] = lines(
        "ticket_id,created_at,status,agent_replies,reopens,first_response_minutes,floor,"
        "resolution_business_minutes",
        f"HN1,{T},open,1e400,,,,",
        f"HN2,{T},open,,99999999999999999999,,,",
        f"HN3,{T},open,,,1e400,,",
        f"HN4,{T},open,,,,99999999999999999999,",
        f"HN5,{T},open,,,,,-1e400",
        f"HN6,{T},open,2147483648,,,,",
        f"HN7,{T},open,,,Infinity,,",
        f"HN8,{T},open,2147483647,,,,",
    )
    files["tickets_unknown_enums.csv"] = lines(
        "ticket_id,created_at,status,priority",
        f"UE1,{T},escalated,normal",
        f"UE2,{T},open,critical",
        f"UE3,{T}, OPEN ,MEDIUM",
        f"UE4,{T},On Hold,HIGH",
        f"UE5,{T},on-hold,Low",
        f"UE6,{T},pending,P1",
        f"UE7,{T},open,",
        f"UE8,{T},deleted,low",
        f"UE9,{T},\uff2fpen,low",  # a full-width O: looks like "Open", is not
    )
    files["tickets_dup_conflict.csv"] = lines(
        "ticket_id,created_at,status,team",
        f"DC1,{T},open,Billing",
        f"DC1,{T},pending,Billing",
        f"DC2,{T},open,Billing",
        f"DC1,{T},open,Technical",
    )
    files["tickets_dup_identical.csv"] = lines(
        "ticket_id,created_at,status,team",
        f"DI1,{T},open,Billing",
        f"DI1,{T},open,Billing",
        "DI2,2026-11-16T09:00:00Z,open,Billing",
        "DI2,2026-11-16 10:00+01:00,OPEN, Billing ",  # the same row, written differently
        f"DI3,{T},open,Billing",
    )
    files["tickets_extra_columns.csv"] = lines(
        "ticket_id,created_at,status,Subject,Internal Notes,custom_field_123",
        f"EC1,{T},open,Refund,call back,x",
        f"EC2,{T},new,Broken,,",
    )
    files["tickets_missing_status.csv"] = lines(
        "ticket_id,created_at,priority", f"MS1,{T},high", f"MS2,{T},low"
    )
    files["tickets_duplicate_columns.csv"] = lines(
        "ticket_id,created_at,status,Ticket ID", f"DU1,{T},open,DU1"
    )
    files["tickets_blank_required.csv"] = lines(
        TICKETS,
        f"BR1,{T},open",
        f"   ,{T},open",
        "BR3,,open",
        f'BR4,{T},"  "',
    )
    files["tickets_ragged.csv"] = lines(
        TICKETS,
        f"RG1,{T},open",
        f"RG2,{T},open,extra",
        f"RG3,{T}",
        f"RG4,{T},new",
    )
    files["tickets_unterminated_quote.csv"] = lines(
        TICKETS,
        f"UQ1,{T},open",
        f"UQ2,{T},new",
        f'UQ3,"{T},open',
        f"UQ4,{T},open",
    )
    files["tickets_stray_quote.csv"] = lines(
        "ticket_id,created_at,status,requester",
        f'SQ1,{T},open,"multi\nline"',
        f'SQ2,{T},open,27" monitor',
        f"SQ3,{T},bogus,x",
    )
    long_value = "y" * 140_000  # over the csv module's default field limit (128 KiB)
    files["tickets_stray_quote_long_field.csv"] = lines(
        "ticket_id,created_at,status,requester",
        f'SL1,{T},open,27" monitor',
        f"SL2,{T},bogus,x",
        f'SL3,{T},open,"{long_value}\n\nend"',
    )
    files["tickets_nul_bytes.csv"] = lines(
        "ticket_id,created_at,status,assignee,requester",
        f"NB1,{T},open,Bo\x00b,ok",
        f"NB2,{T},open,ok,\x00",
        f"NB3,{T},open,ok,ok",
    )
    # A file cut short by a crash and padded with zero bytes by the file system.
    files["tickets_nul_tail.csv"] = lines(TICKETS, f"NT1,{T},open", f"NT2,{T},new") + (b"\x00" * 64)
    files["tickets_future.csv"] = lines(
        "ticket_id,created_at,first_response_at,solved_at,status",
        "FU1,2062-11-16T09:00:00Z,,,open",
        "FU2,2026-12-01T00:00:01Z,,,open",
        "FU3,2026-12-01T00:00:00Z,,,open",
        f"FU4,{T},,2062-01-01T00:00:00Z,solved",
        f"FU5,{T},2062-11-16T09:00:00Z,,open",
        "FU6,9999-12-31,,,open",
    )
    files["tickets_formula.csv"] = lines(
        "ticket_id,created_at,status,team,assignee,channel,requester",
        f'FX1,{T},open,"=HYPERLINK(""http://evil"",""click"")",+cmd|\' /C calc\'!A0,@SUM(1+1),-2+3',
        f"FX2,{T},open,=1+1,\"=cmd|' /C calc'!A0\",+1,@A1",
    )
    files["tickets_html.csv"] = lines(
        "ticket_id,created_at,status,team,assignee,channel,requester",
        f"HT1,{T},open,<script>alert(1)</script>,<img src=x onerror=alert(1)>,"
        '"<a href=""javascript:alert(1)"">x</a>",&lt;b&gt;',
    )
    files["tickets_replace_bad.csv"] = lines(
        "ticket_id,created_at,first_response_at,solved_at,status,priority,channel,team,assignee",
        "B1,2026-11-02 9am,,,open,high,email,Billing,Ann",
        "B2,2026-11-03T10:00:00Z,2026-11-03T10:20:00Z,2026-11-04T10:00:00Z,solved,normal,chat,"
        "Technical,Bo",
        f"RB3,{T},,,new,low,web,Billing,",
    )
    files["tickets_crlf_blank_lines.csv"] = lines(
        TICKETS, f"CB1,{T},open", "", f"CB2,{T},bogus", "", f"CB3,{T},new", eol="\r\n"
    )
    files["tickets_mixed_line_endings.csv"] = lines(TICKETS) + lines(
        f"ML1,{T},open", f"ML2,{T},bogus", eol="\r\n"
    )
    files["tickets_wrong_delimiter_rows.csv"] = lines(TICKETS, f"WD1;{T};open", f"WD2;{T};open")
    files["tickets_trailing_commas.csv"] = lines(
        TICKETS + ",,", f"TC1,{T},open,,", f"TC2,{T},new,,"
    )
    files["tickets_header_no_newline.csv"] = TICKETS.encode()
    files["tickets_no_final_newline.csv"] = lines(TICKETS, f"NF1,{T},open") + (
        f"NF2,{T},bogus".encode()
    )
    # Two exports glued together (cat a.csv b.csv): the second header, with its byte-order
    # mark, is a row like any other.
    files["tickets_concatenated.csv"] = (
        lines(TICKETS, f"CO1,{T},open") + b"\xef\xbb\xbf" + lines(TICKETS, f"CO2,{T},new")
    )
    files["tickets_dup_one_bad.csv"] = lines(
        TICKETS, f"DB1,{T},open", "DB1,garbage,open", f"DB2,{T},open"
    )
    files["tickets_sql_injection.csv"] = lines(
        'ticket_id,created_at,status,team,"x""); drop table tickets; --",$load_id,c0,_line',
        f"SI1,{T},open,'); DROP TABLE tickets; --,a,b,c,d",
        f"SI2,{T},open,Robert'); DROP TABLE agents;--,a,b,c,d",
    )

    # ------------------------------------------------------------------------ JSON
    files["tickets_broken_line.jsonl"] = (
        b"\xef\xbb\xbf"
        + lines(
            json.dumps({"ticket_id": "JL1", "created_at": T, "status": "open"}),
            json.dumps({"ticket_id": "JL2", "created_at": T, "status": "solved", "solved_at": T}),
            '{"ticket_id": "JL3", "created_at": "2026-11-16T09:00:00Z", "sta',
            "",
        )
        + lines(json.dumps({"ticket_id": "JL5", "created_at": T, "status": "new"}), eol="\r\n")
        + lines(
            "[1, 2, 3]",
            json.dumps({"ticket_id": "JL7", "created_at": T, "status": "open"}) + "}",
        )
    )
    files["tickets_truncated_array.json"] = (
        b'[{"ticket_id": "TA1", "created_at": "2026-11-16T09:00:00Z", "status": "open"},\n'
        b' {"ticket_id": "TA2", "crea'
    )
    files["tickets_top_number.json"] = b"42\n"
    files["tickets_top_string.json"] = b'"tickets"\n'
    files["tickets_empty_array.json"] = b"[]\n"
    files["tickets_nested_typed.jsonl"] = jsonl(
        {"ticket_id": "NY1", "created_at": T, "status": "open", "agent_replies": 2, "floor": 2},
        {"ticket_id": "NY2", "created_at": T, "status": "open", "floor": {"x": 1}},
        {"ticket_id": "NY3", "created_at": T, "status": "open", "agent_replies": [1, 2]},
        {"ticket_id": "NY4", "created_at": {"date": "2026-11-16"}, "status": "open"},
        {"ticket_id": "NY5", "created_at": T, "status": ["open"]},
    )
    files["tickets_hostile_keys.jsonl"] = jsonl(
        {
            "ticket_id": "HK1",
            "created_at": T,
            "status": "open",
            'x") or 1=1 --': "y",
            "$.team": "Evil",
            "team[*]": "Evil",
        },
        {"Ticket ID": "HK2", "Created At": T, "STATUS": "new", "_record": "z", "c0": "z"},
    )
    files["tickets_nested_text.jsonl"] = jsonl(
        {"ticket_id": "NX1", "created_at": T, "status": "open", "team": "Billing"},
        {"ticket_id": ["NX2"], "created_at": T, "status": "open"},
        {"ticket_id": "NX3", "created_at": T, "status": "open", "team": {"name": "Billing"}},
        {"ticket_id": "NX4", "created_at": T, "status": "open", "assignee": ["ann", "bo"]},
        {"ticket_id": "NX5", "created_at": T, "status": "open", "channel": {"type": "email"}},
    )

    # ------------------------------------------------------------------------ CSAT
    files["csat_bad_values.csv"] = lines(
        "ticket_id,rated_at,score,scale_min,scale_max,comment",
        f"C1,{T},7,,,",
        f"C2,{T},good,,,",
        f"C3,{T},0,,,",
        "C4,16/11/2026 10:00,5,,,",
        f"C5,{T},3,5,1,",
        f"C6,{T},9,0,10,",
        f"C7,{T},4.5,,,",
        "C8,,4,,,",
        f"C9,{T},NaN,,,",
    )
    files["csat_orphan.csv"] = lines(
        "ticket_id,rated_at,score",
        f"NEVER-LOADED-1,{T},5",
        "B2,2026-11-03T13:00:00Z,4",
    )
    files["csat_dup_conflict.csv"] = lines(
        "ticket_id,rated_at,score",
        "CD1,2026-11-16T10:00:00Z,5",
        "CD1,2026-11-16T10:00:00Z,1",
        "CD1,2026-11-17T10:00:00Z,4",
        "CD2,2026-11-16T10:00:00Z,3",
        "CD2,2026-11-16T10:00:00Z,3",
    )
    files["csat_comments.jsonl"] = jsonl(
        {"ticket_id": "CC1", "rated_at": T, "score": 5, "comment": "<script>alert(1)</script>"},
        {
            "ticket_id": "CC2",
            "rated_at": T,
            "score": 4,
            "comment": '=HYPERLINK("http://evil","click")',
        },
        {"ticket_id": "CC3", "rated_at": T, "score": 4, "comment": "  padded with spaces  "},
        {"ticket_id": "CC4", "rated_at": T, "score": 3, "comment": "line one\r\nline two\ttab"},
        {"ticket_id": "CC5", "rated_at": T, "score": 2, "comment": "emoji 😀 and \u202egnp.exe"},
        {"ticket_id": "CC6", "rated_at": T, "score": "4", "comment": "+cmd|' /C calc'!A0"},
        {"ticket_id": "CC7", "rated_at": T, "score": 1, "comment": "a\u0000b"},
    )
    files["csat_array.json"] = (
        json.dumps(
            [
                {"ticket_id": "CA1", "rated_at": T, "score": 5},
                {"ticket_id": "CA2", "rated_at": T, "score": [5]},
                7,
                {"ticket_id": None, "rated_at": T, "score": 4},
                {"ticket_id": "CA5", "rated_at": T, "score": True},
            ],
            indent=1,
        ).encode()
        + b"\n"
    )

    # ----------------------------------------------------------------------- pulse
    files["pulse_bad_scores.csv"] = lines(
        "response_id,submitted_at,score,respondent,team,question,scale_min,scale_max,comment",
        f"PS1,{T},abc,r1,Billing,How do you feel?,,,",
        f"PS2,{T},6,r2,Billing,How do you feel?,,,",
        f"PS3,{T},0,r3,Billing,How likely (0-10)?,0,10,",
        f"PS4,{T},-1,r4,Billing,How do you feel?,,,",
        f"PS5,{T},,r5,Billing,How do you feel?,,,",
        f"PS6,{T},1e400,r6,Billing,How do you feel?,,,",
        "PS7,2026-11-16T25:00,3,r7,Billing,How do you feel?,,,",
        f",{T},4,,Billing,How do you feel?,,,",
    )
    files["pulse_dup_conflict.csv"] = lines(
        "response_id,submitted_at,score,team",
        "PD1,2026-11-16T10:00:00Z,4,Billing",
        "PD1,2026-11-16T10:00:00Z,2,Billing",
        "PD2,2026-11-16T11:00:00Z,5,Billing",
        "PD2,2026-11-16T11:00:00Z,5,Billing",
        ",2026-11-16T12:00:00Z,3,Billing",
        ",2026-11-16T12:00:00Z,3,Billing",
        "PD3,2026-11-16T11:00:00Z,5,Billing",
    )
    files["pulse_comments.csv"] = lines(
        "response_id,submitted_at,score,team,question,comment",
        f'PC1,{T},4,@SUM(1+1),"=HYPERLINK(""http://evil"",""click"")",<script>alert(1)</script>',
        f'PC2,{T},3,Billing,How are you?,"  =1+1  "',
        f'PC3,{T},5,Billing,Anything else?,"<img src=x onerror=alert(1)>\nsecond line"',
    )

    # ------------------------------------------------------------------ QA reviews
    qa = "review_id,reviewed_at,agent,reviewer,category,score,scale_min,scale_max,weight,critical,calibration"
    files["qa_reviews_disagree.csv"] = lines(
        qa,
        "QD1,2026-11-16T10:00:00Z,ann,rev,Accuracy,4,1,5,,,",
        "QD1,2026-11-16T10:00:00Z,bo,rev,Tone,3,1,5,,,",
        "QD2,2026-11-16T10:00:00Z,ann,rev,Accuracy,4,1,5,,,",
        "QD2,2026-11-17T10:00:00Z,ann,rev,Tone,5,1,5,,,",
        "QD3,2026-11-16T10:00:00Z,ann,rev,Accuracy,4,1,5,,,true",
        "QD3,2026-11-16T10:00:00Z,ann,rev,Tone,5,1,5,,,",
        "QD4,2026-11-16T11:00:00Z,cy,rev,Accuracy,5,1,5,2,yes,",
        "QD4,2026-11-16 12:00+01:00,cy,rev,Tone,,1,5,,,no",
        "QD4,2026-11-16T11:00:00Z,cy,rev,,88,,,,,",
    )
    files["qa_reviews_scale.csv"] = lines(
        qa,
        "QS1,2026-11-16T10:00:00Z,ann,rev,Accuracy,120,,,,,",
        "QS1,2026-11-16T10:00:00Z,ann,rev,Tone,80,,,,,",
        "QS2,2026-11-16T10:00:00Z,ann,rev,,,,,,,",
        "QS3,2026-11-16T10:00:00Z,bo,rev,Accuracy,,,,,,",
        "QS3,2026-11-16T10:00:00Z,bo,rev,Tone,70,,,,,",
        "QS4,2026-11-16T10:00:00Z,bo,rev,Accuracy,50,,,-1,,",
        "QS5,2026-11-16T10:00:00Z,bo,rev,Accuracy,50,,,,maybe,",
        "QS6,2026-11-16T10:00:00Z,cy,rev,,0.5,0,1,,,",
        "QS7,2026-11-16T10:00:00Z,cy,rev,,5,5,5,,,",
    )

    # ---------------------------------------------------------------------- agents
    files["agents_bad.csv"] = lines(
        "agent_id,hired_on,team,left_on,leave_type",
        "AG1,2026-03-01,Billing,2026-02-01,voluntary",
        "AG2,2026-03-01,Billing,2026-03-01,voluntary",
        "AG3,last spring,Billing,,",
        "AG4,2026-02-30,Billing,,",
        "AG5,03/01/2026,Billing,,",
        "AG6,2026-01-05,Billing,2026-06-01,Fired",
        "AG7,2026-01-05,Billing,2026-06-01,INVOLUNTARY",
        "AG8,2026-01-05T00:00:00,Billing,,",
        "AG9,2026-01-05T09:30:00,Billing,,",
        "AG10,2027-06-01,Billing,,",
    )
    files["agents_dup_conflict.csv"] = lines(
        "agent_id,hired_on,team,left_on,leave_type",
        "AD1,2026-01-05,Billing,,",
        "AD1,2026-01-05,Technical,,",
        "AD2,2026-02-01,Billing,,",
        "AD2,2026-02-01,Billing,,",
        "AD3,2026-03-01,Billing,,",
        " AD3 ,2026-03-01, Billing ,,",
    )

    files["qa_reviews_types.jsonl"] = jsonl(
        {
            "review_id": "QJ1",
            "reviewed_at": T,
            "agent": "ann",
            "category": "Accuracy",
            "score": 4,
            "scale_min": 1,
            "scale_max": 5,
            "critical": True,
        },
        {
            "review_id": "QJ1",
            "reviewed_at": T,
            "agent": "ann",
            "category": "Tone",
            "score": "5",
            "scale_min": 1,
            "scale_max": 5,
            "critical": False,
            "weight": "0.5",
        },
        {"review_id": "QJ2", "reviewed_at": T, "agent": "bo", "score": 90.5, "calibration": 1},
        {
            "review_id": "QJ3",
            "reviewed_at": T,
            "agent": "bo",
            "category": "Accuracy",
            "score": 3,
            "scale_min": 1,
            "scale_max": 5,
            "critical": "ja",
        },
        {
            "review_id": "QJ3",
            "reviewed_at": T,
            "agent": "bo",
            "category": "Tone",
            "score": 3,
            "scale_min": 1,
            "scale_max": 5,
        },
    )

    # ----------------------------------------------------------------- escalations
    files["escalations_bad.csv"] = lines(
        "ticket_id,floor,escalated_at,assigned_at,decided_at",
        "E1,4,2026-11-16T10:00:00Z,,",
        "E2,0,2026-11-16T10:00:00Z,,",
        "E3,1,2026-11-16T10:00:00Z,,",
        "E4,2,2026-11-16T10:00:00Z,2026-11-16T09:59:00Z,",
        "E5,3,2026-11-16T10:00:00Z,,2026-11-16T09:00:00Z",
        "E6,2,2026-11-16T10:00:00Z,2026-11-16T10:00:00Z,",
        "E7,3,2026-11-16T10:00:00Z,2026-11-16T10:05:00Z,2026-11-16T11:00:00Z",
        "E8,2.0,2026-11-16T10:00:00Z,,",
        "E9,two,2026-11-16T10:00:00Z,,",
        "E10,,2026-11-16T10:00:00Z,,",
        "E11,3,2026-11-16T10:00:00Z,2026-11-16T10:30:00Z,2026-11-16T10:15:00Z",
    )

    files["escalations_array.json"] = (
        json.dumps(
            [
                {"ticket_id": "EA1", "floor": "3", "escalated_at": T},
                {"ticket_id": "EA2", "floor": 2.5, "escalated_at": T},
                {"ticket_id": "EA3", "floor": 2},
            ],
            indent=1,
        ).encode()
        + b"\n"
    )

    # --------------------------------------------------------------------- Zendesk
    files["zendesk_unknown_status.csv"] = lines(
        ZENDESK_HEADER,
        "Z1,Ann,9001,Bo,Billing,Refund,vip,Solved,High,Email,2026-11-16 10:00,2026-11-16 14:00,"
        "Good,0,2,12,12,240",
        "Z2,Cy,9002,,Technical,Broken,,Escalated,,Web form,2026-11-16 11:00,,Offered,0,0,,,",
        "Z3,Di,9003,Bo,Billing,Hmm,,On-hold,Normal,Chat,2026-11-16 11:00,,Not Offered,0,1,5,5,",
        "Z4,Ed,9004,Bo,Billing,Gone,,Deleted,Low,Email,2026-11-16 12:00,2026-11-16 13:00,Bad,0,1,"
        "3,3,60",
    )
    files["zendesk_broken_date.csv"] = lines(
        ZENDESK_HEADER,
        "Z11,Ann,9001,Bo,Billing,Refund,,Solved,High,Email,2026-11-16 10:00,2026-11-16 14:00,"
        "Good,0,2,12,12,240",
        "Z12,Cy,9002,,Technical,Broken,,Open,,Web form,16.11.2026 10:00,,Offered,0,0,,,",
        "Z13,Di,9003,Bo,Billing,Hmm,,Solved,Normal,Chat,2026-11-16 11:00,2026-11-31 09:00,Good,0,"
        "1,5,5,60",
    )
    missing = ZENDESK_HEADER.replace("Created at,", "")
    files["zendesk_missing_column.csv"] = lines(
        missing,
        "Z21,Ann,9001,Bo,Billing,Refund,,Solved,High,Email,2026-11-16 14:00,Good,0,2,12,12,240",
        "Z22,Cy,9002,,Technical,Broken,,Open,,Web form,,Offered,0,0,,,",
    )
    files["zendesk_broken_date.jsonl"] = (
        jsonl(
            {
                "id": 401,
                "created_at": T,
                "status": "solved",
                "via": {"channel": "email"},
                "requester_id": 1,
                "satisfaction_rating": {"score": "good"},
                "ticket_metrics": {"solved_at": "2026-11-16T12:00:00Z", "replies": 1},
            },
            {
                "id": 402,
                "created_at": "not yet",
                "status": "open",
                "via": {"channel": "web"},
                "requester_id": 2,
            },
            {
                "id": 403,
                "created_at": T,
                "status": "pending",
                "via": {"channel": "chat"},
                "requester_id": 3,
                "ticket_metrics": {"replies": -2},
            },
        )
        + b'{"id": 404, "created_at": "2026-11-16T09:00:00Z", "status": "op\n'
    )

    # -------------------------------------------------------------------- Freshdesk
    files["freshdesk_unknown_status.csv"] = lines(
        FRESHDESK_HEADER,
        "F1,Refund,Closed,High,Email,Question,Bo,Billing,2026-11-16 10:00:00,2026-11-17 10:00:00,"
        "2026-11-16 14:00:00,2026-11-18 10:00:00,2026-11-18 10:00:00,2026-11-16 10:12:00,"
        "00:12:00,04:00:00,2,1,Within SLA,Within SLA,refund,Extremely Happy",
        "F2,Broken,Escalated to L2,Low,Portal,Incident,,Technical,2026-11-16 11:00:00,"
        "2026-11-19 11:00:00,,,2026-11-16 11:00:00,,,,0,1,,,,",
        "F3,Hmm,Waiting on Customer,Medium,Chat,Question,Bo,Billing,2026-11-16 11:00:00,"
        "2026-11-19 11:00:00,,,2026-11-16 12:00:00,2026-11-16 11:30:00,00:30:00,,1,1,,,,",
        "F4,Spam,Spam,Low,Email,Question,Bo,Billing,2026-11-16 11:00:00,2026-11-19 11:00:00,"
        "2026-11-16 12:00:00,,2026-11-16 12:00:00,,,01:00:00,0,1,,,,Unhappy",
        "F5,Meh,Resolved,Low,Email,Question,Bo,Billing,2026-11-16 11:00:00,2026-11-19 11:00:00,"
        "2026-11-16 12:00:00,,2026-11-16 12:00:00,,,01:00:00,1,1,,,,Meh",
    )
    files["freshdesk_broken_date.json"] = (
        json.dumps(
            [
                {
                    "id": 301,
                    "status": 2,
                    "priority": 1,
                    "source": 1,
                    "created_at": T,
                    "due_by": "2026-11-19T09:00:00Z",
                    "fr_due_by": "2026-11-17T09:00:00Z",
                    "stats": {"first_responded_at": "yesterday"},
                },
                {
                    "id": 302,
                    "status": 2,
                    "priority": 2,
                    "source": 2,
                    "created_at": "2026-13-01T09:00:00Z",
                    "due_by": "2026-11-19T09:00:00Z",
                    "fr_due_by": "2026-11-17T09:00:00Z",
                    "stats": {},
                },
                {
                    "id": 303,
                    "status": 4,
                    "priority": 3,
                    "source": 7,
                    "created_at": T,
                    "due_by": "2026-11-19T09:00:00Z",
                    "fr_due_by": "2026-11-17T09:00:00Z",
                    "stats": {
                        "first_responded_at": "2026-11-16T09:10:00Z",
                        "resolved_at": "2026-11-16T12:00:00Z",
                    },
                },
            ],
            indent=1,
        ).encode()
        + b"\n"
    )
    missing = FRESHDESK_HEADER.replace("Created time,", "")
    files["freshdesk_missing_column.csv"] = lines(
        missing,
        "F21,Refund,Closed,High,Email,Question,Bo,Billing,2026-11-17 10:00:00,2026-11-16 14:00:00,"
        "2026-11-18 10:00:00,2026-11-18 10:00:00,2026-11-16 10:12:00,00:12:00,04:00:00,2,1,"
        "Within SLA,Within SLA,refund,Extremely Happy",
        "F22,Broken,Open,Low,Portal,Incident,,Technical,2026-11-19 11:00:00,,,"
        "2026-11-16 11:00:00,,,,0,1,,,,",
    )

    # ---------------------------------------------------------------------- mapped
    files["mapping_tickets.toml"] = lines(
        "# The mapping the mapped_*.csv files of the corpus are read with.",
        "[source]",
        'kind = "tickets"',
        "",
        "[columns]",
        'ticket_id = "Key"',
        'created_at = "Opened"',
        'status = "State"',
        'priority = "Urgency"',
        'team = "Queue"',
        "",
        "[formats]",
        'created_at = "%Y/%m/%d %I:%M %p"',
        "",
        "[values.status]",
        '"In progress" = "open"',
        '"Done" = "solved"',
        '"Waiting for customer" = "pending"',
        "",
        "[values.priority]",
        '"P1" = "urgent"',
        '"P2" = "high"',
        '"P3" = "normal"',
    )
    files["mapped_tickets_bad.csv"] = lines(
        "Key,Opened,State,Urgency,Queue",
        "SUP-1,2026/11/16 09:00 AM,In progress,P2,Billing",
        "SUP-2,16/11/2026 09:00,In progress,P3,Billing",
        "SUP-3,2026/11/16 10:00 AM,Blocked,P3,Billing",
        "SUP-4,2026/02/30 09:00 AM,Waiting for customer,P3,Billing",
        "SUP-5,2026/11/16 11:00 AM,Waiting for customer,P9,Billing",
    )
    files["mapped_tickets_missing_column.csv"] = lines(
        "Key,Opened,State,Urgency",
        "SUP-11,2026/11/16 09:00 AM,In progress,P2",
    )
    return files


# ------------------------------------------------------------------------- Parquet


def parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def parquet_files() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    epoch = int(utc(2026, 11, 16, 12).timestamp())
    files["tickets_epoch.parquet"] = parquet_bytes(
        pa.table(
            {
                "ticket_id": ["PE1", "PE2", "PE3"],
                "created_at": pa.array([utc(2026, 11, 16, 9)] * 3, pa.timestamp("us", "UTC")),
                "solved_at": pa.array([epoch, None, epoch * 1000], pa.int64()),
                "status": ["solved", "open", "solved"],
            }
        )
    )
    files["tickets_missing_column.parquet"] = parquet_bytes(
        pa.table(
            {
                "ticket_id": ["PM1"],
                "created_at": pa.array([utc(2026, 11, 16, 9)], pa.timestamp("us", "UTC")),
            }
        )
    )
    whole = parquet_bytes(
        pa.table(
            {
                "ticket_id": [f"PT{i}" for i in range(200)],
                "created_at": pa.array([utc(2026, 11, 16, 9)] * 200, pa.timestamp("us", "UTC")),
                "status": ["open"] * 200,
            }
        )
    )
    files["tickets_truncated.parquet"] = whole[: len(whole) // 2]
    files["tickets_csv_renamed.parquet"] = lines(TICKETS, f"PR1,{T},open")
    files["tickets_no_rows.parquet"] = parquet_bytes(
        pa.table(
            {
                "ticket_id": pa.array([], pa.string()),
                "created_at": pa.array([], pa.timestamp("us", "UTC")),
                "status": pa.array([], pa.string()),
            }
        )
    )
    files["tickets_struct_team.parquet"] = parquet_bytes(
        pa.table(
            {
                "ticket_id": ["PS1", "PS2"],
                "created_at": pa.array([utc(2026, 11, 16, 9)] * 2, pa.timestamp("us", "UTC")),
                "status": ["open", "open"],
                "team": pa.array([{"name": "Billing"}, {"name": "Technical"}]),
            }
        )
    )
    files["tickets_int_ids.parquet"] = parquet_bytes(
        pa.table(
            {
                "ticket_id": pa.array([12, 9223372036854775807], pa.int64()),
                "created_at": pa.array([utc(2026, 11, 16, 9)] * 2, pa.timestamp("ns", "UTC")),
                "status": ["open", "open"],
                "agent_replies": pa.array([1.5, 2.0], pa.float64()),
            }
        )
    )
    files["csat_nan.parquet"] = parquet_bytes(
        pa.table(
            {
                "ticket_id": ["CN1", "CN2", "CN3", "CN4"],
                "rated_at": pa.array([utc(2026, 11, 16, 10)] * 4, pa.timestamp("ms", "UTC")),
                "score": pa.array([5.0, float("nan"), float("inf"), 4.0], pa.float64()),
            }
        )
    )
    files["agents_dates.parquet"] = parquet_bytes(
        pa.table(
            {
                "agent_id": ["AP1", "AP2", "AP3"],
                "hired_on": pa.array(
                    [date(2026, 1, 5), date(2026, 3, 1), date(2026, 2, 1)], pa.date32()
                ),
                "team": ["Billing", "Billing", None],
                "left_on": pa.array([None, date(2026, 2, 1), date(2026, 9, 1)], pa.date32()),
                "leave_type": [None, "voluntary", "Other"],
            }
        )
    )
    files["escalations_native.parquet"] = parquet_bytes(
        pa.table(
            {
                "ticket_id": ["EP1", "EP2", "EP3"],
                "floor": pa.array([2, 4, 3], pa.int32()),
                # naive: read in the source time zone (UTC by default)
                "escalated_at": pa.array([datetime(2026, 11, 16, 10)] * 3, pa.timestamp("us")),
                "assigned_at": pa.array(
                    [datetime(2026, 11, 16, 9), None, datetime(2026, 11, 16, 10, 1)],
                    pa.timestamp("us"),
                ),
                "decided_at": pa.array([None, None, None], pa.timestamp("us")),
            }
        )
    )
    return files


def main() -> None:
    for name, data in {**text_files(), **parquet_files()}.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
