"""The six canonical tables (SPEC §6): their columns, required columns and keys."""

from __future__ import annotations

import re
from dataclasses import dataclass


def normalise_name(name: str) -> str:
    """Column names match ignoring case, surrounding spaces, inner spaces and underscores."""
    return re.sub(r"[\s_]+", "", name.replace("\ufeff", "")).lower()


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[str, ...]  # canonical columns, in table order
    required: tuple[str, ...]
    key_label: str  # how the replacement key reads in messages

    def column_for(self, header: str) -> str | None:
        wanted = normalise_name(header)
        for column in self.columns:
            if normalise_name(column) == wanted:
                return column
        return None


TICKETS = Kind(
    name="tickets",
    columns=(
        "ticket_id",
        "created_at",
        "first_response_at",
        "first_response_minutes",
        "solved_at",
        "status",
        "priority",
        "channel",
        "team",
        "assignee",
        "requester",
        "agent_replies",
        "reopens",
        "floor",
        "first_response_business_minutes",
        "resolution_business_minutes",
        "first_response_due_at",
        "resolution_due_at",
    ),
    required=("ticket_id", "created_at", "status"),
    key_label="ticket_id",
)

CSAT = Kind(
    name="csat",
    columns=("ticket_id", "rated_at", "score", "scale_min", "scale_max", "comment"),
    required=("ticket_id", "rated_at", "score"),
    key_label="ticket_id + rated_at",
)

PULSE = Kind(
    name="pulse",
    columns=(
        "submitted_at",
        "score",
        "response_id",
        "respondent",
        "team",
        "question",
        "scale_min",
        "scale_max",
        "comment",
    ),
    required=("submitted_at", "score"),
    key_label="response_id",
)

QA_REVIEWS = Kind(
    name="qa_reviews",
    columns=(
        "review_id",
        "reviewed_at",
        "agent",
        "score",
        "reviewer",
        "ticket_id",
        "category",
        "scale_min",
        "scale_max",
        "weight",
        "critical",
        "calibration",
    ),
    required=("review_id", "reviewed_at", "agent", "score"),
    key_label="review_id + category",
)

AGENTS = Kind(
    name="agents",
    columns=("agent_id", "hired_on", "team", "left_on", "leave_type"),
    required=("agent_id", "hired_on"),
    key_label="agent_id",
)

ESCALATIONS = Kind(
    name="escalations",
    columns=("ticket_id", "floor", "escalated_at", "assigned_at", "decided_at"),
    required=("ticket_id", "floor", "escalated_at"),
    key_label="ticket_id + floor",
)

KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (TICKETS, CSAT, PULSE, QA_REVIEWS, AGENTS, ESCALATIONS)
}


def kind_from_file_name(file_name: str) -> Kind | None:
    """The kind a file name starts with (tickets…, csat…, qa_reviews…), if any."""
    stem = re.sub(r"[\s_\-]+", "", file_name).lower()
    # Longest names first so "qa_reviews" is not mistaken for something shorter.
    for kind in sorted(KINDS.values(), key=lambda k: -len(k.name)):
        if stem.startswith(normalise_name(kind.name)):
            return kind
    return None


def kinds_matching_columns(headers: list[str]) -> list[Kind]:
    """Kinds whose required columns are all present among `headers`."""
    present = {normalise_name(h) for h in headers}
    return [
        kind
        for kind in KINDS.values()
        if all(normalise_name(column) in present for column in kind.required)
    ]
