"""Issue 11: the same SQL on Spark (local mode) gives the figures DuckDB gives.

Each case builds a DuckDB database the usual way (loads through the loader), writes its
canonical tables as Parquet (scorecard.lake), and has Spark compute every metric × week ×
group from the Parquet files alone; configuration and state (targets, owners, SLA policy,
calendars) come from the same database. Compared: value and every detail figure within 1e-9,
n, status, target, operator and owner, and the set of rows itself.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scorecard import calendars, db, engine, lake, spark_engine
from scorecard.ingest import load_file
from scorecard.weeks import parse_week

from .conftest import write
from .independent import compare

pytest.importorskip("pyspark")

HERE = Path(__file__).resolve().parent
FIELDS = ("value", "n", "status", "target", "operator", "owner")


@pytest.fixture(scope="module")
def spark():
    session = spark_engine.session("local[2]", memory="2g")
    yield session
    session.stop()


def _close(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(b))
    return a == b


def differences(spark_rows, duckdb_rows) -> list[tuple]:
    """Where the two engines disagree (empty when they agree on every row and field)."""

    def key(row):
        return (row["metric_id"], row["week"], row["team"])

    ours = {key(r): r for r in spark_rows}
    theirs = {key(r): r for r in duckdb_rows}
    found = [("only on spark", k) for k in ours.keys() - theirs.keys()]
    found += [("only on duckdb", k) for k in theirs.keys() - ours.keys()]
    for k in ours.keys() & theirs.keys():
        a, b = ours[k], theirs[k]
        for field in FIELDS:
            if not _close(a[field], b[field]):
                found.append((k, field, a[field], b[field]))
        detail_a, detail_b = dict(a["detail"] or {}), dict(b["detail"] or {})
        if detail_a.keys() != detail_b.keys() or not all(
            _close(detail_a[d], detail_b[d]) for d in detail_b
        ):
            found.append((k, "detail", detail_a, detail_b))
    return found


def spark_over(spark, con, config, tmp_path) -> spark_engine.SparkEngine:
    """A Spark engine over the database's canonical tables, written as Parquet."""
    folder = tmp_path / "lake"
    lake.write_canonical_tables(con, folder)
    runner = spark_engine.SparkEngine(spark, config)
    runner.register_sources(spark_engine.source_tables(str(folder)))
    runner.register_settings(con)
    runner.build_staging()
    return runner


def both(runner, con, config, first, last, scope=None, filters=None):
    scope = scope or engine.Scope.everything()
    on_spark = runner.scorecard_rows(first, last, scope, filters=filters)
    on_duckdb = engine.scorecard_rows(con, config, first, last, scope, filters=filters)
    return on_spark, on_duckdb


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    database = folder / "demo.duckdb"
    subprocess.run(
        [sys.executable, "-m", "scorecard", "demo", "--db", str(database)],
        check=True,
        capture_output=True,
        cwd=HERE.parent,
    )
    return database


def _config(config, database, **changes):
    return dataclasses.replace(config, database=database, **changes)


def test_demo_every_metric_week_and_team(spark, demo_database, config, tmp_path):
    cfg = _config(config, demo_database)
    con = db.connect(demo_database)
    try:
        runner = spark_over(spark, con, cfg, tmp_path)
        last = parse_week("2026-W47")
        first = last - timedelta(weeks=25)
        on_spark, on_duckdb = both(runner, con, cfg, first, last)
        # 14 metrics × 26 weeks × (company + 4 teams)
        assert len(on_duckdb) == 14 * 26 * 5
        assert differences(on_spark, on_duckdb) == []
        # The parity is about figures, so there must be figures: most cells have a value.
        assert sum(r["value"] is not None for r in on_spark) > 0.9 * len(on_spark)
    finally:
        con.close()


def test_demo_under_filters(spark, demo_database, config, tmp_path):
    cfg = _config(config, demo_database)
    con = db.connect(demo_database)
    try:
        runner = spark_over(spark, con, cfg, tmp_path)
        last = parse_week("2026-W47")
        first = last - timedelta(weeks=5)
        for filters in (
            engine.Filters(teams=("Payments", "Billing")),
            engine.Filters(channels=("email",), priorities=("high", "urgent")),
        ):
            on_spark, on_duckdb = both(
                runner, con, cfg, first, last, engine.Scope.company(), filters
            )
            assert on_duckdb and differences(on_spark, on_duckdb) == []
    finally:
        con.close()


