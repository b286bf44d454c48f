"""The real exports in ../shared/data/real/ (skipped where that folder is absent): every table is
recognised as the right dataset, and at least 95% of the columns that have a canonical field are
mapped to it. The expected field of each such column is written here by hand; a column not listed
has no canonical field (a rate, an average, a dimension the dataset does not hold, a paid-only or
unique-users twin). The share is printed; run with `-s` to see it."""

from __future__ import annotations

from pathlib import Path

import pytest
from mappingkit import read_part

pytestmark = pytest.mark.shared

MIN_SHARE = 0.95

# file → part (sheet, `table 2`; None for the only table) → (dataset, {column: canonical field})
EXPECTED: dict[str, dict[str | None, tuple[str, dict[str, str]]]] = {
    "meta_business_suite_facebook_posts_2025.csv": {
        None: (
            "posts",
            {
                "Post ID": "post_id",
                "Description": "text",
                "Publish time": "published_at",  # "Date" is the literal "Lifetime"
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
        )
    },
    "linkedin_page_content_proefficient_resaved.xls": {
        "Metrics": (
            "account_daily",
            {
                "Date": "date",
                "Impressions (total)": "impressions",
                "Unique impressions (organic)": "reach",
                # account_daily holds likes, comments and shares since the recognition work
                "Reactions (total)": "likes",
                "Comments (total)": "comments",
                "Reposts (total)": "shares",
            },
        ),
        "All posts": (
            "posts",
            {
                "Post title": "text",
                "Post link": "url",
                # Organic / Sponsored: is_paid in meaning, but the view cannot cast those words
                # to a boolean yet, so the mapping leaves it (a miss, counted)
                "Post type": "is_paid",
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
        ),
    },
    "ua_google_analytics_browser_os_english.csv": {
        None: ("web_traffic", {"Sessions": "sessions"}),
    },
    "ua_google_analytics_browser_version_dutch.csv": {
        "table 1": (
            "web_traffic",
            {
                "Sessies": "sessions",
                "Nieuwe gebruikers": "new_users",
                "Behaalde doelen": "conversions",  # goal completions; "Doelwaarde" is not revenue
            },
        ),
        "table 2": ("web_traffic", {"Dagindex": "date", "Sessies": "sessions"}),
    },
    "youtube_studio_chart_data_geography_codingtrain.csv": {
        None: ("account_daily", {"Date": "date", "Views": "impressions"}),
    },
    "youtube_studio_table_data_geography_codingtrain.csv": {
        None: (
            "audience",
            {
                "Geography": "segment",
                "Views": "views",
                # watch_seconds in meaning, but in hours: mapping it unscaled would be 3 600 times
                # too small, so the mapping leaves it (a miss, counted)
                "Watch time (hours)": "watch_seconds",
            },
        )
    },
    "youtube_studio_totals_codingtrain.csv": {
        None: ("account_daily", {"Date": "date", "Views": "impressions"}),
    },
}

TABLES = [(f, part) for f, parts in EXPECTED.items() for part in parts]


@pytest.mark.parametrize(("file", "part"), TABLES, ids=[f"{f}:{p}" for f, p in TABLES])
def test_real_table_is_the_right_dataset(shared_real: Path, file: str, part: str | None) -> None:
    dataset, expected = EXPECTED[file][part]
    read = read_part(shared_real / file, part)
    assert read.mapping.dataset == dataset
    # a column the mapping gives a field must be given the right one (a wrong field is worse
    # than none)
    wrong = {c: f for c, f in read.fields.items() if expected.get(c) != f}
    assert wrong == {}


def test_real_exports_map_at_least_95_percent_of_their_canonical_columns(
    shared_real: Path,
) -> None:
    every_file = {p.name for p in shared_real.iterdir() if p.suffix in (".csv", ".xls", ".xlsx")}
    assert every_file <= set(EXPECTED), (
        f"real exports without expectations: {every_file - set(EXPECTED)}"
    )
    hits = total = 0
    lines = []
    for file, part in TABLES:
        _, expected = EXPECTED[file][part]
        read = read_part(shared_real / file, part)
        assert set(expected) <= set(read.table.data.column_names), (file, part)
        mapped = sum(1 for c, f in expected.items() if read.mapping.mapping.get(c) == f)
        missed = sorted(c for c, f in expected.items() if read.mapping.mapping.get(c) != f)
        hits, total = hits + mapped, total + len(expected)
        lines.append(f"  {file} › {part or '-'}: {mapped}/{len(expected)}  missed: {missed}")
    share = hits / total
    print("\nreal exports, columns with a canonical field mapped to it:")
    print("\n".join(lines))
    print(f"  overall: {hits}/{total} = {share:.3f}")
    assert share >= MIN_SHARE
