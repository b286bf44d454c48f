"""Chart and table builders for the Paid and Explore pages: pure functions, the engine's small
result frames in, an Altair chart or a display table out (no I/O, no Streamlit)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from kpi.charts import PALETTE
from kpi.charts.locale import frame_currency, localized
from kpi.i18n import t
from kpi.i18n.names import named

_HEIGHT = 320


def spend_and_roas(
    rows: pd.DataFrame, spend_title: str, roas_title: str, lang: str | None = None
) -> alt.LayerChart:
    """Spend per period as bars and ROAS per period as a line, each on its own axis.

    `rows` is an engine result (kpi, period_start, value) holding the KPIs `spend` and `roas`."""
    wide = (
        rows[rows["kpi"].isin(("spend", "roas"))]
        .pivot_table(index="period_start", columns="kpi", values="value", dropna=False)
        .reindex(columns=["spend", "roas"])
        .reset_index()
    )
    wide["period_start"] = pd.to_datetime(wide["period_start"])
    x = alt.X("period_start:T", title=None, axis=alt.Axis(format="%-d %b", labelAngle=0))
    tooltip = [
        alt.Tooltip("period_start:T", title=t("chart.period", lang), format="%-d %b %Y"),
        alt.Tooltip("spend:Q", title=spend_title, format="$,.2f"),
        alt.Tooltip("roas:Q", title=roas_title, format=",.2f"),
    ]
    bars = (
        alt.Chart(wide)
        .mark_bar(color=PALETTE[0], opacity=0.8)
        .encode(
            x=x,
            y=alt.Y("spend:Q", title=spend_title, axis=alt.Axis(format="$,.0f")),
            tooltip=tooltip,
        )
    )
    line = (
        alt.Chart(wide)
        .mark_line(color=PALETTE[1], point=True, strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y("roas:Q", title=roas_title, axis=alt.Axis(format=",.2f")),
            tooltip=tooltip,
        )
    )
    chart = alt.layer(bars, line).resolve_scale(y="independent").properties(height=_HEIGHT)
    return localized(chart, lang, frame_currency(rows))


def wide_table(
    rows: pd.DataFrame,
    by: str,
    columns: Mapping[str, str],
    sort_by: str | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """One row per breakdown value and one column per KPI (titled by `columns`: id → title),
    largest `sort_by` first. `rows` is an engine result over the whole range."""
    wide = rows.pivot_table(index=by, columns="kpi", values="value", dropna=False, sort=False)
    wide = wide.reindex(columns=list(columns))
    if sort_by is not None:
        wide = wide.sort_values(sort_by, ascending=False, na_position="last")
    wide = wide.reset_index().rename(columns={by: t(f"explore.field.{by}", lang), **columns})
    wide.columns.name = None
    wide.attrs["currency"] = frame_currency(rows)  # the grid writes the money in it
    return wide


def bar_values(
    df: pd.DataFrame, by: str, value_title: str, fmt: str = ",.2f", lang: str | None = None
) -> alt.Chart:
    """Horizontal bars of one KPI per breakdown value, largest first (rows without a value left out)."""
    shown = named(df[[by, "value"]].dropna(), (by,), lang)  # TikTok, not tiktok
    chart = (
        alt.Chart(shown)
        .mark_bar(color=PALETTE[0])
        .encode(
            y=alt.Y(f"{by}:N", sort="-x", title=None),
            x=alt.X("value:Q", title=value_title, axis=alt.Axis(format=fmt)),
            tooltip=[
                alt.Tooltip(f"{by}:N", title=t(f"explore.field.{by}", lang)),
                alt.Tooltip("value:Q", title=value_title, format=fmt),
            ],
        )
        .properties(height=max(120, 36 * len(shown)))
    )
    return localized(chart, lang, frame_currency(df))


def top_values(rows: pd.DataFrame, by: str, n: int = 10) -> list[str]:
    """The `n` breakdown values with the largest whole-range value (from an engine result)."""
    ranked = rows.dropna(subset=[by, "value"]).sort_values("value", ascending=False)
    return [str(v) for v in ranked[by].head(n)]


def lines_by(
    rows: pd.DataFrame, by: str, value_title: str, fmt: str = ",.0f", lang: str | None = None
) -> alt.Chart:
    """One line per breakdown value over the periods (the engine's rows, already limited)."""
    df = rows[["period_start", by, "value"]].copy()
    df["period_start"] = pd.to_datetime(df["period_start"])
    df[by] = df[by].astype("string")
    df = named(df, (by,), lang)
    chart = (
        alt.Chart(df)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("period_start:T", title=None, axis=alt.Axis(format="%-d %b", labelAngle=0)),
            y=alt.Y("value:Q", title=value_title, axis=alt.Axis(format=fmt)),
            color=alt.Color(
                f"{by}:N",
                title=t(f"explore.field.{by}", lang),
                scale=alt.Scale(range=[*PALETTE, "#999999", "#8C564B"]),
            ),
            tooltip=[
                alt.Tooltip("period_start:T", title=t("chart.period", lang), format="%-d %b %Y"),
                alt.Tooltip(f"{by}:N", title=t(f"explore.field.{by}", lang)),
                alt.Tooltip("value:Q", title=value_title, format=fmt),
            ],
        )
        .properties(height=_HEIGHT)
    )
    return localized(chart, lang, frame_currency(rows))


def series_table(
    rows: pd.DataFrame, by: Sequence[str], value_title: str, lang: str | None = None
) -> pd.DataFrame:
    """An engine result as a table a person reads: period, breakdown, value (and the comparison
    value with its change when there is one)."""
    columns = ["period_start", *by, "value"]
    if rows["previous"].notna().any():
        columns += ["previous", "change_pct"]
    table = rows[columns].rename(
        columns={
            "period_start": t("chart.period", lang),
            "value": value_title,
            "previous": t("chart.previous", lang),
            "change_pct": t("explore.change_pct", lang),
            **{b: t(f"explore.field.{b}", lang) for b in by},
        }
    )
    return table.reset_index(drop=True)
