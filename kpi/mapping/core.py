"""Recognising what a loaded table is: which canonical dataset, which column is which field,
and which platform it came from — from presets of known exports (in any language), synonyms in
eight languages, near spellings, the values themselves, the file name and the title lines above
the header — with a confidence for the table and a score and a reason for each column."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from kpi.i18n import t
from kpi.load.ordinal import ordinal_unit
from kpi.mapping.evidence import Profile
from kpi.mapping.index import SCOPED_INDEX, SYNONYM_INDEX, terms_of, word_for
from kpi.mapping.names import match_keys
from kpi.mapping.presetmatch import EXACT, PresetMatch
from kpi.schema import DATASETS, Dataset

# Below this the page asks the person to confirm instead of trusting the guess.
REVIEW_BELOW = 0.7
# Below this the table is not assigned to any dataset at all.
MIN_CONFIDENCE = 0.45
FUZZY_CUTOFF = 0.88
_MAX_FUZZY_COLUMNS = 300  # page-level Facebook exports have 2 700 columns: match those exactly only

_DATASET_KEYS = {
    d.name: sorted(k for k, fields in SYNONYM_INDEX.items() if fields & set(d.field_names))
    for d in DATASETS.values()
}
_KEY_SETS = {name: frozenset(keys) for name, keys in _DATASET_KEYS.items()}
_ALL_KEYS = sorted(set().union(*_KEY_SETS.values()))
# Folded names are written in these characters: a key's letter counts are a vector over them.
_ALPHABET = {c: i for i, c in enumerate("abcdefghijklmnopqrstuvwxyz0123456789_")}


def _letter_counts(word: str) -> np.ndarray | None:
    """How often each character of _ALPHABET occurs in `word`; None when it holds others."""
    counts = np.zeros(len(_ALPHABET), np.int32)
    for c in word:
        if c not in _ALPHABET:
            return None
        counts[_ALPHABET[c]] += 1
    return counts


_COUNTED = [k for k in _ALL_KEYS if _letter_counts(k) is not None]
_UNCOUNTED = [k for k in _ALL_KEYS if _letter_counts(k) is None]  # always offered
_COUNTS = np.array([_letter_counts(k) for k in _COUNTED], np.int32).reshape(-1, len(_ALPHABET))
_LENGTHS = np.array([len(k) for k in _COUNTED], np.int64)


def close_keys(key: str, dataset: str) -> list[str]:
    """`difflib.get_close_matches(key, _DATASET_KEYS[dataset], n=2, cutoff=FUZZY_CUTOFF)`:
    the same words in the same order, from the close keys of all datasets (found once per
    header and process, `_close_keys`). A word's score does not depend on the other words,
    and get_close_matches keeps the highest (score, word) pairs, so the dataset's first two
    in the order of all are its two."""
    keys = _KEY_SETS[dataset]
    return [k for k in _close_keys(key) if k in keys][:2]


@lru_cache(maxsize=1 << 14)
def _close_keys(key: str) -> tuple[str, ...]:
    """Every dataset's synonym keys within FUZZY_CUTOFF of `key`, in get_close_matches's
    order (highest score first, then the later word). get_close_matches drops, one word at a
    time, those whose shared letters (its `quick_ratio`) cannot reach the cutoff: the same
    bound is computed here for all keys at once, a little loosely (it only chooses the words
    offered; get_close_matches judges each exactly)."""
    counts = _letter_counts(key)
    if counts is None:
        offered = _ALL_KEYS
    else:
        shared = np.minimum(_COUNTS, counts).sum(axis=1)
        total = _LENGTHS + len(key)
        bound = np.where(total > 0, 2.0 * shared / np.maximum(total, 1), 1.0)
        offered = [_COUNTED[i] for i in np.flatnonzero(bound >= FUZZY_CUTOFF - 1e-9)]
        offered += _UNCOUNTED
    if not offered:
        return ()
    return tuple(difflib.get_close_matches(key, offered, n=len(offered), cutoff=FUZZY_CUTOFF))


# What a synonym reading needs before it calls a table a dataset: any one of these field sets.
# (The platform is never needed: the file name, the links or the person give it.)
ANCHORS: dict[str, tuple[tuple[str, ...], ...]] = {
    "posts": (("published_at",),),
    "account_daily": (("date",),),
    "audience": (("segment",),),
    "web_traffic": (("sessions",), ("pageviews",), ("users",), ("new_users",)),
    "search_queries": (("query",), ("date", "clicks"), ("page", "clicks"), ("country", "clicks"),
                       ("device", "clicks")),
    "ads": (("spend",),),
    "leads": (("lead_id", "created_at"),),
    "touchpoints": (("touched_at", "channel"),),
    "customers": (("customer_id", "acquired_at"),),
    "orders": (("order_id", "ordered_at"), ("order_id", "revenue")),
    "conversations": (("received_at",),),
    "targets": (("kpi", "target"),),
}  # fmt: skip


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
    reasons: dict[str, str] = field(default_factory=dict)  # per mapped column: why, in a phrase
    why: str = ""  # why the table is this dataset (and platform), in a phrase

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
            "reasons": dict(self.reasons),
            "why": self.why,
        }


def _compatible(field_type: str, column_type: str | None) -> bool:
    if column_type is None:
        return True
    if field_type in ("timestamp", "date"):
        return column_type in ("date", "timestamp", "empty")
    if field_type in ("int", "float", "money", "percent"):
        return column_type in ("integer", "decimal", "percent", "money", "duration", "empty")
    if field_type == "bool":
        return column_type in ("bool", "integer", "text", "empty")
    return True


@dataclass(frozen=True)
class Evidence:
    """Everything known about a table besides its header."""

    types: Mapping[str, str]
    profiles: Mapping[str, Profile]
    grain: str | None


def _synonym_reason(key: str, target: str) -> str:
    word, language = word_for(key, target)
    if language is None:
        return t("map.reason.own_name", field=target)
    return t("map.reason.synonym", word=word, language=language)


def _candidates(
    columns: Sequence[str], ev: Evidence, dataset: Dataset, match: PresetMatch | None
) -> list[tuple[float, int, str, str, str]]:
    names = set(dataset.field_names)
    scoped = SCOPED_INDEX.get(dataset.name, {})
    out: list[tuple[float, int, str, str, str]] = []
    fuzzy = len(columns) <= _MAX_FUZZY_COLUMNS
    for pos, column in enumerate(columns):
        keys = match_keys(column)
        ctype = ev.types.get(column)
        # a share (`Aufrufe (%)`) is never a count, whatever its words say
        share = "%" in column or ctype == "percent"
        found: list[tuple[float, int, str, str, str]] = []
        if match is not None:
            named, target = match.target(column)
            if named:
                # The preset knows this export: its column means the field whatever type the
                # loader inferred (an all-empty column reads as text; the view's TRY_CAST copes).
                preset_name, strength = match.aligned[column]
                how = "" if strength == EXACT else t("map.reason.read_as", name=preset_name)
                if target in names:
                    reason = t("map.reason.preset", preset=match.preset.label, how=how)
                    out.append((strength, pos, column, target, reason))
                continue
        for rank, key in enumerate(keys):
            for target in SYNONYM_INDEX.get(key, set()) | scoped.get(key, set()):
                if target not in names or (share and dataset.field(target).type == "int"):
                    continue
                if _compatible(dataset.field(target).type, ctype):
                    score = (1.0 if key == target else 0.95) - 0.05 * rank
                    found.append((score, pos, column, target, _synonym_reason(key, target)))
        # GA4's "Nth day" (`Día N`, `N-ty dzień`…), which the loader turned into dates when the
        # report's start date was known: the table's date (the first day of each period)
        if ctype == "date" and "date" in names and ordinal_unit(column):
            found.append((0.95, pos, column, "date", t("map.reason.ordinal")))
        # near spellings, but never for a known export word that names no field
        # (`Nome della Pagina` is a page's name, not a misspelt `Nome della campagna`)
        if fuzzy and not found and not terms_of(keys):
            for near in close_keys(keys[0], dataset.name):
                if _negated(keys[0], near):
                    continue
                ratio = difflib.SequenceMatcher(None, keys[0], near).ratio()
                for target in SYNONYM_INDEX[near] & names:
                    if share and dataset.field(target).type == "int":
                        continue
                    if _compatible(dataset.field(target).type, ctype):
                        word, language = word_for(near, target)
                        reason = t("map.reason.close", word=word) + (
                            t("map.reason.language", language=language) if language else ""
                        )
                        found.append((0.85 * ratio, pos, column, target, reason))
        found.extend(_from_values(pos, column, ev, dataset, keys))
        out.extend(found)
    return [_weigh_empty(c, ev.profiles) for c in out]


def _negated(key: str, near: str) -> bool:
    """Whether two names differ by a word's front (`abonnements` / `desabonnements`, `likes` /
    `unlikes`): the opposite, not a near spelling. A plural ending is a near spelling."""
    short, long_ = sorted((key, near), key=len)
    return short != long_ and long_.endswith(short)


def _from_values(
    pos: int, column: str, ev: Evidence, dataset: Dataset, keys: list[str]
) -> list[tuple[float, int, str, str, str]]:
    """Fields a column's values show, whatever its header says (posts only: links, captions,
    distinct ids, and the time of a post in a per-post table whose time column is `Date`)."""
    profile = ev.profiles.get(column)
    if profile is None or dataset.name != "posts" or profile.empty:
        return []
    out = []
    if profile.url >= 0.8:
        out.append((0.8, pos, column, "url", t("map.reason.links")))
    elif profile.text >= 0.6 and profile.distinct >= 0.5:
        out.append((0.75, pos, column, "text", t("map.reason.free_text")))
    elif profile.ident >= 0.9 and profile.distinct >= 0.95 and profile.filled >= 3:
        out.append((0.7, pos, column, "post_id", t("map.reason.ids")))
    if ev.grain == "post" and ev.types.get(column) in ("date", "timestamp"):
        times = [c for c, t in ev.types.items() if t in ("date", "timestamp")]
        if any("date" in SYNONYM_INDEX.get(k, set()) for k in keys) or times == [column]:
            out.append((0.8, pos, column, "published_at", t("map.reason.post_dates")))
    return out


def _weigh_empty(
    c: tuple[float, int, str, str, str], profiles: Mapping[str, Profile]
) -> tuple[float, int, str, str, str]:
    """An empty column loses to any filled column that could be the same field."""
    profile = profiles.get(c[2])
    if profile is not None and profile.empty:
        return (c[0] * 0.5, c[1], c[2], c[3], c[4] + " (but the column is empty)")
    return c


def assign(
    columns: Sequence[str], ev: Evidence, dataset: Dataset, match: PresetMatch | None
) -> tuple[dict[str, str | None], dict[str, float], dict[str, str]]:
    """Match columns to the dataset's fields: best scores first, each column and field once."""
    mapping: dict[str, str | None] = dict.fromkeys(columns)
    scores: dict[str, float] = {}
    reasons: dict[str, str] = {}
    used: set[str] = set()
    candidates = _candidates(columns, ev, dataset, match)
    for score, _, column, target, reason in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if mapping[column] is None and target not in used:
            mapping[column] = target
            scores[column] = round(score, 3)
            reasons[column] = reason
            used.add(target)
    return mapping, scores, reasons
