"""One benchmark step in a process of its own, so its peak memory is its own and "cold" means a
fresh process (the operating system's file cache aside). Prints one JSON object.

    python -m benchmarks.steps STEP --data DIR --db FILE --reps N [--week 2026-W46] [--team T]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

KINDS = ("tickets", "csat", "pulse", "qa_reviews", "agents", "escalations")
FILTER_CHANNEL = "email"
FILTERED = f" (channel {FILTER_CHANNEL})"  # suffix of a page measured under that filter


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def bare_read(args) -> dict:
    """The floor no loader can beat: create table … as select * from read_csv/read_parquet."""
    import duckdb

    reader = "read_csv" if args.format == "csv" else "read_parquet"
    runs = []
    for _ in range(args.reps):
        with tempfile.TemporaryDirectory() as folder:
            total = 0.0
            con = duckdb.connect(str(Path(folder) / "bare.duckdb"))
            for kind in KINDS:
                path = str(args.data / f"{kind}.{args.format}")
                statement = f"create table {kind} as select * from {reader}($path)"
                started = time.perf_counter()
                con.execute(statement, {"path": path})
                total += time.perf_counter() - started
            con.close()
            runs.append(total)
    return {"runs": runs}


def load(args) -> dict:
    """The product's load of the six files into an empty database, in one writer session
    (checks, quarantine, keyed merge, staging tables, the atomic swap)."""
    from scorecard import db
    from scorecard.ingest import load_file, refresh_after

    runs, prepares = [], []
    for _ in range(args.reps):
        with tempfile.TemporaryDirectory() as folder:
            database = Path(folder) / "load.duckdb"
            db.ensure_ready(database)  # once per database, not part of a load

            def run(database=database):
                with db.writing(database, "data") as con:
                    results = [
                        load_file(
                            con, args.data / f"{kind}.{args.format}", kind=kind,
                            refresh_staging=False,
                        )
                        for kind in KINDS
                    ]  # fmt: skip
                    assert all(r.status == "loaded" for r in results), results
                    started = time.perf_counter()
                    refresh_after(con, results)
                # Staging tables, rollups and the swap: what the dashboard reads, made ready.
                prepares.append(time.perf_counter() - started)

            runs.append(_timed(run))
    return {"runs": runs, "prepare": prepares}


def weekly_load(args) -> dict:
    """The Friday case: one week's tickets exported again (the week's new tickets, with more
    replies than before) loaded into the database of the whole year. Each run on a fresh copy
    of that database, timed to the end of the writing session (staging tables, then the
    weekly rollup recomputed from the first week the replaced rows touched); against the same
    load with every staging table and the rollup rebuilt whole (the baseline, measured in the
    same run)."""
    import shutil

    from scorecard import db, staging
    from scorecard.ingest import load_file

    export = _weekly_export(args)
    result: dict = {"tickets": export[1]}
    for mode, share in (("runs", staging.INCREMENTAL_SHARE), ("full", 0.0)):
        staging.INCREMENTAL_SHARE = share
        result[mode] = []
        for _ in range(args.reps):
            with tempfile.TemporaryDirectory(dir=args.db.parent) as folder:
                copy = Path(folder) / args.db.name
                shutil.copyfile(args.db, copy)
                shutil.copyfile(db.state_path(args.db), db.state_path(copy))

                def run(copy=copy, share=share):
                    with db.writing(copy, "data") as con:
                        loaded = load_file(con, export[0], kind="tickets", refresh_staging=False)
                        assert loaded.status == "loaded", loaded.message
                        # What refresh_after does, keeping what was rebuilt in part.
                        con.execute("begin transaction")
                        partly = staging.refresh(con, {"tickets"})
                        con.execute("commit")
                        assert bool(partly) == bool(share), partly

                result[mode].append(_timed(run))
    result["full_median"] = statistics.median(result["full"])
    return result


def _weekly_export(args) -> tuple[Path, int]:
    """The last week's tickets of the generated data, each with one reply more (written once
    next to the database)."""
    import duckdb

    from scorecard.weeks import parse_week

    path = args.db.with_name(args.db.stem + "-weekly-tickets.csv")
    con = duckdb.connect()
    try:
        if not path.exists():
            con.execute(
                "copy (select * replace (agent_replies + 1 as agent_replies) "
                "from read_csv($source) where created_at >= $since) to $path (header)",
                {
                    "source": str(args.data / "tickets.csv"),
                    "since": parse_week(args.week),
                    "path": str(path),
                },
            )
        rows = con.execute("select count(*) from read_csv($path)", {"path": str(path)})
        return path, rows.fetchall()[0][0]
    finally:
        con.close()


def scorecard(args) -> dict:
    """One week, every metric, for the company or one team: cold (first call in this process,
    connection included) and warm (later calls)."""
    from scorecard import db
    from scorecard.config import load_config
    from scorecard.engine import Scope, scorecard_rows
    from scorecard.weeks import parse_week

    config = load_config()
    monday = parse_week(args.week)
    scope = Scope.team(args.team) if args.team else Scope.company()
    holder = {}

    def first():
        holder["con"] = db.open_reader(args.db)
        scorecard_rows(holder["con"], config, monday, monday, scope)

    cold = _timed(first)
    warm = [
        _timed(lambda: scorecard_rows(holder["con"], config, monday, monday, scope))
        for _ in range(args.reps)
    ]
    return {"cold": cold, "runs": warm}


def series(args) -> dict:
    """Every metric for every week with data (the charts' series), company-wide."""
    from scorecard import db
    from scorecard.config import load_config
    from scorecard.engine import Scope, scorecard_rows
    from scorecard.weeks import monday_of

    config = load_config()
    con = db.open_reader(args.db)
    first, last = con.execute("select min(created_at), max(created_at) from tickets").fetchall()[0]
    weeks = (monday_of(first.date()), monday_of(last.date()))

    cold = _timed(lambda: scorecard_rows(con, config, *weeks, Scope.company()))
    warm = [
        _timed(lambda: scorecard_rows(con, config, *weeks, Scope.company()))
        for _ in range(args.reps)
    ]
    return {"cold": cold, "runs": warm, "weeks": f"{weeks[0]}..{weeks[1]}"}


def pages(args) -> dict:
    """Every dashboard page through AppTest: cold (first render of the page in this process:
    its queries run) and warm (rendered again: cached results)."""
    import os

    os.environ["SCORECARD_DB"] = str(args.db)
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    # AppTest resets the pages-folder mode before each run; the server leaves it for good.
    original = PagesManager.__init__

    def init(self, *a, **k):
        original(self, *a, **k)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    root = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(root / "dashboard.py"), default_timeout=900)
    at.query_params["week"] = args.week
    # The server's first request imports the app's modules and opens the database; a server
    # does that once, not per page. It is measured on its own (on the light Data page), so
    # each page's cold figure is that page's own first render: its queries and figures.
    at.switch_page("pages/data.py")
    result = {"first_request": _timed(at.run)}
    pages = sorted((root / "pages").glob("*.py"), key=lambda p: p.stem)
    result.update(_each_page(at, pages, args.reps))
    # Then every page again under a filter no one chose before in this process: what a user
    # waits for after changing one (the rollups keep only the unfiltered view ready). The
    # filter is chosen in the sidebar, as a user does; the next run applies it.
    at.switch_page("pages/scorecard.py")
    at.run()
    at.multiselect(key="channel").set_value([FILTER_CHANNEL])
    result.update(_each_page(at, pages, args.reps, filtered=True))
    return result


