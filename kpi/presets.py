"""Presets for well-known exports: each is recognised from its header and says which dataset
and platform the table is, and which raw column is which field where synonyms would guess wrong.

A preset lists raw column names as the export writes them; matching folds case, accents and
punctuation, and a name written without its bracketed unit (`Amount spent`) also matches the
column with one (`Amount spent (EUR)`). A column the preset names `None` is deliberately left
unmapped (a rate, an average, a paid-only or unique-users twin); columns a preset does not name
still go through the synonyms. The headers are those of EXPORT_FORMATS.md (shared notes).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Preset:
    """A known export layout."""

    id: str
    label: str
    dataset: str
    platform: str | None
    signature: tuple[str, ...]  # header names that together identify the export
    columns: dict[str, str | None] = field(default_factory=dict)  # raw name → field (None: ignore)
    min_share: float = 0.7  # share of the signature that must be present
    constants: dict[str, str] = field(default_factory=dict)  # fields the export implies (dimension)
    closed: bool = False  # the export has only the columns named here (a short, generic header)


def _ignore(*names: str) -> dict[str, str | None]:
    return dict.fromkeys(names)


# fmt: off
# ---------------------------------------------------------------------------------------------
# Meta: Business Suite (Facebook, Instagram), legacy Facebook Insights, Ads Manager
# ---------------------------------------------------------------------------------------------

_META_BUSINESS_SUITE = (
    Preset(
        "meta_business_suite_posts",
        "Meta Business Suite — Facebook posts",
        "posts",
        "facebook",
        ("Post ID", "Page ID", "Page name", "Publish time", "Permalink", "Post type", "Reactions", "Comments", "Shares"),
        {
            "Post ID": "post_id", "Publish time": "published_at", "Permalink": "url", "Post type": "post_type",
            "Description": "text", "Views": "impressions", "Reach": "reach", "Reactions": "likes",
            "Comments": "comments", "Shares": "shares", "Total clicks": "clicks",
            "3-second video views": "video_views", "Negative feedback from users": "negative_feedback",
            # "Date" is the literal "Lifetime"; "Title" repeats the text of video posts
            **_ignore("Title", "Date", "Reactions, comments and shares", "Reach from Organic posts",
                      "Reach from Boosted posts", "Unique negative feedback from users", "Seconds viewed",
                      "Average Seconds viewed", "Ad impressions", "Other clicks"),
        },
    ),
    Preset(
        "meta_business_suite_instagram_posts",
        "Meta Business Suite — Instagram posts",
        "posts",
        "instagram",
        ("Post ID", "Account ID", "Account username", "Account name", "Publish time", "Permalink", "Post type", "Likes", "Saves"),
        {
            "Post ID": "post_id", "Description": "text", "Publish time": "published_at", "Permalink": "url",
            "Post type": "post_type", "Views": "impressions", "Reach": "reach", "Likes": "likes",
            "Shares": "shares", "Follows": "follows", "Comments": "comments", "Saves": "saves",
            "Profile visits": "profile_visits",
            **_ignore("Account ID", "Account username", "Account name", "Duration (sec)", "Data comment", "Date"),
        },
    ),
    Preset(
        "facebook_insights_posts",
        "Facebook Insights (legacy) — post level",
        "posts",
        "facebook",
        ("Post ID", "Permalink", "Post Message", "Type", "Countries", "Languages", "Posted", "Audience Targeting",
         "Lifetime Post Total Reach", "Lifetime Post Total Impressions"),
        {
            "Post ID": "post_id", "Permalink": "url", "Post Message": "text", "Type": "post_type",
            "Posted": "published_at", "Lifetime Post Total Reach": "reach",
            "Lifetime Post Total Impressions": "impressions", "Lifetime Post Consumptions": "clicks",
            "Lifetime Negative feedback": "negative_feedback",
            # "Stories" count actions; "Talking About This" counts the people who acted
            "Lifetime Post Stories by action type - like": "likes",
            "Lifetime Post Stories by action type - comment": "comments",
            "Lifetime Post Stories by action type - share": "shares",
            **_ignore("Countries", "Languages", "Audience Targeting", "Lifetime Post organic reach",
                      "Lifetime Post Paid Reach", "Lifetime Post Organic Impressions",
                      "Lifetime Post Paid Impressions", "Lifetime Engaged Users", "Lifetime Post Consumers",
                      "Lifetime Negative Feedback from Users",
                      "Lifetime Talking About This (Post) by action type - like",
                      "Lifetime Talking About This (Post) by action type - comment",
                      "Lifetime Talking About This (Post) by action type - share",
                      "Lifetime Organic Video Views", "Lifetime Paid Video Views"),
        },
    ),
    Preset(
        "facebook_insights_page",
        "Facebook Insights (legacy) — page level",
        "account_daily",
        "facebook",
        ("Date", "Lifetime Total Likes", "Daily New Likes", "Daily Unlikes", "Daily Page Engaged Users",
         "Daily Total Reach", "Daily Total Impressions"),
        {
            "Date": "date", "Lifetime Total Likes": "followers", "Daily New Likes": "new_followers",
            "Daily Unlikes": "lost_followers", "Daily Total Reach": "reach",
            "Daily Total Impressions": "impressions", "Daily Logged-in Page Views": "page_views",
            **_ignore("Weekly Total Reach", "28 Days Total Reach", "Weekly Total Impressions",
                      "28 Days Total Impressions", "Daily Page Engaged Users"),
        },
    ),
)

_ADS_MANAGER_IGNORED = _ignore(
    "Reporting ends", "Campaign delivery", "Ad set budget", "Ad set budget type", "Attribution setting",
    "Results", "Result indicator", "Cost per results", "Cost per result", "Ends", "Frequency",
)

_META_ADS = (
    Preset(
        "meta_ads_manager",
        "Meta Ads Manager — campaigns, ad sets or ads",
        "ads",
        "facebook",
        ("Reporting starts", "Reporting ends", "Campaign name", "Amount spent", "Impressions", "Reach",
         "Results", "Result indicator", "Cost per results"),
        {
            "Reporting starts": "date", "Campaign name": "campaign", "Ad set name": "ad_set", "Ad name": "ad",
            "Amount spent": "spend", "Impressions": "impressions", "Reach": "reach", "Link clicks": "clicks",
            "Landing page views": "landing_page_views", "Leads": "leads", "Purchases": "purchases",
            "Adds to cart": "add_to_carts", "Purchases conversion value": "conversion_value",
            "Objective": "objective",
            **_ADS_MANAGER_IGNORED,
        },
        min_share=0.6,
    ),
    Preset(
        "meta_ads_manager_es",
        "Meta Ads Manager — en español",
        "ads",
        "facebook",
        ("Inicio del informe", "Fin del informe", "Nombre de la campaña", "Importe gastado", "Impresiones",
         "Alcance", "Resultados", "Indicador de resultado", "Costo por resultados"),
        {
            "Inicio del informe": "date", "Nombre de la campaña": "campaign",
            "Nombre del conjunto de anuncios": "ad_set", "Nombre del anuncio": "ad",
            "Importe gastado": "spend", "Impresiones": "impressions", "Alcance": "reach",
            "Clics en el enlace": "clicks",
            **_ignore("Fin del informe", "Entrega de la campaña", "Presupuesto del conjunto de anuncios",
                      "Tipo de presupuesto del conjunto de anuncios", "Configuración de atribución",
                      "Resultados", "Indicador de resultado", "Costo por resultados", "Coste por resultados",
                      "Finalización", "Frecuencia"),
        },
        min_share=0.6,
    ),
)

# ---------------------------------------------------------------------------------------------
# X / Twitter
# ---------------------------------------------------------------------------------------------

_X = (
    Preset(
        "x_tweet_activity",
        "X / Twitter — tweet activity (classic analytics)",
        "posts",
        "x",
        ("Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements", "retweets", "replies"),
        {
            "Tweet id": "post_id", "Tweet permalink": "url", "Tweet text": "text", "time": "published_at",
            "impressions": "impressions", "retweets": "shares", "replies": "comments", "likes": "likes",
            "favorites": "likes", "user profile clicks": "profile_visits", "url clicks": "clicks",
            "follows": "follows", "media views": "video_views",
            **_ignore("engagements", "engagement rate", "hashtag clicks", "detail expands", "permalink clicks",
                      "app opens", "app installs", "email tweet", "dial phone", "media engagements"),
        },
    ),
    Preset(
        "x_daily_tweet_activity",
        "X / Twitter — daily activity (classic analytics)",
        "account_daily",
        "x",
        ("Date", "Tweets published", "impressions", "engagements", "engagement rate", "retweets", "replies",
         "user profile clicks", "url clicks"),
        {
            "Date": "date", "impressions": "impressions", "user profile clicks": "profile_visits",
            "url clicks": "website_clicks", "follows": "new_followers", "likes": "likes",
            "replies": "comments", "retweets": "shares", "media views": "video_views",
            **_ignore("Tweets published", "engagements", "engagement rate"),
        },
    ),
    Preset(
        "x_account_overview",
        "X — account overview",
        "account_daily",
        "x",
        ("Date", "Impressions", "Likes", "Engagements", "Bookmarks", "Shares", "New follows", "Unfollows",
         "Replies", "Reposts", "Profile visits", "Create Post"),
        {
            "Date": "date", "Impressions": "impressions", "New follows": "new_followers",
            "Unfollows": "lost_followers", "Profile visits": "profile_visits", "Likes": "likes",
            "Replies": "comments", "Reposts": "shares", "Video views": "video_views",
            # "Shares" are sends (DM, copy link): reposts are X's shares, as in the content export
            **_ignore("Engagements", "Create Post", "Media views", "Shares", "Bookmarks"),
        },
    ),
    Preset(
        "x_account_content",
        "X — post content",
        "posts",
        "x",
        ("Post id", "Date", "Post text", "Link", "Impressions", "Likes", "Engagements", "Bookmarks", "Share",
         "New follows", "Replies", "Reposts", "Profile visits"),
        {
            "Post id": "post_id", "Date": "published_at", "Post text": "text", "Link": "url",
            "Impressions": "impressions", "Likes": "likes", "Bookmarks": "saves", "Reposts": "shares",
            "Replies": "comments", "New follows": "follows", "Profile visits": "profile_visits",
            "Url clicks": "clicks",
            # "Share" is sending the post (DM, copy link): reposts are X's shares, as in the classic export
            **_ignore("Share", "Engagements", "Detail expands", "Hashtag clicks", "Permalink clicks"),
        },
    ),
)

# ---------------------------------------------------------------------------------------------
# LinkedIn Page: content (Metrics, All posts), followers and visitors (with demographic sheets)
# ---------------------------------------------------------------------------------------------

# sheet and column name → audience dimension. LinkedIn locations are metro areas, not countries.
_LINKEDIN_DEMOGRAPHICS = (
    ("Location", "city"),
    ("Job function", "job_function"),
    ("Industry", "industry"),
    ("Company size", "company_size"),
    ("Seniority", "seniority"),
)


def _linkedin_demographics() -> tuple[Preset, ...]:
    out = []
    for kind, measure, target in (("followers", "Total followers", "followers"), ("visitors", "Total views", "views")):
        for column, dimension in _LINKEDIN_DEMOGRAPHICS:
            out.append(
                Preset(
                    f"linkedin_{kind}_{column.lower().replace(' ', '_')}",
                    f"LinkedIn Page {kind} — {column}",
                    "audience",
                    "linkedin",
                    (column, measure),
                    {column: "segment", measure: target},
                    min_share=1.0,
                    constants={"dimension": dimension},
                    closed=True,
                )
            )
    return tuple(out)


_LINKEDIN = (
    Preset(
        "linkedin_content_metrics",
        "LinkedIn Page content — Metrics",
        "account_daily",
        "linkedin",
        ("Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
         "Unique impressions (organic)", "Clicks (organic)", "Clicks (total)", "Reactions (organic)",
         "Comments (organic)", "Engagement rate (organic)"),
        {
            "Date": "date", "Impressions (total)": "impressions", "Unique impressions (organic)": "reach",
            "Reactions (total)": "likes", "Comments (total)": "comments", "Reposts (total)": "shares",
            **_ignore("Impressions (organic)", "Impressions (sponsored)", "Clicks (organic)", "Clicks (sponsored)",
                      "Clicks (total)", "Reactions (organic)", "Reactions (sponsored)", "Comments (organic)",
                      "Comments (sponsored)", "Reposts (organic)", "Reposts (sponsored)"),
        },
    ),
    Preset(
        "linkedin_content_posts",
        "LinkedIn Page content — All posts",
        "posts",
        "linkedin",
        ("Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date", "Audience",
         "Impressions", "Clicks", "Click through rate (CTR)", "Likes", "Comments", "Reposts", "Engagement rate"),
        {
            "Post title": "text", "Post link": "url", "Campaign name": "campaign", "Created date": "published_at",
            "Impressions": "impressions", "Views": "video_views", "Clicks": "clicks", "Likes": "likes",
            "Comments": "comments", "Reposts": "shares", "Shares": "shares", "Follows": "follows",
            "Content Type": "post_type",
            # "Post type" is Organic / Sponsored (not a format); it cannot be cast to is_paid as it stands
            **_ignore("Post type", "Posted by", "Campaign start date", "Campaign end date", "Audience",
                      "Offsite Views", "Click through rate (CTR)", "Engagement rate"),
        },
    ),
    Preset(
        "linkedin_followers_new",
        "LinkedIn Page followers — New followers",
        "account_daily",
        "linkedin",
        ("Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"),
        # "Total followers" here is the day's new followers, all sources
        {"Date": "date", "Total followers": "new_followers",
         **_ignore("Sponsored followers", "Organic followers", "Auto-invited followers")},
        min_share=0.8,
    ),
    Preset(
        "linkedin_visitors_metrics",
        "LinkedIn Page visitors — Visitor metrics",
        "account_daily",
        "linkedin",
        ("Date", "Overview page views (total)", "Overview unique visitors (total)", "Life page views (total)",
         "Jobs page views (total)", "Total page views (total)", "Total unique visitors (total)"),
        {"Date": "date", "Total page views (total)": "page_views"},
    ),
    *_linkedin_demographics(),
)

# ---------------------------------------------------------------------------------------------
# YouTube Studio (advanced mode: Table data, Chart data, Totals)
# ---------------------------------------------------------------------------------------------

# The dimensions a Chart data file can be split by, beside Date and Views.
_YOUTUBE_CHART_DIMENSIONS = (
    "Geography", "Traffic source", "Device type", "Operating system", "Subscription status", "Viewer age",
    "Viewer gender", "Content", "Video title", "Video publish time", "Duration", "Playback location",
    "Subtitles and CC", "Sharing service", "Content type", "New and returning viewers", "Subscription source",
    "YouTube product", "City",
)

_YOUTUBE = (
    Preset(
        "youtube_table_data_content",
        "YouTube Studio — Table data by content",
        "posts",
        "youtube",
        ("Content", "Video title", "Video publish time", "Duration", "Views", "Watch time (hours)"),
        {
            "Content": "post_id", "Video title": "text", "Video publish time": "published_at",
            "Views": "video_views", "Impressions": "impressions", "Subscribers": "follows", "Likes": "likes",
            "Comments added": "comments", "Shares": "shares",
            # hours, not the seconds of a canonical field: kept as a raw column
            **_ignore("Duration", "Watch time (hours)", "Average view duration", "Estimated revenue",
                      "Impressions click-through rate"),
        },
    ),
    Preset(
        "youtube_table_data_geography",
        "YouTube Studio — Table data by geography",
        "audience",
        "youtube",
        ("Geography", "Views", "Watch time (hours)", "Average view duration"),
        {
            "Geography": "segment", "Views": "views",
            # net subscribers gained in the period, not a follower count; watch time is in hours
            **_ignore("Subscribers", "Watch time (hours)", "Average view duration"),
        },
        min_share=0.75,
        constants={"dimension": "country"},
    ),
    Preset(
        "youtube_totals",
        "YouTube Studio — Totals",
        "account_daily",
        "youtube",
        ("Date", "Views"),
        {"Date": "date", "Views": "impressions"},
        min_share=1.0,
        closed=True,
    ),
    Preset(
        "youtube_chart_data",
        "YouTube Studio — Chart data",
        "account_daily",
        "youtube",
        ("Date", "Views"),
        {"Date": "date", "Views": "impressions", **_ignore(*_YOUTUBE_CHART_DIMENSIONS)},
        min_share=1.0,
        closed=True,
    ),
)

# ---------------------------------------------------------------------------------------------
# TikTok Studio
# ---------------------------------------------------------------------------------------------

_TIKTOK = (
    # the follower breakdowns give shares of the followers (0.59), not counts
    Preset(
        "tiktok_follower_gender",
        "TikTok Studio — Follower gender",
        "audience",
        "tiktok",
        ("Gender", "Distribution"),
        {"Gender": "segment", **_ignore("Distribution")},
        min_share=1.0,
        constants={"dimension": "gender"},
        closed=True,
    ),
    Preset(
        "tiktok_follower_territories",
        "TikTok Studio — Follower top territories",
        "audience",
        "tiktok",
        ("Top territories", "Distribution"),
        {"Top territories": "segment", **_ignore("Distribution")},
        min_share=1.0,
        constants={"dimension": "country"},
        closed=True,
    ),
    Preset(
        "tiktok_overview",
        "TikTok Studio — Overview",
        "account_daily",
        "tiktok",
        ("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"),
        # TikTok's views are its impressions (as Meta's "Views" now are)
        {"Date": "date", "Video Views": "impressions", "Profile Views": "profile_visits", "Likes": "likes",
         "Comments": "comments", "Shares": "shares"},
        min_share=0.8,
    ),
    Preset(
        "tiktok_content",
        "TikTok Studio — Content",
        "posts",
        "tiktok",
        ("Time", "Video title", "Video link", "Post time", "Total likes", "Total comments", "Total shares",
         "Total views"),
        {
            "Video title": "text", "Video link": "url", "Post time": "published_at", "Total likes": "likes",
            "Total comments": "comments", "Total shares": "shares", "Total views": "impressions",
            **_ignore("Time"),
        },
    ),
    Preset(
        "tiktok_follower_history",
        "TikTok Studio — Follower history",
        "account_daily",
        "tiktok",
        ("Date", "Followers", "Difference in followers from previous day"),
        # the day's net new followers (gains minus losses): what the new-followers KPIs count
        {"Date": "date", "Followers": "followers", "Difference in followers from previous day": "new_followers"},
        min_share=1.0,
    ),
    Preset(
        "tiktok_viewers",
        "TikTok Studio — Viewers",
        "account_daily",
        "tiktok",
        ("Date", "Total Viewers", "New Viewers", "Returning Viewers"),
        {"Date": "date", "Total Viewers": "reach", **_ignore("New Viewers", "Returning Viewers")},
    ),
)

# ---------------------------------------------------------------------------------------------
# Google: Analytics 4, Universal Analytics, Search Console, Ads
# ---------------------------------------------------------------------------------------------

_GOOGLE = (
    Preset(
        "ga4_report",
        "Google Analytics 4 — report download",
        "web_traffic",
        None,
        ("Sessions", "Engaged sessions", "Engagement rate", "Average engagement time per session",
         "Events per session", "Event count"),
        {
            "Date": "date", "Session primary channel group (Default Channel Group)": "channel_group",
            "Session default channel group": "channel_group", "Session source": "source",
            "Session medium": "medium", "Session campaign": "campaign", "Landing page": "landing_page",
            "Users": "users", "Total users": "users", "New users": "new_users", "Sessions": "sessions",
            "Engaged sessions": "engaged_sessions", "Key events": "conversions", "Conversions": "conversions",
            "Total revenue": "revenue", "Views": "pageviews",
            **_ignore("Session source / medium", "Engagement rate", "Average engagement time per session",
                      "Engaged sessions per user", "Events per session", "Event count", "Session key event rate",
                      "Session conversion rate"),
        },
    ),
    Preset(
        "ga_universal_analytics",
        "Google Analytics (Universal Analytics) — report export",
        "web_traffic",
        None,
        ("Sessions", "% New Sessions", "New Users", "Bounce Rate", "Pages / Session", "Avg. Session Duration"),
        {
            "Day Index": "date", "Date": "date", "Default Channel Grouping": "channel_group", "Source": "source",
            "Medium": "medium", "Campaign": "campaign", "Landing Page": "landing_page", "Users": "users",
            "New Users": "new_users", "Sessions": "sessions", "Pageviews": "pageviews",
            "Goal Completions": "conversions", "Transactions": "transactions", "Revenue": "revenue",
            # rates and averages, and goal value (not revenue)
            **_ignore("Source / Medium", "% New Sessions", "Bounce Rate", "Pages / Session",
                      "Avg. Session Duration", "Goal Conversion Rate", "Goal Value", "Ecommerce Conversion Rate"),
        },
        min_share=0.65,
    ),
    Preset(
        "search_console_dates",
        "Google Search Console — performance by date",
        "search_queries",
        None,
        ("Date", "Clicks", "Impressions", "CTR", "Position"),
        {"Date": "date", "Clicks": "clicks", "Impressions": "impressions", "Position": "position",
         **_ignore("CTR")},
        min_share=1.0,
    ),
    Preset(
        "search_console_queries",
        "Google Search Console — top queries",
        "search_queries",
        None,
        ("Top queries", "Clicks", "Impressions", "CTR", "Position"),
        {"Top queries": "query", "Clicks": "clicks", "Impressions": "impressions", "Position": "position",
         **_ignore("CTR")},
        min_share=1.0,
    ),
    Preset(
        "google_ads_report",
        "Google Ads — campaign report",
        "ads",
        "google",
        ("Campaign", "Budget", "Currency code", "Clicks", "Impr.", "CTR", "Cost", "Avg. CPC", "Conversions",
         "Cost / conv."),
        # keyword, search-term, location and ad-group reports have no budget
        {
            "Day": "date", "Date": "date", "Campaign": "campaign", "Ad group": "ad_set", "Currency code": "currency",
            "Clicks": "clicks", "Impr.": "impressions", "Cost": "spend", "Conv. value": "conversion_value",
            # whatever the account calls a conversion: counted as conversions, not as leads or purchases
            "Conversions": "conversions",
            **_ignore("Campaign status", "Budget", "Budget name", "Budget type", "Status", "Status reasons",
                      "Optimisation score", "Optimization score", "CTR", "Avg. CPC", "Cost / conv.",
                      "Conv. rate", "Conv. value / cost", "Campaign type", "All conv.", "Keyword", "Search term",
                      "Match type", "Keyword status", "Ad group status", "Location", "Avg. CPM"),
        },
    ),
)


# ---------------------------------------------------------------------------------------------
# Other ad platforms: LinkedIn Campaign Manager, TikTok Ads Manager; Google Business Profile
# ---------------------------------------------------------------------------------------------

_OTHER_ADS = (
    Preset(
        "linkedin_ads_campaign_performance",
        "LinkedIn Ads — campaign performance report",
        "ads",
        "linkedin",
        ("Start Date (in UTC)", "Account Name", "Campaign Group Name", "Campaign Name", "Campaign ID",
         "Campaign Objective", "Total Spent", "Impressions", "Clicks", "Click Through Rate", "Average CPC"),
        {
            "Start Date (in UTC)": "date", "Campaign Name": "campaign", "Campaign Objective": "objective",
            "Currency": "currency", "Total Spent": "spend", "Impressions": "impressions", "Clicks": "clicks",
            "Follows": "new_followers", "Leads": "leads", "Conversions": "conversions",
            **_ignore("Account Name", "Campaign Group Name", "Campaign ID", "Campaign Type", "Cost Type",
                      "Click Through Rate", "Average CPM", "Average CPC", "Reactions", "Comments", "Shares",
                      "Other Clicks", "Total Social Actions", "Post-Click Conversions", "View-Through Conversions",
                      "Conversion Rate", "Cost per Conversion", "Lead Forms Opened", "Total Engagements"),
        },
    ),
    Preset(
        "tiktok_ads_report",
        "TikTok Ads Manager — custom report",
        "ads",
        "tiktok",
        ("Campaign name", "Cost", "Impressions", "Clicks (destination)", "CTR (destination)",
         "CPC (destination)", "CPM", "Conversions", "Cost per conversion"),
        {
            "By Day": "date", "Date": "date", "Campaign name": "campaign", "Ad group name": "ad_set",
            "Ad name": "ad", "Cost": "spend", "Impressions": "impressions", "Reach": "reach",
            "Clicks (destination)": "clicks", "Conversions": "conversions", "Currency": "currency",
            **_ignore("CTR (destination)", "CPC (destination)", "CPM", "Cost per conversion", "Conversion rate",
                      "Results", "Cost per result", "Frequency"),
        },
    ),
)

_GOOGLE_BUSINESS = (
    Preset(
        "google_business_profile",
        "Google Business Profile — performance by location",
        "account_daily",
        "google",
        ("Store code", "Business name", "Address", "Labels", "Google Search - Mobile", "Google Search - Desktop",
         "Google Maps - Mobile", "Google Maps - Desktop", "Calls", "Directions", "Website clicks"),
        # views are split four ways (search or maps, mobile or desktop): none is the profile's visits
        {"Website clicks": "website_clicks", "Messages": "private_messages",
         **_ignore("Store code", "Business name", "Address", "Labels", "Overall rating", "Google Search - Mobile",
                   "Google Search - Desktop", "Google Maps - Mobile", "Google Maps - Desktop", "Calls", "Bookings",
                   "Directions", "Food orders", "Food menu clicks")},
        min_share=0.6,
    ),
)

# ---------------------------------------------------------------------------------------------
# Shops: Shopify, WooCommerce
# ---------------------------------------------------------------------------------------------

_SHOPS = (
    Preset(
        "shopify_orders",
        "Shopify — orders export",
        "orders",
        None,
        ("Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing",
         "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Created at", "Lineitem quantity", "Lineitem name"),
        # one row per line item: the order's own fields are on its first row only
        {
            "Name": "order_id", "Email": "customer_id", "Financial Status": "status", "Currency": "currency",
            "Total": "revenue", "Created at": "ordered_at", "Lineitem name": None,
            **_ignore("Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing", "Subtotal", "Shipping",
                      "Taxes", "Discount Code", "Discount Amount", "Shipping Method", "Lineitem quantity",
                      "Lineitem price", "Lineitem sku", "Billing Name", "Cancelled at", "Refunded Amount", "Id",
                      "Vendor", "Tags", "Risk Level", "Source", "Payment Method", "Notes", "Phone"),
        },
        min_share=0.5,
    ),
    Preset(
        "woocommerce_orders",
        "WooCommerce — Analytics orders download",
        "orders",
        None,
        ("Date", "Order #", "Status", "Customer", "Customer type", "Product(s)", "Items sold", "Coupon(s)",
         "Net Sales"),
        {
            "Date": "ordered_at", "Order #": "order_id", "Status": "status", "Customer": "customer_id",
            "Net Sales": "revenue",
            **_ignore("Customer type", "Product(s)", "Items sold", "Coupon(s)", "Attribution"),
        },
    ),
    Preset(
        "stripe_payments",
        "Stripe — payments export",
        "orders",
        None,
        ("id", "Description", "Created (UTC)", "Amount", "Amount Refunded", "Currency", "Converted Amount",
         "Fee", "Status", "Customer ID", "Customer Email", "Captured"),
        # one row per payment: a payment is a purchase, its customer the Stripe customer
        {
            "id": "order_id", "Created (UTC)": "ordered_at", "Amount": "revenue", "Currency": "currency",
            "Status": "status", "Customer ID": "customer_id",
            **_ignore("Description", "Seller Message", "Amount Refunded", "Converted Amount",
                      "Converted Amount Refunded", "Fee", "Tax", "Converted Currency", "Mode", "Statement Descriptor",
                      "Customer Description", "Customer Email", "Captured", "Card ID"),
        },
        min_share=0.6,
    ),
)

# ---------------------------------------------------------------------------------------------
# E-mail: Mailchimp campaign reports (a campaign is a published piece of content)
# ---------------------------------------------------------------------------------------------

_EMAIL = (
    Preset(
        "mailchimp_campaigns",
        "Mailchimp — campaign reports",
        "posts",
        "email",
        ("Title", "Subject", "List", "Send Date", "Send Weekday", "Total Recipients", "Successful Deliveries",
         "Unique Opens", "Open Rate", "Total Opens", "Unique Clicks", "Click Rate", "Total Clicks", "Unsubscribes"),
        {
            "Title": "campaign", "Subject": "text", "Send Date": "published_at", "Times Forwarded": "shares",
            "Unique Opens": "reach", "Total Opens": "impressions", "Total Clicks": "clicks",
            **_ignore("List", "Send Weekday", "Total Recipients", "Successful Deliveries", "Soft Bounces",
                      "Hard Bounces", "Total Bounces", "Forwarded Opens", "Open Rate", "Unique Clicks", "Click Rate",
                      "Unsubscribes", "Abuse Complaints", "Times Liked on Facebook", "Folder Id", "Unique Id"),
        },
    ),
)

# ---------------------------------------------------------------------------------------------
# CRM (HubSpot, Salesforce, Pipedrive)
# ---------------------------------------------------------------------------------------------

_CRM = (
    Preset(
        "hubspot_contacts",
        "HubSpot — contacts",
        "leads",
        None,
        ("Record ID", "First Name", "Last Name", "Email", "Lifecycle Stage", "Lead Status", "Original Source",
         "Create Date"),
        {
            "Record ID": "lead_id", "Create Date": "created_at", "Lifecycle Stage": "stage",
            "Original Source": "channel", "HubSpot Score": "score", "Became a Customer Date": "converted_at",
            "Total Revenue": "revenue",
            **_ignore("First Name", "Last Name", "Email", "Phone Number", "Lead Status",
                      "Original Source Drill-Down 1", "Original Source Drill-Down 2", "Contact owner"),
        },
    ),
    Preset(
        "hubspot_deals",
        "HubSpot — deals",
        "leads",
        None,
        ("Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date", "Create Date", "Pipeline", "Deal owner"),
        {
            "Record ID": "lead_id", "Create Date": "created_at", "Deal Stage": "stage", "Amount": "revenue",
            "Close Date": "converted_at", "Original Source Type": "channel",
            **_ignore("Deal Name", "Pipeline", "Deal owner", "Deal Type", "Associated Company",
                      "Associated Contact", "Last Activity Date"),
        },
    ),
    Preset(
        "salesforce_opportunities",
        "Salesforce — opportunities report",
        "leads",
        None,
        ("Opportunity Name", "Account Name", "Stage", "Amount", "Close Date", "Created Date", "Lead Source",
         "Probability (%)"),
        {
            "Opportunity ID": "lead_id", "Stage": "stage", "Amount": "revenue", "Close Date": "converted_at",
            "Created Date": "created_at", "Lead Source": "channel",
            **_ignore("Opportunity Name", "Account Name", "Type", "Probability (%)", "Opportunity Owner",
                      "Fiscal Period", "Next Step"),
        },
    ),
    Preset(
        "salesforce_leads",
        "Salesforce — leads report",
        "leads",
        None,
        ("Lead ID", "First Name", "Last Name", "Company / Account", "Lead Source", "Lead Status", "Create Date"),
        {
            "Lead ID": "lead_id", "Lead Source": "channel", "Lead Status": "stage", "Create Date": "created_at",
            "Converted Date": "converted_at",
            **_ignore("First Name", "Last Name", "Company / Account", "Lead Owner", "Title", "Email", "Phone"),
        },
    ),
    Preset(
        "pipedrive_deals",
        "Pipedrive — deals export",
        "leads",
        None,
        ("Deal - ID", "Deal - Title", "Deal - Value", "Deal - Stage", "Deal - Status", "Deal - Deal created"),
        {
            "Deal - ID": "lead_id", "Deal - Value": "revenue", "Deal - Stage": "stage",
            "Deal - Deal created": "created_at", "Deal - Won time": "converted_at",
            "Deal - Source channel": "channel",
            **_ignore("Deal - Title", "Deal - Currency", "Deal - Status", "Deal - Organization",
                      "Deal - Contact person", "Deal - Owner", "Deal - Lost reason"),
        },
    ),
)

PRESETS: tuple[Preset, ...] = (
    *_META_BUSINESS_SUITE,
    *_META_ADS,
    *_X,
    *_LINKEDIN,
    *_YOUTUBE,
    *_TIKTOK,
    *_GOOGLE,
    *_OTHER_ADS,
    *_GOOGLE_BUSINESS,
    *_SHOPS,
    *_EMAIL,
    *_CRM,
)
# fmt: on
