"""The Leads & ROI chart and table builders: pure, small frames in, hand-computed expectations."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kpi.charts import roi, styled
from kpi.export import chart_svg

MODELS = pd.DataFrame(
    {
        "model": ["first", "first", "last", "last"],
        "key": ["social", "email", "social", "email"],
        "conversions": [2.0, 1.0, 0.5, 2.5],
        "revenue": [200.0, 100.0, 50.0, 250.0],
    }
)


def test_models_table_ends_with_the_totals_of_each_model():
    table = roi.models_table(MODELS, "revenue", "Channel")
    assert list(table.columns) == ["Channel", "First touch", "Last touch"]
    assert list(table["Channel"]) == ["social", "email", "Total"]
    assert table.iloc[-1]["First touch"] == 300.0 and table.iloc[-1]["Last touch"] == 300.0


def test_top_keys_rank_by_the_largest_credit_under_any_model():
    assert roi.top_keys(MODELS, "revenue", n=1) == ["email"]  # 250 under last touch
    assert roi.top_keys(MODELS, "conversions") == ["email", "social"]


def test_models_bars_group_one_bar_per_model_and_key():
    spec = roi.models_bars(MODELS, "conversions", "Channel").to_dict()
    assert spec["encoding"]["xOffset"]["field"] == "model_label"
    assert spec["encoding"]["y"]["field"] == "conversions"
    assert len(spec["datasets"][spec["data"]["name"]]) == 4


def test_assisters_are_keys_that_assist_at_least_twice_as_often_as_they_convert():
    totals = pd.DataFrame(
        {
            "key": ["email", "direct", "tiktok"],
            "originating": [1, 5, 0],
            "assist": [30, 4, 3],
            "converting": [5, 10, 0],
            "assists_per_conversion": [6.0, 0.4, None],
        }
    )
    picked = roi.assisters(totals)
    assert list(picked["key"]) == ["tiktok", "email"]  # never converts, then 6 per conversion


def test_stage_by_channel_takes_ratios_of_sums():
    frame = pd.DataFrame(
        {
            "period_start": [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 1, 1)],
            "channel": ["social", "social", "email"],
            "leads": [10, 30, 5], "qualified": [2, 2, 1], "customers": [1, 0, 1],
            "value_lead": [10.0, 30.0, 5.0], "value_qualified": [0.0, 0.0, 0.0],
            "value_customer": [100.0, 0.0, 100.0], "value": [110.0, 30.0, 105.0],
            "spend": [50.0, 50.0, 0.0], "staff_cost": [20.0, 20.0, 0.0],
            "cost": [70.0, 70.0, 0.0],
        }
    )  # fmt: skip
    summary = roi.stage_by_channel(frame).set_index("channel")
    assert summary.loc["social", "cost_per_lead"] == pytest.approx(140 / 40)
    assert summary.loc["social", "cost_per_customer"] == pytest.approx(140.0)
    assert summary.loc["social", "roi"] == pytest.approx((140 - 140) / 140)
    assert summary.loc["email", "roi"] is None or pd.isna(summary.loc["email", "roi"])


def test_group_differences_render_with_intervals_and_grey_unreadable_rows():
    frame = pd.DataFrame(
        {
            "metric_key": ["retention", "cac"],
            "metric_label": ["Retention (pp)", "CAC (€)"],
            "difference": [12.0, 4.0],
            "ci_low": [9.0, None],
            "ci_high": [15.0, None],
            "status": ["significant", "not_readable"],
        }
    )
    chart = roi.groups_chart(frame)
    spec = chart.to_dict()
    assert spec["resolve"]["scale"]["x"] == "independent"
    svg = chart_svg(styled(chart))
    assert "not yet readable" in svg and "significant at 5 %" in svg


def test_heatmaps_lines_and_bars_render():
    matrix = pd.DataFrame(
        [[0.0, 1.0, 0.0, 0.0], [0.2, 0.0, 0.5, 0.3], [0.0, 0.1, 0.6, 0.3]],
        index=["(start)", "email", "social"],
        columns=["email", "social", "(conversion)", "(null)"],
    )
    cohorts = pd.DataFrame(
        {
            "cohort": [dt.date(2026, 1, 1)] * 2 + [dt.date(2026, 2, 1)],
            "channel": ["all"] * 3,
            "months_since": [0, 1, 0],
            "customers": [10, 10, 4],
            "retained": [10, 7, 4],
            "retention": [1.0, 0.7, 1.0],
        }
    )
    buckets = pd.DataFrame(
        {
            "period_start": [dt.date(2026, 1, 5)] * 3,
            "bucket": ["slow", "medium", "fast"],
            "leads": [3, 4, 5],
            "social_leads": [1, 2, 3],
            "conversion_rate": [0.1, 0.3, 0.6],
            "cost_per_conversion": [None, 20.0, 10.0],
        }
    )
    growth = pd.DataFrame(
        {
            "period_start": [dt.date(2026, 1, 1), dt.date(2026, 2, 1)],
            "value": [10.0, 12.0],
            "mom": [None, 0.2],
            "yoy": [None, None],
        }
    )
    lift = pd.DataFrame(
        {
            "period": [dt.date(2026, 3, 1), dt.date(2026, 3, 2)],
            "actual": [12.0, 14.0],
            "expected": [10.0, 10.0],
            "lower": [8.0, 8.0],
            "upper": [12.0, 12.0],
        }
    )
    cac = pd.DataFrame(
        {"channel": ["social", "email"], "cac": [20.0, None], "ltv": [300.0, 120.0],
         "ltv_to_cac": [15.0, None]}
    )  # fmt: skip
    built = [
        roi.transition_heatmap(matrix),
        roi.removal_bars({"email": 0.4, "social": 0.7}, "Channel"),
        roi.retention_heatmap(cohorts),
        roi.bucket_periods(buckets, "leads", "Leads"),
        roi.bucket_bars(buckets, "cost_per_conversion", "Cost per conversion", ",.2f"),
        roi.growth_chart(growth, "Leads"),
        roi.lift_chart(lift, "Leads"),
        roi.cac_ltv_bars(cac),
        roi.ltv_lines(
            cohorts.assign(ltv=[1.0, 2.0, 3.0]).drop(columns="channel").assign(channel="x")
        ),
    ]
    for chart in built:
        assert chart_svg(styled(chart, present=True)).startswith("<svg")
    assert "70%" in chart_svg(styled(built[2]))  # retention cells are labelled
    assert "Unscored" not in chart_svg(styled(built[3]))


def _pln_ads() -> pd.Series:
    from kpi.analytics.growth import kpi_series
    from kpi.load import load_files
    from kpi.store import SessionData

    rows = "".join(
        f"2026-{m:02d}-{d:02d},facebook,a,{100 + d},1000,10,PLN\n"
        for m in (1, 2, 3)
        for d in range(1, 29)
    )
    data = SessionData()
    data.add(
        load_files(
            [
                (
                    "ads.csv",
                    f"date,platform,campaign,spend,impressions,clicks,currency\n{rows}".encode(),
                )
            ]
        )
    )
    return kpi_series(data.con, "spend", "day")


def test_growth_and_lift_charts_of_money_show_the_data_s_currency():
    from kpi.analytics.growth import growth_table
    from kpi.analytics.lift import campaign_lift

    series = _pln_ads()
    assert series.attrs["currency"] == "PLN"
    growth = styled(roi.growth_chart(growth_table(series), "Wydatki", "$,.0f", lang="pl"))
    assert growth.to_dict()["config"]["locale"]["number"]["currency"] == ["", "\u00a0zł"]
    result = campaign_lift(series, dt.date(2026, 3, 15), dt.date(2026, 3, 28), "D")
    lift = styled(roi.lift_chart(result.frame, "Spend", "$,.0f", lang="en"))
    assert lift.to_dict()["config"]["locale"]["number"]["currency"] == ["", " PLN"]


def test_a_growth_chart_without_a_known_currency_keeps_the_euro():
    growth = pd.DataFrame(
        {"period_start": [dt.date(2026, 1, 1)], "value": [1.0], "mom": [None], "yoy": [None]}
    )
    spec = styled(roi.growth_chart(growth, "Spend", "$,.0f", lang="en")).to_dict()
    assert spec["config"]["locale"]["number"]["currency"] == ["€", ""]
