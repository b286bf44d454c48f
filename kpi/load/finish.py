"""From a grid of text cells to a typed table: decide each column's type from a sample, convert
the whole column in DuckDB, reject the rows that do not fit and keep totals rows out."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from kpi.i18n import format_count, t, tn
from kpi.load.export_date import export_date
from kpi.load.plan import REMARK, ColumnPlan, ident, plan_column, sql_str, tolerated
from kpi.load.report import (
    ColumnInfo,
    LoadedTable,
    LoaderTable,
    LoadReport,
    RejectedRow,
    SkippedLine,
    drop_objects,
    object_kind,
)
from kpi.load.summary import BOTTOM_RUN, REASON, TOP_RUN, summary_rows
from kpi.load.values import (
    NULL_TOKENS,
    NumberStyle,
    detect_number_style,
    infer_years,
    null_words_among,
)

SAMPLE_ROWS = 5000
# Cells classified in Python per table: a wide export (a Facebook page export has 2 681
# columns) is typed from fewer rows, so planning stays bounded; SQL still checks every row.
SAMPLE_CELLS = 100_000
# Above this width DuckDB's optimizer, whose passes grow faster than the number of expressions,
# is switched off while typing: over a few hundred rows it has nothing to gain.
WIDE_COLUMNS = 300


@dataclass
class Grid:
    """A table as text cells (columns c0…cN, in file order) plus what the reader learnt of it.

    The cells are an Arrow table, or (the fast path for large text files) `cells` is None and
    `relation` names a DuckDB table on the loader connection holding them in file order."""

    cells: pa.Table | None
    names: list[str]
    source_names: list[str]
    report: LoadReport
    line_of: Callable[[list[int]], dict[int, int]]
    raw_of: Callable[[list[str | None]], str]
    style: NumberStyle | None = None
    typed_cells: bool = False  # Excel and JSON cells already carry "." decimals and ISO dates
    parser_rejects: list[RejectedRow] = field(default_factory=list)
    relation: str | None = None
    # The fast path may bring its own plans (decided from its sample), columns DuckDB already
    # typed while reading (index → SQL over `__C__`, the typed cell, giving the final value),
    # and the original text cells of given rows (for the report).
    plans: list[ColumnPlan] | None = None
    pretyped: dict[int, str] = field(default_factory=dict)
    raw_cells: Callable[[list[int]], dict[int, list[str | None]]] | None = None
    clean: bool = False  # text cells are trimmed and null words are NULL already


# The code points DuckDB's trim() removes (Unicode category Zs; tested against trim itself).
SPACES = "(32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8239, 8287, 12288)"
_NULL_WORDS = ", ".join(sql_str(t) for t in sorted(NULL_TOKENS))
_LONGEST_NULL_WORD = max(len(t) for t in NULL_TOKENS)
# The first characters of the null words, as written and upper-case: a cell starting with none
# of them is no null word in any case (tested over every code point against DuckDB's lower()).
NULL_WORD_STARTS = tuple(
    sorted({ord(t[0]) for t in NULL_TOKENS if t} | {ord(t[0].upper()) for t in NULL_TOKENS if t})
)


def spaced_sql(column: str, short: bool = False) -> str:
    """SQL true where a cell starts or ends with a space: `c <> trim(c)` without building the
    trimmed copy. trim() removes the Unicode space separators (category Zs, listed in SPACES)
    at either end, so look at the end characters (`c[-1]`, not `right(c, 1)`: the same
    character, read faster).

    `short`: the same test written for columns of short cells (names, ids, platforms), where
    finding the last character costs more than the rest: a cell of ASCII characters only
    (as many bytes as characters) can only start or end with the ASCII space, a byte test."""
    ends = f"(ord({column}) IN {SPACES} OR ord({column}[-1]) IN {SPACES})"
    if not short:
        return ends
    return (
        f"(prefix({column}, ' ') OR suffix({column}, ' ') "
        f"OR (strlen({column}) <> length({column}) AND {ends}))"
    )


def null_word_sql(column: str) -> str:
    """SQL true where a cell (as it is, untrimmed) is a null word in any case. Most cells are
    told apart by their length or first character, without the lower-case copy."""
    starts = ", ".join(map(str, NULL_WORD_STARTS))
    # strlen (bytes, read in constant time) before length (characters, counted): a longer
    # cell is told apart without counting; a character takes at most 4 bytes.
    return (
        f"({column} = '' OR (strlen({column}) <= {4 * _LONGEST_NULL_WORD} "
        f"AND length({column}) <= {_LONGEST_NULL_WORD} "
        f"AND ord({column}) IN ({starts}) AND lower({column}) IN ({_NULL_WORDS})))"
    )


def _clean_expr(col: str) -> str:
    """A cell trimmed, or NULL when it is a null word; a cell without spaces at its ends (most)
    is judged as it is, without trimmed or lower-case copies."""
    trimmed = f"CASE WHEN lower(trim({col})) IN ({_NULL_WORDS}) THEN NULL ELSE trim({col}) END"
    return (
        f"CASE WHEN {spaced_sql(col)} THEN {trimmed} "
        f"WHEN {null_word_sql(col)} THEN NULL ELSE {col} END"
    )


def finish(grid: Grid, con: duckdb.DuckDBPyConnection) -> LoadedTable:
    """Type every column, reject what does not fit, keep totals rows out, and fill the report."""
    count = _attach(grid, con)
    wide = len(grid.names) > WIDE_COLUMNS and count <= 100_000
    if wide:
        con.execute("PRAGMA disable_optimizer")
    try:
        return _finish(grid, con, count)
    finally:
        if wide:
            con.execute("PRAGMA enable_optimizer")
        if grid.cells is None:
            con.execute("DROP VIEW IF EXISTS grid_cells")
        else:
            con.unregister("grid_cells")


def _attach(grid: Grid, con: duckdb.DuckDBPyConnection) -> int:
    """Make the cells readable as `grid_cells` (`__row`, c0…cN) and return their row count."""
    if grid.cells is None:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW grid_cells AS SELECT rowid AS __row, * FROM {grid.relation}"
        )
        return int(con.execute(f"SELECT count(*) FROM {grid.relation}").fetchall()[0][0])
    cells = grid.cells.append_column("__row", pa.array(range(grid.cells.num_rows), pa.int64()))
    con.register("grid_cells", cells)
    return grid.cells.num_rows


def _sample(grid: Grid, con: duckdb.DuckDBPyConnection, rows: int) -> dict[str, list[str | None]]:
    """The first `rows` rows of cells, column by column."""
    if grid.cells is None:
        query = f"SELECT * FROM {grid.relation} ORDER BY rowid LIMIT {rows}"
        return con.sql(query).to_arrow_table().to_pydict()
    return grid.cells.slice(0, rows).to_pydict()


def sample_rows(n_cols: int) -> int:
    """How many rows a table of `n_cols` columns is planned from."""
    return min(SAMPLE_ROWS, max(30, SAMPLE_CELLS // max(n_cols, 1)))


def sample_values(cells: list[str | None]) -> list[str]:
    """A column's sampled cells as planning sees them: trimmed, without the null words."""
    stripped = [v.strip() for v in cells if v is not None]
    # A column's thousands of sampled cells hold few distinct words, and most columns none.
    nulls = null_words_among(stripped)
    return [v for v in stripped if v not in nulls] if nulls else stripped


