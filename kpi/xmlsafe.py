"""Text that XML can hold. Excel workbooks, SVG and vl-convert's renderer are XML inside:
a control character such as chr(1) from a file or a query makes openpyxl refuse the workbook
and vl-convert abort the whole process, so every text bound for them passes through here."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, lone surrogates,
# and U+FFFE/U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"  # "�": shows that something unprintable was there


def xml_safe(text: str) -> str:
    """`text` with every character XML forbids replaced by U+FFFD."""
    return _FORBIDDEN.sub(REPLACEMENT, text)


def xml_safe_tree(value: object) -> object:
    """A JSON-like tree (dicts, lists, strings, numbers) with every string made XML-safe."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {xml_safe_tree(k): xml_safe_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [xml_safe_tree(v) for v in value]
    return value
