"""Summary rows: the totals an export writes above or below its data.

Ads Manager, Google Ads, YouTube Studio and Universal Analytics put one (or several) rows that
sum the table at the top or at the bottom. Loaded as data they count every figure twice, so
they are kept out and listed in the report. A row is a summary when it sits in a run of rows at
the top or the bottom of the table and either

- its first filled cell is a totals word (`Total`, `Total: Campaigns`, `Gesamt`, `Razem`, …), or
- its label is empty (or a totals word) and its additive figures equal the sum of the other
  rows (decided from the values, so it works whatever the export calls it), or
- (the older, narrower rule) it is one of the last three rows, its first cell is empty where the
  first column is otherwise filled, and it holds figures and nothing else (Universal Analytics).

Everything is computed in DuckDB over the table `typed` (`__row`, `v{i}` cleaned text, `t{i}`
typed value), so the cost does not depend on the number of rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import duckdb

# Totals words in the languages of the exports we know, alone or followed by ":"/"-" and a scope
# (Google Ads writes `Total: Account`, `Total: Campaigns`, `Total: Search`, …).
TOTALS_LABEL = re.compile(
    r"^(total|totals|totales|totale|totaal|totaux|total general|total général|grand total|"
    r"gesamt|gesamtsumme|insgesamt|summe|suma|razem|łącznie|lacznie|ogółem|ogolem|somma|soma|"
    r"totalt|yhteensä|sum)(\s*[:\-–].*|\s+\(.*\))?$",
    re.I,
)
ADDITIVE_KINDS = ("integer", "decimal", "money")
# How far from each edge a run of summary rows may reach (Google Ads writes up to ~10).
TOP_RUN, BOTTOM_RUN = 3, 12
# Figures count as equal within this share (totals of rounded figures differ in the last digit).
RELATIVE_TOLERANCE = 0.001
ABSOLUTE_TOLERANCE = 0.011
_ID_LIKE = re.compile(r"(^|[\s_.-])(id|ids|code|key)($|[\s_.-])|_id$", re.I)

REASON = "load.reason.summary_row"  # a catalog key, read when a row is set aside


def is_totals_label(text: str) -> bool:
    """A cell reading like a totals label ("Total", "Total: Campaigns", "Razem", "Gesamt")."""
    return bool(TOTALS_LABEL.match(text.strip()))


def summary_rows(
    con: duckdb.DuckDBPyConnection,
    count: int,
    kinds: Sequence[str],
    names: Sequence[str],
    raw: dict[int, list[str | None]],
    first_column_filled: int,
) -> set[int]:
    """Ordinals of the summary rows of the table `typed` (`count` rows; `kinds` the planned type
    of each column; `raw` the text cells of the rows near both edges)."""
    n_cols = len(kinds)
    if count < 2 or n_cols < 2:
        return set()
    additive = [
        i for i, k in enumerate(kinds) if k in ADDITIVE_KINDS and not _ID_LIKE.search(names[i])
    ]
    measures = [i for i, k in enumerate(kinds) if k in (*ADDITIVE_KINDS, "percent", "duration")]
    label_col = next((i for i, k in enumerate(kinds) if k == "text"), None)

    def cells(o: int) -> list[str]:
        return [(c or "").strip() for c in raw.get(o, [])] + [""] * n_cols

    def labelled(o: int) -> bool:
        first = next((c for c in cells(o) if c), "")
        return is_totals_label(first)

    def ua_style(o: int) -> bool:  # the pre-existing rule, narrowed to rows of figures only
        row = cells(o)
        return (
            o >= count - 3
            and bool(measures)
            and not row[0]
            and first_column_filled >= 0.9 * (count - 1)
            and any(row[i] for i in measures)
            # A totals row holds figures only: one with a date, a name or an email is a data
            # row whose first cell is missing (an order without its id).
            and not any(row[i] for i in range(n_cols) if i not in measures)
        )

    found: set[int] = set()
    top = [o for o in range(min(TOP_RUN, count))]
    bottom = [o for o in range(count - 1, max(-1, count - 1 - BOTTOM_RUN), -1)]
    # Labelled rows first: a contiguous run from each edge.
    for edge in (top, bottom):
        for o in edge:
            if labelled(o) or (edge is bottom and ua_style(o)):
                found.add(o)
            else:
                break
    if not additive or count - len(found) < 3:
        return found
    # Then unlabelled rows next to those runs whose figures are the sum of all the others.
    sums, row_values = _sums(con, additive, found, top, bottom)
    for edge in (top, bottom):
        for o in edge:
            if o in found:
                continue
            label = cells(o)[label_col] if label_col is not None else ""
            if (label and not is_totals_label(label)) or not _is_sum_row(row_values.get(o), sums):
                break
            found.add(o)
    return found


def _sums(
    con: duckdb.DuckDBPyConnection,
    additive: list[int],
    excluded: set[int],
    top: list[int],
    bottom: list[int],
) -> tuple[list[float | None], dict[int, list[float | None]]]:
    """Each additive column's sum over the rows not yet excluded, and the edge rows' own values."""
    out = ", ".join(f"sum(t{i})::DOUBLE" for i in additive)
    where = f"WHERE __row NOT IN ({', '.join(map(str, sorted(excluded)))})" if excluded else ""
    sums = list(con.execute(f"SELECT {out} FROM typed {where}").fetchall()[0])
    edge = sorted(set(top) | set(bottom))
    cols = ", ".join(f"t{i}::DOUBLE" for i in additive)
    rows = con.execute(
        f"SELECT __row, {cols} FROM typed WHERE __row IN ({', '.join(map(str, edge))})"
    ).fetchall()
    return sums, {r[0]: list(r[1:]) for r in rows}


def _is_sum_row(values: list[float | None] | None, sums: list[float | None]) -> bool:
    """Whether a row's figures equal the sum of all the other rows: at least two non-zero figures
    agree (one when the row has a single non-zero figure). Columns that do not add up (reach,
    averages such as "Cost per result") do not count against it."""
    if values is None:
        return False
    agree = present = 0
    for value, total in zip(values, sums, strict=True):
        if value is None or total is None or value == 0:
            continue
        present += 1
        others = total - value
        if abs(value - others) <= max(RELATIVE_TOLERANCE * abs(value), ABSOLUTE_TOLERANCE):
            agree += 1
    return agree >= min(2, present) and agree > 0
