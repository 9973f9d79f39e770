"""Figures built once per distinct input and shared by reruns and sessions.

Once query results are cached, building Plotly figures is most of a page's rerun (a trend with
its notes and team lines takes tens of milliseconds to assemble). A figure depends only on its
inputs, so it is kept under a hash of them; it is never changed after it is built
(st.plotly_chart serialises a copy).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st


@st.cache_resource(max_entries=512, show_spinner=False)
def _built(
    name: str, digest: str, _build: Callable[..., go.Figure], _args: tuple, _kwargs: tuple
) -> go.Figure:
    # Keyed by the builder's name and a digest of its inputs; the inputs themselves are not
    # hashed again (leading underscores): Streamlit's hasher walks every list and dict in
    # Python, a pickle is one pass in C (a page of team charts: most of its warm rerun).
    return _build(*_args, **dict(_kwargs))


def cached(build: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    """`build(*args, **kwargs)`, reused when the same builder had the same inputs."""
    name = f"{build.__module__}.{build.__qualname__}"
    options = tuple(sorted(kwargs.items()))
    digest = hashlib.blake2b(
        pickle.dumps((args, options), protocol=pickle.HIGHEST_PROTOCOL), digest_size=20
    ).hexdigest()
    return _built(name, digest, build, args, options)
