"""People's names for the canonical values files write in platform and channel columns:
`tiktok` → TikTok, `linkedin` → LinkedIn, `organic_search` / `Organic Search` → Organic Search,
Búsqueda orgánica, Wyszukiwanie organiczne. Only what is shown changes: the data, the filters'
values and the downloads keep the value as the file wrote it. A value the catalog does not know
is shown as written (a caller that renders Markdown escapes it, as any text from a file)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from kpi.i18n.messages import CATALOGS, SOURCE_LANGUAGE, resolve, t

# The values with a catalog name (`platform.<value>`, `channel.<value>`), declared for the
# catalog's extractor in `kpi.i18n.dynamic`. Platforms beyond `kpi.schema.PLATFORMS` are the
# ones exports name in a platform or channel column.
PLATFORM_NAMES = (
    "facebook", "instagram", "x", "twitter", "linkedin", "tiktok", "youtube", "google",
    "email", "pinterest", "snapchat", "threads", "whatsapp", "messenger", "reddit", "bing",
)  # fmt: skip
# GA4's default channel groups and the CRM's channels, as snake case.
CHANNEL_NAMES = (
    "direct", "organic_search", "paid_search", "organic_social", "paid_social", "social",
    "referral", "display", "affiliates", "organic_video", "paid_video", "organic_shopping",
    "paid_shopping", "cross_network", "paid_other", "sms", "audio", "mobile_push_notifications",
    "unassigned", "other",
)  # fmt: skip
# Columns whose values are such names (a frame's own column names, before any label).
NAME_COLUMNS = frozenset({"platform", "channel", "channel_group"})
# The titles views give such columns when a table's columns are named for people already.
NAME_TITLES = ("leads.col.channel", "engagement.platform_col", "content.col_platform",
               "leads.by.channel", "leads.by.platform", "scorecard.col.channel")  # fmt: skip
_SEPARATORS = re.compile(r"[\s\-]+")


def _key(value: str) -> str:
    """`Organic Search`, `organic-search`, `organic_search` → `organic_search`."""
    return _SEPARATORS.sub("_", value.strip().lower())


def display_name(value: object, lang: str | None = None) -> str:
    """A platform or channel value as people of `lang` read it (`paid_social` → Paid Social,
    Social de pago, Płatne media społecznościowe); an unknown one as written."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return ""
    text = str(value)
    key = _key(text)
    english = CATALOGS[SOURCE_LANGUAGE]
    for name in (f"platform.{key}", f"channel.{key}"):
        if name in english:
            return t(name, resolve(lang))
    return text


def holds_names(column: object, lang: str | None = None) -> bool:
    """Whether a table's column holds platform or channel values: its field name (`platform`)
    or the title a view gives such a column in `lang` (`Plataforma`)."""
    if column in NAME_COLUMNS:
        return True
    lang = resolve(lang)
    return isinstance(column, str) and any(column == t(key, lang) for key in NAME_TITLES)


def named(
    frame: pd.DataFrame, columns: Iterable[str] = NAME_COLUMNS, lang: str | None = None
) -> pd.DataFrame:
    """A copy of `frame` for a chart, its platform and channel columns (those of `columns` it
    has that are in `NAME_COLUMNS`) holding people's names instead of the data's values; the
    frame itself when it has none."""
    present = [c for c in columns if c in frame.columns and c in NAME_COLUMNS]
    if not present:
        return frame
    out = frame.copy()
    for column in present:
        out[column] = [display_name(v, lang) if isinstance(v, str) else v for v in out[column]]
    return out