def _finish(grid: Grid, con: duckdb.DuckDBPyConnection, n_rows: int) -> LoadedTable:
    report = grid.report
    n_cols = len(grid.names)
    if grid.plans is not None and grid.style is not None:
        plans, style = list(grid.plans), grid.style
    else:
        sample = _sample(grid, con, sample_rows(n_cols))
        values = {i: sample_values(sample[f"c{i}"]) for i in range(n_cols)}
        style = grid.style or detect_number_style(
            [v for vals in values.values() for v in vals[:500]], report.delimiter
        )
        plans = [
            plan_column(grid.names[i], values[i], style, grid.typed_cells) for i in range(n_cols)
        ]
    for i, plan in enumerate(plans):
        if plan.kind == "date" and plan.detail.startswith("Month dd"):
            if grid.cells is None:  # rare and small (TikTok Studio): work on Arrow cells
                con.execute("DROP VIEW grid_cells")
                grid.cells = con.sql(
                    f"SELECT * FROM {grid.relation} ORDER BY rowid"
                ).to_arrow_table()
                _attach(grid, con)
            cells = grid.cells.append_column("__row", pa.array(range(n_rows), pa.int64()))
            grid.cells = _with_years(cells, i, report, grid.names[i], _newest_date(con, plans))
            grid.cells = grid.cells.drop_columns(["__row"])
            _attach(grid, con)
            plans[i] = ColumnPlan(
                "date", "month and day only: year inferred", "TRY_CAST(__V__ AS DATE)"
            )

    # Convert every column once; counts, rejects and the final table all read from here.
    fails, non_null = _create_typed(con, plans, n_cols, grid.pretyped, grid.clean)
    remarks = _remarks(con, fails)
    for i, phrases in remarks.items():
        count = sum(phrases.values())
        fails[i] -= count
        shown = ", ".join(f"“{p}”" for p in list(phrases)[:3])
        report.notes.append(
            tn(
                "load.note.remarks",
                count,
                column=grid.names[i],
                count=format_count(count),
                shown=shown,
            )
        )
    fails = {i: c for i, c in fails.items() if c}
    demoted: set[int] = set()
    for i, count in fails.items():
        if not tolerated(count, non_null[i]):
            report.notes.append(
                t(
                    "load.note.kept_as_text",
                    column=grid.names[i],
                    count=count,
                    total=non_null[i],
                    kind=plans[i].kind,
                )
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
    totals = _totals_rows(con, grid, plans, n_cols, n_rows)
    messages = set() if 0 in grid.pretyped else _message_rows(con, n_cols)
    ordinals = sorted(set(bad_rows) | set(totals) | set(messages))
    lines = grid.line_of(ordinals) if ordinals else {}
    raw = _raw_rows(con, ordinals, n_cols, grid)
    rejected = list(grid.parser_rejects)
    for o in ordinals:
        if o in messages:
            reason = t("load.reason.export_message")
        elif o in totals:
            reason = t(REASON)
        else:
            parts = [
                t(
                    "load.reason.bad_value",
                    name=grid.names[i],
                    value=raw[o][i],
                    kind=_kind_word(plans[i]),
                )
                for i in bad_rows[o]
            ]
            reason = t("load.reason.bad_values", values="; ".join(parts))
        rejected.append(RejectedRow(lines.get(o, o + 1), reason, grid.raw_of(raw[o])))
    rejected.sort(key=lambda r: r.line)

    select = ", ".join(
        f"{'v' if plans[i].kind == 'text' else 't'}{i} AS {ident(grid.names[i])}"
        for i in range(n_cols)
    )
    excluded = ordinals + empty
    if grid.cells is None:  # the fast path: the table stays on the loader connection
        source = _keep(con, grid, select, excluded, plans, n_cols)
        table = None
        rows_loaded = int(source.query().aggregate("count(*)").fetchall()[0][0])
    else:
        table = _arrow_table(con, select, excluded)
        source, rows_loaded = None, table.num_rows
    drop_objects(con, ["typed"])

    report.rejected = rejected
    report.rows_loaded = rows_loaded
    if report.decimal is None and not grid.typed_cells:
        report.decimal = style.decimal
        report.thousands = style.thousands
    elif grid.typed_cells:
        report.decimal = report.decimal or "."
    report.columns = [
        ColumnInfo(grid.source_names[i], grid.names[i], plans[i].kind, plans[i].detail)
        for i in range(n_cols)
    ]
    return LoadedTable(table, report, source)


def _arrow_table(con: duckdb.DuckDBPyConnection, select: str, excluded: list[int]) -> pa.Table:
    """The final table in Arrow, without the excluded rows, in file order."""
    if not excluded:  # the table is already in file order (insertion order)
        return con.sql(f"SELECT {select} FROM typed").to_arrow_table()
    con.register("excluded_rows", pa.table({"__row": pa.array(excluded, pa.int64())}))
    try:
        return con.sql(
            f"SELECT {select} FROM typed ANTI JOIN excluded_rows USING (__row) ORDER BY __row"
        ).to_arrow_table()
    finally:
        con.unregister("excluded_rows")


_SERIAL = itertools.count(1)
# Above this many working columns to drop, the final table is copied rather than altered.
MOST_DROPPED = 64


def _keep(
    con: duckdb.DuckDBPyConnection,
    grid: Grid,
    select: str,
    excluded: list[int],
    plans: list[ColumnPlan],
    n_cols: int,
) -> LoaderTable:
    """The final table as an object of its own on the loader connection, holding one copy of
    the data: a view over the cells DuckDB read when typing needed only casts, else the typed
    table less its working columns, else (rows left out) a table of the kept rows."""
    name = f"loaded_{next(_SERIAL)}"
    kind = object_kind(con, "typed")
    if excluded:
        con.register("excluded_rows", pa.table({"__row": pa.array(excluded, pa.int64())}))
        try:
            con.execute(
                f"CREATE TEMP TABLE {name} AS SELECT {select} FROM typed "
                f"ANTI JOIN excluded_rows USING (__row) ORDER BY __row"
            )
        finally:
            con.unregister("excluded_rows")
        return LoaderTable(con, name, [name])
    if kind == "VIEW" and _final_in_place(con, grid, plans, name):
        return LoaderTable(con, name, [name])
    if kind == "VIEW":
        # Self-contained: `typed` and `grid_cells` are working names the next table reuses.
        cells = f"{name}_cells"
        con.execute(f"ALTER TABLE {grid.relation} RENAME TO {cells}")
        typed_sql = _typed_select(plans, n_cols, grid.pretyped, grid.clean).replace(
            "FROM grid_cells", f"FROM (SELECT rowid AS __row, * FROM {cells})"
        )
        con.execute(f"CREATE TEMP VIEW {name} AS SELECT {select} FROM ({typed_sql})")
        return LoaderTable(con, name, [name, cells])
    # Only the columns the final table shows: a typed column's text and `__row` go now, one
    # ALTER each (each one costs a catalog change: a wide table is copied once instead).
    shown = {f"{'v' if p.kind == 'text' else 't'}{i}" for i, p in enumerate(plans)}
    unused = [c[0] for c in con.execute("DESCRIBE typed").fetchall() if c[0] not in shown]
    if len(unused) > MOST_DROPPED:
        con.execute(f"CREATE TEMP TABLE {name} AS SELECT {select} FROM typed")
        return LoaderTable(con, name, [name])
    typed = f"{name}_typed"
    con.execute(f"ALTER TABLE typed RENAME TO {typed}")
    for column in unused:
        con.execute(f"ALTER TABLE {typed} DROP COLUMN {column}")
    con.execute(f"CREATE TEMP VIEW {name} AS SELECT {select} FROM {typed}")
    return LoaderTable(con, name, [name, typed])


def _final_in_place(
    con: duckdb.DuckDBPyConnection, grid: Grid, plans: list[ColumnPlan], name: str
) -> bool:
    """When typing needed only casts, make the cells DuckDB read the final table `name` in
    place: a column whose type changes (a time read with its offset) is rewritten, the columns
    and the table renamed. The table then keeps its statistics, which a view over it hides (a
    date filter or a newest-date question would read every row). False, with nothing changed,
    when DuckDB refuses a step."""
    if len(plans) > MOST_DROPPED:
        return False  # each rename rewrites the table's catalog entry: wide tables keep the view
    cells = grid.relation
    con.execute("BEGIN TRANSACTION")
    try:
        for i, plan in enumerate(plans):
            final = grid.pretyped.get(i, "__C__") if plan.kind != "text" else "__C__"
            if final == "__C__":
                continue
            sql = final.replace("__C__", f"c{i}")
            kind = con.execute(f"DESCRIBE SELECT {sql} FROM {cells}").fetchall()[0][1]
            con.execute(f"ALTER TABLE {cells} ALTER c{i} TYPE {kind} USING {sql}")
        # Through names of their own first: a header may itself be called `c1`.
        for i in range(len(plans)):
            con.execute(f"ALTER TABLE {cells} RENAME COLUMN c{i} TO __final_{i}")
        for i, column in enumerate(grid.names):
            con.execute(f"ALTER TABLE {cells} RENAME COLUMN __final_{i} TO {ident(column)}")
        con.execute(f"ALTER TABLE {cells} RENAME TO {name}")
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        return False
    return True


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
            t(
                "load.note.no_year",
                column=name,
                bound=bound.isoformat(),
                source=source,
                first=min(known),
                last=max(known),
            )
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
        "integer": t("load.kind_word.integer"),
        "decimal": t("load.kind_word.decimal"),
        "percent": t("load.kind_word.percent"),
        "money": t("load.kind_word.money"),
        "date": t("load.kind_word.date", format=plan.detail.split(" ")[0]),
        "timestamp": t("load.kind_word.timestamp", format=plan.detail.split(" ")[0]),
        "duration": t("load.kind_word.duration"),
        "bool": t("load.kind_word.bool"),
    }.get(plan.kind, plan.kind)