def _each_page(at, pages: list[Path], reps: int, filtered: bool = False) -> dict:
    """Each page's first render (cold) and `reps` more (warm). Filtered: each page that draws
    the filters must show the benchmark's channel chosen, and most pages must draw them."""
    measured, showing_filter = {}, 0
    for page in pages:
        at.switch_page(f"pages/{page.name}")
        cold = _timed(at.run)
        errors = [e.value for e in at.exception]
        if filtered:
            showing_filter += _require_filter(at, page.stem)
        warm = [_timed(at.run) for _ in range(reps)]
        name = page.stem + (FILTERED if filtered else "")
        measured[name] = {"cold": cold, "runs": warm, "errors": errors[:1]}
    if filtered and showing_filter < 5:
        raise RuntimeError(f"only {showing_filter} pages showed the channel filter")
    return measured


def _require_filter(at, page: str) -> bool:
    """A page that draws the filters must show the benchmark's channel chosen (otherwise its
    figures would be the unfiltered view's, and the benchmark would report the wrong thing)."""
    try:
        chosen = at.multiselect(key="channel").value
    except KeyError:
        return False  # a page without the filters (targets, notes, data, published)
    if list(chosen) != [FILTER_CHANNEL]:
        raise RuntimeError(f"page {page}: the channel filter is {chosen!r}, not {FILTER_CHANNEL}")
    return True


