"""The offline HTML of a published snapshot: figures as the metadata formats them, hostile text
escaped, nothing fetched from anywhere, well-formed charts, same bytes for the same snapshot."""

from __future__ import annotations

import copy
import html
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from scorecard.snapshot_html import FOOTER, to_html

WEEKS = [f"2026-W{n}" for n in range(34, 47)]  # 13 weeks, the last one published
HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
FINGERPRINT = "0123456789ab" + "cdef" * 13

# id, label, unit, value, target, operator, status, owner, n, headline, previous value
METRICS = [
    (
        "morale_pulse",
        "Morale Pulse Score",
        "points",
        78.2,
        85.0,
        ">=",
        "missed",
        "People Ops",
        123,
        True,
        77.0,
    ),
    ("csat", "End-User Satisfaction", "%", 91.3, 90.0, ">=", "met", "Support Ops", 640, True, 92.0),
    ("frt", "First Response Time (FRT)", "min", 7.4, 8.0, "<", "met", "Ops", 1890, True, 9.1),
    (
        "resolution_time",
        "Resolution Time",
        "h",
        25.0,
        24.0,
        "<",
        "near",
        "Helpdesk",
        1720,
        True,
        25.0,
    ),
    ("backlog", "Backlog", "tickets", 42.0, 50.0, "<", "met", "Operations", 42, True, 61.0),
    ("qa_score", "QA Quality Score", "%", None, 92.0, ">=", "no_data", None, None, True, 90.5),
    ("agent_turnover", "Agent Turnover", "%", 9.5, 8.0, "<=", "near", "People Ops", 210, True, 9.0),
    (
        "sla_adherence",
        "SLA Adherence",
        "%",
        93.1,
        95.0,
        ">=",
        "missed",
        "Operations",
        3100,
        True,
        94.0,
    ),
    (
        "fcr",
        "First Contact Resolution",
        "%",
        71.0,
        70.0,
        ">=",
        "met",
        "Support Ops",
        900,
        False,
        70.5,
    ),
    (
        "resolved_24h",
        "Resolved within 24 h",
        "%",
        78.0,
        80.0,
        ">=",
        "near",
        "Helpdesk",
        1720,
        False,
        79.0,
    ),
    (
        "floor1_resolution",
        "Closed on Floor 1",
        "%",
        74.0,
        75.0,
        ">=",
        "near",
        "Support Ops",
        800,
        False,
        74.0,
    ),
    (
        "time_to_specialist",
        "Time to specialist (Floor 2)",
        "min",
        9.0,
        10.0,
        "<=",
        "met",
        "Support Ops",
        140,
        False,
        11.0,
    ),
    (
        "floor3_decision_time",
        "Floor 3 time to decision",
        "min",
        55.0,
        60.0,
        "<=",
        "met",
        "Risk & Compliance",
        30,
        False,
        58.0,
    ),
    (
        "pulse_participation",
        "Pulse participation",
        "%",
        None,
        70.0,
        ">=",
        "suppressed",
        "People Ops",
        None,
        False,
        72.0,
    ),
    (
        "escalation_rate",
        "Escalation rate (retired)",
        "%",
        4.25,
        None,
        None,
        "no_target",
        "Ops",
        75,
        False,
        4.0,
    ),
    ("reopen_rate", "Reopen rate (retired)", "%", 3.0, 5.0, "<=", "met", None, 60, False, None),
]


def _series(value: float | None, target: float | None, operator: str | None, status: str):
    """13 weeks wobbling around the published value; the last week is the published one."""
    base = 50.0 if value is None else value
    weeks = []
    for index, week in enumerate(WEEKS[:-1]):
        weeks.append(
            {
                "week": week,
                "start": f"2026-08-{24 + index}" if index < 7 else "2026-09-01",
                "value": round(base + ((index * 7) % 5 - 2) * 0.6, 1),
                "target": target,
                "operator": operator,
                "status": "met" if index % 3 else "near",
            }
        )
    weeks.append(
        {
            "week": WEEKS[-1],
            "start": "2026-11-09",
            "value": value,
            "target": target,
            "operator": operator,
            "status": status,
        }
    )
    return weeks


def _entry(row):
    metric_id, label, unit, value, target, operator, status, owner, n, headline, previous = row
    return {
        "id": metric_id,
        "label": label,
        "unit": unit,
        "value": value,
        "target": target,
        "operator": operator,
        "status": status,
        "owner": owner,
        "n": n,
        "headline": headline,
        "notes": [],
        "series": _series(value, target, operator, status),
        "change": {
            "previous_week": "2026-W45",
            "previous_value": previous,
            "previous_status": "near",
        },
    }


