"""Command line (SPEC §8): python -m scorecard demo | ingest | report | publish | export."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
import time
from datetime import date
from pathlib import Path

import duckdb

from . import db, interrupts, report
from .config import Config, ConfigError, check_timezone, load_config
from .ingest.adapters import SOURCES, AdapterOptions
from .ingest.kinds import KINDS, kind_from_file_name
from .ingest.loader import load_file, refresh_after
from .weeks import WeekError, parse_week

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C


class UsageError(Exception):
    """Bad arguments: exit 2 with a message."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    interrupts.install()
    try:
        config = load_config()
        return args.handler(args, config)
    except (UsageError, WeekError) as exc:
        parser.exit(EXIT_USAGE, f"{parser.prog} {args.command}: error: {exc}\n")
    except (ConfigError, db.SetupError, db.BusyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except duckdb.IOException as exc:
        # Typically another process (the dashboard) holds the database file.
        first = str(exc).strip().splitlines()[0]
        print(f"error: cannot open the database: {first}", file=sys.stderr)
        return EXIT_FAILED
    except (KeyboardInterrupt, RuntimeError) as exc:
        # Ctrl-C: Python's own, or DuckDB's "Query interrupted" from inside a query.
        if isinstance(exc, RuntimeError) and "interrupted" not in str(exc).lower():
            raise
        # A writer session that did not finish changed nothing (its copy is discarded).
        print(
            f"interrupted: {args.command} stopped; nothing it was writing was kept",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scorecard",
        description="Support Scorecard: load helpdesk, survey and QA exports; report the week.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")

    demo = commands.add_parser("demo", help="write the demo exports and load them")
    demo.add_argument("--weeks", type=int, default=26, help="number of weeks (default 26)")
    demo.add_argument(
        "--end",
        type=date.fromisoformat,
        help="a date in the last demo week (default: the last completed week)",
    )
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument(
        "--exports", type=Path, help="folder for the demo exports (default: data/demo)"
    )
    _add_db(demo)
    demo.set_defaults(handler=_demo)

    ingest = commands.add_parser("ingest", help="load export files")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument("--kind", choices=sorted(KINDS), help="table the files are for")
    ingest.add_argument(
        "--source",
        choices=SOURCES,
        help="export format; default: recognised from the columns (canonical, Zendesk, Freshdesk)",
    )
    ingest.add_argument("--mapping", type=Path, help="mapping file for --source mapped")
    ingest.add_argument(
        "--timezone",
        help="zone of timestamps without an offset (default: the mapping's zone, else UTC)",
    )
    ingest.add_argument("--encoding", help="file encoding when not UTF-8 (e.g. latin-1)")
    _add_db(ingest)
    ingest.set_defaults(handler=_ingest)

    rep = commands.add_parser("report", help="print the scorecard of a week")
    rep.add_argument("--week", required=True, help="ISO week, e.g. 2026-W47")
    rep.add_argument("--team", help="one team (exact name); default: the company")
    rep.add_argument("--format", choices=("json", "csv", "markdown"), default="json")
    _add_engine(rep)
    _add_db(rep)
    rep.set_defaults(handler=_report)

    pub = commands.add_parser(
        "publish", help="freeze a week's scorecard as a new revision (safe while the app runs)"
    )
    pub.add_argument("--week", required=True, help="ISO week, e.g. 2026-W47")
    pub.add_argument(
        "--by", help="who publishes (default: SCORECARD_PUBLISHER, else the system user)"
    )
    _add_out(pub)
    _add_engine(pub)
    _add_db(pub)
    pub.set_defaults(handler=_publish)

    exp = commands.add_parser("export", help="write a published snapshot as HTML, CSV or Markdown")
    exp.add_argument("--week", required=True, help="ISO week, e.g. 2026-W47")
    exp.add_argument("--revision", type=int, help="revision (default: the latest)")
    _add_out(exp, required=True)
    _add_db(exp)
    exp.set_defaults(handler=_export)
    return parser


EXPORT_FORMATS = {".html": "html", ".htm": "html", ".csv": "csv", ".md": "markdown"}


def _add_out(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        action="append",
        required=required,
        metavar="FILE",
        help="write the snapshot to FILE: .html (self-contained, offline), .csv or .md; repeatable",
    )


def _add_engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="where to compute: the database (default) or Apache Spark over --source-tables",
    )
    parser.add_argument(
        "--source-tables",
        metavar="SPEC",
        help="with --engine spark: a folder of <table>.parquet (or <table>/) files, or "
        "table=location,… with a Parquet path or a Spark catalog table per canonical table",
    )
    parser.add_argument(
        "--spark-master",
        help="Spark master URL (default: spark-submit's, else local[*])",
    )


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, help="database file (default: SCORECARD_DB or data/scorecard.duckdb)"
    )


