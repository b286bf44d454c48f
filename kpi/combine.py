"""Combining the tables of one dataset: the column-wise merge on the dataset's key, and the date
range a report states in its title when its rows carry no date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from dateutil import parser

from kpi.load import LoadedTable
from kpi.schema import DATASETS

# A column saying the last day a row covers, next to its first ("Reporting starts" → date).
RANGE_ENDS = {
    "reporting_ends", "reporting_end", "fin_del_informe", "koniec_raportowania",
    "fim_dos_relatorios", "date_end", "end_of_reporting",
}  # fmt: skip
_RANGE_SPLIT = re.compile(r"\s+(?:-|–|—|to|until)\s+", re.IGNORECASE)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
# Month names of Spanish, Portuguese and Polish reports (Polish in the genitive, as dates write
# them), in English for the date parser.
_MONTH_NAMES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada "
    "grudnia",
)
_MONTHS = {name: i + 1 for line in _MONTH_NAMES for i, name in enumerate(line.split(" "))}
_ENGLISH = ("", "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December")  # fmt: skip


def _in_english(text: str) -> str:
    words = [w for w in re.split(r"\s+", text) if w.lower() not in ("de", "del", "r.")]
    return " ".join(_ENGLISH[_MONTHS[w.lower()]] if w.lower() in _MONTHS else w for w in words)


def parse_range(text: str) -> tuple[dt.date, dt.date] | None:
    """The date range a report's title line states (`27 January 2026 - 23 February 2026`,
    `Jan 27, 2026 – Feb 23, 2026`, `2026-01-27 - 2026-02-23`), or None."""
    text = text.strip().strip('"').strip()
    if len(text) > 80:
        return None
    parts = _RANGE_SPLIT.split(text)
    if len(parts) != 2 or not all(_YEAR.search(p) for p in parts):
        return None
    try:
        first, last = (
            parser.parse(_in_english(p.strip(" ,;")), dayfirst=True).date() for p in parts
        )
    except (ValueError, OverflowError):
        return None
    return (first, last) if first <= last else None


def report_range(loaded: LoadedTable) -> tuple[dt.date, dt.date] | None:
    """The range a report covers, from a title line above its header (Google Ads writes
    `Campaign report` and then `27 January 2026 - 23 February 2026`)."""
    for line in loaded.report.skipped:
        if "title" in line.reason and (
            found := parse_range(line.raw.replace(",,", " ").strip(", "))
        ):
            return found
    return None


def _fill_platform(keys: tuple[str, ...]) -> str | None:
    """A row without a platform takes the one every other file gives for the same key (a second
    sheet of a post export that names no platform joins its posts on their ids)."""
    if "platform" not in keys or keys[0] == "platform":
        return None
    others = ", ".join(k for k in keys if k != "platform")
    window = f"OVER (PARTITION BY {others})"
    return (
        f"coalesce(platform, CASE WHEN min(platform) {window} = max(platform) {window} "
        f"THEN min(platform) {window} END) AS platform"
    )


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def merged_sql(
    dataset: str,
    union: str,
    keys: tuple[str, ...],
    columns: Mapping[str, str],
    provided: Sequence[set[str]],
) -> str:
    """The column-wise merge of a dataset's tables (`union`: their rows with `__rank`, oldest
    file 0) on its key: per column the newest file's value. `columns` are the union's columns
    and types; `provided[rank]` the columns that file can fill. `__overlap` counts how many more
    files than one gave a measure of the row. The n-th row of a key in one file pairs with the
    n-th of the same key in another, so rows a single file repeats stay apart."""
    fill = _fill_platform(keys) if any("platform" not in p for p in provided) else None
    keyed = f"SELECT * REPLACE ({fill}) FROM ({union})" if fill else f"SELECT * FROM ({union})"
    occurrence = f"row_number() OVER (PARTITION BY __rank, {', '.join(keys)}) AS __occurrence"
    source = f"(SELECT *, {occurrence} FROM ({keyed}) WHERE {keys[0]} IS NOT NULL)"
    values = []
    for name, kind in columns.items():
        if name in keys:
            continue
        column, givers = _ident(name), sum(1 for p in provided if name in p)
        if givers == 0:
            values.append(f"CAST(NULL AS {kind}) AS {column}")
        elif givers == 1:  # one file gives it: at most one value per merged row
            values.append(f"any_value({column}) AS {column}")
        else:
            values.append(
                f"arg_max({column}, __rank) FILTER (WHERE {column} IS NOT NULL) AS {column}"
            )
    shared = [
        f.name
        for f in DATASETS[dataset].fields
        if f.type in ("int", "float", "money", "percent")
        and f.name not in keys
        and sum(1 for p in provided if f.name in p) > 1
    ]
    overlap = f"greatest({', '.join([*(f'count({m})' for m in shared), '1'])}) - 1 AS __overlap"
    group = ", ".join([*keys, "__occurrence"])
    merged = f"SELECT {', '.join([*keys, *values, overlap])} FROM {source} GROUP BY {group}"
    loose = f"SELECT * EXCLUDE (__rank), 0 AS __overlap FROM ({keyed}) WHERE {keys[0]} IS NULL"
    order = ", ".join(_ident(c) for c in [*columns, "__overlap"])
    return f"SELECT {order} FROM ({merged} UNION ALL BY NAME {loose})"


# Datasets whose exports may write one row per line item (Shopify, WooCommerce, Etsy, Square
# write an order's items on rows of their own, repeating the order's id): each table of them is
# read as one row per id before merging, so an order with three items counts once.
LINE_ITEM_KEYS = {"orders": "order_id"}


def repeated_keys_sql(select: str, key: str) -> str:
    """How many rows of one table repeat an id an earlier row already gave."""
    return f"SELECT count({key}) - count(DISTINCT {key}) FROM ({select})"


# A money column whose header names an item or a line holds each item's amount (Etsy's
# `Item Total`, `Lineitem price`, `Line total`, `Importe del artículo`): an order's are added up.
_LINE_LEVEL = re.compile(
    r"\b(item|items|line|lineitem|line item|artículo|articulo|pozycj\w*|artigo)\b", re.I
)


def line_level(header: str) -> bool:
    """Whether a money column's header says it holds one amount per item (or line)."""
    return bool(_LINE_LEVEL.search(header.replace("_", " ")))


