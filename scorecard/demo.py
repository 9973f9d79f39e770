"""The demo organisation (SPEC §9): a seeded generator of all six exports, then a load.

About 40 agents in 4 teams; tickets with weekday and hour-of-day seasonality, worked in
business hours by a helpdesk whose SLA engine stamps business-hours due times; a workload
spike in the Payments team that drags its SLA adherence down at once and its morale down a
couple of weeks later. The latest week lands near the seed figures of SPEC §9.

The exports use every reader: CSV (tickets, ratings, QA, roster), JSON lines (pulse) and
Parquet (escalations). Same seed and same weeks give the same files, whatever `--end` is:
everything is placed relative to the last week.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from . import db
from .ingest.loader import load_file, refresh_after
from .weeks import last_completed_week, monday_of, week_label

TEAMS = ("Billing", "Technical", "Onboarding", "Payments")
SPIKE_TEAM = "Payments"
# Weeks before the last demo week: the spike, and the morale dip that follows it.
SPIKE_WEEKS = range(9, 5, -1)  # 9, 8, 7, 6 weeks before the last
DIP_WEEKS = {7: 10.0, 6: 16.0, 5: 18.0, 4: 14.0, 3: 7.0, 2: 3.0}  # morale points lost

PRIORITIES = np.array(["urgent", "high", "normal", "low"])
PRIORITY_SHARE = np.array([0.05, 0.20, 0.55, 0.20])
# Business-hours targets the helpdesk's SLA engine stamps as due times (minutes).
FIRST_RESPONSE_DUE = np.array([15, 60, 240, 480])
RESOLUTION_DUE = np.array([240, 480, 1440, 4320])
# Median work needed, in business minutes, by priority.
FIRST_RESPONSE_MEDIAN = np.array([2.8, 5.7, 8.2, 10.5])
RESOLUTION_MEDIAN = np.array([80.0, 250.0, 720.0, 1450.0])

CHANNELS = np.array(["email", "chat", "phone", "web"])
CHANNEL_SHARE = np.array([0.45, 0.30, 0.15, 0.10])
WEEKDAY_VOLUME = np.array([1.25, 1.1, 1.05, 1.0, 0.9, 0.35, 0.3])
HOUR_WEIGHT = np.array(
    [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 11, 12, 13, 13, 12, 10, 8, 6, 4, 3, 2, 1],
    dtype=float,
)
TICKETS_PER_TEAM_DAY = 45.0

# The helpdesk's business hours (UTC): Monday–Friday, 07:00–19:00.
OPEN_HOUR, CLOSE_HOUR = 7, 19

QA_CATEGORIES = (  # name, weight, critical
    ("Accuracy", 2.0, True),
    ("Tone", 1.0, False),
    ("Process", 1.0, False),
    ("Resolution", 1.5, False),
)
PULSE_QUESTIONS = (
    "I have the energy I need for my work",
    "My workload is manageable",
    "I would recommend my team to a friend",
)


def run_demo(database: Path, exports: Path, weeks: int, end: date | None, seed: int) -> int:
    """Write the demo exports and load them; prints one line per file like `ingest`."""
    last_monday = monday_of(end) if end else last_completed_week(datetime.now(UTC).date())
    db.ensure_ready(database)
    refused = False
    with db.writing(database, "data") as con:
        foreign = _other_loads(con, exports)
        if foreign:
            print(
                f"error: {database} already holds loads that are not demo exports "
                f"(e.g. {foreign}); use --db to put the demo in a database of its own",
                file=sys.stderr,
            )
            return 1
        files = generate(exports, weeks=weeks, last_monday=last_monday, seed=seed)
        results = []
        for path in files:
            result = load_file(con, path, display_name=path.name, refresh_staging=False)
            print(result.summary())
            results.append(result)
            refused = refused or result.status == "refused"
        refresh_after(con, results)
    print(
        f"demo: {weeks} weeks up to {week_label(last_monday)} loaded into {database}",
        file=sys.stderr,
    )
    return 1 if refused else 0


def is_demo_database(con, exports: Path) -> bool:
    """Whether everything loaded came from the demo exports in `exports`."""
    return db.has_loads(con) and _other_loads(con, exports) is None


def _other_loads(con, exports: Path) -> str | None:
    """A file loaded into this database from outside the demo folder, if any."""
    folder = str(exports.resolve()) + "/"
    found = con.execute(
        "select file_path from load_log where status = 'loaded' and not starts_with(file_path, ?)"
        " limit 1",
        [folder],
    ).fetchall()
    return found[0][0] if found else None


def generate(out_dir: Path, weeks: int, last_monday: date, seed: int) -> list[Path]:
    """Write the six exports for `weeks` weeks ending with the week of `last_monday`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    export_time = datetime.combine(last_monday + timedelta(days=7), datetime.min.time(), UTC)
    first_monday = last_monday - timedelta(weeks=weeks - 1)

    agents = _roster(rng, export_time.date())
    tickets = _tickets(rng, agents, first_monday, last_monday, export_time)
    escalations = _escalations(rng, tickets, export_time)
    ratings = _ratings(rng, tickets, last_monday, export_time)
    reviews = _qa_reviews(rng, agents, first_monday, last_monday)
    # Comments draw from their own stream so the figures stay as they were without them.
    answers = _pulse(rng, np.random.default_rng(seed + 1), agents, first_monday, last_monday)

    paths = [
        _write_csv(out_dir / "agents.csv", agents),
        _write_csv(out_dir / "tickets.csv", tickets),
        _write_csv(out_dir / "csat.csv", ratings),
        _write_csv(out_dir / "qa_reviews.csv", reviews),
        _write_jsonl(out_dir / "pulse.jsonl", answers),
        _write_parquet(out_dir / "escalations.parquet", escalations),
    ]
    return paths


