"""Independent reference implementation of the 14 scorecard metrics (SPEC §2, §4, §5, §10).

Plain Python, standard library only; reads the canonical CSV files written by make_dataset.py.

    python reference.py DATADIR 2026-W47 [--team T]     -> prints JSON like `report --format json`

Open choices made where the SPEC leaves room (each one is a CHOICE, not a SPEC quote):
  C1  backlog always has a value (a count, possibly 0 -> `met`), never no_data, for the company
      and for a team (§10 "Zero is a value").
  C2  pulse_participation is `no_data` (value None, n 0) when the group has no pulse answer in the
      week (mirrors morale_pulse "With no answers at all the status is no_data"), and when the
      headcount on the week's last day is 0.  Otherwise respondents / headcount(d) * 100, n = headcount(d).
  C3  agent_turnover is `no_data` (n 0) only when the mean headcount of the 52 sample days is 0.
      Every separation counts (voluntary, involuntary, other, blank leave type).
  C4  Subtraction rule (§10): "teams" are the named teams that have at least one pulse answer in
      that week; a team with no answers is no_data and is neither "the suppressed one" nor a
      candidate "smallest other team".  Answers with no team count for the company only.
  C5  "Any floor information is loaded" is judged over the whole loaded data (any non-blank
      tickets.floor or any escalation row), not per week or team.
  C6  A ticket with a missing team is team "Unassigned" (§6); it counts company-wide.  A rating /
      escalation of a ticket that is not loaded, or a QA review of an agent not in the roster (or
      with no team), counts company-wide only.
  C7  First-response fulfilment for SLA: the first response (first_response_at, else created_at +
      first_response_minutes); without one, the solve of a solved/closed ticket; otherwise none
      (decided at the deadline, missed).  The dataset avoids reopened tickets without a response.
  C8  Status tolerance: near when round(|round(v,9) - target|, 9) <= round(0.05 * target, 9).
  C9  Durations use exact instants (fractional seconds kept); minutes = seconds / 60, hours =
      seconds / 3600.  Percentages = 100 * part / whole.
  C10 QA: a review with any category row is a category review; an overall-only review is the
      row with a blank category (the dataset never mixes both in one review).  Weight blank = 1.
  C11 Subtraction rule, as the product extends §10 to keep §5's promise: the smallest other
      team is also hidden when the hidden teams plus the answers with no team together have
      between 1 and MIN_GROUP - 1 respondents (two tiny teams, or a few answers without a team,
      would otherwise be company minus the visible teams).
  C12 Turnover follows the same rule (the product's reading of issue 6, "leavers are people"):
      a group's people are the agents hired by d who are still there or left on or after
      d - 363; a team under MIN_GROUP people is suppressed, with the C11 subtraction rule; the
      company is suppressed under MIN_GROUP people.
"""

import csv
import json
import math
import os
import re
from datetime import UTC, date, datetime, timedelta, timezone

UTC = UTC

TARGETS = {  # id: (operator, target, unit, label)
    "morale_pulse": (">=", 85.0),
    "csat": (">=", 90.0),
    "frt": ("<", 8.0),
    "resolution_time": ("<", 24.0),
    "backlog": ("<", 50.0),
    "qa_score": (">=", 92.0),
    "agent_turnover": ("<=", 8.0),
    "sla_adherence": (">=", 95.0),
    "fcr": (">=", 70.0),
    "resolved_24h": (">=", 80.0),
    "floor1_resolution": (">=", 75.0),
    "time_to_specialist": ("<=", 10.0),
    "floor3_decision_time": ("<=", 60.0),
    "pulse_participation": (">=", 70.0),
}
METRICS = list(TARGETS)
POLICY = {"urgent": (15, 240), "high": (60, 480), "normal": (240, 1440), "low": (480, 4320)}
NEAR = 0.05
# Alternative readings of C1 / C2 (the product's observed behaviour); compare.py --alt-choices sets them.
ALT_BACKLOG = False  # backlog no_data when the group has no ticket created before E
ALT_PARTICIPATION = False  # participation = 0 % (n = headcount) when the group has no answer
BACKLOG_DAYS = 7
MIN_GROUP = 5

# ------------------------------------------------------------------ parsing

TS_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)


