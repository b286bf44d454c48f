"""Finding the known export a header is, in any language: a column matches a preset's name when
it is that name, the same export term in another language, or a name with the same meaning."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kpi.mapping.index import SYNONYM_INDEX, fields_of, qualifier_group, terms_of
from kpi.mapping.names import match_keys, normalise, qualifier
from kpi.presets import PRESETS, Preset
from kpi.schema import TIME_FIELDS

EXACT, TERM, MEANING = 1.0, 0.95, 0.9
_MAX_MEANING_COLUMNS = 300  # wider tables (Facebook page level) are matched by exact names only
_MIN_MEANING_SIGNATURE = 5
_DISTINCTIVE: dict[str, str] | None = None  # preset name → the one platform using it


@dataclass(frozen=True)
class _Name:
    raw: str
    key: str
    keys: tuple[str, ...]
    fields: frozenset[str]
    terms: frozenset[int]
    qual: int | str | None
    target: str | None
    signature: bool


@dataclass
class PresetMatch:
    """A preset and how the table's columns line up with its names."""

    preset: Preset
    share: float  # of the signature present
    exact: int  # signature names present as written
    weighted: float  # the share with names found by meaning alone counted half
    aligned: dict[str, tuple[str, float]]  # column → (preset name, strength)

    def target(self, column: str) -> tuple[bool, str | None]:
        """(the preset names this column, the field it says — None: leave it unmapped)."""
        if column not in self.aligned:
            return False, None
        key = normalise(self.aligned[column][0])
        targets = _targets(self.preset)
        if key not in targets:
            return False, None  # a signature name the preset leaves to the synonyms
        return True, targets[key]


_TARGETS: dict[str, dict[str, str | None]] = {}
_NAMES: dict[str, tuple[_Name, ...]] = {}
_SIGNATURES: dict[str, frozenset[str]] = {}


def _targets(preset: Preset) -> dict[str, str | None]:
    if preset.id not in _TARGETS:
        _TARGETS[preset.id] = {normalise(k): v for k, v in preset.columns.items()}
    return _TARGETS[preset.id]


def _signature(preset: Preset) -> frozenset[str]:
    if preset.id not in _SIGNATURES:
        _SIGNATURES[preset.id] = frozenset(normalise(s) for s in preset.signature)
    return _SIGNATURES[preset.id]


def _names(preset: Preset) -> tuple[_Name, ...]:
    if preset.id not in _NAMES:
        _NAMES[preset.id] = _build_names(preset)
    return _NAMES[preset.id]


def _build_names(preset: Preset) -> tuple[_Name, ...]:
    targets = _targets(preset)
    out: dict[str, _Name] = {}
    signature = {normalise(s) for s in preset.signature}
    for raw in (*preset.signature, *preset.columns):
        key = normalise(raw)
        if key in out:
            continue
        keys = tuple(match_keys(raw))
        target = targets.get(key)
        # what the name means in words, not the field the preset gives it (TikTok's
        # "Video Views" are its impressions, but a column "Impressions" is not "Video Views")
        fields = fields_of(list(keys), preset.dataset)
        out[key] = _Name(
            raw, key, keys, frozenset(fields), frozenset(terms_of(list(keys))),
            qualifier_group(qualifier(raw)), target, key in signature,
        )  # fmt: skip
    return tuple(out.values())


def _strength(keys: list[str], fields: set[str], terms: set[int], qual, name: _Name) -> float:
    if name.key in keys:
        return EXACT
    if terms & name.terms:
        return TERM
    if fields & name.fields and not name.terms:
        if qual == name.qual:
            return MEANING
        if qual is None or name.qual is None:
            return MEANING - 0.05
    return 0.0


def align(columns: Sequence[str], preset: Preset) -> PresetMatch:
    """Line a table's columns up with a preset's names, each column and name once."""
    names = _names(preset)
    time_field = TIME_FIELDS.get(preset.dataset)
    # a short signature (`Date, Followers, …`) is too generic to be found by meaning alone
    by_meaning = (
        len(columns) <= _MAX_MEANING_COLUMNS and len(preset.signature) >= _MIN_MEANING_SIGNATURE
    )
    pairs = []
    for pos, column in enumerate(columns):
        keys = match_keys(column)
        if not by_meaning:
            # by name or term only; a date column by meaning too (`Fecha` is surely `Date`)
            terms = terms_of(keys)
            fields = (
                fields_of(keys, preset.dataset) if len(columns) <= _MAX_MEANING_COLUMNS else set()
            )
            for name in names:
                if name.key in keys or terms & name.terms:
                    pairs.append((EXACT if name.key in keys else TERM, pos, column, name))
                elif name.target == time_field and time_field in fields:
                    pairs.append((MEANING, pos, column, name))
            continue
        fields = fields_of(keys, preset.dataset)
        terms = terms_of(keys)
        qual = qualifier_group(qualifier(column))
        for name in names:
            strength = _strength(keys, fields, terms, qual, name)
            if strength:
                pairs.append((strength, pos, column, name))
    aligned: dict[str, tuple[str, float]] = {}
    taken: set[str] = set()
    for strength, _, column, name in sorted(pairs, key=lambda p: (-p[0], p[1])):
        if column not in aligned and name.key not in taken:
            aligned[column] = (name.raw, strength)
            taken.add(name.key)
    in_signature = [(c, s) for c, (n, s) in aligned.items() if normalise(n) in _signature(preset)]
    share = len(in_signature) / len(preset.signature)
    exact = sum(1 for _, s in in_signature if s == EXACT)
    weighted = sum(1.0 if s >= TERM else 0.5 for _, s in in_signature) / len(preset.signature)
    return PresetMatch(preset, share, exact, weighted, aligned)


