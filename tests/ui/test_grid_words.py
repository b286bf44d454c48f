"""The data grid, the charts, the tiles and the filters write what a Polish or Spanish person
reads: numbers, money, percents and dates as the language writes them, platforms and channel
groups by their names; the data underneath keeps its values."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kpi.charts import bar_by, paid
from kpi.i18n import format_value
from kpi.i18n.names import display_name, named
from kpi.views.model import Table
from ui import grid, render, tables

NBSP = "\u00a0"
FRAME = pd.DataFrame(
    {
        "channel": ["organic_search", "paid_social", "Newsletter <b>"],
        "spend": [1221.7, 12.0, None],
        "rate": [0.125, 0.5, 0.0],
        "clicks": [12345, 7, 0],
        "day": [dt.date(2026, 3, 3), dt.date(2026, 10, 18), None],
        "currency": ["PLN", "PLN", "PLN"],
    }
)
FORMATS = {
    "channel": None,
    "spend": "currency",
    "rate": "percent",
    "clicks": "count",
    "day": "date",
}


def _written(lang: str, frame: pd.DataFrame = FRAME) -> dict[str, list[str]]:
    writers = grid.cell_writers(frame, FORMATS, lang)
    return {c: [writers[c](v) for v in frame[c]] for c in writers}


def test_polish_grid_cells():
    cells = _written("pl")
    assert cells["spend"] == [f"1{NBSP}221,70{NBSP}zł", f"12,00{NBSP}zł", ""]
    assert cells["rate"] == ["12,5%", "50,0%", "0,0%"]
    assert cells["clicks"] == [f"12{NBSP}345", "7", "0"]  # exact counts, never 12,3 tys.
    assert cells["day"] == ["3 mar 2026", "18 paź 2026", ""]
    assert cells["channel"] == ["Wyszukiwanie organiczne", "Płatne media społecznościowe",
                                "Newsletter <b>"]  # fmt: skip


def test_spanish_grid_cells_in_euros_and_a_styler_keeping_the_values():
    frame = FRAME.drop(columns="currency")  # no currency in the data: euros, as the tiles
    cells = _written("es", frame)
    assert cells["spend"][0] == f"1.221,70{NBSP}€"
    assert cells["rate"][0] == f"12,5{NBSP}%"
    assert cells["channel"][:2] == ["Búsqueda orgánica", "Social de pago"]
    styler = grid.styled(frame, FORMATS, "es")
    assert styler is not None and styler.data.equals(frame)  # sorting sorts the values
    assert "Búsqueda orgánica" in styler.to_html()


def test_amounts_in_several_currencies_are_numbers_beside_their_currency_column():
    frame = FRAME.assign(currency=["PLN", "USD", "PLN"])
    assert _written("pl", frame)["spend"][:2] == [f"1{NBSP}221,70", "12,00"]


def test_a_table_builder_s_currency_travels_in_attrs():
    rows = pd.DataFrame(
        {"campaign": ["a"], "kpi": ["spend"], "value": [1221.7], "currency": ["USD"]}
    )
    wide = paid.wide_table(rows, "campaign", {"spend": "Spend"}, lang="pl")
    writers = grid.cell_writers(wide, {"Spend": "currency"}, "pl")
    assert writers["Spend"](1221.7) == f"1{NBSP}221,70{NBSP}USD"


def test_a_too_large_table_keeps_streamlit_s_formats():
    frame = pd.DataFrame({"n": range(grid.MAX_STYLED_CELLS + 1)})
    assert not grid.stylable(frame) and grid.styled(frame, {"n": "count"}) is None


def test_the_page_grid_draws_the_styler_and_gives_written_columns_no_printf_format(monkeypatch):
    drawn = []
    monkeypatch.setattr(
        tables.st, "dataframe", lambda data, **options: drawn.append((data, options))
    )
    table = Table(FRAME, "t", formats=FORMATS, labels={"spend": "Wydatki"}, download="")
    from kpi.i18n import use_language

    with use_language("pl"):
        render.draw_block(table, present=False)
    data, options = drawn[0]
    assert data.data is FRAME and f"1{NBSP}221,70{NBSP}zł" in data.to_html()
    config = options["column_config"]
    assert config["spend"]["label"] == "Wydatki" and "type_config" not in config["spend"]


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        ("tiktok", "pl", "TikTok"), ("linkedin", "es", "LinkedIn"), ("YouTube", "en", "YouTube"),
        ("Organic Search", "es", "Búsqueda orgánica"), ("organic-search", "pl", "Wyszukiwanie organiczne"),
        ("paid_social", "en", "Paid Social"), ("pinterest", "pl", "Pinterest"),
        ("**mine**", "pl", "**mine**"), (None, "pl", ""),
    ],
)  # fmt: skip
def test_people_s_names_for_platforms_and_channels(value, lang, shown):
    assert display_name(value, lang) == shown


def test_charts_name_platforms_and_leave_the_data_alone():
    rows = pd.DataFrame({"platform": ["tiktok", "x"], "value": [1.0, 2.0]})
    spec = paid.bar_values(rows, "platform", "Spend", lang="pl").to_dict()
    assert {r["platform"] for r in spec["datasets"][spec["data"]["name"]]} == {"TikTok", "X"}
    spec = bar_by(rows, "platform", "Rate").to_dict()
    assert {r["platform"] for r in spec["datasets"][spec["data"]["name"]]} == {"TikTok", "X"}
    assert list(rows["platform"]) == ["tiktok", "x"]
    assert named(rows, ("value",)) is rows  # no name column: the frame itself


def test_a_duration_keeps_each_number_with_its_unit():
    assert format_value(5400, "duration", "pl") == f"1{NBSP}h 30{NBSP}min"
    assert format_value(65, "duration", "es") == f"1{NBSP}min 05{NBSP}s"
    assert format_value(5400, "duration", "en") == "1h 30m"


def test_attribution_charts_name_channels_in_their_bars_and_their_order():
    from kpi.charts import roi

    frame = pd.DataFrame(
        {"model": ["first", "first"], "key": ["organic_search", "Spring sale"],
         "conversions": [2.0, 1.0], "revenue": [1.0, 1.0]}
    )  # fmt: skip
    spec = roi.models_bars(frame, "conversions", "Kanał", lang="pl").to_dict()
    assert spec["encoding"]["x"]["sort"] == ["Wyszukiwanie organiczne", "Spring sale"]
    spec = roi.removal_bars({"paid_social": 0.4}, "Canal", lang="es").to_dict()
    assert spec["datasets"][spec["data"]["name"]][0]["key"] == "Social de pago"
