"""The benchmark harness runs end to end on a tiny data set (figures are not judged here: timing
belongs in BENCHMARKS.md, not in tests), and its pandas baseline computes the same eight
headline figures as the engine — otherwise its speed would be compared with a different sum."""

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_benchmark_runs_and_its_pandas_baseline_agrees_with_the_engine(tmp_path):
    report, raw = tmp_path / "BENCHMARKS.md", tmp_path / "results.csv"
    done = subprocess.run(
        [
            sys.executable, "-m", "benchmarks.run", "--sizes", "3000", "--reps", "1",
            "--work", str(tmp_path / "work"), "--report", str(report), "--raw", str(raw),
        ],
        cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = report.read_text(encoding="utf-8")
    agreement = text.split("## The pandas baseline agrees with the engine")[1]
    rows = [
        line for line in agreement.splitlines() if line.startswith("| ") and "metric" not in line
    ]
    assert len(rows) == 8
    assert all("equal (" in row and "differs" not in row for row in rows), rows
    assert "## Goals" in text and "| page scorecard: cold / warm (s) |" in text
    # Pages are measured under a filter too (what a user waits for after changing one).
    assert "| page sla (channel email): cold / warm (s) |" in text
    assert "every page cold < 1.5 s (under a new filter (channel email))" in text
    steps = {row["step"] for row in csv.DictReader(raw.open())}
    assert {"load_csv", "bare_csv", "load_parquet", "scorecard_company", "pandas"} <= steps
    assert "weekly_load" in steps and "ratio whole ÷ touched" in text
