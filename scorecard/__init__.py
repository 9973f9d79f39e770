"""Support Scorecard: a weekly morale-and-service scorecard over helpdesk exports."""

__version__ = "0.1.0"
