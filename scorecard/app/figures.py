"""Figures built once per distinct input and shared by reruns and sessions.

Once query results are cached, building Plotly figures is most of a page's rerun (a trend with
its notes and team lines takes tens of milliseconds to assemble). A figure depends only on its
inputs, so it is kept under a hash of them; it is never changed after it is built
(st.plotly_chart serialises a copy).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st


@st.cache_resource(max_entries=512, show_spinner=False)
def _built(name: str, _build: Callable[..., go.Figure], args: tuple, kwargs: tuple) -> go.Figure:
    # `name` keys the builder; `_build` itself is not hashed (leading underscore).
    return _build(*args, **dict(kwargs))


def cached(build: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    """`build(*args, **kwargs)`, reused when the same builder had the same inputs."""
    name = f"{build.__module__}.{build.__qualname__}"
    return _built(name, build, args, tuple(sorted(kwargs.items())))
