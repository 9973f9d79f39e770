"""DuckDB against local Spark on the same organisation: the same SQL, the same figures.

    python -m benchmarks.spark_compare --db benchmarks/work/db-1000000.duckdb [--db …]
        [--week 2026-W46] [--weeks 26] [--master local[2]] [--driver-memory 8g]
        [--report SPARK.md]

Each database is one `python -m benchmarks.run` built (or any loaded scorecard database). Its
canonical tables are written as Parquet (the lake Spark reads); then, each in a process of its
own (so "cold" is a fresh process):

- DuckDB: one week's scorecard (company) cold and warm, and the weekly series (all metrics ×
  `--weeks` weeks × company and every team) cold, on the loaded database (its staging tables
  were built by the load: the load's cost is in BENCHMARKS.md);
- Spark: session start, the staging relations built from the Parquet tables (the work DuckDB
  did at load time), the same week's scorecard cold and warm, the same series;
- and that both engines give the same figures for the series (value within 1e-9, n, status).

Writes a Markdown report with the machine, versions, figures and ratios, and prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def _rows_key(rows):
    return {
        (r["metric_id"], str(r["week"]), r["team"]): (r["value"], r["n"], r["status"]) for r in rows
    }


def step_duckdb(args) -> dict:
    from scorecard import db, engine
    from scorecard.config import load_config
    from scorecard.weeks import parse_week

    config = load_config()
    week = parse_week(args.week)
    first = week - timedelta(weeks=args.weeks - 1)
    con = db.open_reader(args.db)
    # Under a filter that selects everything, figures are computed live (no rollup), as on
    # Spark; the figures are those of the unfiltered view.
    live = engine.Filters(priorities=("urgent", "high", "normal", "low"))
    cold, _ = _timed(lambda: engine.scorecard_rows(con, config, week, week, filters=live))
    warm = [
        _timed(lambda: engine.scorecard_rows(con, config, week, week, filters=live))[0]
        for _ in range(3)
    ]
    series_time, series = _timed(
        lambda: engine.scorecard_rows(
            con, config, first, week, engine.Scope.everything(), filters=live
        )
    )
    return {
        "scorecard_cold": cold,
        "scorecard_warm": statistics.median(warm),
        "series": series_time,
        "rows": [[*k, *v] for k, v in _rows_key(series).items()],
    }


def step_spark(args) -> dict:
    from scorecard import db, engine, spark_engine, staging
    from scorecard.config import load_config
    from scorecard.weeks import parse_week

    config = load_config()
    week = parse_week(args.week)
    first = week - timedelta(weeks=args.weeks - 1)
    start, spark = _timed(lambda: spark_engine.session(args.master, memory=args.driver_memory))
    runner = spark_engine.SparkEngine(spark, config)
    runner.register_sources(spark_engine.source_tables(str(args.lake)))
    con = db.open_reader(args.db)
    runner.register_settings(con)

    def build():
        runner.build_staging()
        for name in staging.STAGING:
            spark.table(name).count()  # persist is lazy: materialise now

    staging_time, _ = _timed(build)
    live = engine.Filters(priorities=("urgent", "high", "normal", "low"))
    cold, _ = _timed(lambda: runner.scorecard_rows(week, week, filters=live))
    warm = [_timed(lambda: runner.scorecard_rows(week, week, filters=live))[0] for _ in range(3)]
    series_time, series = _timed(
        lambda: runner.scorecard_rows(first, week, engine.Scope.everything(), filters=live)
    )
    spark.stop()
    return {
        "session": start,
        "staging": staging_time,
        "scorecard_cold": cold,
        "scorecard_warm": statistics.median(warm),
        "series": series_time,
        "rows": [[*k, *v] for k, v in _rows_key(series).items()],
    }


def step_lake(args) -> dict:
    from scorecard import db, lake

    con = db.open_reader(args.db)
    took, _ = _timed(lambda: lake.write_canonical_tables(con, args.lake))
    tickets = con.execute("select count(*) from tickets").fetchall()[0][0]
    return {"export": took, "tickets": tickets}


STEPS = {"duckdb": step_duckdb, "spark": step_spark, "lake": step_lake}


def _in_process(step: str, args, db_path: Path, lake: Path) -> dict:
    command = [
        *(sys.executable, "-m", "benchmarks.spark_compare", "--step", step),
        *("--db", str(db_path), "--lake-dir", str(lake), "--week", args.week),
        *("--weeks", str(args.weeks), "--master", args.master),
        *("--driver-memory", args.driver_memory),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{step} failed on {db_path}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _same(duck_rows, spark_rows) -> str:
    duck = {tuple(r[:3]): r[3:] for r in duck_rows}
    spark = {tuple(r[:3]): r[3:] for r in spark_rows}
    if duck.keys() != spark.keys():
        return f"rows differ ({len(duck)} vs {len(spark)})"
    for key, (value, n, status) in duck.items():
        other = spark[key]
        if (n, status) != (other[1], other[2]):
            return f"differs at {key}"
        if (value is None) != (other[0] is None) or (
            value is not None and abs(value - other[0]) > 1e-9 * max(1.0, abs(value))
        ):
            return f"differs at {key}"
    return f"equal ({len(duck)} rows)"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, action="append", required=True)
    parser.add_argument("--week", default="2026-W46")
    parser.add_argument("--weeks", type=int, default=26)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--driver-memory", default="8g")
    parser.add_argument("--report", type=Path)
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--lake-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        args.db, args.lake = args.db[0], args.lake_dir
        print(json.dumps(STEPS[args.step](args), default=str))
        return

    results = []
    for db_path in args.db:
        lake = db_path.with_suffix(".lake")
        exported = _in_process("lake", args, db_path, lake)
        duck = _in_process("duckdb", args, db_path, lake)
        spark = _in_process("spark", args, db_path, lake)
        results.append((exported, duck, spark, _same(duck["rows"], spark["rows"])))

    import duckdb
    import pyspark

    lines = [
        "# DuckDB and local Spark on the same organisation",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m benchmarks.spark_compare`"
        f" on {platform.machine()}, {os.cpu_count()} cores; Python {platform.python_version()},"
        f" duckdb {duckdb.__version__}, pyspark {pyspark.__version__} ({args.master}, driver"
        f" memory {args.driver_memory}). Week {args.week}; series = {args.weeks} weeks × all"
        " metrics × company and every team; both engines compute live (no rollup), the"
        " scorecard for the company. Each engine in a fresh process; warm = median of 3.",
        "",
        "| step | " + " | ".join(f"{r[0]['tickets']:,} tickets" for r in results) + " |",
        "|---|" + "---:|" * len(results),
    ]

    def row(label, values):
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    row(
        "DuckDB: one week's scorecard, cold (s)", [f"{r[1]['scorecard_cold']:.2f}" for r in results]
    )
    row(
        "DuckDB: one week's scorecard, warm (s)", [f"{r[1]['scorecard_warm']:.2f}" for r in results]
    )
    row("DuckDB: series (s)", [f"{r[1]['series']:.2f}" for r in results])
    row("Spark: session start (s)", [f"{r[2]['session']:.1f}" for r in results])
    row("Spark: staging from Parquet (s)", [f"{r[2]['staging']:.1f}" for r in results])
    row("Spark: one week's scorecard, cold (s)", [f"{r[2]['scorecard_cold']:.2f}" for r in results])
    row("Spark: one week's scorecard, warm (s)", [f"{r[2]['scorecard_warm']:.2f}" for r in results])
    row("Spark: series (s)", [f"{r[2]['series']:.2f}" for r in results])
    row(
        "Spark ÷ DuckDB, scorecard warm",
        [f"{r[2]['scorecard_warm'] / r[1]['scorecard_warm']:.0f}×" for r in results],
    )
    row("Spark ÷ DuckDB, series", [f"{r[2]['series'] / r[1]['series']:.1f}×" for r in results])
    row("series figures, Spark vs DuckDB", [r[3] for r in results])
    row("writing the Parquet lake (s)", [f"{r[0]['export']:.1f}" for r in results])
    text = "\n".join(lines) + "\n"
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
