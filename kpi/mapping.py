"""Recognising what a loaded table is: which canonical dataset, which column is which field,
and which platform it came from — from presets of known exports, synonyms in four languages
and near spellings, with a confidence for the table and for each column."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kpi.presets import PRESETS, Preset
from kpi.schema import DATASETS, Dataset
from kpi.synonyms import SYNONYMS

# Below this the page asks the person to confirm instead of trusting the guess.
REVIEW_BELOW = 0.7
# Below this the table is not assigned to any dataset at all.
MIN_CONFIDENCE = 0.45
FUZZY_CUTOFF = 0.88
_MAX_FUZZY_COLUMNS = 300  # page-level Facebook exports have 2 700 columns: match those exactly only

_BRACKETS = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]")


def normalise(name: str) -> str:
    """A column name folded for matching: no accents, lower case, words joined by `_`."""
    name = name.replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")


def match_keys(name: str) -> list[str]:
    """The forms a column name is matched by: whole, then without units in brackets."""
    keys = [normalise(name)]
    bare = normalise(_BRACKETS.sub("", name))
    if bare and bare not in keys:
        keys.append(bare)
    return keys


def _build_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for name in {f.name for d in DATASETS.values() for f in d.fields}:
        index.setdefault(normalise(name), set()).add(name)
    for field_name, words in SYNONYMS.items():
        for word in words:
            index.setdefault(normalise(word), set()).add(field_name)
    return index


SYNONYM_INDEX = _build_index()
_DATASET_KEYS = {
    d.name: sorted(k for k, fields in SYNONYM_INDEX.items() if fields & set(d.field_names))
    for d in DATASETS.values()
}


@dataclass(frozen=True)
class Unpivot:
    """A wide layout turned long: one column per segment (age-gender bucket, country, hour)."""

    dimension: str
    columns: tuple[str, ...]


@dataclass
class TableMapping:
    """The reading of one table: dataset, confidence (0–1), platform and column mapping."""

    dataset: str | None
    confidence: float
    platform: str | None
    mapping: dict[str, str | None] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)  # per mapped column, 0–1
    preset: str | None = None
    unpivot: Unpivot | None = None
    constants: dict[str, str] = field(default_factory=dict)  # fields the file implies, not holds
    source: str = "auto"  # auto, saved (from the workspace) or person (changed in the app)

    @property
    def needs_review(self) -> bool:
        """Whether the page should ask the person to confirm this reading."""
        return self.source == "auto" and (self.dataset is None or self.confidence < REVIEW_BELOW)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (the `dataset`, `confidence`, `platform`, `mapping` of `kpi inspect`)."""
        return {
            "dataset": self.dataset,
            "confidence": round(self.confidence, 3),
            "platform": self.platform,
            "mapping": dict(self.mapping),
            "preset": self.preset,
            "constants": dict(self.constants),
            "unpivot": None
            if self.unpivot is None
            else {"dimension": self.unpivot.dimension, "columns": list(self.unpivot.columns)},
        }


_PLATFORM_ALIASES = {
    "facebook": "facebook", "fb": "facebook", "meta": "facebook", "instagram": "instagram",
    "ig": "instagram", "x": "x", "twitter": "x", "tweet": "x", "tweets": "x", "linkedin": "linkedin",
    "tiktok": "tiktok", "youtube": "youtube", "yt": "youtube",
}  # fmt: skip


def platform_from_name(file_name: str) -> str | None:
    """The platform a file name mentions (`instagram_posts_march.csv` → instagram)."""
    words = normalise(file_name).split("_")
    found = {_PLATFORM_ALIASES[w] for w in words if w in _PLATFORM_ALIASES and w != "x"}
    return found.pop() if len(found) == 1 else None


