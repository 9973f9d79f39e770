"""The eight headline metrics of one week in plain pandas: what a typical Streamlit dashboard
does (DataFrames held in memory, filtered and aggregated per request). The benchmark's
baseline; it follows SPEC §4 for the canonical tables the generator writes (calendar clock,
reporting zone UTC, no due times) and its figures are checked against the engine's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd

SOLVED = ("solved", "closed")
# The shipped SLA policy (data/sla_policy.csv): minutes to first response and to resolution.
POLICY = {"urgent": (15, 240), "high": (60, 480), "normal": (240, 1440), "low": (480, 4320)}


def read_tables(folder, kinds=("tickets", "csat", "pulse", "qa_reviews", "agents")) -> dict:
    return {kind: pd.read_parquet(folder / f"{kind}.parquet") for kind in kinds}


def headline(frames: dict[str, pd.DataFrame], monday: date) -> dict[str, tuple[float, int]]:
    """metric id → (value, n) for the week starting `monday` (UTC)."""
    start = pd.Timestamp(datetime.combine(monday, datetime.min.time()), tz="UTC")
    end = start + pd.Timedelta(days=7)
    tickets = frames["tickets"]
    return {
        "morale_pulse": _morale(frames["pulse"], start, end),
        "csat": _csat(frames["csat"], start, end),
        "frt": _frt(tickets, start, end),
        "resolution_time": _resolution(tickets, start, end),
        "backlog": _backlog(tickets, end),
        "qa_score": _qa(frames["qa_reviews"], start, end),
        "agent_turnover": _turnover(frames["agents"], (end - pd.Timedelta(days=1)).date()),
        "sla_adherence": _sla(tickets, start, end),
    }


def _in(series: pd.Series, start, end) -> pd.Series:
    return (series >= start) & (series < end)


def _morale(pulse, start, end):
    week = pulse[_in(pulse["submitted_at"], start, end)]
    low, high = week.get("scale_min", 1), week.get("scale_max", 5)
    rescaled = (week["score"] - low) / (high - low) * 100
    return float(rescaled.mean()), len(week)


def _csat(csat, start, end):
    week = csat[_in(csat["rated_at"], start, end)]
    rescaled = (week["score"] - week["scale_min"]) / (week["scale_max"] - week["scale_min"])
    return float((rescaled >= 0.75).mean() * 100), len(week)


def _frt(tickets, start, end):
    week = tickets[_in(tickets["first_response_at"], start, end)]
    minutes = (week["first_response_at"] - week["created_at"]).dt.total_seconds() / 60
    return float(minutes.median()), len(week)


def _resolution(tickets, start, end):
    solved = tickets["status"].isin(SOLVED)
    week = tickets[solved & _in(tickets["solved_at"], start, end)]
    hours = (week["solved_at"] - week["created_at"]).dt.total_seconds() / 3600
    return float(hours.median()), len(week)


def _backlog(tickets, end):
    solved_by_end = tickets["status"].isin(SOLVED) & (tickets["solved_at"] < end)
    old = tickets["created_at"] < end - pd.Timedelta(days=7)
    count = int((old & ~solved_by_end).sum())
    return float(count), count


def _qa(reviews, start, end):
    week = reviews[_in(reviews["reviewed_at"], start, end)]
    if "calibration" in week:
        calibration = week.groupby("review_id")["calibration"].transform("max")
        week = week[~calibration.astype(bool)]
    week = week[week["score"].notna()].copy()
    low, high = week.get("scale_min", 0), week.get("scale_max", 100)
    week["rescaled"] = (week["score"] - low) / (high - low) * 100
    week["weighted"] = week["rescaled"] * week["weight"]
    week["critical_fail"] = week["critical"] & (week["rescaled"] < 50)
    per_review = week.groupby("review_id").agg(
        weighted=("weighted", "sum"), weight=("weight", "sum"), fail=("critical_fail", "any")
    )
    score = (per_review["weighted"] / per_review["weight"]).where(~per_review["fail"], 0.0)
    return float(score.mean()), len(per_review)


def _turnover(agents, last_day: date):
    hired = pd.to_datetime(agents["hired_on"]).dt.date
    left = pd.to_datetime(agents["left_on"]).dt.date
    window_start = last_day - timedelta(days=363)
    separations = int(((left >= window_start) & (left <= last_day)).sum())
    days = [last_day - timedelta(days=7 * k) for k in range(52)]
    headcounts = [int(((hired <= x) & (left.isna() | (left > x))).sum()) for x in days]
    mean = sum(headcounts) / len(headcounts)
    now = headcounts[0]
    return float(separations / mean * 100), now


def _sla(tickets, start, end):
    minutes = tickets["priority"].map({p: m for p, m in POLICY.items()})
    first_minutes = pd.to_timedelta(minutes.str[0], unit="min")
    resolve_minutes = pd.to_timedelta(minutes.str[1], unit="min")
    solved = tickets["status"].isin(SOLVED)
    solve = tickets["solved_at"].where(solved)
    # A ticket solved without an agent response has its first response at the solve.
    first = tickets["first_response_at"].fillna(solve)
    met = decided = 0
    for fulfilled, deadline in (
        (first, tickets["created_at"] + first_minutes),
        (solve, tickets["created_at"] + resolve_minutes),
    ):
        decided_at = fulfilled.where(fulfilled.notna() & (fulfilled < deadline), deadline)
        in_week = _in(decided_at, start, end)
        decided += int(in_week.sum())
        met += int((in_week & fulfilled.notna() & (fulfilled <= deadline)).sum())
    return (met / decided * 100 if decided else float("nan")), decided
