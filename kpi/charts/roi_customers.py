"""Charts of customers on the Leads & ROI page: control-group comparisons with their intervals,
cohort retention, lifetime value over time, and CAC beside LTV. Pure functions: the small frames
of `kpi.analytics` in, an Altair chart out."""

from __future__ import annotations

import altair as alt
import pandas as pd

from kpi.charts import GREY, PALETTE, ROI_HEIGHT
from kpi.charts.locale import percent_text
from kpi.i18n import t
from kpi.i18n.names import named

# --- control groups ------------------------------------------------------------------------


def groups_chart(frame: pd.DataFrame, width: int = 560, lang: str | None = None) -> alt.FacetChart:
    """Each comparison's difference (first − second group) with its 95 % interval as error bars,
    one row per metric on its own scale (rates in points, money in money); comparisons that are
    not yet readable are grey. `frame`: metric_label, difference, ci_low, ci_high, status."""
    data = frame.dropna(subset=["difference"]).copy()
    status = ["significant", "not_significant", "not_readable", "no_test"]
    labels = [t(f"leads.status.{s}", lang) for s in status]
    data["status_label"] = data["status"].map(lambda s: t(f"leads.status.{s}", lang))
    data["zero"] = 0.0
    order = list(dict.fromkeys(data["metric_key"]))
    y = alt.Y("metric_label:N", title=None, axis=alt.Axis(labelLimit=260))
    colour = alt.Color(
        "status_label:N", title=None, sort=labels,
        scale=alt.Scale(domain=labels, range=[PALETTE[2], PALETTE[0], GREY, PALETTE[3]]),
        legend=alt.Legend(orient="top", labelLimit=0),
    )  # fmt: skip
    tooltip = [
        alt.Tooltip("metric_label:N", title=t("leads.col.metric", lang)),
        alt.Tooltip("difference:Q", title=t("leads.col.difference", lang), format=",.3f"),
        alt.Tooltip("ci_low:Q", title=t("leads.col.ci_low", lang), format=",.3f"),
        alt.Tooltip("ci_high:Q", title=t("leads.col.ci_high", lang), format=",.3f"),
        alt.Tooltip("status_label:N", title=t("leads.col.reading", lang)),
    ]
    x = alt.X("difference:Q", title=None, axis=alt.Axis(tickCount=6))
    base = alt.Chart().encode(y=y)
    rule = base.mark_rule(color="#57606a", strokeDash=[4, 3]).encode(x="zero:Q")
    bars = base.mark_errorbar(ticks=True, thickness=2).encode(
        x=alt.X("ci_low:Q", title=None, axis=alt.Axis(tickCount=6)), x2="ci_high:Q", color=colour
    )
    points = base.mark_point(filled=True, size=140).encode(x=x, color=colour, tooltip=tooltip)
    return (
        alt.layer(rule, bars, points, data=data)
        .properties(height=36, width=width)
        .facet(
            row=alt.Row("metric_key:N", title=None, sort=order, header=alt.Header(labels=False)),
            spacing=6,
        )
        .resolve_scale(x="independent", y="independent")
    )


# --- customers over time -------------------------------------------------------------------


def retention_heatmap(
    matrix: pd.DataFrame, labels: bool = True, lang: str | None = None
) -> alt.LayerChart:
    """Monthly cohorts (rows) by months since acquisition (columns), coloured by retention;
    with `labels`, each cell carries its percentage (too small to read on a slide of 24 months)."""
    data = matrix[["cohort", "months_since", "customers", "retention"]].copy()
    data["cohort"] = pd.to_datetime(data["cohort"]).dt.strftime("%Y-%m")
    data["label"] = [percent_text(r, 0, lang) for r in data["retention"]]
    cohorts = sorted(data["cohort"].unique())
    base = alt.Chart(data).encode(
        x=alt.X("months_since:O", title=t("leads.months_since", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("cohort:O", sort=cohorts, title=t("leads.cohort", lang)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "retention:Q", title=t("leads.retention", lang),
            scale=alt.Scale(scheme="greens", domain=[0, 1]), legend=alt.Legend(format=".0%"),
        ),
        tooltip=[
            alt.Tooltip("cohort:O", title=t("leads.cohort", lang)),
            alt.Tooltip("months_since:O", title=t("leads.months_since", lang)),
            alt.Tooltip("customers:Q", title=t("leads.col.customers", lang), format=",.0f"),
            alt.Tooltip("retention:Q", title=t("leads.retention", lang), format=".1%"),
        ],
    )  # fmt: skip
    text = base.mark_text(baseline="middle", fontSize=9).encode(
        text="label:N",
        color=alt.condition(alt.datum.retention > 0.6, alt.value("white"), alt.value("#1f2328")),
    )
    layers = [cells, text] if labels else [cells]
    return alt.layer(*layers).properties(height=max(200, 22 * len(cohorts)))


def ltv_lines(frame: pd.DataFrame, lang: str | None = None) -> alt.Chart:
    """LTV so far per acquisition cohort, one line per channel (from lifetime_value)."""
    data = frame[["cohort", "channel", "ltv", "customers"]].copy()
    data["cohort"] = pd.to_datetime(data["cohort"])
    data["channel"] = named(data.astype({"channel": str}), lang=lang)["channel"]
    title = t("leads.ltv", lang)
    return (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("cohort:T", title=t("leads.cohort", lang), axis=alt.Axis(format="%b %y", labelAngle=0)),
            y=alt.Y("ltv:Q", title=title, axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "channel:N", title=None, scale=alt.Scale(range=PALETTE),
                legend=alt.Legend(orient="top", labelLimit=0, columns=3),
            ),
            tooltip=[
                alt.Tooltip("cohort:T", title=t("leads.cohort", lang), format="%b %Y"),
                alt.Tooltip("channel:N", title=t("leads.col.channel", lang)),
                alt.Tooltip("customers:Q", title=t("leads.col.customers", lang), format=",.0f"),
                alt.Tooltip("ltv:Q", title=title, format=",.2f"),
            ],
        )
        .properties(height=ROI_HEIGHT)
    )  # fmt: skip


def cac_ltv_bars(frame: pd.DataFrame, lang: str | None = None) -> alt.Chart:
    """CAC and LTV side by side per channel, LTV : CAC written above (from cac_and_ltv)."""
    data = frame.melt(id_vars=["channel", "ltv_to_cac"], value_vars=["cac", "ltv"])
    data = data.dropna(subset=["value"])
    data["channel"] = named(data.astype({"channel": str}), lang=lang)["channel"]
    names = {"cac": t("leads.cac", lang), "ltv": t("leads.ltv", lang)}
    data["measure"] = data["variable"].map(names)
    domain = list(names.values())
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("channel:N", title=None, axis=alt.Axis(labelAngle=-30, labelLimit=200)),
            xOffset=alt.XOffset("measure:N", sort=domain),
            y=alt.Y("value:Q", title=t("leads.money", lang), axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "measure:N", title=None, sort=domain,
                scale=alt.Scale(domain=domain, range=PALETTE[:2]), legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("channel:N", title=t("leads.col.channel", lang)),
                alt.Tooltip("measure:N", title=" "),
                alt.Tooltip("value:Q", title=t("leads.money", lang), format=",.2f"),
                alt.Tooltip("ltv_to_cac:Q", title=t("leads.ltv_to_cac", lang), format=",.2f"),
            ],
        )
        .properties(height=ROI_HEIGHT)
    )  # fmt: skip
