"""`recognise`: a table's header, types, values, file name and title lines → its reading."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pyarrow as pa

from kpi.i18n import t
from kpi.mapping.core import (
    ANCHORS,
    MIN_CONFIDENCE,
    Evidence,
    TableMapping,
    Unpivot,
    assign,
)
from kpi.mapping.evidence import grain, profile_table, url_platform
from kpi.mapping.names import normalise, platform_from_name
from kpi.mapping.presetmatch import EXACT, PresetMatch, best_preset, platform_vocabulary
from kpi.mapping.titles import chart_metric, report_platform, title_lines
from kpi.schema import DATASETS, Dataset

if TYPE_CHECKING:
    from kpi.load.report import LoadedTable

_AGE_GENDER = re.compile(r"^[FMU]\.?\s?\d{2}(?:[-–]\d{2}|\+)$", re.I)
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_NUMERIC_TYPES = ("integer", "decimal", "percent", "money", "duration")


def _wide_audience(columns: Sequence[str], types: Mapping[str, str]) -> Unpivot | None:
    numeric = [c for c in columns if types.get(c, "integer") in ("integer", "decimal", "empty")]
    for dimension, pattern in (("age_gender", _AGE_GENDER), ("country", _COUNTRY)):
        hits = tuple(c for c in numeric if pattern.match(c.strip()))
        if len(hits) >= 4:
            return Unpivot(dimension, hits)
    return None


# fmt: off
_DIMENSION_WORDS = {
    "country": ("geography", "country", "pais", "kraj", "pays", "location", "lokalizacja", "ubicacion",
                "geografia", "geografie", "land", "paese", "localizacao", "standort", "locatie"),
    "city": ("city", "ciudad", "miasto", "cidade", "stadt", "ville", "citta", "stad"),
    "language": ("language", "idioma", "jezyk", "lingua", "sprache", "langue", "taal"),
    "age": ("age", "edad", "wiek", "idade", "alter", "eta", "leeftijd"),
    "gender": ("gender", "sexo", "genero", "plec", "geschlecht", "genre", "sexe", "genere", "sesso",
               "geslacht"),
}
# fmt: on


def _dimension_constant(mapping: Mapping[str, str | None]) -> dict[str, str]:
    """An audience table with a segment column named "Geography" is about countries."""
    segment = next((c for c, f in mapping.items() if f == "segment"), None)
    if segment is None or "dimension" in mapping.values():
        return {}
    key = normalise(segment)
    for dimension, words in _DIMENSION_WORDS.items():
        if key in words:
            return {"dimension": dimension}
    return {}


_CURRENCY_IN_NAME = re.compile(r"[\(\[]\s*([A-Z]{3})\s*[\)\]]")


def _currency_constant(dataset: Dataset, mapping: Mapping[str, str | None]) -> dict[str, str]:
    """The currency an export writes into a money column's name (`Amount spent (EUR)`,
    `Importe gastado (COP)`), when the table has no currency column of its own."""
    if "currency" not in dataset.field_names or "currency" in mapping.values():
        return {}
    money = {f.name for f in dataset.fields if f.type == "money"}
    for column, target in mapping.items():
        found = _CURRENCY_IN_NAME.search(column) if target in money else None
        if found:
            return {"currency": found.group(1)}
    return {}


def _is_rate(column: str, types: Mapping[str, str]) -> bool:
    """A rate, share or average (`CTR`, `Aufrufe (%)`, a duration): never a canonical count."""
    return types.get(column) in ("percent", "duration") or "%" in column


def _confidence(
    columns: Sequence[str], types: Mapping[str, str], scores: dict[str, float]
) -> float:
    """How sure a synonym reading is: the mean column score times how much of the table it
    explains: three mapped columns (or all of a narrower table's, rates and averages left
    aside), or (half weight) every numeric column of a narrow table (`Browser, Browser
    Version, Operating System, Sessions` is web traffic, if not surely)."""
    if not scores:
        return 0.0
    relevant = [c for c in columns if not _is_rate(c, types)]
    coverage = min(1.0, len(scores) / max(1, min(3, len(relevant))))
    numeric = [c for c in relevant if types.get(c) in _NUMERIC_TYPES]
    if numeric:
        measured = sum(1 for c in numeric if c in scores) / len(numeric)
        coverage = max(coverage, (coverage + measured) / 2)
    return (sum(scores.values()) / len(scores)) * coverage


def _chart(
    columns: Sequence[str], ev: Evidence, titles: Sequence[str], only: str | None
) -> TableMapping | None:
    """A Meta Business Suite chart download: a date column, one value column, and the metric
    and platform named in the title line above them."""
    found = chart_metric(titles)
    if found is None or only not in (None, "account_daily"):
        return None
    metric, platform, title = found
    dates = [c for c in columns if ev.types.get(c) in ("date", "timestamp")]
    values = [c for c in columns if ev.types.get(c) in _NUMERIC_TYPES]
    if len(dates) != 1 or not values or len(columns) > 3:
        return None
    mapping = dict.fromkeys(columns)
    mapping[dates[0]], mapping[values[0]] = "date", metric
    reasons = {
        dates[0]: t("map.reason.chart_dates"),
        values[0]: t("map.reason.chart_metric", title=title),
    }
    scores = {dates[0]: 0.9, values[0]: 0.9}
    why = t("map.why.chart", title=title)
    return TableMapping(
        "account_daily", 0.9, platform, mapping, scores, None, reasons=reasons, why=why
    )


def recognise(
    columns: Sequence[str],
    file_name: str,
    types: Mapping[str, str] | None = None,
    sheet: str | None = None,
    only: str | None = None,
    data: pa.Table | None = None,
    titles: Sequence[str] = (),
) -> TableMapping:
    """Propose a dataset, platform and column mapping for a table, with its confidence and the
    reason for each column.

    `types` are the loader's column types, `data` the loaded table (its values are evidence:
    links, free text, empty columns, one row per post or per day) and `titles` the lines above
    the header (a chart's metric, a report's platform). All three are optional. With `only`, the
    person has chosen the dataset: map the columns to it whatever the score.
    """
    types = dict(types or {})
    profiles = profile_table(data)
    ev = Evidence(types, profiles, grain(columns, types, profiles))
    chart = _chart(columns, ev, titles, only)
    if chart is not None:
        return chart
    named_platform = (
        platform_from_name(file_name)
        or (platform_from_name(sheet) if sheet else None)
        or report_platform(titles)
    )
    match = best_preset(columns, only, url_platform(profiles), ev.grain)

    wide = _wide_audience(columns, types)
    if wide is not None and match is None and only in (None, "audience"):
        rest = [c for c in columns if c not in wide.columns]
        mapping, scores, reasons = assign(rest, ev, DATASETS["audience"], None)
        for column in rest:
            if mapping[column] is None and types.get(column) in ("date", "timestamp"):
                mapping[column], scores[column] = "snapshot_date", 0.9
                reasons[column] = t("map.reason.wide_date")
        mapping.update(dict.fromkeys(wide.columns))
        platform = None if "platform" in mapping.values() else named_platform
        why = t("map.why.wide", dimension=wide.dimension.replace("_", "-"))
        return TableMapping(
            "audience", 0.9, platform, mapping, scores, None, wide, reasons=reasons, why=why
        )

    best = TableMapping(None, 0.0, None, dict.fromkeys(columns))
    best_rank = -1.0
    for dataset in DATASETS.values():
        if (match is not None and match.preset.dataset != dataset.name) or only not in (
            None,
            dataset.name,
        ):
            continue
        if match is None and only is None and _wrong_grain(dataset.name, ev.grain):
            continue
        mapping, scores, reasons = assign(columns, ev, dataset, match)
        mapped = set(mapping.values()) - {None}
        anchored = any(set(a) <= mapped for a in ANCHORS.get(dataset.name, ((),)))
        # A known export is its dataset even without an anchor field (Search Console's
        # queries table has no date): the field stays empty and the KPIs needing it say so.
        if not anchored and only is None and match is None:
            continue
        if match is not None:
            by_name = match.exact / len(match.preset.signature)
            confidence = match.share * (0.9 + 0.1 * by_name)
        else:
            confidence = _confidence(columns, types, scores)
        rank = sum(scores.values())
        if (confidence >= MIN_CONFIDENCE or only) and rank > best_rank:
            best_rank = rank
            best = _reading(
                dataset, confidence, mapping, scores, reasons, match, named_platform, ev
            )
    return best


def _wrong_grain(dataset: str, row_grain: str | None) -> bool:
    """A table with one row per post (distinct links or free text) is not daily account data.
    (Unique dates are no proof against posts: many accounts post once a day.)"""
    return (dataset, row_grain) == ("account_daily", "post")


def _reading(
    dataset: Dataset,
    confidence: float,
    mapping: dict[str, str | None],
    scores: dict[str, float],
    reasons: dict[str, str],
    match: PresetMatch | None,
    named_platform: str | None,
    ev: Evidence,
) -> TableMapping:
    preset = match.preset if match is not None else None
    mapped = set(mapping.values())
    # The platform: the preset's, else the table's own column (None here), else the file name
    # or the title lines, else the links in the table.
    linked = url_platform(ev.profiles)
    if preset is not None and preset.platform:
        platform, how = preset.platform, t("map.how.preset", preset=preset.label)
    elif "platform" in mapped:
        platform, how = None, t("map.how.column")
    elif named_platform:
        platform, how = named_platform, t("map.how.name")
    elif linked:
        platform, how = linked, t("map.how.links")
    else:
        spoken = platform_vocabulary(list(mapping), dataset.name) if dataset.name == "ads" else None
        platform, how = (spoken[0], t("map.how.words", words=spoken[1])) if spoken else (None, "")
    if preset is not None:
        by_meaning = any(strength < EXACT for _, strength in match.aligned.values())
        why = t("map.how.preset", preset=preset.label) + (
            t("map.why.by_meaning") if by_meaning else ""
        )
    else:
        why = t("map.why.names", dataset=dataset.name)
        if ev.grain == "post":
            why += t("map.why.per_post")
        elif ev.grain == "day":
            why += t("map.why.per_day")
    if how and platform:
        why += t("map.why.platform", how=how)
    reading = TableMapping(
        dataset.name, confidence, platform, mapping, scores, preset.id if preset else None,
        reasons=reasons, why=why,
    )  # fmt: skip
    if dataset.name == "audience":
        reading.constants.update(_dimension_constant(mapping))
    reading.constants.update(_currency_constant(dataset, mapping))
    reading.constants.update(preset.constants if preset else {})
    return reading


def recognise_loaded(table: LoadedTable, only: str | None = None) -> TableMapping:
    """`recognise` for a loaded table (`kpi.load.LoadedTable`): its columns, file, sheet, types,
    values and title lines, all from the table and its load report."""
    report = table.report
    data = table.data
    types = {c.name: c.type for c in report.columns}
    titles = title_lines(report.skipped, report.header_line)
    return recognise(
        data.column_names, report.file, types, report.sheet, only=only, data=data, titles=titles
    )