def parse_ts(s):
    s = (s or "").strip()
    if not s:
        return None
    m = TS_RE.match(s)
    if not m:
        raise ValueError(f"bad timestamp {s!r}")
    y, mo, d, hh, mi, ss, frac, off = m.groups()
    us = 0
    if frac:
        us = round(float("0." + frac) * 1_000_000)
    dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0), us)
    if off is None or off in ("Z", "z"):
        tz = UTC
    else:
        sign = 1 if off[0] == "+" else -1
        digits = off[1:].replace(":", "")
        h = int(digits[:2])
        m_ = int(digits[2:4]) if len(digits) > 2 else 0
        tz = timezone(sign * timedelta(hours=h, minutes=m_))
    return dt.replace(tzinfo=tz).astimezone(UTC)


def parse_date(s):
    s = (s or "").strip()
    return date.fromisoformat(s) if s else None


def parse_num(s):
    s = (s or "").strip()
    return float(s) if s else None


def parse_bool(s):
    s = (s or "").strip().lower()
    if s in ("true", "yes", "1"):
        return True
    if s in ("false", "no", "0", ""):
        return False
    raise ValueError(f"bad boolean {s!r}")


def norm_col(c):
    return re.sub(r"[\s_]", "", c.strip().lower())


def read_rows(path):
    """List of dicts keyed by normalised column name (SPEC §10: ignore case, spaces, underscores)."""
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8-sig") as f:
        r = csv.reader(f)
        header = [norm_col(h) for h in next(r)]
        out = []
        for row in r:
            out.append(
                {
                    h: (v.strip() if h not in ("comment",) else v)
                    for h, v in zip(header, row, strict=False)
                }
            )
    return out


def g(row, col):
    return row.get(norm_col(col), "")


