"""The words of the app, read from the compiled gettext catalogs (`locale/<lang>/LC_MESSAGES/
messages.mo`) once at import, and `t(key, lang, **values)` that picks and fills one.

Message ids are keys (`data.uploads_note`), not English sentences: the English text is the
`en` catalog's translation, so fixing a typo never changes an id and breaks every translation.
A text missing in a language falls back to English, and a key missing in English shows as the
key itself (the tests make sure none is missing)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from babel.messages.mofile import read_mo

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"


def catalog_path(lang: str, suffix: str = ".mo") -> Path:
    """Where the catalog of `lang` lives (`.po` for its source, `.mo` for the compiled one)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def languages() -> tuple[str, ...]:
    """The languages that have a compiled catalog, English first."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return tuple(sorted(found, key=lambda lang: (lang != SOURCE_LANGUAGE, lang)))


def _load(lang: str) -> Mapping[str, str]:
    """Every translated message of one compiled catalog (untranslated ones are not in a `.mo`)."""
    with catalog_path(lang).open("rb") as file:
        catalog = read_mo(file)
    texts = {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string}
    return MappingProxyType(texts)


# Read-only: `CATALOGS["en"]` is the English catalog, for callers that ask whether a key exists.
CATALOGS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {lang: _load(lang) for lang in languages()}
)
# Empty only while the catalogs are first made (`python -m kpi.i18n.migrate`).
_EN = CATALOGS.get(SOURCE_LANGUAGE, MappingProxyType({}))


def has_text(key: str) -> bool:
    """Whether the English catalog has a text for `key` (for keys built from data, such as a
    platform's name, which fall back to the data's own spelling)."""
    return key in _EN


def t(key: str, lang: str = SOURCE_LANGUAGE, **values: object) -> str:
    """The text for `key` in `lang` (English where a translation is missing), with values filled in."""
    text = CATALOGS.get(lang, _EN).get(key) or _EN.get(key) or key
    return text.format(**values) if values else text
