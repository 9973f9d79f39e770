"""Every SQL value is a bound parameter: no Python string formatting puts a value into SQL.

The scan reads the engine, the pages and the app with Python's own parser. A statement passed to
execute / executemany / sql / run_sql may be built from code only: identifiers and SQL fragments
that come from the project itself (table names, column lists, query files). Any other
interpolated expression fails the test, so a value written into SQL cannot slip in unnoticed.
The query files are scanned for Python-style placeholders as well.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQL_CALLS = {"execute", "executemany", "sql", "query", "run_sql"}

# Expressions allowed inside SQL text, each a name or fragment made by code, never by data:
# table and view names (from constants, kinds and page-query names), column lists of a kind,
# catalog names, whole statements read from queries/, adapters' selects (their values are
# bound: see scorecard/ingest/adapters.py), and integers forced by int().
ALLOWED = {
    "table",
    "checked",
    "columns",
    "relation",
    "name",
    "STATE",
    "DATA",
    "DATA_CATALOG",
    "CHANGED_TICKETS",
    "REBUILT_TICKETS",
    "CHANGED_SINCE",
    "SESSION_LOADS",
    "staging.CHANGED_SINCE",
    "staging.CHANGED_TICKETS",
    "staging.SESSION_LOADS",
    "earliest",
    "remove",
    "check",
    "texts",
    "column",
    "aliases",
    "records_sql",
    "record",
    "part.select",
    "first_copy if repeats else ''",
    "int(rows)",
    "int(start)",
    "_catalog(part)",
    "_catalog(part) + '.main.' + table",
    "_checked(part.kind)",
    "_page_table(name)",
    "metric_values_sql()",
    "metric_values_sql(ids)",
    "statement",
    "statements",
    "sql",
    "' (read_only)' if read_only else ''",
}
ALLOWED_CALLS = re.compile(
    r"^(load_sql|_session_sql|MACROS_FILE\.read_text)\((f?'[a-z_/{}.]+'|first|catalog|name"
    r"|encoding='utf-8')?\)$"
)


def _sources() -> list[Path]:
    return [
        *sorted((ROOT / "scorecard").rglob("*.py")),
        *sorted((ROOT / "pages").glob("*.py")),
        ROOT / "dashboard.py",
    ]


def _pieces(node: ast.expr) -> list[ast.expr]:
    """The non-constant parts a statement is built from."""
    if isinstance(node, ast.Constant):
        return []
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _pieces(node.left) + _pieces(node.right)
    return [node]


def _allowed(piece: ast.expr) -> bool:
    text = ast.unparse(piece)
    if text in ALLOWED or ALLOWED_CALLS.match(text):
        return True
    # load_sql(f'pages/{query.name}') and the like: a query file named by code.
    return bool(re.fullmatch(r"load_sql\(f'[a-z_]+/\{[a-z_.]+\}'\)", text))


def formatted_values(source: str, file_name: str = "<test>") -> list[str]:
    """Where SQL is built from anything but code-made names and query files."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if called not in SQL_CALLS:
            continue
        args = node.args[1:] if called == "run_sql" else node.args
        if not args:
            continue
        for piece in _pieces(args[0]):
            if not _allowed(piece):
                found.append(f"{file_name}:{node.lineno}: {ast.unparse(piece)}")
    return found


def test_no_value_is_formatted_into_sql_in_the_code():
    found = []
    for path in _sources():
        found += formatted_values(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == []


def test_the_scan_catches_a_value_formatted_into_sql():
    planted = """
def notes_of(con, author):
    con.execute(f"select * from notes where author = '{author}'")
    con.execute("select * from notes where author = '%s'" % author)
    con.execute("select * from notes where author = '" + author + "'")
    run_sql(con, f"delete from notes where note_id = {note_id}", {})
    con.execute("select * from notes where author = $author", {"author": author})
"""
    found = formatted_values(planted)
    # Lines 3 to 6 format a value into SQL; line 7 binds it.
    assert [int(line.split(":")[1]) for line in found] == [3, 4, 5, 6]
    assert "note_id" in found[-1]


def test_query_files_bind_values_and_hold_no_python_placeholders():
    placeholder = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\(|%s\b|\?")
    offenders = []
    for path in sorted((ROOT / "queries").rglob("*.sql")):
        text = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))
        text = re.sub(r"'(?:[^']|'')*'", "''", text)  # string literals may hold anything
        if placeholder.search(text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
