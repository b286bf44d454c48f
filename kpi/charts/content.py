"""Charts of the Content and Traffic & conversions pages: pure functions, a small aggregated
DataFrame in (never more rows than drawn), an Altair chart out."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from kpi.charts import PALETTE
from kpi.charts.locale import frame_currency, localized, number_text, percent_text
from kpi.i18n import t
from kpi.i18n.names import named


def stacked_periods(
    df: pd.DataFrame,
    series: str,
    value: str,
    value_title: str,
    labels: Mapping[str, str] | None = None,
    fmt: str = ",.0f",
    lang: str | None = None,
) -> alt.Chart:
    """Stacked bars of `value` per period (`period_start`), one colour per `series` value;
    `labels` renames the series values for the legend (its order is the stacking order)."""
    data = df[["period_start", series, value]].copy()
    data["period_start"] = pd.to_datetime(data["period_start"])
    data[value] = pd.to_numeric(data[value], errors="coerce").fillna(0)
    data[series] = data[series].astype(str)
    domain = None
    if labels:
        data[series] = data[series].map(lambda v: labels.get(v, v))
        domain = [labels[k] for k in labels]
    else:
        data = named(data, (series,), lang)  # platforms and channels by their names
    data["order"] = data[series].map({v: i for i, v in enumerate(domain or [])}).fillna(0)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "period_start:O",
                timeUnit="yearmonthdate",
                title=None,
                axis=alt.Axis(format="%-d %b %y", labelAngle=0, labelOverlap=True),
            ),
            y=alt.Y(f"{value}:Q", title=value_title, stack="zero", axis=alt.Axis(format=fmt)),
            color=alt.Color(
                f"{series}:N",
                title=None,
                scale=alt.Scale(domain=domain, range=PALETTE)
                if domain
                else alt.Scale(range=PALETTE),
                legend=alt.Legend(orient="top"),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("period_start:T", title=t("chart.period", lang), format="%-d %b %Y"),
                alt.Tooltip(f"{series}:N", title=" "),
                alt.Tooltip(f"{value}:Q", title=value_title, format=fmt),
            ],
        )
        .properties(height=320)
    )
    return localized(chart, lang, frame_currency(df))


def tag_bars(df: pd.DataFrame, measure: str, tag_title: str, lang: str | None = None) -> alt.Chart:
    """Horizontal bars of hashtags or mentions (`tag`) by `measure` (engagement or posts), in the
    order the query ranked them; the tooltip shows both measures."""
    title = (
        t("content.col_engagement", lang)
        if measure == "engagement"
        else t("content.col_posts", lang)
    )
    return (
        alt.Chart(df[["tag", "posts", "engagement"]])
        .mark_bar(color=PALETTE[0] if measure == "engagement" else PALETTE[2])
        .encode(
            y=alt.Y("tag:N", sort=list(df["tag"]), title=None),
            x=alt.X(f"{measure}:Q", title=title, axis=alt.Axis(format=",.0f")),
            tooltip=[
                alt.Tooltip("tag:N", title=tag_title),
                alt.Tooltip("engagement:Q", title=t("content.col_engagement", lang), format=",.0f"),
                alt.Tooltip("posts:Q", title=t("content.col_posts", lang), format=",.0f"),
            ],
        )
        .properties(height=max(120, 24 * len(df)))
    )


def reach_scatter(df: pd.DataFrame, lang: str | None = None) -> alt.Chart:
    """One point per post: reach (log scale) against engagement rate, coloured by platform, with
    the post's (shortened) text in the tooltip."""
    data = df[["text", "platform", "published", "reach", "engagement_rate"]].copy()
    data["published"] = pd.to_datetime(data["published"])
    data["text"] = data["text"].fillna("")
    data["platform"] = named(data, lang=lang)["platform"].fillna("—")  # TikTok, not tiktok
    return (
        alt.Chart(data)
        .mark_circle(size=60, opacity=0.65)
        .encode(
            x=alt.X(
                "reach:Q",
                title=t("content.col_reach", lang),
                scale=alt.Scale(type="log"),
                axis=alt.Axis(format="~s", tickCount=6, labelOverlap="greedy"),
            ),
            y=alt.Y(
                "engagement_rate:Q", title=t("content.col_rate", lang), axis=alt.Axis(format=".0%")
            ),
            color=alt.Color(
                "platform:N",
                title=None,
                scale=alt.Scale(range=PALETTE),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("text:N", title=t("content.col_text", lang)),
                alt.Tooltip("platform:N", title=t("content.col_platform", lang)),
                alt.Tooltip("published:T", title=t("content.col_date", lang), format="%-d %b %Y"),
                alt.Tooltip("reach:Q", title=t("content.col_reach", lang), format=",.0f"),
                alt.Tooltip("engagement_rate:Q", title=t("content.col_rate", lang), format=".1%"),
            ],
        )
        .properties(height=380)
    )


def funnel_bars(df: pd.DataFrame, lang: str | None = None) -> alt.LayerChart:
    """A horizontal bar funnel: one bar per step (`label`, `value`) in the given order, with the
    count and the conversion from the step before (`rate`) written beside each bar."""
    data = df[["label", "value", "rate"]].copy()
    data["value"] = pd.to_numeric(data["value"], errors="coerce")
    data["text"] = [
        number_text(v, lang) + ("" if pd.isna(r) else f"  ({percent_text(r, 1, lang)})")
        for v, r in zip(data["value"], data["rate"], strict=True)
    ]
    order = list(data["label"])
    top = float(data["value"].max()) if data["value"].notna().any() else 0.0
    # Room on the right for the label of the longest bar.
    domain = [0, top * 1.35] if top > 0 else [0, 1]
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=order, title=None),
        x=alt.X(
            "value:Q",
            title=None,
            axis=None,  # each bar carries its count; an axis in millions would hide the small steps
            scale=alt.Scale(domain=domain, nice=False),
        ),
        tooltip=[
            alt.Tooltip("label:N", title=t("traffic.funnel_step", lang)),
            alt.Tooltip("value:Q", title=t("traffic.funnel_value", lang), format=",.0f"),
            alt.Tooltip("rate:Q", title=t("traffic.funnel_rate", lang), format=".1%"),
        ],
    )
    bars = base.mark_bar(color=PALETTE[0])
    labels = base.mark_text(align="left", dx=4, fontSize=13).encode(text="text:N")
    return alt.layer(bars, labels).properties(height=max(160, 52 * len(data)))
