#!/usr/bin/env python3
"""Load every vendor form of the same tickets and compare the weekly ticket metrics.

    python tests/independent_vendor/compare.py [--seed N] [--keep DIR] [--only NAME ...] [-v]

1. make_exports.py writes the exports into a temp folder (or --keep DIR);
2. each form is loaded into its own fresh DuckDB with the product's command line
   (`python -m scorecard ingest ...`, run from the repository root);
3. `report --week 2026-W44..W47 --format json`, company-wide and for each team, is run
   against every DB; for each vendor DB every *expected* ticket metric (value with
   abs tol 1e-9, n and status) is compared with its reference canonical DB.

Exit 0 only when every expected match holds (and every file loaded with 0 quarantined).
Metrics that a vendor's files cannot carry are listed as "not compared" with both values
shown for information (see EXPECTED below and FORMATS.md).
Environment: SCORECARD_PYTHON (default: the Python running this script).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PY = os.environ.get("SCORECARD_PYTHON", sys.executable)
sys.path.insert(0, str(HERE))
import make_exports  # noqa: E402

WEEKS = ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
TEAMS = list(make_exports.TEAMS)
TICKET_METRICS = [
    "frt",
    "resolution_time",
    "backlog",
    "sla_adherence",
    "resolved_24h",
    "fcr",
    "csat",
    "floor1_resolution",
]
TOL = 1e-9
TZ = ["--timezone", "Europe/Berlin"]

# name -> (files relative to the export dir, extra ingest args, reference DB, expected metrics, notes)
ALL = set(TICKET_METRICS)
SOURCES = {
    "canonical": {
        "files": [
            ("canonical/tickets.csv", ["--kind", "tickets"]),
            ("canonical/csat.csv", ["--kind", "csat"]),
        ],
        "ref": None,
    },
    "canonical_freshdesk": {
        "files": [("canonical_freshdesk/tickets.csv", ["--kind", "tickets"])],
        "ref": None,
    },
    "zendesk_csv": {
        "files": [("zendesk/tickets.csv", ["--source", "zendesk", *TZ])],
        "ref": "canonical",
        "expected": ALL,
    },
    "zendesk_variant": {
        "files": [("zendesk/tickets_variant.csv", ["--source", "zendesk", *TZ])],
        "ref": "canonical",
        "expected": ALL,
    },
    "zendesk_jsonl": {
        "files": [("zendesk/tickets.jsonl", ["--source", "zendesk"])],
        "ref": "canonical",
        "expected": ALL,
    },
    "freshdesk_csv": {
        "files": [("freshdesk/tickets.csv", ["--source", "freshdesk", *TZ])],
        "ref": "canonical_freshdesk",
        "expected": ALL - {"fcr", "csat"},
    },
    "freshdesk_json": {
        "files": [("freshdesk/tickets.json", ["--source", "freshdesk"])],
        "ref": "canonical_freshdesk",
        "expected": ALL - {"fcr", "csat"},
    },
}
WHY_NOT = {
    (
        "freshdesk",
        "fcr",
    ): "Freshdesk exports carry no reopen count (API: only stats.reopened_at) and the API "
    "no reply count; CSV 'Agent interactions' is outbound messages, not necessarily "
    "public replies",
    (
        "freshdesk",
        "csat",
    ): "CSV 'Survey results' is a label without a rating time or scale; the ticket API "
    "carries no ratings (they live under /api/v2/surveys/satisfaction_ratings)",
}
# Generator self-check: the two canonical forms differ only in due times, reopens, reply
# counts, hold->pending and the solved_at of reopened-open tickets, so these must agree.
SELF_CHECK = ["frt", "resolution_time", "backlog", "resolved_24h", "floor1_resolution"]


def run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PY, "-m", "scorecard", *args], cwd=REPO, capture_output=True, text=True, timeout=600
    )


def load(name: str, spec: dict, outdir: Path, dbdir: Path) -> dict:
    db = dbdir / f"{name}.duckdb"
    res = {
        "name": name,
        "db": db,
        "ok": True,
        "lines": [],
        "problems": [],
        "notes": [],
        "counts": {},
    }
    for rel, extra in spec["files"]:
        p = run(["ingest", str(outdir / rel), *extra, "--db", str(db)])
        out = (p.stdout + p.stderr).strip()
        res["lines"].append(
            f"$ ingest {rel} {' '.join(extra)}  -> exit {p.returncode}\n    "
            + "\n    ".join(out.splitlines()[-6:])
        )
        if p.returncode != 0:
            res["ok"] = False
            last = (p.stderr.strip() or p.stdout.strip()).splitlines()
            res["problems"].append(
                f"ingest of {rel} failed (exit {p.returncode}): {last[-1] if last else ''}"
            )
            continue
        # "f: 161 loaded (0 replaced), 0 quarantined" or, for adapters,
        # "f: tickets 161 loaded (0 replaced), 0 quarantined; csat 72 loaded (0 replaced), 0 quarantined"
        single = [k for k in ("tickets", "csat") if f"--kind {k}" in " ".join(extra)]
        for m in re.finditer(
            r"(?:\b(tickets|csat)\s+)?(\d+) loaded \((\d+) replaced\), (\d+) quarantined", p.stdout
        ):
            kind = m.group(1) or (single[0] if single else "tickets")
            loaded, quarantined = int(m.group(2)), int(m.group(4))
            res["counts"][kind] = (loaded, quarantined)
    for kind, want in spec.get("want", {}).items():
        got = res["counts"].get(kind)
        if got is None:
            res["problems"].append(f"no {kind} count in the ingest output (expected {want} loaded)")
        elif got != (want, 0):
            res["problems"].append(
                f"{kind}: {got[0]} loaded, {got[1]} quarantined; expected {want} loaded, 0 quarantined"
            )
    for kind, got in res["counts"].items():
        if kind not in spec.get("want", {}) and got[1]:
            res["notes"].append(
                f"{kind}: {got[1]} row(s) quarantined (this kind is not compared for {name})"
            )
    return res


def reports(db: Path) -> dict:
    got = {}
    for week in WEEKS:
        for team in [None, *TEAMS]:
            args = ["report", "--week", week, "--format", "json", "--db", str(db)]
            if team:
                args += ["--team", team]
            p = run(args)
            key = (week, team)
            if p.returncode != 0:
                got[key] = {"error": (p.stderr.strip().splitlines() or ["?"])[-1]}
                continue
            try:
                doc = json.loads(p.stdout)
            except json.JSONDecodeError as e:
                got[key] = {"error": f"report output is not one JSON object: {e}"}
                continue
            got[key] = {
                m["id"]: (m.get("value"), m.get("n"), m.get("status"))
                for m in doc.get("metrics", [])
            }
    return got


def same(a, b) -> bool:
    (va, na, sa), (vb, nb, sb) = a, b
    if (va is None) != (vb is None):
        return False
    if va is not None and abs(float(va) - float(vb)) > TOL:
        return False
    return na == nb and sa == sb


def fmt(x) -> str:
    v, n, s = x
    return f"{'null' if v is None else round(float(v), 6)} (n={n}, {s})"


def compare(name, got, ref_name, ref, metrics) -> list[str]:
    bad = []
    for key in sorted(ref, key=lambda k: (k[0], k[1] or "")):
        week, team = key
        where = f"{week} {'company' if team is None else 'team=' + team}"
        if "error" in ref[key]:
            bad.append(f"{name}: {where}: reference {ref_name} report failed: {ref[key]['error']}")
            continue
        if "error" in got.get(key, {"error": "missing"}):
            bad.append(
                f"{name}: {where}: report failed: {got.get(key, {}).get('error', 'missing')}"
            )
            continue
        for mid in metrics:
            a, b = got[key].get(mid), ref[key].get(mid)
            if a is None or b is None:
                bad.append(f"{name}: {where}: {mid} missing from a report")
            elif not same(a, b):
                bad.append(f"{name}: {where}: {mid}: got {fmt(a)}, {ref_name} has {fmt(b)}")
    return bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=47)
    ap.add_argument("--keep", help="write exports and DBs here and keep them")
    ap.add_argument("--only", nargs="*", help="vendor sources to check (default: all)")
    ap.add_argument(
        "-v", "--verbose", action="store_true", help="show ingest output and informational values"
    )
    a = ap.parse_args(argv)

    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="indep_vendor_"))
    outdir, dbdir = work / "exports", work / "db"
    if dbdir.exists():
        shutil.rmtree(dbdir)
    dbdir.mkdir(parents=True)
    make_exports.main([str(outdir), "--seed", str(a.seed)])

    truth = make_exports.generate(a.seed)
    n_tickets = len(truth)
    n_ratings = sum(1 for t in truth if t.rating in ("Good", "Bad"))
    for n, spec in SOURCES.items():
        spec["want"] = {"tickets": n_tickets}
        if n in ("canonical",) or (spec["ref"] == "canonical" and "csat" in spec["expected"]):
            spec["want"]["csat"] = n_ratings
    names = [n for n in SOURCES if SOURCES[n]["ref"] is None or not a.only or n in a.only]
    with ThreadPoolExecutor(max_workers=4) as ex:
        loads = dict(
            zip(names, ex.map(lambda n: load(n, SOURCES[n], outdir, dbdir), names), strict=False)
        )
        ok_names = [n for n in names if loads[n]["ok"]]
        reps = dict(
            zip(ok_names, ex.map(lambda n: reports(loads[n]["db"]), ok_names), strict=False)
        )

    failures, info = [], []
    print("\n== loads")
    for n in names:
        L = loads[n]
        status = (
            "ok"
            if L["ok"] and not L["problems"]
            else ("FAILED" if not L["ok"] else "loaded, with problems")
        )
        print(f"  {n:20s} {status}")
        if a.verbose or not L["ok"] or L["problems"] or L["notes"]:
            for line in L["lines"]:
                print("      " + line.replace("\n", "\n      "))
        for p in L["problems"]:
            failures.append(f"{n}: {p}")
        for p in L["notes"]:
            info.append(f"{n}: {p}")

    for ref in ("canonical", "canonical_freshdesk"):
        if ref not in loads or not loads[ref]["ok"]:
            failures.append(f"reference {ref} did not load; nothing can be compared against it")

    # generator self-check
    if "canonical" in reps and "canonical_freshdesk" in reps:
        for line in compare(
            "self-check canonical_freshdesk",
            reps["canonical_freshdesk"],
            "canonical",
            reps["canonical"],
            SELF_CHECK,
        ):
            failures.append(line)

    print(
        "\n== comparisons (value ±1e-9, n, status; weeks W44-W47; company and "
        + ", ".join(TEAMS)
        + ")"
    )
    for n in names:
        spec = SOURCES[n]
        if spec["ref"] is None:
            continue
        ref = spec["ref"]
        expected = [m for m in TICKET_METRICS if m in spec["expected"]]
        skipped = [m for m in TICKET_METRICS if m not in spec["expected"]]
        if not loads[n]["ok"]:
            print(f"  {n:20s} NOT COMPARED: ingest failed ({loads[n]['problems'][0]})")
            failures.append(f"{n}: not compared, ingest failed")
            continue
        if ref not in reps:
            print(f"  {n:20s} NOT COMPARED: reference {ref} missing")
            continue
        bad = compare(n, reps[n], ref, reps[ref], expected)
        checks = len(reps[ref]) * len(expected)
        print(
            f"  {n:20s} vs {ref:20s} {checks - len(bad)}/{checks} expected checks match"
            + (f"; not compared: {', '.join(skipped)}" if skipped else "")
        )
        failures += bad
        vendor = n.split("_")[0]
        for m in skipped:
            diff = compare(n, reps[n], ref, reps[ref], [m])
            info.append(
                f"{n}: {m} not compared ({WHY_NOT.get((vendor, m), '')}); "
                f"{len(diff)} of {len(reps[ref])} cells differ from {ref}"
            )
            if a.verbose:
                info += ["    " + d for d in diff[:8]]

    if info:
        print("\n== not compared (information only)")
        for line in info:
            print("  " + line)
    print()
    if failures:
        print(f"== {len(failures)} MISMATCHES / PROBLEMS")
        for f in failures:
            print("  " + f)
    else:
        print("== all expected matches hold")
    if a.keep:
        print(f"(exports and DBs kept in {work})")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
