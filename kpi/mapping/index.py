"""The synonym index: every folded name → the fields it may mean, with the word and language
it came from (for the reason a column was mapped), and the export terms that name no field."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kpi.mapping.names import normalise
from kpi.schema import DATASETS
from kpi.synonyms import BY_LANGUAGE, LANGUAGE_NAMES, QUALIFIERS, SCOPED, SYNONYMS, TERMS


def _build_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for name in {f.name for d in DATASETS.values() for f in d.fields}:
        index.setdefault(normalise(name), set()).add(name)
    for field_name, words in SYNONYMS.items():
        for word in words:
            index.setdefault(normalise(word), set()).add(field_name)
    return index


SYNONYM_INDEX = _build_index()
SCOPED_INDEX: dict[str, dict[str, set[str]]] = {
    dataset: {
        normalise(word): {f}
        for f, words in fields.items()
        for word in words
        if f in DATASETS[dataset].field_names
    }
    for dataset, fields in SCOPED.items()
}

# (folded name, field) → (the word as written, its language name)
_WORDS: dict[tuple[str, str], tuple[str, str]] = {}
for _field, _languages in BY_LANGUAGE.items():
    for _lang, _names in _languages.items():
        for _word in _names:
            _WORDS.setdefault((normalise(_word), _field), (_word, LANGUAGE_NAMES.get(_lang, _lang)))


def word_for(key: str, field_name: str) -> tuple[str, str | None]:
    """The synonym (as written) and language that a folded name matched for a field."""
    if normalise(field_name) == key:
        return field_name, None
    return _WORDS.get((key, field_name), (key.replace("_", " "), None))


def fields_of(keys: Sequence[str], dataset: str | None = None) -> set[str]:
    """Every field any of a column's folded names may mean (in a dataset's scope, if given)."""
    return set(_fields_of(tuple(keys), dataset))


@lru_cache(maxsize=1 << 16)
def _fields_of(keys: tuple[str, ...], dataset: str | None) -> frozenset[str]:
    out: set[str] = set()
    for key in keys:
        out |= SYNONYM_INDEX.get(key, set())
        if dataset is not None:
            out |= SCOPED_INDEX.get(dataset, {}).get(key, set())
    return frozenset(out)


TERM_INDEX: dict[str, int] = {}
for _i, _group in enumerate(TERMS):
    for _word in _group:
        TERM_INDEX.setdefault(normalise(_word), _i)
QUALIFIER_INDEX: dict[str, int] = {
    normalise(w): i for i, group in enumerate(QUALIFIERS) for w in group
}


def terms_of(keys: Sequence[str]) -> set[int]:
    """The export-term groups a column's folded names belong to."""
    return {TERM_INDEX[k] for k in keys if k in TERM_INDEX}


def qualifier_group(qualifier: str | None) -> int | str | None:
    """A bracket qualifier's group (organic, total, hours…), or the folded words themselves."""
    if qualifier is None:
        return None
    return QUALIFIER_INDEX.get(qualifier, qualifier)
