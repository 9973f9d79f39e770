"""Computing the scorecard: metric values per week and group, judged against targets.

All figures come from SQL in queries/: the calendar, one query per metric, and the
scorecard query that adds targets, owners, statuses, anonymity and notes. Everything runs
on one cursor, whose temp tables are private to it, so callers on other threads are safe.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from . import db, metrics, rollups, staging
from .config import Config
from .sql import fetch_records, load_sql, records, run, run_sql, without_comments

FILTERED_RELATIONS = (
    "f_tickets",
    "f_sla_targets",
    "f_csat",
    "f_escalations",
    "f_pulse",
    "f_qa_reviews",
    "f_agents",
    "f_response_times",
    "f_qa_categories",
    "f_backlog",  # reads f_tickets
)

# The filtered relations a channel or priority filter narrows (through the ticket); the
# others (pulse, QA, roster) have neither dimension and only a team filter narrows them.
TICKET_RELATIONS = (
    "f_tickets",
    "f_sla_targets",
    "f_csat",
    "f_escalations",
    "f_response_times",
    "f_backlog",
)
_TICKET_RELATION = re.compile(r"\b(" + "|".join(TICKET_RELATIONS) + r")\b")

# The anonymity tables prepare_view makes, and the query each comes from.
ANONYMITY_TABLES = {
    "report_hidden_groups": "scorecard/hidden_groups",
    "report_hidden_headcounts": "scorecard/hidden_headcounts",
}


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters; an empty tuple means no filter on that dimension.

    A team selection turns the company row into the union of the selected teams. Channel
    and priority apply to ticket-based figures (and ratings and escalations through their
    ticket); pulse, QA and roster figures have neither.
    """

    teams: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()

    def as_params(self) -> dict[str, list[str] | None]:
        return {
            "teams": list(self.teams) or None,
            "channels": list(self.channels) or None,
            "priorities": list(self.priorities) or None,
        }


def narrows(filters: Filters, sql: str) -> bool:
    """Whether the filters change what a statement reads: a team filter always does, a
    channel or priority filter only through the ticket relations. A statement the filters
    do not narrow gives the unfiltered view's rows, which the rollup may hold."""
    if filters.teams:
        return True
    if not (filters.channels or filters.priorities):
        return False
    return _TICKET_RELATION.search(without_comments(sql)) is not None


@dataclass(frozen=True)
class Scope:
    """Which groups to show: the company, named teams, or every team with data."""

    with_company: bool = True
    teams: tuple[str, ...] | None = ()  # None: every team that has data

    @classmethod
    def company(cls) -> Scope:
        return cls(with_company=True, teams=())

    @classmethod
    def team(cls, name: str) -> Scope:
        return cls(with_company=False, teams=(name,))

    @classmethod
    def everything(cls) -> Scope:
        return cls(with_company=True, teams=None)


def metric_sql(metric_id: str) -> str:
    """The query of one metric (queries/metrics/)."""
    return load_sql(f"metrics/{metrics.get_metric(metric_id).query}")


def metric_values_sql(metric_ids: list[str] | None = None) -> str:
    """The union of the metric queries (one statement)."""
    chosen = metric_ids or metrics.metric_ids()
    return "\nunion all by name\n".join(
        f"select * from (\n{metric_sql(metric_id)}\n)" for metric_id in chosen
    )


