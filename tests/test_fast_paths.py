"""The loader's fast paths read exactly what its careful paths read (Hypothesis).

The load checks parse every timestamp and number with a careful rule (scorecard/ingest/
macros.sql). The shapes exports nearly always use — a UTC instant with a Z, plain digits — take
a cheaper road. These tests generate text around those shapes, and whole files of it, and
require the same value and the same reason from both roads, for every time zone a load may use.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scorecard.ingest.loader import MACROS_FILE
from scorecard.sql import load_sql, run_sql

ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata")
# With these the fast roads are closed and everything takes the careful one.
CAREFUL_ONLY = """
create or replace temp macro sc_ts_fast_shape(s) as false;
create or replace temp macro sc_num_fast_shape(s) as false;
create or replace temp macro sc_int_fast_shape(s) as false;
"""


@pytest.fixture(scope="module")
def con():
    with contextlib.closing(duckdb.connect()) as connection:
        connection.execute(MACROS_FILE.read_text(encoding="utf-8"))
        yield connection


@pytest.fixture(scope="module")
def careful():
    with contextlib.closing(duckdb.connect()) as connection:
        connection.execute(MACROS_FILE.read_text(encoding="utf-8"))
        connection.execute(CAREFUL_ONLY)
        yield connection


def _timestamp(con, text, zone):
    return con.execute(
        "select sc_ts(sc_ts_parts($s), $tz), sc_ts_problem($s, sc_ts_parts($s)), "
        "sc_ts_fast_shape($s)",
        {"s": text, "tz": zone},
    ).fetchall()[0]


def _number(con, text):
    return con.execute(
        "select sc_num($s), sc_num_problem($s), sc_int($s), sc_count_problem($s), "
        "sc_num_fast_shape($s) or sc_int_fast_shape($s)",
        {"s": text},
    ).fetchall()[0]


digits = st.text(alphabet="0123456789", min_size=0, max_size=5)
separator = st.sampled_from(["-", ":", " ", "T", "t", ".", "Z", "z", "+", "", "0", "9", "x"])
# Near the fast shape: fields of about the right width, separators mostly right.
near_instants = st.builds(
    lambda y, mo, d, sep, h, mi, s, frac, end: f"{y}-{mo}-{d}{sep}{h}:{mi}:{s}{frac}{end}",
    st.sampled_from(["2026", "2024", "1999", "0000", "9999", "202", "20266"]),
    st.sampled_from(["01", "02", "12", "13", "00", "1", "2 "]),
    st.sampled_from(["01", "28", "29", "30", "31", "32", "00", "9"]),
    st.sampled_from(["T", " ", "t", "  ", "_"]),
    st.sampled_from(["00", "09", "23", "24", "25", "7"]),
    st.sampled_from(["00", "30", "59", "60"]),
    st.sampled_from(["00", "59", "60", "61", "5"]),
    st.one_of(st.just(""), st.builds(lambda f: "." + f, digits), st.just(".1234567")),
    st.sampled_from(["Z", "z", "", "+00:00", "-05:30", "+0530", "+05", "Z ", " Z", "ZZ"]),
)
any_instants = st.one_of(
    near_instants,
    st.builds(
        lambda a, b: a + b,
        near_instants,
        st.text(alphabet="0123456789-: TZ.+", max_size=3),
    ),
    st.text(alphabet="0123456789-: TtZz.+", max_size=30),
)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_instants, zone=st.sampled_from(ZONES))
@example(text="2026-11-16 09:30:00Z", zone="UTC")
@example(text="2026-11-16T09:30:00.123456Z", zone="Europe/Berlin")
@example(text="2026-02-29 00:00:00Z", zone="UTC")  # not a leap year: impossible
@example(text="2024-02-29 00:00:00Z", zone="UTC")
@example(text="2026-11-16 24:00:00Z", zone="UTC")
@example(text="2026-11-16 23:59:60Z", zone="UTC")
@example(text="0000-01-01 00:00:00Z", zone="UTC")
@example(text="9999-12-31 23:59:59.999999Z", zone="Asia/Kolkata")
@example(text="2026-10-25 02:30:00Z", zone="Europe/Berlin")  # the zone's ambiguous hour
def test_an_instant_reads_the_same_on_both_roads(con, careful, text, zone):
    fast_value, fast_reason, _ = _timestamp(con, text, zone)
    careful_value, careful_reason, _ = _timestamp(careful, text, zone)
    assert (fast_value, fast_reason) == (careful_value, careful_reason)


number_texts = st.one_of(
    st.text(alphabet="0123456789", min_size=1, max_size=18),
    st.builds(lambda a, b: f"{a}.{b}", digits, digits),
    st.text(alphabet="0123456789.-+eE x", max_size=12),
    st.sampled_from(["2147483647", "2147483648", "999999999", "1000000000", "007", "3.0", "-1"]),
)


@settings(max_examples=800, deadline=None)
@given(text=number_texts)
@example(text="123456789012345.123456")
@example(text="0000000000000000")
def test_a_number_reads_the_same_on_both_roads(con, careful, text):
    assert _number(con, text)[:4] == _number(careful, text)[:4]


def test_the_usual_shapes_take_the_fast_road_and_others_do_not(con):
    # Without this the tests above would pass with the fast road never taken.
    assert _timestamp(con, "2026-11-16 09:30:00.5Z", "UTC")[2] is True
    assert _timestamp(con, "2026-11-16T09:30:00Z", "UTC")[2] is True
    assert _timestamp(con, "2026-11-16 09:30:00+00:00", "UTC")[2] is False
    assert _timestamp(con, "2026-11-16 09:30:00.1234567Z", "UTC")[2] is False
    assert _number(con, "42")[4] is True and _number(con, "4.25")[4] is True
    assert _number(con, "-4")[4] is False and _number(con, "1e3")[4] is False


def test_a_wrong_fast_road_would_be_caught(con):
    """The comparison can fail: a fast road that read local time as UTC differs at once."""
    with contextlib.closing(duckdb.connect()) as wrong:
        wrong.execute(MACROS_FILE.read_text(encoding="utf-8"))
        wrong.execute(
            "create or replace temp macro sc_ts_fast_shape(s) as "
            "regexp_full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}')"
        )
        wrong.execute("set timezone = 'UTC'")
        text, zone = "2026-11-16 09:30:00", "Europe/Berlin"
        assert _timestamp(wrong, text, zone)[0] != _timestamp(con, text, zone)[0]


# Whole files: the ticket check over many rows gives the same table on both roads.
TICKET_COLUMNS = {
    "raw_ticket_id": st.sampled_from(["T1", "T2", "T3", " ", "", None]),
    "raw_created_at": any_instants,
    "raw_first_response_at": st.one_of(st.none(), any_instants),
    "raw_first_response_minutes": st.one_of(st.none(), number_texts),
    "raw_solved_at": st.one_of(st.none(), any_instants),
    "raw_status": st.sampled_from(["open", "solved", "closed", "Solved ", "bogus", ""]),
    "raw_priority": st.sampled_from(["urgent", "high", "normal", "low", "medium", "?", ""]),
    "raw_channel": st.sampled_from(["email", "chat", ""]),
    "raw_team": st.sampled_from(["Billing", "", None]),
    "raw_assignee": st.sampled_from(["A1", ""]),
    "raw_requester": st.sampled_from(["r1", ""]),
    "raw_agent_replies": st.one_of(st.none(), number_texts),
    "raw_reopens": st.one_of(st.none(), number_texts),
    "raw_floor": st.sampled_from(["1", "2", "3", "4", "2.0", "", None]),
    "raw_first_response_business_minutes": st.one_of(st.none(), number_texts),
    "raw_resolution_business_minutes": st.one_of(st.none(), number_texts),
    "raw_first_response_due_at": st.one_of(st.none(), any_instants),
    "raw_resolution_due_at": st.one_of(st.none(), any_instants),
}
row_values = st.fixed_dictionaries(TICKET_COLUMNS)


def _check_tickets(con, rows, zone):
    columns = list(TICKET_COLUMNS)
    con.execute(
        "create or replace temp table fp_rows ("
        + ", ".join(f"{c} varchar" for c in columns)
        + ", _ord bigint, _line bigint)"
    )
    con.executemany(
        f"insert into fp_rows values ({', '.join('?' * (len(columns) + 2))})",
        [[row[c] for c in columns] + [i, i + 2] for i, row in enumerate(rows)],
    )
    con.execute("create or replace temp view stage_raw as select * from fp_rows")
    latest = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    return run_sql(
        con,
        "select * exclude (_fp) from (" + load_sql("load/check_tickets") + ") order by _ord",
        {"tz": zone, "latest": latest, "latest_date": latest.date()},
    ).fetchall()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(row_values, min_size=1, max_size=40), zone=st.sampled_from(ZONES))
def test_the_ticket_check_gives_the_same_rows_on_both_roads(con, careful, rows, zone):
    assert _check_tickets(con, rows, zone) == _check_tickets(careful, rows, zone)