def test_demo_reported_in_another_zone(spark, demo_database, config, tmp_path):
    # Weeks start at Monday 00:00 in Auckland (13 hours ahead): every figure moves, both agree.
    cfg = _config(config, demo_database, reporting_timezone="Pacific/Auckland")
    con = db.connect(demo_database)
    try:
        runner = spark_over(spark, con, cfg, tmp_path)
        last = parse_week("2026-W47")
        on_spark, on_duckdb = both(runner, con, cfg, last - timedelta(weeks=3), last)
        assert differences(on_spark, on_duckdb) == []
    finally:
        con.close()


BUSINESS_CALENDAR = """
default_calendar = "berlin"

[calendars.berlin]
timezone = "Europe/Berlin"
country = "DE"
closed = ["2026-10-30"]

[calendars.berlin.hours]
mon = ["09:00-17:00"]
tue = ["09:00-17:00"]
wed = ["09:00-12:00", "13:00-17:00"]
thu = ["09:00-17:00"]
fri = ["09:00-17:00"]
sat = []
sun = []
"""

BUSINESS_POLICY = """
priority,first_response_minutes,resolution_minutes,clock
urgent,15,240,business
high,60,480,business
normal,240,1440,business
low,480,4320,calendar
"""


@pytest.mark.parametrize("business_clock", [False, True], ids=["calendar", "business"])
def test_edge_case_data_set(spark, config, tmp_path, business_clock):
    """The independent data set of SPEC §3–§5 edge cases: an empty week, a week before any
    data, unanswered, reopened and late-solved tickets, mixed offsets, small (suppressed)
    teams and the subtraction case, QA with N/A and critical categories, a roster with leavers
    at the window's edges; and, as a variant, SLA targets on a business calendar with a split
    shift, public holidays and a closed day."""
    data_dir = tmp_path / "data"
    subprocess.run(
        [sys.executable, str(HERE / "independent" / "make_dataset.py"), str(data_dir)],
        check=True,
        capture_output=True,
    )
    database = tmp_path / "edge.duckdb"
    cfg = _config(config, database)
    con = db.connect(database)
    try:
        if business_clock:
            calendars.sync(con, write(tmp_path, "calendars.toml", BUSINESS_CALENDAR))
            db.sync_sla_policy(con, write(tmp_path, "sla_policy.csv", BUSINESS_POLICY))
            db.refresh_staging(con, {"calendars", "calendar_days", "team_calendars", "sla_policy"})
        for kind in compare.KINDS:
            result = load_file(
                con, data_dir / f"{kind}.csv", kind=kind, now=datetime(2026, 11, 22, tzinfo=UTC)
            )
            assert result.quarantined == 0, result.summary()
        runner = spark_over(spark, con, cfg, tmp_path)
        weeks = [parse_week(w) for w in compare.WEEKS]
        on_spark, on_duckdb = both(runner, con, cfg, min(weeks), max(weeks))
        assert differences(on_spark, on_duckdb) == []
        statuses = {r["status"] for r in on_duckdb}
        assert {"suppressed", "no_data", "met", "missed"} <= statuses
        if business_clock:
            sla = [r for r in on_duckdb if r["metric_id"] == "sla_adherence" and r["value"]]
            assert sla, "the business-clock variant has SLA figures"
    finally:
        con.close()


