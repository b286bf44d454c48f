"""A chart for any query result (Explore's SQL tab): which columns to draw by default, and a
line, bar or point chart depending on what the horizontal column holds. A result that cannot
be drawn raises `CannotChart`, which the page shows as a sentence."""

from __future__ import annotations

import altair as alt
import pandas as pd

from kpi.charts import PALETTE
from kpi.i18n import t
from kpi.xmlsafe import xml_safe

MAX_POINTS = 5_000  # Altair refuses more rows; a person's chart reads worse long before
MAX_BARS = 30


class CannotChart(ValueError):
    """These two columns of the result cannot be drawn against each other."""


def is_number(series: pd.Series) -> bool:
    """Whether a column can be a chart's value axis (numbers, not true/false)."""
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def is_time(series: pd.Series) -> bool:
    """Whether a column holds dates or timestamps (as datetimes or as date objects)."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return True
    sample = series.dropna().head(20)
    return (
        not sample.empty
        and series.dtype == object
        and all(hasattr(v, "isoformat") and hasattr(v, "year") for v in sample)
    )


def default_axes(frame: pd.DataFrame) -> tuple[str, str] | None:
    """The (x, y) a person most likely wants: as the value, the number the rows are sorted by
    (the query's ORDER BY says what matters) or else the first number; drawn against the first
    date column, else the first text column, else another number; None if nothing fits."""
    columns = list(frame.columns)
    numbers = [c for c in columns if is_number(frame[c])]
    if not numbers:
        return None
    times = [c for c in columns if is_time(frame[c])]
    others = [c for c in columns if c not in numbers and c not in times]
    y = next((c for c in numbers if _sorted(frame[c])), numbers[0]) if others else numbers[0]
    for candidates in (times, others, [c for c in numbers if c != y]):
        if candidates:
            return candidates[0], y
    return None


def _sorted(series: pd.Series) -> bool:
    values = series.dropna()
    return (
        len(values) > 2
        and values.nunique() > 1
        and (values.is_monotonic_decreasing or values.is_monotonic_increasing)
    )


def result_chart(frame: pd.DataFrame, x: str, y: str, lang: str | None = None) -> alt.Chart:
    """`y` against `x`: a line over dates, bars (largest first, top 30) over categories, points
    over numbers. At most 5 000 rows are drawn. Raises `CannotChart` when `x` and `y` are the
    same column, `y` holds no numbers, or the values cannot become a chart."""
    if (
        x == y
        or frame.columns.duplicated().any()
        or x not in frame.columns
        or y not in frame.columns
        or not is_number(frame[y])
    ):
        raise CannotChart(f"{x!r} against {y!r}")
    try:
        chart = _chart(frame, x, y, lang)
        chart.to_dict()  # builds and validates the spec now, not while the page draws it
    except (ValueError, TypeError, OverflowError, KeyError) as exc:
        raise CannotChart(str(exc)) from None
    return chart


def _chart(frame: pd.DataFrame, x: str, y: str, lang: str | None = None) -> alt.Chart:
    df = frame[[x, y]].head(MAX_POINTS).copy()
    df.columns = ["x", "y"]  # column names from a query may hold anything; Vega-Lite fields may not
    # Huge integers (UBIGINT) and infinities: a float the chart can place, infinities left out.
    df["y"] = pd.to_numeric(df["y"], errors="coerce").astype("float64")
    df.loc[~df["y"].between(-float("inf"), float("inf"), inclusive="neither"), "y"] = None
    x, y = xml_safe(str(x)), xml_safe(str(y))  # titles go into SVG and PNG exports
    tooltip = [alt.Tooltip("x", title=x), alt.Tooltip("y:Q", title=y, format=",.4~f")]
    if is_time(df["x"]):
        df["x"] = pd.to_datetime(df["x"], utc=_has_tz(df["x"]))
        tooltip[0] = alt.Tooltip("x:T", title=x, format="%-d %b %Y")
        return (
            alt.Chart(df.sort_values("x"))
            .mark_line(point=True, color=PALETTE[0], strokeWidth=2)
            .encode(
                x=alt.X("x:T", title=x),
                y=alt.Y("y:Q", title=y),
                tooltip=tooltip,
            )
            .properties(height=360)
        )
    if is_number(df["x"]):
        df["x"] = pd.to_numeric(df["x"], errors="coerce").astype("float64")
        tooltip[0] = alt.Tooltip("x:Q", title=x, format=",.4~f")
        return (
            alt.Chart(df)
            .mark_circle(size=60, opacity=0.7, color=PALETTE[0])
            .encode(x=alt.X("x:Q", title=x), y=alt.Y("y:Q", title=y), tooltip=tooltip)
            .properties(height=360)
        )
    df["x"] = df["x"].astype("string").fillna(t("chart.empty_value", lang)).map(xml_safe)
    df = df.nlargest(MAX_BARS, "y")
    tooltip[0] = alt.Tooltip("x:N", title=x)
    return (
        alt.Chart(df)
        .mark_bar(color=PALETTE[0])
        .encode(
            y=alt.Y("x:N", sort="-x", title=x),
            x=alt.X("y:Q", title=y),
            tooltip=tooltip,
        )
        .properties(height=max(120, 30 * len(df)))
    )


def _has_tz(series: pd.Series) -> bool:
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return True
    sample = series.dropna().head(20)
    return any(getattr(v, "tzinfo", None) is not None for v in sample)