# ------------------------------------------------------------------------ roster


def _roster(rng: np.random.Generator, today: date) -> list[dict]:
    """43 agents today; 5 left in the last year, 3 backfills hired; older history too."""
    agents = []
    number = 0

    def add(team: str, hired: date, left: date | None = None, leave_type: str | None = None):
        nonlocal number
        number += 1
        agents.append(
            {
                "agent_id": f"A{number:03d}",
                "team": team,
                "hired_on": hired.isoformat(),
                "left_on": left.isoformat() if left else "",
                "leave_type": leave_type or "",
            }
        )

    sizes = {"Billing": 11, "Technical": 11, "Onboarding": 11, "Payments": 10}
    backfills = {"Technical": 170, "Payments": 95, "Billing": 40}  # days ago
    for team in TEAMS:
        for i in range(sizes[team]):
            if i == 0 and team in backfills:
                add(team, today - timedelta(days=backfills[team]))
            else:
                add(team, today - timedelta(days=int(rng.integers(300, 2400))))
    leavers = [  # team, days ago, type
        ("Payments", 30, "voluntary"),
        ("Technical", 75, "voluntary"),
        ("Billing", 130, "involuntary"),
        ("Onboarding", 180, "voluntary"),
        ("Payments", 240, "voluntary"),
    ]
    for team, days_ago, leave_type in leavers:
        left = today - timedelta(days=days_ago)
        add(team, left - timedelta(days=int(rng.integers(200, 1500))), left, leave_type)
    for team, days_ago in (("Billing", 500), ("Technical", 700), ("Onboarding", 900)):
        left = today - timedelta(days=days_ago)
        add(team, left - timedelta(days=int(rng.integers(150, 900))), left, "voluntary")
    return agents


def _employed(agents: list[dict], team: str, day: date) -> list[str]:
    return [
        a["agent_id"]
        for a in agents
        if a["team"] == team
        and date.fromisoformat(a["hired_on"]) <= day
        and (not a["left_on"] or date.fromisoformat(a["left_on"]) > day)
    ]


# ----------------------------------------------------------------- business time


def _add_business_minutes(start: datetime, minutes: float) -> datetime:
    """`start` plus `minutes` of opening hours (Mon–Fri 07:00–19:00 UTC)."""
    moment = _next_open(start)
    remaining = timedelta(minutes=float(minutes))
    while True:
        closing = moment.replace(hour=CLOSE_HOUR, minute=0, second=0, microsecond=0)
        if moment + remaining <= closing:
            return moment + remaining
        remaining -= closing - moment
        moment = _next_open(closing + timedelta(hours=1))


def _next_open(moment: datetime) -> datetime:
    while True:
        opening = moment.replace(hour=OPEN_HOUR, minute=0, second=0, microsecond=0)
        closing = moment.replace(hour=CLOSE_HOUR, minute=0, second=0, microsecond=0)
        if moment.weekday() < 5 and moment < closing:
            return max(moment, opening)
        moment = (moment + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)


