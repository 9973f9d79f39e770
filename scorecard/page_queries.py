"""The pages' own queries (queries/pages/), declared once: how many weeks each reads (ending
with the week in view) and which settings it binds. Pages ask for a query by name
(views.page_table); the rollup (scorecard/rollups.py) keeps the same ones ready for the view
everyone opens first, so the two can never ask for different things.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .config import Config

TREND_WEEKS = 26  # the charts' weeks
HEATMAP_WEEKS = 12  # the morale heat map and its questions
CATEGORY_WEEKS = 12  # the QA category heat map
LIST_ROWS = 50  # the oldest-open and waiting lists


def _no_settings(config: Config) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class PageQuery:
    name: str  # queries/pages/<name>.sql
    weeks: int | Callable[[Config], int] = 1
    settings: Callable[[Config], dict[str, Any]] = _no_settings
    kept_ready: bool = True  # False: read on demand only (a download), not worth keeping

    def span(self, config: Config) -> int:
        return self.weeks(config) if callable(self.weeks) else self.weeks

    def params(self, config: Config) -> dict[str, Any]:
        return self.settings(config)


PAGE_QUERIES: dict[str, PageQuery] = {
    query.name: query
    for query in (
        # Backlog
        PageQuery("backlog_ageing"),
        PageQuery("created_solved", weeks=TREND_WEEKS),
        PageQuery("oldest_open", settings=lambda config: {"limit": LIST_ROWS}),
        # Escalations
        PageQuery("floor_funnel", weeks=TREND_WEEKS),
        PageQuery("floor1_frt", weeks=TREND_WEEKS),
        PageQuery("escalations_waiting", settings=lambda config: {"limit": LIST_ROWS}),
        # Morale
        PageQuery(
            "pulse_questions",
            weeks=HEATMAP_WEEKS,
            settings=lambda config: {"min_group_size": config.min_group_size},
        ),
        PageQuery(
            "team_workload",
            weeks=TREND_WEEKS,
            settings=lambda config: {
                "rise_share": config.workload_rise_share,
                "dip_points": config.workload_dip_points,
                "within_weeks": config.workload_within_weeks,
                "baseline_weeks": config.workload_baseline_weeks,
            },
        ),
        PageQuery(
            "pulse_comments",
            settings=lambda config: {"min_comment_group_size": config.min_comment_group_size},
        ),
        # Quality
        PageQuery(
            "qa_weekly",
            weeks=TREND_WEEKS,
            settings=lambda config: {"pass_score": config.qa_pass_score},
        ),
        PageQuery("qa_categories", weeks=CATEGORY_WEEKS),
        PageQuery(
            "qa_agents",
            weeks=lambda config: config.qa_agent_weeks,
            settings=lambda config: {
                "min_reviews": config.qa_min_reviews_per_agent,
                "pass_score": config.qa_pass_score,
            },
        ),
        # SLA & response
        PageQuery("response_trend", weeks=TREND_WEEKS),
        PageQuery("response_histogram"),
        PageQuery("response_times", kept_ready=False),
        PageQuery("sla_breakdown"),
        PageQuery("sla_matrix"),
        PageQuery("sla_breaches"),
        # Turnover
        PageQuery("early_turnover"),
    )
}


def get(name: str) -> PageQuery:
    try:
        return PAGE_QUERIES[name]
    except KeyError:
        raise KeyError(f"unknown page query {name!r}") from None


def params_key(params: dict[str, Any]) -> str:
    """The bound settings as one stable string (the rollup's lookup key)."""
    return json.dumps(params, sort_keys=True, default=str)
