"""The DuckDB → Spark translation rules (scorecard.dialect), statement by statement."""

from __future__ import annotations

import pytest

from scorecard import dialect, engine, metrics, staging
from scorecard.sql import load_sql


def spark(sql: str) -> str:
    return dialect.to_spark(sql)[0]


def test_timezone_direction_follows_the_cast():
    assert spark("select timezone('Europe/Berlin', created_at) from t") == (
        "SELECT FROM_UTC_TIMESTAMP(created_at, 'Europe/Berlin') FROM t"
    )
    assert spark("select timezone($tz, cast(monday as timestamp)) from t") == (
        "SELECT TO_UTC_TIMESTAMP(CAST(monday AS TIMESTAMP_NTZ), :tz) FROM t"
    )


def test_session_variables_and_params_become_bound_parameters():
    text, names = dialect.to_spark(
        "select x from t where x >= getvariable('sc_window_start') and y = $tz"
    )
    assert text == "SELECT x FROM t WHERE x >= :sc_window_start AND y = :tz"
    assert names == ["sc_window_start", "tz"]


def test_functions_of_duckdb():
    assert spark("select epoch_us(a), list_position(l, 'x') from t") == (
        "SELECT UNIX_MICROS(a), ARRAY_POSITION(l, 'x') FROM t"
    )
    assert spark("select quantile_cont(m, [0.5, 0.9]) from t") == (
        "SELECT PERCENTILE(m, ARRAY(CAST(0.5 AS DOUBLE), CAST(0.9 AS DOUBLE))) FROM t"
    )
    assert spark("select map {'mean': a, 'p90': b} from t") == (
        "SELECT MAP('mean', a, 'p90', b) FROM t"
    )
    assert spark("select strftime(m, '%G-W%V') from t") == (
        "SELECT CONCAT(CAST(EXTRACT(YEAROFWEEK FROM m) AS STRING), '-W', "
        "LPAD(CAST(WEEKOFYEAR(m) AS STRING), 2, '0')) FROM t"
    )


def test_nested_rules_apply_inside_rebuilt_nodes():
    # list_sum is rebuilt around its argument; the epoch_us inside the lambda still translates.
    assert spark("select list_sum(list_transform(l, lambda i: epoch_us(i))) from t") == (
        "SELECT AGGREGATE(TRANSFORM(l, i -> UNIX_MICROS(i)), CAST(0 AS DOUBLE), "
        "(sc_total, sc_item) -> sc_total + sc_item) FROM t"
    )


def test_decimal_literals_divide_in_double_precision():
    assert spark("select sum(a) / 52.0 from t") == "SELECT SUM(a) / CAST(52.0 AS DOUBLE) FROM t"


def test_star_replace_becomes_except():
    assert spark("select s.* replace (1 as a) from s") == "SELECT s.* EXCEPT (a), 1 AS a FROM s"


def test_ordered_list_keeps_its_order():
    assert spark("select list(v order by k, j) from t") == (
        "SELECT TRANSFORM(ARRAY_SORT(COLLECT_LIST(STRUCT(k AS sc_key0, j AS sc_key1, "
        "v AS sc_value))), sc_entry -> sc_entry.sc_value) FROM t"
    )
    with pytest.raises(dialect.UntranslatableSQL):
        spark("select list(v order by k desc) from t")


def test_asof_join_is_refused_not_mistranslated():
    with pytest.raises(dialect.UntranslatableSQL, match="ASOF"):
        spark("select * from a asof join b on a.t >= b.t")


def test_every_statement_the_spark_engine_runs_translates():
    names = [f"staging/{name}" for name in staging.STAGING]
    names += ["calendar/report_weeks", "scorecard/scorecard"]
    names += [f"filtered/{name}" for name in engine.FILTERED_RELATIONS]
    names += list(engine.ANONYMITY_TABLES.values())
    names += [f"metrics/{metric.query}" for metric in metrics.all_metrics()]
    for name in names:
        text = spark(load_sql(name))
        for duckdb_only in ("GETVARIABLE", "TIMEZONE(", "EPOCH_US", "TO_MICROSECONDS", "ASOF"):
            assert duckdb_only not in text, (name, duckdb_only)
