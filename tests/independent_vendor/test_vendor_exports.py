"""Differential test of the adapters against exports written from the vendors' documentation.

make_exports.py and compare.py were written by someone who had not seen the adapters, from
Zendesk's and Freshdesk's published formats (FORMATS.md). The same tickets are written as
canonical files and as each vendor export; compare.py loads each through `ingest` and checks
every ticket metric, n and status, week by week, company-wide and per team.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_vendor_exports_give_the_canonical_figures():
    done = subprocess.run(
        [sys.executable, str(HERE / "compare.py")],
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "== all expected matches hold" in done.stdout