@pytest.fixture
def snapshot():
    return build_snapshot()


def build_snapshot():
    """A published week as the publisher stores it: 16 metrics (8 headline, 2 with ids that
    metrics.toml no longer declares), 13 weeks each, with gaps, a target change and notes."""
    metrics = [_entry(row) for row in METRICS]
    morale = metrics[0]
    # Gaps: W41 has no value (suppressed), and the target starts only at W36 and rises at W44.
    morale["series"][7].update(value=None, status="suppressed")
    morale["series"][0].update(target=None, operator=None, status="no_target")
    morale["series"][1].update(target=None, operator=None, status="no_target")
    for week in morale["series"][10:]:
        week["target"] = 85.0
    for week in morale["series"][2:10]:
        week["target"] = 80.0
    morale["series"][6].update(value=81.2, status="met")  # 2026-W40
    morale["notes"] = [
        {
            "note_id": 3,
            "team": "Payments",
            "author": "Sam",
            "owner": "People Ops",
            "text": "Dip after the reorg.\nFollow-up 1:1s booked & tracked.",
            "status": "in progress",
            "created_at": "2026-11-12T09:30:00+00:00",
            "edited_at": None,
        }
    ]
    metrics[2]["notes"] = [
        {
            "note_id": 4,
            "team": None,
            "author": "Lee",
            "owner": "Ops",
            "text": "Night shift staffed again.",
            "status": "done",
            "created_at": "2026-11-10T08:00:00+00:00",
            "edited_at": "2026-11-11T08:15:00+00:00",
        }
    ]
    metrics[-1]["change"] = None
    return {
        "week": "2026-W46",
        "start": "2026-11-09T00:00:00+00:00",
        "end": "2026-11-16T00:00:00+00:00",
        "revision": 2,
        "published_by": "Dana",
        "published_at": "2026-11-13T16:00:00+00:00",
        "fingerprint": FINGERPRINT,
        "loads": [
            {"load_id": 1, "file_name": "tickets.csv", "checksum": "ab" * 32, "rows_loaded": 10},
            {"load_id": 2, "file_name": "pulse.csv", "checksum": "cd" * 32, "rows_loaded": 2500},
        ],
        "metrics": metrics,
    }


@pytest.fixture
def hostile(snapshot):
    """Every person-typed field carries a script or an attribute break-out."""
    script, breakout = HOSTILE
    snapshot["published_by"] = breakout
    morale = snapshot["metrics"][0]
    morale["owner"] = script
    morale["notes"][0].update(
        text=f"before {script} after", author=breakout, owner=breakout, team=script
    )
    return snapshot


class _Parsed(HTMLParser):
    """Start tags, attribute names and nesting errors of a document."""

    VOID = frozenset(
        {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}
    )

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: set[str] = set()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.feed(text)
        self.close()
        self.errors += [f"unclosed <{tag}>" for tag in self.stack]

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self.attributes.update(name for name, _ in attrs)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):  # <x/>: opened and closed at once
        self.tags[tag] += 1
        self.attributes.update(name for name, _ in attrs)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")


def _row(out: str, label: str) -> str:
    """The HTML of the scorecard table row of one metric."""
    rows = [
        row for row in re.findall(r"<tr>.*?</tr>", out, flags=re.S) if html.escape(label) in row
    ]
    assert len(rows) == 1, label
    return rows[0]


def _card(out: str, anchor: str) -> str:
    match = re.search(rf'<article class="card" id="{anchor}">.*?</article>', out, flags=re.S)
    assert match, anchor
    return match.group(0)


def _cells(row: str) -> list[str]:
    """The row's cells as text, tags dropped and entities decoded."""
    cells = re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, flags=re.S)
    return [_plain_text(cell) for cell in cells]


