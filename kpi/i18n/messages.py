"""The words of the app, read from the compiled gettext catalogs (`locale/<lang>/LC_MESSAGES/
messages.mo`) once at import: `t(key, lang, **values)` picks and fills one, `tn(key, n, lang,
**values)` one whose words depend on a count (gettext plural forms: Polish has three).

Message ids are keys (`data.uploads_note`), not English sentences: the English text is the
`en` catalog's translation, so fixing a typo never changes an id and breaks every translation.
A plural entry's `msgid_plural` is its key with `.plural` (`plural_id`). A text missing in a
language falls back to English, and a key missing in English shows as the key itself (the
tests make sure none is missing).

The language is chosen once per run: `use_language("pl")` (or `set_language`) sets the current
language of the running context (a `ContextVar`, so two sessions running at once on two
threads never see each other's), and every `t()`, `tn()`, formatter and view without an
explicit `lang` follows it. The default is English."""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar, Token
from pathlib import Path
from types import MappingProxyType

from babel.messages.mofile import read_mo

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
PLURAL_SUFFIX = ".plural"


def catalog_path(lang: str, suffix: str = ".mo") -> Path:
    """Where the catalog of `lang` lives (`.po` for its source, `.mo` for the compiled one)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def languages() -> tuple[str, ...]:
    """The languages that have a compiled catalog, English first."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return tuple(sorted(found, key=lambda lang: (lang != SOURCE_LANGUAGE, lang)))


def plural_id(key: str) -> str:
    """The `msgid_plural` of a plural entry: its key with `.plural` (ids are keys, not English)."""
    return key + PLURAL_SUFFIX


_Loaded = tuple[Mapping[str, str], Mapping[str, tuple[str, ...]], Callable[[int], int]]


def _load(lang: str) -> _Loaded:
    """One compiled catalog: its texts, its plural entries' forms (all filled, else the entry
    is left out and falls back to English) and the rule that picks a form for a count."""
    with catalog_path(lang).open("rb") as file:
        catalog = read_mo(file)
    texts: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    for m in catalog:
        if isinstance(m.id, str) and m.id and m.string:
            texts[m.id] = m.string
        elif isinstance(m.id, tuple | list) and m.id[0] and all(m.string):
            plurals[m.id[0]] = tuple(m.string)
    rule = gettext.c2py(catalog.plural_expr)
    return MappingProxyType(texts), MappingProxyType(plurals), rule


_LOADED = {lang: _load(lang) for lang in languages()}
# Read-only: `CATALOGS["en"]` is the English catalog, for callers that ask whether a key exists.
CATALOGS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {lang: texts for lang, (texts, _, _) in _LOADED.items()}
)
# Each language's plural entries: key → its forms, in the order of the language's plural rule.
PLURALS: Mapping[str, Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {lang: forms for lang, (_, forms, _) in _LOADED.items()}
)
# Empty only while the catalogs are first made (`python -m kpi.i18n.migrate`).
_EN = CATALOGS.get(SOURCE_LANGUAGE, MappingProxyType({}))
_EN_PLURALS = PLURALS.get(SOURCE_LANGUAGE, MappingProxyType({}))

_CURRENT: ContextVar[str] = ContextVar("kpi_language", default=SOURCE_LANGUAGE)


def known_language(lang: object) -> str | None:
    """`lang` if it is one of the app's languages (`"pl"`), else None."""
    return lang if isinstance(lang, str) and lang in CATALOGS else None


def current_language() -> str:
    """The language of this run (English unless `use_language` / `set_language` chose one)."""
    return _CURRENT.get()


def set_language(lang: str | None) -> Token[str]:
    """Make `lang` the current language of this context (an unknown one: English); returns the
    token that `reset_language` takes to undo it."""
    return _CURRENT.set(known_language(lang) or SOURCE_LANGUAGE)


def reset_language(token: Token[str]) -> None:
    """Undo a `set_language`."""
    _CURRENT.reset(token)


@contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """`with use_language("pl"):` every word and number inside is Polish; yields the language."""
    token = set_language(lang)
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


def resolve(lang: str | None) -> str:
    """`lang`, or the current language when it is None (or empty)."""
    return lang or _CURRENT.get()


def has_text(key: str) -> bool:
    """Whether the English catalog has a text for `key` (for keys built from data, such as a
    platform's name, which fall back to the data's own spelling)."""
    return key in _EN or key in _EN_PLURALS


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text for `key` in `lang` (None: the current language; English where a translation is
    missing), with values filled in."""
    text = CATALOGS.get(resolve(lang), _EN).get(key) or _EN.get(key) or key
    return text.format(**values) if values else text


def plural_index(n: int, lang: str | None = None) -> int:
    """Which plural form of `lang` a count takes (Polish: 0 for 1, 1 for 2–4, 22–24…, 2 else)."""
    chosen = resolve(lang)
    rule = _LOADED[chosen][2] if chosen in _LOADED else _LOADED[SOURCE_LANGUAGE][2]
    return rule(abs(int(n)))


def tn(key: str, count: int, /, lang: str | None = None, **values: object) -> str:
    """The text for `key` in the form that suits `count` (gettext's ngettext): "1 file
    read", "2 files read"; Polish "1 plik", "2 pliki", "5 plików". `{n}` is filled with the count
    as the language writes it (1 234) unless `values` give it; a message may name its count
    `{count}` too (the key and the count are positional, so no placeholder name clashes)."""
    chosen = resolve(lang)
    forms = PLURALS.get(chosen, {}).get(key)
    if forms is None:
        chosen, forms = SOURCE_LANGUAGE, _EN_PLURALS.get(key)
    if forms is None:
        return key
    index = plural_index(count, chosen)
    text = forms[min(index, len(forms) - 1)]
    if "n" not in values:
        from kpi.i18n.numbers import format_count  # numbers imports this module

        values = {**values, "n": format_count(int(count), chosen)}
    return text.format(**values)