def _database(args: argparse.Namespace, config: Config) -> Path:
    return args.db or config.database


def _ingest(args: argparse.Namespace, config: Config) -> int:
    if args.timezone is not None:
        try:
            check_timezone(args.timezone)
        except ConfigError as exc:
            raise UsageError(f"--timezone: {exc}") from exc
    if args.source == "mapped" and args.mapping is None:
        raise UsageError("--source mapped needs --mapping FILE")
    if args.mapping is not None and args.source not in (None, "mapped"):
        raise UsageError("--mapping goes with --source mapped")
    options = AdapterOptions(
        floor_by_group=config.floor_by_group,
        floor_by_tag=config.floor_by_tag,
        team_by_group_id=config.team_by_group_id,
        mapping_file=args.mapping,
    )
    source = "mapped" if args.mapping is not None else args.source
    database = _database(args, config)
    db.ensure_ready(database)
    refused = False
    large = any(_size(path) >= PROGRESS_FROM_BYTES for path in args.paths)
    # One writer session for all the files: readers see them land together.
    with db.writing(database, "data") as con:
        results = []
        for path in args.paths:
            result = load_file(
                con,
                path,
                kind=args.kind,
                source=source,
                timezone=args.timezone,
                encoding=args.encoding,
                display_name=str(path),
                options=options,
                refresh_staging=False,  # once, after every file
                progress=_progress_printer(path) if _size(path) >= PROGRESS_FROM_BYTES else None,
            )
            results.append(result)
            if (
                source is None and result.detected and result.source != "canonical"
            ) or _named_otherwise(path, result):
                print(f"note: {path}: read as {result.detected}", file=sys.stderr)
            if result.ignored_columns:
                print(
                    f"note: {path}: columns not used: {', '.join(result.ignored_columns)}",
                    file=sys.stderr,
                )
            if result.status == "loaded" and any(
                p.rows_read and not p.loaded for p in result.parts
            ):
                print(
                    f"warning: {path}: every row of a table was quarantined: check the columns, "
                    "formats or mapping (the reasons are in the quarantine, see the Data page)",
                    file=sys.stderr,
                )
            refused = refused or result.status == "refused"
        if large:
            print("progress: preparing the dashboard's tables and figures…", file=sys.stderr)
        refresh_after(con, results)
    # Only now is every file in the live database: a line printed earlier could tell of a load
    # that a kill or a crash in the session's last steps then undid.
    for result in results:
        print(result.summary())
    return EXIT_FAILED if refused else EXIT_OK


def _named_otherwise(path: Path, result) -> bool:
    """A canonical file whose name says another table than the one its columns fed."""
    by_name = kind_from_file_name(path.name)
    return result.status == "loaded" and by_name is not None and by_name.name != result.kind


# Files from this size on report each step on stderr as it starts (a large export takes minutes).
PROGRESS_FROM_BYTES = 20_000_000


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _progress_printer(path: Path):
    started = time.perf_counter()

    def report(share: float, step: str) -> None:
        elapsed = time.perf_counter() - started
        print(f"progress: {path}: {share:4.0%} {step} ({elapsed:.0f} s)", file=sys.stderr)

    return report


def _report(args: argparse.Namespace, config: Config) -> int:
    monday = parse_week(args.week)
    if args.engine == "spark":
        with _spark_engine(args, config) as runner:
            result = report.build_report(
                None, config, monday, team=args.team, rows_of=runner.scorecard_rows
            )
    else:
        _no_spark_options(args)
        database = _existing_database(args, config)
        db.ensure_ready(database)
        with contextlib.closing(db.open_reader(database)) as con:
            result = report.build_report(con, config, monday, team=args.team)
    if args.format == "json":
        print(report.to_json(result))
    elif args.format == "csv":
        sys.stdout.write(report.to_csv(result))
    else:
        sys.stdout.write(report.to_markdown(result, team=args.team))
    return EXIT_OK


def _no_spark_options(args: argparse.Namespace) -> None:
    if args.source_tables or args.spark_master:
        raise UsageError("--source-tables and --spark-master need --engine spark")