def prepare_view(
    cursor: duckdb.DuckDBPyConnection,
    config: Config,
    first_week: date,
    last_week: date,
    filters: Filters,
    anonymity: bool = True,
) -> None:
    """On a cursor: the weeks in view (report_weeks) and the filtered relations (f_*), and,
    unless `anonymity` is false, the hidden pulse groups and headcounts of those weeks."""
    if last_week < first_week:
        raise ValueError("last_week is before first_week")
    cursor.execute("set TimeZone = 'UTC'")
    run_sql(
        cursor,
        f"create or replace temp table report_weeks as\n{load_sql('calendar/report_weeks')}",
        {
            "tz": config.reporting_timezone,
            "week_from": first_week,
            "week_to": last_week,
        },
    )
    # The span of the weeks in view as session constants (getvariable is folded when a query
    # is planned), so time filters on it prune the tables' row groups.
    cursor.execute("set variable sc_window_start = (select min(week_start) from report_weeks)")
    cursor.execute("set variable sc_window_end = (select max(week_end) from report_weeks)")
    # The staging tables carry each time's reporting week (staging.STAGED_ZONE_KEY says in
    # which zone); a cursor reporting in another zone has the filtered relations compute them.
    cursor.execute("set variable sc_timezone = ?", [config.reporting_timezone])
    cursor.execute(
        "set variable sc_staged_weeks = coalesce((select value = getvariable('sc_timezone') "
        "from sc_data.main.meta where key = ?), false)",
        [staging.STAGED_ZONE_KEY],
    )
    # The tickets' backlog_week is staged for one backlog age as well.
    cursor.execute("set variable sc_backlog_age_days = ?", [config.backlog_age_days])
    cursor.execute(
        "set variable sc_staged_backlog = getvariable('sc_staged_weeks') and coalesce(("
        "select value = cast(getvariable('sc_backlog_age_days') as varchar) "
        "from sc_data.main.meta where key = ?), false)",
        [staging.STAGED_BACKLOG_AGE_KEY],
    )
    # The filters as session constants: the filtered relations read them as constants (a
    # filter on the scan, which a join with a one-row table is not); report_filter holds them
    # as a table for the page queries that ask about the selection itself.
    chosen = filters.as_params()
    for statement, values in (
        ("set variable sc_filter_teams = cast(? as varchar[])", chosen["teams"]),
        ("set variable sc_filter_channels = cast(? as varchar[])", chosen["channels"]),
        ("set variable sc_filter_priorities = cast(? as varchar[])", chosen["priorities"]),
    ):
        cursor.execute(statement, [values])
    run_sql(
        cursor,
        "create or replace temp table report_filter as select "
        "cast($teams as varchar[]) as teams, cast($channels as varchar[]) as channels, "
        "cast($priorities as varchar[]) as priorities",
        filters.as_params(),
    )
    for relation in FILTERED_RELATIONS:
        cursor.execute(
            f"create or replace temp view {relation} as\n{load_sql(f'filtered/{relation}')}"
        )
    if not anonymity:
        return
    # Anonymity, once for every view of pulse and turnover figures on this cursor.
    groups = {
        "min_group_size": config.min_group_size,
        "selected_teams": list(filters.teams) or None,
    }
    for table, name in ANONYMITY_TABLES.items():
        run_sql(cursor, f"create or replace temp table {table} as\n{load_sql(name)}", groups)


def scorecard_rows(
    con: duckdb.DuckDBPyConnection,
    config: Config,
    first_week: date,
    last_week: date,
    scope: Scope | None = None,
    metric_ids: list[str] | None = None,
    filters: Filters | None = None,
) -> list[dict[str, Any]]:
    """Every metric × week × group from `first_week` to `last_week` (Mondays, inclusive)."""
    ids = metric_ids or metrics.metric_ids()
    scope = scope or Scope.company()
    filters = filters or Filters()
    cursor = db.cursor(con)
    try:
        prepare_view(cursor, config, first_week, last_week, filters)
        # Metrics the filters do not narrow come from the rollup when it holds these weeks.
        kept = [m for m in ids if not narrows(filters, metric_sql(m))]
        if kept and not rollups.usable(cursor, config, first_week, last_week):
            kept = []
        computed = [m for m in ids if m not in kept]
        parts = []
        if kept:
            parts.append(f"select * from (\n{load_sql('scorecard/rollup_values')}\n)")
        if computed:
            parts.append(metric_values_sql(computed))
        # Whole statements of queries/, joined.
        statement = "\nunion all by name\n".join(parts)
        run_sql(
            cursor,
            f"create or replace temp table report_metric_values as\n{statement}",
            {"metric_ids": kept},
        )
        result = run(
            cursor,
            "scorecard/scorecard",
            {
                "metric_ids": ids,
                "teams": None if scope.teams is None else list(scope.teams),
                "with_company": scope.with_company,
                "selection_notes_team": filters.teams[0] if len(filters.teams) == 1 else None,
                "near_tolerance": config.near_tolerance,
            },
        )
        return records(result)
    finally:
        cursor.close()


def page_rows(
    con: duckdb.DuckDBPyConnection,
    config: Config,
    query: str,
    first_week: date,
    last_week: date,
    filters: Filters | None = None,
    params: dict[str, Any] | None = None,
    fetch: Callable[[duckdb.DuckDBPyConnection, str, dict[str, Any]], Any] = fetch_records,
) -> Any:
    """A page's query (queries/pages/<query>.sql) over the weeks in view, under the filters,
    as `fetch` gives its rows (dicts, or fetch_frame's DataFrame); from the rollup when it
    holds exactly these rows (kept weeks, and filters that do not narrow the query)."""
    cursor = db.cursor(con)
    try:
        sql = load_sql(f"pages/{query}")
        if not narrows(filters or Filters(), sql):
            kept = rollups.page_rows(
                cursor, config, query, first_week, last_week, params or {}, fetch
            )
            if kept is not None:
                return kept
        # Pages of tickets read no pulse or roster groups: skip working them out.
        reads_groups = any(table in sql for table in ANONYMITY_TABLES)
        prepare_view(cursor, config, first_week, last_week, filters or Filters(), reads_groups)
        return fetch(cursor, sql, params or {})
    finally:
        cursor.close()