class Data:
    def __init__(self, folder):
        self.tickets = {}
        for r in read_rows(os.path.join(folder, "tickets.csv")):
            created = parse_ts(g(r, "created_at"))
            fr_at = parse_ts(g(r, "first_response_at"))
            fr_min = parse_num(g(r, "first_response_minutes"))
            if fr_at is None and fr_min is not None:
                fr_at = created + timedelta(minutes=fr_min)  # the timestamp wins when both
            status = g(r, "status").lower().replace("-", " ")
            if status == "on hold":
                status = "hold"
            prio = g(r, "priority").lower() or "normal"
            if prio == "medium":
                prio = "normal"
            floor = g(r, "floor")
            t = {
                "id": g(r, "ticket_id"),
                "created": created,
                "fr": fr_at,
                "solved_at": parse_ts(g(r, "solved_at")),
                "status": status,
                "prio": prio,
                "team": g(r, "team") or "Unassigned",
                "replies": None if g(r, "agent_replies") == "" else int(g(r, "agent_replies")),
                "reopens": 0 if g(r, "reopens") == "" else int(g(r, "reopens")),
                "floor": int(floor) if floor else None,
                "fr_due": parse_ts(g(r, "first_response_due_at")),
                "res_due": parse_ts(g(r, "resolution_due_at")),
            }
            t["is_solved"] = t["status"] in ("solved", "closed")
            # final solve: only a solved/closed ticket is solved (§4)
            t["solve"] = t["solved_at"] if t["is_solved"] else None
            self.tickets[t["id"]] = t
        self.csat = []
        for r in read_rows(os.path.join(folder, "csat.csv")):
            lo = parse_num(g(r, "scale_min"))
            hi = parse_num(g(r, "scale_max"))
            lo = 1.0 if lo is None else lo
            hi = 5.0 if hi is None else hi
            self.csat.append(
                {
                    "ticket": g(r, "ticket_id"),
                    "at": parse_ts(g(r, "rated_at")),
                    "x": (float(g(r, "score")) - lo) / (hi - lo),
                }
            )
        self.pulse = []
        for r in read_rows(os.path.join(folder, "pulse.csv")):
            lo = parse_num(g(r, "scale_min"))
            hi = parse_num(g(r, "scale_max"))
            lo = 1.0 if lo is None else lo
            hi = 5.0 if hi is None else hi
            self.pulse.append(
                {
                    "at": parse_ts(g(r, "submitted_at")),
                    "resp": g(r, "respondent") or None,
                    "team": g(r, "team") or None,
                    "v": (float(g(r, "score")) - lo) / (hi - lo) * 100,
                }
            )
        self.agents = {}
        for r in read_rows(os.path.join(folder, "agents.csv")):
            self.agents[g(r, "agent_id")] = {
                "team": g(r, "team") or None,
                "hired": parse_date(g(r, "hired_on")),
                "left": parse_date(g(r, "left_on")),
                "type": g(r, "leave_type").lower(),
            }
        # QA: group rows per review
        reviews = {}
        for r in read_rows(os.path.join(folder, "qa_reviews.csv")):
            rid = g(r, "review_id")
            rv = reviews.setdefault(
                rid,
                {
                    "at": parse_ts(g(r, "reviewed_at")),
                    "agent": g(r, "agent"),
                    "calibration": False,
                    "cats": [],
                    "overall": None,
                },
            )
            if parse_bool(g(r, "calibration")):
                rv["calibration"] = True
            lo = parse_num(g(r, "scale_min"))
            hi = parse_num(g(r, "scale_max"))
            lo = 0.0 if lo is None else lo
            hi = 100.0 if hi is None else hi
            score = parse_num(g(r, "score"))
            cat = g(r, "category")
            if cat == "":
                rv["overall"] = (score - lo) / (hi - lo) * 100
            else:
                w = parse_num(g(r, "weight"))
                rv["cats"].append(
                    {
                        "cat": cat,
                        "x": None if score is None else (score - lo) / (hi - lo) * 100,
                        "w": 1.0 if w is None else w,
                        "crit": parse_bool(g(r, "critical")),
                    }
                )
        self.reviews = []
        for rid, rv in reviews.items():
            if rv["cats"]:
                scored = [c for c in rv["cats"] if c["x"] is not None]
                if not scored:
                    continue  # all N/A: no score, left out
                if any(c["crit"] and c["x"] < 50 for c in scored):
                    s = 0.0
                else:
                    s = sum(c["w"] * c["x"] for c in scored) / sum(c["w"] for c in scored)
            else:
                s = rv["overall"]
            self.reviews.append(
                {
                    "id": rid,
                    "at": rv["at"],
                    "agent": rv["agent"],
                    "calibration": rv["calibration"],
                    "score": s,
                }
            )
        self.esc = []
        for r in read_rows(os.path.join(folder, "escalations.csv")):
            self.esc.append(
                {
                    "ticket": g(r, "ticket_id"),
                    "floor": int(g(r, "floor")),
                    "esc": parse_ts(g(r, "escalated_at")),
                    "asg": parse_ts(g(r, "assigned_at")),
                    "dec": parse_ts(g(r, "decided_at")),
                }
            )
        self.any_floor = bool(self.esc) or any(
            t["floor"] is not None for t in self.tickets.values()
        )
        self.max_esc_floor = {}
        for e in self.esc:
            self.max_esc_floor[e["ticket"]] = max(
                self.max_esc_floor.get(e["ticket"], 0), e["floor"]
            )

    # -------------------------------------------------------------- helpers
    def ticket_team(self, tid):
        t = self.tickets.get(tid)
        return t["team"] if t else None

    def agent_team(self, aid):
        a = self.agents.get(aid)
        return a["team"] if a else None

    def headcount(self, day, team):
        return sum(
            1
            for a in self.agents.values()
            if (team is None or a["team"] == team)
            and a["hired"] <= day
            and (a["left"] is None or a["left"] > day)
        )


def median(xs):
    a = sorted(xs)
    n = len(a)
    pos = (n - 1) * 0.5
    lo = math.floor(pos)
    hi = math.ceil(pos)
    return a[lo] + (a[hi] - a[lo]) * (pos - lo)


def week_bounds(label):
    y, w = label.split("-W")
    s = datetime.fromisocalendar(int(y), int(w), 1).replace(tzinfo=UTC)
    return s, s + timedelta(days=7)


def judge(mid, value):
    op, t = TARGETS[mid]
    v = round(value, 9)
    ok = {"<": v < t, "<=": v <= t, ">": v > t, ">=": v >= t}[op]
    if ok:
        return "met"
    short = round(abs(v - t), 9)
    return "near" if short <= round(NEAR * t, 9) else "missed"


