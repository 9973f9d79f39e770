"""Driver for spark-submit: `spark-submit [--master URL] scripts/spark_report.py --week 2026-W46
--source-tables SPEC [--team T] [--format markdown] [--db PATH]` = `report --engine spark`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorecard.cli import main

if __name__ == "__main__":
    sys.exit(main(["report", "--engine", "spark", *sys.argv[1:]]))
