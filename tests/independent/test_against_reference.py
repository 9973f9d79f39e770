"""Differential test: the product against an independent implementation of SPEC §4.

reference.py, make_dataset.py and compare.py were written from SPEC.md alone by someone who
had not seen the engine. Here the generated data set is loaded in-process, one file at a
time, and every metric of every week (with an empty week and a week before any data),
company-wide and per team, must match the reference: value within 1e-9, n and status.
compare.py does the same through the command line.
"""

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scorecard import report
from scorecard.ingest import load_file
from scorecard.weeks import parse_week

from . import compare
from . import reference as R

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("seed", [20261120, 1, 2])
def test_every_figure_matches_the_independent_reference(seed, tmp_path, con, config, monkeypatch):
    data_dir = tmp_path / "data"
    subprocess.run(
        [sys.executable, str(HERE / "make_dataset.py"), str(data_dir), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )
    for kind in compare.KINDS:
        result = load_file(
            con, data_dir / f"{kind}.csv", kind=kind, now=datetime(2026, 11, 22, tzinfo=UTC)
        )
        assert (result.status, result.quarantined) == ("loaded", 0), result.summary()

    # The product's reading of the reference's open choice C2 (see README): participation
    # is respondents ÷ headcount, so 0 % when a group has agents but no answers.
    monkeypatch.setattr(R, "ALT_PARTICIPATION", True)
    data = R.Data(str(data_dir))
    mismatches = []
    for week in compare.WEEKS:
        for team in [None, *compare.ALL_TEAMS]:
            ours = report.build_report(con, config, parse_week(week), team=team)
            theirs = R.compute(data, week, team)
            for entry in ours["metrics"]:
                expected = theirs[entry["id"]]
                same = compare.same_value(entry["value"], expected["value"])
                if not (
                    same and entry["n"] == expected["n"] and entry["status"] == expected["status"]
                ):
                    mismatches.append((week, team, entry["id"], entry, expected))
    assert not mismatches, mismatches[:5]
