#!/usr/bin/env python3
"""Independent vendor-export generator (standard library only).

    python make_exports.py OUTDIR [--seed N]

Generates one deterministic set of helpdesk tickets (2026-W44..W47 plus a few
carried-in tickets from W42/W43; every event instant is before 2026-11-20) and
writes the SAME tickets in several forms:

    canonical/tickets.csv, canonical/csat.csv     SPEC §6 form implied by the Zendesk files
    canonical_freshdesk/tickets.csv               SPEC §6 form implied by the Freshdesk files
    zendesk/tickets.csv                           Zendesk "CSV export" (account TZ Europe/Berlin)
    zendesk/tickets_variant.csv                   same tickets, older "Id"/"Requester id" header spelling
    zendesk/tickets.jsonl                         API ticket objects, one per line
    freshdesk/tickets.csv                         Freshdesk ticket export (CSV), times in Europe/Berlin
    freshdesk/tickets.json                        Freshdesk API v2 ticket array (include=stats)
    truth.json                                    the generated truth (for debugging only)

See FORMATS.md next to this file for where every column name, value spelling and
timestamp format comes from, and for the choices made where the vendors' documents
are silent.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

UTC = UTC
BERLIN = ZoneInfo("Europe/Berlin")

# Nothing happens at or after this instant (the exports were "taken" just before it).
EXPORT_AT = datetime(2026, 11, 19, 22, 0, 0, tzinfo=UTC)
W44_START = datetime(2026, 10, 26, tzinfo=UTC)  # Monday of 2026-W44
CARRY_IN_START = datetime(2026, 10, 12, tzinfo=UTC)  # Monday of 2026-W42
# The hour Berlin repeats when clocks go back (02:00-03:00 CET, second occurrence).
# A naive local time in that hour cannot be told apart from the first occurrence,
# so no event is generated in it (a naive export would lose the distinction).
DST_REPEAT = (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), datetime(2026, 10, 25, 2, 0, tzinfo=UTC))

TEAMS = {
    # team (= Zendesk/Freshdesk group name) -> (group id, agents)
    "Billing": (360001111, ["Anna Berg", "Jonas Weber", "Mia Schulz", "Lukas Braun"]),
    "Tech Support": (360002222, ["Sofia Klein", "Noah Fischer", "Lena Wolf", "Elias Koch"]),
    "Onboarding": (360003333, ["Emma Richter", "Paul Neumann", "Hannah Lange", "Felix Krause"]),
}
AGENT_IDS = {}
for _i, (_t, (_g, _agents)) in enumerate(TEAMS.items()):
    for _j, _a in enumerate(_agents):
        AGENT_IDS[_a] = 900000000 + _i * 100 + _j

PRIORITIES = ["urgent", "high", "normal", "low"]
# Default product SLA policy (SPEC §4), also used as the Freshdesk SLA policy so
# fr_due_by equals the policy deadline (see FORMATS.md, "Freshdesk due times").
FR_TARGET_MIN = {"urgent": 15, "high": 60, "normal": 240, "low": 480}
RES_TARGET_MIN = {"urgent": 240, "high": 480, "normal": 1440, "low": 4320}

CHANNELS = ["email", "web", "chat", "phone"]
ZD_VIA_CSV = {"email": "Mail", "web": "Web form", "chat": "Chat", "phone": "Phone call (inbound)"}
ZD_VIA_API = {"email": "email", "web": "web", "chat": "chat", "phone": "voice"}
FD_SOURCE = {
    "email": (1, "Email"),
    "web": (2, "Portal"),
    "phone": (3, "Phone"),
    "chat": (7, "Chat"),
}
FD_PRIORITY = {
    "low": (1, "Low"),
    "normal": (2, "Medium"),
    "high": (3, "High"),
    "urgent": (4, "Urgent"),
}
FD_STATUS = {
    "open": (2, "Open"),
    "pending": (3, "Pending"),
    "solved": (4, "Resolved"),
    "closed": (5, "Closed"),
}
PRODUCTS = ["Payments API", "Dashboard", "Mobile app", "Invoicing", "SSO"]
SUBJECTS = [
    "Invoice shows wrong VAT, please fix",
    'Cannot log in after "password reset"',
    "Refund for order #{n}",
    "API returns 502 on /v2/charges",
    "How do I add a second admin?",
    "Export to CSV; columns missing",
    "Müller GmbH: contract renewal question",
    "Webhook retries, duplicated events",
    "Onboarding call — reschedule",
    "2FA codes not arriving (SMS)",
]
FIRST_NAMES = [
    "Ava",
    "Ben",
    "Chloé",
    "Dario",
    "Eva",
    "Finn",
    "Greta",
    "Hugo",
    "Ines",
    "Jan",
    "Kira",
    "Leo",
    "Maya",
    "Nils",
    "Olga",
    "Pia",
]
LAST_NAMES = [
    "Adams",
    "Brown",
    "Costa",
    "Dubois",
    "Ekström",
    "Ferrari",
    "García",
    "Hansen",
    "Ivanov",
    "Jones",
    "Kowalski",
    "Larsen",
]

# Business calendar used for the vendors' "within business hours" figures.
BH_START, BH_END = 9, 17  # Mon-Fri 09:00-17:00 Europe/Berlin


# ---------------------------------------------------------------- the model
@dataclass
class Ticket:
    id: int
    team: str | None
    priority: str | None  # None = Zendesk ticket without priority (canonical: normal)
    channel: str
    ttype: str
    subject: str
    requester: str
    requester_id: int
    assignee: str | None
    product: str | None
    note: str
    created: datetime
    scenario: str
    assigned_at: datetime | None = None
    first_response: datetime | None = None
    solves: list = field(default_factory=list)  # every change to solved, in order
    reopens_at: list = field(default_factory=list)  # every reopen (solved -> open)
    pauses: list = field(default_factory=list)  # (start, end|None, "pending"|"hold")
    status: str = "open"  # final Zendesk status
    closed_at: datetime | None = None
    replies: int = 0
    inbound: int = 1
    rating: str = "Not Offered"  # Zendesk CSV spelling
    rating_comment: str | None = None
    rating_at: datetime | None = None  # when the requester rated (API object)
    updated: datetime | None = None
    due_date: datetime | None = None  # Zendesk task due date (not an SLA due time)
    tags: list = field(default_factory=list)

    @property
    def prio(self) -> str:
        return self.priority or "normal"

    @property
    def solved_at(self):
        """Zendesk 'Solved at': the final or most recent change to solved."""
        return self.solves[-1] if self.solves else None

    @property
    def is_solved(self):
        return self.status in ("solved", "closed")


def bad_instant(t: datetime) -> bool:
    return DST_REPEAT[0] <= t < DST_REPEAT[1] or t >= EXPORT_AT


def nudge(t: datetime) -> datetime:
    """Whole seconds, and out of the repeated DST hour."""
    t = t.replace(microsecond=0)
    if DST_REPEAT[0] <= t < DST_REPEAT[1]:
        return t + timedelta(hours=1)
    return t


def minutes_between(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 60.0


def business_seconds(a: datetime, b: datetime) -> int:
    """Seconds of [a, b) inside Mon-Fri 09:00-17:00 Europe/Berlin."""
    if b <= a:
        return 0
    total = 0
    day = a.astimezone(BERLIN).date()
    last = b.astimezone(BERLIN).date()
    while day <= last:
        if day.weekday() < 5:
            s = datetime(day.year, day.month, day.day, BH_START, tzinfo=BERLIN).astimezone(UTC)
            e = datetime(day.year, day.month, day.day, BH_END, tzinfo=BERLIN).astimezone(UTC)
            lo, hi = max(a, s), min(b, e)
            if hi > lo:
                total += int((hi - lo).total_seconds())
        day += timedelta(days=1)
    return total


def paused_seconds(t: Ticket, until: datetime, kinds=("pending", "hold")) -> int:
    total = 0
    for s, e, kind in t.pauses:
        if kind not in kinds:
            continue
        e = e or until
        lo, hi = s, min(e, until)
        if hi > lo:
            total += int((hi - lo).total_seconds())
    return total


# ---------------------------------------------------------------- generation
def pick_created(rng: random.Random, start: datetime, days: int) -> datetime:
    """A creation instant: mostly weekday office hours (Berlin), some evenings/weekends."""
    while True:
        d = start + timedelta(days=rng.randrange(days))
        local_day = d.astimezone(BERLIN).date()
        weekend = local_day.weekday() >= 5
        if weekend and rng.random() < 0.75:
            continue
        if rng.random() < 0.8 and not weekend:
            hour = rng.randint(8, 17)
        else:
            hour = rng.choice([0, 1, 2, 6, 7, 18, 19, 20, 21, 22, 23])
        local = datetime(
            local_day.year,
            local_day.month,
            local_day.day,
            hour,
            rng.randrange(60),
            rng.randrange(60),
            tzinfo=BERLIN,
        )
        t = local.astimezone(UTC)
        # round-trip check: skip non-existent local times, avoid the repeated hour
        if t.astimezone(BERLIN).replace(tzinfo=None) != local.replace(tzinfo=None):
            continue
        if bad_instant(t):
            continue
        return t


def frt_minutes(rng: random.Random, prio: str) -> int:
    target = FR_TARGET_MIN[prio]
    r = rng.random()
    if r < 0.78:
        m = rng.randint(1, max(2, int(target * 0.9)))
    elif r < 0.90:
        m = rng.randint(int(target * 1.1) + 1, int(target * 3) + 2)
    else:
        m = rng.randint(int(target * 3) + 3, int(target * 8) + 10)
    if m == target:  # never exactly on the deadline (vendors differ on "<" vs "<=")
        m += 1
    return m


def resolution_minutes(rng: random.Random, prio: str) -> float:
    target = RES_TARGET_MIN[prio]
    r = rng.random()
    if r < 0.65:
        m = rng.uniform(20, target * 0.9)
    elif r < 0.85:
        m = rng.uniform(target * 1.05, target * 2.5)
    else:
        m = rng.uniform(target * 2.5, target * 5)
    return m + rng.random()  # seconds


SCENARIOS = [
    ("solved", 46),
    ("solved_after_pause", 12),
    ("reopened_resolved", 8),
    ("reopened_open", 3),
    ("solved_no_reply", 4),
    ("pending", 6),
    ("hold", 4),
    ("open_answered", 5),
    ("unanswered", 6),
    ("task_due", 3),
]


def make_ticket(rng: random.Random, tid: int, created: datetime) -> Ticket:
    team = rng.choice(list(TEAMS))
    scen = rng.choices([s for s, _ in SCENARIOS], [w for _, w in SCENARIOS])[0]
    prio = rng.choices(PRIORITIES, [8, 22, 52, 18])[0]
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    subj = rng.choice(SUBJECTS).replace("{n}", str(rng.randint(10000, 99999)))
    t = Ticket(
        id=tid,
        team=team,
        priority=prio,
        channel=rng.choices(CHANNELS, [55, 25, 15, 5])[0],
        ttype=rng.choice(["question", "incident", "problem", "question"]),
        subject=subj,
        requester=f"{first} {last}",
        requester_id=381000000000 + rng.randrange(10**8),
        assignee=rng.choice(TEAMS[team][1]),
        product=rng.choice([*PRODUCTS, None]),
        note=rng.choice(
            [
                "",
                "VIP, see account notes",
                'said "urgent", twice',
                "follow-up; billing, then tech",
                "n/a",
            ]
        ),
        created=created,
        scenario=scen,
    )
    if scen == "task_due":
        t.ttype = "task"
        t.due_date = nudge(created + timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 6)))
    t.tags = sorted(
        set(
            [team.lower().replace(" ", "_"), (t.product or "general").lower().replace(" ", "_")]
            + (["vip"] if "VIP" in t.note else [])
        )
    )

    t.assigned_at = nudge(
        created + timedelta(minutes=rng.randint(0, 20), seconds=rng.randint(0, 59))
    )
    answered = scen not in ("unanswered", "solved_no_reply")
    if answered:
        fr = nudge(created + timedelta(minutes=frt_minutes(rng, prio)))
        if fr < EXPORT_AT:
            t.first_response = fr
            t.replies = 1
            t.assigned_at = min(t.assigned_at, fr)

    def add_replies(n):
        t.replies += n
        t.inbound += max(0, n - 1) + rng.randint(0, 1)

    def do_solve(at):
        at = nudge(at)
        if at >= EXPORT_AT:
            return False
        t.solves.append(at)
        return True

    base = t.first_response or created
    if scen in ("solved", "task_due"):
        add_replies(rng.choices([0, 1, 2, 3], [55, 25, 12, 8])[0])
        res = created + timedelta(minutes=resolution_minutes(rng, prio))
        if res <= base:
            res = base + timedelta(minutes=rng.randint(5, 90), seconds=rng.randint(0, 59))
        t.status = "solved" if do_solve(res) else "open"
    elif scen == "solved_after_pause":
        add_replies(rng.randint(1, 3))
        ps = nudge(base + timedelta(minutes=rng.randint(2, 30)))
        pe = nudge(ps + timedelta(hours=rng.uniform(2, 40)))
        kind = "pending" if rng.random() < 0.7 else "hold"
        if pe >= EXPORT_AT:
            t.pauses.append((ps, None, kind)) if ps < EXPORT_AT else None
            t.status = kind if ps < EXPORT_AT else "open"
        else:
            t.pauses.append((ps, pe, kind))
            res = nudge(pe + timedelta(minutes=rng.uniform(10, 600)))
            t.status = "solved" if do_solve(res) else "open"
    elif scen in ("reopened_resolved", "reopened_open"):
        add_replies(rng.randint(1, 3))
        s1 = base + timedelta(minutes=rng.uniform(30, 1800))
        if do_solve(s1):
            ro = nudge(s1 + timedelta(hours=rng.uniform(2, 60)))
            if ro < EXPORT_AT:
                t.reopens_at.append(ro)
                add_replies(rng.randint(1, 2))
                if scen == "reopened_resolved":
                    s2 = ro + timedelta(minutes=rng.uniform(30, 2000))
                    t.status = "solved" if do_solve(s2) else "open"
                    if t.status == "solved" and rng.random() < 0.3:  # twice reopened
                        ro2 = nudge(t.solves[-1] + timedelta(hours=rng.uniform(1, 20)))
                        if ro2 < EXPORT_AT:
                            t.reopens_at.append(ro2)
                            s3 = ro2 + timedelta(minutes=rng.uniform(30, 600))
                            t.status = "solved" if do_solve(s3) else "open"
                else:
                    t.status = "open"
            else:
                t.status = "solved"
        else:
            t.status = "open"
    elif scen == "solved_no_reply":
        # solved without any public agent reply (e.g. duplicate / spam closed by macro)
        t.replies = 0
        res = created + timedelta(minutes=rng.uniform(3, RES_TARGET_MIN[prio] * 1.5))
        t.status = "solved" if do_solve(res) else "new"
    elif scen in ("pending", "hold"):
        add_replies(rng.randint(0, 2))
        ps = nudge(base + timedelta(minutes=rng.randint(1, 60)))
        if ps < EXPORT_AT:
            t.pauses.append((ps, None, scen))
            t.status = scen
        else:
            t.status = "open"
    elif scen == "open_answered":
        add_replies(rng.randint(0, 2))
        t.status = "open"
    elif scen == "unanswered":
        t.status = "new" if rng.random() < 0.6 else "open"
        if t.status == "new":
            t.assignee = None
            t.assigned_at = None
            if rng.random() < 0.5:
                t.team = None  # not yet routed to a group
    if t.first_response is None:
        t.replies = 0

    # Zendesk closes solved tickets four days after solve (default automation).
    if t.status == "solved" and t.solved_at + timedelta(days=4) < EXPORT_AT:
        t.closed_at = nudge(t.solved_at + timedelta(days=4, minutes=rng.randint(0, 59)))
        if t.closed_at < EXPORT_AT:
            t.status = "closed"
        else:
            t.closed_at = None

    # Satisfaction (legacy CSAT): offered after a solve; some answer Good/Bad.
    if t.solves:
        r = rng.random()
        if r < 0.45:
            t.rating = "Good"
        elif r < 0.60:
            t.rating = "Bad"
        elif r < 0.85:
            t.rating = "Offered"
        else:
            t.rating = "Not Offered"
        if (
            t.rating in ("Good", "Bad")
            and t.status not in ("solved", "closed")
            and rng.random() < 0.5
        ):
            t.rating = "Offered"  # reopened before the requester answered
        if t.rating in ("Good", "Bad"):
            t.rating_comment = rng.choice(
                [None, None, "Thanks!", "Took too long", 'Great, "fast" answer', "Ok, nothing more"]
            )
            # the requester rates some minutes after the solve, inside the same ISO week
            s = t.solved_at
            week_end = (s - timedelta(days=s.weekday())).replace(
                hour=0, minute=0, second=0
            ) + timedelta(days=7)
            ra = s + timedelta(minutes=rng.randint(1, 600))
            ra = min(ra, week_end - timedelta(seconds=1), EXPORT_AT - timedelta(seconds=1))
            t.rating_at = nudge(ra)
    # last update
    events = [
        created,
        t.assigned_at,
        t.first_response,
        t.closed_at,
        t.rating_at,
        *t.solves,
        *t.reopens_at,
    ]
    events += [p[0] for p in t.pauses] + [p[1] for p in t.pauses]
    t.updated = max(e for e in events if e is not None)
    if t.priority == "normal" and rng.random() < 0.12:
        t.priority = None  # Zendesk allows an empty priority; SPEC: missing -> normal
    return t


def generate(seed: int) -> list[Ticket]:
    rng = random.Random(seed)
    tickets: list[Ticket] = []
    tid = 48210
    # carry-in tickets from W42/W43 (backlog history at the W44 week end)
    for _ in range(10):
        tickets.append(make_ticket(rng, tid, pick_created(rng, CARRY_IN_START, 14)))
        tid += 1
    # one ticket created in the first 02:30 of 2026-10-25 (CEST, before clocks go back):
    # the naive Berlin time "2026-10-25 02:30:00" is ambiguous; SPEC takes the first occurrence.
    tickets.append(make_ticket(rng, tid, datetime(2026, 10, 25, 0, 30, 12, tzinfo=UTC)))
    tid += 1
    # 150 tickets created in 2026-W44..W47 (W47 only until Thursday evening)
    days = (EXPORT_AT - W44_START).days + 1
    created = sorted(pick_created(rng, W44_START, days) for _ in range(150))
    for c in created:
        tickets.append(make_ticket(rng, tid, c))
        tid += 1 + (1 if rng.random() < 0.1 else 0)  # gaps: deleted/merged tickets
    tickets.sort(key=lambda t: t.created)
    return tickets


# ---------------------------------------------------------------- formatting helpers
def iso_z(t: datetime | None) -> str:
    return "" if t is None else t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_naive(t: datetime | None) -> str:
    """Naive account-time-zone stamp ('%F %T'), as both vendors write their CSV exports."""
    return "" if t is None else t.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M:%S")


def whole_minutes(a, b):
    return None if a is None or b is None else round(minutes_between(a, b))


def bmin(a, b):
    return None if a is None or b is None else round(business_seconds(a, b) / 60)


def hhmmss(seconds: int | None) -> str:
    """Freshdesk export duration: HH:MM:SS, '00:00:00' when there is none (helpkit's hhmm)."""
    s = int(seconds or 0)
    return f"{s // 3600:02d}:{(s % 3600) // 60:02d}:{s % 60:02d}"


def requester_email(t: Ticket) -> str:
    import unicodedata

    name = unicodedata.normalize("NFKD", t.requester).encode("ascii", "ignore").decode().lower()
    return f"{name.replace(' ', '.')}@example-{t.id % 5}.com"


def blank(v):
    return "" if v is None else v


def write_csv(path: str, header: list, rows: list, *, bom=False, crlf=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(buf.getvalue())


# ---------------------------------------------------------------- derived per-ticket values
def metrics(t: Ticket) -> dict:
    """Zendesk ticket_metrics-like figures (minutes, calendar and business)."""
    first_solve = t.solves[0] if t.solves else None
    last_solve = t.solved_at
    end = last_solve if t.is_solved else EXPORT_AT
    agent_wait = paused_seconds(t, end, ("pending",))
    on_hold = paused_seconds(t, end, ("hold",))
    total = (end - t.created).total_seconds()
    req_wait = max(0, total - agent_wait - on_hold)
    return {
        "reply_cal": whole_minutes(t.created, t.first_response),
        "reply_bus": bmin(t.created, t.first_response),
        "first_res_cal": whole_minutes(t.created, first_solve),
        "first_res_bus": bmin(t.created, first_solve),
        "full_res_cal": whole_minutes(t.created, last_solve),
        "full_res_bus": bmin(t.created, last_solve),
        "agent_wait_cal": round(agent_wait / 60),
        "agent_wait_bus": round(agent_wait / 60 * 0.4),
        "req_wait_cal": round(req_wait / 60),
        "req_wait_bus": round(req_wait / 60 * 0.4),
        "on_hold_cal": round(on_hold / 60),
        "on_hold_bus": round(on_hold / 60 * 0.4),
        "group_stations": 1 if t.team is None else (2 if t.id % 9 == 0 else 1),
        "assignee_stations": 0 if t.assignee is None else (2 if t.id % 7 == 0 else 1),
    }


def fd_status(t: Ticket) -> str:
    """Freshdesk default statuses only: new->Open, hold->Pending (no 'hold' status)."""
    return {
        "new": "open",
        "open": "open",
        "pending": "pending",
        "hold": "pending",
        "solved": "solved",
        "closed": "closed",
    }[t.status]


def fd_resolved_at(t: Ticket):
    # a reopened ticket that is open again has no resolved time in Freshdesk
    return t.solved_at if t.is_solved else None


def fd_due(t: Ticket):
    """(fr_due_by, due_by): calendar-hours SLA policy equal to the product default;
    the resolution clock pauses while the ticket is Pending (Freshdesk behaviour)."""
    fr_due = t.created + timedelta(minutes=FR_TARGET_MIN[t.prio])
    end = fd_resolved_at(t) or EXPORT_AT
    due = t.created + timedelta(minutes=RES_TARGET_MIN[t.prio], seconds=paused_seconds(t, end))
    # never exactly equal to a fulfilment (Freshdesk judges '<', SPEC '<=')
    r = fd_resolved_at(t)
    if r is not None and abs((due - r).total_seconds()) < 1:
        due += timedelta(seconds=1)
    return fr_due, due


# ---------------------------------------------------------------- writers
def write_canonical(out: str, tickets: list[Ticket]):
    hdr = [
        "ticket_id",
        "created_at",
        "first_response_at",
        "solved_at",
        "status",
        "priority",
        "channel",
        "team",
        "assignee",
        "requester",
        "agent_replies",
        "reopens",
        "first_response_business_minutes",
        "resolution_business_minutes",
    ]
    rows = []
    for t in tickets:
        m = metrics(t)
        rows.append(
            [
                t.id,
                iso_z(t.created),
                iso_z(t.first_response),
                iso_z(t.solved_at),
                t.status,
                blank(t.priority),
                t.channel,
                blank(t.team),
                blank(t.assignee),
                t.requester,
                t.replies,
                len(t.reopens_at),
                blank(m["reply_bus"]),
                blank(m["full_res_bus"]),
            ]
        )
    write_csv(os.path.join(out, "canonical", "tickets.csv"), hdr, rows)
    # ratings: Good = 1, Bad = 0 on a 0-1 scale; rated_at = Solved at (SPEC §10)
    crow = []
    for t in tickets:
        if t.rating in ("Good", "Bad"):
            crow.append(
                [
                    t.id,
                    iso_z(t.solved_at),
                    1 if t.rating == "Good" else 0,
                    0,
                    1,
                    blank(t.rating_comment),
                ]
            )
    write_csv(
        os.path.join(out, "canonical", "csat.csv"),
        ["ticket_id", "rated_at", "score", "scale_min", "scale_max", "comment"],
        crow,
    )

    # What the Freshdesk files imply: Freshdesk statuses, no reopen count, no reply count
    # semantics guaranteed (left out), due times from the Freshdesk SLA engine, no ratings.
    hdr = [
        "ticket_id",
        "created_at",
        "first_response_at",
        "solved_at",
        "status",
        "priority",
        "channel",
        "team",
        "assignee",
        "requester",
        "first_response_due_at",
        "resolution_due_at",
    ]
    rows = []
    for t in tickets:
        fr_due, due = fd_due(t)
        st = {"solved": "solved", "closed": "closed", "open": "open", "pending": "pending"}[
            fd_status(t)
        ]
        rows.append(
            [
                t.id,
                iso_z(t.created),
                iso_z(t.first_response),
                iso_z(fd_resolved_at(t)),
                st,
                t.prio,
                t.channel,
                blank(t.team),
                blank(t.assignee),
                t.requester,
                iso_z(fr_due),
                iso_z(due),
            ]
        )
    write_csv(os.path.join(out, "canonical_freshdesk", "tickets.csv"), hdr, rows)


ZD_COLUMNS = [
    "ID",
    "Requester",
    "Requester ID",
    "Requester external id",
    "Requester email",
    "Requester domain",
    "Submitter",
    "Assignee",
    "Group",
    "Subject",
    "Tags",
    "Status",
    "Priority",
    "Via",
    "Ticket type",
    "Created at",
    "Updated at",
    "Assigned at",
    "Organization",
    "Due date",
    "Initially assigned at",
    "Solved at",
    "Resolution time",
    "Satisfaction Score",
    "Group stations",
    "Assignee stations",
    "Reopens",
    "Replies",
    "First reply time in minutes",
    "First reply time in minutes within business hours",
    "First resolution time in minutes",
    "First resolution time in minutes within business hours",
    "Full resolution time in minutes",
    "Full resolution time in minutes within business hours",
    "Agent wait time in minutes",
    "Agent wait time in minutes within business hours",
    "Requester wait time in minutes",
    "Requester wait time in minutes within business hours",
    "On hold time in minutes",
    "On hold time in minutes within business hours",
]


def zd_row(t: Ticket, *, dash_empty_custom: bool) -> dict:
    m = metrics(t)
    email = requester_email(t)
    status = {
        "new": "New",
        "open": "Open",
        "pending": "Pending",
        "hold": "Hold",
        "solved": "Solved",
        "closed": "Closed",
    }[t.status]
    full_hours = None if m["full_res_cal"] is None else round(m["full_res_cal"] / 60)
    empty = "-" if dash_empty_custom else ""
    return {
        "ID": t.id,
        "Requester": t.requester,
        "Requester ID": t.requester_id,
        "Requester external id": "",
        "Requester email": email,
        "Requester domain": email.split("@")[1],
        "Submitter": t.requester if t.channel != "phone" else (t.assignee or t.requester),
        "Assignee": blank(t.assignee),
        "Group": blank(t.team),
        "Subject": t.subject,
        "Tags": " ".join(t.tags),
        "Status": status,
        "Priority": (t.priority or "").capitalize(),
        "Via": ZD_VIA_CSV[t.channel],
        "Ticket type": t.ttype.capitalize(),
        "Created at": local_naive(t.created),
        "Updated at": local_naive(t.updated),
        "Assigned at": local_naive(t.assigned_at),
        "Organization": f"Org {t.requester_id % 37}",
        "Due date": local_naive(t.due_date),
        "Initially assigned at": local_naive(t.assigned_at),
        "Solved at": local_naive(t.solved_at),
        "Resolution time": blank(full_hours),
        "Satisfaction Score": t.rating,
        "Group stations": m["group_stations"],
        "Assignee stations": m["assignee_stations"],
        "Reopens": len(t.reopens_at),
        "Replies": t.replies,
        "First reply time in minutes": blank(m["reply_cal"]),
        "First reply time in minutes within business hours": blank(m["reply_bus"]),
        "First resolution time in minutes": blank(m["first_res_cal"]),
        "First resolution time in minutes within business hours": blank(m["first_res_bus"]),
        "Full resolution time in minutes": blank(m["full_res_cal"]),
        "Full resolution time in minutes within business hours": blank(m["full_res_bus"]),
        "Agent wait time in minutes": m["agent_wait_cal"],
        "Agent wait time in minutes within business hours": m["agent_wait_bus"],
        "Requester wait time in minutes": m["req_wait_cal"],
        "Requester wait time in minutes within business hours": m["req_wait_bus"],
        "On hold time in minutes": m["on_hold_cal"],
        "On hold time in minutes within business hours": m["on_hold_bus"],
        "Product [list]": t.product or empty,
        "Notes [txt]": t.note,
    }


def write_zendesk_csv(out: str, tickets: list[Ticket]):
    # Main file: documented header names + the leading "Summation column" and custom
    # fields ("Product [list]", "Notes [txt]") that real exports carry.
    header = ["Summation column", *ZD_COLUMNS, "Product [list]", "Notes [txt]"]
    rows = []
    for _i, t in enumerate(tickets):
        d = zd_row(t, dash_empty_custom=False)
        rows.append([1] + [d[c] for c in header[1:]])
    write_csv(os.path.join(out, "zendesk", "tickets.csv"), header, rows)

    # Variant: the older spelling ("Id", "Requester id"), no summation column, "-" for
    # empty custom list values, saved by a spreadsheet (UTF-8 BOM, CRLF), rows newest first.
    rename = {"ID": "Id", "Requester ID": "Requester id"}
    vheader = [rename.get(c, c) for c in ZD_COLUMNS] + ["Product [list]", "Notes [txt]"]
    vrows = []
    for t in sorted(tickets, key=lambda t: t.id, reverse=True):
        d = zd_row(t, dash_empty_custom=True)
        vrows.append([d[c] for c in [*ZD_COLUMNS, "Product [list]", "Notes [txt]"]])
    write_csv(
        os.path.join(out, "zendesk", "tickets_variant.csv"), vheader, vrows, bom=True, crlf=True
    )


def zd_api_objects(t: Ticket) -> dict:
    m = metrics(t)
    gid = TEAMS[t.team][0] if t.team else None

    def mm(cal, bus):
        return {"calendar": cal, "business": bus}

    metric = {
        "id": 7000000 + t.id,
        "ticket_id": t.id,
        "url": f"https://example.zendesk.com/api/v2/ticket_metrics/{7000000 + t.id}.json",
        "group_stations": m["group_stations"],
        "assignee_stations": m["assignee_stations"],
        "reopens": len(t.reopens_at),
        "replies": t.replies,
        "assignee_updated_at": iso_z(t.first_response) or None,
        "requester_updated_at": iso_z(t.created),
        "status_updated_at": iso_z(t.updated),
        "initially_assigned_at": iso_z(t.assigned_at) or None,
        "assigned_at": iso_z(t.assigned_at) or None,
        "solved_at": iso_z(t.solved_at) or None,
        "latest_comment_added_at": iso_z(t.updated),
        "reply_time_in_minutes": mm(m["reply_cal"], m["reply_bus"]),
        "first_resolution_time_in_minutes": mm(m["first_res_cal"], m["first_res_bus"]),
        "full_resolution_time_in_minutes": mm(m["full_res_cal"], m["full_res_bus"]),
        "agent_wait_time_in_minutes": mm(m["agent_wait_cal"], m["agent_wait_bus"]),
        "requester_wait_time_in_minutes": mm(m["req_wait_cal"], m["req_wait_bus"]),
        "on_hold_time_in_minutes": mm(m["on_hold_cal"], m["on_hold_bus"]),
        "created_at": iso_z(t.created),
        "updated_at": iso_z(t.updated),
    }
    if t.rating in ("Good", "Bad"):
        sat = {
            "id": 5500000 + t.id,
            "url": f"https://example.zendesk.com/api/v2/satisfaction_ratings/{5500000 + t.id}.json",
            "assignee_id": AGENT_IDS.get(t.assignee),
            "group_id": gid,
            "requester_id": t.requester_id,
            "ticket_id": t.id,
            "score": t.rating.lower(),
            "comment": t.rating_comment,
            "created_at": iso_z(t.rating_at),
            "updated_at": iso_z(t.rating_at),
        }
    elif t.rating == "Offered":
        sat = {"score": "offered"}
    else:
        sat = {"score": "unoffered"}
    obj = {
        "url": f"https://example.zendesk.com/api/v2/tickets/{t.id}.json",
        "id": t.id,
        "external_id": None,
        "via": {"channel": ZD_VIA_API[t.channel], "source": {"from": {}, "to": {}, "rel": None}},
        "created_at": iso_z(t.created),
        "updated_at": iso_z(t.updated),
        "type": t.ttype,
        "subject": t.subject,
        "raw_subject": t.subject,
        "description": f"{t.subject}\n\n(sent by {t.requester})",
        "priority": t.priority,
        "status": t.status,
        "recipient": "support@example.com",
        "requester_id": t.requester_id,
        "submitter_id": t.requester_id,
        "assignee_id": AGENT_IDS.get(t.assignee),
        "organization_id": 100 + t.requester_id % 37,
        "group_id": gid,
        # enrichment (see FORMATS.md): the group's name next to its id
        "group": ({"id": gid, "name": t.team} if gid else None),
        "group_name": t.team,
        "collaborator_ids": [],
        "follower_ids": [],
        "email_cc_ids": [],
        "forum_topic_id": None,
        "problem_id": None,
        "has_incidents": False,
        "is_public": True,
        "due_at": iso_z(t.due_date) or None,
        "tags": t.tags,
        "custom_fields": [
            {"id": 360010001, "value": (t.product or "").lower().replace(" ", "_") or None},
            {"id": 360010002, "value": t.note or None},
        ],
        "satisfaction_rating": sat,
        "sharing_agreement_ids": [],
        "brand_id": 360000001,
        "allow_channelback": False,
        "allow_attachments": True,
        "generated_timestamp": int(t.updated.timestamp()),
    }
    # Incremental export with include=metric_sets embeds "metric_set"; other exporters
    # embed the Ticket Metrics object as "ticket_metrics". Both spellings occur here
    # (odd ids: metric_set, even ids: ticket_metrics).
    obj["metric_set" if t.id % 2 else "ticket_metrics"] = metric
    return obj


def write_zendesk_jsonl(out: str, tickets: list[Ticket]):
    path = os.path.join(out, "zendesk", "tickets.jsonl")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for t in tickets:
            f.write(json.dumps(zd_api_objects(t), ensure_ascii=False) + "\n")


FD_COLUMNS = [
    "Ticket ID",
    "Subject",
    "Status",
    "Priority",
    "Source",
    "Type",
    "Agent",
    "Group",
    "Created time",
    "Due by Time",
    "Resolved time",
    "Closed time",
    "Last update time",
    "Initial response time",
    "First response time (in hrs)",
    "Resolution time (in hrs)",
    "Agent interactions",
    "Customer interactions",
    "Resolution status",
    "First response status",
    "Tags",
    "Survey results",
    "Product",
    "Full name",
    "Email",
]
FD_SURVEY = {"Good": "Awesome", "Bad": "Not Good"}


def write_freshdesk(out: str, tickets: list[Ticket]):
    rows, api = [], []
    for t in tickets:
        fr_due, due = fd_due(t)
        st = fd_status(t)
        resolved = fd_resolved_at(t)
        closed = t.closed_at if t.status == "closed" else None
        frt_b = business_seconds(t.created, t.first_response) if t.first_response else None
        res_b = business_seconds(t.created, resolved) if resolved else None
        res_status = (
            "" if resolved is None else ("Within SLA" if resolved < due else "SLA Violated")
        )
        fr_status = (
            ""
            if t.first_response is None
            else ("Within SLA" if t.first_response < fr_due else "SLA Violated")
        )
        survey = FD_SURVEY.get(t.rating, "")
        if survey == "Awesome" and t.id % 4 == 0:
            survey = "Just Okay"
        email = requester_email(t)
        rows.append(
            [
                t.id,
                t.subject,
                FD_STATUS[st][1],
                FD_PRIORITY[t.prio][1],
                FD_SOURCE[t.channel][1],
                {
                    "question": "Question",
                    "incident": "Incident",
                    "problem": "Problem",
                    "task": "Question",
                }[t.ttype],
                blank(t.assignee),
                blank(t.team),
                local_naive(t.created),
                local_naive(due),
                local_naive(resolved),
                local_naive(closed),
                local_naive(t.updated),
                local_naive(t.first_response),
                hhmmss(frt_b),
                hhmmss(res_b),
                t.replies,
                t.inbound,
                res_status,
                fr_status,
                ",".join(t.tags),
                survey,
                blank(t.product),
                t.requester,
                email,
            ]
        )
        reopened_at = t.reopens_at[-1] if t.reopens_at else None
        pending_since = next((s for s, e, _ in reversed(t.pauses) if e is None), None)
        api.append(
            {
                "cc_emails": [],
                "fwd_emails": [],
                "reply_cc_emails": [],
                "ticket_cc_emails": [],
                "fr_escalated": (t.first_response or EXPORT_AT) > fr_due,
                "spam": False,
                "email_config_id": None,
                "group_id": TEAMS[t.team][0] if t.team else None,
                # enrichment (see FORMATS.md): Freshdesk's API gives only group_id
                "group": ({"id": TEAMS[t.team][0], "name": t.team} if t.team else None),
                "group_name": t.team,
                "priority": FD_PRIORITY[t.prio][0],
                "requester_id": t.requester_id,
                "responder_id": AGENT_IDS.get(t.assignee),
                "source": FD_SOURCE[t.channel][0],
                "company_id": None,
                "status": FD_STATUS[st][0],
                "subject": t.subject,
                "association_type": None,
                "support_email": "support@example.com",
                "to_emails": None,
                "product_id": None,
                "id": t.id,
                "type": {
                    "question": "Question",
                    "incident": "Incident",
                    "problem": "Problem",
                    "task": "Question",
                }[t.ttype],
                "due_by": iso_z(due),
                "fr_due_by": iso_z(fr_due),
                "is_escalated": (resolved or EXPORT_AT) > due,
                "custom_fields": {"cf_product": t.product},
                "created_at": iso_z(t.created),
                "updated_at": iso_z(t.updated),
                "associated_tickets_count": None,
                "tags": t.tags,
                "stats": {
                    "agent_responded_at": iso_z(t.first_response) or None,
                    "requester_responded_at": iso_z(reopened_at) or None,
                    "first_responded_at": iso_z(t.first_response) or None,
                    "status_updated_at": iso_z(t.updated),
                    "reopened_at": iso_z(reopened_at) or None,
                    "resolved_at": iso_z(resolved) or None,
                    "closed_at": iso_z(closed) or None,
                    "pending_since": iso_z(pending_since) or None,
                },
            }
        )
    write_csv(os.path.join(out, "freshdesk", "tickets.csv"), FD_COLUMNS, rows)
    with open(os.path.join(out, "freshdesk", "tickets.json"), "w", encoding="utf-8") as f:
        json.dump(api, f, ensure_ascii=False, indent=1)


def write_truth(out: str, tickets: list[Ticket]):
    def conv(v):
        if isinstance(v, datetime):
            return iso_z(v)
        if isinstance(v, (list, tuple)):
            return [conv(x) for x in v]
        return v

    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(
            [{k: conv(v) for k, v in asdict(t).items()} for t in tickets],
            f,
            indent=1,
            ensure_ascii=False,
        )


def check(tickets: list[Ticket]):
    """Self-checks on the generated truth (fail loudly, never write inconsistent files)."""
    for t in tickets:
        evs = (
            [
                t.created,
                t.assigned_at,
                t.first_response,
                t.closed_at,
                t.rating_at,
                t.updated,
                t.due_date,
            ]
            + t.solves
            + t.reopens_at
            + [x for p in t.pauses for x in p[:2]]
        )
        for e in evs:
            if e is None:
                continue
            assert not (DST_REPEAT[0] <= e < DST_REPEAT[1]), (t.id, e)
            if e is not t.due_date:
                assert e < datetime(2026, 11, 20, tzinfo=UTC), (t.id, e)
        if t.first_response:
            assert t.first_response >= t.created
            assert (t.first_response - t.created).total_seconds() % 60 == 0, t.id
        for s in t.solves:
            assert s >= t.created
        assert t.solves == sorted(t.solves)
        if t.status in ("solved", "closed"):
            assert t.solves
        if t.rating_at:
            assert t.rating_at >= t.solved_at
            assert t.rating_at.isocalendar()[:2] == t.solved_at.isocalendar()[:2], t.id
        # naive Berlin round trip (first occurrence) must give back the instant
        for e in [t.created, t.first_response, t.solved_at, t.closed_at]:
            if e is None:
                continue
            naive = datetime.strptime(local_naive(e), "%Y-%m-%d %H:%M:%S")
            assert naive.replace(tzinfo=BERLIN, fold=0).astimezone(UTC) == e, (t.id, e)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=47)
    a = ap.parse_args(argv)
    tickets = generate(a.seed)
    check(tickets)
    os.makedirs(a.outdir, exist_ok=True)
    for sub in ("canonical", "canonical_freshdesk", "zendesk", "freshdesk"):
        os.makedirs(os.path.join(a.outdir, sub), exist_ok=True)
    write_canonical(a.outdir, tickets)
    write_zendesk_csv(a.outdir, tickets)
    write_zendesk_jsonl(a.outdir, tickets)
    write_freshdesk(a.outdir, tickets)
    write_truth(a.outdir, tickets)
    counts = {}
    for t in tickets:
        counts[t.status] = counts.get(t.status, 0) + 1
    print(
        f"{len(tickets)} tickets written to {a.outdir} (statuses: {dict(sorted(counts.items()))})"
    )


if __name__ == "__main__":
    main()
