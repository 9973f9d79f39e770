"""People ops · Morale."""

from scorecard.app import filters, views

views.metric_page(
    "Morale",
    "Is frontline morale dipping, and in which team? Pulse groups too small to stay "
    "anonymous are suppressed.",
    ("morale_pulse", "pulse_participation"),
    filters.current(),
)
