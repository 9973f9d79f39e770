"""Loading exports into the database (SPEC §6, §11)."""

from .loader import LoadResult, load_file, refresh_after

__all__ = ["LoadResult", "load_file", "refresh_after"]
