"""fetch_frame (Arrow, column by column) gives the pages the same table as building it from
records (row by row), for every kind of value the queries return."""

from datetime import date, datetime
from decimal import Decimal

import duckdb
import pandas as pd
import pytest

from scorecard.sql import fetch_frame, fetch_records

QUERY = """
select * from (values
    (1, 'a', true, 2.5, date '2026-11-16', timestamptz '2026-11-16 09:30:00+00',
     [1, 2], map {'mean': 1.5, 'p90': 3.0}, {'author': 'Ana', 'text': '<b>'}, 1.25::decimal(9, 2)),
    (null, null, null, null, null, null, null, null, null, null),
    (3, 'c', false, -1.0, date '2026-01-05', timestamptz '2026-01-05 00:00:00+00',
     [], map {}, {'author': null, 'text': ''}, 0::decimal(9, 2))
) as v(n, label, flag, value, week, at_time, list, detail, note, amount)
where n is null or n >= $min_n
order by n nulls last
"""


@pytest.fixture
def con():
    connection = duckdb.connect()
    connection.execute("set TimeZone = 'UTC'")
    yield connection
    connection.close()


def test_same_values_as_records(con):
    frame = fetch_frame(con, QUERY, {"min_n": 0})
    rows = fetch_records(con, QUERY, {"min_n": 0})
    assert list(frame.columns) == list(rows[0])
    assert len(frame) == 3
    first = frame.iloc[0]
    assert first["n"] == 1 and first["label"] == "a" and bool(first["flag"]) is True
    assert first["week"] == date(2026, 11, 16)
    assert first["at_time"] == pd.Timestamp(datetime.fromisoformat("2026-11-16T09:30:00+00:00"))
    assert first["list"] == [1, 2]
    assert first["detail"] == {"mean": 1.5, "p90": 3.0}
    assert first["note"] == {"author": "Ana", "text": "<b>"}
    assert first["amount"] == Decimal("1.25")
    third = frame.iloc[1]
    assert third["list"] == [] and third["detail"] == {} and third["note"]["author"] is None
    nulls = frame.iloc[2]
    assert pd.isna(nulls["n"]) and pd.isna(nulls["label"]) and pd.isna(nulls["at_time"])
    assert nulls["list"] is None and nulls["detail"] is None and nulls["note"] is None
    # the same table as the one built from records, column by column
    expected = pd.DataFrame(rows)
    for column in ["n", "value", "at_time", "label"]:
        pd.testing.assert_series_equal(frame[column], expected[column], check_dtype=False)


def test_bound_parameter_and_empty_result(con):
    assert fetch_frame(con, QUERY, {"min_n": 2})["n"].tolist()[0] == 3
    empty = fetch_frame(con, QUERY.replace("n is null or ", ""), {"min_n": 9})
    assert empty.empty and "detail" in empty.columns


def test_missing_parameter_is_refused(con):
    with pytest.raises(KeyError, match="min_n"):
        fetch_frame(con, QUERY, {})


def test_counts_are_integers_not_decimals(con):
    # count_if and integer sums are HUGEINT, which Arrow carries as decimal(38, 0): pandas
    # would hold Decimal objects, and Decimal / float (the SLA matrix's met / decided after a
    # pivot left a gap) raises TypeError.
    frame = fetch_frame(
        con,
        "select count_if(x > 1) as met, sum(x) as total, count(*) as n, 2::integer as small "
        "from range(4) as r(x)",
    )
    assert frame["met"].dtype == "int64" and frame["total"].dtype == "int64"
    assert frame["small"].dtype == "int64" and frame["n"].dtype == "int64"
    assert frame["met"].tolist() == [2] and frame["total"].tolist() == [6]
    assert (100 * frame["met"] / frame["n"].astype(float)).tolist() == [50.0]


def test_maps_inside_lists_and_structs_are_dicts(con):
    frame = fetch_frame(
        con,
        "select [map {'a': 1}, null] as maps, {'inner': map {'b': [2, 3]}} as holder, "
        "[{'x': map {'c': 4}}] as deep",
    )
    row = frame.iloc[0]
    assert row["maps"] == [{"a": 1}, None]
    assert row["holder"] == {"inner": {"b": [2, 3]}}
    assert row["deep"] == [{"x": {"c": 4}}]