def _typed_select(
    plans: list[ColumnPlan], n_cols: int, pretyped: dict[int, str], clean: bool
) -> str:
    # kpi_clean is a macro (see define_clean): one short call per column keeps binding a wide
    # table cheap. Columns DuckDB typed while reading, and cells cleaned already, need none.
    cleaned = ", ".join(
        f"c{i} AS v{i}" if i in pretyped or clean else f"kpi_clean(c{i}) AS v{i}"
        for i in range(n_cols)
    )

    def typed_value(i: int, plan: ColumnPlan) -> str:
        if i in pretyped:
            return pretyped[i].replace("__C__", f"v{i}")
        return _bind(plan.fast or plan.sql, i)

    # A text column is its cleaned value: no second copy of it.
    typed = ", ".join(
        f"v{i}" if p.kind == "text" else f"v{i}, {typed_value(i, p)} AS t{i}"
        for i, p in enumerate(plans)
    )
    return f"SELECT __row, {typed} FROM (SELECT __row, {cleaned} FROM grid_cells)"


def define_clean(con: duckdb.DuckDBPyConnection) -> None:
    """The macro kpi_clean(x): a cell trimmed, or NULL when it is a null word."""
    con.execute(f"CREATE OR REPLACE TEMP MACRO kpi_clean(x) AS {_clean_expr('x')}")