def _compatible(field_type: str, column_type: str | None) -> bool:
    if column_type is None:
        return True
    if field_type in ("timestamp", "date"):
        return column_type in ("date", "timestamp")
    if field_type in ("int", "float", "money", "percent"):
        return column_type in ("integer", "decimal", "percent", "money", "duration", "empty")
    if field_type == "bool":
        return column_type in ("bool", "integer", "text", "empty")
    return True


def _preset_for(columns: Sequence[str]) -> tuple[Preset | None, float]:
    """The known export whose signature the header matches best: the largest share of its
    signature, then the most signature names present (the more specific of two full matches).
    A `closed` preset only matches a header made of nothing but the columns it knows."""
    column_keys = [match_keys(c) for c in columns]
    keys = {k for ks in column_keys for k in ks}
    best, best_rank = None, (0.0, 0)
    for preset in PRESETS:
        hits = sum(1 for s in preset.signature if normalise(s) in keys)
        share = hits / len(preset.signature)
        if share < preset.min_share or (share, hits) <= best_rank:
            continue
        if preset.closed:
            known = {normalise(s) for s in preset.signature} | {
                normalise(c) for c in preset.columns
            }
            if any(not set(ks) & known for ks in column_keys):
                continue
        best, best_rank = preset, (share, hits)
    return best, best_rank[0]


def _assign(
    columns: Sequence[str], types: Mapping[str, str], dataset: Dataset, preset: Preset | None
) -> tuple[dict[str, str | None], dict[str, float]]:
    """Match columns to the dataset's fields: best scores first, each column and field once."""
    names = set(dataset.field_names)
    preset_map = {normalise(k): v for k, v in preset.columns.items()} if preset else {}
    candidates: list[tuple[float, int, str, str]] = []
    fuzzy = len(columns) <= _MAX_FUZZY_COLUMNS
    for pos, column in enumerate(columns):
        keys = match_keys(column)
        ctype = types.get(column)
        preset_rank = next((r for r, k in enumerate(keys) if k in preset_map), None)
        if preset_rank is not None:
            # The preset knows this export: its column means the field whatever type the loader
            # inferred (an all-empty column reads as text; the view's TRY_CAST copes).
            target = preset_map[keys[preset_rank]]
            if target in names:
                candidates.append((1.0 - 0.05 * preset_rank, pos, column, target))
            continue
        for rank, key in enumerate(keys):
            penalty = 0.05 * rank
            for target in SYNONYM_INDEX.get(key, ()):
                if target in names and _compatible(dataset.field(target).type, ctype):
                    exact = key == target
                    candidates.append(((1.0 if exact else 0.95) - penalty, pos, column, target))
        if fuzzy and not any(c[2] == column for c in candidates):
            for near in difflib.get_close_matches(
                keys[0], _DATASET_KEYS[dataset.name], n=2, cutoff=FUZZY_CUTOFF
            ):
                ratio = difflib.SequenceMatcher(None, keys[0], near).ratio()
                for target in SYNONYM_INDEX[near] & names:
                    if _compatible(dataset.field(target).type, ctype):
                        candidates.append((0.85 * ratio, pos, column, target))
    mapping: dict[str, str | None] = dict.fromkeys(columns)
    scores: dict[str, float] = {}
    used: set[str] = set()
    for score, _, column, target in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if mapping[column] is None and target not in used:
            mapping[column] = target
            scores[column] = round(score, 3)
            used.add(target)
    return mapping, scores


_AGE_GENDER = re.compile(r"^[FMU]\.?\s?\d{2}(?:[-–]\d{2}|\+)$", re.I)
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _wide_audience(columns: Sequence[str], types: Mapping[str, str]) -> Unpivot | None:
    numeric = [c for c in columns if types.get(c, "integer") in ("integer", "decimal", "empty")]
    for dimension, pattern in (("age_gender", _AGE_GENDER), ("country", _COUNTRY)):
        hits = tuple(c for c in numeric if pattern.match(c.strip()))
        if len(hits) >= 4:
            return Unpivot(dimension, hits)
    return None


