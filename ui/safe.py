"""Text that came from a file, a workspace or a person, made inert for Streamlit's Markdown.

Streamlit renders Markdown in titles, captions, messages, expander and widget labels: a file
named `![x](http://host/beacon)` would make the browser fetch an image, and `**b**`, `:red[…]`
or `$$…$$` would be drawn. Every such text goes through `md` (or `tm` for a message with
values) before it reaches one of those elements."""

from __future__ import annotations

import re

from kpi.i18n import t
from kpi.xmlsafe import xml_safe

# CommonMark lets a backslash escape any ASCII punctuation; Streamlit's own directives
# (`:red[…]`, `:material/…:`, emoji shortcodes) and LaTeX (`$`) start with punctuation too.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md(value: object) -> str:
    """`value` as text that Markdown shows literally, on one line."""
    text = xml_safe(str(value)).replace("\r", " ").replace("\n", " ")
    return _PUNCTUATION.sub(r"\\\1", text)


def tm(key: str, **values: object) -> str:
    """A message from the catalog whose values (file names, columns, labels) are shown literally."""
    return t(key, **{name: md(value) for name, value in values.items()})
