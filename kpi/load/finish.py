"""From a grid of text cells to a typed table: decide each column's type from a sample, convert
the whole column in DuckDB, reject the rows that do not fit and keep totals rows out."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from kpi.load.export_date import export_date
from kpi.load.report import ColumnInfo, LoadedTable, LoadReport, RejectedRow, SkippedLine
from kpi.load.summary import BOTTOM_RUN, REASON, TOP_RUN, summary_rows
from kpi.load.values import (
    CURRENCY_PATTERN,
    LAYOUTS_BY_NAME,
    MONTH_FIRST,
    NULL_TOKENS,
    DateLayout,
    NumberStyle,
    ambiguous_day_month,
    classify_dates,
    detect_number_style,
    infer_years,
    is_bool,
    is_duration,
    most_common,
    parse_number,
    strip_number_decoration,
)

SAMPLE_ROWS = 5000
# Cells classified in Python per table: a wide export (a Facebook page export has 2 681
# columns) is typed from fewer rows, so planning stays bounded; SQL still checks every row.
SAMPLE_CELLS = 100_000
# Above this width DuckDB's optimizer, whose passes grow faster than the number of expressions,
# is switched off while typing: over a few hundred rows it has nothing to gain.
WIDE_COLUMNS = 300
# A column is typed when at most this share of its values (and at least one bad value in a
# column of three or more) fails to read; the failing rows are rejected. Beyond it, it is text.
MAX_FAILURE_SHARE = 0.05


def tolerated(failures: int, count: int) -> bool:
    """Whether `failures` bad values among `count` still leave a column typed."""
    if count < 3:
        return failures == 0
    return failures <= max(1, MAX_FAILURE_SHARE * count)


_ID_NAME = re.compile(
    r"(^|[\s_.-])(id|ids|code|zip|postal|phone)($|[\s_.-])|_id$|^key$|[\s_]key$", re.I
)
_DATE_NAME = re.compile(r"date|time|day|fecha|data|dzie[nń]|dia|created|published|posted", re.I)


@dataclass
class Grid:
    """A table as text cells (columns c0…cN, in file order) plus what the reader learnt of it."""

    cells: pa.Table
    names: list[str]
    source_names: list[str]
    report: LoadReport
    line_of: Callable[[list[int]], dict[int, int]]
    raw_of: Callable[[list[str | None]], str]
    style: NumberStyle | None = None
    typed_cells: bool = False  # Excel and JSON cells already carry "." decimals and ISO dates
    parser_rejects: list[RejectedRow] = field(default_factory=list)


@dataclass(frozen=True)
class ColumnPlan:
    """How one text column becomes typed: its kind, a detail for people, and a SQL expression."""

    kind: str
    detail: str
    sql: str  # an expression over the cleaned text value `__V__`; NULL where it does not fit
    fast: str | None = (
        None  # a cheaper expression, right wherever it is not NULL (see _create_typed)
    )


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_TIMES = ["", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f", " %I:%M %p", " %I:%M:%S %p", " %I:%M%p"]
_ZONES = ["", "%z", " %z"]
_DATE_PARTS = {
    "yyyy-mm-dd": ["%Y-%m-%d"],
    "yyyy/mm/dd": ["%Y/%m/%d"],
    "yyyymmdd": ["%Y%m%d"],
    "dd/mm/yyyy": ["%d/%m/%Y"],
    "mm/dd/yyyy": ["%m/%d/%Y"],
    "dd/mm/yy": ["%d/%m/%y"],
    "mm/dd/yy": ["%m/%d/%y"],
    "dd.mm.yyyy": ["%d.%m.%Y"],
    "dd-mm-yyyy": ["%d-%m-%Y"],
    "dd-mm-yy": ["%d-%m-%y"],
    "Mon dd, yyyy": ["%b %d, %Y", "%a, %b %d, %Y", "%a %b %d %Y", "%b %d %Y", "%B %d, %Y"],
    "dd Mon yyyy": ["%d %b %Y", "%d %B %Y"],
    "Month dd": ["%B %d", "%b %d"],  # replaced by inferred ISO dates before conversion
}


def _date_formats(layout: DateLayout, values: list[str]) -> list[str]:
    """The strptime formats of `layout` that the sample really uses, most used first."""
    candidates = [d + t + z for d in _DATE_PARTS[layout.name] for t in _TIMES for z in _ZONES]
    used: Counter[str] = Counter()
    for value in values[:300]:
        text = _normalise_date_text(value)
        for fmt in candidates:
            try:
                dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
            used[fmt] += 1
            break
    return [f for f, _ in used.most_common()] or candidates


def _normalise_date_text(value: str) -> str:
    return re.sub(r"(Z| UTC)$", "+0000", re.sub(r"(\d)T(\d)", r"\1 \2", value))


def _date_sql(layout: DateLayout, values: list[str], with_time: bool) -> str:
    fmt_list = "[" + ", ".join(_sql_str(f) for f in _date_formats(layout, values)) + "]"
    # strptime wants a space, not "T", and "+0000" rather than "Z" or " UTC".
    norm = r"regexp_replace(regexp_replace(__V__, '(\d)T(\d)', '\1 \2'), '(Z| UTC)$', '+0000')"
    parsed = f"try_strptime({norm}, {fmt_list})::TIMESTAMP"
    if layout.name == "yyyy-mm-dd":
        # DuckDB's own ISO reader is much faster than strptime; strptime catches the rest.
        parsed = f"COALESCE(TRY_CAST(TRY_CAST(__V__ AS TIMESTAMPTZ) AS TIMESTAMP), {parsed})"
    return parsed if with_time else f"CAST({parsed} AS DATE)"


# RE2's \s is ASCII only; exports put no-break spaces between the amount and the currency.
_WS = "[\\s\u00a0\u202f]"


def _number_sql(style: NumberStyle, integer: bool, typed_cells: bool = False) -> str:
    thousands = "[" + re.escape(style.thousands) + "\u00a0\u202f' ]"
    s = r"regexp_replace(__V__, '^[<>]\s*', '')"
    pct = rf"regexp_matches({s}, '%$')"
    s = rf"regexp_replace({s}, '{_WS}*%$', '')"
    s = f"regexp_replace({s}, '^(?:{CURRENCY_PATTERN}){_WS}*|{_WS}*(?:{CURRENCY_PATTERN})$', '', 'g')"
    s = rf"regexp_replace({s}, '^\((.*)\)$', '-\1')"
    body = style.body_regex()
    cleaned = f"replace(regexp_replace({s}, {_sql_str(thousands)}, '', 'g'), {_sql_str(style.decimal)}, '.')"
    fast = _number_fast(style, integer, typed_cells)
    if integer:
        value = f"COALESCE(TRY_CAST({cleaned} AS BIGINT), TRY_CAST(TRY_CAST({cleaned} AS DOUBLE) AS BIGINT))"
        slow = f"CASE WHEN regexp_full_match({s}, {_sql_str(body)}) THEN {value} END"
        return f"COALESCE({fast}, {slow})"
    value = f"TRY_CAST({cleaned} AS DOUBLE)"
    slow = (
        f"CASE WHEN regexp_full_match({s}, {_sql_str(body)}) "
        f"THEN CASE WHEN {pct} THEN {value} / 100 ELSE {value} END END"
    )
    return f"COALESCE({fast}, {slow})"


def _number_fast(style: NumberStyle, integer: bool, typed_cells: bool) -> str:
    """Plain digits need no cleaning: cast them directly and keep the regular expressions for
    the rest (a cast alone would read "1.234" as 1 or 1.234, whatever the locale)."""
    plain = "NOT contains(__V__, ',')" + (
        " AND NOT contains(__V__, '.')" if integer or style.decimal == "," else ""
    )
    if typed_cells:
        # A workbook's number cells arrive as plain "1234.5": read those as they are, and the
        # locale style only for the numbers the sheet stores as text ("2 140,00").
        plain = f"regexp_full_match(__V__, {_sql_str(_PLAIN_NUMBER.pattern)})"
    return f"CASE WHEN {plain} THEN TRY_CAST(__V__ AS {'BIGINT' if integer else 'DOUBLE'}) END"


def _all_plain(values: list[str], style: NumberStyle, integer: bool, typed_cells: bool) -> bool:
    """Whether `_number_fast` reads every sampled value (so it is worth trying first)."""
    if typed_cells:
        return all(_PLAIN_NUMBER.fullmatch(v) for v in values)
    dots = integer or style.decimal == ","
    return all("," not in v and not (dots and "." in v) for v in values)


_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def column_style(values: list[str], style: NumberStyle, typed_cells: bool) -> NumberStyle:
    """The number style of one column. Text files use the file's style; in a workbook, numbers
    stored as text ("2 140,00", "1.234,56 zł") carry their own locale, decided per column."""
    if not typed_cells:
        return style
    texts = [v for v in values if not _PLAIN_NUMBER.fullmatch(v)]
    return detect_number_style(texts) if texts else style


def _parse_figure(value: str, style: NumberStyle, typed_cells: bool) -> float | None:
    if typed_cells and _PLAIN_NUMBER.fullmatch(value):
        return float(value)
    return parse_number(value, style)


def plan_column(name: str, values: list[str], style: NumberStyle, typed_cells: bool) -> ColumnPlan:
    """Decide a column's type from a sample of its non-empty values."""
    style = column_style(values, style, typed_cells)
    if not values:
        return ColumnPlan("text", "empty", "__V__")
    n = len(values)
    if tolerated(n - sum(1 for v in values if is_bool(v)), n) and not all(
        v in ("0", "1") for v in values
    ):
        trues = ", ".join(
            _sql_str(w)
            for w in ("true", "yes", "sí", "si", "tak", "sim", "verdadero", "prawda", "y")
        )
        falses = ", ".join(
            _sql_str(w) for w in ("false", "no", "nie", "não", "nao", "falso", "fałsz", "n")
        )
        sql = f"CASE WHEN lower(__V__) IN ({trues}) THEN true WHEN lower(__V__) IN ({falses}) THEN false END"
        return ColumnPlan("bool", "yes/no", sql)
    # Remarks ("Using campaign budget") do not count against a number column; see _REMARK.
    figures = [v for v in values if not _REMARK.match(v)]
    parsed = [x for x in (_parse_figure(v, style, typed_cells) for v in figures) if x is not None]
    leading_zero = any(re.match(r"^0\d", v.strip()) for v in values)
    numeric = bool(figures) and tolerated(len(figures) - len(parsed), len(figures))
    if numeric and not leading_zero and not _ID_NAME.search(name):
        if (
            _DATE_NAME.search(name)
            and all(20000 <= n <= 80000 for n in parsed)
            and not typed_cells
            and all(float(n).is_integer() for n in parsed)
        ):
            sql = "CAST(DATE '1899-12-30' + TRY_CAST(TRY_CAST(__V__ AS DOUBLE) AS INTEGER) AS DATE)"
            return ColumnPlan("date", "Excel serial day numbers", sql)
        decorations = [strip_number_decoration(v) for v in figures]
        percent = sum(1 for _, p, _ in decorations if p) >= len(figures) * 0.5
        currency = most_common([c for _, _, c in decorations])
        integral = all(float(n).is_integer() for n in parsed) and not percent
        if percent:
            return ColumnPlan(
                "percent",
                "written as %, stored as a fraction",
                _number_sql(style, False, typed_cells),
            )
        if currency and sum(1 for _, _, c in decorations if c) >= len(figures) * 0.5:
            return ColumnPlan("money", currency, _number_sql(style, False, typed_cells))
        fast = _number_fast(style, integral, typed_cells)
        if not _all_plain(figures, style, integral, typed_cells):
            fast = None
        if integral:
            return ColumnPlan("integer", "", _number_sql(style, True, typed_cells), fast)
        return ColumnPlan("decimal", "", _number_sql(style, False, typed_cells), fast)
    if tolerated(n - sum(1 for v in values if is_duration(v)), n):
        sql = (
            "TRY_CAST(split_part(__V__, ':', 1) AS BIGINT) * 3600 + "
            "TRY_CAST(split_part(__V__, ':', 2) AS BIGINT) * 60 + TRY_CAST(split_part(__V__, ':', 3) AS BIGINT)"
        )
        return ColumnPlan("duration", "h:mm:ss, stored as seconds", sql)
    layout = classify_dates(values)
    if layout is not None:
        detail = layout.name
        pair = next(((d, m) for d, m in MONTH_FIRST.items() if layout.name in (d, m)), None)
        if pair is not None:
            if ambiguous_day_month(values):
                layout = LAYOUTS_BY_NAME[pair[0] if style.decimal == "," else pair[1]]
                detail = (
                    f"{layout.name} (day and month both ≤ 12 everywhere: assumed from the locale)"
                )
            else:
                detail = layout.name
        with_time = any(":" in v for v in values)
        kind = "timestamp" if with_time else "date"
        if with_time and re.search(r"(Z|UTC|[+-]\d{2}:?\d{2})$", values[0]):
            detail += ", converted to UTC"
        return ColumnPlan(kind, detail, _date_sql(layout, values, with_time))
    return ColumnPlan("text", "", "__V__")


