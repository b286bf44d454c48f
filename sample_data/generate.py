"""Generate the bundled sample data of KPI Explorer: one year of "Café Aurora".

Café Aurora is a fictitious small coffee roaster in Madrid that sells online in Spain and
abroad and is active on Facebook, Instagram, X, LinkedIn, TikTok and YouTube. This script
writes a coherent twelve-month story (2025-11-01 to 2026-10-31) that covers every canonical
dataset of DESIGN.md ("Canonical datasets"), in the shapes real exports come in: Spanish-locale
CSVs with a BOM and decimal commas, a UTF-16 TSV, a GA4 report with a comment preamble, a
Windows-1252 ads export and a multi-sheet CRM workbook.

The story is the same in every file:

- seasonality: a December coffee-gift peak (Black Friday to Christmas) and an August dip;
- weekday patterns: LinkedIn quiet at weekends, Instagram and TikTok busier at weekends;
- "primavera_2026" (2026-03-16 to 2026-04-26): a Facebook + Instagram ads burst that lifts new
  followers, Paid Social sessions and leads;
- July 2026: a carrier problem delays shipments, so negative comments, complaints and response
  times go up;
- leads with a slow / medium / fast mix; converted leads become customers with orders, and social
  customers churn less than the non-social ones (a random part of which is the control group).

Numbers are linked, not independent: posts feed the accounts' followers and website clicks,
website clicks and ad landing-page views become sessions, sessions become leads, leads become
customers and orders, and orders come back as web transactions and ad purchases.

Everything comes from one random.Random(SEED) and nothing reads today's date, so two runs write
byte-identical files. Run it as ``python sample_data/generate.py``; it writes next to itself.
"""

from __future__ import annotations

import csv
import io
import math
import random
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypeVar

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

SEED = 20261124
START = date(2025, 11, 1)
END = date(2026, 10, 31)
END_DT = datetime(2026, 10, 31, 23, 59, 59)
# A fixed "export time" for the workbook metadata and zip entries: reproducible, not "now".
EXPORTED_AT = datetime(2026, 11, 1, 8, 0, 0)
OUT_DIR = Path(__file__).resolve().parent
DAYS: tuple[date, ...] = tuple(START + timedelta(days=i) for i in range((END - START).days + 1))
PLATFORMS = ("facebook", "instagram", "x", "linkedin", "tiktok", "youtube")

T = TypeVar("T")
Row = dict[str, Any]

