"""Configuration: one TOML file (data/config.toml by default), environment overrides."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_CONFIG_FILE = DATA_DIR / "config.toml"

CONFIG_ENV = "SCORECARD_CONFIG"
DB_ENV = "SCORECARD_DB"

# The anonymity threshold may be raised but never set below this (SPEC §5).
MIN_GROUP_SIZE_FLOOR = 3


class ConfigError(ValueError):
    """The configuration file holds a value the product cannot run with."""


@dataclass(frozen=True)
class Config:
    database: Path
    reporting_timezone: str = "UTC"
    near_tolerance: float = 0.05
    backlog_age_days: int = 7
    min_group_size: int = 5
    min_comment_group_size: int = 10
    # Adapters: a ticket's floor from its group or a tag; team names for numeric group ids.
    floor_by_group: dict[str, int] = field(default_factory=dict)
    floor_by_tag: dict[str, int] = field(default_factory=dict)
    team_by_group_id: dict[str, str] = field(default_factory=dict)
    # The first-response goal on Floor 1 shown on the Escalations page (minutes).
    floor1_frt_goal_minutes: float = 5.0
    # Morale page: teams under this participation (%) are flagged.
    participation_flag: float = 60.0
    # Workload link (see queries/pages/team_workload.sql).
    workload_rise_share: float = 0.3
    workload_dip_points: float = 8.0
    workload_within_weeks: int = 4
    workload_baseline_weeks: int = 4
    # Quality page.
    qa_pass_score: float = 80.0
    qa_min_reviews_per_agent: int = 5
    qa_agent_weeks: int = 4
    # Data page: the largest file one upload may be (MB); larger exports load from the CLI.
    upload_limit_mb: int = 200


def _positive(value, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{key} must be a whole number of at least 1, not {value!r}")
    return value


def check_timezone(name: str) -> str:
    """Return `name` when it is an IANA time zone, else raise ConfigError."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"unknown time zone {name!r}") from exc
    return name


def load_config(path: Path | str | None = None) -> Config:
    """Read the configuration file; SCORECARD_DB overrides the database path."""
    config_path = Path(path or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_FILE)
    try:
        raw = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{config_path}: configuration file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{config_path}: {exc}") from exc

    storage = raw.get("storage", {})
    reporting = raw.get("reporting", {})
    backlog = raw.get("backlog", {})
    anonymity = raw.get("anonymity", {})
    adapters = raw.get("adapters", {})

    database = os.environ.get(DB_ENV) or storage.get("database", "data/scorecard.duckdb")
    database_path = Path(database)
    if not database_path.is_absolute():
        database_path = PROJECT_ROOT / database_path

    config = Config(
        database=database_path,
        reporting_timezone=check_timezone(str(reporting.get("timezone", "UTC"))),
        near_tolerance=float(reporting.get("near_tolerance", 0.05)),
        backlog_age_days=int(backlog.get("age_days", 7)),
        min_group_size=int(anonymity.get("min_group_size", 5)),
        min_comment_group_size=int(anonymity.get("min_comment_group_size", 10)),
        floor_by_group=_floors(config_path, adapters.get("floor_by_group", {})),
        floor_by_tag=_floors(config_path, adapters.get("floor_by_tag", {})),
        team_by_group_id={str(k): str(v) for k, v in adapters.get("team_by_group_id", {}).items()},
        floor1_frt_goal_minutes=float(raw.get("escalations", {}).get("floor1_frt_goal_minutes", 5)),
        participation_flag=float(raw.get("morale", {}).get("participation_flag", 60)),
        workload_rise_share=float(raw.get("workload", {}).get("rise_share", 0.3)),
        workload_dip_points=float(raw.get("workload", {}).get("dip_points", 8)),
        workload_within_weeks=int(raw.get("workload", {}).get("within_weeks", 4)),
        workload_baseline_weeks=int(raw.get("workload", {}).get("baseline_weeks", 4)),
        qa_pass_score=float(raw.get("quality", {}).get("pass_score", 80)),
        qa_min_reviews_per_agent=int(raw.get("quality", {}).get("min_reviews_per_agent", 5)),
        qa_agent_weeks=int(raw.get("quality", {}).get("agent_weeks", 4)),
        upload_limit_mb=_positive(raw.get("uploads", {}).get("limit_mb", 200), "uploads.limit_mb"),
    )
    if config.min_group_size < MIN_GROUP_SIZE_FLOOR:
        raise ConfigError(
            f"{config_path}: anonymity.min_group_size is {config.min_group_size}; "
            f"it may not be below {MIN_GROUP_SIZE_FLOOR}"
        )
    if config.min_comment_group_size < config.min_group_size:
        raise ConfigError(f"{config_path}: min_comment_group_size must be ≥ min_group_size")
    if not 0 <= config.near_tolerance < 1:
        raise ConfigError(f"{config_path}: reporting.near_tolerance must be in [0, 1)")
    if config.backlog_age_days < 0:
        raise ConfigError(f"{config_path}: backlog.age_days may not be negative")
    return config


def _floors(path: Path, table: dict) -> dict[str, int]:
    floors = {}
    for name, floor in table.items():
        if floor not in (1, 2, 3):
            raise ConfigError(f"{path}: adapters: floor of {name!r} must be 1, 2 or 3")
        floors[str(name)] = int(floor)
    return floors