def one_row_per_key_sql(
    dataset: str,
    select: str,
    key: str,
    columns: Sequence[str],
    per_item: Sequence[str] = (),
) -> str:
    """One table's canonical rows (`select`, its `columns` in order) as one row per `key`.

    Per column the first value the file writes for the id (an order's date, customer and
    status sit on its first line; the other lines leave them empty or repeat them). A money
    field is the same: the order's total repeated on each line, or written once, is one
    total; only amounts that differ between the lines (one amount per item, or a sale and its
    refund) are added up, and so are the fields in `per_item` (an amount per item). Rows
    without an id stay as they are."""
    money = {f.name for f in DATASETS[dataset].fields if f.type == "money"}
    ordered = f"(SELECT *, row_number() OVER () AS __pos FROM ({select}))"
    values = []
    for name in columns:
        column = _ident(name)
        if name == key:
            values.append(column)
        elif name in per_item:
            values.append(f"sum({column}) AS {column}")
        elif name in money:
            values.append(
                f"CASE WHEN count(DISTINCT {column}) > 1 THEN sum({column}) "
                f"ELSE any_value({column}) END AS {column}"
            )
        else:
            values.append(
                f"arg_min({column}, __pos) FILTER (WHERE {column} IS NOT NULL) AS {column}"
            )
    grouped = f"SELECT {', '.join(values)}, min(__pos) AS __first FROM {ordered} GROUP BY {key}"
    loose = f"SELECT *, __pos AS __first FROM {ordered} WHERE {key} IS NULL"
    order = ", ".join(_ident(c) for c in columns)
    return (
        f"SELECT {order} FROM (SELECT * FROM ({grouped}) WHERE {key} IS NOT NULL "
        f"UNION ALL BY NAME {loose}) ORDER BY __first"
    )
