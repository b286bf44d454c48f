"""Every preset, on its export: the fixture (or the shared real file) is loaded with `load_file`,
each table recognised as the app does, and the dataset, platform, preset and EVERY mapped field
checked against the full expected mapping written here by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from mappingkit import FIXTURES, read_part


@dataclass(frozen=True)
class Case:
    """One table of one export and how it must be read."""

    file: str  # under tests/mapping/fixtures/, or in ../shared/data/real/ when `real`
    part: str | None  # the sheet (or `table 2`); None for the file's only table
    preset: str | None
    dataset: str
    platform: str | None
    fields: dict[str, str]  # every column that has a canonical field → that field
    constants: dict[str, str] = field(default_factory=dict)
    real: bool = False

    @property
    def id(self) -> str:
        return f"{self.preset or 'synonyms'}:{self.part or Path(self.file).name}"


def _linkedin_demographics(file: str, kind: str, measure: str, target: str) -> list[Case]:
    dimensions = {
        "Location": "city",
        "Job function": "job_function",
        "Industry": "industry",
        "Company size": "company_size",
        "Seniority": "seniority",
    }
    return [
        Case(
            file,
            sheet,
            f"linkedin_{kind}_{sheet.lower().replace(' ', '_')}",
            "audience",
            "linkedin",
            {sheet: "segment", measure: target},
            {"dimension": dimension},
        )
        for sheet, dimension in dimensions.items()
    ]


CASES = [
    # --- Meta -------------------------------------------------------------------------------------
    Case(
        "meta_business_suite_facebook_posts_2025.csv",
        None,
        "meta_business_suite_posts",
        "posts",
        "facebook",
        {
            "Post ID": "post_id",
            "Description": "text",
            "Publish time": "published_at",
            "Permalink": "url",
            "Post type": "post_type",
            "Views": "impressions",
            "Reach": "reach",
            "Reactions": "likes",
            "Comments": "comments",
            "Shares": "shares",
            "Total clicks": "clicks",
            "3-second video views": "video_views",
            "Negative feedback from users": "negative_feedback",
        },
        real=True,
    ),
    Case(
        "Feb-01-2025_Mar-15-2025_17841405309211844.csv",
        None,
        "meta_business_suite_instagram_posts",
        "posts",
        "instagram",
        {
            "Post ID": "post_id",
            "Description": "text",
            "Publish time": "published_at",
            "Permalink": "url",
            "Post type": "post_type",
            "Views": "impressions",
            "Reach": "reach",
            "Likes": "likes",
            "Shares": "shares",
            "Follows": "follows",
            "Comments": "comments",
            "Saves": "saves",
        },
    ),
    Case(
        "Facebook Insights Data Export (Post Level) - Panaderia Acme - 2016-02-01 - 2016-02-29.csv",
        None,
        "facebook_insights_posts",
        "posts",
        "facebook",
        {
            "Post ID": "post_id",
            "Permalink": "url",
            "Post Message": "text",
            "Type": "post_type",
            "Posted": "published_at",
            "Lifetime Post Total Reach": "reach",
            "Lifetime Post Total Impressions": "impressions",
            "Lifetime Post Consumptions": "clicks",
            "Lifetime Negative feedback": "negative_feedback",
            "Lifetime Post Stories by action type - comment": "comments",
            "Lifetime Post Stories by action type - like": "likes",
            "Lifetime Post Stories by action type - share": "shares",
        },
    ),
    Case(
        "Facebook Insights Data Export - Panaderia Acme - 2015-08-19 - 2015-08-22.csv",
        None,
        "facebook_insights_page",
        "account_daily",
        "facebook",
        {
            "Date": "date",
            "Lifetime Total Likes": "followers",
            "Daily New Likes": "new_followers",
            "Daily Unlikes": "lost_followers",
            "Daily Total Reach": "reach",
            "Daily Total Impressions": "impressions",
            "Daily Logged-in Page Views": "page_views",
        },
    ),
    Case(
        "Panaderia-Acme-Campaigns-Feb-1-2025-Feb-28-2025.csv",
        None,
        "meta_ads_manager",
        "ads",
        "facebook",
        {
            "Reporting starts": "date",
            "Campaign name": "campaign",
            "Reach": "reach",
            "Impressions": "impressions",
            "Amount spent (EUR)": "spend",
        },
        {"currency": "EUR"},
    ),
    Case(
        "Panaderia-Acme-Campaigns-Mar-1-2025-Mar-31-2025.csv",
        None,
        "meta_ads_manager",
        "ads",
        "facebook",
        {
            "Reporting starts": "date",
            "Campaign name": "campaign",
            "Reach": "reach",
            "Impressions": "impressions",
            "Amount spent (USD)": "spend",
        },
        {"currency": "USD"},
    ),
    Case(
        "Panaderia-Acme-Campañas-1-feb-2025-28-feb-2025.csv",
        None,
        "meta_ads_manager_es",
        "ads",
        "facebook",
        {
            "Inicio del informe": "date",
            "Nombre de la campaña": "campaign",
            "Alcance": "reach",
            "Impresiones": "impressions",
            "Importe gastado (COP)": "spend",
        },
        {"currency": "COP"},
    ),
    # --- X / Twitter --------------------------------------------------------------------------------
    Case(
        "tweet_activity_metrics_panaderiaacme_20211201_20211231_en.csv",
        None,
        "x_tweet_activity",
        "posts",
        "x",
        {
            "Tweet id": "post_id",
            "Tweet permalink": "url",
            "Tweet text": "text",
            "time": "published_at",
            "impressions": "impressions",
            "retweets": "shares",
            "replies": "comments",
            "likes": "likes",
            "user profile clicks": "profile_visits",
            "url clicks": "clicks",
            "follows": "follows",
            "media views": "video_views",
        },
    ),
    Case(
        "daily_tweet_activity_metrics_panaderiaacme_20210801_20210831_en.csv",
        None,
        "x_daily_tweet_activity",
        "account_daily",
        "x",
        {
            "Date": "date",
            "impressions": "impressions",
            "user profile clicks": "profile_visits",
            "url clicks": "website_clicks",
            "follows": "new_followers",
            # account_daily holds likes, comments, shares and video views since the recognition work
            "likes": "likes",
            "replies": "comments",
            "retweets": "shares",
            "media views": "video_views",
        },
    ),
    Case(
        "account_overview_analytics.csv",
        None,
        "x_account_overview",
        "account_daily",
        "x",
        {
            "Date": "date",
            "Impressions": "impressions",
            "New follows": "new_followers",
            "Unfollows": "lost_followers",
            "Profile visits": "profile_visits",
            "Likes": "likes",
            "Replies": "comments",
            "Reposts": "shares",  # "Shares" are sends, as in the content export
            "Video views": "video_views",
        },
    ),
    Case(
        "account_analytics_content_2025-02-11_2025-02-18.csv",
        None,
        "x_account_content",
        "posts",
        "x",
        {
            "Post id": "post_id",
            "Date": "published_at",
            "Post text": "text",
            "Link": "url",
            "Impressions": "impressions",
            "Likes": "likes",
            "Bookmarks": "saves",
            "New follows": "follows",
            "Replies": "comments",
            "Reposts": "shares",
            "Profile visits": "profile_visits",
            "Url clicks": "clicks",
        },
    ),
    # --- LinkedIn -----------------------------------------------------------------------------------
    Case(
        "linkedin_page_content_proefficient_resaved.xls",
        "Metrics",
        "linkedin_content_metrics",
        "account_daily",
        "linkedin",
        {
            "Date": "date",
            "Impressions (total)": "impressions",
            "Unique impressions (organic)": "reach",
            "Reactions (total)": "likes",
            "Comments (total)": "comments",
            "Reposts (total)": "shares",
        },
        real=True,
    ),
    Case(
        "linkedin_page_content_proefficient_resaved.xls",
        "All posts",
        "linkedin_content_posts",
        "posts",
        "linkedin",
        {
            "Post title": "text",
            "Post link": "url",
            "Campaign name": "campaign",
            "Created date": "published_at",
            "Impressions": "impressions",
            "Views": "video_views",
            "Clicks": "clicks",
            "Likes": "likes",
            "Comments": "comments",
            "Reposts": "shares",
            "Follows": "follows",
            "Content Type": "post_type",
        },
        real=True,
    ),
    Case(
        "panaderia-acme_followers_1742193384396.xlsx",
        "New followers",
        "linkedin_followers_new",
        "account_daily",
        "linkedin",
        {"Date": "date", "Total followers": "new_followers"},
    ),
    *_linkedin_demographics(
        "panaderia-acme_followers_1742193384396.xlsx", "followers", "Total followers", "followers"
    ),
    Case(
        "panaderia-acme_visitors_1742193384396.xlsx",
        "Visitor metrics",
        "linkedin_visitors_metrics",
        "account_daily",
        "linkedin",
        {"Date": "date", "Total page views (total)": "page_views"},
    ),
    *_linkedin_demographics(
        "panaderia-acme_visitors_1742193384396.xlsx", "visitors", "Total views", "views"
    ),
    # --- YouTube ------------------------------------------------------------------------------------
    Case(
        "youtube_studio_content/Table data.csv",
        None,
        "youtube_table_data_content",
        "posts",
        "youtube",
        {
            "Content": "post_id",
            "Video title": "text",
            "Video publish time": "published_at",
            "Views": "video_views",
            "Subscribers": "follows",
            "Impressions": "impressions",
        },
    ),
    Case(
        "youtube_studio_table_data_geography_codingtrain.csv",
        None,
        "youtube_table_data_geography",
        "audience",
        "youtube",
        {"Geography": "segment", "Views": "views"},
        {"dimension": "country"},
        real=True,
    ),
    Case(
        "youtube_studio_chart_data_geography_codingtrain.csv",
        None,
        "youtube_chart_data",
        "account_daily",
        "youtube",
        {"Date": "date", "Views": "impressions"},
        real=True,
    ),
    Case(
        "youtube_studio_totals_codingtrain.csv",
        None,
        "youtube_totals",
        "account_daily",
        "youtube",
        {"Date": "date", "Views": "impressions"},
        real=True,
    ),
    # --- TikTok -------------------------------------------------------------------------------------
    Case(
        "tiktok_studio/Overview.csv",
        None,
        "tiktok_overview",
        "account_daily",
        "tiktok",
        {
            "Date": "date",
            "Video Views": "impressions",
            "Profile Views": "profile_visits",
            "Likes": "likes",
            "Comments": "comments",
            "Shares": "shares",
        },
    ),
    Case(
        "tiktok_studio/Content.csv",
        None,
        "tiktok_content",
        "posts",
        "tiktok",
        {
            "Video title": "text",
            "Video link": "url",
            "Post time": "published_at",
            "Total likes": "likes",
            "Total comments": "comments",
            "Total shares": "shares",
            "Total views": "impressions",
        },
    ),
    Case(
        "tiktok_studio/FollowerHistory.csv",
        None,
        "tiktok_follower_history",
        "account_daily",
        "tiktok",
        # the day's net change is what the new-followers KPIs count
        {
            "Date": "date",
            "Followers": "followers",
            "Difference in followers from previous day": "new_followers",
        },
    ),
    Case(
        "tiktok_studio/Viewers.csv",
        None,
        "tiktok_viewers",
        "account_daily",
        "tiktok",
        {"Date": "date", "Total Viewers": "reach"},
    ),
    # --- Google -------------------------------------------------------------------------------------
    Case(
        "Traffic_acquisition_Session_primary_channel_group_(Default_Channel_Group).csv",
        None,
        "ga4_report",
        "web_traffic",
        None,
        {
            "Session primary channel group (Default Channel Group)": "channel_group",
            "Sessions": "sessions",
            "Engaged sessions": "engaged_sessions",
            "Key events": "conversions",
            "Total revenue": "revenue",
        },
    ),
    Case(
        "Analytics All Web Site Data Channels 20190101-20190131.csv",
        "table 1",
        "ga_universal_analytics",
        "web_traffic",
        None,
        {
            "Default Channel Grouping": "channel_group",
            "Users": "users",
            "New Users": "new_users",
            "Sessions": "sessions",
            "Goal Completions": "conversions",
        },
    ),
    Case(
        "search_console/Dates.csv",
        None,
        "search_console_dates",
        "search_queries",
        None,
        {"Date": "date", "Clicks": "clicks", "Impressions": "impressions", "Position": "position"},
    ),
    Case(
        "search_console/Queries.csv",
        None,
        "search_console_queries",
        "search_queries",
        None,
        {
            "Top queries": "query",
            "Clicks": "clicks",
            "Impressions": "impressions",
            "Position": "position",
        },
    ),
    Case(
        "Campaign report.csv",
        None,
        "google_ads_report",
        "ads",
        "google",
        {
            "Campaign": "campaign",
            "Currency code": "currency",
            "Clicks": "clicks",
            "Impr.": "impressions",
            "Cost": "spend",
            "Conv. value": "conversion_value",
            "Conversions": "conversions",
        },
    ),
    # --- CRM ----------------------------------------------------------------------------------------
    Case(
        "hubspot-crm-exports-all-contacts-2025-03-01.csv",
        None,
        "hubspot_contacts",
        "leads",
        None,
        {
            "Record ID": "lead_id",
            "Lifecycle Stage": "stage",
            "Original Source": "channel",
            "Create Date": "created_at",
            "HubSpot Score": "score",
            "Became a Customer Date": "converted_at",
        },
    ),
    Case(
        "hubspot-crm-exports-all-deals-2025-03-01.csv",
        None,
        "hubspot_deals",
        "leads",
        None,
        {
            "Record ID": "lead_id",
            "Deal Stage": "stage",
            "Amount": "revenue",
            "Close Date": "converted_at",
            "Create Date": "created_at",
            "Original Source Type": "channel",
        },
    ),
]


@pytest.fixture
def folder(request: pytest.FixtureRequest) -> Path:
    """Where the case's file lives: the fixtures, or the shared real exports (skipped if absent)."""
    case: Case = request.node.callspec.params["case"]
    return request.getfixturevalue("shared_real") if case.real else FIXTURES


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_preset_reads_its_export(case: Case, folder: Path) -> None:
    read = read_part(folder / case.file, case.part)
    mapping = read.mapping
    assert (mapping.dataset, mapping.platform, mapping.preset) == (
        case.dataset,
        case.platform,
        case.preset,
    )
    assert read.fields == case.fields
    assert mapping.constants == case.constants
    assert not mapping.needs_review


def test_universal_analytics_day_table_is_web_traffic() -> None:
    """The second table of a UA export (`Day Index,Sessions`) reads by synonyms."""
    read = read_part(
        FIXTURES / "Analytics All Web Site Data Channels 20190101-20190131.csv", "table 2"
    )
    assert (read.mapping.dataset, read.mapping.preset) == ("web_traffic", None)
    assert read.fields["Sessions"] == "sessions"


def test_universal_analytics_day_index_is_the_date() -> None:
    read = read_part(
        FIXTURES / "Analytics All Web Site Data Channels 20190101-20190131.csv", "table 2"
    )
    assert read.fields == {"Day Index": "date", "Sessions": "sessions"}
