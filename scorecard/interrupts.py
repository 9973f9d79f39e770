"""Ctrl-C that is never lost.

Python turns SIGINT into KeyboardInterrupt, and DuckDB turns that into "query interrupted" when
it arrives during a query. When it arrives as a query is finishing, DuckDB can clear it and the
command carries on to the end as if nothing happened. So the command line also remembers the
request, and a writer checks it before it makes anything live (db.writing) and between steps.
"""

from __future__ import annotations

import signal
import threading

_requested = False


def install() -> None:
    """Make Ctrl-C remembered as well as raised (call once, in the main thread)."""
    global _requested
    _requested = False
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_interrupt)


def _on_interrupt(signum, frame) -> None:
    global _requested
    _requested = True
    raise KeyboardInterrupt


def check() -> None:
    """Stop here when Ctrl-C was pressed, even if the exception it raised was swallowed."""
    if _requested:
        raise KeyboardInterrupt