def _plain_text(fragment: str) -> str:
    """What a reader sees: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_values_and_targets_use_the_metric_formatting(snapshot):
    out = to_html(snapshot)
    assert _cells(_row(out, "Morale Pulse Score"))[1:3] == ["78.2", "≥ 85"]
    assert _cells(_row(out, "End-User Satisfaction"))[1:3] == ["91.3 %", "≥ 90 %"]
    assert _cells(_row(out, "First Response Time (FRT)"))[1:3] == ["7.4 min", "< 8 min"]
    assert _cells(_row(out, "Backlog"))[1:3] == ["42", "< 50"]
    assert _cells(_row(out, "Floor 3 time to decision"))[1:3] == ["55.0 min", "≤ 60 min"]


def test_table_row_has_status_word_owner_and_n(snapshot):
    cells = _cells(_row(to_html(snapshot), "Morale Pulse Score"))
    assert cells[3] == "✗ missed"
    assert cells[5:] == ["People Ops", "123"]
    assert _cells(_row(to_html(snapshot), "SLA Adherence"))[6] == "3,100"


def test_every_metric_label_is_in_the_table_and_headlines_have_cards(snapshot):
    out = to_html(snapshot)
    for entry in snapshot["metrics"]:
        assert html.escape(entry["label"]) in _row(out, entry["label"])
    cards = re.findall(r'<article class="card" id="m-([a-z0-9_]+)">', out)
    assert cards == [entry["id"] for entry in snapshot["metrics"] if entry["headline"]]


def test_secondary_metrics_are_marked_and_headlines_are_not(snapshot):
    out = to_html(snapshot)
    for entry in snapshot["metrics"]:
        assert ("secondary" in _row(out, entry["label"])) is (not entry["headline"]), entry["id"]


def test_header_summary_and_footer(snapshot):
    out = to_html(snapshot)
    text = _plain_text(out)
    assert "<title>Weekly scorecard 2026-W46</title>" in out
    assert "9 Nov 2026 – 15 Nov 2026" in text
    assert "Revision 2 · published by Dana on 13 Nov 2026, 16:00 UTC" in text
    assert f"Fingerprint {FINGERPRINT[:12]} · 2 data loads" in text
    assert FINGERPRINT not in out  # the short form only
    assert "Headline (8): 3 ✓ met · 2 ≈ near · 2 ✗ missed · 1 – no data" in text
    assert (
        "All metrics (16): 7 ✓ met · 4 ≈ near · 2 ✗ missed · 1 – no data · 1 ⊘ suppressed · 1 · no target"
        in text
    )
    assert FOOTER in text


def test_change_arrow_and_colour_follow_the_metric_direction(snapshot):
    out = to_html(snapshot)
    # Higher is better: morale up 1.2 is better; CSAT down 0.7 is worse.
    assert '<span class="good">▲ +1.2 better</span>' in _row(out, "Morale Pulse Score")
    assert '<span class="bad">▼ −0.7 % worse</span>' in _row(out, "End-User Satisfaction")
    # Lower is better: FRT down is better; turnover up is worse; backlog uses whole tickets.
    assert '<span class="good">▼ −1.7 min better</span>' in _row(out, "First Response Time (FRT)")
    assert '<span class="bad">▲ +0.5 % worse</span>' in _row(out, "Agent Turnover")
    assert '<span class="good">▼ −19 better</span>' in _row(out, "Backlog")
    assert "= no change" in _row(out, "Resolution Time")
    assert "vs 2026-W45: 77.0 (near)" in _row(out, "Morale Pulse Score")


def test_none_values_render_as_a_dash(snapshot):
    out = to_html(snapshot)
    qa = _cells(_row(out, "QA Quality Score"))
    assert qa[1] == "—" and qa[5] == "—" and qa[6] == "—"  # value, owner, n
    assert qa[4].startswith("—")  # no change without a value
    assert _cells(_row(out, "Escalation rate (retired)"))[2] == "—"  # no target
    assert _cells(_row(out, "Reopen rate (retired)"))[4] == "—"  # no previous week


def test_unknown_metric_ids_still_render_with_plain_formatting(snapshot):
    out = to_html(snapshot)
    assert _cells(_row(out, "Reopen rate (retired)"))[1:3] == ["3.0 %", "≤ 5.0 %"]
    # Direction unknown: the change is shown, neither good nor bad.
    assert '<span class="flat">▲ +0.2 %</span>' in _row(out, "Escalation rate (retired)")


def test_hostile_text_is_escaped_everywhere(hostile):
    out = to_html(hostile)
    script, breakout = HOSTILE
    assert script not in out and breakout not in out
    assert html.escape(script) in out and html.escape(breakout) in out
    assert f"before {html.escape(script)} after" in out  # the note text
    assert f"published by {html.escape(breakout)} on" in out
    assert html.escape(script) in _row(out, "Morale Pulse Score")  # the owner
    parsed = _Parsed(out)
    assert not parsed.errors
    assert not {"script", "img"} & set(parsed.tags)
    assert "onerror" not in parsed.attributes


def test_hostile_label_and_week_are_escaped_in_svg_tooltips(snapshot):
    morale = snapshot["metrics"][0]
    morale["label"] = HOSTILE[1]
    morale["series"][3]["week"] = HOSTILE[0]
    out = to_html(snapshot)
    assert HOSTILE[0] not in out and HOSTILE[1] not in out
    assert f"<title>{html.escape(HOSTILE[0])}: " in out
    assert "img" not in _Parsed(out).tags


def test_note_keeps_line_breaks_as_escaped_text(snapshot):
    out = to_html(snapshot)
    assert (
        '<p class="note-text">Dip after the reorg.\nFollow-up 1:1s booked &amp; tracked.</p>' in out
    )
    assert "white-space:pre-wrap" in out
    notes = out[out.index("<h2>Notes</h2>") :]
    text = _plain_text(notes)
    assert "◐ in progress Sam · owner People Ops · team Payments · 12 Nov 2026, 09:30 UTC" in text
    assert (
        "● done Lee · owner Ops · team all teams · 10 Nov 2026, 08:00 UTC, edited 11 Nov 2026, 08:15 UTC"
        in text
    )
    assert notes.index("Morale Pulse Score") < notes.index("First Response Time (FRT)")


def test_output_fetches_nothing_and_runs_nothing(snapshot):
    out = to_html(snapshot).lower()
    for forbidden in (
        "http://",
        "https://",
        "<script",
        "<link",
        "src=",
        "@import",
        "url(",
        "<iframe",
        "<img",
    ):
        assert forbidden not in out, forbidden
    parsed = _Parsed(out)
    assert not any(name.startswith("on") for name in parsed.attributes)


def test_page_is_responsive_and_printable(snapshot):
    out = to_html(snapshot)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in out
    print_rules = out[out.index("@media print") :]
    assert ".card" in print_rules and "break-inside:avoid" in print_rules
    assert "background:none" in print_rules
    assert "@media (max-width:700px)" in out


def test_output_is_deterministic(snapshot):
    first = to_html(snapshot)
    assert to_html(copy.deepcopy(snapshot)) == first
    assert to_html(snapshot) == first


def test_document_and_charts_are_well_formed(snapshot):
    parsed = _Parsed(to_html(snapshot))
    assert parsed.errors == []
    assert parsed.tags["svg"] == 8 and parsed.tags["table"] == 1


def test_series_with_gaps_breaks_the_line_and_marks_the_gap(snapshot):
    card = _card(to_html(snapshot), "m-morale_pulse")
    parsed = _Parsed(card)
    assert parsed.errors == []
    # W41 has no value: the line is drawn in two pieces, from W34–W40 and from W42–W46.
    lines = re.findall(r'<polyline points="([^"]*)"', card)
    assert [len(points.split()) for points in lines] == [7, 5]
    assert "<title>2026-W40: 81.2 (met), target ≥ 80</title>" in card
    assert "<title>2026-W41: — (suppressed)</title>" in card
    # Target: none for two weeks, then 80 from W36 and 85 from W44: one line, one step up.
    target = re.search(r'<path d="(M[^"]*)"[^>]*stroke-dasharray', card).group(1)
    assert re.fullmatch(r"M[\d.]+ ([\d.]+)H[\d.]+V([\d.]+)H310.0", target)
    # Axis labels: value range and first/last week.
    assert ">2026-W34</text>" in card and ">2026-W46</text>" in card
    assert ">85.0</text>" in card


def test_chart_points_carry_status_by_colour_and_shape(snapshot):
    card = _card(to_html(snapshot), "m-morale_pulse")
    assert card.count("<rect ") == 1  # the one missed week, the published one
    assert re.search(r'<rect class="pt-missed" [^>]*><title>2026-W46: 78.2 \(missed\)', card)
    assert card.count('<circle class="pt-near"') == 2  # W37 and W43
    assert card.count('<circle class="pt-met"') == 7  # the rest but W41, which has no value
    assert card.count('<circle class="pt-no_target"') == 2  # W34 and W35
    assert ".pt-near{fill:#fff;stroke:var(--near)" in to_html(snapshot)  # near is hollow


def test_all_missing_series_has_no_chart_but_a_message(snapshot):
    qa = snapshot["metrics"][5]
    qa["series"] = [dict(week, value=None, target=None) for week in qa["series"]]
    card = _card(to_html(snapshot), "m-qa_score")
    assert "<svg" not in card and "No trend data." in card


def test_size_is_small(snapshot):
    for entry in snapshot["metrics"]:
        entry["headline"] = True  # the worst case: a chart for every metric
    assert len(to_html(snapshot).encode("utf-8")) < 60_000