# ----------------------------------------------------------------------- tickets


def _weeks_before_last(day: date, last_monday: date) -> int:
    return (last_monday - monday_of(day)).days // 7


def _tickets(
    rng: np.random.Generator,
    agents: list[dict],
    first_monday: date,
    last_monday: date,
    export_time: datetime,
) -> list[dict]:
    tickets: list[dict] = []
    start_day = first_monday - timedelta(weeks=6)  # earlier tickets feed the first backlogs
    day = start_day
    while day < export_time.date():
        weeks_before = _weeks_before_last(day, last_monday)
        for team in TEAMS:
            spike = 1.9 if team == SPIKE_TEAM and weeks_before in SPIKE_WEEKS else 1.0
            volume = rng.poisson(TICKETS_PER_TEAM_DAY * WEEKDAY_VOLUME[day.weekday()] * spike)
            staff = _employed(agents, team, day)
            # Overloaded teams answer and solve more slowly.
            load = 1.0 + 1.1 * (spike - 1.0)
            for _ in range(volume):
                tickets.append(_ticket(rng, len(tickets) + 1, team, day, staff, load, export_time))
        day += timedelta(days=1)
    return tickets


def _ticket(
    rng: np.random.Generator,
    number: int,
    team: str,
    day: date,
    staff: list[str],
    load: float,
    export_time: datetime,
) -> dict:
    hour = int(rng.choice(24, p=HOUR_WEIGHT / HOUR_WEIGHT.sum()))
    created = datetime.combine(day, datetime.min.time(), UTC) + timedelta(
        hours=hour, minutes=float(rng.uniform(0, 60))
    )
    created = created.replace(microsecond=0)
    p = int(rng.choice(4, p=PRIORITY_SHARE))
    channel = str(rng.choice(CHANNELS, p=CHANNEL_SHARE))
    replies = int(rng.choice([1, 2, 3, 4, 5], p=[0.66, 0.17, 0.09, 0.05, 0.03]))
    # About 3 % of tickets wait on a third party for weeks; spread evenly, not by chance,
    # so the backlog tells the same story whatever the seed.
    stuck = number % 32 == 7
    fr_work = FIRST_RESPONSE_MEDIAN[p] * load * float(rng.lognormal(0, 0.9))
    res_work = (
        RESOLUTION_MEDIAN[p] * load * float(rng.lognormal(0, 0.5)) * (1 + 0.25 * (replies - 1))
    )
    if stuck:
        spread = (number // 32 * 0.6180339887) % 1.0
        res_work += -np.log(1.0 - spread) * 60 * 12 * 15
    never_answered = rng.random() < 0.015

    first_response = None if never_answered else _add_business_minutes(created, fr_work)
    solved = _add_business_minutes(created, max(res_work, fr_work + 1))
    fr_due = (
        created + timedelta(minutes=int(FIRST_RESPONSE_DUE[p]))
        if p == 0
        else _add_business_minutes(created, FIRST_RESPONSE_DUE[p])
    )
    res_due = (
        created + timedelta(minutes=int(RESOLUTION_DUE[p]))
        if p == 0
        else _add_business_minutes(created, RESOLUTION_DUE[p])
    )
    reopens = int(rng.random() < 0.07)

    if first_response is not None and first_response >= export_time:
        first_response = None
    status = "open"
    solved_at = None
    if solved < export_time:
        solved_at = solved
        status = "closed" if export_time - solved > timedelta(days=4) else "solved"
        # A few recently solved tickets were reopened: open again, with the old solve.
        if export_time - solved < timedelta(days=10) and rng.random() < 0.03:
            status, reopens = "open", reopens + 1
    elif first_response is not None:
        status = str(rng.choice(["open", "pending", "hold"], p=[0.6, 0.3, 0.1]))
    else:
        status = "new"

    return {
        "ticket_id": f"T{number:06d}",
        "created_at": _iso(created),
        "first_response_at": _iso(first_response),
        "solved_at": _iso(solved_at),
        "status": status,
        "priority": str(PRIORITIES[p]),
        "channel": channel,
        "team": team,
        "assignee": str(rng.choice(staff)) if staff else "",
        "requester": f"customer-{int(rng.integers(1, 25000)):05d}",
        "agent_replies": replies if first_response is not None else 0,
        "reopens": reopens,
        "first_response_due_at": _iso(fr_due),
        "resolution_due_at": _iso(res_due),
    }


def _iso(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _parse(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


# ------------------------------------------------------------------- escalations


def _escalations(
    rng: np.random.Generator, tickets: list[dict], export_time: datetime
) -> list[dict]:
    rows = []
    for ticket in tickets:
        if not ticket["first_response_at"] or rng.random() >= 0.13:
            continue
        escalated = _parse(ticket["first_response_at"]) + timedelta(
            minutes=float(rng.lognormal(np.log(25), 0.6))
        )
        if escalated >= export_time:
            continue
        assigned = escalated + timedelta(minutes=float(rng.lognormal(np.log(7.5), 0.55)))
        rows.append(
            {
                "ticket_id": ticket["ticket_id"],
                "floor": 2,
                "escalated_at": escalated,
                "assigned_at": assigned if assigned < export_time else None,
                "decided_at": None,
            }
        )
        if rng.random() < 0.25:
            escalated3 = assigned + timedelta(minutes=float(rng.lognormal(np.log(40), 0.5)))
            decided = escalated3 + timedelta(minutes=float(rng.lognormal(np.log(48), 0.5)))
            if escalated3 < export_time:
                rows.append(
                    {
                        "ticket_id": ticket["ticket_id"],
                        "floor": 3,
                        "escalated_at": escalated3,
                        "assigned_at": None,
                        "decided_at": decided if decided < export_time else None,
                    }
                )
    return rows


# ----------------------------------------------------------------------- ratings


def _ratings(
    rng: np.random.Generator, tickets: list[dict], last_monday: date, export_time: datetime
) -> list[dict]:
    rows = []
    for ticket in tickets:
        if not ticket["solved_at"] or rng.random() >= 0.35:
            continue
        solved = _parse(ticket["solved_at"])
        rated = solved + timedelta(hours=float(rng.exponential(10)))
        if rated >= export_time:
            continue
        hours = (solved - _parse(ticket["created_at"])).total_seconds() / 3600
        spike = (
            ticket["team"] == SPIKE_TEAM
            and _weeks_before_last(rated.date(), last_monday) in SPIKE_WEEKS
        )
        p_satisfied = 0.895 - (0.06 if hours > 72 else 0.0) - (0.08 if spike else 0.0)
        satisfied = rng.random() < p_satisfied
        score = (
            int(rng.choice([4, 5], p=[0.35, 0.65]))
            if satisfied
            else int(rng.choice([1, 2, 3], p=[0.35, 0.3, 0.35]))
        )
        rows.append(
            {
                "ticket_id": ticket["ticket_id"],
                "rated_at": rated.replace(microsecond=0).isoformat(),
                "score": score,
                "scale_min": 1,
                "scale_max": 5,
                "comment": "" if rng.random() < 0.8 else _rating_comment(rng, satisfied),
            }
        )
    return rows


def _rating_comment(rng: np.random.Generator, satisfied: bool) -> str:
    good = ["Quick and friendly, thanks!", "Solved on the first reply.", "Great help"]
    bad = ["Took far too long.", "Had to explain twice, still not fixed", "No answer for days"]
    return str(rng.choice(good if satisfied else bad))


# ---------------------------------------------------------------------------- QA


def _qa_reviews(
    rng: np.random.Generator, agents: list[dict], first_monday: date, last_monday: date
) -> list[dict]:
    rows = []
    number = 0
    monday = first_monday
    while monday <= last_monday:
        weeks_before = (last_monday - monday).days // 7
        for team in TEAMS:
            staff = _employed(agents, team, monday + timedelta(days=6))
            strain = 3.0 if team == SPIKE_TEAM and weeks_before in SPIKE_WEEKS else 0.0
            for agent in staff:
                for _ in range(2):
                    number += 1
                    reviewed = datetime.combine(
                        monday + timedelta(days=int(rng.integers(0, 5))), datetime.min.time(), UTC
                    ) + timedelta(hours=float(rng.uniform(8, 18)))
                    calibration = rng.random() < 0.05
                    critical_fail = rng.random() < 0.02
                    for category, weight, critical in QA_CATEGORIES:
                        na = category == "Process" and rng.random() < 0.1
                        if critical and critical_fail:
                            score = int(rng.integers(20, 45))
                        else:
                            score = int(np.clip(rng.normal(91.3 - strain, 6.5), 40, 100))
                        rows.append(
                            {
                                "review_id": f"R{number:06d}",
                                "reviewed_at": reviewed.replace(microsecond=0).isoformat(),
                                "agent": agent,
                                "reviewer": f"qa-{int(rng.integers(1, 4))}",
                                "category": category,
                                "score": "" if na else score,
                                "scale_min": 0,
                                "scale_max": 100,
                                "weight": weight,
                                "critical": "true" if critical else "false",
                                "calibration": "true" if calibration else "false",
                            }
                        )
        monday += timedelta(days=7)
    return rows


# ------------------------------------------------------------------------- pulse


def _pulse(
    rng: np.random.Generator,
    comment_rng: np.random.Generator,
    agents: list[dict],
    first_monday: date,
    last_monday: date,
) -> list[dict]:
    rows = []
    number = 0
    monday = first_monday
    while monday <= last_monday:
        weeks_before = (last_monday - monday).days // 7
        for team in TEAMS:
            dip = DIP_WEEKS.get(weeks_before, 0.0) if team == SPIKE_TEAM else 0.0
            mood = 77.2 - dip + float(rng.normal(0, 0.6))
            for agent in _employed(agents, team, monday + timedelta(days=6)):
                if rng.random() >= 0.76:
                    continue
                submitted = datetime.combine(
                    monday + timedelta(days=int(rng.integers(1, 4))), datetime.min.time(), UTC
                ) + timedelta(hours=float(rng.uniform(8, 18)))
                respondent = _pseudonym(agent)
                for question in PULSE_QUESTIONS:
                    number += 1
                    score = _pulse_score(rng, mood)
                    rows.append(
                        {
                            "response_id": f"P{number:07d}",
                            "submitted_at": submitted.replace(microsecond=0).isoformat(),
                            "respondent": respondent,
                            "team": team,
                            "question": question,
                            "score": score,
                            "scale_min": 1,
                            "scale_max": 5,
                            "comment": _pulse_comment(comment_rng, question, score),
                        }
                    )
        monday += timedelta(days=7)
    return rows


def _pseudonym(agent_id: str) -> str:
    # Survey tools export a stable pseudonymous id, not the roster id.
    return "resp-" + format((int(agent_id[1:]) * 7919) % 10007, "05d")


PULSE_COMMENTS = {
    "low": (
        "Queues have been relentless, no time to breathe between tickets.",
        "Too many escalations landing at once this week.",
        "I'm covering for two people and it shows.",
        "Please look at staffing on the late shift.",
    ),
    "high": (
        "Good week, the team really pulled together.",
        "The new macros saved me a lot of time.",
        "Thanks for the training session on refunds.",
        "Workload felt fair this week.",
    ),
}


def _pulse_comment(rng: np.random.Generator, question: str, score: int) -> str:
    """Now and then a free-text comment on the workload question, in tune with the answer."""
    if question != "My workload is manageable" or rng.random() >= 0.2:
        return ""
    choices = PULSE_COMMENTS["low" if score <= 3 else "high"]
    return choices[int(rng.integers(len(choices)))]


def _pulse_score(rng: np.random.Generator, mood: float) -> int:
    """A 1–5 answer whose expected rescaled value is `mood` (0–100)."""
    centre = 1 + 4 * mood / 100
    low = int(np.floor(centre))
    score = low + int(rng.random() < centre - low)
    if rng.random() < 0.25:  # some spread either way, kept symmetric inside the scale
        step = int(rng.choice([-1, 1]))
        if 1 <= score + step <= 5 and 1 <= score - step <= 5:
            score += step
    return score


# ----------------------------------------------------------------------- writing


def _write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def _write_parquet(path: Path, rows: list[dict]) -> Path:
    table = pa.table(
        {
            "ticket_id": pa.array([r["ticket_id"] for r in rows], pa.string()),
            "floor": pa.array([r["floor"] for r in rows], pa.int8()),
            "escalated_at": pa.array([r["escalated_at"] for r in rows], pa.timestamp("s", "UTC")),
            "assigned_at": pa.array([r["assigned_at"] for r in rows], pa.timestamp("s", "UTC")),
            "decided_at": pa.array([r["decided_at"] for r in rows], pa.timestamp("s", "UTC")),
        }
    )
    pq.write_table(table, path)
    return path
