"""The business's clock: every hour-of-day and weekday analysis reads times through here.

Exports disagree on clocks: Facebook and Instagram (Meta Business Suite) write naive times in
the page's own time zone, while X, LinkedIn, TikTok, YouTube and the rest write UTC. Mixed as
they come, a 9 o'clock Instagram post and a 9 o'clock X post (10 o'clock in Warsaw) fall in the
same cell. `local_time_sql` turns a timestamp column into the business's wall-clock time.
"""

from __future__ import annotations

import zoneinfo
from functools import cache

from kpi.errors import KpiError
from kpi.i18n import t

DEFAULT_TIMEZONE = "UTC"
# Platforms whose exports already give the business's local time (naive, no offset).
LOCAL_CLOCK_PLATFORMS = ("facebook", "instagram")


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) | {DEFAULT_TIMEZONE}


def valid_timezone(name: str | None) -> str:
    """The IANA time zone name (`Europe/Warsaw`), checked; None or empty gives UTC."""
    if not name:
        return DEFAULT_TIMEZONE
    if name not in _zones():
        raise KpiError(t("error.unknown_timezone", name=name))
    return name


def local_time_sql(
    column: str = "published_at", timezone: str | None = None, platform: str = "platform"
) -> str:
    """SQL for a timestamp column as the business's wall-clock time in `timezone`: times from
    platforms writing local time stay as they are, the others are read as UTC and converted."""
    zone = valid_timezone(timezone).replace("'", "''")
    local = ", ".join(f"'{p}'" for p in LOCAL_CLOCK_PLATFORMS)
    return (
        f"CASE WHEN lower(coalesce({platform}, '')) IN ({local}) THEN {column} "
        f"ELSE timezone('{zone}', {column} AT TIME ZONE 'UTC') END"
    )


def local_hour_sql(column: str = "published_at", timezone: str | None = None) -> str:
    """The hour of day (0–23) of a timestamp column on the business's clock."""
    return f"hour({local_time_sql(column, timezone)})"


def local_weekday_sql(column: str = "published_at", timezone: str | None = None) -> str:
    """The ISO weekday (1 = Monday … 7 = Sunday) of a timestamp column on the business's clock."""
    return f"isodow({local_time_sql(column, timezone)})"


def zone_in_text(text: str) -> str | None:
    """An IANA time zone named in a text (a report's title line: `Time zone: Europe/Madrid`)."""
    for word in text.replace("(", " ").replace(")", " ").replace(",", " ").split():
        if "/" in word and word in _zones():
            return word
    return None
