"""The shared chart helper and the small presentation helpers of the app."""

from datetime import date, timedelta

from scorecard import charts, metrics
from scorecard.app import views
from scorecard.app.filters import View

W = [date(2026, 10, 26) + timedelta(weeks=i) for i in range(4)]


def _weeks(values, statuses, targets=(8, 8, 5, 5)):
    return [
        {
            "week": week,
            "week_label": f"W{i}",
            "value": value,
            "operator": "<",
            "target": target,
            "status": status,
        }
        for i, (week, value, status, target) in enumerate(
            zip(W, values, statuses, targets, strict=True)
        )
    ]


def test_trend_draws_target_steps_missed_shading_and_note_markers():
    frt = metrics.get_metric("frt")
    weeks = _weeks([7.0, 9.0, None, 4.0], ["met", "missed", "no_data", "met"])
    notes = [
        {
            "week": W[1],
            "text": "<a href='x'>spike</a>",
            "owner": "Ops",
            "author": "A",
            "status": "open",
        },
        {"week": W[1], "text": "second", "owner": None, "author": "Bo", "status": "done"},
        {
            "week": date(2020, 1, 6),
            "text": "outside the range",
            "owner": "X",
            "author": "X",
            "status": "open",
        },
    ]
    figure = charts.trend_figure(frt, weeks, notes)
    by_name = {trace.name: trace for trace in figure.data}
    target = by_name["Target"]
    assert target.line.shape == "hv"  # a step: targets change from a date on
    assert list(target.y) == [8, 8, 5, 5]
    value = by_name[frt.label]
    assert list(value.y) == [7.0, 9.0, None, 4.0]
    assert value.marker.color[1] == charts.STATUS_COLOURS["missed"]
    # One shaded band, for the missed week only.
    shapes = figure.layout.shapes
    assert len(shapes) == 1 and shapes[0].fillcolor == charts.MISSED_SHADE
    # One marker for the week with notes; its hover escapes what people typed.
    marker = by_name["Notes"]
    assert list(marker.x) == [W[1]] and list(marker.y) == [9.0]
    hover = marker.customdata[0][0]
    assert "&lt;a href=&#x27;x&#x27;&gt;spike&lt;/a&gt;" in hover and "<a" not in hover
    assert "<b>Ops</b> (open)" in hover and "<b>Bo</b> (done): second" in hover
    assert figure.layout.yaxis.tickformat == ",.1f"
    assert figure.layout.yaxis.title.text == "First Response Time (FRT) (min)"


def test_suppressed_weeks_are_marked_not_drawn_as_zero():
    morale = metrics.get_metric("morale_pulse")
    weeks = _weeks(
        [80.0, None, 70.0, 75.0], ["missed", "suppressed", "missed", "missed"], (85,) * 4
    )
    by_name = {trace.name: trace for trace in charts.trend_figure(morale, weeks).data}
    assert list(by_name[morale.label].y) == [80.0, None, 70.0, 75.0]
    assert list(by_name["Suppressed (too few respondents)"].x) == [W[1]]


def test_plain_text_survives_markdown_as_text():
    shown = views.plain("**bold** [x](javascript:1) <b>t</b> $x$ :red[y]\nline 2")
    assert shown == (
        "\\*\\*bold\\*\\* \\[x\\]\\(javascript\\:1\\) \\<b\\>t\\<\\/b\\> \\$x\\$ "
        "\\:red\\[y\\]  \nline 2"
    )


def test_change_text_says_better_or_worse():
    frt, csat = metrics.get_metric("frt"), metrics.get_metric("csat")
    assert views.change_text(frt, 10.0, 12.0) == "-2.0 min (better)"
    assert views.change_text(frt, 12.0, 10.0) == "+2.0 min (worse)"
    assert views.change_text(csat, 91.0, 90.0) == "+1.0 % (better)"
    assert views.change_text(csat, 90.01, 90.0) == "no change"
    assert views.change_text(csat, None, 90.0) == "—"


def test_page_links_keep_the_filters():
    view = View(week=date(2026, 11, 9), teams=("A", "B & C"), channels=("email",), priorities=())
    link = views.page_link(metrics.get_metric("backlog"), view)
    assert link == "backlog?week=2026-W46&team=A&team=B+%26+C&channel=email#Backlog"


def test_a_long_tail_band_switches_to_a_log_axis():
    frt = metrics.get_metric("frt")
    weeks = _weeks([10.0, 12.0, 11.0, 9.0], ["missed"] * 4)
    assert charts.trend_figure(frt, weeks, band=[900, 1200, 1000, 950]).layout.yaxis.type == "log"
    assert charts.trend_figure(frt, weeks, band=[30, 40, 35, 25]).layout.yaxis.type is None
    band = {t.name: t for t in charts.trend_figure(frt, weeks, band=[30, 40, 35, 25]).data}["p90"]
    assert band.fill == "tonexty" and list(band.y) == [30, 40, 35, 25]


def test_a_figure_is_built_once_per_distinct_input():
    import plotly.graph_objects as go

    from scorecard.app import figures

    built = []

    def build(weeks, rows, title="t"):
        built.append((weeks, rows, title))
        return go.Figure(layout={"title": title})

    rows = [{"week": W[0], "value": 1.5, "notes": [{"text": "x"}]}]
    first = figures.cached(build, W, rows, title="a")
    again = figures.cached(build, list(W), [dict(rows[0])], title="a")  # equal, not the same
    assert again is first and len(built) == 1
    other = figures.cached(build, W, [{**rows[0], "value": 1.25}], title="a")
    titled = figures.cached(build, W, rows, title="b")
    assert other is not first and titled is not first and len(built) == 3
