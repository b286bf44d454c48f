"""Matching robustness: case, accents, punctuation, units in brackets and near spellings all find
the field; a table that is mostly unknown is never confidently assigned; the unit guard, the
currency written in a header, and where the platform comes from."""

from __future__ import annotations

import pytest

from kpi.mapping import recognise

POSTS = (["Publish time", "Post ID"], "instagram_posts.csv", {"Publish time": "timestamp"})
ADS = (["Date", "Campaign"], "facebook_ads.csv", {"Date": "date"})


@pytest.mark.parametrize(
    ("context", "column", "field"),
    [
        # case
        (POSTS, "IMPRESSIONS", "impressions"),
        (POSTS, "impressions", "impressions"),
        (POSTS, "ImPreSiOnes", "impressions"),
        # accents, written or left out
        (POSTS, "Impressões", "impressions"),
        (POSTS, "Impressoes", "impressions"),
        (POSTS, "WYŚWIETLENIA", "impressions"),
        (POSTS, "Wyswietlenia", "impressions"),
        (POSTS, "Udostepnienia", "shares"),
        (POSTS, "Comentários", "comments"),
        # punctuation and separators
        (POSTS, "video_views", "video_views"),
        (POSTS, "Video-Views", "video_views"),
        (POSTS, "  Profile   visits: ", "profile_visits"),
        (POSTS, "Me gusta", "likes"),
        (POSTS, "me_gusta", "likes"),
        # units and notes in brackets
        (ADS, "Amount spent (EUR)", "spend"),
        (ADS, "Amount spent [USD]", "spend"),
        (ADS, "Importe gastado (COP)", "spend"),
        (ADS, "Wydana kwota (PLN)", "spend"),
        (ADS, "amount_spent", "spend"),
        (POSTS, "Reach (organic)", "reach"),
        # near spellings
        (POSTS, "Impresions", "impressions"),
        (POSTS, "Impressons", "impressions"),
        (POSTS, "Comentaros", "comments"),
        (POSTS, "Polubienie", "likes"),
        (ADS, "Ammount spent", "spend"),
    ],
)
def test_column_variants_find_their_field(
    context: tuple[list[str], str, dict[str, str]], column: str, field: str
) -> None:
    base, file_name, types = context
    mapping = recognise([*base, column], file_name, {**types, column: "integer"})
    assert mapping.dataset is not None
    assert mapping.mapping[column] == field


@pytest.mark.parametrize(
    ("columns", "types", "file_name"),
    [
        (["foo", "bar", "date"], {"foo": "text", "bar": "integer", "date": "date"}, "export.csv"),
        (
            ["foo", "bar", "date"],
            {"foo": "text", "bar": "integer", "date": "date"},
            "facebook_data.csv",
        ),
        (["foo", "bar", "date"], {}, "facebook_data.csv"),
        (["foo", "bar"], {"foo": "integer", "bar": "integer"}, "export.csv"),
        (["Name", "Email", "Phone"], {}, "contacts.csv"),
        (["Date", "Temperature", "Humidity"], {"Date": "date"}, "tiktok_weather.csv"),
    ],
)
def test_a_mostly_unknown_table_is_not_confidently_assigned(
    columns: list[str], types: dict[str, str], file_name: str
) -> None:
    mapping = recognise(columns, file_name, types)
    assert mapping.dataset is None or mapping.needs_review


def test_a_narrow_table_whose_only_measure_maps_is_proposed_for_review() -> None:
    """`Browser, Browser Version, Operating System, Sessions` is web traffic, but ask."""
    columns = ["Browser", "Browser Version", "Operating System", "Sessions"]
    types = dict.fromkeys(columns[:3], "text") | {"Sessions": "integer"}
    mapping = recognise(columns, "analytics.csv", types)
    assert mapping.dataset == "web_traffic"
    assert mapping.mapping["Sessions"] == "sessions"
    assert mapping.needs_review


def test_a_unitless_or_other_unit_watch_time_never_becomes_seconds() -> None:
    columns = ["Country", "Views", "Watch time (hours)", "Watch time (seconds)"]
    types = {"Country": "text", "Views": "integer"} | dict.fromkeys(columns[2:], "decimal")
    mapping = recognise(columns, "youtube_geo.csv", types)
    assert mapping.dataset == "audience"
    assert mapping.mapping["Watch time (hours)"] is None
    assert mapping.mapping["Watch time (seconds)"] == "watch_seconds"
    only_hours = recognise(columns[:3], "youtube_geo.csv", types)
    assert "watch_seconds" not in only_hours.mapping.values()


def test_a_rate_is_not_a_count() -> None:
    columns = ["Date", "Sessions", "Bounce rate", "Bounces"]
    mapping = recognise(columns, "ga.csv", {"Date": "date", "Bounce rate": "percent"})
    assert mapping.mapping["Bounce rate"] is None
    assert mapping.mapping["Bounces"] == "bounces"


@pytest.mark.parametrize(
    ("columns", "constants"),
    [
        (["Date", "Campaign", "Amount spent (EUR)"], {"currency": "EUR"}),
        (["Fecha", "Campaña", "Importe gastado (COP)"], {"currency": "COP"}),
        (["Date", "Campaign", "Amount spent (EUR)", "Currency"], {}),  # the column says it
        (["Date", "Campaign", "Amount spent"], {}),
        (["Date", "Campaign", "Amount spent (all)"], {}),  # not a currency code
    ],
)
def test_currency_written_in_the_spend_header_becomes_a_constant(
    columns: list[str], constants: dict[str, str]
) -> None:
    mapping = recognise(columns, "meta_ads.csv", {columns[0]: "date", columns[2]: "decimal"})
    assert mapping.dataset == "ads"
    assert mapping.constants == constants


def test_platform_comes_from_the_preset_before_the_file_name() -> None:
    header = ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
    mapping = recognise(header, "instagram_overview.csv", {"Date": "date"})
    assert (mapping.preset, mapping.platform) == ("tiktok_overview", "tiktok")


def test_platform_column_wins_over_the_file_name() -> None:
    columns = ["Publish time", "Platform", "Impressions"]
    mapping = recognise(columns, "instagram_posts.csv", {"Publish time": "timestamp"})
    assert mapping.mapping["Platform"] == "platform"
    assert mapping.platform is None  # the view reads each row's own platform


def test_platform_falls_back_to_the_file_name() -> None:
    mapping = recognise(["Publish time", "Impressions"], "linkedin_posts.csv", {})
    assert (mapping.dataset, mapping.platform) == ("posts", "linkedin")


def test_a_closed_preset_ignores_a_header_with_other_columns() -> None:
    """`Date, Views` is YouTube Totals; a wider table with those two columns is not."""
    assert recognise(["Date", "Views"], "Totals.csv", {"Date": "date"}).preset == "youtube_totals"
    wider = recognise(["Date", "Views", "Likes", "Platform"], "mine.csv", {"Date": "date"})
    assert wider.preset is None


def test_older_classic_x_export_calls_likes_favorites() -> None:
    header = [
        "Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements",
        "engagement rate", "retweets", "replies", "favorites", "user profile clicks", "url clicks",
    ]  # fmt: skip
    mapping = recognise(header, "tweet_activity_metrics_acme_20150901_20151001_en.csv")
    assert (mapping.preset, mapping.platform) == ("x_tweet_activity", "x")
    assert mapping.mapping["favorites"] == "likes"
