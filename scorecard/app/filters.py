"""The shared sidebar filters, kept in the URL so a copied link reopens the same view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from ..weeks import week_bounds, week_label
from . import entry, state

TREND_WEEKS = 12


@dataclass(frozen=True)
class View:
    """What the user is looking at: a week and the filters."""

    week: date
    teams: tuple[str, ...]
    channels: tuple[str, ...]
    priorities: tuple[str, ...]

    @property
    def label(self) -> str:
        return week_label(self.week)

    @property
    def previous_week(self) -> date:
        return self.week - timedelta(weeks=1)

    def trend_start(self, weeks: int = TREND_WEEKS) -> date:
        return self.week - timedelta(weeks=weeks - 1)

    @property
    def filter_args(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        return self.teams, self.channels, self.priorities

    @property
    def note_team(self) -> str | None:
        """The team a note written in this view belongs to: the one selected team, if any."""
        return self.teams[0] if len(self.teams) == 1 else None

    def describe(self) -> str:
        parts = [f"Teams: {', '.join(self.teams)}" if self.teams else "All teams"]
        if self.channels:
            parts.append(f"channels: {', '.join(self.channels)}")
        if self.priorities:
            parts.append(f"priorities: {', '.join(self.priorities)}")
        return " · ".join(parts)

    def dates(self, timezone: str) -> str:
        start, end = week_bounds(self.week, timezone)
        last = end - timedelta(days=1)
        return f"{start:%d %b} – {last:%d %b %Y}"


def sidebar(data_version: str) -> View:
    """Draw the filters (week, team, channel, priority) and return the chosen view."""
    found = state.options(data_version)
    weeks = found["weeks"]
    with st.sidebar:
        st.markdown("**Filters**")
        week = st.selectbox(
            "Week",
            weeks,
            index=weeks.index(found["default_week"]),
            format_func=week_label,
            key="week",
            bind="query-params",
            help="Reporting weeks run Monday to Monday.",
        )
        teams = st.multiselect(
            "Team",
            found["teams"],
            key="team",
            bind="query-params",
            placeholder="All teams",
        )
        channels = st.multiselect(
            "Channel",
            found["channels"],
            key="channel",
            bind="query-params",
            placeholder="All channels",
            help="Applies to ticket figures, and to ratings and escalations through their ticket.",
        )
        priorities = st.multiselect(
            "Priority",
            found["priorities"],
            key="priority",
            bind="query-params",
            placeholder="All priorities",
            help="Applies to ticket figures, and to ratings and escalations through their ticket.",
        )
    return View(
        week=week or weeks[0],
        teams=tuple(teams),
        channels=tuple(channels),
        priorities=tuple(priorities),
    )


def current() -> View:
    """The view drawn by the sidebar on this run (set by dashboard.py)."""
    if "_view" not in st.session_state:
        entry.run_under_entry_point()
    return st.session_state["_view"]
