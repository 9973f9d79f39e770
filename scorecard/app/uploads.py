"""Files uploaded on the Data page: previewed (nothing written) and loaded like `ingest`."""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from ..config import ConfigError, check_timezone
from ..ingest import load_file
from ..ingest.adapters import AdapterOptions
from ..ingest.loader import LoadResult, Progress, preview_file
from ..ingest.sources import FileRefused
from . import state


@dataclass(frozen=True)
class Request:
    name: str
    data: bytes
    source: str | None
    kind: str | None
    timezone: str
    mapping_name: str | None = None
    mapping: bytes | None = None


@dataclass
class TablePreview:
    kind: str
    rows: int
    quarantined: int
    sample: pd.DataFrame


@dataclass
class Preview:
    detected: str = ""
    error: str = ""
    unreadable: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    tables: list[TablePreview] = field(default_factory=list)


@contextlib.contextmanager
def _files(request: Request):
    """The upload (and its mapping) as files with their own names, for the loader."""
    with tempfile.TemporaryDirectory(prefix="scorecard-upload-") as folder:
        path = Path(folder) / Path(request.name).name
        path.write_bytes(request.data)
        mapping = None
        if request.mapping is not None:
            mapping = Path(folder) / ("mapping-" + Path(request.mapping_name or "map.toml").name)
            mapping.write_bytes(request.mapping)
        yield path, mapping


def _options(mapping: Path | None) -> AdapterOptions:
    cfg = state.config()
    return AdapterOptions(
        floor_by_group=cfg.floor_by_group,
        floor_by_tag=cfg.floor_by_tag,
        team_by_group_id=cfg.team_by_group_id,
        mapping_file=mapping,
    )


def _check(request: Request) -> str | None:
    try:
        check_timezone(request.timezone)
    except ConfigError as exc:
        return f"time zone: {exc}"
    if request.source == "mapped" and request.mapping is None:
        return "upload the mapping file for the mapped format"
    return None


@st.cache_data(show_spinner="Reading the file…", max_entries=16)
def preview(request: Request) -> Preview:
    """What loading the file would do; nothing is written."""
    problem = _check(request)
    if problem:
        return Preview(error=problem)
    with _files(request) as (path, mapping), contextlib.closing(state.cursor()) as cur:
        try:
            found = preview_file(
                cur,
                path,
                kind=request.kind,
                source=request.source,
                timezone=request.timezone,
                options=_options(mapping),
            )
        except FileRefused as exc:
            return Preview(error=f"{request.name}: {exc}")
    return Preview(
        detected=found["detected"],
        unreadable=found["unreadable_records"],
        ignored_columns=found["ignored_columns"],
        tables=[
            TablePreview(
                kind=kind,
                rows=table["rows"],
                quarantined=table["quarantined"],
                sample=pd.DataFrame(table["sample"], columns=table["columns"]).astype(str),
            )
            for kind, table in found["tables"].items()
        ],
    )


def load(request: Request, progress: Progress | None = None) -> LoadResult:
    """Load the upload in a writer session; `progress(share, step)` hears how far it got."""
    problem = _check(request)
    if problem:
        return LoadResult(file=request.name, message=problem)
    report = progress or (lambda share, step: None)

    def load_then_prepare(con):
        result = load_file(
            con,
            path,
            kind=request.kind,
            source=request.source,
            timezone=request.timezone,
            display_name=request.name,
            options=_options(mapping),
            progress=report,
        )
        # The session's end rebuilds the rollups and swaps the file in.
        report(0.95, "Preparing the dashboard's figures…")
        return result

    with _files(request) as (path, mapping):
        result = state.write(load_then_prepare, part="data")
    report(1.0, "Done.")
    return result
