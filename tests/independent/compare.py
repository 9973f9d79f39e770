"""Compare the product's `report --format json` with reference.py on the generated dataset.

    python compare.py [--seed N] [--teams "Onboarding,Billing"] [--participation-zero] [--keep]

Generates the dataset (make_dataset.py) into a temp folder, ingests each CSV one file at a time
with --kind into a temp DB, then for every week of the dataset plus one week with no data at all
runs `report` company-wide and for each selected team (default: every team) and compares value
(abs tol 1e-9, None == None), n and status of every metric.  Exit 0 only when all match.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference as R  # noqa: E402

PRODUCT_CWD = os.path.dirname(os.path.dirname(HERE))  # the project root
PY = sys.executable
KINDS = ["agents", "tickets", "escalations", "csat", "pulse", "qa_reviews"]
WEEKS = ["2026-W%02d" % w for w in range(38, 48)] + ["2026-W30"]  # W42: empty; W30: no data at all
ALL_TEAMS = ["Billing", "Tech Support", "Onboarding", "Enterprise"]


def run(args):
    p = subprocess.run(
        [PY, "-m", "scorecard", *args], cwd=PRODUCT_CWD, capture_output=True, text=True
    )
    return p.returncode, p.stdout, p.stderr


def same_value(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-9


def fmt(v):
    if v is None:
        return "None"
    if isinstance(v, float):
        return f"{v:.6f}"
    return str(v)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261120)
    ap.add_argument("--teams", default=",".join(ALL_TEAMS))
    ap.add_argument(
        "--participation-zero",
        action="store_true",
        help="reference choice C2 as the product reads it: 0 %% when a group has no answer",
    )
    ap.add_argument(
        "--backlog-no-data",
        action="store_true",
        help="reference choice C1 read the other way: no data before a group's first ticket",
    )
    ap.add_argument("--keep", action="store_true", help="keep the temp folder")
    a = ap.parse_args()
    teams = [t for t in a.teams.split(",") if t]
    R.ALT_PARTICIPATION = a.participation_zero
    R.ALT_BACKLOG = a.backlog_no_data

    tmp = tempfile.mkdtemp(prefix="indep_")
    data_dir = os.path.join(tmp, "data")
    db = os.path.join(tmp, "scorecard.duckdb")
    subprocess.run(
        [sys.executable, os.path.join(HERE, "make_dataset.py"), data_dir, "--seed", str(a.seed)],
        check=True,
    )
    problems = []
    for kind in KINDS:
        path = os.path.join(data_dir, kind + ".csv")
        rc, out, err = run(["ingest", path, "--kind", kind, "--db", db])
        line = (out.strip() or err.strip()).replace("\n", " | ")
        print("ingest %-12s rc=%d  %s" % (kind, rc, line))
        m = re.search(r"(\d+) quarantined", out)
        if rc != 0 or not m or int(m.group(1)) != 0:
            problems.append(
                "ingest %s: rc=%d output=%r stderr=%r" % (kind, rc, out.strip(), err.strip()[-500:])
            )

    data = R.Data(data_dir)
    mismatches = []
    compared = 0
    for week in WEEKS:
        for team in [None, *teams]:
            args = ["report", "--week", week, "--format", "json", "--db", db]
            if team:
                args += ["--team", team]
            rc, out, err = run(args)
            try:
                rep = json.loads(out)
            except Exception:
                problems.append(
                    "report %s %s: rc=%d, stdout not one JSON object: %r %r"
                    % (week, team, rc, out[:200], err[-300:])
                )
                continue
            ref = R.compute(data, week, team)
            got = {m["id"]: m for m in rep.get("metrics", [])}
            for mid in R.METRICS:
                compared += 1
                r = ref[mid]
                p = got.get(mid)
                if p is None:
                    mismatches.append(
                        (
                            week,
                            team or "(company)",
                            mid,
                            "MISSING",
                            "",
                            "",
                            r["value"],
                            r["n"],
                            r["status"],
                        )
                    )
                    continue
                if not (
                    same_value(p.get("value"), r["value"])
                    and p.get("n") == r["n"]
                    and p.get("status") == r["status"]
                ):
                    mismatches.append(
                        (
                            week,
                            team or "(company)",
                            mid,
                            p.get("value"),
                            p.get("n"),
                            p.get("status"),
                            r["value"],
                            r["n"],
                            r["status"],
                        )
                    )
                op, tgt = R.TARGETS[mid]
                if p.get("operator") != op or not same_value(p.get("target"), tgt):
                    problems.append(
                        "{} {} {}: target/operator {!r} {!r}, expected {!r} {!r}".format(
                            week, team, mid, p.get("operator"), p.get("target"), op, tgt
                        )
                    )
            extra = set(got) - set(R.METRICS)
            if extra:
                problems.append(f"{week} {team}: unexpected metric ids {sorted(extra)}")
            if rep.get("week") != week:
                problems.append("{} {}: week field {!r}".format(week, team, rep.get("week")))

    if mismatches:
        hdr = (
            "week",
            "team",
            "metric",
            "prod value",
            "prod n",
            "prod status",
            "ref value",
            "ref n",
            "ref status",
        )
        rows = [hdr] + [tuple(fmt(x) for x in m) for m in mismatches]
        widths = [max(len(r[i]) for r in rows) for i in range(len(hdr))]
        for r in rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)))
    for p in problems:
        print("PROBLEM:", p)
    print(
        "compared %d metric cells; %d mismatches; %d other problems"
        % (compared, len(mismatches), len(problems))
    )
    if a.keep:
        print("kept", tmp)
    else:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if not mismatches and not problems else 1)


if __name__ == "__main__":
    main()