def result(mid, value, n):
    if value is None:
        return {"value": None, "n": 0, "status": "no_data"}
    return {"value": value, "n": n, "status": judge(mid, value)}


SUPPRESSED = {"value": None, "n": None, "status": "suppressed"}


# ------------------------------------------------------------------ metrics


def compute(data, week, team=None):
    S, E = week_bounds(week)
    d = (E - timedelta(days=1)).date()  # the week's last day

    def inw(t):
        return t is not None and S <= t < E

    tk = [t for t in data.tickets.values() if team is None or t["team"] == team]
    out = {}

    # frt
    xs = [(t["fr"] - t["created"]).total_seconds() / 60 for t in tk if inw(t["fr"])]
    out["frt"] = result("frt", median(xs) if xs else None, len(xs))

    # resolution_time
    solved = [t for t in tk if inw(t["solve"])]
    xs = [(t["solve"] - t["created"]).total_seconds() / 3600 for t in solved]
    out["resolution_time"] = result("resolution_time", median(xs) if xs else None, len(xs))

    # backlog
    cut = E - timedelta(days=BACKLOG_DAYS)
    bl = [t for t in tk if t["created"] < cut and (t["solve"] is None or t["solve"] >= E)]
    if ALT_BACKLOG and not any(t["created"] < E for t in tk):
        out["backlog"] = result("backlog", None, 0)
    else:
        out["backlog"] = result("backlog", float(len(bl)), len(bl))

    # sla adherence and resolved_24h
    met = dec = 0
    met24 = dec24 = 0
    for t in tk:
        frm, resm = POLICY[t["prio"]]
        # first response target
        dl = t["fr_due"] or (t["created"] + timedelta(minutes=frm))
        ful = t["fr"] if t["fr"] is not None else t["solve"]
        when = dl if ful is None else min(ful, dl)
        if inw(when):
            dec += 1
            met += ful is not None and ful <= dl
        # resolution target
        dl = t["res_due"] or (t["created"] + timedelta(minutes=resm))
        ful = t["solve"]
        when = dl if ful is None else min(ful, dl)
        if inw(when):
            dec += 1
            met += ful is not None and ful <= dl
        # resolved within 24 h (calendar, no due times)
        dl = t["created"] + timedelta(hours=24)
        when = dl if ful is None else min(ful, dl)
        if inw(when):
            dec24 += 1
            met24 += ful is not None and ful <= dl
    out["sla_adherence"] = result("sla_adherence", 100.0 * met / dec if dec else None, dec)
    out["resolved_24h"] = result("resolved_24h", 100.0 * met24 / dec24 if dec24 else None, dec24)

    # fcr
    known = [t for t in solved if t["replies"] is not None]
    good = [t for t in known if t["replies"] <= 1 and t["reopens"] == 0]
    out["fcr"] = result("fcr", 100.0 * len(good) / len(known) if known else None, len(known))

    # floor1_resolution
    if data.any_floor:
        fl = [max(t["floor"] or 1, data.max_esc_floor.get(t["id"], 1)) for t in solved]
        out["floor1_resolution"] = result(
            "floor1_resolution",
            100.0 * sum(1 for f in fl if f == 1) / len(fl) if fl else None,
            len(fl),
        )
    else:
        out["floor1_resolution"] = result("floor1_resolution", None, 0)

    # escalations
    es = [e for e in data.esc if team is None or data.ticket_team(e["ticket"]) == team]
    xs = [
        (e["asg"] - e["esc"]).total_seconds() / 60 for e in es if e["floor"] == 2 and inw(e["asg"])
    ]
    out["time_to_specialist"] = result("time_to_specialist", median(xs) if xs else None, len(xs))
    xs = [
        (e["dec"] - e["esc"]).total_seconds() / 60 for e in es if e["floor"] == 3 and inw(e["dec"])
    ]
    out["floor3_decision_time"] = result(
        "floor3_decision_time", median(xs) if xs else None, len(xs)
    )

    # csat
    rs = [
        r
        for r in data.csat
        if inw(r["at"]) and (team is None or data.ticket_team(r["ticket"]) == team)
    ]
    sat = sum(1 for r in rs if r["x"] >= 0.75)
    out["csat"] = result("csat", 100.0 * sat / len(rs) if rs else None, len(rs))

    # qa
    rv = [
        r
        for r in data.reviews
        if inw(r["at"])
        and not r["calibration"]
        and (team is None or data.agent_team(r["agent"]) == team)
    ]
    out["qa_score"] = result(
        "qa_score", sum(r["score"] for r in rv) / len(rv) if rv else None, len(rv)
    )

    # turnover
    lo = d - timedelta(days=363)
    seps = sum(
        1
        for a in data.agents.values()
        if (team is None or a["team"] == team) and a["left"] is not None and lo <= a["left"] <= d
    )
    hc = [data.headcount(d - timedelta(days=7 * k), team) for k in range(52)]
    mean_hc = sum(hc) / 52
    hc_d = data.headcount(d, team)
    out["agent_turnover"] = result(
        "agent_turnover", 100.0 * seps / mean_hc if mean_hc else None, hc_d
    )
    # C12: the roster's anonymity — people of the year per team, the §10 rule as in C11.
    in_year = [
        a
        for a in data.agents.values()
        if a["hired"] <= d and (a["left"] is None or a["left"] >= lo)
    ]
    year_teams = {}
    for a in in_year:
        if a["team"] is not None:
            year_teams[a["team"]] = year_teams.get(a["team"], 0) + 1
    small = {t for t, count in year_teams.items() if count < MIN_GROUP}
    beyond_people = sum(1 for a in in_year if a["team"] is None or a["team"] in small)
    if len(in_year) >= MIN_GROUP and (len(small) == 1 or 0 < beyond_people < MIN_GROUP):
        others = sorted((count, t) for t, count in year_teams.items() if t not in small)
        if others:
            small.add(others[0][1])
    roster_hidden = 0 < len(in_year) < MIN_GROUP if team is None else team in small
    if roster_hidden:
        out["agent_turnover"] = dict(SUPPRESSED)

    # pulse: morale + participation with anonymity
    answers = [p for p in data.pulse if inw(p["at"])]

    def respondents(rows):
        named = {p["resp"] for p in rows if p["resp"] is not None}
        return len(named) + sum(1 for p in rows if p["resp"] is None)

    by_team = {}
    for p in answers:
        if p["team"] is not None:
            by_team.setdefault(p["team"], []).append(p)
    comp_resp = respondents(answers)
    hidden = {t for t, rows in by_team.items() if respondents(rows) < MIN_GROUP}
    # C11: what the company holds beyond the visible teams (hidden teams + answers with no
    # team) is itself a group the company total exposes by subtraction.
    beyond = [p for p in answers if p["team"] is None or p["team"] in hidden]
    exposed = len(hidden) == 1 or 0 < respondents(beyond) < MIN_GROUP
    if comp_resp >= MIN_GROUP and exposed:
        others = sorted((respondents(rows), t) for t, rows in by_team.items() if t not in hidden)
        if others:
            hidden.add(others[0][1])
    rows = answers if team is None else by_team.get(team, [])
    hc_d = data.headcount(d, team)
    if not rows:
        out["morale_pulse"] = result("morale_pulse", None, 0)
        out["pulse_participation"] = result(
            "pulse_participation",
            0.0 if (ALT_PARTICIPATION and hc_d) else None,
            hc_d if ALT_PARTICIPATION else 0,
        )
    elif (team is None and comp_resp < MIN_GROUP) or (team is not None and team in hidden):
        out["morale_pulse"] = dict(SUPPRESSED)
        out["pulse_participation"] = dict(SUPPRESSED)
    else:
        out["morale_pulse"] = result(
            "morale_pulse", sum(p["v"] for p in rows) / len(rows), len(rows)
        )
        out["pulse_participation"] = result(
            "pulse_participation", 100.0 * respondents(rows) / hc_d if hc_d else None, hc_d
        )
    out["_debug"] = {
        "company_respondents": comp_resp,
        "team_respondents": {t: respondents(r) for t, r in sorted(by_team.items())},
        "hidden": sorted(hidden),
    }
    return out


def main():
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("week")
    ap.add_argument("--team")
    a = ap.parse_args()
    data = Data(a.folder)
    res = compute(data, a.week, a.team)
    print(json.dumps(res, indent=1, default=str))


if __name__ == "__main__":
    main()
