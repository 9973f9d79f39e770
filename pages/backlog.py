"""Support ops · Backlog."""

from scorecard.app import filters, views

views.metric_page(
    "Backlog",
    "How many tickets have been waiting more than a week at each week's end?",
    ("backlog",),
    filters.current(),
)
