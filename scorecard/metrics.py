"""Metric metadata, read from data/metrics.toml (the one place it is declared)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache

from .config import DATA_DIR

METRICS_FILE = DATA_DIR / "metrics.toml"

OPERATORS = ("<", "<=", ">", ">=")
# How a status reads (SPEC §2): in tables, exports and the offline snapshot alike.
STATUS_WORDS = {
    "met": "met",
    "near": "near",
    "missed": "missed",
    "no_data": "no data",
    "suppressed": "suppressed",
    "no_target": "no target",
}
UNIT_SUFFIX = {"points": "", "%": " %", "min": " min", "h": " h", "tickets": ""}


@dataclass(frozen=True)
class Metric:
    id: str
    label: str
    short: str
    definition: str
    unit: str
    decimals: int
    direction: str
    operator: str
    target: float
    owner: str
    owner_role: str
    headline: bool
    page: str
    n_counts: str
    query: str

    def format_value(self, value: float | None) -> str:
        """Value as users read it: fixed decimals and the unit."""
        if value is None:
            return "—"
        return f"{value:,.{self.decimals}f}{UNIT_SUFFIX[self.unit]}"

    def format_target(self, operator: str, target: float | None) -> str:
        if target is None:
            return "—"
        shown = (
            f"{target:,.{self.decimals}f}".rstrip("0").rstrip(".")
            if self.decimals
            else f"{target:,.0f}"
        )
        op = {"<=": "≤", ">=": "≥"}.get(operator, operator)
        return f"{op} {shown}{UNIT_SUFFIX[self.unit]}"


@cache
def _catalog() -> tuple[tuple[Metric, ...], date]:
    raw = tomllib.loads(METRICS_FILE.read_text(encoding="utf-8"))
    metrics = tuple(Metric(**entry) for entry in raw["metric"])
    for metric in metrics:
        if metric.operator not in OPERATORS:
            raise ValueError(f"metrics.toml: {metric.id}: unknown operator {metric.operator!r}")
        if metric.unit not in UNIT_SUFFIX:
            raise ValueError(f"metrics.toml: {metric.id}: unknown unit {metric.unit!r}")
        if metric.owner_role not in ("people_ops", "support_ops"):
            raise ValueError(
                f"metrics.toml: {metric.id}: owner_role must be people_ops or support_ops"
            )
        if metric.direction not in ("higher", "lower"):
            raise ValueError(f"metrics.toml: {metric.id}: direction must be higher or lower")
    ids = [m.id for m in metrics]
    if len(set(ids)) != len(ids):
        raise ValueError("metrics.toml: metric ids must be unique")
    return metrics, date.fromisoformat(raw["target_from"])


def all_metrics() -> tuple[Metric, ...]:
    """Every metric, headline first, in the order of metrics.toml."""
    metrics, _ = _catalog()
    return tuple(sorted(metrics, key=lambda m: not m.headline))


def metric_ids() -> list[str]:
    return [m.id for m in all_metrics()]


def get_metric(metric_id: str) -> Metric:
    for metric in all_metrics():
        if metric.id == metric_id:
            return metric
    raise KeyError(metric_id)


def default_targets_from() -> date:
    """The date the shipped default targets and owners are in force from."""
    return _catalog()[1]