def pandas_baseline(args) -> dict:
    """The eight headline metrics in pandas on DataFrames already in memory (read once)."""
    from benchmarks.pandas_metrics import headline, read_tables
    from scorecard.weeks import parse_week

    started = time.perf_counter()
    frames = read_tables(args.data)
    read_seconds = time.perf_counter() - started
    monday = parse_week(args.week)
    holder = {}
    cold = _timed(lambda: holder.setdefault("values", headline(frames, monday)))
    warm = [_timed(lambda: headline(frames, monday)) for _ in range(args.reps)]
    values = {key: [value, n] for key, (value, n) in holder["values"].items()}
    return {"cold": cold, "runs": warm, "read_seconds": read_seconds, "values": values}


def engine_values(args) -> dict:
    """The engine's headline figures of the week, to check the pandas baseline against."""
    from scorecard import db, metrics
    from scorecard.config import load_config
    from scorecard.engine import scorecard_rows
    from scorecard.weeks import parse_week

    monday = parse_week(args.week)
    with contextlib.closing(db.open_reader(args.db)) as con:
        rows = scorecard_rows(con, load_config(), monday, monday)
    headline = {m.id for m in metrics.all_metrics() if m.headline}
    return {
        "values": {r["metric_id"]: [r["value"], r["n"]] for r in rows if r["metric_id"] in headline}
    }


def build(args) -> dict:
    """The database the query steps read: the six CSV files loaded (not timed here)."""
    from scorecard import db
    from scorecard.ingest import load_file, refresh_after

    if args.db.exists():
        args.db.unlink()
    db.state_path(args.db).unlink(missing_ok=True)
    db.ensure_ready(args.db)
    started = time.perf_counter()
    with db.writing(args.db, "data") as con:
        results = [
            load_file(con, args.data / f"{kind}.csv", kind=kind, refresh_staging=False)
            for kind in KINDS
        ]
        refresh_after(con, results)
    return {"runs": [time.perf_counter() - started]}


STEPS = {
    "bare_read": bare_read,
    "load": load,
    "scorecard": scorecard,
    "series": series,
    "pages": pages,
    "pandas": pandas_baseline,
    "engine_values": engine_values,
    "build": build,
    "weekly_load": weekly_load,
}


def peak_mb() -> float:
    """This process's peak resident memory. Linux's ru_maxrss starts from the parent's peak at
    the fork (a runner that generated 10 M tickets in-process made every step read 3.4 GB);
    VmHWM belongs to the memory of this program alone."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("--data", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--week")
    parser.add_argument("--team")
    args = parser.parse_args(argv)
    result = STEPS[args.step](args)
    result["peak_mb"] = peak_mb()
    if "runs" in result:
        result["median"] = statistics.median(result["runs"])
    json.dump(result, sys.stdout, default=str)


if __name__ == "__main__":
    main()
