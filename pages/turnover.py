"""People ops · Turnover."""

from scorecard.app import filters, views

views.metric_page(
    "Turnover",
    "How many agents are leaving, against the average headcount of the last year?",
    ("agent_turnover",),
    filters.current(),
)
