"""Support ops · Escalations."""

from scorecard.app import filters, views

views.metric_page(
    "Escalations",
    "How much is solved on Floor 1, and how quickly do Floors 2 and 3 take over and decide?",
    ("floor1_resolution", "time_to_specialist", "floor3_decision_time"),
    filters.current(),
)
