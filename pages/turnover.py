"""People ops · Turnover: how many agents leave against the year's average headcount, why
(voluntary or not), how soon after joining, and in which team. Leavers are people: a team
smaller than the anonymity threshold reads *suppressed*, as on the Morale page."""

import pandas as pd
import streamlit as st

from scorecard import charts_people
from scorecard.app import figures, filters, people, signin, state, views

signin.require("turnover")

view = filters.current()
config = state.config()
by_team = views.page_header(
    "Turnover",
    "How many agents are leaving, against the average headcount of the last year, "
    "voluntarily or not, how soon after they joined, and in which team? Teams of fewer than "
    f"{config.min_group_size} people in the year are not shown on their own.",
    view,
)
frame = views.trend_frame(view, ("agent_turnover",), by_team=True)
views.metric_section("agent_turnover", view, by_team=by_team, frame=frame)
series = views.company_rows(frame, "agent_turnover")
weeks = [row["week"] for row in series]
current = next((row for row in series if row["week"] == view.week), None)

# ---------------------------------------------------- voluntary and involuntary
st.subheader("Leavers in the year to each week, voluntary or not")
if current is None or current["status"] == "suppressed":
    st.caption("Suppressed: this selection has too few people to show who left.")
elif not any(row["value"] is not None for row in series):
    st.caption("No roster is loaded for these weeks.")
else:
    separations = people.detail_values(series, "separations")
    voluntary = people.detail_values(series, "voluntary")
    involuntary = people.detail_values(series, "involuntary")
    other = [
        None if s is None or v is None or i is None else s - v - i
        for s, v, i in zip(separations, voluntary, involuntary, strict=True)
    ]
    mean_headcount = (current.get("detail") or {}).get("mean_headcount")
    detail = current.get("detail") or {}
    cols = st.columns(3)
    for column, (label, key) in zip(
        cols,
        (
            ("Voluntary", "voluntary"),
            ("Involuntary", "involuntary"),
            ("All leavers", "separations"),
        ),
        strict=True,
    ):
        count = detail.get(key) or 0
        rate = 100 * count / mean_headcount if mean_headcount else None
        column.metric(
            f"{label}, year to {view.label}",
            "—" if rate is None else f"{rate:.1f} %",
            help=f"{count} leavers ÷ mean headcount {mean_headcount or 0:.1f} × 100",
        )
    st.plotly_chart(
        figures.cached(
            charts_people.stacked_bars_figure,
            weeks,
            [
                ("voluntary", voluntary, "#ef6c00"),
                ("involuntary", involuntary, "#6a1b9a"),
                ("other or not given", other, "#9e9e9e"),
            ],
            "leavers in the year",
        ),
        key="turnover-split",
        config={"displayModeBar": False},
    )

# --------------------------------------------------------------------- headcount
st.subheader("Headcount")
headcount_on_day = [row["n"] for row in series]
mean_headcounts = people.detail_values(series, "mean_headcount")
if any(value is not None for value in headcount_on_day):
    st.plotly_chart(
        figures.cached(
            charts_people.lines_figure,
            weeks,
            [
                ("agents employed on the week's last day", headcount_on_day),
                ("mean headcount over the year before (52 weekly samples)", mean_headcounts),
            ],
            "agents",
            y_range=(0, max(v for v in headcount_on_day + mean_headcounts if v is not None) * 1.15),
        ),
        key="headcount",
        config={"displayModeBar": False},
    )
else:
    st.caption("Suppressed, or no roster loaded for these weeks.")

# ------------------------------------------------------------------ early leavers
st.subheader(f"How soon they left: the year to {view.label}")
early = views.page_table(view, "early_turnover")
row = early.iloc[0].to_dict() if not early.empty else None
if row is None or row["hidden"]:
    st.caption("Suppressed: this selection has too few people to show who left.")
elif not row["leavers"]:
    st.caption("Nobody left in the year to this week.")
else:
    leavers = int(row["leavers"])
    cols = st.columns(3)
    cols[0].metric("Leavers", f"{leavers}")
    cols[1].metric(
        "Within 90 days of hire",
        f"{int(row['within_90_days'])}",
        help=f"{100 * row['within_90_days'] / leavers:.0f} % of leavers",
    )
    cols[2].metric(
        "Within a year of hire",
        f"{int(row['within_a_year'])}",
        help=f"{100 * row['within_a_year'] / leavers:.0f} % of leavers",
    )
    st.caption(
        f"Of those who left: {int(row['voluntary'])} voluntary, {int(row['involuntary'])} "
        f"involuntary, {int(row['other'])} other or not given."
    )

# ------------------------------------------------------------------------ by team
st.subheader(f"By team, {view.label}")
team_rows = people.week_teams(frame, ("agent_turnover",), view.week)
if team_rows:
    records = []
    for entry in team_rows:
        cell = entry["agent_turnover"]
        detail = cell.get("detail") or {}
        hidden = cell["status"] == "suppressed"
        records.append(
            {
                "Team": entry["team"],
                "Turnover": people.shown("agent_turnover", cell),
                "Against target": "" if hidden else views.status_label(cell["status"]),
                "Agents on the last day": None if hidden else cell["n"],
                "Leavers in the year": None if hidden else detail.get("separations"),
                "Voluntary": None if hidden else detail.get("voluntary"),
                "Involuntary": None if hidden else detail.get("involuntary"),
            }
        )
    counts = ["Agents on the last day", "Leavers in the year", "Voluntary", "Involuntary"]
    table = pd.DataFrame(records).astype({column: "Int64" for column in counts})
    st.dataframe(table, hide_index=True, width="stretch", key="turnover-teams")
    if any(entry["agent_turnover"]["status"] == "suppressed" for entry in team_rows):
        st.caption(
            f"*suppressed*: fewer than {config.min_group_size} people in the team's year, or the "
            "figure would let such a team be worked out from the company's."
        )