# Canonical field names, in DESIGN.md order: the app recognises exports by these headers.
POSTS_FIELDS = (
    "published_at", "platform", "post_id", "post_type", "text", "url", "campaign", "is_paid",
    "impressions", "reach", "likes", "comments", "comments_positive", "comments_negative",
    "shares", "saves", "clicks", "video_views", "profile_visits", "follows",
    "negative_feedback", "has_image", "has_link", "reviewed",
)  # fmt: skip
ACCOUNT_FIELDS = (
    "date", "platform", "followers", "new_followers", "lost_followers", "impressions", "reach",
    "profile_visits", "page_views", "private_messages", "brand_mentions", "tagged",
    "website_clicks",
)  # fmt: skip
AUDIENCE_FIELDS = ("platform", "dimension", "segment", "followers", "snapshot_date")
WEB_FIELDS = (
    "date", "source", "medium", "channel_group", "campaign", "landing_page", "sessions", "users",
    "new_users", "engaged_sessions", "bounces", "engagement_seconds", "pageviews",
    "add_to_carts", "conversions", "transactions", "revenue",
)  # fmt: skip
SEARCH_FIELDS = ("date", "query", "clicks", "impressions", "position")
ADS_FIELDS = (
    "date", "platform", "campaign", "ad_set", "ad", "objective", "spend", "currency",
    "impressions", "reach", "clicks", "landing_page_views", "leads", "new_followers",
    "add_to_carts", "purchases", "conversion_value",
)  # fmt: skip
LEADS_FIELDS = (
    "lead_id", "created_at", "channel", "platform", "campaign", "score", "stage", "qualified",
    "qualified_type", "converted_at", "revenue", "customer_id",
)  # fmt: skip
TOUCH_FIELDS = (
    "lead_id", "customer_id", "touched_at", "channel", "platform", "campaign", "touch_type",
)  # fmt: skip
CUSTOMER_FIELDS = (
    "customer_id", "acquired_at", "channel", "is_social", "churned_at", "saved_count",
    "control_group",
)  # fmt: skip
ORDER_FIELDS = ("order_id", "customer_id", "ordered_at", "revenue", "category")
CONVERSATION_FIELDS = (
    "conversation_id", "platform", "kind", "received_at", "first_response_at", "is_complaint",
    "resolved_at", "sentiment",
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Random helpers
# --------------------------------------------------------------------------------------------


def poisson(rng: random.Random, lam: float) -> int:
    """Draw a Poisson count (Knuth for small means, a rounded normal for large ones)."""
    if lam <= 0:
        return 0
    if lam < 40:
        limit, k, p = math.exp(-lam), 0, rng.random()
        while p > limit:
            k += 1
            p *= rng.random()
        return k
    return max(0, round(rng.gauss(lam, math.sqrt(lam))))


def binomial(rng: random.Random, n: int, p: float) -> int:
    """Draw a binomial count; exact for small n, normal approximation for large n."""
    if n <= 0 or p <= 0:
        return 0
    if p >= 1:
        return n
    if n < 60:
        return sum(1 for _ in range(n) if rng.random() < p)
    sd = math.sqrt(n * p * (1 - p))
    return min(n, max(0, round(rng.gauss(n * p, sd))))


def noise(rng: random.Random, sigma: float) -> float:
    """Return a mean-one log-normal multiplier, so noise never flips a sign."""
    return math.exp(rng.gauss(0.0, sigma) - sigma * sigma / 2)


def pick(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    """Choose one value from (value, weight) pairs."""
    return rng.choices([v for v, _ in options], weights=[w for _, w in options])[0]


def multinomial(rng: random.Random, n: int, weights: Sequence[float]) -> list[int]:
    """Split n units randomly by weights (sequential binomials keep it exact and fast)."""
    counts, left, rest = [], n, float(sum(weights))
    for w in weights[:-1]:
        k = binomial(rng, left, w / rest) if rest > 0 else 0
        counts.append(k)
        left -= k
        rest -= w
    counts.append(left)
    return counts


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split an integer total by weights with largest remainders: parts sum exactly to total."""
    s = float(sum(weights))
    raw = [total * w / s for w in weights]
    parts = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def at_random_time(rng: random.Random, d: date, hours: Sequence[tuple[int, float]]) -> datetime:
    """Return a datetime on day d, at an hour drawn from (hour, weight) pairs."""
    hour = pick(rng, hours)
    return datetime.combine(d, time(hour, rng.randrange(60), rng.randrange(60)))


# Waking hours weighted like people's online activity: used for leads, messages, mentions.
ACTIVE_HOURS: tuple[tuple[int, float], ...] = tuple(
    (h, w)
    for h, w in enumerate(
        (0.3, 0.15, 0.1, 0.05, 0.05, 0.1, 0.3, 0.8, 1.3, 1.5, 1.4, 1.3, 1.4, 1.5, 1.3, 1.1, 1.1,
         1.2, 1.4, 1.6, 1.8, 1.9, 1.5, 0.8)
    )
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Calendar: seasonality, weekdays, campaigns and the July problem
# --------------------------------------------------------------------------------------------

# Demand in mid-month; days in between are interpolated so the curves have no monthly steps.
SEASON_ANCHORS = {
    1: 0.9, 2: 0.94, 3: 1.0, 4: 1.04, 5: 1.0, 6: 0.96,
    7: 0.9, 8: 0.64, 9: 0.98, 10: 1.04, 11: 1.14, 12: 1.5,
}  # fmt: skip
# Short events on top of the monthly curve (Black Friday, Christmas days, Reyes gifts).
SEASON_EVENTS = (
    (date(2025, 11, 27), date(2025, 12, 1), 1.35),
    (date(2025, 12, 24), date(2025, 12, 26), 0.6),
    (date(2025, 12, 31), date(2026, 1, 1), 0.6),
    (date(2026, 1, 2), date(2026, 1, 5), 1.15),
)

# Relative activity by weekday (Mon..Sun). Squared, they also weight the posting days.
WEEKDAY: dict[str, tuple[float, ...]] = {
    "facebook": (1.0, 1.0, 1.0, 1.0, 0.95, 1.05, 1.05),
    "instagram": (0.9, 0.9, 0.95, 0.95, 1.0, 1.3, 1.3),
    "x": (1.1, 1.1, 1.1, 1.05, 1.0, 0.8, 0.8),
    "linkedin": (1.25, 1.3, 1.3, 1.25, 1.05, 0.35, 0.3),
    "tiktok": (0.9, 0.85, 0.9, 0.95, 1.05, 1.3, 1.35),
    "youtube": (0.9, 0.9, 0.9, 0.95, 1.0, 1.2, 1.3),
    "web": (1.05, 1.1, 1.05, 1.0, 0.95, 0.88, 0.97),
    "search": (1.1, 1.1, 1.05, 1.0, 0.95, 0.85, 0.9),
}

NAVIDAD = "Promoción Navidad"
PRIMAVERA = "primavera_2026"
OTONO = "Otoño Tueste"
# Campaign windows shared by posts, ads and web traffic, so all three tell the same story.
CAMPAIGN_WINDOWS: dict[str, tuple[date, date]] = {
    NAVIDAD: (date(2025, 11, 20), date(2025, 12, 21)),
    PRIMAVERA: (date(2026, 3, 16), date(2026, 4, 26)),
    OTONO: (date(2026, 9, 21), date(2026, 10, 18)),
}
CAMPAIGN_LANDING = {
    NAVIDAD: "/navidad/cajas-regalo",
    PRIMAVERA: "/promo/primavera",
    OTONO: "/otono/nuevos-tuestes",
}
HOLIDAY = (date(2026, 8, 10), date(2026, 8, 23))  # roastery closed: fewer posts, no newsletter


def add_months(d: date, months: int) -> date:
    """Shift a date by whole months (day kept; only used with day 15)."""
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, d.day)


def season(d: date) -> float:
    """Demand multiplier of a day: December gift peak, August dip, smooth in between."""
    anchor = date(d.year, d.month, 15)
    other = add_months(anchor, 1 if d >= anchor else -1)
    lo, hi = sorted((anchor, other))
    t = (d - lo).days / (hi - lo).days
    value = SEASON_ANCHORS[lo.month] * (1 - t) + SEASON_ANCHORS[hi.month] * t
    for first, last, factor in SEASON_EVENTS:
        if first <= d <= last:
            value *= factor
    return value


def weekday(kind: str, d: date) -> float:
    """Weekday multiplier for a platform (or 'web' / 'search')."""
    return WEEKDAY[kind][d.weekday()]


def active_campaign(d: date) -> str | None:
    """The marketing campaign running on a day, if any."""
    for name, (first, last) in CAMPAIGN_WINDOWS.items():
        if first <= d <= last:
            return name
    return None


def complaint_wave(d: date) -> float:
    """Intensity (0..1) of the July 2026 shipping-delay problem; one curve drives every file."""
    first, peak, last = date(2026, 7, 2), date(2026, 7, 14), date(2026, 8, 3)
    if d <= first or d >= last:
        return 0.0
    if d <= peak:
        return (d - first).days / (peak - first).days
    return (last - d).days / (last - peak).days


def madrid_offset(local: datetime) -> timedelta:
    """UTC offset of Madrid for a wall-clock time, by the EU rule (no tz database needed)."""

    def last_sunday(year: int, month: int) -> date:
        d = date(year, month, 31)
        return d - timedelta(days=(d.weekday() + 1) % 7)

    summer_start = datetime.combine(last_sunday(local.year, 3), time(2))
    summer_end = datetime.combine(last_sunday(local.year, 10), time(3))
    return timedelta(hours=2 if summer_start <= local < summer_end else 1)


def iso_with_offset(local: datetime) -> str:
    """Format a Madrid wall-clock time as ISO with its offset, e.g. 2026-03-04 10:15:00+01:00."""
    hours = int(madrid_offset(local).total_seconds() // 3600)
    return f"{local:%Y-%m-%d %H:%M:%S}+{hours:02d}:00"


# --------------------------------------------------------------------------------------------
# Ads: Meta (Facebook, Instagram) and Google Ads
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdSet:
    """An ad set: its objective, its ads, its share of the budget and where it lands."""

    name: str
    objective: str
    ads: tuple[str, ...]
    share: float
    landing_page: str


@dataclass(frozen=True)
class AdCampaign:
    """A campaign on one or more ad platforms with a daily budget per platform (EUR)."""

    name: str
    budgets: tuple[tuple[str, float], ...]
    first: date
    last: date
    ad_sets: tuple[AdSet, ...]


AD_CAMPAIGNS: tuple[AdCampaign, ...] = (
    AdCampaign(
        NAVIDAD,
        (("facebook", 38.0), ("instagram", 52.0)),
        *CAMPAIGN_WINDOWS[NAVIDAD],
        (
            AdSet(
                "Regalo · Intereses café ES",
                "Ventas",
                ("Carrusel cajas regalo", "Vídeo tueste navideño"),
                0.6,
                CAMPAIGN_LANDING[NAVIDAD],
            ),
            AdSet(
                "Retargeting visitantes 30 días",
                "Ventas",
                ("Carrusel cajas regalo", "Imagen envío gratis hasta el 22/12"),
                0.4,
                CAMPAIGN_LANDING[NAVIDAD],
            ),
        ),
    ),
    AdCampaign(
        NAVIDAD,
        (("google", 28.0),),
        *CAMPAIGN_WINDOWS[NAVIDAD],
        (
            AdSet(
                "Regalos para cafeteros",
                "Ventas",
                ("RSA Cajas regalo", "RSA Kit V60 regalo"),
                1.0,
                CAMPAIGN_LANDING[NAVIDAD],
            ),
        ),
    ),
    AdCampaign(
        PRIMAVERA,
        (("facebook", 65.0), ("instagram", 95.0)),
        *CAMPAIGN_WINDOWS[PRIMAVERA],
        (
            AdSet(
                "Seguidores · Lookalike 1% compradores",
                "Interacción",
                ("Reel nueva cosecha Etiopía", "Carrusel orígenes de primavera"),
                0.4,
                CAMPAIGN_LANDING[PRIMAVERA],
            ),
            AdSet(
                "Leads · Intereses café de especialidad",
                "Clientes potenciales",
                ("Imagen código PRIMAVERA15", "Reel cata en casa"),
                0.4,
                CAMPAIGN_LANDING[PRIMAVERA],
            ),
            AdSet(
                "Tráfico · Baristas UK/DE (EN)",
                "Tráfico",
                ("Carousel spring harvest EN", "Video roast day EN"),
                0.2,
                "/en/promo/spring",
            ),
        ),
    ),
    AdCampaign(
        "Búsqueda Marca",
        (("google", 7.5),),
        START,
        END,
        (AdSet("Marca Café Aurora", "Ventas", ("RSA Marca",), 1.0, "/"),),
    ),
    AdCampaign(
        "Búsqueda Café de especialidad",
        (("google", 16.0),),
        START,
        END,
        (
            AdSet(
                "Café en grano",
                "Ventas",
                ("RSA Café en grano", "RSA Orígenes"),
                0.6,
                "/tienda/cafe-en-grano",
            ),
            AdSet("Suscripción de café", "Ventas", ("RSA Suscripción",), 0.4, "/suscripcion"),
        ),
    ),
    AdCampaign(
        OTONO,
        (("facebook", 22.0), ("instagram", 34.0)),
        *CAMPAIGN_WINDOWS[OTONO],
        (
            AdSet(
                "Retargeting compradores 180 días",
                "Ventas",
                ("Vídeo tueste de otoño", "Carrusel métodos de filtro"),
                0.5,
                CAMPAIGN_LANDING[OTONO],
            ),
            AdSet(
                "Intereses métodos de filtrado",
                "Tráfico",
                ("Vídeo tueste de otoño", "Imagen Chemex + café"),
                0.5,
                CAMPAIGN_LANDING[OTONO],
            ),
        ),
    ),
)

META_CPM = {"facebook": 7.0, "instagram": 8.5}
META_CTR = {"Ventas": 0.013, "Interacción": 0.009, "Clientes potenciales": 0.014, "Tráfico": 0.016}


@dataclass
class AdRow:
    """One ad on one day, plus the landing page its clicks arrive on (not exported)."""

    row: Row
    landing_page: str


def generate_ads(rng: random.Random) -> list[AdRow]:
    """Daily rows per ad; results (leads, purchases…) are filled in later from web and CRM."""
    rows: list[AdRow] = []
    for campaign in AD_CAMPAIGNS:
        for platform, budget in campaign.budgets:
            for d in DAYS:
                if not campaign.first <= d <= campaign.last:
                    continue
                age = (d - campaign.first).days
                length = (campaign.last - campaign.first).days
                if platform == "google":
                    # Search budgets follow demand (high in December, low in August).
                    pacing = season(d) * weekday("search", d)
                else:
                    # Meta bursts ramp up for three days and push harder in the final week.
                    pacing = 0.6 if age < 3 else 1.2 if length - age < 7 else 1.0
                for ad_set in campaign.ad_sets:
                    ad_weights = (1.0,) if len(ad_set.ads) == 1 else (0.6, 0.4)
                    for ad, ad_weight in zip(ad_set.ads, ad_weights, strict=True):
                        spend = budget * ad_set.share * ad_weight * pacing * noise(rng, 0.12)
                        rows.append(
                            AdRow(
                                _ad_day(rng, d, platform, campaign, ad_set, ad, spend, age),
                                ad_set.landing_page,
                            )
                        )
    rows.sort(key=lambda r: (r.row["date"], r.row["platform"], r.row["campaign"]))
    return rows


def _ad_day(
    rng: random.Random,
    d: date,
    platform: str,
    campaign: AdCampaign,
    ad_set: AdSet,
    ad: str,
    spend: float,
    age: int,
) -> Row:
    """Delivery metrics of one ad on one day from its spend."""
    spend = round(spend, 2)
    if platform == "google":
        brand = campaign.name == "Búsqueda Marca"
        # Brand clicks are cheap and likely; Christmas makes generic clicks dearer.
        cpc = (0.32 if brand else 0.78) * (1.3 if d.month == 12 else 1.0) * noise(rng, 0.1)
        clicks = max(0, round(spend / cpc))
        impressions = round(clicks / ((0.22 if brand else 0.05) * noise(rng, 0.1)))
        reach = None  # Google Ads reports no reach for search
        lpv = binomial(rng, clicks, 0.91)
        new_followers = None
    else:
        q4 = 1.3 if d.month in (11, 12) else 1.0  # Q4 auctions are more expensive
        impressions = round(spend / (META_CPM[platform] * q4 * noise(rng, 0.1)) * 1000)
        frequency = min(2.4, 1.15 + 0.02 * age)  # the same people see the ad more often
        reach = round(impressions / frequency)
        ctr = META_CTR[ad_set.objective] * (1.4 if "Retargeting" in ad_set.name else 1.0)
        clicks = binomial(rng, impressions, ctr * noise(rng, 0.15))
        lpv = binomial(rng, clicks, rng.uniform(0.7, 0.85))
        # Engagement ad sets are optimised for follows; others earn a few on the side.
        follow_rate = 0.01 if ad_set.objective == "Interacción" else 0.0008
        new_followers = binomial(rng, impressions, follow_rate)
    return {
        "date": d,
        "platform": platform,
        "campaign": campaign.name,
        "ad_set": ad_set.name,
        "ad": ad,
        "objective": ad_set.objective,
        "spend": spend,
        "currency": "EUR",
        "impressions": impressions,
        "reach": reach,
        "clicks": clicks,
        "landing_page_views": lpv,
        "leads": 0,
        "new_followers": new_followers,
        "add_to_carts": 0,
        "purchases": 0,
        "conversion_value": 0.0,
    }


# --------------------------------------------------------------------------------------------
# Social: posts and daily account rows, simulated together so followers drive reach
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """How one platform account of Café Aurora behaves."""

    code: str  # short code in post ids
    start_followers: int
    organic_new: float  # new followers per day not explained by posts or ads
    growth: float  # how much organic_new grows by the end of the year
    churn: float  # share of followers lost per day
    reach_rate: float  # post impressions per follower
    virality: float  # spread of post impressions (TikTok posts go viral, X posts do not)
    like_rate: float  # likes per reach
    save_rate: float  # saves per like
    background: float  # daily non-post impressions per follower (stories, old videos)
    weekly_posts: int
    post_types: tuple[tuple[str, float], ...]
    post_hours: tuple[int, ...]
    english: float  # share of posts in English
    url_path: str
    messages: float  # private messages per day
    mentions: float  # brand mentions per day
    tagged: float  # people tagging the brand per day
    bio_clicks: float  # website clicks per day from the profile link
    complaints: float  # complaint comments per post at the peak of the July problem


PROFILES: dict[str, Profile] = {
    "facebook": Profile(
        "fb", 8200, 3.0, 1.0, 0.00035, 0.10, 0.45, 0.035, 0.02, 0.05, 4,
        (("photo", 0.4), ("link", 0.25), ("video", 0.15), ("reel", 0.1), ("text", 0.1)),
        (9, 13, 18, 20), 0.25, "posts", 2.0, 0.8, 0.6, 8.0, 14.0,
    ),
    "instagram": Profile(
        "ig", 14500, 7.0, 1.15, 0.0003, 0.22, 0.5, 0.06, 0.08, 0.10, 5,
        (("photo", 0.3), ("carousel", 0.3), ("reel", 0.4)),
        (8, 13, 19, 21), 0.35, "p", 4.0, 2.0, 3.0, 20.0, 18.0,
    ),
    "x": Profile(
        "x", 2300, 1.2, 0.9, 0.0005, 0.35, 0.4, 0.012, 0.03, 0.02, 5,
        (("text", 0.45), ("photo", 0.25), ("link", 0.25), ("video", 0.05)),
        (8, 11, 14, 17), 0.45, "status", 0.3, 1.2, 0.2, 2.0, 6.0,
    ),
    "linkedin": Profile(
        "li", 1100, 1.3, 1.2, 0.0002, 0.45, 0.4, 0.03, 0.01, 0.03, 3,
        (("text", 0.3), ("photo", 0.3), ("link", 0.25), ("carousel", 0.1), ("video", 0.05)),
        (8, 9, 10, 12), 0.55, "feed/update", 0.3, 0.3, 0.2, 2.0, 1.0,
    ),
    "tiktok": Profile(
        "tt", 3200, 9.0, 2.4, 0.0006, 1.4, 0.9, 0.07, 0.06, 0.15, 4,
        (("short", 1.0),),
        (13, 18, 20, 22), 0.15, "video", 0.6, 0.8, 0.5, 6.0, 4.0,
    ),
    "youtube": Profile(
        "yt", 900, 1.2, 1.5, 0.0003, 0.9, 0.6, 0.045, 0.01, 0.3, 3,
        (("video", 0.45), ("short", 0.55)),
        (11, 17, 19), 0.4, "watch", 0.05, 0.2, 0.05, 3.0, 1.0,
    ),
}  # fmt: skip

SOCIAL_SOURCE = {
    "facebook": "facebook",
    "instagram": "instagram",
    "x": "t.co",
    "linkedin": "linkedin",
    "tiktok": "tiktok",
    "youtube": "youtube",
}
PLATFORM_OF_SOURCE = {v: k for k, v in SOCIAL_SOURCE.items()}
VIDEO_TYPES = {"video", "reel", "short"}

ORIGINS = (
    ("Etiopía Yirgacheffe", "Ethiopia Yirgacheffe"),
    ("Colombia Huila", "Colombia Huila"),
    ("Kenia Nyeri", "Kenya Nyeri"),
    ("Brasil Cerrado", "Brazil Cerrado"),
    ("Guatemala Antigua", "Guatemala Antigua"),
    ("Ruanda Nyamasheke", "Rwanda Nyamasheke"),
    ("Costa Rica Tarrazú", "Costa Rica Tarrazú"),
)
NOTES = (
    ("jazmín y bergamota", "jasmine and bergamot"),
    ("chocolate con leche y nuez", "milk chocolate and walnut"),
    ("frutos rojos y panela", "red berries and brown sugar"),
    ("caramelo y naranja", "caramel and orange"),
    ("cacao y avellana", "cocoa and hazelnut"),
)
METHODS = (
    ("V60", "V60", "media-fina"),
    ("Chemex", "Chemex", "media"),
    ("AeroPress", "AeroPress", "fina-media"),
    ("espresso", "espresso", "fina"),
    ("moka", "moka pot", "fina"),
    ("cold brew", "cold brew", "gruesa"),
    ("prensa francesa", "French press", "gruesa"),
)
PRODUCTS = (
    ("kit V60 + 250 g de café", "V60 kit + 250 g of coffee"),
    ("caja de 3 orígenes", "3-origin box"),
    ("molinillo manual de acero", "steel hand grinder"),
    ("descafeinado de Colombia (proceso de caña)", "Colombian sugarcane decaf"),
    ("blend espresso Aurora", "Aurora espresso blend"),
)
MENTIONS = (
    "@barista.lucia",
    "@latteart_madrid",
    "@brewguides_eu",
    "@cafeteria.luz",
    "@tostadores_es",
    "@mercado_origen",
)
HASHTAGS = {
    "es": (
        "#cafedeespecialidad",
        "#tostadoartesanal",
        "#cafeengrano",
        "#baristas",
        "#Madrid",
        "#metodosmanuales",
    ),
    "en": ("#coffee", "#specialtycoffee", "#coffeelover", "#manualbrew", "#roastery"),
}
TOPIC_HASHTAGS = {
    "navidad": {"es": "#regalosnavidad", "en": "#coffeegifts"},
    "primavera": {"es": "#primavera2026", "en": "#springharvest"},
    "otono": {"es": "#otoño", "en": "#autumnroast"},
    "crisis": {"es": "#atencionalcliente", "en": "#customercare"},
}

TEMPLATES: dict[tuple[str, str], tuple[str, ...]] = {
    ("es", "general"): (
        "Nuevo lote de {origin} recién tostado ☕ Notas de {notes}.",
        "¿Cómo preparas tu café? Nuestra receta para {method}: 15 g de café, 250 g de agua "
        "a 93 °C; y paciencia.",
        "Gracias a {mention} por la visita al tostadero. ¡Os esperamos de nuevo!",
        "Día de tueste en Café Aurora: {origin} entrando al tambor 🔥",
        '"El mejor café que he probado en casa", dice una clienta. Gracias por vuestras reseñas 💛',
        "Consejo del día: muele justo antes de preparar. Para {method}, molienda {grind}.",
        "Ya disponible en la tienda: {product}. Envío en 24/48 h a toda la península.",
        "Cata abierta este sábado con {mention}; plazas limitadas ☕",
    ),
    ("en", "general"): (
        "Fresh roast alert: {origin} is back ☕ Tasting notes: {notes}.",
        "Brew guide: {method} in four steps; 15 g coffee, 250 g water, 93 °C.",
        "Thanks {mention} for stopping by our roastery in Madrid!",
        "Roast day at Café Aurora: {origin} going into the drum 🔥",
        '"Best beans I\'ve had this year" - thank you for the reviews 💛',
        "We ship specialty coffee from Madrid to the whole of Europe. New: {product}.",
        "Tip of the day: grind right before brewing. Freshness is everything ☕",
    ),
    ("es", "navidad"): (
        "Regala café de especialidad 🎁 Cajas regalo con 3 orígenes; envío garantizado antes "
        "del 24/12.",
        "Black Friday en Café Aurora: 20% en molinillos y kits V60 🎁",
        "¿No sabes qué regalar? La suscripción de café llega cada mes a su puerta ☕🎁",
    ),
    ("en", "navidad"): (
        "Gift boxes are here 🎁 Three origins, shipped across Europe before Christmas.",
        "Black Friday at Café Aurora: 20% off grinders and V60 kits 🎁",
    ),
    ("es", "primavera"): (
        "Llega la primavera 🌸 Nueva cosecha de {origin} con un 15% de descuento: código "
        "PRIMAVERA15.",
        "Sorteo de primavera 🌸 Menciona a quien invitarías a un café y participa. Bases en "
        "la web.",
        "Primavera = cold brew. Te enseñamos a prepararlo con nuestro {origin} 🌸",
    ),
    ("en", "primavera"): (
        "Spring harvest is in 🌸 15% off {origin} with code PRIMAVERA15.",
        "Spring giveaway 🌸 Tag the friend you would share a coffee with.",
    ),
    ("es", "otono"): (
        "Nuevos tuestes de otoño 🍂 {origin}; perfecto para {method}.",
        "Vuelve el frío, vuelve el espresso: blend de otoño con notas de {notes} 🍂",
    ),
    ("en", "otono"): ("Autumn roasts are out 🍂 {origin}, made for {method}.",),
    ("es", "crisis"): (
        "Aviso: algunos pedidos llevan retraso por un problema con nuestra empresa de "
        "transporte. Lo sentimos mucho; escríbenos por privado con tu número de pedido.",
        "Actualización sobre los envíos: hemos cambiado de transportista y estamos "
        "reenviando los pedidos pendientes 🙏",
    ),
    ("en", "crisis"): (
        "Update: some orders are delayed because of a carrier problem. We're sorry; DM us "
        "your order number and we'll check it 🙏",
    ),
    ("es", "vacaciones"): (
        "Cerramos el tostadero del 10 al 23 de agosto ☀️ Los pedidos de esos días salen el "
        "lunes 24.",
    ),
    ("en", "vacaciones"): (
        "Our roastery is closed 10–23 August ☀️ Orders placed in those days ship on Monday 24th.",
    ),
}
SHOP_PAGES = ("tienda/cafe-en-grano", "suscripcion", "blog/guia-v60", "tienda/novedades")


def post_topic(rng: random.Random, d: date, campaign: str) -> str:
    """What a post talks about, from its campaign and the moment of the year."""
    if campaign:
        return {NAVIDAD: "navidad", PRIMAVERA: "primavera", OTONO: "otono"}[campaign]
    if complaint_wave(d) > 0.25 and rng.random() < 0.35:
        return "crisis"
    if date(2026, 8, 1) <= d <= date(2026, 8, 12) and rng.random() < 0.35:
        return "vacaciones"
    if CAMPAIGN_WINDOWS[NAVIDAD][0] <= d <= date(2025, 12, 22) and rng.random() < 0.4:
        return "navidad"
    return "general"


def post_text(
    rng: random.Random, platform: str, topic: str, campaign: str, link_wanted: bool
) -> tuple[str, bool]:
    """Write a post in Spanish or English with hashtags, maybe a mention and a link."""
    profile = PROFILES[platform]
    lang = "en" if rng.random() < profile.english else "es"
    i = 0 if lang == "es" else 1
    method = rng.choice(METHODS)
    body = rng.choice(TEMPLATES[(lang, topic)]).format(
        origin=rng.choice(ORIGINS)[i],
        notes=rng.choice(NOTES)[i],
        method=method[i],
        grind=method[2],
        product=rng.choice(PRODUCTS)[i],
        mention=rng.choice(MENTIONS),
    )
    if "@" not in body and rng.random() < 0.3:
        body += f" cc {rng.choice(MENTIONS)}"
    has_link = False
    if link_wanted and platform in ("facebook", "x", "linkedin"):
        page = CAMPAIGN_LANDING.get(campaign, "/" + rng.choice(SHOP_PAGES))
        utm = f"utm_source={SOCIAL_SOURCE[platform]}&utm_medium=social"
        if campaign:
            utm += f"&utm_campaign={campaign.lower().replace(' ', '_')}"
        body += f" https://example.com{page}?{utm}"
        has_link = True
    elif platform in ("instagram", "tiktok") and topic != "crisis" and rng.random() < 0.4:
        body += " Link en la bio 👆" if lang == "es" else " Link in bio 👆"
    elif platform == "youtube" and rng.random() < 0.5:
        body += " Enlace en la descripción." if lang == "es" else " Link in the description."
    tags = ["#CaféAurora", *rng.sample(HASHTAGS[lang], rng.randint(1, 3))]
    if topic in TOPIC_HASHTAGS:
        tags.append(TOPIC_HASHTAGS[topic][lang])
    if platform == "x":
        tags = tags[:2]  # X posts stay short
    # Many real posts put the hashtags on their own paragraph, which puts newlines in the CSV.
    separator = "\n\n" if rng.random() < 0.35 else " "
    return body + separator + " ".join(tags), has_link


def schedule_posts(rng: random.Random, platform: str) -> dict[date, list[datetime]]:
    """Publishing times: 3-5 posts a week on preferred weekdays and hours (fewer in August)."""
    profile = PROFILES[platform]
    day_weights = [w * w for w in WEEKDAY[platform]]
    schedule: dict[date, list[datetime]] = defaultdict(list)
    monday = START - timedelta(days=START.weekday())
    while monday <= END:
        n = min(5, max(3, profile.weekly_posts + rng.choice((-1, 0, 0, 1))))
        if HOLIDAY[0] - timedelta(days=7) <= monday <= HOLIDAY[1]:
            n -= 1  # the team is on holiday too
        free = list(range(7))
        for _ in range(n):
            wd = rng.choices(free, weights=[day_weights[i] for i in free])[0]
            free.remove(wd)
            d = monday + timedelta(days=wd)
            if START <= d <= END:
                hour = rng.choice(profile.post_hours)
                schedule[d].append(datetime.combine(d, time(hour, rng.randrange(0, 60, 5))))
        monday += timedelta(days=7)
    for times in schedule.values():
        times.sort()
    return schedule


def post_campaign(rng: random.Random, platform: str, d: date) -> tuple[str, bool]:
    """Campaign tag and paid flag of a post (Meta posts in a campaign are sometimes boosted)."""
    campaign = active_campaign(d)
    if campaign is None:
        return "", False
    meta = platform in ("facebook", "instagram")
    share = {NAVIDAD: 0.6 if meta else 0.3, PRIMAVERA: 0.8 if meta else 0.5, OTONO: 0.5}[campaign]
    if campaign == OTONO and not meta:
        share = 0.0
    if rng.random() >= share:
        return "", False
    return campaign, meta and rng.random() < 0.35


@dataclass
class SocialData:
    """Everything the social simulation produces for the other datasets."""

    posts: list[Row] = field(default_factory=list)
    account: list[Row] = field(default_factory=list)
    followers: dict[tuple[str, date], int] = field(default_factory=dict)
    # website clicks by (day, platform, campaign or "(not set)"): they become sessions
    clicks: dict[tuple[date, str, str], int] = field(default_factory=lambda: defaultdict(int))


def make_post(rng: random.Random, platform: str, when: datetime, seq: int, followers: int) -> Row:
    """One post with metrics driven by followers, format, season, campaign and the July problem."""
    profile = PROFILES[platform]
    d = when.date()
    wave = complaint_wave(d)
    post_type = pick(rng, profile.post_types)
    campaign, is_paid = post_campaign(rng, platform, d)
    topic = post_topic(rng, d, campaign)
    link_wanted = post_type == "link" or (post_type != "text" and rng.random() < 0.15)
    text, has_link = post_text(rng, platform, topic, campaign, link_wanted)

    type_boost = {"reel": 1.8, "short": 1.0, "video": 1.2, "carousel": 1.3, "text": 0.7}
    impressions = round(
        followers
        * profile.reach_rate
        * type_boost.get(post_type, 1.0)
        * season(d)
        * weekday(platform, d)
        * (3.2 if is_paid else 1.0)
        * (1.2 if campaign == PRIMAVERA else 1.0)
        * noise(rng, profile.virality)
    )
    reach = round(impressions * rng.uniform(0.72, 0.92))
    # Paid reach engages less; giveaway and crisis posts engage more.
    engage = profile.like_rate * noise(rng, 0.35) * (0.6 if is_paid else 1.0)
    engage *= 1.3 if topic in ("primavera", "crisis") else 1.0
    likes = binomial(rng, reach, engage)
    normal_comments = binomial(rng, likes, rng.uniform(0.02, 0.07))
    normal_negative = binomial(rng, normal_comments, 0.04)
    # The July shipping problem brings complaint comments, most of all under apology posts.
    complaints = poisson(rng, wave * profile.complaints * (1.8 if topic == "crisis" else 1.0))
    comments = normal_comments + complaints
    comments_negative = normal_negative + complaints
    comments_positive = binomial(rng, normal_comments - normal_negative, 0.55 - 0.2 * wave)
    shares = binomial(rng, likes, rng.uniform(0.04, 0.14))
    saves = binomial(rng, likes, profile.save_rate)
    click_rate = 0.02 if has_link else 0.004
    clicks = binomial(rng, reach, click_rate * noise(rng, 0.3))
    if post_type in VIDEO_TYPES:
        view_rate = rng.uniform(0.75, 0.95) if post_type == "short" else rng.uniform(0.35, 0.6)
        video_views = round(impressions * view_rate)
    else:
        video_views = None  # only video formats report views
    profile_visits = binomial(rng, reach, rng.uniform(0.004, 0.01))
    follows = binomial(rng, profile_visits, rng.uniform(0.1, 0.2))
    negative_feedback = poisson(rng, impressions * 0.0004 * (1 + 6 * wave))
    has_image = post_type in ("photo", "carousel") or (post_type == "link" and rng.random() < 0.8)
    post_id = f"P-{profile.code}-{seq:04d}"
    return {
        "published_at": when,
        "platform": platform,
        "post_id": post_id,
        "post_type": post_type,
        "text": text,
        "url": f"https://example.com/{platform}/cafeaurora/{profile.url_path}/{post_id.lower()}",
        "campaign": campaign,
        "is_paid": is_paid,
        "impressions": impressions,
        "reach": reach,
        "likes": likes,
        "comments": comments,
        "comments_positive": comments_positive,
        "comments_negative": comments_negative,
        "shares": shares,
        "saves": saves,
        "clicks": clicks,
        "video_views": video_views,
        "profile_visits": profile_visits,
        "follows": follows,
        "negative_feedback": negative_feedback,
        "has_image": has_image,
        "has_link": has_link,
        # Posts get a second pair of eyes, less so in the rush of the July problem.
        "reviewed": rng.random() < 0.8 - 0.25 * wave,
    }


def simulate_social(rng: random.Random, ads: list[AdRow]) -> SocialData:
    """Simulate each account day by day: posts, follower flow and daily account metrics."""
    out = SocialData()
    ad_followers: dict[tuple[str, date], int] = defaultdict(int)
    for ad in ads:
        if ad.row["new_followers"]:
            ad_followers[(ad.row["platform"], ad.row["date"])] += ad.row["new_followers"]
    for platform in PLATFORMS:
        profile = PROFILES[platform]
        schedule = schedule_posts(rng, platform)
        followers = profile.start_followers
        seq = 0
        for d in DAYS:
            wave = complaint_wave(d)
            demand = season(d) * weekday(platform, d)
            progress = (d - START).days / len(DAYS)
            posts = []
            for when in schedule.get(d, []):
                seq += 1
                posts.append(make_post(rng, platform, when, seq, followers))
            out.posts.extend(posts)
            for post in posts:
                if post["has_link"]:
                    link_clicks = round(post["clicks"] * 0.7)
                    out.clicks[(d, platform, post["campaign"] or "(not set)")] += link_clicks
            bio = poisson(rng, profile.bio_clicks * demand * (followers / profile.start_followers))
            out.clicks[(d, platform, "(not set)")] += bio
            organic = profile.organic_new * (1 + (profile.growth - 1) * progress) * demand
            new = poisson(rng, organic) + sum(p["follows"] for p in posts)
            new += ad_followers[(platform, d)]
            # Disappointed customers unfollow during the July problem.
            lost = poisson(rng, followers * profile.churn * (1 + 2.5 * wave))
            followers += new - lost
            out.followers[(platform, d)] = followers
            background = followers * profile.background * demand * noise(rng, 0.2)
            impressions = round(background) + sum(p["impressions"] for p in posts)
            profile_visits = poisson(rng, followers * 0.002 * demand) + sum(
                p["profile_visits"] for p in posts
            )
            out.account.append(
                {
                    "date": d,
                    "platform": platform,
                    "followers": followers,
                    "new_followers": new,
                    "lost_followers": lost,
                    "impressions": impressions,
                    "reach": round(impressions * rng.uniform(0.55, 0.7)),
                    "profile_visits": profile_visits,
                    "page_views": round(profile_visits * rng.uniform(1.2, 1.6)),
                    "private_messages": poisson(
                        rng, profile.messages * demand * (1 + 3 * wave) * _campaign_buzz(d)
                    ),
                    "brand_mentions": poisson(
                        rng, profile.mentions * demand * (1 + 2 * wave) * _campaign_buzz(d)
                    ),
                    "tagged": poisson(rng, profile.tagged * demand),
                    "website_clicks": sum(v for _, v in _day_clicks(out.clicks, d, platform)),
                }
            )
    out.posts.sort(key=lambda p: (p["published_at"], PLATFORMS.index(p["platform"])))
    out.account.sort(key=lambda r: (r["date"], PLATFORMS.index(r["platform"])))
    return out


def _campaign_buzz(d: date) -> float:
    """Extra conversation during campaigns (giveaways, discount codes)."""
    return {None: 1.0, NAVIDAD: 1.3, PRIMAVERA: 1.5, OTONO: 1.2}[active_campaign(d)]


def _day_clicks(
    clicks: dict[tuple[date, str, str], int], d: date, platform: str
) -> Iterable[tuple[tuple[date, str, str], int]]:
    """Website clicks of one platform on one day, whatever their campaign."""
    for campaign in ("(not set)", NAVIDAD, PRIMAVERA, OTONO):
        key = (d, platform, campaign)
        if key in clicks:
            yield key, clicks[key]


# --------------------------------------------------------------------------------------------
# Audience snapshots
# --------------------------------------------------------------------------------------------

AGES = ("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
AGE_WEIGHTS = {
    "facebook": (0, 0.06, 0.22, 0.27, 0.22, 0.15, 0.08),
    "instagram": (0, 0.2, 0.38, 0.24, 0.11, 0.05, 0.02),
    "x": (0, 0.14, 0.34, 0.27, 0.15, 0.07, 0.03),
    "linkedin": (0, 0.08, 0.42, 0.3, 0.14, 0.05, 0.01),
    "tiktok": (0.06, 0.4, 0.32, 0.14, 0.06, 0.02, 0),
    "youtube": (0.02, 0.22, 0.33, 0.23, 0.12, 0.06, 0.02),
}
GENDER_WEIGHTS = {
    "facebook": (0.52, 0.45, 0.03),
    "instagram": (0.56, 0.41, 0.03),
    "x": (0.38, 0.58, 0.04),
    "linkedin": (0.44, 0.54, 0.02),
    "tiktok": (0.58, 0.38, 0.04),
    "youtube": (0.35, 0.62, 0.03),
}
COUNTRIES = (
    ("Spain", 0.68), ("Mexico", 0.04), ("Portugal", 0.04), ("France", 0.04), ("Germany", 0.04),
    ("United Kingdom", 0.04), ("United States", 0.03), ("Italy", 0.03), ("Netherlands", 0.02),
    ("Other", 0.04),
)  # fmt: skip
CITIES = (
    ("Madrid", 0.24), ("Barcelona", 0.12), ("Valencia", 0.05), ("Sevilla", 0.04),
    ("Bilbao", 0.03), ("Málaga", 0.03), ("Zaragoza", 0.02), ("Lisboa", 0.02), ("Paris", 0.02),
    ("London", 0.02), ("Berlin", 0.02), ("Ciudad de México", 0.02), ("Other", 0.37),
)  # fmt: skip
LANGUAGES = (
    ("es", 0.74), ("en", 0.14), ("ca", 0.04), ("pt", 0.03), ("fr", 0.02), ("de", 0.02),
    ("other", 0.01),
)  # fmt: skip
# Hour-of-day activity of followers: morning coffee, lunch and the evening scroll.
HOUR_CURVE = (
    0.15, 0.08, 0.05, 0.03, 0.03, 0.06, 0.2, 0.6, 1.0, 0.9, 0.8, 0.8, 0.9, 1.0, 0.8, 0.6,
    0.6, 0.7, 0.9, 1.1, 1.3, 1.4, 1.1, 0.5,
)  # fmt: skip
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def generate_audience(rng: random.Random, followers: dict[tuple[str, date], int]) -> list[Row]:
    """Follower breakdowns per platform at two snapshots; every dimension sums to followers."""
    rows: list[Row] = []
    for snapshot in (date(2026, 4, 30), date(2026, 10, 31)):
        late = snapshot.month == 10
        for platform in PLATFORMS:
            total = followers[(platform, snapshot)]

            parts: list[tuple[str, Sequence[str], Sequence[int]]] = []

            # age_gender first; age and gender are its margins, so the three always agree.
            ages = [a for a, w in zip(AGES, AGE_WEIGHTS[platform], strict=True) if w > 0]
            joint_keys, joint_weights = [], []
            for age, aw in zip(AGES, AGE_WEIGHTS[platform], strict=True):
                if aw == 0:
                    continue
                for gender, gw in zip("FMU", GENDER_WEIGHTS[platform], strict=True):
                    joint_keys.append((gender, age))
                    joint_weights.append(aw * gw * noise(rng, 0.15))
            joint = allocate(total, joint_weights)
            by_age: dict[str, int] = defaultdict(int)
            by_gender: dict[str, int] = defaultdict(int)
            for (gender, age), count in zip(joint_keys, joint, strict=True):
                by_age[age] += count
                by_gender[gender] += count
            parts.append(("age", ages, [by_age[a] for a in ages]))
            parts.append(("gender", list("FMU"), [by_gender[g] for g in "FMU"]))
            parts.append(("age_gender", [f"{g}.{a}" for g, a in joint_keys], joint))

            # The spring EN ad set and shipping abroad slowly internationalise the audience.
            abroad = 1.25 if late and platform in ("facebook", "instagram") else 1.0
            for dimension, table in (("country", COUNTRIES), ("city", CITIES)):
                weights = [
                    w * noise(rng, 0.2) * (1.0 if name in ("Spain", "Madrid") else abroad)
                    for name, w in table
                ]
                parts.append((dimension, [n for n, _ in table], allocate(total, weights)))
            english = 1.6 if platform in ("linkedin", "youtube") else 1.0
            weights = [w * noise(rng, 0.15) * (english if n == "en" else 1.0) for n, w in LANGUAGES]
            parts.append(("language", [n for n, _ in LANGUAGES], allocate(total, weights)))
            slots, weights = [], []
            for wd, name in enumerate(WEEKDAY_NAMES):
                for hour, hw in enumerate(HOUR_CURVE):
                    slots.append(f"{name} {hour:02d}")
                    # LinkedIn followers are office people: mornings count more.
                    office = 1.6 if platform == "linkedin" and 8 <= hour <= 10 else 1.0
                    weights.append(WEEKDAY[platform][wd] * hw * office * noise(rng, 0.1))
            parts.append(("weekday_hour", slots, allocate(total, weights)))
            for dimension, segments, counts in parts:
                for segment, count in zip(segments, counts, strict=True):
                    rows.append(
                        {
                            "platform": platform,
                            "dimension": dimension,
                            "segment": segment,
                            "followers": count,
                            "snapshot_date": snapshot,
                        }
                    )
    return rows


# --------------------------------------------------------------------------------------------
# Search Console queries
# --------------------------------------------------------------------------------------------

# query, branded, daily impressions, starting position, seasonal pattern
QUERIES = (
    ("cafe aurora", True, 55, 1.1, ""),
    ("café aurora", True, 35, 1.1, ""),
    ("café aurora opiniones", True, 12, 1.4, "reviews"),
    ("cafe aurora tienda online", True, 8, 1.2, ""),
    ("cafe aurora suscripcion", True, 5, 1.3, ""),
    ("aurora coffee roasters spain", True, 4, 1.8, ""),
    ("cafe aurora retraso envio", True, 0, 1.6, "delay"),
    ("café de especialidad", False, 900, 14.0, ""),
    ("comprar café de especialidad online", False, 320, 8.5, ""),
    ("café en grano", False, 1400, 22.0, ""),
    ("café etiopía yirgacheffe", False, 110, 6.0, ""),
    ("mejor café para espresso", False, 260, 11.0, ""),
    ("specialty coffee spain", False, 90, 7.5, ""),
    ("buy coffee beans online spain", False, 70, 9.0, ""),
    ("cafetera v60 como usar", False, 380, 5.5, ""),
    ("molinillo de café manual", False, 300, 18.0, ""),
    ("regalo para amantes del café", False, 120, 9.5, "gift"),
    ("cold brew receta", False, 200, 7.0, "summer"),
    ("suscripción café en grano", False, 140, 6.5, ""),
)


def awareness(followers: dict[tuple[str, date], int], d: date) -> float:
    """Brand awareness: total followers relative to the start (drives branded search)."""
    start = sum(PROFILES[p].start_followers for p in PLATFORMS)
    return sum(followers[(p, d)] for p in PLATFORMS) / start


def generate_search(rng: random.Random, followers: dict[tuple[str, date], int]) -> list[Row]:
    """Daily Search Console rows; branded demand follows the social audience and campaigns."""
    rows: list[Row] = []
    for d in DAYS:
        progress = (d - START).days / len(DAYS)
        wave = complaint_wave(d)
        for query, branded, base, position, pattern in QUERIES:
            demand = season(d) * weekday("search", d)
            if branded:
                demand *= awareness(followers, d) * (1.25 if active_campaign(d) else 1.0)
            if pattern == "gift":
                demand *= {11: 2.5, 12: 6.0}.get(d.month, 0.5)
            elif pattern == "summer":
                demand *= 2.5 if d.month in (6, 7, 8) else 0.4 if d.month in (12, 1, 2) else 1.0
            elif pattern == "reviews":
                demand *= 1 + 4 * wave  # people check reviews when their order is late
            elif pattern == "delay":
                demand = 40 * wave * weekday("search", d)
            impressions = poisson(rng, base * demand if pattern != "delay" else demand)
            if impressions == 0:
                continue
            if branded:
                pos = 1 + abs(rng.gauss(position - 1, 0.15))
                ctr = rng.uniform(0.4, 0.6)
            else:
                # Blog content slowly lifts non-branded rankings over the year.
                pos = max(1.0, position * (1 - 0.25 * progress) * noise(rng, 0.08))
                ctr = min(0.35, 0.28 / pos**1.1)
            rows.append(
                {
                    "date": d,
                    "query": query,
                    "clicks": binomial(rng, impressions, ctr),
                    "impressions": impressions,
                    "position": round(pos, 2),
                }
            )
    return rows


# --------------------------------------------------------------------------------------------
# Web traffic (GA4-like)
# --------------------------------------------------------------------------------------------

Pages = Sequence[tuple[str, float]]  # landing pages with weights
LANDING: dict[str, Pages] = {
    "social": (
        ("/", 0.25),
        ("/tienda/cafe-en-grano", 0.35),
        ("/blog/guia-v60", 0.2),
        ("/en/shop", 0.2),
    ),
    "organic": (
        ("/", 0.3),
        ("/blog/guia-v60", 0.25),
        ("/tienda/cafe-en-grano", 0.25),
        ("/suscripcion", 0.1),
        ("/en/shop", 0.1),
    ),
    "direct": (("/", 0.6), ("/tienda/cafe-en-grano", 0.25), ("/mi-cuenta/pedidos", 0.15)),
    "email": (("/tienda/novedades", 0.6), ("/suscripcion", 0.25), ("/", 0.15)),
}
# Leads per session by landing page: sign-up forms, discount codes, the brewing-guide PDF.
LEAD_RATE = {
    "/promo/primavera": 0.05,
    "/en/promo/spring": 0.03,
    "/navidad/cajas-regalo": 0.022,
    "/otono/nuevos-tuestes": 0.022,
    "/blog/guia-v60": 0.02,
    "/": 0.009,
    "/tienda/cafe-en-grano": 0.012,
    "/suscripcion": 0.025,
    "/en/shop": 0.01,
    "/mi-cuenta/pedidos": 0.0,
    "/tienda/novedades": 0.006,
}
GROUP_LEAD_FACTOR = {
    "Organic Social": 1.0,
    "Paid Social": 1.0,
    "Organic Search": 1.0,
    "Paid Search": 1.3,
    "Direct": 0.7,
    "Email": 0.5,  # email visitors are mostly subscribers already
}
BOUNCE_RATE = {
    "Organic Social": 0.55,
    "Paid Social": 0.62,
    "Organic Search": 0.42,
    "Paid Search": 0.45,
    "Direct": 0.38,
    "Email": 0.3,
}
NEW_USER_RATE = {
    "Organic Social": 0.7,
    "Paid Social": 0.85,
    "Organic Search": 0.65,
    "Paid Search": 0.7,
    "Direct": 0.35,
    "Email": 0.1,
}
NOT_A_CAMPAIGN = {"(not set)", "(organic)", "(direct)"}

Src = tuple[str, str, str]  # source, medium, campaign


@dataclass
class WebRow:
    """One GA4 row (day × source / medium × campaign × landing page) while it is being built."""

    date: date
    source: str
    medium: str
    channel_group: str
    campaign: str
    landing_page: str
    sessions: int
    conversions: int = 0
    order_values: list[float] = field(default_factory=list)
    metrics: Row = field(default_factory=dict)


def newsletter_sends() -> list[tuple[date, str]]:
    """Newsletter send days: Tuesdays, extra Thursdays before Christmas, one apology email."""
    sends = []
    for d in DAYS:
        if HOLIDAY[0] <= d <= HOLIDAY[1]:
            continue
        if d.weekday() == 1 or (d.weekday() == 3 and date(2025, 11, 27) <= d <= date(2025, 12, 18)):
            sends.append((d, f"newsletter_{d:%Y_%m_%d}"))
    sends.append((date(2026, 7, 9), "aviso_retrasos_envio"))
    sends.sort()
    return sends


def generate_web(
    rng: random.Random,
    social: SocialData,
    ads: list[AdRow],
    search: list[Row],
) -> list[WebRow]:
    """Sessions by day and source: social clicks, ad landing-page views, search clicks, …"""
    totals: dict[tuple[date, str, str, str, str, str], int] = defaultdict(int)

    def add(d: date, src: str, med: str, group: str, camp: str, pages: Pages, n: int) -> None:
        """Spread n sessions of one source / medium / campaign over its landing pages."""
        for (page, _), k in zip(pages, multinomial(rng, n, [w for _, w in pages]), strict=True):
            if k:
                totals[(d, src, med, group, camp, page)] += k

    for (d, platform, campaign), clicks in sorted(social.clicks.items()):
        n = binomial(rng, clicks, rng.uniform(0.8, 0.95))  # not every click becomes a session
        landing = CAMPAIGN_LANDING.get(campaign)
        pages = ((landing, 1.0),) if landing else LANDING["social"]
        add(d, SOCIAL_SOURCE[platform], "social", "Organic Social", campaign, pages, n)

    lpv: dict[tuple[date, str, str, str], int] = defaultdict(int)
    for ad in ads:
        r = ad.row
        lpv[(r["date"], r["platform"], r["campaign"], ad.landing_page)] += r["landing_page_views"]
    for (d, platform, campaign, page), views in lpv.items():
        # GA4 and the ad platforms never agree exactly; a few percent apart is normal.
        n = round(views * rng.uniform(0.93, 1.04))
        if platform == "google":
            add(d, "google", "cpc", "Paid Search", campaign, ((page, 1.0),), n)
        else:
            add(d, SOCIAL_SOURCE[platform], "paid", "Paid Social", campaign, ((page, 1.0),), n)

    search_clicks: dict[date, int] = defaultdict(int)
    for row in search:
        search_clicks[row["date"]] += row["clicks"]
    sends = newsletter_sends()
    for d in DAYS:
        # Search Console lists only some queries, so organic sessions exceed their clicks.
        n = round(search_clicks[d] * rng.uniform(1.12, 1.25))
        add(d, "google", "organic", "Organic Search", "(organic)", LANDING["organic"], n)
        wave = complaint_wave(d)
        base = 70 * season(d) * weekday("web", d) * math.sqrt(awareness(social.followers, d))
        add(d, "(direct)", "(none)", "Direct", "(direct)", LANDING["direct"], poisson(rng, base))
        # Customers with late orders keep checking their order page.
        checks = poisson(rng, 90 * wave)
        add(d, "(direct)", "(none)", "Direct", "(direct)", (("/mi-cuenta/pedidos", 1.0),), checks)
        for send, campaign in sends:
            age = (d - send).days
            if 0 <= age < 5:
                mean = 60 * season(send) * (0.55, 0.25, 0.1, 0.05, 0.05)[age]
                pages = (("/mi-cuenta/pedidos", 1.0),) if "aviso" in campaign else LANDING["email"]
                add(d, "newsletter", "email", "Email", campaign, pages, poisson(rng, mean))

    rows = []
    for (d, src, med, group, camp, page), sessions in sorted(totals.items()):
        rate = LEAD_RATE[page] * GROUP_LEAD_FACTOR[group]
        row = WebRow(d, src, med, group, camp, page, sessions)
        row.conversions = binomial(rng, sessions, rate)
        rows.append(row)
    return rows


def finish_web(rng: random.Random, rows: list[WebRow]) -> list[Row]:
    """Derive users, bounces, engagement and carts once conversions and orders are known."""
    out = []
    for r in rows:
        transactions = len(r.order_values)
        must_engage = max(r.conversions, transactions)  # converting sessions are engaged
        sessions = max(r.sessions, must_engage)
        bounce = BOUNCE_RATE[r.channel_group] + (0.1 if r.landing_page.startswith("/blog") else 0)
        bounce -= 0.15 if r.landing_page == "/mi-cuenta/pedidos" else 0
        bounces = binomial(rng, sessions - must_engage, bounce)
        engaged = sessions - bounces
        users = max(1, sessions - binomial(rng, sessions, 0.12))  # some people come back
        out.append(
            {
                "date": r.date,
                "source": r.source,
                "medium": r.medium,
                "channel_group": r.channel_group,
                "campaign": r.campaign,
                "landing_page": r.landing_page,
                "sessions": sessions,
                "users": users,
                "new_users": binomial(rng, users, NEW_USER_RATE[r.channel_group]),
                "engaged_sessions": engaged,
                "bounces": bounces,
                "engagement_seconds": round(engaged * 95 * noise(rng, 0.25)),
                "pageviews": sessions + round(engaged * rng.uniform(1.5, 3.0)),
                "add_to_carts": transactions + binomial(rng, engaged - transactions, 0.05),
                "conversions": r.conversions,
                "transactions": transactions,
                "revenue": round(sum(r.order_values), 2),
            }
        )
    return out


# --------------------------------------------------------------------------------------------
# CRM: leads, customers, orders, touchpoints
# --------------------------------------------------------------------------------------------

CHANNEL_OF_GROUP = {
    "Organic Social": "social",
    "Paid Social": "social",
    "Organic Search": "organic_search",
    "Paid Search": "paid_search",
    "Direct": "direct",
    "Email": "email",
}
# Share of fast / medium / slow leads by where they came from.
BUCKET_MIX = {
    "Organic Social": (0.2, 0.4, 0.4),
    "Paid Social": (0.15, 0.35, 0.5),  # discount hunters
    "Organic Search": (0.3, 0.4, 0.3),
    "Paid Search": (0.4, 0.35, 0.25),
    "Direct": (0.35, 0.4, 0.25),
    "Email": (0.4, 0.4, 0.2),
}
BUCKETS = ("fast", "medium", "slow")
SCORE_RANGE = {"fast": (70, 100), "medium": (40, 69), "slow": (0, 39)}
CONVERT_P = {"fast": 0.62, "medium": 0.33, "slow": 0.1}


@dataclass
class Lead:
    """A lead as it is generated (ids are given after sorting by creation time)."""

    created_at: datetime
    web: WebRow
    score: int
    bucket: str
    converted_at: datetime | None = None
    lead_id: str = ""
    customer: Customer | None = None

    @property
    def channel(self) -> str:
        """CRM channel of the lead."""
        return CHANNEL_OF_GROUP[self.web.channel_group]

    @property
    def platform(self) -> str:
        """Platform the lead came from ('' for direct and email)."""
        return _platform_of(self.web.source)

    @property
    def campaign(self) -> str:
        """Campaign of the lead ('' when GA4 had none)."""
        return "" if self.web.campaign in NOT_A_CAMPAIGN else self.web.campaign


@dataclass
class Order:
    """An order and the web row (session) it was placed in, if any."""

    customer: Customer
    ordered_at: datetime
    revenue: float
    category: str
    src: Src | None  # None: an automatic subscription renewal, not a website session
    order_id: str = ""
    web: WebRow | None = None


@dataclass
class Customer:
    """A customer: a converted lead, a guest checkout, or a customer from before the export."""

    lead: Lead | None
    channel: str
    platform: str
    abroad: bool
    acquired_at: datetime
    churned_at: date | None
    saved_count: int
    control_group: bool
    first_web: WebRow | None = None  # the session of a guest checkout (no lead)
    orders: list[Order] = field(default_factory=list)
    customer_id: str = ""

    @property
    def is_social(self) -> bool:
        """True when the customer came from social media."""
        return self.channel == "social"


def _platform_of(source: str) -> str:
    """Platform name of a GA4 source ('' for direct and email)."""
    if source in PLATFORM_OF_SOURCE:
        return PLATFORM_OF_SOURCE[source]
    return "google" if source == "google" else ""


def generate_leads(rng: random.Random, web: list[WebRow]) -> list[Lead]:
    """One lead per GA4 conversion, scored by channel, converted after a bucket-typical delay."""
    leads = []
    for row in web:
        for _ in range(row.conversions):
            created = at_random_time(rng, row.date, ACTIVE_HOURS)
            bucket = rng.choices(BUCKETS, weights=BUCKET_MIX[row.channel_group])[0]
            lo, hi = SCORE_RANGE[bucket]
            lead = Lead(created, row, round(rng.triangular(lo, hi)), bucket)
            if rng.random() < CONVERT_P[bucket]:
                days = {
                    "fast": rng.expovariate(1 / 1.5),
                    "medium": rng.uniform(7, 40),
                    "slow": rng.uniform(30, 140),
                }[bucket]
                converted = created + timedelta(days=days)
                if days >= 1:
                    # Later purchases happen in waking hours, not at the lead's clock time.
                    converted = at_random_time(rng, converted.date(), ACTIVE_HOURS)
                    converted = max(converted, created + timedelta(hours=2))
                if converted <= END_DT:
                    lead.converted_at = converted.replace(microsecond=0)
            leads.append(lead)
    leads.sort(key=lambda x: x.created_at)
    for i, lead in enumerate(leads, 1):
        lead.lead_id = f"L{i:05d}"
    return leads


COFFEE_PRICES = (11.9, 12.5, 13.9, 14.5, 16.9)
EQUIPMENT_PRICES = (29.9, 89.0, 39.9, 54.9, 119.0, 44.9)
MERCH_PRICES = (14.9, 12.9, 24.9, 9.9)
SUBSCRIPTION_PRICES = (19.9, 29.9, 44.9)


def order_revenue(
    rng: random.Random, category: str, when: date, abroad: bool, discount: bool, plan: float
) -> float:
    """Basket value with shipping; December baskets are bigger (gifts), spring has a code."""
    if category == "subscription":
        return plan
    if category == "coffee_beans":
        bags = pick(rng, ((1, 0.35), (2, 0.35), (3, 0.15), (4, 0.1), (6, 0.05)))
        if when.month == 12:
            bags += rng.choice((0, 1, 2))
        value = bags * rng.choice(COFFEE_PRICES)
    elif category == "equipment":
        value = rng.choice(EQUIPMENT_PRICES) + (
            rng.choice(COFFEE_PRICES) if rng.random() < 0.4 else 0
        )
    else:
        value = rng.choice(MERCH_PRICES) * rng.choice((1, 1, 2))
    if discount:
        value *= 0.85  # PRIMAVERA15
    if value < (60 if abroad else 35):
        value += 9.9 if abroad else 4.9
    return round(value, 2)


def _churn(rng: random.Random, acquired: date, social: bool) -> tuple[date | None, int]:
    """Walk month by month from acquisition: churn date (or None) and how often it was saved."""
    saved = 0
    check = acquired + timedelta(days=30)
    while check <= END:
        # Monthly churn risk; the July problem pushes it up for everyone.
        hazard = (0.045 if social else 0.09) * (1 + 2 * complaint_wave(check))
        if rng.random() < hazard:
            # The community team reaches social customers far more easily to save them.
            if rng.random() < (0.35 if social else 0.08):
                saved += 1
            else:
                return check, saved
        check += timedelta(days=30)
    return None, saved


# Channels of the customers acquired before the export window (no lead in this export).
EXISTING_CHANNELS = (
    (("social", "instagram"), 0.18),
    (("social", "facebook"), 0.1),
    (("organic_search", "google"), 0.32),
    (("direct", ""), 0.2),
    (("email", ""), 0.08),
    (("paid_search", "google"), 0.12),
)


# New customers per session who buy as guests, without signing up first (by landing page).
GUEST_BUY_RATE = {
    "/navidad/cajas-regalo": 0.025,
    "/otono/nuevos-tuestes": 0.015,
    "/promo/primavera": 0.012,
    "/en/promo/spring": 0.006,
    "/tienda/cafe-en-grano": 0.008,
    "/suscripcion": 0.006,
    "/en/shop": 0.006,
    "/": 0.003,
    "/blog/guia-v60": 0.001,
    "/tienda/novedades": 0.001,
    "/mi-cuenta/pedidos": 0.0,
}


def generate_customers(rng: random.Random, leads: list[Lead], web: list[WebRow]) -> list[Customer]:
    """Customers: last year's base, converted leads and guest buyers; social churns less."""
    customers = []

    def add(
        lead: Lead | None,
        channel: str,
        platform: str,
        abroad: bool,
        acquired: datetime,
        first_web: WebRow | None = None,
    ) -> Customer | None:
        """Create a customer unless they churned before the export window."""
        churned_at, saved = _churn(rng, acquired.date(), channel == "social")
        if churned_at is not None and churned_at < START:
            return None  # churned before the export window: not in this export
        control = channel != "social" and rng.random() < 0.5
        customer = Customer(
            lead, channel, platform, abroad, acquired, churned_at, saved, control, first_web
        )
        customers.append(customer)
        return customer

    # A shop does not start from zero: customers from the previous year are still buying.
    first_day = START - timedelta(days=365)
    for _ in range(800):
        acquired = at_random_time(rng, first_day + timedelta(days=rng.randrange(365)), ACTIVE_HOURS)
        channel, platform = pick(rng, EXISTING_CHANNELS)
        add(None, channel, platform, rng.random() < 0.08, acquired)
    for lead in leads:
        if lead.converted_at is not None:
            abroad = lead.web.landing_page.startswith("/en/")
            lead.customer = add(lead, lead.channel, lead.platform, abroad, lead.converted_at)
    for row in web:
        rate = GUEST_BUY_RATE[row.landing_page] * (0.3 if row.medium == "email" else 1.0)
        for _ in range(binomial(rng, row.sessions, rate)):
            add(
                None,
                CHANNEL_OF_GROUP[row.channel_group],
                _platform_of(row.source),
                row.landing_page.startswith("/en/"),
                at_random_time(rng, row.date, ACTIVE_HOURS),
                row,
            )
    customers.sort(key=lambda c: c.acquired_at)
    for i, customer in enumerate(customers, 1):
        customer.customer_id = f"C{i:05d}"
    return customers


def _repeat_source(rng: random.Random, customer: Customer) -> Src:
    """Where a returning customer comes from (campaign left open with '*')."""
    social_platform = customer.platform if customer.is_social else "instagram"
    social_share = 0.2 if customer.is_social else 0.05
    return pick(
        rng,
        (
            (("newsletter", "email", "*"), 0.35),
            (("(direct)", "(none)", "(direct)"), 0.33),
            (("google", "organic", "(organic)"), 0.12),
            (("google", "cpc", "Búsqueda Marca"), 0.06),
            ((SOCIAL_SOURCE[social_platform], "social", "*"), social_share),
        ),
    )


def _first_source(rng: random.Random, lead: Lead, converted: datetime) -> Src:
    """Where the first purchase happens: the lead's own session, or a later return visit."""
    web = lead.web
    if converted.date() == lead.created_at.date():
        return (web.source, web.medium, web.campaign)
    own: Src = (web.source, web.medium, "*")
    if web.medium == "paid" and active_campaign(converted.date()) != web.campaign:
        own = (web.source, "social", "*")  # the ad stopped; they come back organically
    return pick(
        rng,
        (
            (own, 0.35),
            (("newsletter", "email", "*"), 0.3),
            (("(direct)", "(none)", "(direct)"), 0.22),
            (("google", "organic", "(organic)"), 0.13),
        ),
    )


SEASON_MAX = 1.7  # above the highest value of season(), for thinning


def next_purchase(rng: random.Random, after: datetime, mean_gap: float) -> datetime:
    """Next repeat purchase: a seasonal Poisson process (by thinning), 6+ days after the last."""
    t = after + timedelta(days=6)
    while True:
        t += timedelta(days=rng.expovariate(SEASON_MAX / mean_gap))
        if rng.random() < season(t.date()) / SEASON_MAX:
            return t


def _first_order(rng: random.Random, customer: Customer, plan: float, subscriber: bool) -> Order:
    """The purchase that made the customer: bigger gift baskets in Christmas season."""
    lead, row = customer.lead, customer.first_web
    t = customer.acquired_at
    gifts = t.month in (11, 12)
    category = (
        "subscription"
        if subscriber
        else pick(
            rng,
            (
                ("coffee_beans", 0.62 if not gifts else 0.5),
                ("equipment", 0.22 if not gifts else 0.35),
                ("merch", 0.16 if customer.is_social else 0.08),
            ),
        )
    )
    campaign = lead.campaign if lead else row.campaign if row else ""
    discount = campaign == PRIMAVERA and active_campaign(t.date()) == PRIMAVERA
    revenue = order_revenue(rng, category, t.date(), customer.abroad, discount, plan)
    if lead is not None:
        return Order(customer, t, revenue, category, _first_source(rng, lead, t))
    assert row is not None
    return Order(customer, t, revenue, category, (row.source, row.medium, row.campaign), web=row)


def generate_orders(rng: random.Random, customers: list[Customer]) -> list[Order]:
    """Orders per customer: first purchase, repeats, subscriptions and cross-category buys."""
    orders: list[Order] = []
    for customer in customers:
        social = customer.is_social
        stop = END_DT
        if customer.churned_at:
            stop = min(END_DT, datetime.combine(customer.churned_at, time(0)))
        landing = customer.lead.web.landing_page if customer.lead else ""
        subscriber = rng.random() < (0.6 if landing == "/suscripcion" else 0.2 if social else 0.14)
        plan = rng.choice(SUBSCRIPTION_PRICES)
        if customer.acquired_at.date() >= START:
            customer.orders.append(_first_order(rng, customer, plan, subscriber))
            t = customer.acquired_at
            next_renewal = t + timedelta(days=30)
        else:
            # Customers from before the window: only their orders inside it are exported.
            t = datetime.combine(START, time(0)) - timedelta(days=rng.uniform(0, 40))
            next_renewal = datetime.combine(START, time(6)) + timedelta(days=rng.randrange(30))
        while True:
            # Social customers come back sooner; the season speeds it up or slows it down.
            t_next = next_purchase(rng, t, 40 if subscriber else 26 if social else 34)
            if subscriber and next_renewal <= t_next:
                if next_renewal >= stop:
                    break
                renewal_at = next_renewal.replace(hour=6, minute=rng.randrange(60), second=0)
                # Renewals are charged automatically: an order without a website session.
                customer.orders.append(Order(customer, renewal_at, plan, "subscription", None))
                next_renewal += timedelta(days=30)
                continue
            if t_next >= stop:
                break
            t = at_random_time(rng, t_next.date(), ACTIVE_HOURS)
            if t >= stop:
                break
            if t.date() < START:
                continue  # before the export window
            cross = 0.3 if social else 0.18  # social customers buy more across categories
            category = pick(
                rng,
                (
                    ("coffee_beans", 1 - cross - (0 if subscriber else 0.08)),
                    ("equipment", cross * 0.45),
                    ("merch", cross * 0.55),
                    ("subscription", 0 if subscriber else 0.08),
                ),
            )
            if category == "subscription":
                subscriber = True
                next_renewal = t + timedelta(days=30)
            revenue = order_revenue(rng, category, t.date(), customer.abroad, False, plan)
            customer.orders.append(
                Order(customer, t, revenue, category, _repeat_source(rng, customer))
            )
        orders.extend(customer.orders)
    orders.sort(key=lambda o: (o.ordered_at, o.customer.customer_id))
    for i, order in enumerate(orders, 1):
        order.order_id = f"O{i:06d}"
    return orders


def attach_orders_to_web(
    rng: random.Random, orders: list[Order], web: list[WebRow]
) -> list[WebRow]:
    """Book each website order as a transaction on a matching GA4 row (direct as fallback)."""
    by_day: dict[date, list[WebRow]] = defaultdict(list)
    for row in web:
        by_day[row.date].append(row)
    added: list[WebRow] = []
    for order in orders:
        if order.web is not None:  # a guest checkout: its session is known
            order.web.order_values.append(order.revenue)
            continue
        if order.src is None:
            continue
        source, medium, campaign = order.src
        day_rows = by_day[order.ordered_at.date()]
        candidates = [
            r
            for r in day_rows
            if r.source == source and r.medium == medium and campaign in ("*", r.campaign)
        ]
        if not candidates:
            candidates = [r for r in day_rows if r.source == "(direct)"]
        if not candidates:
            row = WebRow(
                order.ordered_at.date(), "(direct)", "(none)", "Direct", "(direct)", "/", 1
            )
            by_day[row.date].append(row)
            added.append(row)
            candidates = [row]
        # Purchases start mostly on shop pages, seldom on the order-tracking page.
        weights = [
            r.sessions
            * (0.3 if r.landing_page == "/mi-cuenta/pedidos" else 1.0)
            * (
                2.0
                if "tienda" in r.landing_page or r.landing_page in CAMPAIGN_LANDING.values()
                else 1.0
            )
            for r in candidates
        ]
        chosen = rng.choices(candidates, weights=weights)[0]
        chosen.order_values.append(order.revenue)
        order.web = chosen
    web = web + added
    web.sort(key=lambda r: (r.date, r.source, r.medium, r.campaign, r.landing_page))
    return web


def fill_ad_results(
    rng: random.Random, ads: list[AdRow], web: list[WebRow], finished: list[Row]
) -> None:
    """Give ads the leads, carts and purchases GA4 recorded for their campaign and day."""
    by_key: dict[tuple[date, str, str], list[AdRow]] = defaultdict(list)
    for ad in ads:
        by_key[(ad.row["date"], ad.row["platform"], ad.row["campaign"])].append(ad)
    for row, metrics in zip(web, finished, strict=True):
        if row.medium not in ("paid", "cpc"):
            continue
        platform = "google" if row.source == "google" else PLATFORM_OF_SOURCE[row.source]
        group = [
            a
            for a in by_key[(row.date, platform, row.campaign)]
            if a.landing_page == row.landing_page
        ]
        if not group:
            continue
        weights = [max(1, a.row["landing_page_views"]) for a in group]
        for _ in range(row.conversions):
            rng.choices(group, weights=weights)[0].row["leads"] += 1
        for _ in range(metrics["add_to_carts"] - len(row.order_values)):
            rng.choices(group, weights=weights)[0].row["add_to_carts"] += 1
        for value in row.order_values:
            ad = rng.choices(group, weights=weights)[0]
            ad.row["add_to_carts"] += 1
            ad.row["purchases"] += 1
            ad.row["conversion_value"] = round(ad.row["conversion_value"] + value, 2)


def _touch_of_web(row: WebRow) -> tuple[str, str, str]:
    """(channel, platform, campaign) of a touch that was a visit from this GA4 row."""
    campaign = "" if row.campaign in NOT_A_CAMPAIGN else row.campaign
    return CHANNEL_OF_GROUP[row.channel_group], _platform_of(row.source), campaign


def generate_touchpoints(rng: random.Random, leads: list[Lead]) -> list[Row]:
    """Marketing touches per lead: awareness before, the sign-up, nurturing, the purchase visit,
    and the newsletters and messages that keep reaching a customer after the purchase (which
    attribution must ignore: they came after the conversion)."""
    rows: list[Row] = []
    start_dt = datetime.combine(START, time(0))
    # Its own stream, so the touches before each conversion stay exactly as they were.
    after_rng = random.Random(f"{SEED}-touches-after-conversion")
    for lead in leads:
        customer = lead.customer
        touches: list[tuple[datetime, str, str, str, str]] = []
        converted = lead.converted_at is not None
        # First touch is often a social impression, even for leads who signed up elsewhere.
        social_first = lead.channel == "social" or rng.random() < 0.45
        n_before = rng.choice((0, 1, 1, 2, 2, 3)) if converted else rng.choice((0, 1, 1))
        for i in range(n_before):
            at = lead.created_at - timedelta(days=rng.uniform(0.3, 21))
            if i == 0 and social_first:
                platform = (
                    lead.platform
                    if lead.channel == "social"
                    else pick(rng, (("instagram", 0.5), ("facebook", 0.25), ("tiktok", 0.25)))
                )
                touches.append((at, "social", platform, "", "impression"))
            else:
                touches.append(
                    pick(
                        rng,
                        (
                            ((at, "social", lead.platform or "instagram", "", "impression"), 0.35),
                            ((at, "organic_search", "google", "", "visit"), 0.3),
                            (
                                (
                                    at,
                                    "paid_search",
                                    "google",
                                    "Búsqueda Café de especialidad",
                                    "click",
                                ),
                                0.15,
                            ),
                            ((at, "direct", "", "", "visit"), 0.2),
                        ),
                    )
                )
        paid = lead.web.medium in ("paid", "cpc")
        channel, platform, campaign = _touch_of_web(lead.web)
        touches.append(
            (
                lead.created_at - timedelta(minutes=rng.randint(2, 15)),
                channel,
                platform,
                campaign,
                "click" if paid else "visit",
            )
        )
        end = lead.converted_at if converted else END_DT
        span = (end - lead.created_at).total_seconds()
        n_mid = rng.randint(1, 4) if converted else rng.randint(0, 2)
        for _ in range(n_mid if span > 3600 else 0):
            at = lead.created_at + timedelta(seconds=rng.uniform(600, span - 600))
            options: list[tuple[tuple[datetime, str, str, str, str], float]] = [
                ((at, "email", "", "", "email_open"), 0.5),
                ((at, "organic_search", "google", "", "visit"), 0.2),
                ((at, "direct", "", "", "visit"), 0.15),
            ]
            if lead.channel == "social":
                options.append(((at, "social", lead.platform, "", "message"), 0.25))
            touches.append(pick(rng, options))
        if converted and customer is not None:
            first = customer.orders[0]
            if first.web is not None:
                channel, platform, campaign = _touch_of_web(first.web)
                kind = "click" if first.web.medium in ("paid", "cpc") else "visit"
                if channel == "email":
                    kind = "click"
                at = max(lead.created_at, lead.converted_at - timedelta(minutes=rng.randint(3, 40)))
                touches.append((at, channel, platform, campaign, kind))
        if converted and customer is not None:
            touches += _touches_after(after_rng, lead)
        for at, channel, platform, campaign, kind in sorted(touches):
            if at < start_dt:
                continue  # before the export window
            rows.append(
                {
                    "lead_id": lead.lead_id,
                    "customer_id": customer.customer_id if customer else None,
                    "touched_at": at.replace(microsecond=0),
                    "channel": channel,
                    "platform": platform or None,
                    "campaign": campaign or None,
                    "touch_type": kind,
                }
            )
    return rows


def _touches_after(rng: random.Random, lead: Lead) -> list[tuple[datetime, str, str, str, str]]:
    """Touches of a new customer after the purchase: newsletters, and for social customers the
    community team's messages (up to three, before the export date)."""
    assert lead.converted_at is not None
    out = []
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        at = lead.converted_at + timedelta(days=rng.uniform(1, 60))
        if at > END_DT:
            continue
        if lead.channel == "social" and rng.random() < 0.4:
            out.append((at.replace(microsecond=0), "social", lead.platform, "", "message"))
        else:
            out.append((at.replace(microsecond=0), "email", "", "", "email_open"))
    return out


# --------------------------------------------------------------------------------------------
# Conversations (community care)
# --------------------------------------------------------------------------------------------


def _shift(d: date) -> tuple[datetime, datetime]:
    """Community team hours: weekdays 8:00-22:00, Saturday 10-18, Sunday only 11-14."""
    hours = {5: (10, 18), 6: (11, 14)}.get(d.weekday(), (8, 22))
    return datetime.combine(d, time(hours[0])), datetime.combine(d, time(hours[1]))


def _next_on_shift(t: datetime) -> datetime:
    """First moment at or after t when someone is on shift."""
    while True:
        opens, closes = _shift(t.date())
        if t < opens:
            return opens
        if t < closes:
            return t
        t = datetime.combine(t.date() + timedelta(days=1), time(0))


def add_shift_time(t: datetime, work: timedelta) -> datetime:
    """Advance t by an amount of working time, so nights and weekends make answers slower."""
    t = _next_on_shift(t)
    while True:
        closes = _shift(t.date())[1]
        if t + work <= closes:
            return t + work
        work -= closes - t
        t = _next_on_shift(closes)


def _sentiment(rng: random.Random, kind: str, wave: float) -> str:
    """Sentiment of a message or mention; the July problem turns it negative."""
    if kind == "mention":
        pos, neg = 0.55 - 0.3 * wave, 0.15 + 0.45 * wave
    else:
        pos, neg = 0.3 - 0.2 * wave, 0.1 + 0.55 * wave
    return pick(rng, (("positive", pos), ("neutral", 1 - pos - neg), ("negative", neg)))


def generate_conversations(rng: random.Random, social: SocialData) -> list[Row]:
    """Comments, private messages and mentions needing care, with response and resolution."""
    items: list[tuple[datetime, str, str, str]] = []  # received, platform, kind, sentiment
    for post in social.posts:
        published = post["published_at"]
        neutral = post["comments"] - post["comments_negative"] - post["comments_positive"]
        counts = (
            ("negative", post["comments_negative"]),
            ("neutral", binomial(rng, neutral, 0.12)),  # questions
            ("positive", binomial(rng, post["comments_positive"], 0.05)),
        )
        for sentiment, n in counts:
            for _ in range(n):
                at = published + timedelta(hours=rng.expovariate(1 / 5))
                if at <= END_DT:
                    items.append((at, post["platform"], "comment", sentiment))
    for row in social.account:
        d, wave = row["date"], complaint_wave(row["date"])
        for _ in range(row["private_messages"]):
            items.append(
                (
                    at_random_time(rng, d, ACTIVE_HOURS),
                    row["platform"],
                    "private_message",
                    _sentiment(rng, "dm", wave),
                )
            )
        for _ in range(binomial(rng, row["brand_mentions"], 0.3)):
            items.append(
                (
                    at_random_time(rng, d, ACTIVE_HOURS),
                    row["platform"],
                    "mention",
                    _sentiment(rng, "mention", wave),
                )
            )
    items.sort()

    median_minutes = {"private_message": 20, "comment": 45, "mention": 90}
    rows = []
    for i, (received, platform, kind, sentiment) in enumerate(items, 1):
        wave = complaint_wave(received.date())
        complaint_p = {"negative": 0.75 + 0.2 * wave, "neutral": 0.05 + 0.15 * wave}
        is_complaint = rng.random() < complaint_p.get(sentiment, 0.0)
        first_response = resolved = None
        # Thank-you comments and friendly mentions are sometimes left unanswered.
        unanswered = 0.08 if sentiment == "positive" else 0.01
        if rng.random() >= unanswered:
            minutes = median_minutes[kind] * math.exp(rng.gauss(0, 0.9)) * (1 + 2.5 * wave)
            minutes *= 0.8 if is_complaint else 1.0  # complaints jump the queue
            first_response = add_shift_time(received, timedelta(minutes=minutes))
            first_response = first_response.replace(second=rng.randrange(60), microsecond=0)
            first_response = max(first_response, received + timedelta(minutes=1))
            if is_complaint:
                if rng.random() >= 0.07 + 0.2 * wave:
                    hours = 6 * math.exp(rng.gauss(0, 1.0)) * (1 + 2 * wave)
                    resolved = add_shift_time(first_response, timedelta(hours=hours))
                    resolved = resolved.replace(microsecond=0)
            else:
                resolved = first_response + timedelta(minutes=rng.randint(0, 10))
            if first_response > END_DT:
                first_response = resolved = None  # not answered yet at export time
            elif resolved is not None and resolved > END_DT:
                resolved = None
        rows.append(
            {
                "conversation_id": f"CV{i:06d}",
                "platform": platform,
                "kind": kind,
                "received_at": received,
                "first_response_at": first_response,
                "is_complaint": is_complaint,
                "resolved_at": resolved,
                "sentiment": sentiment,
            }
        )
    return rows


# --------------------------------------------------------------------------------------------
# Writers: each file in the shape a real export has
# --------------------------------------------------------------------------------------------


def fmt_plain(value: Any) -> str:
    """ISO dates, dot decimals, true/false, empty for missing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def fmt_spanish(value: Any) -> str:
    """Spanish locale: 12.345 and 1.234,56, dd/mm/yyyy [HH:MM], true/false."""
    if isinstance(value, bool) or value is None:
        return fmt_plain(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def csv_text(
    fields: Sequence[str],
    rows: Iterable[Row],
    fmt: Callable[[Any], str],
    delimiter: str = ",",
    lineterminator: str = "\n",
) -> str:
    """Render rows as CSV text with the csv module (it quotes delimiters, quotes, newlines)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
    writer.writerow(fields)
    for row in rows:
        writer.writerow([fmt(row[f]) for f in fields])
    return buffer.getvalue()


def write_bytes(name: str, data: bytes) -> None:
    """Write one output file next to this script."""
    (OUT_DIR / name).write_bytes(data)


GA4_PREAMBLE = (
    "# ----------------------------------------\n"
    "# Café Aurora – Traffic acquisition: Session source / medium\n"
    "# Account: Café Aurora\n"
    "# Property: cafe-aurora.example\n"
    "# ----------------------------------------\n"
    "# \n"
    "# All Users\n"
    f"# Start date: {START:%Y%m%d}\n"
    f"# End date: {END:%Y%m%d}\n"
)


def write_workbook(name: str, sheets: Sequence[tuple[str, Sequence[str], list[Row]]]) -> None:
    """Write a multi-sheet xlsx with real dates, numbers and booleans, reproducibly."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, fields, rows in sheets:
        ws = wb.create_sheet(title)
        ws.append(list(fields))
        for row in rows:
            ws.append([row[f] for f in fields])
        for column in ws.iter_cols(min_row=2):
            for cell in column:
                if isinstance(cell.value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm:ss"
                elif isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        for i, f in enumerate(fields):
            ws.column_dimensions[chr(ord("A") + i)].width = max(12, len(f) + 2)
        ws.freeze_panes = "A2"
    # openpyxl stamps "now" into the metadata and the zip entries; pin both for reproducibility.
    wb.properties.creator = "Café Aurora CRM"
    wb.properties.created = wb.properties.modified = EXPORTED_AT
    raw = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(fixed, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=EXPORTED_AT.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    write_bytes(name, fixed.getvalue())


def main() -> None:
    """Generate every dataset and write the sample files and their README."""
    master = random.Random(SEED)

    def child() -> random.Random:
        """A new random stream seeded from the master stream."""
        # One independent stream per section: tweaking one section leaves the others intact.
        return random.Random(master.getrandbits(64))

    ads = generate_ads(child())
    social = simulate_social(child(), ads)
    audience = generate_audience(child(), social.followers)
    search = generate_search(child(), social.followers)
    web = generate_web(child(), social, ads, search)
    leads = generate_leads(child(), web)
    customers = generate_customers(child(), leads, web)
    orders = generate_orders(child(), customers)
    web = attach_orders_to_web(child(), orders, web)
    web_rows = finish_web(child(), web)
    fill_ad_results(child(), ads, web, web_rows)
    touchpoints = generate_touchpoints(child(), leads)
    conversations = generate_conversations(child(), social)

    lead_rows = [
        {
            "lead_id": lead.lead_id,
            "created_at": lead.created_at,
            "channel": lead.channel,
            "platform": lead.platform or None,
            "campaign": lead.campaign or None,
            "score": lead.score,
            "stage": _stage(lead),
            "qualified": lead.customer is not None or lead.score >= 55,
            "qualified_type": _qualified_type(lead),
            "converted_at": lead.converted_at,
            "revenue": round(sum(o.revenue for o in lead.customer.orders), 2)
            if lead.customer
            else None,
            "customer_id": lead.customer.customer_id if lead.customer else None,
        }
        for lead in leads
    ]
    customer_rows = [
        {
            "customer_id": c.customer_id,
            "acquired_at": c.acquired_at.date(),
            "channel": c.channel,
            "is_social": c.is_social,
            "churned_at": c.churned_at,
            "saved_count": c.saved_count,
            "control_group": c.control_group,
        }
        for c in customers
    ]
    order_rows = [
        {
            "order_id": o.order_id,
            "customer_id": o.customer.customer_id,
            "ordered_at": o.ordered_at,
            "revenue": o.revenue,
            "category": o.category,
        }
        for o in orders
    ]

    meta = {"facebook", "instagram"}
    posts_meta = [p for p in social.posts if p["platform"] in meta]
    posts_other = [
        {**p, "published_at": iso_with_offset(p["published_at"])}
        for p in social.posts
        if p["platform"] not in meta
    ]
    text = csv_text(POSTS_FIELDS, posts_meta, fmt_spanish, ";", "\r\n")
    write_bytes("posts_facebook_instagram.csv", text.encode("utf-8-sig"))
    text = csv_text(POSTS_FIELDS, posts_other, fmt_plain)
    write_bytes("posts_x_linkedin_tiktok_youtube.csv", text.encode("utf-8"))
    text = csv_text(ACCOUNT_FIELDS, social.account, fmt_plain, "\t", "\r\n")
    write_bytes("account_daily.tsv", b"\xff\xfe" + text.encode("utf-16-le"))
    write_workbook(
        "crm_export.xlsx",
        (
            ("leads", LEADS_FIELDS, lead_rows),
            ("touchpoints", TOUCH_FIELDS, touchpoints),
            ("customers", CUSTOMER_FIELDS, customer_rows),
            ("orders", ORDER_FIELDS, order_rows),
        ),
    )
    text = GA4_PREAMBLE + csv_text(WEB_FIELDS, web_rows, fmt_plain)
    write_bytes("web_traffic_ga4.csv", text.encode("utf-8"))
    text = csv_text(ADS_FIELDS, [a.row for a in ads], fmt_spanish, ";", "\r\n")
    write_bytes("ads_meta_google.csv", text.encode("cp1252"))
    write_bytes("search_queries.csv", csv_text(SEARCH_FIELDS, search, fmt_plain).encode("utf-8"))
    write_bytes("audience.csv", csv_text(AUDIENCE_FIELDS, audience, fmt_plain).encode("utf-8"))
    text = csv_text(CONVERSATION_FIELDS, conversations, fmt_plain)
    write_bytes("conversations.csv", text.encode("utf-8"))

    counts = {
        "posts": len(social.posts),
        "account_daily": len(social.account),
        "audience": len(audience),
        "web_traffic": len(web_rows),
        "search_queries": len(search),
        "ads": len(ads),
        "leads": len(lead_rows),
        "touchpoints": len(touchpoints),
        "customers": len(customer_rows),
        "orders": len(order_rows),
        "conversations": len(conversations),
    }
    write_bytes("README.md", readme(counts).encode("utf-8"))
    for name, n in counts.items():
        print(f"{name:15} {n:7d} rows")


def _stage(lead: Lead) -> str:
    """CRM stage at export time, from conversion, score and age of the lead."""
    if lead.customer is not None:
        return "won"
    age = (END_DT - lead.created_at).days
    patience = {"fast": 21, "medium": 75, "slow": 160}[lead.bucket]
    if age > patience:
        return "lost"
    if age < 7:
        return "new"
    return "qualified" if lead.score >= 55 else "nurturing" if lead.score < 40 else "contacted"


def _qualified_type(lead: Lead) -> str | None:
    """SQL for sales-ready leads, MQL for marketing-qualified ones, empty otherwise."""
    if lead.customer is not None or lead.score >= 75:
        return "SQL"
    return "MQL" if lead.score >= 55 else None


def readme(counts: dict[str, int]) -> str:
    """The README of the sample folder: the story and the format of every file."""
    rows = "\n".join(f"| `{name}` | {n:,} |" for name, n in counts.items())
    return f"""# Sample data: Café Aurora

Generated by `generate.py` (seeded, deterministic: `make sample` or
`python sample_data/generate.py` rewrites byte-identical files). Do not edit by hand.

## The story

**Café Aurora** is a fictitious speciality-coffee roaster in Madrid that sells online in Spain
and abroad. The files cover one year, **2025-11-01 to 2026-10-31**, on Facebook, Instagram, X,
LinkedIn, TikTok and YouTube, plus the website (GA4), Search Console, Meta and Google Ads and
the CRM. The numbers are linked: posts bring followers and website clicks; clicks and ad
landing-page views become sessions; sessions become leads (`conversions`); converted leads
become customers with orders; website orders come back as GA4 `transactions` / `revenue` and
as ad `purchases` / `conversion_value`.

- **Seasonality**: a December peak (Black Friday, Christmas coffee gifts, Reyes) and an August
  dip (the roastery closes 10–23 August).
- **Weekdays**: LinkedIn is quiet at weekends; Instagram and TikTok are busier at weekends.
- **Campaigns**: `Promoción Navidad` (2025-11-20 to 2025-12-21, Meta + Google),
  **`primavera_2026`** (2026-03-16 to 2026-04-26, a Facebook + Instagram burst that visibly
  lifts new followers, Paid Social sessions and leads; posts in the window carry the campaign,
  some are paid) and `Otoño Tueste` (2026-09-21 to 2026-10-18). Google Search runs all year.
- **July 2026 shipping problem**: a carrier fails; negative comments and negative feedback on
  posts, complaint conversations, unfollows and "café aurora opiniones" searches jump, and the
  community team answers more slowly (responses are slower at weekends all year).
- **Leads**: scores 0–100 in a fast (70–100, buy within days) / medium (40–69, weeks) /
  slow (0–39, months or never) mix. Converted leads have a `customer_id`; lead `revenue` is
  that customer's order revenue up to the export date.
- **Customers** are converted leads, guest buyers who bought without signing up (no lead),
  and last year's customers still active on 2025-11-01 (`acquired_at` before the window; only
  their orders inside the window are exported). Social customers churn about half as often as
  non-social ones, buy more often and across more categories, and are saved more often by the
  community team (`saved_count`); `control_group` marks a random half of the non-social ones.
- **Orders** are `coffee_beans`, `equipment`, `subscription` and `merch`. Automatic monthly
  subscription renewals have no website session, so GA4 `revenue` is the order revenue minus
  those renewals; ad `leads` / `purchases` / `conversion_value` are the GA4 conversions and
  transactions of the ad's campaign sessions. Ad spend is in EUR everywhere.

## Files

| file | dataset(s) | encoding | delimiter | numbers | dates |
|---|---|---|---|---|---|
| `posts_facebook_instagram.csv` | posts (Facebook, Instagram) | UTF-8 with BOM, CRLF | `;` | thousands `.` (`12.345`) | `dd/mm/yyyy HH:MM` (Madrid time) |
| `posts_x_linkedin_tiktok_youtube.csv` | posts (X, LinkedIn, TikTok, YouTube) | UTF-8 | `,` | plain | ISO with offset `2026-03-04 10:15:00+01:00` |
| `account_daily.tsv` | account_daily | UTF-16 LE with BOM, CRLF | TAB | plain | `yyyy-mm-dd` |
| `crm_export.xlsx` | leads, touchpoints, customers, orders (one sheet each) | xlsx | — | real numbers, booleans, empty cells for missing | real Excel dates / datetimes |
| `web_traffic_ga4.csv` | web_traffic | UTF-8, 9 `#` comment lines above the header | `,` | plain, revenue with 2 decimals | `yyyy-mm-dd` |
| `ads_meta_google.csv` | ads (Facebook, Instagram, Google; EUR) | Windows-1252 (cp1252), CRLF | `;` | decimal comma, thousands `.` (`1.234,56`) | `dd/mm/yyyy` |
| `search_queries.csv` | search_queries | UTF-8 | `,` | plain | `yyyy-mm-dd` |
| `audience.csv` | audience (snapshots 2026-04-30 and 2026-10-31) | UTF-8 | `,` | plain | `yyyy-mm-dd` |
| `conversations.csv` | conversations | UTF-8 | `,` | plain | `yyyy-mm-dd HH:MM:SS` |

Headers are the canonical field names of DESIGN.md. Booleans are `true` / `false`; missing
values are empty (e.g. `video_views` of photos, `reach` of Google Ads, `resolved_at` of open
complaints). Post texts mix Spanish and English, with hashtags, @mentions, emoji, and some
with newlines, semicolons or quotes (quoted per CSV rules). Ids: `P-fb-0001`, `L00001`,
`C00001`, `O000001`, `CV000001`; URLs use `example.com`.

## Rows

| dataset | rows |
|---|---|
{rows}
"""


if __name__ == "__main__":
    main()
