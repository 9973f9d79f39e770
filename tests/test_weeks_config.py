"""Week labels (SPEC §3) and configuration."""

from datetime import date

import pytest

from scorecard import config as config_module
from scorecard.config import ConfigError, load_config
from scorecard.weeks import WeekError, last_completed_week, parse_week, week_bounds, week_label


def test_week_labels_are_iso_weeks():
    assert parse_week("2026-W47") == date(2026, 11, 16)
    assert parse_week("2026-W01") == date(2025, 12, 29)  # ISO week 1 holds the first Thursday
    assert parse_week("2026-W53") == date(2026, 12, 28)  # 2026 has 53 ISO weeks
    assert week_label(date(2025, 12, 29)) == "2026-W01"
    for bad in ("2026-47", "2026W47", "2026-W7", "2025-W53"):
        with pytest.raises(WeekError):
            parse_week(bad)


def test_week_bounds_in_the_reporting_zone():
    start, end = week_bounds(date(2026, 10, 19), "Europe/Berlin")
    assert start.isoformat() == "2026-10-19T00:00:00+02:00"
    assert end.isoformat() == "2026-10-26T00:00:00+01:00"  # clocks went back on the 25th


def test_last_completed_week():
    assert last_completed_week(date(2026, 11, 22)) == date(2026, 11, 9)  # a Sunday: W47 runs on
    assert last_completed_week(date(2026, 11, 23)) == date(2026, 11, 16)


def test_configuration_defaults_and_overrides(tmp_path, monkeypatch):
    monkeypatch.delenv("SCORECARD_DB", raising=False)
    config = load_config()
    assert (config.reporting_timezone, config.backlog_age_days, config.min_group_size) == (
        "UTC",
        7,
        5,
    )
    assert config.database == config_module.PROJECT_ROOT / "data" / "scorecard.duckdb"
    monkeypatch.setenv("SCORECARD_DB", str(tmp_path / "x.duckdb"))
    assert load_config().database == tmp_path / "x.duckdb"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[anonymity]\nmin_group_size = 2\n", "may not be below 3"),
        ('[reporting]\ntimezone = "Mars/Olympus"\n', "unknown time zone"),
        ("[reporting\n", "config.toml"),
    ],
)
def test_bad_configuration_is_refused(tmp_path, text, message):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_readme_metric_tables_match_the_metadata():
    from scorecard import docs

    text = docs.README.read_text(encoding="utf-8")
    assert docs.render(text) == text, "run `python -m scorecard.docs` to refresh README.md"
