"""Deterministic generator of a tricky but VALID canonical dataset (SPEC §6, §10, §11).

Usage:  python make_dataset.py OUTDIR [--seed N]

Writes tickets.csv, csat.csv, pulse.csv, qa_reviews.csv, agents.csv, escalations.csv.
Standard library only.

Time range: tickets are created 2026-09-14 (Mon, W38) .. 2026-11-16 (Mon, W47); every instant
is before 2026-11-20 00:00 UTC.  ISO week 2026-W42 (2026-10-12 .. 2026-10-19) is an EMPTY week:
no event of any kind (no creation, reply, solve, rating, answer, review, escalation step, SLA
deadline) falls in it.  Backlog (a state) and turnover / headcount still exist there.

Edge cases deliberately included (see comments below): later-week solves, never-answered tickets,
reopened tickets (open/pending with solved_at), solves without agent response, first_response_minutes
only / both columns (disagreeing: the timestamp must win), ticket due times, mixed timestamp forms
(Z, +02:00, -05:00, +0200, +02, naive with/without seconds, fractional seconds), priorities in mixed
case / 'medium' / missing, missing team, missing agent_replies / reopens, 'on-hold' status, ticket
floors + escalations to floors 2 and 3, CSAT on 1-5 / 0-10 / 0-1 (incl. exact 0.75 boundary),
rating of an unknown ticket, pulse with/without respondent ids and team, several questions and
scales, small teams (suppression), subtraction case, QA categories / weights / N/A / critical < 50
and == 50 / critical N/A / overall-only / calibration / all-N/A review / unknown agent, a roster with
hires and leavers (voluntary / involuntary / other / blank) from 2023 on, separation exactly at
the window edges, quoted comments with commas, quotes and newlines, non-canonical header spelling
in qa_reviews.csv ("Review ID", "Scale Min", ...).
"""

import argparse
import csv
import math
import os
import random
from datetime import UTC, date, datetime, timedelta, timezone

UTC = UTC
START = datetime(2026, 9, 14, tzinfo=UTC)  # Monday of 2026-W38
EMPTY_S = datetime(2026, 10, 12, tzinfo=UTC)  # 2026-W42 start
EMPTY_E = EMPTY_S + timedelta(days=7)
W41_S = EMPTY_S - timedelta(days=7)
W41_CREATE_END = W41_S + timedelta(days=3)  # W41 tickets only Mon..Wed (deadlines before W42)
CREATE_END = datetime(2026, 11, 17, tzinfo=UTC)  # tickets created before Tue of W47
LIMIT = datetime(2026, 11, 19, 23, 0, tzinfo=UTC)  # every instant < LIMIT < 2026-11-20
TEAMS = ["Billing", "Tech Support", "Onboarding", "Enterprise"]
POLICY = {"urgent": (15, 240), "high": (60, 480), "normal": (240, 1440), "low": (480, 4320)}


def week_start(label):
    y, w = label.split("-W")
    return datetime.fromisocalendar(int(y), int(w), 1).replace(tzinfo=UTC)


def in_empty(t):
    return t is not None and EMPTY_S <= t < EMPTY_E


def avoid_empty(t):
    """Shift an event out of the empty week; None if it would be at/after LIMIT."""
    if t is None:
        return None
    if in_empty(t):
        t = t + timedelta(days=7)
    if t >= LIMIT:
        return None
    return t


