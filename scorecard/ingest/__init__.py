"""Loading exports into the database (SPEC §6, §11)."""

from .loader import LoadResult, load_file

__all__ = ["LoadResult", "load_file"]
