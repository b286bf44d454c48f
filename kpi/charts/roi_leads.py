"""Charts and tables of leads on the Leads & ROI page: score buckets over time, the value and cost
of each stage of the lead cycle per channel, the growth of a KPI and the lift of a campaign. Pure
functions: the small frames of `kpi.analytics` in, an Altair chart or a table out."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from kpi.charts import PALETTE, ROI_HEIGHT
from kpi.charts.locale import frame_currency, localized, month_label
from kpi.i18n import t
from kpi.i18n.names import named

BUCKET_COLOURS = {
    "slow": PALETTE[5],
    "medium": PALETTE[1],
    "fast": PALETTE[2],
    "unscored": "#999999",
}


# --- lead scores ---------------------------------------------------------------------------


def _bucket_domain(buckets: Sequence[str], lang: str | None = None) -> tuple[list[str], list[str]]:
    shown = [b for b in BUCKET_COLOURS if b in set(buckets)]
    return [t(f"leads.bucket.{b}", lang) for b in shown], [BUCKET_COLOURS[b] for b in shown]


def bucket_periods(
    frame: pd.DataFrame, value: str, title: str, lang: str | None = None
) -> alt.Chart:
    """Grouped bars per period, one per score bucket, of `value` (from score_buckets)."""
    data = frame[["period_start", "bucket", value]].copy()
    data["period_start"] = pd.to_datetime(data["period_start"])
    data["bucket_label"] = data["bucket"].map(lambda b: t(f"leads.bucket.{b}", lang))
    domain, colours = _bucket_domain(data["bucket"], lang)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "period_start:O", timeUnit="yearmonthdate", title=None,
                axis=alt.Axis(format="%-d %b %y", labelAngle=0, labelOverlap=True),
            ),
            xOffset=alt.XOffset("bucket_label:N", sort=domain),
            y=alt.Y(f"{value}:Q", title=title, axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "bucket_label:N", title=None, sort=domain,
                scale=alt.Scale(domain=domain, range=colours), legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("period_start:T", title=t("chart.period", lang), format="%-d %b %Y"),
                alt.Tooltip("bucket_label:N", title=t("leads.col.bucket", lang)),
                alt.Tooltip(f"{value}:Q", title=title, format=",.0f"),
            ],
        )
        .properties(height=ROI_HEIGHT)
    )  # fmt: skip


def bucket_bars(
    totals: pd.DataFrame, value: str, title: str, fmt: str, lang: str | None = None
) -> alt.Chart:
    """One bar per score bucket of `value` (from bucket_totals); buckets without it left out."""
    data = totals[["bucket", value]].dropna().copy()
    data["bucket_label"] = data["bucket"].map(lambda b: t(f"leads.bucket.{b}", lang))
    domain, colours = _bucket_domain(data["bucket"], lang)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("bucket_label:N", sort=domain, title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{value}:Q", title=title, axis=alt.Axis(format=fmt)),
            color=alt.Color(
                "bucket_label:N", sort=domain, scale=alt.Scale(domain=domain, range=colours),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("bucket_label:N", title=t("leads.col.bucket", lang)),
                alt.Tooltip(f"{value}:Q", title=title, format=fmt),
            ],
        )
        .properties(height=260)
    )  # fmt: skip


# --- value of the lead cycle ---------------------------------------------------------------

STAGE_SUMS = ("leads", "qualified", "customers", "value_lead", "value_qualified",
              "value_customer", "value", "spend", "staff_cost", "cost")  # fmt: skip


def stage_by_channel(frame: pd.DataFrame) -> pd.DataFrame:
    """`stage_value` rows summed per channel over their periods, with cost per stage and ROI
    computed again from the sums (ratios of sums, never sums of ratios)."""
    sums = frame.groupby("channel", sort=True)[list(STAGE_SUMS)].sum().reset_index()
    for stage, count in (("lead", "leads"), ("qualified", "qualified"), ("customer", "customers")):
        sums[f"cost_per_{stage}"] = [
            c / n if n else None for c, n in zip(sums["cost"], sums[count], strict=True)
        ]
    sums["roi"] = [
        (v - c) / c if c else None for v, c in zip(sums["value"], sums["cost"], strict=True)
    ]
    return sums.sort_values("value", ascending=False, ignore_index=True)


def value_cost_bars(
    summary: pd.DataFrame, height: int = ROI_HEIGHT, lang: str | None = None
) -> alt.Chart:
    """Per channel: value created, stacked by stage, beside its cost (spend + staff)."""
    parts = {
        "value_lead": t("leads.value.lead", lang),
        "value_qualified": t("leads.value.qualified", lang),
        "value_customer": t("leads.value.customer", lang),
        "spend": t("leads.cost.spend", lang),
        "staff_cost": t("leads.cost.staff", lang),
    }
    long = summary.melt(
        id_vars=["channel"], value_vars=list(parts), var_name="part", value_name="amount"
    )
    long["channel"] = named(long.astype({"channel": str}), lang=lang)["channel"]
    long["part_label"] = long["part"].map(parts)
    long["side"] = [
        t("leads.value_created", lang) if p.startswith("value") else t("leads.cost", lang)
        for p in long["part"]
    ]
    long["order"] = long["part"].map({p: i for i, p in enumerate(parts)})
    domain = list(parts.values())
    colours = [PALETTE[4], PALETTE[0], PALETTE[2], PALETTE[5], PALETTE[1]]
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("channel:N", title=None, sort=list(named(summary.astype({"channel": str}), lang=lang)["channel"]),
                    axis=alt.Axis(labelAngle=0, labelLimit=160)),
            xOffset=alt.XOffset("side:N", sort=[t("leads.value_created", lang), t("leads.cost", lang)]),
            y=alt.Y("amount:Q", title=t("leads.money", lang), stack="zero", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "part_label:N", title=None, sort=domain, scale=alt.Scale(domain=domain, range=colours),
                legend=alt.Legend(orient="top", labelLimit=0),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("channel:N", title=t("leads.col.channel", lang)),
                alt.Tooltip("part_label:N", title=" "),
                alt.Tooltip("amount:Q", title=t("leads.money", lang), format=",.2f"),
            ],
        )
        .properties(height=height)
    )  # fmt: skip


# --- growth and lift -----------------------------------------------------------------------


def growth_chart(
    table: pd.DataFrame,
    title: str,
    fmt: str = ",.0f",
    height: int = ROI_HEIGHT,
    lang: str | None = None,
) -> alt.LayerChart:
    """A KPI per month as bars, its month-over-month change as a line on its own axis."""
    data = table[["period_start", "value", "mom", "yoy"]].copy()
    data["month"] = [month_label(d, lang) for d in pd.to_datetime(data["period_start"])]
    data = data.drop(columns="period_start")
    data["mom"] = pd.to_numeric(data["mom"], errors="coerce")
    data["yoy"] = pd.to_numeric(data["yoy"], errors="coerce")
    months = list(data["month"])
    x = alt.X("month:O", sort=months, title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True))
    tooltip = [
        alt.Tooltip("month:O", title=t("chart.period", lang)),
        alt.Tooltip("value:Q", title=title, format=fmt),
        alt.Tooltip("mom:Q", title=t("leads.mom", lang), format="+.1%"),
        alt.Tooltip("yoy:Q", title=t("leads.yoy", lang), format="+.1%"),
    ]
    bars = (
        alt.Chart(data)
        .mark_bar(color=PALETTE[0], opacity=0.8)
        .encode(x=x, y=alt.Y("value:Q", title=title, axis=alt.Axis(format=fmt)), tooltip=tooltip)
    )
    line = (
        alt.Chart(data)
        .mark_line(color=PALETTE[1], point=True, strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y("mom:Q", title=t("leads.mom", lang), axis=alt.Axis(format="+.0%")),
            tooltip=tooltip,
        )
    )
    chart = alt.layer(bars, line).resolve_scale(y="independent").properties(height=height)
    return localized(chart, lang, frame_currency(table))  # money in the data's currency


def lift_chart(
    frame: pd.DataFrame,
    title: str,
    fmt: str = ",.0f",
    height: int = ROI_HEIGHT,
    lang: str | None = None,
) -> alt.LayerChart:
    """The campaign's actual values against the forecast without it, with the forecast's
    95 % band (from Lift.frame: period, actual, expected, lower, upper)."""
    data = frame.copy()
    data["period"] = pd.to_datetime(data["period"])
    actual, expected = t("leads.actual", lang), t("leads.expected", lang)
    long = pd.concat(
        [
            data[["period", "actual"]].rename(columns={"actual": "value"}).assign(series=actual),
            data[["period", "expected"]]
            .rename(columns={"expected": "value"})
            .assign(series=expected),
        ],
        ignore_index=True,
    )
    x = alt.X(
        "period:T", title=None, axis=alt.Axis(format="%-d %b", labelAngle=0, tickCount="week")
    )
    band = (
        alt.Chart(data)
        .mark_area(opacity=0.25, color=PALETTE[1])
        .encode(x=x, y=alt.Y("lower:Q", title=title), y2="upper:Q")
    )
    lines = (
        alt.Chart(long)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=title, axis=alt.Axis(format=fmt)),
            color=alt.Color(
                "series:N", title=None, scale=alt.Scale(domain=[actual, expected], range=PALETTE[:2]),
                legend=alt.Legend(orient="top", labelLimit=0),
            ),
            strokeDash=alt.StrokeDash(
                "series:N", title=None, scale=alt.Scale(domain=[actual, expected], range=[[1, 0], [6, 4]]),
                legend=alt.Legend(orient="top", labelLimit=0),
            ),
            tooltip=[
                alt.Tooltip("period:T", title=t("chart.period", lang), format="%-d %b %Y"),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("value:Q", title=title, format=fmt),
            ],
        )
    )  # fmt: skip
    chart = alt.layer(band, lines).properties(height=height)
    return localized(chart, lang, frame_currency(frame))  # money in the data's currency