class Fmt:
    """Timestamp renderer with mixed ISO-8601 forms (all valid per SPEC §10/§11)."""

    def __init__(self, rng):
        self.rng = rng

    def __call__(self, t, style=None):
        if t is None:
            return ""
        styles = ["Z", "naive_T", "naive_space", "p0200c", "m0500c", "p0200", "p02", "naive_T_sec"]
        weights = [5, 4, 3, 3, 2, 1, 1, 2]
        if style is None:
            style = self.rng.choices(styles, weights)[0]
        if t.microsecond:
            # keep fractional seconds exactly
            if style in ("naive_space", "naive_T"):
                style = "naive_T_sec"
        if style == "naive_space" and t.second:
            style = "naive_T_sec"
        if style == "naive_T" and t.second:
            style = "naive_T_sec"

        def body(dt, sep="T", secs=True):
            s = dt.strftime("%Y-%m-%d") + sep + dt.strftime("%H:%M")
            if secs or dt.second or dt.microsecond:
                s += dt.strftime(":%S")
                if dt.microsecond:
                    s += ".%06d" % dt.microsecond
                    s = s.rstrip("0")
            return s

        if style == "Z":
            return body(t) + "Z"
        if style == "naive_T":
            return body(t, "T", secs=False)
        if style == "naive_T_sec":
            return body(t, "T", secs=True)
        if style == "naive_space":
            return body(t, " ", secs=False)
        if style == "p0200c":
            return body(t.astimezone(timezone(timedelta(hours=2)))) + "+02:00"
        if style == "m0500c":
            return body(t.astimezone(timezone(timedelta(hours=-5))), " ") + "-05:00"
        if style == "p0200":
            return body(t.astimezone(timezone(timedelta(hours=2)))) + "+0200"
        if style == "p02":
            return body(t.astimezone(timezone(timedelta(hours=2)))) + "+02"
        raise ValueError(style)


def lognorm(rng, median, sigma):
    return median * math.exp(rng.gauss(0, sigma))


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


# ---------------------------------------------------------------- agents
def make_agents(rng):
    agents = []  # dicts
    sizes = {"Billing": 12, "Tech Support": 14, "Onboarding": 8, "Enterprise": 9}
    n = 0
    for team, size in sizes.items():
        for _ in range(size):
            n += 1
            hired = date(2023, 1, 9) + timedelta(days=rng.randrange(0, 900))
            agents.append(
                {
                    "agent_id": "A%03d" % n,
                    "team": team,
                    "hired_on": hired,
                    "left_on": None,
                    "leave_type": "",
                }
            )
    # one agent with no team (counts in company headcount only)
    n += 1
    agents.append(
        {
            "agent_id": "A%03d" % n,
            "team": "",
            "hired_on": date(2024, 2, 1),
            "left_on": None,
            "leave_type": "",
        }
    )
    # leavers: (team, left_on, leave_type)
    leavers = [
        (
            "Billing",
            date(2025, 11, 3),
            "voluntary",
        ),  # == d-363 of W44 (d=2026-11-01): in W44 window, not W45
        (
            "Billing",
            date(2026, 11, 1),
            "involuntary",
        ),  # == d of W44: separation, not in headcount on d
        ("Tech Support", date(2025, 8, 20), "voluntary"),  # before every window
        ("Tech Support", date(2026, 3, 2), "Voluntary"),
        ("Tech Support", date(2026, 10, 20), "other"),
        ("Onboarding", date(2026, 1, 15), "INVOLUNTARY"),
        ("Enterprise", date(2025, 12, 1), ""),  # leaver without leave type
        ("Enterprise", date(2026, 9, 28), "voluntary"),
        ("Billing", date(2025, 10, 27), "voluntary"),  # == d-363 of W43 (d=2026-10-25)
    ]
    used = set()
    for team, left, lt in leavers:
        cands = [
            a
            for a in agents
            if a["team"] == team
            and a["agent_id"] not in used
            and a["hired_on"] < left - timedelta(days=60)
        ]
        a = rng.choice(cands)
        used.add(a["agent_id"])
        a["left_on"] = left
        a["leave_type"] = lt
    # new hires, some during the reported weeks
    hires = [
        ("Onboarding", date(2026, 2, 2)),
        ("Tech Support", date(2026, 10, 26)),
        ("Enterprise", date(2026, 10, 5)),
        ("Billing", date(2026, 11, 16)),
        ("Billing", date(2025, 12, 15)),
        ("Tech Support", date(2026, 9, 21)),
    ]
    for team, h in hires:
        n += 1
        agents.append(
            {
                "agent_id": "A%03d" % n,
                "team": team,
                "hired_on": h,
                "left_on": None,
                "leave_type": "",
            }
        )
    # someone hired and gone inside the year
    n += 1
    agents.append(
        {
            "agent_id": "A%03d" % n,
            "team": "Onboarding",
            "hired_on": date(2026, 4, 6),
            "left_on": date(2026, 8, 31),
            "leave_type": "voluntary",
        }
    )
    return agents


