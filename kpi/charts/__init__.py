"""Chart builders: pure functions, a small aggregated DataFrame in, an Altair chart out."""

from __future__ import annotations

import altair as alt
import pandas as pd

from kpi.charts.locale import frame_currency, has_locale, localized
from kpi.i18n import t
from kpi.i18n.names import named

# Okabe–Ito: distinguishable with the common colour-vision deficiencies and on a projector.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GREY = "#8c959f"  # what is not yet readable (an interval too wide, a lift not significant)
ROI_HEIGHT = 320  # the Leads & ROI page's charts (kpi/charts/roi_*.py)


def bar_by(df: pd.DataFrame, by: str, value_title: str, percent: bool = False) -> alt.Chart:
    """Horizontal bars of a value per category, largest first."""
    fmt = ".1%" if percent else ",.0f"
    return (
        alt.Chart(named(df, (by,)))  # platforms and channels by their names
        .mark_bar(color=PALETTE[0])
        .encode(
            y=alt.Y(f"{by}:N", sort="-x", title=None),
            x=alt.X("value:Q", title=value_title, axis=alt.Axis(format=fmt)),
            tooltip=[alt.Tooltip(f"{by}:N"), alt.Tooltip("value:Q", title=value_title, format=fmt)],
        )
        .properties(height=max(120, 36 * len(df)))
    )


# Larger type for a projector; colours stay the colour-blind-safe Okabe–Ito set.
_SIZES = {False: (12, 13, 15), True: (20, 22, 26)}


def styled(
    chart: alt.TopLevelMixin, present: bool = False, lang: str | None = None
) -> alt.TopLevelMixin:
    """The product's look on any chart, and the format locale of `lang` (None: the current
    language) unless its builder set one already (it knows the data's currency); in presenter
    mode axis labels and titles are large."""
    if not has_locale(chart):
        chart = localized(chart, lang)
    label, title, heading = _SIZES[present]
    if present and isinstance(chart, alt.Chart) and isinstance(chart.height, int | float):
        # Larger type needs taller rows and plot areas, or labels overlap and bars squash.
        chart = chart.properties(height=min(max(chart.height * 1.5, 200), 420))
    return (
        chart.configure_axis(labelFontSize=label, titleFontSize=title, grid=True, gridOpacity=0.4)
        .configure_legend(
            labelFontSize=label,
            titleFontSize=title,
            symbolSize=120 if present else 80,
            # Spanish and Polish names run longer ("Periodo de comparación"): at presenter
            # size Vega's 160 px would cut them.
            labelLimit=360 if present else 200,
            titleLimit=360 if present else 200,
        )
        .configure_title(fontSize=heading, anchor="start")
        .configure_view(strokeWidth=0)
    )


def day_ticks(days: pd.Series) -> dict | alt.UndefinedType:
    """One tick a day on a time axis of at most two weeks of days (Vega would tick every few
    hours and write each day's label several times); otherwise Vega's own ticks."""
    stamps = pd.to_datetime(days).dropna()
    if stamps.empty or stamps.max() - stamps.min() > pd.Timedelta(days=15):
        return alt.Undefined
    return {"interval": "day", "step": 1}


def trend_with_comparison(
    df: pd.DataFrame, value_title: str, fmt: str = ",.0f", lang: str | None = None
) -> alt.Chart:
    """A KPI per period, with the comparison period's values drawn dashed on the same periods."""
    current = df[["period_start", "value"]].assign(series=t("chart.current", lang))
    previous = (
        df[["period_start", "previous"]]
        .rename(columns={"previous": "value"})
        .assign(series=t("chart.previous", lang))
    )
    long = pd.concat([current, previous], ignore_index=True)
    compared = not df["previous"].isna().all()
    long = long if compared else long[long["series"] == t("chart.current", lang)]
    long = long.assign(period_start=pd.to_datetime(long["period_start"]))
    series = (
        [t("chart.current", lang), t("chart.previous", lang)]
        if compared
        else [t("chart.current", lang)]
    )
    dashes = [[1, 0], [6, 4]][: len(series)]
    chart = (
        alt.Chart(long)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=alt.X(
                "period_start:T",
                title=None,
                axis=alt.Axis(
                    format="%-d %b", labelAngle=0, tickCount=day_ticks(long["period_start"])
                ),
            ),
            y=alt.Y("value:Q", title=value_title, axis=alt.Axis(format=fmt)),
            # One domain for colour and dash, so Vega-Lite draws a single legend in this order.
            color=alt.Color(
                "series:N", title=None, scale=alt.Scale(domain=series, range=PALETTE[: len(series)])
            ),
            strokeDash=alt.StrokeDash(
                "series:N", title=None, scale=alt.Scale(domain=series, range=dashes)
            ),
            tooltip=[
                alt.Tooltip("period_start:T", title=t("chart.period", lang), format="%-d %b %Y"),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("value:Q", title=value_title, format=fmt),
            ],
        )
        .properties(height=320)
    )
    return localized(chart, lang, frame_currency(df))


def number_format(kind: str) -> str:
    """The d3 format of a KPI format, for axes and tooltips (`$`: the currency of the chart's
    format locale, which `localized` sets from the data)."""
    return {
        "percent": ".1%",
        "currency": "$,.2f",
        "ratio": ",.2f",
        "decimal": ",.2f",
        "duration": ",.0f",
    }.get(kind, ",.0f")
