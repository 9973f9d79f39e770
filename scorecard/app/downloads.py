"""Download buttons for tables: CSV that is safe to open in a spreadsheet."""

from __future__ import annotations

import pandas as pd
import streamlit as st

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_csv(frame: pd.DataFrame) -> str:
    """A table as CSV for spreadsheets: cells that would run as formulas are quoted."""
    safe = frame.copy()
    for column in safe.columns:
        safe[column] = safe[column].map(
            lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v
        )
    return safe.to_csv(index=False)


def csv_button(label: str, frame: pd.DataFrame, file_name: str, key: str) -> None:
    st.download_button(
        label,
        as_csv(frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
    )