def _clean_expr(col: str) -> str:
    tokens = ", ".join(_sql_str(t) for t in sorted(NULL_TOKENS))
    return f"CASE WHEN lower(trim({col})) IN ({tokens}) THEN NULL ELSE trim({col}) END"


def finish(grid: Grid, con: duckdb.DuckDBPyConnection) -> LoadedTable:
    """Type every column, reject what does not fit, keep totals rows out, and fill the report."""
    wide = len(grid.names) > WIDE_COLUMNS and grid.cells.num_rows <= 100_000
    if wide:
        con.execute("PRAGMA disable_optimizer")
    try:
        return _finish(grid, con)
    finally:
        if wide:
            con.execute("PRAGMA enable_optimizer")


def _finish(grid: Grid, con: duckdb.DuckDBPyConnection) -> LoadedTable:
    report = grid.report
    n_cols = len(grid.names)
    cells = grid.cells.append_column("__row", pa.array(range(grid.cells.num_rows), pa.int64()))
    con.register("grid_cells", cells)
    sample_rows = min(SAMPLE_ROWS, max(30, SAMPLE_CELLS // max(n_cols, 1)))
    sample = grid.cells.slice(0, sample_rows).to_pydict()
    sample_values = {
        i: [
            v.strip()
            for v in sample[f"c{i}"]
            if v is not None and v.strip().lower() not in NULL_TOKENS
        ]
        for i in range(n_cols)
    }
    style = grid.style or detect_number_style(
        [v for vals in sample_values.values() for v in vals[:500]], report.delimiter
    )
    plans = [
        plan_column(grid.names[i], sample_values[i], style, grid.typed_cells) for i in range(n_cols)
    ]
    for i, plan in enumerate(plans):
        if plan.kind == "date" and plan.detail.startswith("Month dd"):
            cells = _with_years(cells, i, report, grid.names[i], _newest_date(con, plans))
            con.register("grid_cells", cells)
            plans[i] = ColumnPlan(
                "date", "month and day only: year inferred", "TRY_CAST(__V__ AS DATE)"
            )

    # Convert every column once; counts, rejects and the final table all read from here.
    fails, non_null = _create_typed(con, plans, n_cols)
    remarks = _remarks(con, fails)
    for i, phrases in remarks.items():
        count = sum(phrases.values())
        fails[i] -= count
        shown = ", ".join(f"“{p}”" for p in list(phrases)[:3])
        report.notes.append(
            f"Column “{grid.names[i]}”: {count} cell(s) held a remark instead of a number "
            f"({shown}) and were read as empty."
        )
    fails = {i: c for i, c in fails.items() if c}
    demoted: set[int] = set()
    for i, count in fails.items():
        if not tolerated(count, non_null[i]):
            report.notes.append(
                f"Column “{grid.names[i]}” kept as text: {count} of {non_null[i]} values are not "
                f"{plans[i].kind} values."
            )
            plans[i] = ColumnPlan("text", "mixed values", "__V__")
            demoted.add(i)

    failing = [i for i in fails if i not in demoted]
    bad_rows: dict[int, list[int]] = {}
    if failing:
        bad = {
            i: f"(v{i} IS NOT NULL AND t{i} IS NULL{_not_in(remarks.get(i), i)})" for i in failing
        }
        cond = " OR ".join(bad.values())
        flags = ", ".join(f"{bad[i]} AS f{i}" for i in failing)
        rows = con.execute(
            f"SELECT __row, {flags} FROM typed WHERE {cond} ORDER BY __row"
        ).fetchall()
        for row in rows:
            bad_rows[row[0]] = [failing[k] for k, flag in enumerate(row[1:]) if flag]

    # Rows with no value at all (`,,,`) are not data: list them as skipped, like blank lines.
    empty = (
        [
            r[0]
            for r in con.execute(
                "SELECT __row FROM typed WHERE "
                + " AND ".join(f"v{i} IS NULL" for i in range(n_cols))
            ).fetchall()
        ]
        if n_cols
        else []
    )
    if empty:
        empty_lines = grid.line_of(empty)
        report.skipped.extend(SkippedLine(empty_lines[o], "empty row", "") for o in empty)
    totals = _totals_rows(con, grid, plans, n_cols)
    messages = _message_rows(con, n_cols)
    ordinals = sorted(set(bad_rows) | set(totals) | set(messages))
    lines = grid.line_of(ordinals) if ordinals else {}
    raw = _raw_rows(con, ordinals, n_cols)
    rejected = list(grid.parser_rejects)
    for o in ordinals:
        if o in messages:
            reason = "a message from the export, not a data row (the report held no data)"
        elif o in totals:
            reason = REASON
        else:
            parts = [
                f"“{grid.names[i]}” = {raw[o][i]!r} is not a {_kind_word(plans[i])}"
                for i in bad_rows[o]
            ]
            reason = "; ".join(parts) + ". Fix the value in the file or leave the cell empty."
        rejected.append(RejectedRow(lines.get(o, o + 1), reason, grid.raw_of(raw[o])))
    rejected.sort(key=lambda r: r.line)

    con.register("excluded_rows", pa.table({"__row": pa.array(ordinals + empty, pa.int64())}))
    select = ", ".join(
        f"{'v' if i in demoted else 't'}{i} AS {_ident(grid.names[i])}" for i in range(n_cols)
    )
    table = con.sql(
        f"SELECT {select} FROM typed ANTI JOIN excluded_rows USING (__row) ORDER BY __row"
    ).to_arrow_table()
    con.unregister("excluded_rows")
    con.unregister("grid_cells")
    con.execute("DROP TABLE typed")

    report.rejected = rejected
    report.rows_loaded = table.num_rows
    if report.decimal is None and not grid.typed_cells:
        report.decimal = style.decimal
        report.thousands = style.thousands
    elif grid.typed_cells:
        report.decimal = report.decimal or "."
    report.columns = [
        ColumnInfo(grid.source_names[i], grid.names[i], plans[i].kind, plans[i].detail)
        for i in range(n_cols)
    ]
    return LoadedTable(table, report)


def today() -> dt.date:
    """Today's date (a seam for tests of year inference)."""
    return dt.date.today()


def _with_years(
    cells: pa.Table, i: int, report: LoadReport, name: str, newest_row: dt.date | None
) -> pa.Table:
    """Replace a "Month dd" column by ISO dates, inferring each row's year; say so."""
    column = f"c{i}"
    titles = [s.raw for s in report.skipped if s.raw]
    bound, source = export_date(titles, report.file, newest_row, today())
    iso = infer_years(cells.column(column).to_pylist(), bound)
    known = [d for d in iso if d]
    if known:
        report.notes.append(
            f"Column “{name}” has no year: years were inferred from the row order so that no "
            f"date falls after {bound.isoformat()} (the export's date, from {source}): "
            f"{min(known)} to {max(known)}. Check them if the export was taken at another time."
        )
    return cells.set_column(
        cells.schema.get_field_index(column), column, pa.array(iso, pa.string())
    )


def _newest_date(con: duckdb.DuckDBPyConnection, plans: list[ColumnPlan]) -> dt.date | None:
    """The newest full date in the table's other date columns (an export ends there)."""
    dated = [
        i
        for i, p in enumerate(plans)
        if p.kind in ("date", "timestamp") and not p.detail.startswith("Month dd")
    ]
    if not dated:
        return None
    values = ", ".join(
        f"max(CAST({plans[i].sql.replace('__V__', _clean_expr(f'c{i}'))} AS DATE))" for i in dated
    )
    found = [d for d in con.execute(f"SELECT {values} FROM grid_cells").fetchall()[0] if d]
    return max(found) if found else None


def _kind_word(plan: ColumnPlan) -> str:
    return {
        "integer": "whole number",
        "decimal": "number",
        "percent": "percentage",
        "money": "money amount",
        "date": f"date ({plan.detail.split(' ')[0]})",
        "timestamp": f"date and time ({plan.detail.split(' ')[0]})",
        "duration": "duration (h:mm:ss)",
        "bool": "yes/no value",
    }.get(plan.kind, plan.kind)


def _typed_select(plans: list[ColumnPlan], n_cols: int) -> str:
    # kpi_clean is a macro (see _define_clean): one short call per column keeps binding a wide
    # table cheap.
    cleaned = ", ".join(f"kpi_clean(c{i}) AS v{i}" for i in range(n_cols))
    typed = ", ".join(f"v{i}, {_bind(p.fast or p.sql, i)} AS t{i}" for i, p in enumerate(plans))
    return f"SELECT __row, {typed} FROM (SELECT __row, {cleaned} FROM grid_cells)"


def _define_clean(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE OR REPLACE TEMP MACRO kpi_clean(x) AS {_clean_expr('x')}")


def _create_typed(
    con: duckdb.DuckDBPyConnection, plans: list[ColumnPlan], n_cols: int
) -> tuple[dict[int, int], dict[int, int]]:
    """The table `typed`: `__row`, and per column its cleaned text `v{i}` and typed value `t{i}`.

    Number columns whose sample holds plain figures are cast directly (`ColumnPlan.fast`); only
    those where a value did not cast are converted again with the full locale expression, whose
    regular expressions cost far more to plan and to run.

    Returns, per typed column, how many present values did not convert, and per column how
    many values are present (one pass over the table for both)."""
    _define_clean(con)
    con.execute(f"CREATE OR REPLACE TEMP TABLE typed AS {_typed_select(plans, n_cols)}")
    typed = [i for i, p in enumerate(plans) if p.kind != "text"]
    # count(CASE …), not count(*) FILTER (…): DuckDB plans FILTER clauses in time quadratic in
    # their number (3 000 of them took minutes).
    aggs = [f"count(v{i})" for i in range(n_cols)]
    aggs += [f"count(CASE WHEN v{i} IS NOT NULL AND t{i} IS NULL THEN 1 END)" for i in typed]
    row = con.execute(f"SELECT {', '.join(aggs)} FROM typed").fetchall()[0] if aggs else ()
    non_null = dict(enumerate(int(c) for c in row[:n_cols]))
    fails = {i: int(c) for i, c in zip(typed, row[n_cols:], strict=True) if c}
    again = [i for i in fails if plans[i].fast]
    for start in range(0, len(again), 200):
        sets = ", ".join(f"t{i} = {_bind(plans[i].sql, i)}" for i in again[start : start + 200])
        con.execute(f"UPDATE typed SET {sets}")
    if again:
        recount = _failure_counts(con, plans, again)
        fails = {i: recount.get(i, 0) if i in again else c for i, c in fails.items()}
        fails = {i: c for i, c in fails.items() if c}
    return fails, non_null


def _bind(sql: str, i: int) -> str:
    """Point a plan's expression, written over `__V__`, at column `v{i}`."""
    return sql.replace("__V__", f"v{i}")


# A sentence in a number column ("Using campaign budget") is the platform's remark, not a broken
# value: it reads as empty, with a note. A lone word or a mangled number still rejects the row.
_REMARK = re.compile(r"^[^\W\d_]+(?:[\s'’-]+[^\W\d_]+)+[.!]?$")


_MESSAGE = r"^(no data|no hay datos|sin datos|brak danych|sem dados|nenhum dado|geen gegevens)"


def _message_rows(con: duckdb.DuckDBPyConnection, n_cols: int) -> set[int]:
    """Rows that are only a sentence in the first cell, such as Meta's "No data available."."""
    if n_cols < 2:
        return set()
    others = " AND ".join(f"v{i} IS NULL" for i in range(1, n_cols))
    rows = con.execute(
        f"SELECT __row FROM typed WHERE regexp_matches(lower(v0), '{_MESSAGE}') AND {others}"
    ).fetchall()
    return {r[0] for r in rows}


def _remarks(con: duckdb.DuckDBPyConnection, fails: dict[int, int]) -> dict[int, dict[str, int]]:
    """Per failing column, the remark phrases among its failing values, with their counts."""
    out: dict[int, dict[str, int]] = {}
    for i in fails:
        values = con.execute(
            f"SELECT v{i}, count(*) FROM typed WHERE v{i} IS NOT NULL AND t{i} IS NULL "
            f"GROUP BY 1 ORDER BY 2 DESC LIMIT 1000"
        ).fetchall()
        phrases = {v: int(n) for v, n in values if _REMARK.match(v)}
        if phrases:
            out[i] = phrases
    return out


def _not_in(phrases: dict[str, int] | None, i: int) -> str:
    if not phrases:
        return ""
    return f" AND v{i} NOT IN ({', '.join(_sql_str(p) for p in phrases)})"


def _failure_counts(
    con: duckdb.DuckDBPyConnection, plans: list[ColumnPlan], only: list[int] | None = None
) -> dict[int, int]:
    """Per typed column (or per column of `only`), how many values are present but did not convert."""
    typed = only if only is not None else [i for i, p in enumerate(plans) if p.kind != "text"]
    if not typed:
        return {}
    aggs = ", ".join(
        f"count(CASE WHEN v{i} IS NOT NULL AND t{i} IS NULL THEN 1 END)" for i in typed
    )
    row = con.execute(f"SELECT {aggs} FROM typed").fetchall()[0]
    return {i: int(c) for i, c in zip(typed, row, strict=True) if c}


def _non_null_counts(con: duckdb.DuckDBPyConnection, n_cols: int) -> dict[int, int]:
    """Per column, how many cells hold a value (after the null tokens are set aside)."""
    if n_cols == 0:
        return {}
    counts = ", ".join(f"count(v{i})" for i in range(n_cols))
    row = con.execute(f"SELECT {counts} FROM typed").fetchall()[0]
    return dict(enumerate(int(c) for c in row))


def _raw_rows(
    con: duckdb.DuckDBPyConnection, ordinals: list[int], n_cols: int
) -> dict[int, list[str | None]]:
    if not ordinals:
        return {}
    cols = ", ".join(f"c{i}" for i in range(n_cols))
    ids = ", ".join(str(o) for o in ordinals)
    rows = con.execute(f"SELECT __row, {cols} FROM grid_cells WHERE __row IN ({ids})").fetchall()
    return {r[0]: list(r[1:]) for r in rows}


def _totals_rows(
    con: duckdb.DuckDBPyConnection, grid: Grid, plans: list[ColumnPlan], n_cols: int
) -> set[int]:
    """Summary rows at the top or the bottom of the table (see `kpi.load.summary`)."""
    count = grid.cells.num_rows
    if count < 2 or n_cols < 2:
        return set()
    edges = sorted({*range(min(TOP_RUN, count)), *range(max(0, count - BOTTOM_RUN), count)})
    raw = _raw_rows(con, edges, n_cols)
    filled = _non_null_counts(con, 1)[0]
    return summary_rows(con, count, [p.kind for p in plans], grid.names, raw, filled)
