"""A page table's cells as the chosen language writes them: `1 221,70 zł`, `1.221,70 €`,
`12,5 %`, `3 mar 2026`, platforms and channels by their names (TikTok, Búsqueda orgánica).

Streamlit's `NumberColumn` formats are printf patterns that ignore the language (its
`"localized"` follows the browser's, not the one the person picked). A pandas `Styler` whose
`format` writes each cell with the Babel formatters is shown by `st.dataframe` as its display
text while sorting still sorts by the underlying values (checked in Chromium). The frame itself
is never changed: downloads and filters keep the data's values."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
from pandas.io.formats.style import Styler

from kpi.charts.locale import frame_currency
from kpi.i18n import format_count, format_date, format_money, format_number, format_value
from kpi.i18n.messages import resolve
from kpi.i18n.names import display_name, holds_names

# Writing a cell costs ~50 µs (Babel, then the Styler's machinery: `benchmarks/grid_words.py`)
# on every rerun; the page's tables are aggregates of tens of rows. A table of more cells keeps
# Streamlit's own number formats, so a rerun never waits long for its grid (~0.3 s at 5 000).
MAX_STYLED_CELLS = 5_000
# The format kinds whose cells are written by Babel here, the rest are left as they are.
NUMBER_KINDS = frozenset(
    {"percent", "ratio", "currency", "money", "int", "count", "decimal", "duration", "number"}
)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _number(kind: str, currency: str | None, lang: str | None) -> Callable[[object], str]:
    """The writer of one numeric kind's cells (empty cells stay empty)."""

    def write(value: object) -> str:
        if _missing(value) or isinstance(value, str):
            return "" if _missing(value) else str(value)
        number = float(value)  # type: ignore[arg-type]
        if kind in ("currency", "money"):
            return format_money(number, currency, lang)
        if kind == "money_plain":
            return format_number(number, 2, lang)
        if kind in ("int", "count"):
            return format_count(round(number), lang)
        if kind == "decimal":
            return format_number(number, 1, lang)
        if kind == "number":
            return format_number(number, 0 if number.is_integer() else 2, lang)
        return format_value(number, kind, lang)  # percent, ratio, duration

    return write


def _date(lang: str | None) -> Callable[[object], str]:
    def write(value: object) -> str:
        if _missing(value):
            return ""
        try:
            return format_date(pd.Timestamp(value).date(), lang)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return str(value)

    return write


def _name(lang: str | None) -> Callable[[object], str]:
    return lambda value: "" if _missing(value) else display_name(value, lang)


def cell_writers(
    frame: pd.DataFrame, formats: Mapping[str, str | None], lang: str | None = None
) -> dict[str, Callable[[object], str]]:
    """Per column of `frame`, the function that writes its cells in `lang` (None: the current
    language): numbers, money in the table's currency, dates, platform and channel names."""
    lang = resolve(lang)  # bound now: pandas writes the cells later, when the grid is drawn
    currency, mixed = table_currency(frame)
    writers: dict[str, Callable[[object], str]] = {}
    for column in frame.columns:
        kind = formats.get(column)
        if kind in NUMBER_KINDS:
            # Amounts in several currencies: the number only, the row's currency column says which.
            plain = mixed and kind in ("currency", "money")
            writers[column] = _number("money_plain" if plain else kind, currency, lang)
        elif kind == "date":
            writers[column] = _date(lang)
        elif kind is None and holds_names(column, lang):
            writers[column] = _name(lang)
    return writers


def table_currency(frame: pd.DataFrame) -> tuple[str | None, bool]:
    """The currency of a table's money — its `currency` column's one code, or the code its
    builder kept in `frame.attrs`; None: the app's default (euros, as the tiles) — and whether
    the rows are in several currencies."""
    code = frame_currency(frame)
    mixed = code is None and "currency" in frame.columns and frame["currency"].notna().any()
    return code, bool(mixed)


def stylable(frame: pd.DataFrame) -> bool:
    """Whether the grid can write this table's cells (pandas styles unique columns, and not
    too many cells)."""
    return frame.size <= MAX_STYLED_CELLS and frame.columns.is_unique


def styled(
    frame: pd.DataFrame, formats: Mapping[str, str | None], lang: str | None = None
) -> Styler | None:
    """`frame` as a Styler writing its cells in `lang`, or None when there is nothing to write
    or the table is too large to style (Streamlit's formats then)."""
    if not stylable(frame):
        return None
    writers = cell_writers(frame, formats, lang)
    if not writers:
        return None
    return frame.style.format(writers, na_rep="")  # type: ignore[arg-type]
