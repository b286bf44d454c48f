"""KPI tiles say what qualifies a value: the platforms a ratio covers, the export a multi-source
KPI came from, the amount's currency, the result's notes, and the new kinds of need."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.i18n import format_value
from kpi.load import load_files
from kpi.store import SessionData
from tests.uikit import plain

APP = str(Path(__file__).resolve().parents[2] / "app.py")
ADS = "date,platform,campaign,spend,impressions,clicks,currency\n"


@pytest.fixture(autouse=True)
def _fresh_caches():
    # AppTests in one process share a session id: start each test from clean caches.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def _open(page: str, files: list[tuple[str, bytes]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if files is not None:
        data = SessionData()
        data.add(load_files(files))
        data.source = "uploads"
        at.session_state["session_data"] = data
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    return at


def _captions(at: AppTest) -> list[str]:
    return [plain(c.value) for c in at.caption]


def test_format_value_writes_the_rows_currency():
    assert format_value(1234.0, "currency") == "€1,234"  # no currency known: euros, as before
    assert format_value(1234.0, "currency", currency="EUR") == "€1,234"
    assert format_value(1234.0, "currency", currency="USD") == "$1,234"
    assert format_value(12.5, "currency", currency="GBP") == "£12.50"
    assert format_value(1234.0, "currency", currency="PLN") == "1,234 PLN"  # CLDR's English
    assert format_value(1234.0, "currency", currency="COP") == "1,234 COP"


def test_paid_tiles_say_which_platforms_a_partial_cost_covers_and_show_the_note():
    at = _open("paid")
    captions = _captions(at)
    # Cost per new follower: Google ads report no followers, so it covers two platforms only.
    assert "Facebook, Instagram only" in captions
    # Spend covers every ads platform: no "only" under it.
    assert not [c for c in captions if c.endswith(" only") and "Google" in c]
    assert any("covers facebook, instagram only" in c and "google" in c for c in captions)


def test_overview_leads_tile_says_it_comes_from_the_crm_and_shows_the_note():
    at = _open("overview")
    captions = _captions(at)
    assert "from the CRM export" in captions
    assert "Leads from the CRM, which wins over the ads reports" in captions


@pytest.mark.parametrize(("code", "shown"), [("USD", "$150"), ("COP", "150 COP")])
def test_amounts_are_shown_in_the_datas_currency(code, shown):
    ads = (
        f"{ADS}2026-01-05,facebook,a,100,1000,10,{code}\n2026-01-06,facebook,b,50,2000,20,{code}\n"
    )
    at = _open("paid", [("ads.csv", ads.encode())])
    values = {m.label: m.value for m in at.metric}
    assert values["Ad spend"] == shown
    assert "€" not in values["Ad spend"]


def test_currency_text_from_a_file_is_shown_literally():
    ads = f"{ADS}2026-01-05,facebook,a,100,1000,10,**X**\n"
    at = _open("paid", [("ads.csv", ads.encode())])
    value = {m.label: m.value for m in at.metric}["Ad spend"]
    assert value == "100 \\*\\*X\\*\\*"


def test_several_currencies_ask_for_a_per_currency_view():
    ads = f"{ADS}2026-01-05,facebook,a,100,1000,10,USD\n2026-01-06,google,b,50,2000,20,EUR\n"
    at = _open("paid", [("ads.csv", ads.encode())])
    assert "Ad spend" not in [m.label for m in at.metric]
    captions = _captions(at)
    assert "amounts in several currencies (EUR, USD): see them per currency in Explore" in captions


def test_explore_offers_currency_only_for_amounts():
    at = _open("explore")
    at.selectbox(key="explore_kpi").set_value("sessions").run()
    assert "Currency" not in at.selectbox(key="explore_by").options


def test_explore_says_a_kpi_shown_per_dimension_needs_that_breakdown():
    at = _open("explore")
    at.selectbox(key="explore_kpi").set_value("followers_by_segment").run()
    assert [plain(i.value) for i in at.info] == [
        "Followers by segment is shown per Dimension: pick it under Break down by."
    ]
    at.selectbox(key="explore_by").set_value("dimension").run()
    assert not at.exception and at.get("vega_lite_chart")


def test_a_kpi_shown_per_dimension_says_to_pick_a_breakdown():
    def script() -> None:
        from kpi.engine import Need
        from ui.tiles import show_needs

        show_needs(
            Need(
                "followers_by_segment",
                ("dimension",),
                "choose a breakdown: dimension",
                reason="breakdown",
            )
        )

    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception
    assert _captions(at) == ["shown per dimension: pick a breakdown in Explore"]


def test_explore_shows_amounts_in_several_currencies_per_currency():
    ads = f"{ADS}2026-01-05,facebook,a,100,1000,10,USD\n2026-01-06,google,b,50,2000,20,EUR\n"
    at = _open("explore", [("ads.csv", ads.encode())])
    at.selectbox(key="explore_kpi").set_value("spend").run()
    assert [plain(i.value) for i in at.info] == [
        "Ad spend is in several currencies, which are not added up: pick Currency under Break down by."
    ]
    assert "Currency" in at.selectbox(key="explore_by").options
    at.selectbox(key="explore_by").set_value("currency").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["Currency"]) == {"EUR", "USD"}


def test_platform_names_from_a_file_stay_text_in_tile_captions_and_notes():
    ads = (
        "date,platform,campaign,spend,impressions,clicks,new_followers\n"
        "2026-01-05,facebook,a,100,1000,10,5\n"
        "2026-01-05,![b](http://example.com/x.png),b,50,2000,20,\n"
        "2026-01-06,**loud**,c,50,2000,20,4\n"
    )
    at = _open("paid", [("ads.csv", ads.encode())])
    raw = [c.value for c in at.caption]
    assert not any("](http://example.com" in c for c in raw)
    assert not any("**loud**" in c for c in raw)
    captions = _captions(at)
    assert "**loud**, Facebook only" in captions  # escaped in Markdown, read as written
    assert any("![b](http://example.com/x.png)" in c for c in captions)  # the note names it