def employed(a, day):
    return a["hired_on"] <= day and (a["left_on"] is None or a["left_on"] > day)


# ---------------------------------------------------------------- tickets
def rand_created(rng):
    while True:
        t = START + timedelta(
            minutes=rng.randrange(int((CREATE_END - START).total_seconds() // 60))
        )
        if EMPTY_S <= t < EMPTY_E:
            continue
        if W41_CREATE_END <= t < EMPTY_S:  # keep SLA deadlines out of the empty week
            continue
        if rng.random() < 0.1:
            t = t.replace(second=rng.randrange(60))
        if rng.random() < 0.03:
            t = t.replace(microsecond=500000)
        return t


def prio_text(rng, p):
    r = rng.random()
    if p == "normal":
        return rng.choice(["normal", "Normal", "medium", "MEDIUM", "Medium", "", "normal"])
    if r < 0.5:
        return p
    if r < 0.75:
        return p.upper()
    return p.capitalize()


def make_tickets(rng, fmt, agents):
    tickets = []
    n_tickets = 420
    team_agents = {t: [a["agent_id"] for a in agents if a["team"] == t] for t in TEAMS}
    for i in range(1, n_tickets + 1):
        tid = "T%04d" % i
        created = rand_created(rng)
        prio = rng.choices(["urgent", "high", "normal", "low"], [1, 2, 5, 2])[0]
        team = rng.choice(TEAMS) if rng.random() > 0.05 else ""
        kind = rng.random()
        # outcome: solved / reopened / unsolved
        if kind < 0.70:
            outcome = "solved"
        elif kind < 0.77:
            outcome = "reopened"
        else:
            outcome = "unsolved"
        responded = rng.random() < 0.85 or outcome == "reopened"
        fr = None
        if responded:
            mins = lognorm(rng, 8, 1.1)
            if rng.random() < 0.5:
                mins = round(mins)
            fr = created + timedelta(seconds=round(mins * 60))
            fr = avoid_empty(fr)
            if fr is None:
                responded = False
        solved = None
        if outcome in ("solved", "reopened"):
            hrs = lognorm(rng, 16, 1.2)
            solved = created + timedelta(seconds=round(hrs * 3600 / 60) * 60)
            if fr is not None and solved < fr:
                solved = fr + timedelta(minutes=rng.randrange(0, 90))
            solved = avoid_empty(solved)
            if solved is None:
                outcome = "unsolved"
        if outcome == "reopened" and fr is None:
            outcome = "unsolved"
            solved = None
        if outcome == "unsolved":
            solved = None
        # zero-duration solve / reply sometimes (valid)
        if i % 97 == 0 and outcome == "solved" and fr is not None:
            fr = created
        if outcome == "solved":
            status = rng.choice(["solved", "solved", "closed", "Solved", "CLOSED"])
        elif outcome == "reopened":
            status = rng.choice(["open", "pending", "Open"])
        else:
            status = rng.choice(
                ["new", "open", "open", "pending", "hold", "On-Hold", "on hold", "OPEN"]
            )
        # first response representation
        fr_at_txt, fr_min_txt = "", ""
        if fr is not None:
            mode = rng.random()
            true_min = (fr - created).total_seconds() / 60
            if mode < 0.6:
                fr_at_txt = fmt(fr)
            elif mode < 0.8:
                fr_min_txt = (f"{true_min:g}") if true_min != int(true_min) else str(int(true_min))
            else:
                fr_at_txt = fmt(fr)
                # disagreeing minutes (e.g. business minutes): the timestamp wins
                fr_min_txt = str(max(0, int(true_min) + rng.choice([-3, 5, 30, 120])))
        # replies / reopens
        if outcome in ("solved", "reopened"):
            replies = 0 if fr is None else rng.choices([1, 2, 3, 4], [6, 3, 2, 1])[0]
        else:
            replies = 0 if fr is None else rng.choice([1, 1, 2])
        replies_txt = "" if rng.random() < 0.15 else str(replies)
        if outcome == "reopened":
            reopens_txt = rng.choice(["1", "2", "1", ""])
        else:
            reopens_txt = "" if rng.random() < 0.25 else rng.choices(["0", "1"], [9, 1])[0]
        # floors
        floor_txt = ""
        if rng.random() < 0.35:
            floor_txt = rng.choices(["1", "2", "3"], [7, 2, 1])[0]
        # due times
        fdue = rdue = None
        if rng.random() < 0.22:
            frm, resm = POLICY[prio]
            if rng.random() < 0.8:
                fdue = created + timedelta(minutes=frm + rng.choice([0, 0, 10, 45, 300]))
            if rng.random() < 0.8:
                rdue = created + timedelta(minutes=resm + rng.choice([0, 60, 600, 1440]))
        assignee = rng.choice(team_agents[team]) if team else ""
        tickets.append(
            {
                "ticket_id": tid,
                "created": created,
                "fr": fr,
                "solved": solved,
                "status": status,
                "prio": prio,
                "team": team,
                "row": [
                    tid,
                    fmt(created),
                    fr_at_txt,
                    fr_min_txt,
                    fmt(solved),
                    status,
                    prio_text(rng, prio),
                    rng.choice(["email", "chat", "phone", "web"]),
                    team,
                    assignee,
                    "cust%03d@example.com" % rng.randrange(500),
                    replies_txt,
                    reopens_txt,
                    floor_txt,
                    fmt(fdue),
                    fmt(rdue),
                ],
            }
        )
    return tickets


TICKET_HEADER = [
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
    "first_response_due_at",
    "resolution_due_at",
]


# ---------------------------------------------------------------- escalations
def make_escalations(rng, fmt, tickets):
    rows = []
    for t in tickets:
        r = rng.random()
        if r > 0.20:
            continue
        created = t["created"]
        esc2 = avoid_empty(created + timedelta(minutes=rng.randrange(5, 360)))
        if esc2 is None:
            continue
        only3 = r < 0.03
        if not only3:
            asg = None
            if rng.random() < 0.9:
                asg = avoid_empty(esc2 + timedelta(seconds=round(lognorm(rng, 9, 0.8) * 60)))
            dec = None
            if rng.random() < 0.4:
                dec = avoid_empty(esc2 + timedelta(minutes=rng.randrange(30, 900)))
            rows.append(
                [
                    t["ticket_id"],
                    rng.choice(["2", "2", " 2"]).strip(),
                    fmt(esc2),
                    fmt(asg),
                    fmt(dec),
                ]
            )
        if only3 or rng.random() < 0.3:
            esc3 = avoid_empty(esc2 + timedelta(minutes=rng.randrange(20, 600)))
            if esc3 is None:
                continue
            asg3 = (
                avoid_empty(esc3 + timedelta(minutes=rng.randrange(1, 30)))
                if rng.random() < 0.5
                else None
            )
            dec3 = None
            if rng.random() < 0.85:
                dec3 = avoid_empty(esc3 + timedelta(seconds=round(lognorm(rng, 55, 0.7) * 60)))
            rows.append([t["ticket_id"], "3", fmt(esc3), fmt(asg3), fmt(dec3)])
    return rows


# ---------------------------------------------------------------- csat
def make_csat(rng, fmt, tickets):
    rows = []
    comments = [
        "",
        "",
        "",
        "Great, thanks!",
        'Said "soon", took days, meh',
        "line one\nline two, with comma",
        "ok;fine|whatever\ttab",
    ]
    for t in tickets:
        if t["solved"] is None or rng.random() > 0.6:
            continue
        n_r = 2 if rng.random() < 0.05 else 1
        for k in range(n_r):
            at = avoid_empty(t["solved"] + timedelta(minutes=rng.randrange(10, 3000) + 4000 * k))
            if at is None:
                continue
            s = rng.random()
            if s < 0.65:
                score = rng.choices(["1", "2", "3", "4", "5"], [1, 1, 2, 5, 8])[0]
                lo, hi = "", ""
            elif s < 0.72:
                score = rng.choice(["3", "4", "5"])
                lo, hi = "1", "5"
            elif s < 0.87:
                score = rng.choice(["10", "9", "8", "7.5", "7", "6", "3", "0"])
                lo, hi = "0", "10"
            else:
                score = rng.choice(["1", "0.75", "0.5", "0.74", "0", "1.0"])
                lo, hi = "0", "1"
            rows.append([t["ticket_id"], fmt(at), score, lo, hi, rng.choice(comments)])
    # a rating for a ticket that is not loaded (kept; counts company-wide only)
    rows.append(
        ["T9999", fmt(datetime(2026, 10, 28, 10, 0, tzinfo=UTC)), "2", "1", "5", "unknown ticket"]
    )
    return rows


# ---------------------------------------------------------------- pulse
QUESTIONS = [("energy", "", ""), ("workload", "1", "5"), ("enps", "0", "10"), ("support", "", "")]
# per week: team -> number of distinct respondents (named + anonymous); None = default
PULSE_SCENARIO = {
    "2026-W39": {"Onboarding": 3, "Enterprise": 6, "Billing": 9, "Tech Support": 10},  # subtraction
    "2026-W40": {"Onboarding": 4, "Enterprise": 4},  # two hidden
    "2026-W43": {"Enterprise": 3, "Billing": 5, "Onboarding": 6, "Tech Support": 9},  # subtraction
    "2026-W45": {"Onboarding": 0},  # team no_data
    "2026-W47": {
        "Onboarding": 0,
        "Enterprise": 1,
        "Billing": 2,
        "Tech Support": 1,
    },  # company hidden
}


def make_pulse(rng, fmt, agents):
    rows = []
    rid = 0
    weeks = ["2026-W%02d" % w for w in range(38, 48) if w != 42]
    for wk in weeks:
        s = week_start(wk)
        span_days = 7 if wk != "2026-W47" else 3
        sunday = (s + timedelta(days=6)).date()
        for team in TEAMS:
            pool = [a for a in agents if a["team"] == team and employed(a, sunday)]
            want = PULSE_SCENARIO.get(wk, {}).get(team)
            if want is None:
                want = max(5, int(len(pool) * rng.uniform(0.55, 0.9)))
            chosen = rng.sample(pool, want)
            for j, a in enumerate(chosen):
                anonymous = (j == 0 and rng.random() < 0.5) or rng.random() < 0.05
                qs = [QUESTIONS[0]] if anonymous else rng.sample(QUESTIONS, rng.choice([2, 3, 4]))
                base = s + timedelta(seconds=rng.randrange(span_days * 86400 - 3600))
                for k, (q, lo, hi) in enumerate(qs):
                    at = base + timedelta(seconds=17 * k)
                    if q == "enps":
                        score = str(rng.choices(range(11), [1, 1, 1, 1, 1, 2, 3, 4, 5, 4, 3])[0])
                    else:
                        score = str(rng.choices([1, 2, 3, 4, 5], [1, 2, 4, 6, 4])[0])
                    rid += 1
                    resp_id = (
                        "P%05d" % rid if rng.random() > 0.08 else ""
                    )  # some rows without response_id
                    ans_team = team if (anonymous or rng.random() > 0.04 or k == 0) else ""
                    comment = rng.choice(
                        ["", "", "", "too many tickets", 'we need "real" breaks, please']
                    )
                    rows.append(
                        [
                            resp_id,
                            fmt(at),
                            "" if anonymous else a["agent_id"],
                            ans_team,
                            q,
                            score,
                            lo,
                            hi,
                            comment,
                        ]
                    )
        # a couple of answers with no team at all (company only), not in W47
        if wk != "2026-W47":
            rid += 1
            rows.append(
                [
                    "P%05d" % rid,
                    fmt(s + timedelta(hours=30, seconds=rid)),
                    "",
                    "",
                    "energy",
                    str(rng.randint(1, 5)),
                    "",
                    "",
                    "",
                ]
            )
    return rows


# ---------------------------------------------------------------- QA
def make_qa(rng, fmt, agents):
    rows = []
    rid = 0
    weeks = ["2026-W%02d" % w for w in range(38, 48) if w != 42]

    def bool_txt(v):
        return (
            rng.choice(["true", "TRUE", "yes", "1"])
            if v
            else rng.choice(["", "false", "no", "0", "False"])
        )

    for wk in weeks:
        s = week_start(wk)
        span = 7 if wk != "2026-W47" else 3
        n_rev = 16 if wk != "2026-W47" else 6
        for j in range(n_rev):
            rid += 1
            review = "R%04d" % rid
            when = s + timedelta(seconds=rng.randrange(span * 86400 - 3600))
            when_txt = fmt(when)
            pool = [a for a in agents if employed(a, when.date())]
            agent = rng.choice(pool)["agent_id"]
            if wk == "2026-W44" and j == 0:
                agent = "A999"  # not in the roster: company only
            reviewer = rng.choice(["qa.kim", "qa.lee", "qa.ng"])
            ticket = "T%04d" % rng.randrange(1, 400)
            kind = rng.random()
            calib = rng.random() < 0.1
            cal_txt = bool_txt(calib)  # same text on every row of the review
            if kind < 0.3:
                # overall-only review
                if rng.random() < 0.7:
                    rows.append(
                        [
                            review,
                            when_txt,
                            agent,
                            reviewer,
                            ticket,
                            "",
                            str(rng.choice([72, 85, 88.5, 90, 94, 97, 100, 61.25])),
                            "",
                            "",
                            "",
                            "",
                            cal_txt,
                        ]
                    )
                else:
                    rows.append(
                        [
                            review,
                            when_txt,
                            agent,
                            reviewer,
                            ticket,
                            "",
                            str(rng.choice([3, 4, 5, 4.5])),
                            "1",
                            "5",
                            "",
                            "",
                            cal_txt,
                        ]
                    )
                continue
            cats = [
                ("tone", "", "", "0", "100"),
                ("accuracy", "", "2", "1", "5"),
                ("process", "", "0.5", "0", "10"),
                ("compliance", "crit", "", "1", "5"),
            ]
            special = None
            if j == 1:
                special = "crit_below"  # critical category < 50 -> review 0
            elif j == 2:
                special = "crit_50"  # critical exactly 50 -> not zeroed
            elif j == 3:
                special = "crit_na"  # critical N/A -> zeroes nothing
            elif j == 4 and wk in ("2026-W39", "2026-W45"):
                special = "all_na"  # no score, left out
            elif j == 5:
                special = "weight0"
            for cat, crit, weight, lo, hi in cats:
                _lo_i, hi_i = float(lo), float(hi)
                if hi_i == 5:
                    score = rng.choices([1, 2, 3, 4, 5], [1, 1, 2, 5, 5])[0]
                elif hi_i == 10:
                    score = rng.choice([4, 6, 7, 8, 8.5, 9, 10])
                else:
                    score = rng.choice([40, 65, 80, 88, 92.5, 100])
                if crit and special is None and score == 1:
                    score = 4
                score_txt = str(score)
                if special == "crit_below" and crit:
                    score_txt = "2"  # 25 on 1..5
                if special == "crit_50" and crit:
                    score_txt = "3"  # exactly 50 on 1..5
                if special == "crit_na" and crit:
                    score_txt = ""
                if special == "all_na":
                    score_txt = ""
                if special is None and cat == "tone" and rng.random() < 0.2:
                    score_txt = ""  # N/A category
                w = weight
                if special == "weight0" and cat == "process":
                    w = "0"
                crit_txt = bool_txt(bool(crit))
                # omit scale columns for the default 0..100 sometimes
                lo_txt, hi_txt = (
                    (lo, hi) if not (lo == "0" and hi == "100" and rng.random() < 0.5) else ("", "")
                )
                rows.append(
                    [
                        review,
                        when_txt,
                        agent,
                        reviewer,
                        ticket,
                        cat,
                        score_txt,
                        lo_txt,
                        hi_txt,
                        w,
                        crit_txt,
                        cal_txt,
                    ]
                )
    return rows


QA_HEADER = [
    "Review ID",
    "Reviewed At",
    "Agent",
    "Reviewer",
    "Ticket ID",
    "Category",
    "Score",
    "Scale Min",
    "Scale Max",
    " Weight ",
    "Critical",
    "Calibration",
]


def edge_cases():
    """Hand-made boundary tickets (week edges, inclusive deadlines, offsets across midnight)."""
    E = ""
    # ticket_id, created, fr_at, fr_min, solved, status, prio, team, replies, reopens, floor, fdue, rdue
    t = [
        # created exactly at W44-end minus 7 days (not in W44 backlog), solved exactly at W45 end
        (
            "X01",
            "2026-10-26T02:00:00+02:00",
            "2026-10-26T00:20:00Z",
            E,
            "2026-11-08T19:00:00-05:00",
            "solved",
            "low",
            "Billing",
            "2",
            "0",
            E,
            E,
            E,
        ),
        # offset pushes creation into W44 (UTC); urgent, reply and solve exactly at the deadlines
        (
            "X02",
            "2026-11-02T01:30:00+02:00",
            "2026-11-01T23:45:00Z",
            E,
            "2026-11-02 03:30",
            "closed",
            "URGENT",
            "Billing",
            "1",
            E,
            E,
            E,
            E,
        ),
        # minutes only, exactly at the high-priority deadline
        (
            "X03",
            "2026-11-04 10:00",
            E,
            "60",
            "2026-11-04T18:00:00Z",
            "solved",
            "High",
            "Tech Support",
            "1",
            "0",
            E,
            E,
            E,
        ),
        # due times stricter than the policy: missed in SLA, still within 24 h
        (
            "X04",
            "2026-11-03T08:00:00Z",
            "2026-11-03T08:45:00Z",
            E,
            "2026-11-04T04:00:00Z",
            "solved",
            "medium",
            "Onboarding",
            "1",
            "0",
            E,
            "2026-11-03T08:30:00Z",
            "2026-11-03T18:00:00Z",
        ),
        # solve without any response, exactly at the urgent first-response deadline
        (
            "X05",
            "2026-11-05T12:00:00Z",
            E,
            E,
            "2026-11-05T12:15:00Z",
            "solved",
            "urgent",
            "Enterprise",
            "0",
            E,
            E,
            E,
            E,
        ),
        # reopened: pending with a solved_at
        (
            "X06",
            "2026-10-27T09:00:00Z",
            "2026-10-27T09:05:00Z",
            E,
            "2026-10-27T20:00:00Z",
            "pending",
            "normal",
            "Billing",
            "2",
            "1",
            E,
            E,
            E,
        ),
        # first response exactly at W45 start
        (
            "X07",
            "2026-11-01T23:00:00Z",
            "2026-11-02T01:00:00+01:00",
            E,
            "2026-11-03T10:00:00Z",
            "solved",
            "low",
            "Enterprise",
            "1",
            "0",
            E,
            E,
            E,
        ),
        # ticket floor 1 but escalated to 3; ticket floor 3 with escalation to 2
        (
            "X08",
            "2026-11-03T09:00:00Z",
            "2026-11-03T09:04:00Z",
            E,
            "2026-11-03T15:00:00Z",
            "solved",
            "high",
            "Tech Support",
            "1",
            "0",
            "1",
            E,
            E,
        ),
        (
            "X09",
            "2026-11-03T10:00:00Z",
            "2026-11-03T10:02:00Z",
            E,
            "2026-11-03T16:00:00Z",
            "solved",
            "high",
            "Tech Support",
            "1",
            "0",
            "3",
            E,
            E,
        ),
        # created in W45 at 00:00 local +02:00 == Sunday 22:00 UTC of W44; never answered, unsolved
        ("X10", "2026-11-02T00:00:00+02:00", E, E, E, "new", "", "", E, E, E, E, E),
    ]
    rows = []
    for tid, c, fa, fm, sv, st, pr, tm, rp, ro, fl, fd, rd in t:
        rows.append(
            [tid, c, fa, fm, sv, st, pr, "email", tm, "", "edge@example.com", rp, ro, fl, fd, rd]
        )
    esc = [
        ["X08", "3", "2026-11-03T10:00:00Z", E, "2026-11-03T11:00:00Z"],
        ["X09", "2", "2026-11-03T10:10:00Z", "2026-11-03T10:20:00Z", E],
        ["X07", "2", "2026-11-01T23:50:00Z", "2026-11-02T00:00:00Z", E],
    ]  # assigned exactly at W45 start
    csat = [
        ["X01", "2026-11-09T00:00:00Z", "7.5", "0", "10", "exactly 0.75 at a week start"],
        ["X02", "2026-11-02T00:00:00+00:00", "0.75", "0", "1", ""],
    ]
    return rows, esc, csat


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=20261120)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    fmt = Fmt(rng)
    os.makedirs(args.outdir, exist_ok=True)
    agents = make_agents(rng)
    tickets = make_tickets(rng, fmt, agents)
    esc = make_escalations(rng, fmt, tickets)
    csat = make_csat(rng, fmt, tickets)
    pulse = make_pulse(rng, fmt, agents)
    qa = make_qa(rng, fmt, agents)
    e_t, e_e, e_c = edge_cases()
    for r in e_t:
        tickets.append({"row": r})
    esc += e_e
    csat += e_c
    write_csv(
        os.path.join(args.outdir, "agents.csv"),
        ["agent_id", "hired_on", "team", "left_on", "leave_type"],
        [
            [
                a["agent_id"],
                a["hired_on"].isoformat(),
                a["team"],
                a["left_on"].isoformat() if a["left_on"] else "",
                a["leave_type"],
            ]
            for a in agents
        ],
    )
    write_csv(os.path.join(args.outdir, "tickets.csv"), TICKET_HEADER, [t["row"] for t in tickets])
    write_csv(
        os.path.join(args.outdir, "escalations.csv"),
        ["ticket_id", "floor", "escalated_at", "assigned_at", "decided_at"],
        esc,
    )
    write_csv(
        os.path.join(args.outdir, "csat.csv"),
        ["ticket_id", "rated_at", "score", "scale_min", "scale_max", "comment"],
        csat,
    )
    write_csv(
        os.path.join(args.outdir, "pulse.csv"),
        [
            "response_id",
            "submitted_at",
            "respondent",
            "team",
            "question",
            "score",
            "scale_min",
            "scale_max",
            "comment",
        ],
        pulse,
    )
    write_csv(os.path.join(args.outdir, "qa_reviews.csv"), QA_HEADER, qa)
    print(
        "wrote %d agents, %d tickets, %d escalations, %d ratings, %d pulse answers, %d QA rows to %s"
        % (len(agents), len(tickets), len(esc), len(csat), len(pulse), len(qa), args.outdir)
    )


if __name__ == "__main__":
    main()
