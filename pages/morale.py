"""People ops · Morale: is frontline morale dipping, in which team, and does it follow the
workload? Every pulse figure obeys the anonymity rule: a group too small to show — or one that
could be worked out from the others — reads *suppressed*."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from scorecard import charts_people, metrics, page_queries
from scorecard.app import figures, filters, people, signin, state, views

signin.require("morale")

HEATMAP_WEEKS = page_queries.HEATMAP_WEEKS

view = filters.current()
config = state.config()
by_team = views.page_header(
    "Morale",
    "How is the team feeling, week by week and team by team, how many answer the pulse, and "
    "do dips follow workload spikes? Groups of fewer than "
    f"{config.min_group_size} respondents are never shown.",
    view,
)
frame = views.trend_frame(view, ("morale_pulse", "pulse_participation"), by_team=True)
series = views.company_rows(frame, "morale_pulse")

# ------------------------------------------------------------------------ pulse
views.metric_section("morale_pulse", view, by_team=by_team, frame=frame)
if any(row["value"] is not None for row in series):
    favourable = people.detail_values(series, "favourable_pct")
    unfavourable = people.detail_values(series, "unfavourable_pct")
    neutral = [
        None if f is None or u is None else max(0.0, 100 - f - u)
        for f, u in zip(favourable, unfavourable, strict=True)
    ]
    st.markdown("**Favourable (≥ 75), neutral and unfavourable (≤ 25) answers, % of answers**")
    st.plotly_chart(
        figures.cached(
            charts_people.stacked_bars_figure,
            [row["week"] for row in series],
            [
                ("favourable", favourable, "#2e7d32"),
                ("neutral", neutral, "#bdbdbd"),
                ("unfavourable", unfavourable, "#c62828"),
            ],
            "% of answers",
            height=240,
        ),
        key="pulse-split",
        config={"displayModeBar": False},
    )

# ---------------------------------------------------------------------- heatmap
st.subheader("Morale by team and week")
st.caption(
    f"A cell reads *suppressed* when fewer than {config.min_group_size} people in the team "
    "answered that week, or when showing it would let a suppressed team be worked out from "
    "the company figure."
)
morale_cells = people.cells_by_team(frame, "morale_pulse")
teams = sorted({team for team, _ in morale_cells})
heat_weeks = views.weeks_between(view.week - timedelta(weeks=HEATMAP_WEEKS - 1), view.week)
if teams:
    st.plotly_chart(
        figures.cached(
            charts_people.heatmap_figure,
            metrics.get_metric("morale_pulse"),
            teams,
            heat_weeks,
            morale_cells,
            config.min_group_size,
        ),
        key="morale-heatmap",
        config={"displayModeBar": False},
    )
else:
    st.caption("No team has pulse answers or agents in these weeks.")

# ---------------------------------------------------------------- participation
views.metric_section("pulse_participation", view, by_team=by_team, frame=frame)
team_rows = people.week_teams(frame, ("morale_pulse", "pulse_participation"), view.week)
if team_rows:
    flag = config.participation_flag
    table = pd.DataFrame(
        [
            {
                "Team": row["team"],
                "Morale": people.shown("morale_pulse", row.get("morale_pulse")),
                "Participation": people.shown(
                    "pulse_participation", row.get("pulse_participation")
                ),
                "Agents": (row.get("pulse_participation") or {}).get("n"),
                "Flag": (
                    f"under {flag:g} %"
                    if (row.get("pulse_participation") or {}).get("value") is not None
                    and row["pulse_participation"]["value"] < flag
                    else ""
                ),
            }
            for row in team_rows
        ]
    )
    st.markdown(f"**Teams in {view.label}** (participation under {flag:g} % is flagged)")
    st.dataframe(table, hide_index=True, width="stretch", key="morale-teams")

# -------------------------------------------------------------------- questions
questions = views.page_table(view, "pulse_questions")
if not questions.empty and questions["question"].nunique() > 1:
    st.subheader("Results by question")
    st.caption(
        "A week's results by question are shown only when each team's answers to each "
        f"question number none or at least {config.min_group_size} and no team is suppressed "
        "that week (else a few people could be isolated by setting them against team scores)."
    )
    questions["week"] = pd.to_datetime(questions["week"]).dt.date
    this_week = questions[questions["week"] == view.week]
    if not this_week.empty:
        st.dataframe(
            pd.DataFrame(
                {
                    "Question": this_week["question"],
                    "Score": [
                        "suppressed" if hidden else f"{score:.1f}"
                        for hidden, score in zip(
                            this_week["hidden"], this_week["score"], strict=True
                        )
                    ],
                    "Favourable": [
                        "suppressed" if hidden else f"{share:.0f} %"
                        for hidden, share in zip(
                            this_week["hidden"], this_week["favourable_pct"], strict=True
                        )
                    ],
                    "Respondents": [
                        "suppressed" if hidden else f"{int(n)}"
                        for hidden, n in zip(
                            this_week["hidden"], this_week["respondents"], strict=True
                        )
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            key="pulse-questions",
        )
    weeks = sorted(questions["week"].unique())
    st.plotly_chart(
        figures.cached(
            charts_people.lines_figure,
            weeks,
            [
                (
                    question,
                    [
                        views.value_or_none(part.set_index("week")["score"].get(week))
                        for week in weeks
                    ],
                )
                for question, part in questions.groupby("question")
            ],
            "score (0–100)",
        ),
        key="pulse-questions-trend",
        config={"displayModeBar": False},
    )

# --------------------------------------------------------------------- workload
st.subheader("Morale beside workload")
st.markdown(
    "Each team's morale (top, blue) above its workload (bottom): tickets solved per agent "
    "(grey bars) and backlog per agent at the week's end (orange dots). A week's workload "
    f"**rises** (▲) when tickets solved per agent reach {1 + config.workload_rise_share:.0%} "
    f"of its average over the {config.workload_baseline_weeks} weeks before. A week is "
    f"**flagged** (shaded, red dot) when, within {config.workload_within_weeks} weeks after a "
    f"rise, the team's morale is at least {config.workload_dip_points:g} points below its "
    f"average over the {config.workload_baseline_weeks} weeks before the rise. Suppressed "
    "weeks have no morale and are never flagged."
)
workload = views.page_table(view, "team_workload")
if workload.empty:
    st.caption("No team has agents in the roster for these weeks.")
else:
    workload["week"] = pd.to_datetime(workload["week"]).dt.date
    workload["rise_week"] = pd.to_datetime(workload["rise_week"]).dt.date
    records = workload.astype(object).where(workload.notna(), None).to_dict("records")
    by_team_rows: dict[str, list] = {}
    for record in records:
        by_team_rows.setdefault(record["team"], []).append(record)
    columns = st.columns(2)
    for index, (team, rows) in enumerate(sorted(by_team_rows.items())):
        with columns[index % 2]:
            st.plotly_chart(
                figures.cached(
                    charts_people.workload_figure, team, rows, config.workload_dip_points
                ),
                key=f"workload-{team}",
                config={"displayModeBar": False},
            )
    flagged = workload[workload["morale_dip"]]
    if flagged.empty:
        st.caption("No week is flagged: no team's morale fell that far after a workload rise.")
    else:
        st.markdown("**Flagged weeks**")
        st.dataframe(
            pd.DataFrame(
                {
                    "Team": flagged["team"],
                    "Week": flagged["week"],
                    "Morale": flagged["morale"],
                    "Before the rise": flagged["morale_before_rise"],
                    "Workload rose in the week of": flagged["rise_week"],
                    "Solved per agent": flagged["solved_per_agent"],
                    "Backlog per agent": flagged["backlog_per_agent"],
                }
            ),
            hide_index=True,
            width="stretch",
            key="workload-flags",
            column_config={
                name: st.column_config.NumberColumn(format="%.1f")
                for name in ("Morale", "Before the rise", "Solved per agent", "Backlog per agent")
            },
        )

# --------------------------------------------------------------------- comments
st.subheader(f"Comments in {view.label}")
comments = views.page_table(view, "pulse_comments")
if comments.empty:
    st.caption(
        f"Comments are shown where at least {config.min_comment_group_size} people in the "
        "selection answered the question this week (with a team filter, only when every team's "
        "answers number none or at least that many), in an order that says nothing about who "
        "wrote them or when."
    )
else:
    for question, part in comments.groupby("question", sort=True):
        with st.expander(f"{views.plain(question)} ({len(part)})", expanded=False):
            for text in part["comment"]:
                st.markdown(f"- {views.plain(text)}")
