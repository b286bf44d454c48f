"""Text from files made safe for renderers that cannot take every character.

vl-convert (charts as PNG, SVG and PDF) aborts the whole process on characters XML forbids,
and spreadsheets refuse them in cells; a platform name or a post's text can hold them when an
export was damaged or hand-edited. Every text on its way to such a renderer passes here."""

from __future__ import annotations

import re
from collections.abc import Mapping

# XML 1.0 allows tab, newline and carriage return among the C0 controls; not the others, nor
# lone surrogates or the two non-characters at the end of the basic plane.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def printable(text: str, replacement: str = "") -> str:
    """`text` without the characters XML forbids (replaced by `replacement`)."""
    return _FORBIDDEN.sub(replacement, text)


def printable_data(value: object) -> object:
    """A JSON-like value (a chart spec, a row) with every string in it made `printable`,
    dictionary keys included; other values are returned as they are."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, Mapping):
        return {printable_data(k): printable_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable_data(v) for v in value]
    return value
