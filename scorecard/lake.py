"""The canonical tables of a scorecard database as Parquet files, for a lake or for Spark."""

from __future__ import annotations

from pathlib import Path

import duckdb

from .spark_engine import CANONICAL_COLUMNS


def write_canonical_tables(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, Path]:
    """Each canonical table as <folder>/<table>.parquet (the data contract's columns)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for table, columns in CANONICAL_COLUMNS.items():
        path = folder / f"{table}.parquet"
        # Table and column names come from the fixed contract above.
        con.table(table).select(*columns).write_parquet(str(path))
        written[table] = path
    return written
