"""Support ops · Quality."""

from scorecard.app import filters, views

views.metric_page(
    "Quality",
    "What do QA reviews and customers say about the service?",
    ("qa_score", "csat"),
    filters.current(),
)
