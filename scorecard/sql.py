"""Load SQL files from queries/ by name and run them with bound `$params`."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import duckdb

from .config import PROJECT_ROOT

QUERIES_DIR = PROJECT_ROOT / "queries"

_COMMENT = re.compile(r"--[^\n]*")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@cache
def load_sql(name: str) -> str:
    """The text of queries/<name>.sql; `name` is a fixed path such as 'metrics/frt'."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def params_of(sql: str) -> set[str]:
    """Names of the `$params` a statement uses (comments ignored)."""
    return set(_PARAM.findall(_COMMENT.sub("", sql)))


def bind(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """The subset of `params` that `sql` uses; every used parameter must be given."""
    wanted = params_of(sql)
    missing = wanted - params.keys()
    if missing:
        raise KeyError(f"missing SQL parameters: {', '.join(sorted(missing))}")
    return {name: params[name] for name in wanted}


def run_sql(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """Run one statement, binding only the `$params` it uses."""
    bound = bind(sql, params or {})
    return con.execute(sql, bound) if bound else con.execute(sql)


def run(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """Run the statement in queries/<name>.sql."""
    return run_sql(con, load_sql(name), params)


def records(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """A finished result as one dict per row, by column name."""
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def frame(result: duckdb.DuckDBPyConnection):
    """A finished result as a pandas DataFrame (built from rows: DuckDB's own converter
    trips a pandas 3 deprecation warning)."""
    import pandas as pd

    columns = [d[0] for d in result.description]
    return pd.DataFrame(result.fetchall(), columns=columns)