_DIMENSION_WORDS = {
    "country": (
        "geography",
        "country",
        "pais",
        "kraj",
        "pays",
        "location",
        "lokalizacja",
        "ubicacion",
    ),
    "city": ("city", "ciudad", "miasto", "cidade"),
    "language": ("language", "idioma", "jezyk", "lingua"),
    "age": ("age", "edad", "wiek", "idade"),
    "gender": ("gender", "sexo", "genero", "plec"),
}


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


def recognise(
    columns: Sequence[str],
    file_name: str,
    types: Mapping[str, str] | None = None,
    sheet: str | None = None,
    only: str | None = None,
) -> TableMapping:
    """Propose a dataset, platform and column mapping for a table, with its confidence.

    With `only`, the person has chosen the dataset: map the columns to it whatever the score.
    """
    types = types or {}
    named_platform = platform_from_name(file_name) or (platform_from_name(sheet) if sheet else None)
    preset, share = _preset_for(columns)
    if only is not None and preset is not None and preset.dataset != only:
        preset, share = None, 0.0

    wide = _wide_audience(columns, types)
    if wide is not None and preset is None and only in (None, "audience"):
        rest = [c for c in columns if c not in wide.columns]
        mapping, scores = _assign(rest, types, DATASETS["audience"], None)
        for column in rest:
            if mapping[column] is None and types.get(column) in ("date", "timestamp"):
                mapping[column], scores[column] = "snapshot_date", 0.9
        mapping.update(dict.fromkeys(wide.columns))
        platform = None if "platform" in mapping.values() else named_platform
        return TableMapping("audience", 0.9, platform, mapping, scores, None, wide)

    best = TableMapping(None, 0.0, None, dict.fromkeys(columns))
    best_rank = (False, -1.0)
    for dataset in DATASETS.values():
        if (preset is not None and preset.dataset != dataset.name) or only not in (
            None,
            dataset.name,
        ):
            continue
        mapping, scores = _assign(columns, types, dataset, preset)
        mapped = set(mapping.values()) - {None}
        platform_known = bool(named_platform or (preset and preset.platform))
        has_required = set(dataset.required) <= mapped | ({"platform"} if platform_known else set())
        # A known export is its dataset even without a required field (Search Console's
        # queries table has no date): the field stays empty and the KPIs needing it say so.
        if not has_required and only is None and preset is None:
            continue
        confidence = share if preset is not None else _confidence(columns, types, scores)
        rank = (True, sum(scores.values()))
        if (confidence >= MIN_CONFIDENCE or only) and rank > best_rank:
            best_rank = rank
            # The platform: the preset's, else the table's own column (None here), else the name.
            if preset is not None and preset.platform:
                platform: str | None = preset.platform
            else:
                platform = None if "platform" in mapped else named_platform
            best = TableMapping(
                dataset.name, confidence, platform, mapping, scores, preset.id if preset else None
            )
            if dataset.name == "audience":
                best.constants.update(_dimension_constant(mapping))
            best.constants.update(_currency_constant(dataset, mapping))
            best.constants.update(preset.constants if preset else {})
    return best


_NUMERIC_TYPES = ("integer", "decimal", "percent", "money", "duration")


def _confidence(
    columns: Sequence[str], types: Mapping[str, str], scores: dict[str, float]
) -> float:
    """How sure a synonym reading is: the mean column score times how much of the table it
    explains: three mapped columns, or (half weight) every numeric column of a narrow table
    (`Browser, Browser Version, Operating System, Sessions` is web traffic, if not surely)."""
    if not scores:
        return 0.0
    coverage = min(1.0, len(scores) / 3)
    numeric = [c for c in columns if types.get(c) in _NUMERIC_TYPES]
    if numeric:
        measured = sum(1 for c in numeric if c in scores) / len(numeric)
        coverage = max(coverage, (coverage + measured) / 2)
    return (sum(scores.values()) / len(scores)) * coverage


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