def _has_time(match: PresetMatch) -> bool:
    """A preset whose signature has the table's time column (`Date`, `Publish time`) is only the
    export when that column is there: a posts header is not TikTok's daily overview."""
    time_field = TIME_FIELDS.get(match.preset.dataset)
    targets = _targets(match.preset)
    timed = [s for s in match.preset.signature if targets.get(normalise(s)) == time_field]
    if not timed:
        return True
    aligned = {normalise(name) for name, _ in match.aligned.values()}
    return any(normalise(s) in aligned for s in timed)


def _own_words(match: PresetMatch) -> bool:
    """A platform's preset found only through generic words (`Impressions`, `Likes`, a `Link`)
    must show one of that platform's own export words (used by its presets only, no field's
    synonym) as written or as a known term (`Engagements`), unless nearly all its signature is
    there: a person's own posts table is not X's export, nor TikTok's overview."""
    preset = match.preset
    if preset.platform is None or match.share >= 0.9:
        return True
    global _DISTINCTIVE
    if _DISTINCTIVE is None:
        _DISTINCTIVE = _distinctive()
    # its own words: used by this platform's presets only, and no canonical field's synonym
    own = {
        n.key
        for n in _names(preset)
        if _DISTINCTIVE.get(n.key) == preset.platform and n.key not in SYNONYM_INDEX
    }
    return any(normalise(name) in own and s >= TERM for name, s in match.aligned.values())


def best_preset(
    columns: Sequence[str],
    dataset: str | None = None,
    linked: str | None = None,
    row_grain: str | None = None,
) -> PresetMatch | None:
    """The known export whose signature the header matches best. Its share of the signature
    must reach the preset's minimum; then the one on the platform the table's links point at
    (`linked`) wins, then the largest share with names found by meaning alone counted half,
    then the most names present as written, then the most names in all. A preset of another
    platform than the links', or of daily account data for a table with one row per post, is
    never the one. A `closed` preset only matches a header made of nothing but the columns it
    knows."""
    best: PresetMatch | None = None
    best_rank: tuple[bool, float, float, int, int] = (False, 0.0, 0.0, 0, 0)
    for preset in PRESETS:
        if dataset is not None and preset.dataset != dataset:
            continue
        if linked is not None and preset.platform not in (None, linked):
            continue
        if row_grain == "post" and preset.dataset == "account_daily":
            continue
        match = align(columns, preset)
        if match.share < preset.min_share or not _has_time(match) or not _own_words(match):
            continue
        if preset.closed and len(match.aligned) < len(columns):
            continue
        on_link = linked is not None and preset.platform == linked
        rank = (on_link, match.weighted, match.share, match.exact, len(match.aligned))
        if rank > best_rank:
            best, best_rank = match, rank
    return best


# Every ad platform exports ids (`Campaign ID`, `Ad group ID`): one platform's presets naming
# them is no sign a table comes from that platform.
_IDENTIFIER = re.compile(r"(^|_)ids?$")


def _distinctive() -> dict[str, str]:
    """Preset names found in one platform's presets only (`Amount spent` is Meta's)."""
    seen: dict[str, set[str | None]] = {}
    for preset in PRESETS:
        for name in _names(preset):
            seen.setdefault(name.key, set()).add(preset.platform)
    return {
        key: next(iter(p))
        for key, p in seen.items()
        if len(p) == 1 and None not in p and not _IDENTIFIER.search(key)
    }


def platform_vocabulary(columns: Sequence[str], dataset: str) -> tuple[str, str] | None:
    """(platform, a column) when a table no preset matched is written in one platform's own
    export words (`Reporting starts`, `Montant dépensé`) more than in any other's, for a
    dataset that platform's presets give."""
    global _DISTINCTIVE
    if _DISTINCTIVE is None:
        _DISTINCTIVE = _distinctive()
    found: dict[str, dict[str, str]] = {}  # platform → its words → the column
    for preset in PRESETS:
        if preset.dataset != dataset or preset.platform is None:
            continue
        names = {n.key: n for n in _names(preset)}
        for column in columns:
            keys = match_keys(column)
            terms = terms_of(keys)
            for key, name in names.items():
                if _DISTINCTIVE.get(key) and (key in keys or terms & name.terms):
                    found.setdefault(_DISTINCTIVE[key], {}).setdefault(key, column)
    ranked = sorted(found.items(), key=lambda kv: -len(kv[1]))
    if not ranked or (len(ranked) > 1 and len(ranked[0][1]) <= len(ranked[1][1])):
        return None  # no platform's words, or two platforms' as many
    platform, words = ranked[0]
    return platform, next(iter(words.values()))