def _create_typed(
    con: duckdb.DuckDBPyConnection,
    plans: list[ColumnPlan],
    n_cols: int,
    pretyped: dict[int, str] | None = None,
    clean: bool = False,
) -> tuple[dict[int, int], dict[int, int]]:
    """The table `typed`: `__row`, and per column its cleaned text `v{i}` and typed value `t{i}`.

    Number columns whose sample holds plain figures are cast directly (`ColumnPlan.fast`); only
    those where a value did not cast are converted again with the full locale expression, whose
    regular expressions cost far more to plan and to run.

    Returns, per typed column, how many present values did not convert, and per column how
    many values are present (one pass over the table for both)."""
    define_clean(con)
    pretyped = pretyped or {}
    select = _typed_select(plans, n_cols, pretyped, clean)
    if clean and all(p.kind == "text" or i in pretyped for i, p in enumerate(plans)):
        # Nothing left to compute but cheap casts: a view, not a second copy of the data.
        con.execute(f"CREATE OR REPLACE TEMP VIEW typed AS {select}")
    else:
        con.execute(f"CREATE OR REPLACE TEMP TABLE typed AS {select}")
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
        phrases = {v: int(n) for v, n in values if REMARK.match(v)}
        if phrases:
            out[i] = phrases
    return out


def _not_in(phrases: dict[str, int] | None, i: int) -> str:
    if not phrases:
        return ""
    return f" AND v{i} NOT IN ({', '.join(sql_str(p) for p in phrases)})"


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
    con: duckdb.DuckDBPyConnection, ordinals: list[int], n_cols: int, grid: Grid
) -> dict[int, list[str | None]]:
    if not ordinals:
        return {}
    if grid.raw_cells is not None:
        return grid.raw_cells(ordinals)
    cols = ", ".join(f"c{i}" for i in range(n_cols))
    ids = ", ".join(str(o) for o in ordinals)
    rows = con.execute(f"SELECT __row, {cols} FROM grid_cells WHERE __row IN ({ids})").fetchall()
    return {r[0]: list(r[1:]) for r in rows}


def _totals_rows(
    con: duckdb.DuckDBPyConnection, grid: Grid, plans: list[ColumnPlan], n_cols: int, count: int
) -> set[int]:
    """Summary rows at the top or the bottom of the table (see `kpi.load.summary`)."""
    if count < 2 or n_cols < 2:
        return set()
    edges = sorted({*range(min(TOP_RUN, count)), *range(max(0, count - BOTTOM_RUN), count)})
    raw = _raw_rows(con, edges, n_cols, grid)
    filled = _non_null_counts(con, 1)[0]
    return summary_rows(con, count, [p.kind for p in plans], grid.names, raw, filled)
