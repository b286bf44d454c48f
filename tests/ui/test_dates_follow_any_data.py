"""After an upload the dates follow the new data whatever it is: a shop's orders or a CRM export
alone open on their own last weeks, not on today's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.core.test_order_line_items import ETSY_ITEMS
from tests.mapping.test_crm_languages import EXPORTS as CRM

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.mark.parametrize(
    ("name", "text", "last"),
    [
        ("EtsySoldOrderItems2026-4.csv", ETSY_ITEMS, dt.date(2026, 4, 12)),
        ("hubspot-crm-exports-contacts.csv", CRM["es"], dt.date(2026, 3, 5)),
    ],
)
def test_an_orders_or_crm_upload_alone_moves_the_dates_to_its_last_weeks(name, text, last):
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    at.file_uploader[0].set_value([(name, text.encode(), "text/csv")]).run()
    assert not at.exception
    start, end = at.session_state["ctl_range"]
    assert end == last
    assert start.weekday() == 0 and start < end
