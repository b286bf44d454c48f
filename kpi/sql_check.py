"""A person's statement read before it runs, with DuckDB's own parser (`json_serialize_sql`),
for what the locked connection does not stop by itself:

- reading the server's settings and paths: `current_setting('temp_directory')`,
  `duckdb_settings()`, `pg_settings`, `SHOW temp_directory`, and every table function that is
  not on a short list of harmless ones (`query()` would run any text, hiding it from this check);
- functions whose output size is a number the person types and that DuckDB computes without
  looking at the memory limit or the interrupt (`printf('%2000000000d', 1)`, `lpad(x, 1e9, y)`,
  `repeat`, `list_resize`, list `range`): a written size above the cap is refused at once, and a
  size computed from data is bounded by rewriting it to
  `CASE WHEN size > cap THEN error(…) ELSE size END`.

It is a second line, not the boundary: files, network, extensions and settings changes are
refused by the locked connection whatever this module misses."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field

import duckdb

from kpi.guard import QueryRefused
from kpi.i18n import format_count, format_number, t
from kpi.settings import settings

# The most characters (or list items) one call of a size-making function may produce is the
# operator's KPI_QUERY_VALUE_SIZE (kpi.settings). lpad makes ~40 M characters a second here, so
# 2 048 rows (one DuckDB vector, computed between two interrupt checks) at the default size take
# a fraction of a second.

# Table functions a person may use: row generators and descriptions of their own tables.
ALLOWED_TABLE_FUNCTIONS = frozenset(
    {
        "range", "generate_series", "unnest", "repeat", "repeat_row", "summary", "json_each",
        "json_tree", "test_all_types", "pragma_table_info", "pragma_show", "duckdb_tables",
        "duckdb_columns", "duckdb_views", "duckdb_schemas", "duckdb_types", "duckdb_functions",
        "duckdb_keywords", "duckdb_constraints", "duckdb_indexes", "duckdb_sequences",
        "duckdb_dependencies", "pg_timezone_names", "icu_calendar_names",
    }
)  # fmt: skip
_SETTINGS_SCALARS = frozenset({"current_setting"})
_LENGTH_ARGUMENT = {"lpad": 1, "rpad": 1, "bitstring": 1, "list_resize": 1, "array_resize": 1}
_FORMATTERS = frozenset({"printf", "format"})
_LIST_RANGES = frozenset({"range", "generate_series"})
# Functions a constant list-range bound may use (dates, intervals, arithmetic): cheap to run.
_CHEAP = frozenset(
    {"+", "-", "*", "/", "//", "trunc", "make_date", "make_timestamp", "today", "current_date",
     "to_days", "to_hours", "to_minutes", "to_seconds", "to_weeks", "to_months", "to_years",
     "to_milliseconds", "to_microseconds"}
)  # fmt: skip
_PRINTF_SPEC = re.compile(r"%%|%[-+ #0']*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z]")
_FORMAT_SPEC = re.compile(r"\{\{|\}\}|\{([^{}]*)(\{)?")


def _catalog() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """From a fresh connection: setting names, internal views and macros that read settings or
    call a table function outside the allowed list (`pg_settings`, `duckdb_databases`, …)."""
    con = duckdb.connect(":memory:")
    try:
        settings = frozenset(
            r[0].lower() for r in con.execute("SELECT name FROM duckdb_settings()").fetchall()
        )
        tables = {
            r[0].lower()
            for r in con.execute(
                "SELECT DISTINCT function_name FROM duckdb_functions() "
                "WHERE function_type IN ('table', 'table_macro')"
            ).fetchall()
        }
        denied = (tables - ALLOWED_TABLE_FUNCTIONS) | _SETTINGS_SCALARS

        def reads_denied(sql: str | None) -> bool:
            called = {m.lower() for m in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(", sql or "")}
            return bool(called & denied)

        views = frozenset(
            name.lower()
            for name, sql in con.execute(
                "SELECT view_name, sql FROM duckdb_views() WHERE internal"
            ).fetchall()
            if reads_denied(sql)
        )
        macros = frozenset(
            name.lower()
            for name, body in con.execute(
                "SELECT function_name, macro_definition FROM duckdb_functions() "
                "WHERE function_type = 'macro'"
            ).fetchall()
            if reads_denied(body)
        )
    finally:
        con.close()
    return settings, views, macros | _SETTINGS_SCALARS


SETTING_NAMES, DENIED_VIEWS, DENIED_SCALARS = _catalog()


def _settings_refusal(name: str) -> QueryRefused:
    return QueryRefused(t("sql.error.settings", name=name))


@dataclass
class _Budget:
    """The sizes one statement asks of size-making functions: all of them share the
    KPI_QUERY_VALUE_SIZE setting,
    because DuckDB keeps every intermediate value of an expression (a || b || …) for a whole
    vector of rows without counting it against the memory limit."""

    written: float = 0.0  # the sum of sizes written as numbers
    guards: list[tuple[dict, str, dict | None]] = field(default_factory=list)

    def ask(self, name: str, size: float) -> None:
        """Record a written size; refuse when it, or all of them together, exceed the cap."""
        self.written += size
        most = settings().query_value_size
        if size > most:
            raise _size_refusal(name, size)
        if self.written > most:
            raise QueryRefused(
                t(
                    "sql.error.size_total",
                    most=format_count(settings().query_value_size),
                    asked=format_number(self.written, 0),
                )
            )

    def allowance(self) -> int:
        """What each size computed from data may reach: what the written sizes left, shared."""
        return int((settings().query_value_size - self.written) // max(len(self.guards), 1))


def _size_refusal(name: str, asked: float) -> QueryRefused:
    return QueryRefused(
        t(
            "sql.error.size_value",
            name=name,
            most=format_count(settings().query_value_size),
            asked=format_number(asked, 0),
        )
    )


def checked_sql(con: duckdb.DuckDBPyConnection, statement: str) -> str:
    """The statement to run: `statement` itself, or `statement` with its data-computed sizes
    bounded. Raises `QueryRefused` (a sentence) for settings, paths, disallowed table functions
    and written sizes above the cap."""
    try:
        tree = _parse(con, statement)
        budget = _Budget()
        _walk(con, tree, budget, set())
        if not budget.guards:
            return statement
        allowance = budget.allowance()
        if allowance < 1:
            raise _size_refusal(budget.guards[0][1], settings().query_value_size + 1)
        for node, name, value in budget.guards:
            _guard(con, node, name, value, allowance)
        return _unparse(con, tree)
    except RecursionError:  # hundreds of nested operators: deeper than Python reads JSON
        raise QueryRefused(t("sql.error.deep")) from None


def _parse(con: duckdb.DuckDBPyConnection, statement: str) -> dict:
    try:
        doc = json.loads(con.execute("SELECT json_serialize_sql(?)", [statement]).fetchall()[0][0])
    except (duckdb.Error, TypeError, ValueError):
        doc = {"error": True}
    if doc.get("error"):
        raise QueryRefused(t("sql.error.unchecked"))
    return doc


def _walk(con: duckdb.DuckDBPyConnection, node: object, budget: _Budget, table_calls: set) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(con, item, budget, table_calls)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if kind == "TABLE_FUNCTION":
        name = str(node["function"].get("function_name", "")).lower()
        if name not in ALLOWED_TABLE_FUNCTIONS:
            if name in DENIED_VIEWS or "setting" in name:
                raise _settings_refusal(f"{name}()")
            raise QueryRefused(t("sql.error.table_function", name=name))
        table_calls.add(id(node["function"]))
    elif kind == "BASE_TABLE" and str(node.get("table_name", "")).lower() in DENIED_VIEWS:
        raise _settings_refusal(str(node["table_name"]))
    elif kind == "SHOW_REF" and node.get("show_type") == "SHOW":
        name = str(node.get("table_name", "")).strip('"').lower()
        if name in SETTING_NAMES:
            raise _settings_refusal(f"SHOW {name}")
    elif node.get("class") == "FUNCTION" and id(node) not in table_calls:
        _check_call(con, node, budget)
    for value in node.values():
        _walk(con, value, budget, table_calls)


def _arguments(node: dict) -> list[dict]:
    return [a["expression"] for a in node.get("arguments", [])]


def _check_call(con: duckdb.DuckDBPyConnection, node: dict, budget: _Budget) -> None:
    name = str(node.get("function_name", "")).lower()
    args = _arguments(node)
    if name in DENIED_SCALARS:
        raise _settings_refusal(f"{name}()")
    if name in _LENGTH_ARGUMENT and len(args) > _LENGTH_ARGUMENT[name]:
        size = args[_LENGTH_ARGUMENT[name]]
        written = _number(size)
        if written is None:
            budget.guards.append((size, name, None))
        else:
            budget.ask(name, written)
    elif name == "repeat" and len(args) == 2:
        count, value = _number(args[1]), _text(args[0])
        if count is not None and value is not None:
            budget.ask(name, count * max(len(value), 1))
        elif count is not None and count > settings().query_value_size:
            raise _size_refusal(name, count)
        else:
            budget.guards.append((args[1], name, args[0]))
    elif name in _FORMATTERS and args:
        _check_format(name, args[0], budget)
    elif name in _LIST_RANGES and args:
        budget.ask(name, _list_length(con, args))


def _number(node: dict) -> float | None:
    """The value of a written number (or a cast of one), else None."""
    if node.get("class") == "CAST":
        return _number(node["child"])
    literal = node.get("literal") if node.get("class") == "CONSTANT" else None
    if literal and literal.get("kind") in ("INTEGER", "NUMERIC", "BIGINT", "HUGEINT", "DECIMAL"):
        try:
            return float(literal["text"])
        except ValueError:
            return None
    return None


def _text(node: dict) -> str | None:
    literal = node.get("literal") if node.get("class") == "CONSTANT" else None
    return literal["text"] if literal and literal.get("kind") == "STRING" else None


def _check_format(name: str, pattern_node: dict, budget: _Budget) -> None:
    pattern = _text(pattern_node)
    if pattern is None:
        raise QueryRefused(t("sql.error.format_literal", name=name))
    widths: list[str] = []
    if name == "printf":
        for match in _PRINTF_SPEC.finditer(pattern):
            widths += [w for w in match.groups() if w]
    else:
        for match in _FORMAT_SPEC.finditer(pattern):
            if match.group(2):  # "{:{}}": a width taken from an argument
                widths.append("*")
            spec = (match.group(1) or "").partition(":")[2]
            widths += re.findall(r"\d+", spec)
    for width in widths:
        if width == "*":
            raise QueryRefused(t("sql.error.format_widths", name=name))
        budget.ask(name, int(width))


def _constant(node: object) -> bool:
    """Whether a bound uses only written values and cheap date or arithmetic functions."""
    if isinstance(node, list):
        return all(_constant(n) for n in node)
    if not isinstance(node, dict):
        return True
    if node.get("class") in ("COLUMN_REF", "SUBQUERY", "LAMBDA", "PARAMETER", "STAR"):
        return False
    if node.get("class") == "FUNCTION" and str(node.get("function_name")).lower() not in _CHEAP:
        return False
    return all(_constant(v) for v in node.values())


def _list_length(con: duckdb.DuckDBPyConnection, args: list[dict]) -> float:
    """How many items a list `range(…)`/`generate_series(…)` call makes, from written bounds;
    refused when the bounds come from data (the table form streams rows and needs no cap)."""
    if not _constant(args):
        raise QueryRefused(t("sql.error.range_bounds"))
    numbers = [_number(a) for a in args]
    if all(n is not None for n in numbers):
        values: list = numbers
    else:
        values = list(_evaluate(con, args))
    start, stop, step = (0, values[0], 1) if len(values) == 1 else (*values[:2], 1)
    if len(values) == 3:
        step = values[2]
    try:
        count = (stop - start) / step
    except (TypeError, ZeroDivisionError, OverflowError):
        return 0.0
    return abs(float(count))


def _evaluate(con: duckdb.DuckDBPyConnection, nodes: list[dict]) -> tuple:
    """The values of constant expressions, computed by DuckDB (`SELECT e1, e2, …`)."""
    tree = _parse(con, "SELECT " + ", ".join("1" for _ in nodes))
    tree["statements"][0]["node"]["select_list"] = copy.deepcopy(nodes)
    try:
        return con.execute(_unparse(con, tree)).fetchall()[0]
    except duckdb.Error:
        return ()


def _guard(
    con: duckdb.DuckDBPyConnection, size: dict, name: str, value: dict | None, cap: int
) -> None:
    """Rewrite `size` in place into `CASE WHEN size > cap THEN error(…) ELSE size END` (for
    repeat, the size times the repeated text's length)."""
    message = (
        f"{name}() was asked for more than {cap:,} characters or list items in one value, "
        "the limit here. Ask for less."
    ).replace("'", "''")
    measure = "__size * greatest(strlen(CAST(__value AS VARCHAR)), 1)" if value else "__size"
    template = f"SELECT CASE WHEN {measure} > {cap} THEN error('{message}') ELSE __size END"
    case = _parse(con, template)["statements"][0]["node"]["select_list"][0]
    _substitute(case, {"__size": size, "__value": value})
    size.clear()
    size.update(case)


def _substitute(node: object, parts: dict[str, dict | None]) -> None:
    if isinstance(node, list):
        for item in node:
            _substitute(item, parts)
    elif isinstance(node, dict):
        for key, child in list(node.items()):
            names = child.get("column_names") if isinstance(child, dict) else None
            if names and len(names) == 1 and parts.get(names[0]) is not None:
                node[key] = copy.deepcopy(parts[names[0]])
            else:
                _substitute(child, parts)


def _without_locations(node: object) -> object:
    if isinstance(node, list):
        return [_without_locations(n) for n in node]
    if isinstance(node, dict):
        return {k: _without_locations(v) for k, v in node.items() if "query_location" not in k}
    return node


def _unparse(con: duckdb.DuckDBPyConnection, tree: dict) -> str:
    """The tree as SQL text, checked to parse back into the very same tree (DuckDB's printer
    drops parts of some statements, such as SHOW ALL TABLES)."""
    text = json.dumps(tree)
    try:
        sql = con.execute("SELECT json_deserialize_sql(?::JSON)", [text]).fetchall()[0][0]
    except duckdb.Error:
        sql = None
    if not sql or _without_locations(_parse(con, sql)) != _without_locations(tree):
        raise QueryRefused(t("sql.error.unchecked"))
    return sql
