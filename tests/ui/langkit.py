"""Helpers for the language tests: every text an AppTest page shows, and which of them are
English catalog texts a Spanish or Polish reader should not meet."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable, Iterator

from streamlit.testing.v1 import AppTest

from kpi.i18n.messages import CATALOGS, PLURALS, SOURCE_LANGUAGE
from tests.uikit import plain

# Texts a person reads: an element's body, its label, help, placeholder, options.
_ATTRIBUTES = ("value", "label", "help", "placeholder", "body", "caption")
_WORD = re.compile(r"[^\W\d_]{3,}")


# Elements whose `value` is shown text (a widget's value is its option or the person's input).
_TEXT_ELEMENTS = {
    "Markdown", "Caption", "Text", "Title", "Header", "Subheader", "Divider", "Latex",
    "Info", "Warning", "Error", "Success", "Exception", "Toast", "Alert", "Metric", "Badge",
}  # fmt: skip


def _headers(node: object) -> Iterator[str]:
    """A data frame's column titles as shown: the column's configured label, else its name."""
    try:
        config = json.loads(getattr(node, "proto").columns or "{}")  # noqa: B009
    except (AttributeError, ValueError):
        config = {}
    try:
        names = [str(c) for c in node.value.columns]  # type: ignore[attr-defined]
    except Exception:  # a frame AppTest cannot rebuild: its configured labels still count
        names = []
    for name in names:
        label = config.get(name, {}).get("label") if isinstance(config.get(name), dict) else None
        yield label or name
    for name, column in config.items():
        if name not in names and isinstance(column, dict) and column.get("label"):
            yield column["label"]
        if isinstance(column, dict) and column.get("help"):
            yield column["help"]


def _texts_of(node: object) -> Iterator[str]:
    kind = type(node).__name__
    names = _ATTRIBUTES if kind in _TEXT_ELEMENTS else _ATTRIBUTES[1:]
    for name in names:
        try:
            value = getattr(node, name)
        except Exception:  # an element without it
            continue
        if isinstance(value, str):
            yield value
    options = getattr(node, "options", None)
    if isinstance(options, list | tuple):
        yield from (o for o in options if isinstance(o, str))
    proto = getattr(node, "proto", None)
    if proto is not None:
        for name in ("label", "body", "help", "placeholder", "caption"):
            value = getattr(proto, name, None)
            if isinstance(value, str) and value:
                yield value
    if kind == "Dataframe":
        yield from _headers(node)


def _walk(node: object) -> Iterator[object]:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def shown_texts(at: AppTest) -> list[str]:
    """Every text on the page (main area and sidebar), Markdown escapes removed."""
    found: list[str] = []
    for node in _walk(at._tree):
        found.extend(plain(text) for text in _texts_of(node) if text)
    return found


def _fragments(text: str) -> list[str]:
    """The runs of words of a catalog text between its placeholders and markup, three words or
    more: long enough that finding one on a page means the sentence was left in English."""
    parts = []
    for literal, _, _, _ in string.Formatter().parse(text):
        for piece in re.split(r"[*`_\n“”\"()]+", literal):
            piece = piece.strip(" .,:;·–—-")
            if len(_WORD.findall(piece)) >= 3:
                parts.append(piece)
    return parts


def _english_pairs(lang: str) -> list[tuple[str, str]]:
    """(English, translation) for every catalog text, plural form and KPI label and description."""
    from kpi.catalog import KPIS

    english = CATALOGS[SOURCE_LANGUAGE]
    translated = CATALOGS[lang]
    pairs = [(text, translated.get(key, "")) for key, text in english.items()]
    for key, forms in PLURALS[SOURCE_LANGUAGE].items():
        pairs.extend((form, " ".join(PLURALS[lang].get(key, ()))) for form in forms)
    for kpi in KPIS:
        pairs.append((kpi.labels["en"], kpi.labels.get(lang, "")))
        pairs.append((kpi.descriptions["en"], kpi.descriptions.get(lang, "")))
    return pairs


def english_leftovers(texts: Iterable[str], lang: str, allowed: Iterable[str] = ()) -> set[str]:
    """English texts (catalog messages, KPI labels, or runs of three words or more of them) that
    appear in `texts` although `lang` has its own words for them. A short text counts when a
    whole element (or a bold run) says exactly it."""
    shown = [text.strip() for text in texts]
    whole = set(shown) | {m for text in shown for m in re.findall(r"\*\*(.+?)\*\*", text)}
    skip = set(allowed)
    found: set[str] = set()
    for text, translation in _english_pairs(lang):
        if not translation or text == translation or text in skip or not _WORD.search(text):
            continue
        if text.strip() in whole:
            found.add(text)
            continue
        for fragment in _fragments(text):
            if fragment in translation or fragment in skip:
                continue
            pattern = re.compile(r"(?<!\w)" + re.escape(fragment) + r"(?!\w)")
            if any(pattern.search(s) for s in shown):
                found.add(fragment)
    return found
