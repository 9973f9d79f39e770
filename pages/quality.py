"""Support ops · Quality: what QA reviews say — score, pass rate, categories, critical fails,
agents — and how that sits beside what customers say (CSAT), team by team."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from scorecard import charts_people, page_queries
from scorecard.app import figures, filters, people, signin, state, views
from scorecard.weeks import week_label

signin.require("quality")

CATEGORY_WEEKS = page_queries.CATEGORY_WEEKS

view = filters.current()
config = state.config()
by_team = views.page_header(
    "Quality",
    "What do QA reviews say — score, pass rate, the categories behind it, critical fails and "
    "each agent with enough reviews — and how does it sit beside what customers say?",
    view,
)
frame = views.trend_frame(view, ("qa_score", "csat"), by_team=True)
views.metric_section("qa_score", view, by_team=by_team, frame=frame)

# --------------------------------------------------------- pass and critical fails
st.subheader("Pass rate and critical fails")
st.caption(
    f"Calibration reviews excluded. A review passes at {config.qa_pass_score:g} or above; it "
    "fails critically when a critical category scores below 50 (the review then scores 0)."
)
weekly = views.page_table(view, "qa_weekly")
if weekly.empty:
    st.caption("No QA review in these weeks.")
else:
    weekly["week"] = pd.to_datetime(weekly["week"]).dt.date
    now = weekly[weekly["week"] == view.week]
    cols = st.columns(3)
    if not now.empty:
        cols[0].metric(f"Pass rate, {view.label}", f"{now['pass_rate'].iloc[0]:.1f} %")
        cols[1].metric(
            f"Critical fails, {view.label}", f"{now['critical_fail_rate'].iloc[0]:.1f} %"
        )
        cols[2].metric("Reviews", f"{int(now['reviews'].iloc[0]):,}")
    st.plotly_chart(
        figures.cached(
            charts_people.lines_figure,
            list(weekly["week"]),
            [
                (f"pass rate (≥ {config.qa_pass_score:g})", people.nullable(weekly, "pass_rate")),
                ("critical-fail rate", people.nullable(weekly, "critical_fail_rate")),
            ],
            "% of reviews",
            y_range=(0, 100),
            percent=True,
        ),
        key="qa-rates",
        config={"displayModeBar": False},
    )

# ------------------------------------------------------------------- categories
st.subheader("Categories")
st.caption(
    "Category scores as QA tools show them: each rescaled to 0–100, N/A left out, without the "
    "zeroing a critical fail gives the review score."
)
categories = views.page_table(view, "qa_categories")
if categories.empty:
    st.caption("No category scores in these weeks (reviews given as one overall score only).")
else:
    categories["week"] = pd.to_datetime(categories["week"]).dt.date
    now = categories[categories["week"] == view.week]
    if not now.empty:
        st.dataframe(
            pd.DataFrame(
                {
                    "Category": now["category"],
                    "Score": now["score"],
                    "Scored in reviews": now["reviews"],
                    "Critical": now["critical"].map({True: "yes", False: ""}),
                    "Critical fails": [
                        f"{rate:.1f} %" if critical else ""
                        for critical, rate in zip(
                            now["critical"], now["critical_fail_rate"], strict=True
                        )
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            key="qa-categories",
            column_config={
                "Score": st.column_config.NumberColumn(format="%.1f"),
                "Critical fails": st.column_config.TextColumn(
                    help="Share of a critical category's scores below 50"
                ),
            },
        )
    weeks = views.weeks_between(view.week - timedelta(weeks=CATEGORY_WEEKS - 1), view.week)
    st.plotly_chart(
        figures.cached(
            charts_people.lines_figure,
            weeks,
            [
                (
                    category,
                    [views.value_or_none(part.set_index("week")["score"].get(w)) for w in weeks],
                )
                for category, part in categories.groupby("category")
            ],
            "category score (0–100)",
        ),
        key="qa-categories-trend",
        config={"displayModeBar": False},
    )

# ----------------------------------------------------------------------- agents
first = view.week - timedelta(weeks=config.qa_agent_weeks - 1)
st.subheader(f"Agents, {week_label(first)} to {view.label}")
agents = views.page_table(view, "qa_agents")
if agents.empty:
    st.caption(
        f"No agent has {config.qa_min_reviews_per_agent} or more reviews in these "
        f"{config.qa_agent_weeks} weeks."
    )
else:
    hidden = int(agents["hidden_agents"].iloc[0])
    st.dataframe(
        agents.drop(columns="hidden_agents"),
        hide_index=True,
        width="stretch",
        key="qa-agents",
        column_config={
            "agent": st.column_config.TextColumn("Agent"),
            "team": st.column_config.TextColumn("Team"),
            "reviews": st.column_config.NumberColumn("Reviews"),
            "score": st.column_config.NumberColumn("QA score", format="%.1f"),
            "pass_rate": st.column_config.NumberColumn("Pass rate", format="%.0f %%"),
            "critical_fails": st.column_config.NumberColumn("Critical fails"),
        },
    )
    if hidden:
        st.caption(
            f"{hidden} agent{'s' if hidden != 1 else ''} with fewer than "
            f"{config.qa_min_reviews_per_agent} reviews in these weeks "
            f"{'are' if hidden != 1 else 'is'} not listed: a score on so few says little."
        )

# --------------------------------------------------------------- QA beside CSAT
st.subheader(f"QA beside CSAT, by team, {view.label}")
st.caption(
    "QA reviews count for the reviewed agent's team; ratings for the ticket's team. A team "
    "can score well with reviewers and poorly with customers, or the other way round."
)
team_rows = people.week_teams(frame, ("qa_score", "csat"), view.week)
if team_rows:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Team": entry["team"],
                    "QA score": people.shown("qa_score", entry.get("qa_score")),
                    "Reviews": (entry.get("qa_score") or {}).get("n") or 0,
                    "CSAT": people.shown("csat", entry.get("csat")),
                    "Ratings": (entry.get("csat") or {}).get("n") or 0,
                }
                for entry in team_rows
            ]
        ),
        hide_index=True,
        width="stretch",
        key="qa-csat-teams",
    )
st.divider()
views.metric_section("csat", view, by_team=by_team, frame=frame)