def test_a_missing_required_column_is_named(spark, config, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "lake"
    folder.mkdir()
    pq.write_table(pa.table({"ticket_id": ["T1"], "status": ["open"]}), folder / "tickets.parquet")
    runner = spark_engine.SparkEngine(spark, config)
    with pytest.raises(spark_engine.SourceError, match="created_at, priority, team"):
        runner.register_sources(spark_engine.source_tables(str(folder)))


def test_report_command_on_spark_prints_what_duckdb_prints(demo_database, tmp_path):
    con = db.connect(demo_database)
    try:
        lake.write_canonical_tables(con, tmp_path / "lake")
    finally:
        con.close()

    def report(*extra: str) -> str:
        done = subprocess.run(
            [
                *(sys.executable, "-m", "scorecard", "report", "--week", "2026-W46"),
                *("--db", str(demo_database), "--format", "markdown", *extra),
            ],
            capture_output=True,
            text=True,
            cwd=HERE.parent,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    on_spark = report(
        "--engine", "spark", "--source-tables", str(tmp_path / "lake"), "--spark-master", "local[2]"
    )
    assert on_spark == report()
    assert "| Morale Pulse Score |" in on_spark


def test_publish_on_spark_freezes_the_figures_duckdb_would(demo_database, tmp_path, serve):
    """publish --engine spark writes the week into the dashboard's database as a revision
    whose figures and 13-week trends equal a DuckDB publication of the same week; its loads
    are the lake's tables, and the Published page has no live drift to compare it with."""
    import shutil

    from scorecard import snapshots

    con = db.connect(demo_database)
    try:
        lake.write_canonical_tables(con, tmp_path / "lake")
    finally:
        con.close()
    copies = {}
    for engine_name in ("duckdb", "spark"):
        folder = tmp_path / engine_name
        folder.mkdir()
        for part in (demo_database, demo_database.with_suffix(".state.duckdb")):
            shutil.copy(part, folder / part.name)
        copies[engine_name] = folder / demo_database.name
        extra = ["--engine", "spark", "--source-tables", str(tmp_path / "lake")]
        done = subprocess.run(
            [
                *(sys.executable, "-m", "scorecard", "publish", "--week", "2026-W46"),
                *("--by", "Test", "--db", str(copies[engine_name])),
                *(extra if engine_name == "spark" else []),
            ],
            capture_output=True,
            text=True,
            cwd=HERE.parent,
        )
        assert done.returncode == 0, done.stderr[-2000:]

    def revision(database):
        reader = db.open_reader(database)
        try:
            return snapshots.read(reader, snapshots.published(reader)[0]["snapshot_id"])
        finally:
            reader.close()

    on_duckdb, on_spark = revision(copies["duckdb"]), revision(copies["spark"])
    assert on_spark["intact"]
    assert snapshots.computed_on_spark(on_spark) and not snapshots.computed_on_spark(on_duckdb)
    assert {load["kind"] for load in on_spark["loads"]} == set(spark_engine.CANONICAL_COLUMNS)
    tickets = next(load for load in on_spark["loads"] if load["kind"] == "tickets")
    assert tickets["rows_loaded"] > 30_000
    for ours, theirs in zip(on_spark["metrics"], on_duckdb["metrics"], strict=True):
        assert ours["id"] == theirs["id"]
        for field in ("value", "n", "status", "target", "owner"):
            assert _close(ours[field], theirs[field]), (ours["id"], field)
        assert len(ours["series"]) == len(theirs["series"]) == 13
        for a, b in zip(ours["series"], theirs["series"], strict=True):
            assert a["week"] == b["week"] and a["status"] == b["status"]
            assert _close(a["value"], b["value"])

    # The dashboard reads the revision at once; it says where the figures came from.
    from streamlit.testing.v1 import AppTest

    serve(copies["spark"])
    at = AppTest.from_file(str(HERE.parent / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/published.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Computed on Apache Spark" in i.value for i in at.info)
    assert not at.warning


def test_tables_of_the_spark_catalog(spark, demo_database, config, tmp_path):
    """--source-tables may name tables of Spark's catalog beside Parquet paths."""
    cfg = _config(config, demo_database)
    con = db.connect(demo_database)
    try:
        folder = tmp_path / "lake"
        lake.write_canonical_tables(con, folder)
        locations = {table: str(folder / f"{table}.parquet") for table in ("csat", "pulse")}
        for table in ("tickets", "qa_reviews", "agents", "escalations"):
            # An external table of the session's catalog (its files stay in tmp_path).
            spark.read.parquet(str(folder / f"{table}.parquet")).write.option(
                "path", str(tmp_path / "catalog" / table)
            ).saveAsTable(f"support_{table}")
            locations[table] = f"support_{table}"
        spec = ",".join(f"{table}={location}" for table, location in locations.items())
        runner = spark_engine.SparkEngine(spark, cfg)
        runner.register_sources(spark_engine.source_tables(spec))
        runner.register_settings(con)
        runner.build_staging()
        last = parse_week("2026-W47")
        on_spark, on_duckdb = both(runner, con, cfg, last - timedelta(weeks=1), last)
        assert differences(on_spark, on_duckdb) == []
        assert {s["kind"] for s in runner.sources()} == set(spark_engine.CANONICAL_COLUMNS)
    finally:
        for table in ("tickets", "qa_reviews", "agents", "escalations"):
            spark.sql(f"drop table if exists support_{table}")
        con.close()


def test_a_local_session_uses_small_memory_pages(spark):
    """Local mode keeps each broadcast hash table in the driver; with Spark's default page
    (64 MB for this driver) the parity suite's broadcasts filled the heap and a later one ran
    out of memory. A session this module starts has small pages."""
    page = spark.sparkContext.getConf().get("spark.buffer.pageSize")
    assert page == spark_engine.LOCAL_PAGE_SIZE == "2m"
