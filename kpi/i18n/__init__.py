"""Every word shown to a person, and every number and date, goes through here, so adding a
language means adding a catalog, not hunting strings.

Words live in gettext catalogs managed with Babel: `locale/<lang>/LC_MESSAGES/messages.po`, the
English one complete, with message keys as ids (`msgid "data.uploads_note"`). `make messages`
extracts the keys from the code into `locale/messages.pot`, updates every language's `.po` and
compiles the `.mo` files, which are committed.

The app reads the compiled `.mo` files, not the `.po`: running it never needs `make messages`
(nor Babel's `.po` parser, which is slower and stricter about syntax), a `.mo` holds only
finished translations (an empty or fuzzy entry falls back to English), and a test fails when a
committed `.mo` differs from what its `.po` compiles to — so the two never drift apart.

A new word: call `t("area.what")` in the code, run `make messages` (the key appears in every
`.po` with an empty text), write its English in `locale/en/LC_MESSAGES/messages.po`, run
`make messages` again and commit. A key built at run time (`t(f"grain.{g}")`) is declared with
its values in `kpi/i18n/dynamic.py`. Words still kept in an `en_*.py` dict (from a branch made
before the catalogs) are moved into the English `.po` by `python -m kpi.i18n.migrate`, which
`make messages` runs first.

A count's message (`tn("data.read_files", n)`) is a gettext plural entry, with as many forms as
the language has (English and Spanish two, Polish three).

Numbers, money, percentages and dates are formatted by Babel for the chosen language
(`kpi.i18n.numbers`). Every function takes `lang`; without it, the current language of the run
(`use_language`, set by the app at the top of each run and by the CLI's `--lang`)."""

from __future__ import annotations

from kpi.i18n.messages import (
    CATALOGS,
    current_language,
    has_text,
    languages,
    set_language,
    t,
    tn,
    use_language,
)
from kpi.i18n.numbers import (
    currency_symbol,
    format_change,
    format_count,
    format_date,
    format_money,
    format_number,
    format_signed,
    format_value,
    row_currency,
)

__all__ = [
    "CATALOGS",
    "currency_symbol",
    "current_language",
    "format_change",
    "format_count",
    "format_date",
    "format_money",
    "format_number",
    "format_signed",
    "format_value",
    "has_text",
    "languages",
    "row_currency",
    "set_language",
    "t",
    "tn",
    "use_language",
]
