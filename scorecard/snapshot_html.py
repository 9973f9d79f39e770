"""A published weekly scorecard snapshot as one self-contained HTML file, for reading offline.

The file makes no network request and needs no JavaScript: the styles are inline, the trend
charts are inline SVG drawn here, and nothing links outside the file (so the output holds no
URL at all, not even an SVG namespace, which HTML5 does not need). It reads on a phone (the
table turns into stacked rows on narrow screens) and prints (no backgrounds, cards kept whole).

Every text that came from a person (owners, notes, authors, teams, the publisher) is escaped.
Figures are formatted with the metric metadata of data/metrics.toml; a metric id that is no
longer declared there still renders, with plain formatting. The output depends only on the
snapshot, so the same snapshot always gives the same bytes.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .metrics import STATUS_WORDS, UNIT_SUFFIX, Metric, get_metric

# A mark beside each word, so a status reads without colour (and in black-and-white print).
STATUS_MARKS = {
    "met": "✓",
    "near": "≈",
    "missed": "✗",
    "no_data": "–",
    "suppressed": "⊘",
    "no_target": "·",
}
SUMMARY_STATUSES = ("met", "near", "missed", "no_data", "suppressed", "no_target")
ALWAYS_COUNTED = ("met", "near", "missed", "no_data")  # the others only when they occur
NOTE_MARKS = {"open": "○", "in progress": "◐", "done": "●"}
OPERATOR_SIGNS = {"<=": "≤", ">=": "≥"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DASH = "—"
FOOTER = "Frozen snapshot — figures as published; they do not change when new data is loaded."

VALUE_COLOUR = "#1f4e79"
TARGET_COLOUR = "#555555"
GRID_COLOUR = "#d0d7de"

# The palette is scorecard.charts' STATUS_COLOURS, with "near" darkened so white text on it
# stays readable; the charts' points take it through the pt-* classes.
CSS = """
:root{--met:#1a7f37;--near:#9a6700;--missed:#c62828;--none:#6b6b6b;--ink:#1b1f24;
--muted:#57606a;--line:#d0d7de}
*{box-sizing:border-box}
body{margin:0;background:#f6f8fa;color:var(--ink);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:0 0 4px}
h2{font-size:1.15rem;margin:24px 0 8px}
h3{font-size:1rem;margin:0 0 4px}
p{margin:2px 0}
.muted{color:var(--muted)}
.mono{font-family:ui-monospace,Menlo,Consolas,monospace}
.summary{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 12px;
margin-top:12px}
.wrap{overflow-x:auto}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line)}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{font-size:.85em;color:var(--muted);white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:.85em;font-weight:600;
color:#fff;white-space:nowrap}
.s-met{background:var(--met)}.s-near{background:var(--near)}.s-missed{background:var(--missed)}
.s-no_data,.s-suppressed,.s-no_target,.s-unknown{background:var(--none)}
.tag{font-size:.75em;border:1px solid var(--line);border-radius:4px;padding:0 4px;
color:var(--muted);font-weight:400;white-space:nowrap}
.chg small{display:block}
.good{color:var(--met)}.bad{color:var(--missed)}.flat{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}
.card,.notes{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px}
.notes{margin-bottom:12px}
.big{font-size:1.6rem;font-weight:700;margin-right:8px}
.card svg{display:block;width:100%;height:auto;margin-top:8px}
.pt-met{fill:var(--met)}.pt-near{fill:#fff;stroke:var(--near);stroke-width:1.5}
.pt-missed{fill:var(--missed)}.pt-no_data,.pt-suppressed,.pt-no_target{fill:var(--none)}
.gap{stroke:var(--none);stroke-width:1.2}
.notes ul{list-style:none;margin:0;padding:0}
.notes li{border-top:1px solid var(--line);padding:6px 0}
.note-text{white-space:pre-wrap;overflow-wrap:anywhere;margin:4px 0 0}
footer{margin:24px 0 8px;color:var(--muted);font-size:.9em}
a{color:inherit}
@media (max-width:700px){
main{padding:10px}
table.scorecard{border:0;background:none}
table.scorecard thead{display:none}
table.scorecard tr{display:block;background:#fff;border:1px solid var(--line);border-radius:8px;
margin-bottom:8px}
table.scorecard th,table.scorecard td{display:flex;justify-content:space-between;gap:12px;
border:0;padding:3px 10px;text-align:right}
table.scorecard th{text-align:left}
table.scorecard td::before{content:attr(data-label);color:var(--muted);text-align:left}
}
@media print{
body{background:none;font-size:10pt}
main{max-width:none;padding:0}
.summary,.card,.notes,table{border:1px solid #999}
.card,.notes li,tr,.summary{break-inside:avoid;page-break-inside:avoid}
h2,h3{break-after:avoid;page-break-after:avoid}
.badge{background:none;color:#000;border:1px solid #000}
a{text-decoration:none}
}
"""


def to_html(snapshot: Mapping[str, Any]) -> str:
    """The snapshot as one self-contained HTML document (no URL, no script, inline SVG)."""
    entries = [_Entry.of(raw) for raw in snapshot.get("metrics", [])]
    week = _text(snapshot.get("week"))
    title = f"Weekly scorecard {week}"
    body = [
        _header(snapshot, title),
        _summary(entries),
        _table(entries, snapshot),
        _cards(entries),
        _notes_section(entries),
        f"<footer><p>{_e(FOOTER)}</p></footer>",
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light">',
            f"<title>{_e(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


# --- formatting -------------------------------------------------------------------------------


def _e(text: Any) -> str:
    """Escaped for element text and quoted attributes alike."""
    return html.escape(str(text), quote=True)


def _text(value: Any) -> str:
    return DASH if value is None or value == "" else str(value)


@dataclass(frozen=True)
class _Format:
    """How one metric's numbers read: the metadata's formatting, or a plain fallback for an id
    metrics.toml no longer declares (an old snapshot must still open)."""

    metric: Metric | None
    decimals: int
    suffix: str
    direction: str | None  # "higher" or "lower" is better; None when unknown

    @classmethod
    def of(cls, metric_id: str, unit: str | None) -> _Format:
        try:
            metric = get_metric(metric_id)
        except KeyError:
            suffix = UNIT_SUFFIX.get(unit or "", f" {unit}" if unit else "")
            return cls(None, 0 if unit == "tickets" else 1, suffix, None)
        return cls(metric, metric.decimals, UNIT_SUFFIX[metric.unit], metric.direction)

    def value(self, value: float | None) -> str:
        if value is None:
            return DASH
        if self.metric is not None:
            return self.metric.format_value(value)
        return f"{value:,.{self.decimals}f}{self.suffix}"

    def target(self, operator: str | None, target: float | None) -> str:
        if target is None or operator is None:
            return DASH
        if self.metric is not None:
            return self.metric.format_target(operator, target)
        return f"{OPERATOR_SIGNS.get(operator, operator)} {target:,.{self.decimals}f}{self.suffix}"

    def delta(self, delta: float) -> str:
        # A typographic minus, as the rest of the page uses typographic signs.
        return f"{delta:+,.{self.decimals}f}{self.suffix}".replace("-", "−")


@dataclass(frozen=True)
class _Entry:
    """One metric of the snapshot with its formatter and a safe HTML id."""

    raw: Mapping[str, Any]
    fmt: _Format
    anchor: str

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> _Entry:
        metric_id = str(raw.get("id", ""))
        anchor = "m-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in metric_id)
        return cls(raw, _Format.of(metric_id, raw.get("unit")), anchor)

    @property
    def label(self) -> str:
        return _text(self.raw.get("label") or self.raw.get("id"))

    @property
    def status(self) -> str:
        return str(self.raw.get("status") or "no_data")

    @property
    def headline(self) -> bool:
        return bool(self.raw.get("headline"))


def _parse_instant(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _utc_time(value: Any) -> str:
    """An instant as '13 Nov 2026, 16:00 UTC' (a naive instant is taken as UTC)."""
    instant = _parse_instant(value)
    if instant is None:
        return _text(value)
    instant = instant.astimezone(UTC) if instant.tzinfo else instant
    return f"{_day(instant.date())}, {instant:%H:%M} UTC"


def _date_range(start: Any, end: Any) -> str:
    """The week's days; the end is exclusive (next Monday 00:00), so its last day is before it."""
    first, after = _parse_instant(start), _parse_instant(end)
    if first is None or after is None:
        return f"{_text(start)} – {_text(end)}"
    last = (after - timedelta(microseconds=1)).date()
    return f"{_day(first.date())} – {_day(last)}"


def _status_badge(status: str) -> str:
    word = STATUS_WORDS.get(status, status)
    css = status if status in STATUS_WORDS else "unknown"
    mark = STATUS_MARKS.get(status, "?")
    return f'<span class="badge s-{css}">{mark} {_e(word)}</span>'


# --- header and summary -----------------------------------------------------------------------


def _header(snapshot: Mapping[str, Any], title: str) -> str:
    loads = list(snapshot.get("loads") or [])
    fingerprint = _text(snapshot.get("fingerprint"))[:12]
    load_word = "data load" if len(loads) == 1 else "data loads"
    return "\n".join(
        [
            "<header>",
            f"<h1>{_e(title)}</h1>",
            f"<p>{_e(_date_range(snapshot.get('start'), snapshot.get('end')))}</p>",
            f'<p class="muted">Revision {_e(_text(snapshot.get("revision")))} · published by '
            f"{_e(_text(snapshot.get('published_by')))} on "
            f"{_e(_utc_time(snapshot.get('published_at')))}</p>",
            f'<p class="muted">Fingerprint <span class="mono">{_e(fingerprint)}</span> · '
            f"{len(loads)} {load_word}</p>",
            _loads_list(loads),
            "</header>",
        ]
    )


def _load_label(load: Mapping[str, Any]) -> str:
    # A load of this database has its number; a table Spark read is named by its table.
    if load.get("load_id") is None:
        return f"{_e(_text(load.get('kind')))} (Spark):"
    return f"#{_e(_text(load.get('load_id')))}"


def _loads_list(loads: Sequence[Mapping[str, Any]]) -> str:
    # <details> opens without JavaScript; the list says which exports the figures came from.
    if not loads:
        return ""
    items = "".join(
        f"<li>{_load_label(load)} {_e(_text(load.get('file_name')))} · "
        f"{_e(_count(load.get('rows_loaded')))} rows · checksum "
        f'<span class="mono">{_e(_text(load.get("checksum"))[:12])}</span></li>'
        for load in loads
    )
    return f'<details class="muted"><summary>Data loads</summary><ul>{items}</ul></details>'


def _count(value: Any) -> str:
    """A count with thousands separators; anything else as it was stored."""
    return f"{value:,}" if isinstance(value, int | float) else _text(value)


def _status_counts(entries: Iterable[_Entry]) -> str:
    counts = Counter(entry.status for entry in entries)
    shown = [s for s in SUMMARY_STATUSES if counts[s] or s in ALWAYS_COUNTED]
    unknown = sum(n for s, n in counts.items() if s not in STATUS_WORDS)
    parts = [f"{counts[s]} {STATUS_MARKS[s]} {STATUS_WORDS[s]}" for s in shown]
    if unknown:
        parts.append(f"{unknown} other")
    return " · ".join(parts)


def _summary(entries: Sequence[_Entry]) -> str:
    headline = [entry for entry in entries if entry.headline]
    return (
        '<section class="summary" aria-label="Summary">'
        f"<p><strong>Headline ({len(headline)}):</strong> {_e(_status_counts(headline))}</p>"
        f"<p><strong>All metrics ({len(entries)}):</strong> {_e(_status_counts(entries))}</p>"
        "</section>"
    )


# --- the table --------------------------------------------------------------------------------


def _change(entry: _Entry) -> str:
    """Change vs the previous published week: arrow, signed difference, and whether it is better
    or worse by the metric's direction (in words too, not only in colour)."""
    change = entry.raw.get("change")
    if not change:
        return DASH
    value, previous = entry.raw.get("value"), change.get("previous_value")
    previous_status = STATUS_WORDS.get(
        change.get("previous_status") or "", _text(change.get("previous_status"))
    )
    since = (
        f"<small>vs {_e(_text(change.get('previous_week')))}: "
        f"{_e(entry.fmt.value(previous))} ({_e(previous_status)})</small>"
    )
    return f'<span class="chg">{_movement(entry.fmt, value, previous)}{since}</span>'


def _movement(fmt: _Format, value: float | None, previous: float | None) -> str:
    if value is None or previous is None:
        return f'<span class="flat">{DASH}</span>'
    delta = round(value - previous, fmt.decimals)
    if delta == 0:  # a change too small to show at the metric's decimals is no change
        return '<span class="flat">= no change</span>'
    arrow = "▲" if delta > 0 else "▼"
    if fmt.direction is None:
        css, word = "flat", ""
    else:
        better = (delta > 0) == (fmt.direction == "higher")
        css, word = ("good", " better") if better else ("bad", " worse")
    return f'<span class="{css}">{arrow} {_e(fmt.delta(delta))}{word}</span>'


def _class_attr(css: str) -> str:
    return f' class="{css}"' if css else ""


def _table_row(entry: _Entry, previous_week: str) -> str:
    raw = entry.raw
    label = _e(entry.label)
    if entry.headline:
        label = f'<a href="#{entry.anchor}">{label}</a>'
    else:
        label += ' <span class="tag">secondary</span>'
    cells = [
        ("Value", "num", _e(entry.fmt.value(raw.get("value")))),
        ("Target", "num", _e(entry.fmt.target(raw.get("operator"), raw.get("target")))),
        ("Status", "", _status_badge(entry.status)),
        (f"Change vs {previous_week}", "", _change(entry)),
        ("Owner", "", _e(_text(raw.get("owner")))),
        ("n", "num", _e(_count(raw.get("n")))),
    ]
    tds = "".join(
        f'<td data-label="{_e(name)}"{_class_attr(css)}>{content}</td>'
        for name, css, content in cells
    )
    return f'<tr><th scope="row">{label}</th>{tds}</tr>'


def _table(entries: Sequence[_Entry], snapshot: Mapping[str, Any]) -> str:
    previous_week = next(
        (str(e.raw["change"].get("previous_week")) for e in entries if e.raw.get("change")),
        "previous week",
    )
    head = "".join(
        f"<th{_class_attr(css)}>{_e(name)}</th>"
        for name, css in (
            ("Metric", ""),
            ("Value", "num"),
            ("Target", "num"),
            ("Status", ""),
            (f"Change vs {previous_week}", ""),
            ("Owner", ""),
            ("n", "num"),
        )
    )
    rows = "\n".join(_table_row(entry, previous_week) for entry in entries)
    return (
        f"<section><h2>All metrics, {_e(_text(snapshot.get('week')))}</h2>"
        '<div class="wrap"><table class="scorecard">'
        f"<thead><tr>{head}</tr></thead>"
        f"<tbody>\n{rows}\n</tbody></table></div></section>"
    )


# --- the trend chart --------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT = 320, 150
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 56, 310, 10, 122


def _n(number: float) -> str:
    """An SVG coordinate: one decimal is plenty, and fixed digits keep the output stable."""
    return f"{number:.1f}"


@dataclass(frozen=True)
class _Scale:
    """Maps week index and value to the plot area."""

    weeks: int
    low: float
    high: float

    def x(self, index: int) -> float:
        if self.weeks == 1:
            return (PLOT_LEFT + PLOT_RIGHT) / 2
        return PLOT_LEFT + index * (PLOT_RIGHT - PLOT_LEFT) / (self.weeks - 1)

    def y(self, value: float) -> float:
        span = self.high - self.low
        return PLOT_BOTTOM - (value - self.low) / span * (PLOT_BOTTOM - PLOT_TOP)

    @property
    def half_step(self) -> float:
        return (PLOT_RIGHT - PLOT_LEFT) / (2 * max(self.weeks - 1, 1))


def _value_runs(series: Sequence[Mapping[str, Any]]) -> list[list[int]]:
    """Indexes of consecutive weeks with a value; a missing week ends a run (a gap in the line)."""
    runs: list[list[int]] = [[]]
    for index, week in enumerate(series):
        if week.get("value") is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(index)
    return [run for run in runs if run]


def _target_path(series: Sequence[Mapping[str, Any]], scale: _Scale) -> str:
    """A step line: each week's target held across its week, rising or falling at the border."""
    commands: list[str] = []
    level: str | None = None  # the y the pen is at; None when lifted by a week with no target
    for index, week in enumerate(series):
        target = week.get("target")
        if target is None:
            level = None
            continue
        x = scale.x(index)
        left = max(PLOT_LEFT, x - scale.half_step)
        right = _n(min(PLOT_RIGHT, x + scale.half_step))
        y = _n(scale.y(target))
        if level == y:  # same target as last week: lengthen the step
            commands[-1] = f"H{right}"
            continue
        commands.append(f"V{y}" if level is not None else f"M{_n(left)} {y}")
        commands.append(f"H{right}")
        level = y
    if not commands:
        return ""
    return (
        f'<path d="{"".join(commands)}" fill="none" stroke="{TARGET_COLOUR}" '
        'stroke-width="1.2" stroke-dasharray="4 3"></path>'
    )


def _point(x: float, y: float, status: str, tooltip: str) -> str:
    """A week's value; the shape follows the status too (filled, hollow, square). Colours come
    from the pt-* classes of the style sheet, which keeps thirteen points a chart small."""
    css = f"pt-{status}" if status in STATUS_WORDS else "pt-no_data"
    title = f"<title>{_e(tooltip)}</title>"
    if status == "missed":
        return (
            f'<rect class="{css}" x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7">'
            f"{title}</rect>"
        )
    return f'<circle class="{css}" cx="{_n(x)}" cy="{_n(y)}" r="3.5">{title}</circle>'


def _gap_mark(x: float, tooltip: str) -> str:
    """A small grey cross under the axis for a week with no value, so the gap is explained."""
    y = PLOT_BOTTOM + 7
    return (
        f'<path class="gap" d="M{_n(x - 3)} {_n(y - 3)}l6 6m0 -6l-6 6">'
        f"<title>{_e(tooltip)}</title></path>"
    )


def _scale_for(series: Sequence[Mapping[str, Any]]) -> _Scale | None:
    numbers = [
        float(week[key])
        for week in series
        for key in ("value", "target")
        if week.get(key) is not None
    ]
    if not numbers:
        return None
    low, high = min(numbers), max(numbers)
    if low == high:  # a flat line: give it room so it sits mid-chart
        pad = abs(low) * 0.05 or 1.0
        low, high = low - pad, high + pad
    return _Scale(len(series), low, high)


def _axis_labels(series: Sequence[Mapping[str, Any]], scale: _Scale, fmt: _Format) -> str:
    first, last = _text(series[0].get("week")), _text(series[-1].get("week"))
    label_y = CHART_HEIGHT - 4
    texts = [
        (PLOT_LEFT - 4, PLOT_TOP + 4, "end", fmt.value(scale.high)),
        (PLOT_LEFT - 4, PLOT_BOTTOM + 3, "end", fmt.value(scale.low)),
        (PLOT_LEFT, label_y, "start", first),
    ]
    if len(series) > 1:
        texts.append((PLOT_RIGHT, label_y, "end", last))
    grid = "".join(
        f'<line x1="{PLOT_LEFT}" x2="{PLOT_RIGHT}" y1="{y}" y2="{y}" stroke="{GRID_COLOUR}" '
        'stroke-width="1"></line>'
        for y in (PLOT_TOP, PLOT_BOTTOM)
    )
    labels = "".join(
        f'<text x="{x}" y="{y}" text-anchor="{anchor}">{_e(text)}</text>'
        for x, y, anchor, text in texts
    )
    return grid + f'<g font-size="10" fill="#57606a">{labels}</g>'


def _chart(entry: _Entry) -> str:
    """The metric's weekly trend as inline SVG: values, target step line, status points."""
    series = list(entry.raw.get("series") or [])
    scale = _scale_for(series)
    if scale is None:
        return '<p class="muted">No trend data.</p>'
    fmt = entry.fmt
    lines = "".join(
        '<polyline points="'
        + " ".join(f"{_n(scale.x(i))},{_n(scale.y(series[i]['value']))}" for i in run)
        + f'" fill="none" stroke="{VALUE_COLOUR}" stroke-width="2"></polyline>'
        for run in _value_runs(series)
        if len(run) > 1
    )
    marks = []
    for index, week in enumerate(series):
        status = str(week.get("status") or "no_data")
        label = _text(week.get("week"))
        word = STATUS_WORDS.get(status, status)
        if week.get("value") is None:
            marks.append(_gap_mark(scale.x(index), f"{label}: {DASH} ({word})"))
            continue
        tooltip = f"{label}: {fmt.value(week['value'])} ({word})"
        if week.get("target") is not None:
            tooltip += f", target {fmt.target(week.get('operator'), week['target'])}"
        marks.append(_point(scale.x(index), scale.y(week["value"]), status, tooltip))
    aria = f"Trend of {entry.label} over {len(series)} weeks"
    return (
        f'<svg viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" aria-label="{_e(aria)}">'
        f"{_axis_labels(series, scale, fmt)}{_target_path(series, scale)}{lines}"
        f"{''.join(marks)}</svg>"
    )


# --- cards and notes --------------------------------------------------------------------------


def _card(entry: _Entry) -> str:
    raw = entry.raw
    notes = len(raw.get("notes") or [])
    notes_link = (
        f' · <a href="#notes-{entry.anchor}">{notes} note{"s" if notes != 1 else ""}</a>'
        if notes
        else ""
    )
    return (
        f'<article class="card" id="{entry.anchor}">'
        f"<h3>{_e(entry.label)}</h3>"
        f'<p><span class="big">{_e(entry.fmt.value(raw.get("value")))}</span>'
        f"{_status_badge(entry.status)}</p>"
        f'<p class="muted">Target {_e(entry.fmt.target(raw.get("operator"), raw.get("target")))}'
        f" · owner {_e(_text(raw.get('owner')))} · n {_e(_count(raw.get('n')))}{notes_link}</p>"
        f"<p>{_change(entry)}</p>"
        f"{_chart(entry)}</article>"
    )


def _cards(entries: Sequence[_Entry]) -> str:
    cards = "\n".join(_card(entry) for entry in entries if entry.headline)
    if not cards:
        return ""
    return (
        "<section><h2>Headline trends</h2>"
        '<p class="muted">Solid line: weekly value; dashed: target. Point shape and hover give the '
        "status (● met, ○ near, ■ missed); × under the axis marks a week with no value.</p>"
        f'<div class="cards">\n{cards}\n</div></section>'
    )


def _note(note: Mapping[str, Any]) -> str:
    status = _text(note.get("status"))
    team = note.get("team") or "all teams"
    edited = note.get("edited_at")
    when = _utc_time(note.get("created_at"))
    if edited:
        when += f", edited {_utc_time(edited)}"
    return (
        f'<li><p><span class="tag">{NOTE_MARKS.get(status, "")} {_e(status)}</span> '
        f"<strong>{_e(_text(note.get('author')))}</strong> · owner "
        f"{_e(_text(note.get('owner')))} · team {_e(team)} · "
        f'<span class="muted">{_e(when)}</span></p>'
        f'<p class="note-text">{_e(_text(note.get("text")))}</p></li>'
    )


def _notes_section(entries: Sequence[_Entry]) -> str:
    groups = [
        f'<div class="notes" id="notes-{entry.anchor}"><h3>{_e(entry.label)}</h3><ul>'
        + "".join(_note(note) for note in entry.raw["notes"])
        + "</ul></div>"
        for entry in entries
        if entry.raw.get("notes")
    ]
    body = "\n".join(groups) if groups else '<p class="muted">No notes this week.</p>'
    return f"<section><h2>Notes</h2>\n{body}\n</section>"
