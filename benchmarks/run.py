"""The benchmark: generate demo-shaped data at each size, measure every step, write the report.

    python -m benchmarks.run [--sizes 100k,1m,10m] [--reps 3] [--work benchmarks/work]
                             [--report BENCHMARKS.md]

Each step runs in a process of its own (`benchmarks/steps.py`): its peak memory is its own, and
"cold" is the first call in a fresh process. Every figure is the median of `--reps` runs. Data is
generated once per size into the work folder (seed 1, last week 2026-W46) and reused by later
runs. Writes the report (Markdown) and the raw timings (`benchmarks/results.csv`).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

from benchmarks.steps import FILTERED

ROOT = Path(__file__).resolve().parent.parent
WEEK, TEAM, END = "2026-W46", "Billing", date(2026, 11, 15)
SIZES = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
GOALS = {
    "load_ratio": 2.0,  # loading ≤ 2× the bare read of the same files
    "pandas_ratio": 20.0,  # one week's scorecard ≥ 20× faster than pandas at 10 M
    "scaling": 3.0,  # scorecard at 10 M ≤ 3× its time at 1 M
    "warm_page": 0.3,
    "cold_page": 1.5,
    "peak_mb": 3 * 1024,
}


def parse_size(text: str) -> int:
    text = text.strip().lower()
    if text in SIZES:
        return SIZES[text]
    return int(text.replace("_", ""))


def label(tickets: int) -> str:
    for name, count in SIZES.items():
        if count == tickets:
            return name.upper().replace("K", " k").replace("M", " M")
    return f"{tickets:,}"


def step(name: str, **options) -> dict:
    args = [sys.executable, "-m", "benchmarks.steps", name]
    for key, value in options.items():
        if value is not None:
            args += [f"--{key}", str(value)]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode:
        raise RuntimeError(f"step {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def generate(folder: Path, tickets: int) -> None:
    marker = folder / "generated.json"
    wanted = {"tickets": tickets, "seed": 1, "end": END.isoformat(), "weeks": 52}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return
    from benchmarks.generate import generate as write_tables

    write_tables(folder, tickets, 52, 1, END, ("csv", "parquet"))
    marker.write_text(json.dumps(wanted))


def measure(tickets: int, work: Path, reps: int, log) -> dict:
    folder = work / f"data-{tickets}"
    started = time.perf_counter()
    generate(folder, tickets)
    log(f"{label(tickets)}: data ready ({time.perf_counter() - started:.0f} s)")
    database = work / f"db-{tickets}.duckdb"
    result: dict = {"tickets": tickets}
    result["build"] = step("build", data=folder, db=database)
    for fmt in ("csv", "parquet"):
        result[f"bare_{fmt}"] = step("bare_read", data=folder, format=fmt, reps=reps)
        result[f"load_{fmt}"] = step("load", data=folder, format=fmt, reps=reps)
        log(f"{label(tickets)}: {fmt} loading measured")
    result["weekly_load"] = step("weekly_load", data=folder, db=database, week=WEEK, reps=reps)
    log(f"{label(tickets)}: weekly load measured")
    result["scorecard_company"] = step("scorecard", db=database, week=WEEK, reps=reps)
    result["scorecard_team"] = step("scorecard", db=database, week=WEEK, team=TEAM, reps=reps)
    result["series"] = step("series", db=database, reps=reps)
    log(f"{label(tickets)}: scorecard and series measured")
    result["pages"] = step("pages", db=database, week=WEEK, reps=reps)
    log(f"{label(tickets)}: pages measured")
    result["pandas"] = step("pandas", data=folder, week=WEEK, reps=reps)
    result["engine_values"] = step("engine_values", db=database, week=WEEK)
    log(f"{label(tickets)}: pandas baseline measured")
    return result


def rows_of(results: list[dict]) -> list[dict]:
    """Raw figures, one row per size × step × figure."""
    rows = []
    for result in results:
        size = result["tickets"]
        for name, figures in result.items():
            if name in ("tickets", "engine_values", "pages"):
                continue
            for key in ("cold", "median", "full_median", "peak_mb", "read_seconds"):
                if key in figures:
                    rows.append(
                        {"tickets": size, "step": name, "figure": key, "value": figures[key]}
                    )
            for i, run in enumerate(figures.get("runs", [])):
                rows.append({"tickets": size, "step": name, "figure": f"run{i + 1}", "value": run})
            for i, run in enumerate(figures.get("full", [])):
                rows.append({"tickets": size, "step": name, "figure": f"full{i + 1}", "value": run})
            for i, part in enumerate(figures.get("prepare", [])):
                rows.append(
                    {"tickets": size, "step": name, "figure": f"prepare{i + 1}", "value": part}
                )
        for page, figures in result["pages"].items():
            if not isinstance(figures, dict):
                rows.append({"tickets": size, "step": "pages", "figure": page, "value": figures})
                continue
            rows.append(
                {
                    "tickets": size,
                    "step": f"page:{page}",
                    "figure": "cold",
                    "value": figures["cold"],
                }
            )
            for i, run in enumerate(figures["runs"]):
                rows.append(
                    {"tickets": size, "step": f"page:{page}", "figure": f"run{i + 1}", "value": run}
                )
    return rows


def _machine() -> str:
    import duckdb
    import pandas
    import streamlit

    cpus = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.machine()}, {cpus} cores, {memory:.0f} GiB RAM, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, duckdb {duckdb.__version__}, "
        f"streamlit {streamlit.__version__}, pandas {pandas.__version__}"
    )


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() or "unknown"


def _page_stats(result: dict, filtered: bool = False) -> tuple[float, str, float, str]:
    """The slowest page cold and warm: unfiltered views, or views under the benchmark's filter."""
    pages = {
        k: v
        for k, v in result["pages"].items()
        if isinstance(v, dict) and k.endswith(FILTERED) == filtered
    }
    cold_page = max(pages, key=lambda p: pages[p]["cold"])
    warm_page = max(pages, key=lambda p: _median(pages[p]["runs"]))
    return pages[cold_page]["cold"], cold_page, _median(pages[warm_page]["runs"]), warm_page


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _mark(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(results: list[dict], reps: int, seconds: float) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m benchmarks.run` "
        f"(commit {_commit()}) in {seconds / 60:.0f} min on: {_machine()}.",
        "",
        f"Every figure is the median of {reps} runs unless it says *cold* (the first call in a "
        "fresh process). Each step runs in a process of its own; *peak* is that process's "
        "maximum resident memory. Data: `benchmarks/generate.py`, seed 1, 52 weeks ending "
        f"{WEEK}; the scorecard week is {WEEK}, the team {TEAM}. Raw timings: "
        "`benchmarks/results.csv`.",
        "",
        "## Figures",
        "",
        "| step | " + " | ".join(label(r["tickets"]) for r in results) + " |",
        "|---|" + "---:|" * len(results),
    ]

    def row(title: str, cell) -> None:
        lines.append(f"| {title} | " + " | ".join(cell(r) for r in results) + " |")

    for fmt in ("csv", "parquet"):
        row(f"load six {fmt.upper()} files (s)", lambda r, f=fmt: f"{r[f'load_{f}']['median']:.2f}")
        row("bare read of the same files (s)", lambda r, f=fmt: f"{r[f'bare_{f}']['median']:.2f}")
        row(
            f"ratio load ÷ bare ({fmt.upper()})",
            lambda r, f=fmt: f"{r[f'load_{f}']['median'] / r[f'bare_{f}']['median']:.2f}×",
        )
        row(
            "… of which staging tables, rollups and the swap (s)",
            lambda r, f=fmt: f"{_median(r[f'load_{f}']['prepare']):.2f}",
        )
        row(
            f"peak memory, load {fmt.upper()} (MB)",
            lambda r, f=fmt: f"{r[f'load_{f}']['peak_mb']:.0f}",
        )
    row(
        f"weekly load: {WEEK}'s tickets again, into the year's database (tickets)",
        lambda r: f"{r['weekly_load']['tickets']:,}",
    )
    row(
        "… staging and weekly rollup rebuilt for what it touched (s)",
        lambda r: f"{r['weekly_load']['median']:.2f}",
    )
    row(
        "… every staging table and the rollup rebuilt whole (s, the baseline)",
        lambda r: f"{r['weekly_load']['full_median']:.2f}",
    )
    row(
        "ratio whole ÷ touched",
        lambda r: f"{r['weekly_load']['full_median'] / r['weekly_load']['median']:.2f}×",
    )
    row("peak memory, weekly load (MB)", lambda r: f"{r['weekly_load']['peak_mb']:.0f}")
    for key, title in (("scorecard_company", "company"), ("scorecard_team", f"team {TEAM}")):
        row(f"scorecard, one week, {title}: cold (s)", lambda r, k=key: f"{r[k]['cold']:.3f}")
        row(f"scorecard, one week, {title}: warm (s)", lambda r, k=key: f"{r[k]['median']:.3f}")
    row("peak memory, scorecard (MB)", lambda r: f"{r['scorecard_company']['peak_mb']:.0f}")
    row("series, all weeks × all metrics: cold (s)", lambda r: f"{r['series']['cold']:.3f}")
    row("series, all weeks × all metrics: warm (s)", lambda r: f"{r['series']['median']:.3f}")
    row("peak memory, series (MB)", lambda r: f"{r['series']['peak_mb']:.0f}")
    row("pandas, eight headline metrics: cold (s)", lambda r: f"{r['pandas']['cold']:.3f}")
    row("pandas, eight headline metrics: warm (s)", lambda r: f"{r['pandas']['median']:.3f}")
    row("pandas: reading the tables first (s)", lambda r: f"{r['pandas']['read_seconds']:.2f}")
    row("peak memory, pandas (MB)", lambda r: f"{r['pandas']['peak_mb']:.0f}")
    row(
        "ratio pandas ÷ scorecard (warm)",
        lambda r: f"{r['pandas']['median'] / r['scorecard_company']['median']:.1f}×",
    )
    row(
        "ratio pandas ÷ scorecard (cold)",
        lambda r: f"{r['pandas']['cold'] / r['scorecard_company']['cold']:.1f}×",
    )
    row(
        "first request after the server starts: imports, connection (s)",
        lambda r: f"{r['pages']['first_request']:.2f}",
    )
    pages = sorted(k for k, v in results[0]["pages"].items() if isinstance(v, dict))
    for page in pages:
        row(
            f"page {page}: cold / warm (s)",
            lambda r, p=page: f"{r['pages'][p]['cold']:.2f} / {_median(r['pages'][p]['runs']):.2f}",
        )
    row("peak memory, all pages (MB)", lambda r: f"{r['pages']['peak_mb']:.0f}")

    lines += ["", "## Goals", ""]
    lines += _goals(results)
    lines += ["", "## The pandas baseline agrees with the engine", ""]
    lines += _agreement(results)
    return "\n".join(lines) + "\n"


def _goals(results: list[dict]) -> list[str]:
    by_size = {r["tickets"]: r for r in results}
    largest = by_size[max(by_size)]
    out = ["| goal | figure | |", "|---|---|---|"]
    for fmt in ("csv", "parquet"):
        ratio = largest[f"load_{fmt}"]["median"] / largest[f"bare_{fmt}"]["median"]
        out.append(
            f"| loading ≤ {GOALS['load_ratio']:.0f}× the bare read ({fmt.upper()}, "
            f"{label(largest['tickets'])}) | {ratio:.2f}× | {_mark(ratio <= GOALS['load_ratio'])} |"
        )
    speedup = largest["pandas"]["median"] / largest["scorecard_company"]["median"]
    out.append(
        f"| scorecard ≥ {GOALS['pandas_ratio']:.0f}× faster than pandas "
        f"({label(largest['tickets'])}, warm) | {speedup:.1f}× | "
        f"{_mark(speedup >= GOALS['pandas_ratio'])} |"
    )
    if 1_000_000 in by_size and 10_000_000 in by_size:
        for key in ("cold", "median"):
            scaling = (
                by_size[10_000_000]["scorecard_company"][key]
                / by_size[1_000_000]["scorecard_company"][key]
            )
            out.append(
                f"| scorecard at 10 M ≤ {GOALS['scaling']:.0f}× its time at 1 M "
                f"({'cold' if key == 'cold' else 'warm'}) | {scaling:.2f}× | "
                f"{_mark(scaling <= GOALS['scaling'])} |"
            )
    for filtered, views in ((False, "unfiltered"), (True, f"under a new filter{FILTERED}")):
        cold, cold_page, warm, warm_page = _page_stats(largest, filtered)
        cold_page, warm_page = cold_page.removesuffix(FILTERED), warm_page.removesuffix(FILTERED)
        out.append(
            f"| every page warm < {GOALS['warm_page']} s ({views}) | slowest: {warm_page} "
            f"{warm:.3f} s | {_mark(warm < GOALS['warm_page'])} |"
        )
        out.append(
            f"| every page cold < {GOALS['cold_page']} s ({views}) | slowest: {cold_page} "
            f"{cold:.2f} s | {_mark(cold < GOALS['cold_page'])} |"
        )
    peak_step, peak = max(
        (
            (name, figures["peak_mb"])
            for name, figures in largest.items()
            if isinstance(figures, dict) and "peak_mb" in figures and name != "pandas"
        ),
        key=lambda item: item[1],
    )
    out.append(
        f"| peak memory < 3 GB ({label(largest['tickets'])}) | {peak:,.0f} MB ({peak_step}) | "
        f"{_mark(peak < GOALS['peak_mb'])} |"
    )
    return out


def _agreement(results: list[dict]) -> list[str]:
    out = ["| metric | " + " | ".join(label(r["tickets"]) for r in results) + " |"]
    out.append("|---|" + "---:|" * len(results))
    for metric in results[0]["engine_values"]["values"]:
        cells = []
        for result in results:
            engine = result["engine_values"]["values"][metric]
            baseline = result["pandas"]["values"].get(metric)
            same = (
                baseline is not None
                and engine[0] is not None
                and abs(engine[0] - baseline[0]) <= 1e-6 * max(1, abs(engine[0]))
                and engine[1] == baseline[1]
            )
            cells.append(
                ("equal" if same else "**differs**") + f" ({engine[0]:.4g}, n {engine[1]})"
            )
        out.append(f"| {metric} | " + " | ".join(cells) + " |")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100k,1m,10m")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work")
    parser.add_argument("--report", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--raw", type=Path, default=ROOT / "benchmarks" / "results.csv")
    args = parser.parse_args(argv)
    sizes = [parse_size(text) for text in args.sizes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)

    results = [measure(size, args.work, args.reps, log) for size in sizes]
    (args.work / "results.json").write_text(json.dumps(results, indent=1, default=str))
    with args.raw.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["tickets", "step", "figure", "value"])
        writer.writeheader()
        writer.writerows(rows_of(results))
    args.report.write_text(report(results, args.reps, time.perf_counter() - started))
    log(f"wrote {args.report} and {args.raw}")


if __name__ == "__main__":
    main()
