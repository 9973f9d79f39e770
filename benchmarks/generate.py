"""Demo-shaped data at any size, fast (vectorised with numpy), for the benchmarks.

    python -m benchmarks.generate OUT_DIR --tickets 1000000 [--weeks 52] [--seed 1]
                                  [--format csv|parquet|both]

Writes the six canonical tables with proportions like the demo organisation's: about 60
tickets per agent-week in 8 teams, ratings on 30 % of solved tickets, Floor 2/3 escalations on
12 % / 3 %, a weekly pulse with three questions answered by 75 % of agents, two QA reviews per
agent-week with four categories, and a roster with a year of history. The last week is the week
before `--end` (default: the last completed week).
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

TEAMS = np.array(
    ["Billing", "Technical", "Onboarding", "Payments", "Accounts", "Fraud", "Mobile", "Enterprise"]
)
PRIORITIES = np.array(["urgent", "high", "normal", "low"])
CHANNELS = np.array(["email", "chat", "phone", "web"])
HOUR_WEIGHT = np.array(
    [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 11, 12, 13, 13, 12, 10, 8, 6, 4, 3, 2, 1], float
)
WEEKDAY_WEIGHT = np.array([1.25, 1.1, 1.05, 1.0, 0.9, 0.35, 0.3])
TICKETS_PER_AGENT_WEEK = 60


def _timestamps(micros: np.ndarray) -> pa.Array:
    return pa.array(micros, type=pa.timestamp("us", tz="UTC"))


def generate(
    out: Path, tickets: int, weeks: int, seed: int, end: date, formats: tuple[str, ...]
) -> dict[str, int]:
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    last_monday = end - timedelta(days=end.weekday())
    export = datetime.combine(last_monday + timedelta(days=7), datetime.min.time(), UTC)
    first = export - timedelta(weeks=weeks)
    export_us = int(export.timestamp() * 1e6)
    first_us = int(first.timestamp() * 1e6)

    agents_count = max(8, round(tickets / (weeks * TICKETS_PER_AGENT_WEEK)))
    teams = TEAMS[: min(len(TEAMS), max(4, agents_count // 10))]

    # Tickets: a day weighted by weekday, an hour by the daily curve, a minute at random.
    days = weeks * 7
    day_weights = np.tile(WEEKDAY_WEIGHT, weeks)[:days]
    day = rng.choice(days, size=tickets, p=day_weights / day_weights.sum())
    hour = rng.choice(24, size=tickets, p=HOUR_WEIGHT / HOUR_WEIGHT.sum())
    created = first_us + (day * 86400 + hour * 3600 + rng.integers(0, 3600, tickets)) * 1_000_000
    priority = rng.choice(4, size=tickets, p=[0.05, 0.2, 0.55, 0.2])
    team = rng.integers(0, len(teams), tickets)
    answered = rng.random(tickets) > 0.015
    frt_minutes = rng.lognormal(np.log([3, 6, 12, 16])[priority], 1.0)
    first_response = np.where(answered, created + (frt_minutes * 60e6).astype(np.int64), 0)
    resolution_hours = rng.lognormal(np.log([2.5, 6, 30, 60])[priority], 0.8)
    stuck = rng.random(tickets) < 0.03
    resolution_hours = np.where(
        stuck, resolution_hours + rng.exponential(24 * 20, tickets), resolution_hours
    )
    solved = created + (resolution_hours * 3600e6).astype(np.int64)
    is_solved = solved < export_us
    reopened = is_solved & (rng.random(tickets) < 0.01)
    first_response_ok = answered & (first_response < export_us)
    status = np.where(
        is_solved & ~reopened,
        np.where(export_us - solved > 4 * 86400e6, "closed", "solved"),
        np.where(
            first_response_ok,
            rng.choice(["open", "pending", "hold"], tickets, p=[0.6, 0.3, 0.1]),
            "new",
        ),
    )
    replies = rng.choice([1, 2, 3, 4, 5], tickets, p=[0.66, 0.17, 0.09, 0.05, 0.03])
    ids = np.char.add("T", np.char.zfill(np.arange(1, tickets + 1).astype(str), 8))
    ticket_table = pa.table(
        {
            "ticket_id": ids,
            "created_at": _timestamps(created),
            "first_response_at": _masked(first_response, first_response_ok),
            # A reopened ticket keeps its earlier solve, but is open again.
            "solved_at": _masked(solved, is_solved),
            "status": status,
            "priority": PRIORITIES[priority],
            "channel": CHANNELS[rng.choice(4, tickets, p=[0.45, 0.3, 0.15, 0.1])],
            "team": teams[team],
            "assignee": np.char.add(
                "A", np.char.zfill(rng.integers(1, agents_count + 1, tickets).astype(str), 5)
            ),
            "agent_replies": np.where(first_response_ok, replies, 0),
            "reopens": (rng.random(tickets) < 0.07).astype(int) + reopened,
        }
    )

    # Ratings on 30 % of solved tickets, an hour or so after the solve.
    rated = is_solved & ~reopened & (rng.random(tickets) < 0.30)
    rated_at = solved + (rng.exponential(10, tickets) * 3600e6).astype(np.int64)
    rated &= rated_at < export_us
    satisfied = rng.random(tickets) < 0.88
    score = np.where(
        satisfied, rng.choice([4, 5], tickets, p=[0.35, 0.65]), rng.choice([1, 2, 3], tickets)
    )
    csat_table = pa.table(
        {
            "ticket_id": ids[rated],
            "rated_at": _timestamps(rated_at[rated]),
            "score": score[rated],
            "scale_min": np.ones(rated.sum(), int),
            "scale_max": np.full(rated.sum(), 5),
        }
    )

    # Escalations: Floor 2 for 12 % of answered tickets, Floor 3 for a quarter of those.
    escalated = first_response_ok & (rng.random(tickets) < 0.12)
    esc2 = first_response + (rng.lognormal(np.log(25), 0.6, tickets) * 60e6).astype(np.int64)
    assigned = esc2 + (rng.lognormal(np.log(7.5), 0.55, tickets) * 60e6).astype(np.int64)
    escalated &= esc2 < export_us
    to3 = escalated & (rng.random(tickets) < 0.25)
    esc3 = assigned + (rng.lognormal(np.log(40), 0.5, tickets) * 60e6).astype(np.int64)
    decided = esc3 + (rng.lognormal(np.log(48), 0.5, tickets) * 60e6).astype(np.int64)
    to3 &= esc3 < export_us
    escalation_table = pa.concat_tables(
        [
            pa.table(
                {
                    "ticket_id": ids[escalated],
                    "floor": np.full(escalated.sum(), 2),
                    "escalated_at": _timestamps(esc2[escalated]),
                    "assigned_at": _masked(assigned[escalated], assigned[escalated] < export_us),
                    "decided_at": _masked(assigned[escalated], np.zeros(escalated.sum(), bool)),
                }
            ),
            pa.table(
                {
                    "ticket_id": ids[to3],
                    "floor": np.full(to3.sum(), 3),
                    "escalated_at": _timestamps(esc3[to3]),
                    "assigned_at": _masked(esc3[to3], np.zeros(to3.sum(), bool)),
                    "decided_at": _masked(decided[to3], decided[to3] < export_us),
                }
            ),
        ]
    )

    # Roster: the current agents hired over six years, plus leavers of the last year.
    today = export.date()
    leavers = max(1, round(agents_count * 0.11))
    total = agents_count + leavers
    left = [None] * agents_count + [
        today - timedelta(days=int(d)) for d in rng.integers(1, 360, leavers)
    ]
    hired = [
        (gone or today) - timedelta(days=int(d))
        for gone, d in zip(left, rng.integers(30, 2200, total), strict=True)
    ]
    agent_ids = np.char.add("A", np.char.zfill(np.arange(1, total + 1).astype(str), 5))
    agent_teams = teams[rng.integers(0, len(teams), total)]
    agents_table = pa.table(
        {
            "agent_id": agent_ids,
            "hired_on": pa.array(hired, pa.date32()),
            "team": agent_teams,
            "left_on": pa.array(left, pa.date32()),
            "leave_type": pa.array(
                [None] * agents_count
                + list(rng.choice(["voluntary", "involuntary"], leavers, p=[0.8, 0.2]))
            ),
        }
    )

    # Pulse: each week, 75 % of the current agents answer three questions.
    week_index = np.repeat(np.arange(weeks), agents_count)
    agent_index = np.tile(np.arange(agents_count), weeks)
    answering = rng.random(len(week_index)) < 0.75
    week_index, agent_index = week_index[answering], agent_index[answering]
    answers = np.repeat(np.arange(len(week_index)), 3)
    submitted = (
        first_us
        + ((week_index[answers] * 7 + rng.integers(1, 4, len(answers))) * 86400 + 36000) * 1_000_000
    )
    pulse_table = pa.table(
        {
            "response_id": np.char.add("P", np.arange(len(answers)).astype(str)),
            "submitted_at": _timestamps(submitted),
            "respondent": np.char.add("r", agent_index[answers].astype(str)),
            "team": agent_teams[agent_index[answers]],
            "question": np.tile(np.array(["energy", "workload", "recommend"]), len(week_index)),
            "score": np.clip(np.round(rng.normal(4.1, 0.8, len(answers))), 1, 5).astype(int),
        }
    )

    # QA: two reviews per agent-week, four categories each (Accuracy critical).
    reviews = weeks * agents_count * 2
    review_week = np.repeat(np.arange(weeks), agents_count * 2)
    review_agent = np.tile(np.repeat(np.arange(agents_count), 2), weeks)
    rows = np.repeat(np.arange(reviews), 4)
    categories = np.tile(np.array(["Accuracy", "Tone", "Process", "Resolution"]), reviews)
    reviewed_at = first_us + ((review_week[rows] * 7 + 2) * 86400 + 43200) * 1_000_000
    qa_table = pa.table(
        {
            "review_id": np.char.add("R", rows.astype(str)),
            "reviewed_at": _timestamps(reviewed_at),
            "agent": agent_ids[review_agent[rows]],
            "category": categories,
            "score": np.clip(np.round(rng.normal(91, 7, len(rows))), 0, 100).astype(int),
            "weight": np.tile(np.array([2.0, 1.0, 1.0, 1.5]), reviews),
            "critical": np.tile(np.array([True, False, False, False]), reviews),
        }
    )

    tables = {
        "tickets": ticket_table,
        "csat": csat_table,
        "escalations": escalation_table,
        "agents": agents_table,
        "pulse": pulse_table,
        "qa_reviews": qa_table,
    }
    for name, table in tables.items():
        if "csv" in formats:
            pacsv.write_csv(table, out / f"{name}.csv")
        if "parquet" in formats:
            pq.write_table(table, out / f"{name}.parquet")
    return {name: table.num_rows for name, table in tables.items()}


def _masked(micros: np.ndarray, keep: np.ndarray) -> pa.Array:
    return pa.array(micros, type=pa.int64(), mask=~keep).cast(pa.timestamp("us", tz="UTC"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", type=date.fromisoformat, default=date.today() - timedelta(days=7))
    parser.add_argument("--format", choices=("csv", "parquet", "both"), default="both")
    args = parser.parse_args()
    formats = ("csv", "parquet") if args.format == "both" else (args.format,)
    counts = generate(args.out, args.tickets, args.weeks, args.seed, args.end, formats)
    print(", ".join(f"{name} {count:,}" for name, count in counts.items()))


if __name__ == "__main__":
    main()
