"""Charts in the reader's language: the Vega format locale built from CLDR (separators, money,
month and weekday names written out here by hand), carried by every styled chart's spec and
honoured by the offline exporter; Python-made axis names (weekdays, months) from Babel."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest

from kpi import charts
from kpi.charts import audience, content, paid, roi
from kpi.charts.locale import (
    d3_time_pattern,
    localized,
    month_label,
    vega_locale,
    weekday_names,
)
from kpi.export import chart_spec, chart_svg

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("lang", "decimal", "thousands", "percent"),
    [("en", ".", ",", "%"), ("es", ",", ".", f"{NBSP}%"), ("pl", ",", NBSP, "%")],
)
def test_number_separators_per_language(lang, decimal, thousands, percent):
    number = vega_locale(lang)["number"]
    assert (number["decimal"], number["thousands"], number["percent"]) == (
        decimal,
        thousands,
        percent,
    )
    assert number["grouping"] == [3] and number["minus"] == "-"


@pytest.mark.parametrize(
    ("lang", "currency", "affixes"),
    [
        ("en", None, ["€", ""]),  # no currency in the data: euros, as the sample's
        ("en", "USD", ["$", ""]),
        ("en", "PLN", ["", " PLN"]),  # a code follows the amount, as format_money writes it
        ("pl", "USD", ["", f"{NBSP}USD"]),  # CLDR's Polish writes the dollar USD, not $
        ("es", "EUR", ["", f"{NBSP}€"]),
        ("es", "USD", ["", f"{NBSP}US$"]),
        ("pl", "PLN", ["", f"{NBSP}zł"]),
        ("pl", "EUR", ["", f"{NBSP}€"]),
    ],
)
def test_money_sign_follows_the_data_s_currency(lang, currency, affixes):
    assert vega_locale(lang, currency)["number"]["currency"] == affixes


def test_month_and_weekday_names_in_d3_order():
    pl = vega_locale("pl")["time"]
    assert pl["months"][:3] == ["styczeń", "luty", "marzec"]  # stand-alone: an axis label
    assert pl["shortMonths"][9:] == ["paź", "lis", "gru"]
    assert pl["days"][:2] == ["niedziela", "poniedziałek"]  # d3 starts on Sunday
    assert pl["shortDays"][1] == "pon."
    es = vega_locale("es")["time"]
    assert es["months"][0] == "enero" and es["shortMonths"][8] == "sept"
    assert es["days"][3] == "miércoles" and es["periods"] == ["a.\u202fm.", "p.\u202fm."]
    en = vega_locale("en")["time"]
    assert en["shortMonths"][4] == "May" and en["days"][0] == "Sunday"
    assert en["periods"] == ["AM", "PM"]


@pytest.mark.parametrize(
    ("lang", "date", "time"),
    [
        ("en", "%-m/%-d/%y", "%-I:%M:%S\u202f%p"),  # CLDR's narrow no-break space
        ("es", "%-d/%-m/%y", "%-H:%M:%S"),
        ("pl", "%-d.%m.%Y", "%H:%M:%S"),
    ],
)
def test_date_and_time_formats_from_cldr_patterns(lang, date, time):
    locale = vega_locale(lang)["time"]
    assert (locale["date"], locale["time"], locale["dateTime"]) == (date, time, "%x, %X")


def test_ldml_patterns_become_d3_directives():
    assert d3_time_pattern("d MMM y") == "%-d %b %Y"
    assert d3_time_pattern("EEEE, d 'de' MMMM 'de' y") == "%A, %-d de %B de %Y"
    assert d3_time_pattern("h:mm a") == "%-I:%M %p"
    assert d3_time_pattern("HH'h'''") == "%Hh'"


def test_an_unknown_language_gets_the_english_locale():
    assert vega_locale("xx") == vega_locale("en")


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period_start": pd.date_range("2026-01-05", periods=4, freq="W-MON"),
            "value": [1234.5, 22000.0, 3000.0, 4000.0],
            "previous": [1000.0, 2000.0, None, 4000.0],
        }
    )


def test_a_styled_chart_carries_the_locale_of_its_language():
    spec = charts.styled(charts.bar_by(_frame().assign(p=list("abcd")), "p", "x"), lang="pl")
    assert spec.to_dict()["config"]["locale"] == vega_locale("pl")
    # Its look is still there beside the locale.
    assert spec.to_dict()["config"]["axis"]["labelFontSize"] == 12


def test_a_builder_s_locale_holds_the_data_s_currency_and_styling_keeps_it():
    rows = _frame().assign(currency="PLN")
    chart = charts.trend_with_comparison(
        rows, "Wydana kwota", charts.number_format("currency"), "pl"
    )
    styled = charts.styled(chart, present=True, lang="en").to_dict()
    assert styled["config"]["locale"]["number"]["currency"] == ["", f"{NBSP}zł"]
    assert styled["config"]["locale"]["number"]["decimal"] == ","


def test_the_exported_svg_writes_polish_numbers_and_months():
    chart = charts.trend_with_comparison(_frame(), "Wyświetlenia", ",.0f", "pl")
    svg = chart_svg(charts.styled(chart, lang="pl"))
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert f"20{NBSP}000" in labels  # the y axis
    assert any(label.endswith(" sty") for label in labels)  # January on the time axis
    assert "20,000" not in labels and not any("Jan" in label for label in labels)


def test_money_axis_in_the_exported_svg_shows_the_currency():
    rows = pd.DataFrame(
        {
            "kpi": ["spend"] * 3 + ["roas"] * 3,
            "period_start": list(pd.date_range("2026-03-02", periods=3, freq="W-MON")) * 2,
            "value": [1500.0, 2500.0, 3000.0, 1.5, 2.0, 2.5],
            "currency": ["PLN"] * 3 + [None] * 3,
        }
    )
    chart = paid.spend_and_roas(rows, "Wydana kwota", "ROAS", lang="pl")
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", chart_svg(charts.styled(chart, lang="pl")))
    assert f"3{NBSP}000{NBSP}zł" in labels and not any("€" in label for label in labels)


def test_the_heatmap_names_weekdays_in_polish_monday_first():
    cells = pd.DataFrame(
        [(d, h, 3, 0.05 * d) for d in range(1, 8) for h in (9, 18)],
        columns=["weekday", "hour", "posts", "rate"],
    )
    spec = audience.weekday_hour_heatmap(cells, min_posts=2, lang="pl").to_dict()
    order = spec["layer"][0]["encoding"]["y"]["sort"]
    assert order == ["pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz."]
    text = json.dumps(spec, ensure_ascii=False)
    assert "poniedziałek" in text and "niedziela" in text  # the tooltip's full names
    assert "Mon" not in order


def test_weekday_and_month_names_from_babel():
    assert weekday_names("es")[0] == "lunes" and weekday_names("es")[6] == "domingo"
    assert weekday_names("en", "abbreviated")[:2] == ["Mon", "Tue"]
    assert month_label(dt.date(2026, 3, 1), "pl") == "mar 26"
    assert month_label(pd.Timestamp("2026-09-01"), "es") == "sept 26"
    assert month_label(dt.date(2026, 3, 1), "en") == "Mar 26"


def test_growth_months_and_funnel_labels_in_the_language():
    table = pd.DataFrame(
        {
            "period_start": pd.date_range("2026-01-01", periods=3, freq="MS"),
            "value": [1000.0, 1100.0, 1200.0],
            "mom": [None, 0.1, 0.09],
            "yoy": [None, None, None],
        }
    )
    spec = json.loads(chart_spec(roi.growth_chart(table, "Sesje", lang="pl")))
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["sty 26", "lut 26", "mar 26"]
    steps = pd.DataFrame({"label": ["a", "b"], "value": [12345.0, 1234.0], "rate": [None, 0.1]})
    funnel = json.dumps(json.loads(chart_spec(content.funnel_bars(steps, lang="es"))))
    assert "12.345" in funnel and "10,0\\u00a0%" in funnel


def test_strategy_map_words_follow_the_language():
    from kpi.charts.strategy_map import STATUS_WORDS, strategy_map_chart
    from kpi.scorecard.model import default_map

    assert STATUS_WORDS["pl"]["none"] == "– brak statusu"
    assert STATUS_WORDS.get("xx", STATUS_WORDS["en"])["good"] == "✔ on target"
    text = json.dumps(strategy_map_chart(default_map(), lang="es").to_dict(), ensure_ascii=False)
    assert "Accionistas y\\nfinanzas" in text and "Objetivo" in text and '"Status"' not in text


def test_localized_leaves_the_original_chart_alone():
    chart = charts.bar_by(_frame().assign(p=list("abcd")), "p", "x")
    localized(chart, "pl")
    assert "config" not in chart.to_dict() or "locale" not in chart.to_dict()["config"]


def test_a_week_of_days_gets_one_label_a_day():
    days = pd.DataFrame(
        {
            "period_start": pd.date_range("2026-10-19", periods=7, freq="D"),
            "value": [float(v) for v in range(7)],
            "previous": [float(v) for v in range(7)],
        }
    )
    chart = charts.trend_with_comparison(days, "Sesje", ",.0f", "pl").properties(width=760)
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", chart_svg(charts.styled(chart, lang="pl")))
    dates = [label for label in labels if label.endswith(" paź")]
    assert dates == [f"{d} paź" for d in range(19, 26)]
