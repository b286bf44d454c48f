"""The canonical datasets of DESIGN.md, in code: every dataset, its fields and their types.

Everything downstream (views, KPIs, charts) speaks these names; loading and mapping translate
whatever an export calls its columns into them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpi.i18n.messages import t


@dataclass(frozen=True)
class Field:
    """One canonical field: its name and type (timestamp, date, int, float, money, percent, text, bool)."""

    name: str
    type: str


@dataclass(frozen=True)
class Dataset:
    """A canonical dataset: what one row is, its fields, and the export that usually provides it."""

    name: str
    row_is: str
    fields: tuple[Field, ...]
    required: tuple[str, ...]

    @property
    def provided_by(self) -> str:
        """The export that usually provides it, in the current language (see `provided_in`)."""
        return self.provided_in(None)

    def provided_in(self, lang: str | None) -> str:
        """The export that usually provides it, as `lang` says it (a catalog text)."""
        return t(f"schema.provided_by.{self.name}", lang)

    @property
    def field_names(self) -> tuple[str, ...]:
        """The field names in their canonical order."""
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        """The field called `name` (KeyError when the dataset has none)."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


def _fields(spec: str) -> tuple[Field, ...]:
    out = []
    for item in spec.split(","):
        name, _, type_ = item.strip().partition(":")
        out.append(Field(name, type_ or "int"))
    return tuple(out)


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "posts",
            "a published post, tweet, reel or video",
            _fields(
                "published_at:timestamp, platform:text, post_id:text, post_type:text, text:text, "
                "url:text, campaign:text, is_paid:bool, impressions, reach, likes, comments, "
                "comments_positive, comments_negative, shares, saves, clicks, video_views, "
                "profile_visits, follows, negative_feedback, has_image:bool, has_link:bool, reviewed:bool"
            ),
            ("published_at", "platform"),
        ),
        Dataset(
            "account_daily",
            "a platform account on a day",
            _fields(
                "date:date, platform:text, followers, new_followers, lost_followers, impressions, "
                "reach, profile_visits, page_views, private_messages, brand_mentions, tagged, website_clicks, "
                "likes, comments, shares, video_views"
            ),
            ("date", "platform"),
        ),
        Dataset(
            "audience",
            "a follower segment at a snapshot",
            _fields(
                "platform:text, dimension:text, segment:text, followers, views, watch_seconds:float, snapshot_date:date"
            ),
            ("segment",),
        ),
        Dataset(
            "web_traffic",
            "web-analytics rows by day and source",
            _fields(
                "date:date, source:text, medium:text, channel_group:text, campaign:text, "
                "landing_page:text, sessions, users, new_users, engaged_sessions, bounces, "
                "engagement_seconds:float, pageviews, add_to_carts, conversions, transactions, revenue:money"
            ),
            ("sessions",),
        ),
        Dataset(
            "search_queries",
            "a search query on a day (or a page, country or device of a Search Console export)",
            _fields(
                "date:date, query:text, clicks, impressions, position:float, page:text, country:text, "
                "device:text"
            ),
            ("date", "query"),
        ),
        Dataset(
            "ads",
            "a paid campaign / ad set / ad on a day",
            _fields(
                "date:date, platform:text, campaign:text, ad_set:text, ad:text, objective:text, "
                "spend:money, currency:text, impressions, reach, clicks, landing_page_views, leads, "
                "new_followers, add_to_carts, purchases, conversion_value:money, conversions"
            ),
            ("date", "spend"),
        ),
        Dataset(
            "leads",
            "a lead in the CRM",
            _fields(
                "lead_id:text, created_at:timestamp, channel:text, platform:text, campaign:text, "
                "score:float, stage:text, qualified:bool, qualified_type:text, converted_at:timestamp, "
                "revenue:money, customer_id:text"
            ),
            ("lead_id", "created_at"),
        ),
        Dataset(
            "touchpoints",
            "one marketing touch of a lead or customer",
            _fields(
                "lead_id:text, customer_id:text, touched_at:timestamp, channel:text, platform:text, "
                "campaign:text, touch_type:text"
            ),
            ("touched_at", "channel"),
        ),
        Dataset(
            "customers",
            "a customer",
            _fields(
                "customer_id:text, acquired_at:timestamp, channel:text, is_social:bool, "
                "churned_at:timestamp, saved_count, control_group:bool"
            ),
            ("customer_id", "acquired_at"),
        ),
        Dataset(
            "orders",
            "an order",
            _fields(
                "order_id:text, customer_id:text, ordered_at:timestamp, revenue:money, category:text, "
                "currency:text, status:text"
            ),
            ("order_id", "ordered_at"),
        ),
        Dataset(
            "conversations",
            "a public comment, private message or mention needing care",
            _fields(
                "conversation_id:text, platform:text, kind:text, received_at:timestamp, "
                "first_response_at:timestamp, is_complaint:bool, resolved_at:timestamp, sentiment:text"
            ),
            ("received_at", "platform"),
        ),
        Dataset(
            "targets",
            "a target for a KPI over a period, optionally per platform",
            _fields("kpi:text, period_start:date, period_end:date, platform:text, target:float"),
            ("kpi", "target"),
        ),
    )
}

PLATFORMS = ("facebook", "instagram", "x", "linkedin", "tiktok", "youtube", "google", "email")

# The field that places a row in time, per dataset: periods, grains and "newest file" use it.
TIME_FIELDS = {
    "posts": "published_at",
    "account_daily": "date",
    "audience": "snapshot_date",
    "web_traffic": "date",
    "search_queries": "date",
    "ads": "date",
    "leads": "created_at",
    "touchpoints": "touched_at",
    "customers": "acquired_at",
    "orders": "ordered_at",
    "conversations": "received_at",
    "targets": "period_start",
}

# Rows sharing these fields, from overlapping exports, are one row: the newest file's is kept.
# The first field must be present for a row to take part (a post without an id is never merged).
DEDUPE_KEYS = {
    "posts": ("post_id", "platform"),
    "account_daily": ("date", "platform"),
    "ads": ("date", "campaign", "platform", "ad_set", "ad"),
    "audience": ("segment", "platform", "dimension", "snapshot_date"),
    "web_traffic": ("date", "source", "medium", "campaign", "landing_page", "channel_group"),
    "search_queries": ("date", "query"),
    "leads": ("lead_id",),
    "customers": ("customer_id",),
    "orders": ("order_id",),
    "conversations": ("conversation_id",),
}
