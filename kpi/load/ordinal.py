"""Period counts turned into dates: Google Analytics 4 exports a dimension "Nth day" (`Día N`,
`N-ty dzień`, `N. Tag`, `Enésimo dia`…) whose values (`0000`, `0001`, …) count days — or weeks,
months, years — from the report's start date, which stands only in the comment lines above the
table (`# Start date: 20260101`, `# Fecha de inicio: 20260101`, `# Data rozpoczęcia: …`).

`date_ordinals(table)` replaces each such column by the dates it means (start + N days, + 7N
days, + N months, + N years) when the start date is known, and keeps it as a number with a note
saying why there are no dates when it is not. `ordinal_unit(name)` tells such a column by its
header, in any of the languages GA4 writes it; the mapping uses it to read the dates as the
table's `date`. Called from `kpi.load.load_file` once a file's tables are read."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence

import pyarrow as pa
import pyarrow.compute as pc

from kpi.i18n import format_date, t
from kpi.load.export_date import dates_in
from kpi.load.report import ColumnInfo, LoadedTable, SkippedLine

# The words of a period's name, folded (lower case, no accents): GA4's UI names and the API's
# (`nthDay`), in the languages its interface speaks.
_UNITS = {
    "day": ("day", "dia", "dzien", "tag", "jour", "giorno", "dag", "gun"),
    "week": ("week", "semana", "tydzien", "woche", "semaine", "settimana", "hafta"),
    "month": ("month", "mes", "miesiac", "monat", "mois", "mese", "maand"),
    "year": ("year", "ano", "rok", "jahr", "annee", "anno", "jaar"),
}
_UNIT_OF = {word: unit for unit, words in _UNITS.items() for word in words}
# "the N-th": one of these must be in the name (`N`, `Nth`, `Enésimo`, `Nième`, `Nde`)…
_NTH = {"n", "nth", "nte", "nde", "nieme", "enesimo", "enesima", "ennesimo", "ennesima"}
# …and these may stand beside it (`N.º` folds to `n o`, `N-ty` to `n ty`, `N-ter` to `n ter`).
_NTH_PARTS = _NTH | {"o", "a", "ty", "ta", "te", "ter", "tes", "e", "eme", "ieme", "th"}
_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# A count of periods since the start: a whole number, as GA4 writes it (`0000`, zero-padded).
_COUNT = re.compile(r"^\s*\d{1,5}\s*$")
_MAX_COUNT = 99_999

# The words that label a comment line's date as the start or the end of the report's range.
_START_WORDS = {
    "start", "starting", "begin", "beginning", "from", "inicio", "comienzo", "desde", "rozpoczecia",
    "poczatek", "poczatkowa", "od", "beginn", "startdatum", "anfangsdatum", "von", "debut", "du",
    "inizio", "dal", "begindatum", "vanaf", "inicial",
}  # fmt: skip
_END_WORDS = {
    "end", "ending", "to", "until", "fin", "finalizacion", "termino", "hasta", "zakonczenia",
    "koniec", "koncowa", "do", "ende", "enddatum", "bis", "au", "fine", "al", "einddatum", "tot",
    "final",
}  # fmt: skip


def _fold(text: str) -> str:
    """Lower case without accents (`Día` → `dia`, `dzień` → `dzien`, `ł` → `l`), camel case
    split (`nthDay` → `nth day`)."""
    text = _CAMEL.sub(" ", text).replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def ordinal_unit(name: str) -> str | None:
    """The period a column counts from the report's start ("day", "week", "month", "year")
    when its header is GA4's "Nth day" in some language (`Nth week`, `Día N`, `N.º día`,
    `N-ty miesiąc`, `N. Tag`, `Enésima semana`, `nthMonth`); else None."""
    words = _WORD.findall(_fold(name))
    units = [_UNIT_OF[w] for w in words if w in _UNIT_OF]
    rest = [w for w in words if w not in _UNIT_OF]
    if len(units) != 1 or not rest or not set(rest) & _NTH or not set(rest) <= _NTH_PARTS:
        return None
    return units[0]


def _label_words(line: str) -> set[str]:
    """The words of a line before its first digit (`# Fecha de inicio: 20260101` → fecha, de,
    inicio): its label, not the date."""
    label = re.split(r"\d", line, maxsplit=1)[0]
    return set(_WORD.findall(_fold(label)))


def start_date(lines: Iterable[str]) -> tuple[dt.date, str] | None:
    """The report's start date and the line it stands in, from the lines above the header: a
    date labelled as the start (`# Start date: 20260101`, `# Data rozpoczęcia: 20260101`), else
    the first of a range written on one line (`# 20260101 - 20260131`), else the one dated
    line beside a line labelled as the end. None when the lines do not say."""
    ranges: list[tuple[dt.date, str]] = []
    unlabelled: list[tuple[dt.date, str]] = []
    ends = 0
    for line in lines:
        dates = dates_in(line)
        if not dates:
            continue
        words = _label_words(line)
        if words & _START_WORDS:
            return dates[0], line
        if len(dates) >= 2:
            ranges.append((min(dates), line))
        elif words & _END_WORDS:
            ends += 1
        else:
            unlabelled.append((dates[0], line))
    if ranges:
        return ranges[0]
    if ends and len(unlabelled) == 1:
        return unlabelled[0]
    return None


def _add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months; a day the month lacks becomes its last (31 Jan + 1 → 28 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def period_start(start: dt.date, unit: str, count: int) -> dt.date:
    """The first day of the `count`-th period (from 0) of `unit` after `start`."""
    if unit == "day":
        return start + dt.timedelta(days=count)
    if unit == "week":
        return start + dt.timedelta(days=7 * count)
    return _add_months(start, count * (12 if unit == "year" else 1))


def _counts(column: pa.ChunkedArray) -> pa.ChunkedArray | None:
    """The column as whole numbers when every filled value is a count of periods, else None."""
    if pa.types.is_integer(column.type):
        counts = column
    elif pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        text = pc.utf8_trim_whitespace(column)
        text = pc.if_else(pc.equal(text, ""), pa.scalar(None, text.type), text)
        filled = text.filter(pc.invert(pc.is_null(text)))
        if len(filled) and not pc.all(pc.match_substring_regex(filled, _COUNT.pattern)).as_py():
            return None
        counts = pc.cast(text, pa.int64())
    else:
        return None
    low, high = pc.min_max(counts).values()
    if low.as_py() is None or low.as_py() < 0 or high.as_py() > _MAX_COUNT:
        return None
    return counts


def _unit_words(unit: str) -> str:
    """The period's plural in the person's language (`days`, `semanas`, `miesiące`)."""
    words = {
        "day": t("load.ordinal.days"),
        "week": t("load.ordinal.weeks"),
        "month": t("load.ordinal.months"),
        "year": t("load.ordinal.years"),
    }
    return words[unit]


def _title_texts(skipped: Sequence[SkippedLine], header_line: int | None) -> list[str]:
    """The lines above the header (comments and titles), without their `#` marks."""
    return [
        s.raw.lstrip("#").strip()
        for s in skipped
        if s.raw and (header_line is None or s.line < header_line)
    ]


def date_ordinals(table: LoadedTable) -> LoadedTable:
    """The table with each "Nth day / week / month" column turned into the dates it counts
    from the report's start date (the same table when it has none). Without a start date the
    column is kept as a number and a note says why its rows have no dates."""
    report = table.report
    found = [(i, c, u) for i, c in enumerate(report.columns) if (u := ordinal_unit(c.name))]
    if not found:
        return table
    data = table.data  # such exports are small (a row per period): read whole, loader freed
    start = start_date(_title_texts(report.skipped, report.header_line))
    for i, info, unit in found:
        if info.name not in data.column_names:
            continue
        position = data.column_names.index(info.name)
        counts = _counts(data.column(position))
        if counts is None:
            continue  # not counts of periods after all: the column stays as it was read
        words = _unit_words(unit)
        if start is None:
            data = data.set_column(position, info.name, counts)
            report.columns[i] = ColumnInfo(info.source_name, info.name, "integer", "")
            report.notes.append(t("load.note.ordinal_undated", column=info.name, units=words))
            continue
        day, line = start
        uniques = pc.unique(counts)
        starts = pa.array(
            [None if n is None else period_start(day, unit, n) for n in uniques.to_pylist()],
            pa.date32(),
        )
        dates = pc.take(starts, pc.index_in(counts, uniques))
        data = data.set_column(position, info.name, dates)
        detail = t("load.detail.ordinal", units=words, start=format_date(day))
        report.columns[i] = ColumnInfo(info.source_name, info.name, "date", detail)
        first, last = pc.min_max(dates).values()
        report.notes.append(
            t(
                "load.note.ordinal_dated",
                column=info.name,
                units=words,
                start=format_date(day),
                line=line,
                first=format_date(first.as_py()) if first.as_py() else "",
                last=format_date(last.as_py()) if last.as_py() else "",
            )
        )
    return LoadedTable(data, report)