@contextlib.contextmanager
def _spark_engine(args: argparse.Namespace, config: Config):
    """A Spark engine over --source-tables, staged and ready; targets, owners, notes, SLA
    policy and calendars come from the dashboard's database (made with defaults if new)."""
    from . import spark_engine

    if not args.source_tables:
        raise UsageError("--engine spark needs --source-tables (a folder or table=location,…)")
    try:
        locations = spark_engine.source_tables(args.source_tables)
    except spark_engine.SourceError as error:
        raise UsageError(str(error)) from error
    if not locations:
        raise UsageError(f"no canonical table (tickets.parquet, …) in {args.source_tables}")
    database = _database(args, config)
    db.ensure_ready(database)
    spark = spark_engine.session(
        args.spark_master, memory=os.environ.get("SCORECARD_SPARK_DRIVER_MEMORY")
    )
    try:
        runner = spark_engine.SparkEngine(spark, config)
        try:
            runner.register_sources(locations)
        except spark_engine.SourceError as error:
            raise UsageError(str(error)) from error
        with contextlib.closing(db.open_reader(database)) as con:
            runner.register_settings(con)
        runner.build_staging()
        yield runner
    finally:
        spark.stop()


def _publish(args: argparse.Namespace, config: Config) -> int:
    from . import snapshots

    monday = parse_week(args.week)
    _check_outs(args.out or [])
    published_by = args.by or os.environ.get("SCORECARD_PUBLISHER") or getpass.getuser()
    if args.engine == "spark":
        # Spark computes the week from the lake's tables; the revision goes into the
        # dashboard's database, where the Published weeks page reads it at once.
        database = _database(args, config)
        with (
            _spark_engine(args, config) as runner,
            contextlib.closing(db.open_reader(database)) as con,
        ):
            frozen = snapshots.freeze(
                con, config, monday, rows_of=runner.scorecard_rows, loads=runner.sources()
            )
    else:
        _no_spark_options(args)
        database = _existing_database(args, config)
        db.ensure_ready(database)
        # Compute on a reader (no lock held), then write the revision in one short session.
        with contextlib.closing(db.open_reader(database)) as con:
            frozen = snapshots.freeze(con, config, monday)
    with db.writing(database, "state") as con:
        done = snapshots.store(con, frozen, published_by)
    print(
        f"published {done.week} revision {done.revision} by {published_by} "
        f"(data fingerprint {done.fingerprint[:12]}, {len(frozen['loads'])} loads)"
    )
    _write_exports(database, monday, done.revision, args.out or [])
    return EXIT_OK


def _export(args: argparse.Namespace, config: Config) -> int:
    monday = parse_week(args.week)
    _check_outs(args.out)
    database = _existing_database(args, config)
    db.ensure_ready(database)
    _write_exports(database, monday, args.revision, args.out)
    return EXIT_OK


def _check_outs(outs: list[Path]) -> None:
    for out in outs:
        if out.suffix.lower() not in EXPORT_FORMATS:
            raise UsageError(f"--out {out}: the name must end in .html, .csv or .md")


def _write_exports(database: Path, monday: date, revision: int | None, outs: list[Path]) -> None:
    from . import snapshot_html, snapshots

    if not outs:
        return
    with contextlib.closing(db.open_reader(database)) as con:
        try:
            snapshot = snapshots.read(con, snapshots.find(con, monday, revision))
        except snapshots.SnapshotError as exc:
            raise UsageError(str(exc)) from exc
        previous_id = snapshots.previous_snapshot(con, monday)
        previous = snapshots.read(con, previous_id) if previous_id else None
    if not snapshot["intact"]:
        print("warning: this snapshot's seal does not match its content", file=sys.stderr)
    export = snapshots.exportable(snapshot, previous)
    writers = {
        "html": snapshot_html.to_html,
        "csv": snapshots.to_csv,
        "markdown": snapshots.to_markdown,
    }
    for out in outs:
        text = writers[EXPORT_FORMATS[out.suffix.lower()]](export)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out} ({len(text.encode()):,} bytes)")


def _existing_database(args: argparse.Namespace, config: Config) -> Path:
    database = _database(args, config)
    if not database.exists():
        raise db.SetupError(
            f"no database at {database}: run `python -m scorecard demo` or "
            "`python -m scorecard ingest` first"
        )
    return database


def _demo(args: argparse.Namespace, config: Config) -> int:
    from . import demo

    if args.weeks < 1:
        raise UsageError("--weeks must be at least 1")
    database = _database(args, config)
    exports = args.exports or database.parent / "demo"
    return demo.run_demo(database, exports, weeks=args.weeks, end=args.end, seed=args.seed)


if __name__ == "__main__":
    sys.exit(main())
