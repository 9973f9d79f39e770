"""Download buttons for tables: CSV that is safe to open in a spreadsheet."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_csv(frame: pd.DataFrame) -> str:
    """A table as CSV for spreadsheets: cells that would run as formulas are quoted."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype.kind in "biufcmM":
            continue  # numbers and times cannot start a formula
        safe[column] = safe[column].map(
            lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v
        )
    return safe.to_csv(index=False)


def csv_button(label: str, frame: pd.DataFrame, file_name: str, key: str) -> None:
    # Written when the button is pressed, not on every rerun of the page.
    st.download_button(
        label,
        functools.partial(as_csv, frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
    )
