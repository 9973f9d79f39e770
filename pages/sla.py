"""Support ops · SLA & response."""

from scorecard.app import filters, views

views.metric_page(
    "SLA & response",
    "Are we meeting our SLAs? How fast do customers hear back and get a solution?",
    ("sla_adherence", "frt", "resolution_time", "resolved_24h", "fcr"),
    filters.current(),
)
