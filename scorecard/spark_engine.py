"""The scorecard computed on Apache Spark, from the same SQL files the DuckDB engine runs.

Spark reads the six canonical tables (Parquet paths or tables of its catalog), builds the
staging relations, the weeks in view and the filtered relations, and runs the metric queries
and the scorecard query of queries/, each translated by scorecard.dialect. The small tables
of configuration and state (SLA policy, business calendars, targets, owners, notes) come from
the dashboard's database, so both engines judge against the same targets. Nothing of Spark is
imported until an engine is made: the dashboard never needs it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import warnings
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from . import dialect, engine, metrics, staging
from .config import Config
from .sql import load_sql

# The canonical tables and their columns (the data contract, SPEC §11; the database's own
# bookkeeping columns row_key, load_id and source_line are not part of it). Spark types.
CANONICAL_COLUMNS: dict[str, dict[str, str]] = {
    "tickets": {
        "ticket_id": "string",
        "created_at": "timestamp",
        "first_response_at": "timestamp",
        "first_response_minutes": "double",
        "solved_at": "timestamp",
        "status": "string",
        "priority": "string",
        "channel": "string",
        "team": "string",
        "assignee": "string",
        "requester": "string",
        "agent_replies": "int",
        "reopens": "int",
        "floor": "int",
        "first_response_business_minutes": "double",
        "resolution_business_minutes": "double",
        "first_response_due_at": "timestamp",
        "resolution_due_at": "timestamp",
    },
    "csat": {
        "ticket_id": "string",
        "rated_at": "timestamp",
        "score": "double",
        "scale_min": "double",
        "scale_max": "double",
        "comment": "string",
    },
    "pulse": {
        "response_id": "string",
        "submitted_at": "timestamp",
        "score": "double",
        "respondent": "string",
        "team": "string",
        "question": "string",
        "scale_min": "double",
        "scale_max": "double",
        "comment": "string",
    },
    "qa_reviews": {
        "review_id": "string",
        "category": "string",
        "reviewed_at": "timestamp",
        "agent": "string",
        "score": "double",
        "reviewer": "string",
        "ticket_id": "string",
        "scale_min": "double",
        "scale_max": "double",
        "weight": "double",
        "critical": "boolean",
        "calibration": "boolean",
    },
    "agents": {
        "agent_id": "string",
        "hired_on": "date",
        "team": "string",
        "left_on": "date",
        "leave_type": "string",
    },
    "escalations": {
        "ticket_id": "string",
        "floor": "int",
        "escalated_at": "timestamp",
        "assigned_at": "timestamp",
        "decided_at": "timestamp",
    },
}

# Columns a canonical table must have; the others may be absent (read as null).
REQUIRED_COLUMNS: dict[str, set[str]] = {
    "tickets": {"ticket_id", "created_at", "status", "priority", "team"},
    "csat": {"ticket_id", "rated_at", "score", "scale_min", "scale_max"},
    "pulse": {"submitted_at", "score", "scale_min", "scale_max"},
    "qa_reviews": {"review_id", "reviewed_at", "agent", "scale_min", "scale_max"},
    "agents": {"agent_id", "hired_on"},
    "escalations": {"ticket_id", "floor", "escalated_at"},
}

# Defaults of columns the loader fills in when an export leaves them out.
COLUMN_DEFAULTS = {
    ("qa_reviews", "weight"): "1.0",
    ("qa_reviews", "critical"): "false",
    ("qa_reviews", "calibration"): "false",
}

# Small tables of the dashboard's database the SQL reads beside the canonical ones.
CONFIG_TABLES = ("sla_policy", "calendars", "team_calendars", "calendar_days")
STATE_TABLES = ("targets", "owners", "notes")


LOCAL_PAGE_SIZE = "2m"


class SourceError(ValueError):
    """A canonical table is missing or lacks a required column."""


def session(
    master: str | None = None, app_name: str = "support-scorecard", memory: str | None = None
):
    """A Spark session that reads and writes instants in UTC (the SQL relies on it). Without
    `master`, the one spark-submit gives, else local[*]. `memory` sets the driver's heap
    (local mode computes in the driver), e.g. "8g"; it applies when this starts the JVM."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # PySpark warns on every pandas conversion that it has not been tested with pandas 3; the
    # conversions used here (small tables in, rows out) are checked by the parity tests.
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession

    builder = SparkSession.builder
    if master:
        builder = builder.master(master)
    if memory:
        builder = builder.config("spark.driver.memory", memory)
    if master is None or master.startswith("local"):
        # Local mode keeps each broadcast join's hash table in the driver's memory store, and
        # the default page (up to 64 MB for a 2 GB driver) is allocated even for a ten-row
        # table: a scorecard's broadcasts held 0.9 GB of a 2 GB heap and a later broadcast ran
        # out of memory. With 2 MB pages they hold 0.1 GB (README: what it costs at 10 M).
        builder = builder.config("spark.buffer.pageSize", LOCAL_PAGE_SIZE)
    builder = (
        builder.appName(app_name)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # Weekly figures are small: a few partitions per shuffle, not Spark's default 200.
        .config("spark.sql.shuffle.partitions", str(max(4, 2 * (os.cpu_count() or 2))))
        .config("spark.sql.adaptive.enabled", "true")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def source_tables(spec: str) -> dict[str, str]:
    """Where each canonical table is: `DIR` (DIR/<table>.parquet or DIR/<table>/), or
    `table=location,…` with a Parquet path or a catalog table name per table."""
    if "=" not in spec:
        folder = Path(spec)
        found = {}
        for table in CANONICAL_COLUMNS:
            for candidate in (folder / f"{table}.parquet", folder / table):
                if candidate.exists():
                    found[table] = str(candidate)
                    break
        return found
    pairs = {}
    for item in spec.split(","):
        table, _, location = item.partition("=")
        table = table.strip()
        if table not in CANONICAL_COLUMNS:
            raise SourceError(f"unknown table {table!r} (expected {', '.join(CANONICAL_COLUMNS)})")
        pairs[table] = location.strip()
    return pairs


@dataclass
class SparkEngine:
    """One Spark session's view of an organisation's canonical tables."""

    spark: Any
    config: Config
    _locations: dict[str, str] = field(default_factory=dict)
    # What the last view cached (weeks, anonymity, metric values): released by the next one.
    _view_cache: list[Any] = field(default_factory=list)

    def register_sources(self, locations: dict[str, str]) -> None:
        """Canonical tables as temp views, typed as the data contract says; a table that is
        not given is empty (its metrics have no data)."""
        # Temp views are the session's: one organisation per session. What an earlier engine
        # of this session persisted (its staging) is released, or it would fill the driver.
        self.spark.catalog.clearCache()
        self._locations = dict(locations)
        for table, columns in CANONICAL_COLUMNS.items():
            location = locations.get(table)
            if location is None:
                frame = self.spark.createDataFrame(
                    [], ", ".join(f"`{c}` {t}" for c, t in columns.items())
                )
            else:
                frame = self._read(location)
                present = {c.lower(): c for c in frame.columns}
                missing = REQUIRED_COLUMNS[table] - present.keys()
                if missing:
                    raise SourceError(
                        f"{table} ({location}) lacks the column(s) {', '.join(sorted(missing))}"
                    )
                frame = frame.selectExpr(
                    *(
                        f"cast(`{present[c]}` as {t}) as `{c}`"
                        if c in present
                        else f"cast({COLUMN_DEFAULTS.get((table, c), 'null')} as {t}) as `{c}`"
                        for c, t in columns.items()
                    )
                )
            # The database's bookkeeping the SQL reads: a row's own key (an answer without a
            # respondent counts as a person of its own) and its load (one table = one load).
            frame = frame.selectExpr(
                "*",
                "cast(monotonically_increasing_id() as string) as row_key",
                "cast(0 as bigint) as load_id",
            )
            frame.createOrReplaceTempView(table)

    def sources(self) -> list[dict[str, Any]]:
        """What the figures came from, as a snapshot lists its loads: each table given, its
        row count and a SHA-256 of its files (paths and sizes), so a publication's
        fingerprint changes when the lake's data does."""
        found = []
        for table, location in sorted(self._locations.items()):
            frame = self.spark.table(table)
            files = sorted(frame.inputFiles())
            sizes = [_file_size(path) for path in files]
            digest = hashlib.sha256(
                json.dumps([files, sizes], default=str).encode("utf-8")
            ).hexdigest()
            found.append(
                {
                    "load_id": None,
                    "file_name": location,
                    "kind": table,
                    "checksum": digest,
                    "rows_loaded": frame.count(),
                    "engine": "spark",
                }
            )
        return found

    def _read(self, location: str):
        if "/" in location or location.endswith(".parquet") or Path(location).exists():
            return self.spark.read.parquet(location)
        return self.spark.table(location)

    def register_settings(self, con: duckdb.DuckDBPyConnection) -> None:
        """Configuration and state tables from the dashboard's database (small)."""
        for table in CONFIG_TABLES + STATE_TABLES:
            arrow = con.sql(f"select * from {table}").to_arrow_table()
            frame = self.spark.createDataFrame(arrow.to_pandas(), schema=_spark_schema(arrow))
            frame.createOrReplaceTempView(table)

    def build_staging(self) -> None:
        """The staging relations, kept in memory: every metric reads them."""
        zone = self.config.reporting_timezone
        for name in staging.STAGING:
            frame = self._sql(
                load_sql(f"staging/{name}"),
                {
                    "tz": zone,
                    "backlog_age_days": self.config.backlog_age_days,
                    "any_floor_loaded": None,  # stg_tickets finds it
                },
            ).persist()
            frame.createOrReplaceTempView(name)

    def _sql(self, sql: str, params: dict[str, Any]):
        # A query file of queries/ in Spark's words; every value stays a bound parameter.
        statement, names = dialect.to_spark(sql)
        missing = set(names) - params.keys()
        if missing:
            raise KeyError(f"missing SQL parameters: {', '.join(sorted(missing))}")
        return self.spark.sql(statement, args={name: params[name] for name in names} or None)

    def prepare_view(
        self, first_week: date, last_week: date, filters: engine.Filters
    ) -> dict[str, Any]:
        """The weeks in view, the filters, the filtered relations and the anonymity tables,
        as temp views; returns the session constants the metric queries read."""
        for frame in self._view_cache:
            frame.unpersist()
        self._view_cache.clear()
        weeks = self._sql(
            load_sql("calendar/report_weeks"),
            {
                "tz": self.config.reporting_timezone,
                "week_from": first_week,
                "week_to": last_week,
            },
        ).cache()
        self._view_cache.append(weeks)
        weeks.createOrReplaceTempView("report_weeks")
        span = weeks.selectExpr("min(week_start)", "max(week_end)").collect()[0]
        variables = {
            "sc_window_start": span[0],
            "sc_window_end": span[1],
            "sc_timezone": self.config.reporting_timezone,
            # Staging was built here, in the reporting zone.
            "sc_staged_weeks": True,
            "sc_backlog_age_days": self.config.backlog_age_days,
            "sc_staged_backlog": True,
        }
        chosen = filters.as_params()
        variables.update(
            {f"sc_filter_{name}": _array_or_null(value) for name, value in chosen.items()}
        )
        self.spark.sql(
            "select cast(:teams as array<string>) as teams, "
            "cast(:channels as array<string>) as channels, "
            "cast(:priorities as array<string>) as priorities",
            args={name: _array_or_null(value) for name, value in chosen.items()},
        ).createOrReplaceTempView("report_filter")
        for relation in engine.FILTERED_RELATIONS:
            self._sql(load_sql(f"filtered/{relation}"), variables).createOrReplaceTempView(relation)
        groups = {
            **variables,
            "min_group_size": self.config.min_group_size,
            "selected_teams": _array_or_null(list(filters.teams) or None),
        }
        for table, name in engine.ANONYMITY_TABLES.items():
            hidden = self._sql(load_sql(name), groups).cache()
            self._view_cache.append(hidden)
            hidden.createOrReplaceTempView(table)
        return variables

    def metric_values(self, variables: dict[str, Any], metric_ids: list[str] | None = None):
        """The union of the metric queries, as one Spark DataFrame."""
        chosen = (
            [metrics.get_metric(m) for m in metric_ids] if metric_ids else metrics.all_metrics()
        )
        union = None
        for metric in chosen:
            frame = self._sql(load_sql(f"metrics/{metric.query}"), variables)
            union = frame if union is None else union.unionByName(frame, allowMissingColumns=True)
        return union

    def scorecard_rows(
        self,
        first_week: date,
        last_week: date,
        scope: engine.Scope | None = None,
        metric_ids: list[str] | None = None,
        filters: engine.Filters | None = None,
    ) -> list[dict[str, Any]]:
        """As engine.scorecard_rows, computed on Spark."""
        ids = metric_ids or metrics.metric_ids()
        scope = scope or engine.Scope.company()
        filters = filters or engine.Filters()
        variables = self.prepare_view(first_week, last_week, filters)
        values = self.metric_values(variables, ids).cache()
        self._view_cache.append(values)
        values.createOrReplaceTempView("report_metric_values")
        result = self._sql(
            load_sql("scorecard/scorecard"),
            {
                **variables,
                "metric_ids": _array_or_null(ids),
                "teams": None if scope.teams is None else _array_or_null(list(scope.teams)),
                "with_company": scope.with_company,
                "selection_notes_team": filters.teams[0] if len(filters.teams) == 1 else None,
                "near_tolerance": self.config.near_tolerance,
            },
        )
        return [row.asDict(recursive=True) for row in result.collect()]


def _array_or_null(values: list[str] | None) -> list[str] | None:
    """A list bound as a Spark array; None stays null (the SQL casts it to an array type)."""
    return None if values is None else list(values)


def _file_size(path: str) -> int | None:
    """A local file's size; None for remote storage (its path still identifies it)."""
    local = path.removeprefix("file:")
    try:
        return Path(local).stat().st_size
    except OSError:
        return None


def _spark_schema(arrow):
    """Spark's schema for an Arrow table read from DuckDB (timestamps with a zone as
    instants, nested lists of structs kept)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(arrow.schema)
