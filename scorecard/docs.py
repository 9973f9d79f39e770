"""The README's metric tables, generated from data/metrics.toml.

`python -m scorecard.docs` rewrites the part of README.md between the markers; a test
fails when the README and the metadata disagree.
"""

from __future__ import annotations

from pathlib import Path

from . import metrics
from .access import ROLE_LABELS
from .config import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
START, END = "<!-- metrics:start -->", "<!-- metrics:end -->"


def metric_tables() -> str:
    lines: list[str] = []
    for headline, title in ((True, "Headline scorecard"), (False, "Secondary metrics")):
        lines += [
            f"**{title}**",
            "",
            "| id | Metric | Target | Owner | Notes by | Unit | `n` counts | Definition |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for metric in metrics.all_metrics():
            if metric.headline != headline:
                continue
            target = metric.format_target(metric.operator, metric.target)
            lines.append(
                f"| `{metric.id}` | {metric.label} | {target} | {metric.owner} "
                f"| {ROLE_LABELS[metric.owner_role]}, admin | {metric.unit} "
                f"| {metric.n_counts} | {metric.definition} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render(readme_text: str) -> str:
    before, rest = readme_text.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{metric_tables()}{END}{after}"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    README.write_text(render(text), encoding="utf-8")
    print(f"updated {Path(README).name}")


if __name__ == "__main__":
    main()
