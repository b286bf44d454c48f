"""Chart builders of the Engagement and Audience pages: pure functions, a small aggregated
DataFrame in, an Altair chart out (style them with `kpi.charts.styled`)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from kpi.charts import PALETTE, day_ticks
from kpi.charts.locale import frame_currency, localized, weekday_names
from kpi.i18n import t
from kpi.i18n.names import named

_EMPTY_CELL = "#d9d9d9"


def _with_timestamps(df: pd.DataFrame) -> pd.DataFrame:
    """period_start as timestamps: engine rows hold `datetime.date`, which the chart's JSON
    export (PNG/SVG downloads) cannot serialise."""
    return df.assign(period_start=pd.to_datetime(df["period_start"]))


def rate_by_platform(
    df: pd.DataFrame, value_title: str, fmt: str = ".1%", lang: str | None = None
) -> alt.Chart:
    """A line per platform of a KPI per period (columns period_start, platform, value)."""
    chart = (
        alt.Chart(named(_with_timestamps(df), lang=lang))  # TikTok, not tiktok
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X(
                "period_start:T",
                title=None,
                axis=alt.Axis(
                    format="%-d %b", labelAngle=0, tickCount=day_ticks(df["period_start"])
                ),
            ),
            y=alt.Y("value:Q", title=value_title, axis=alt.Axis(format=fmt)),
            color=alt.Color("platform:N", title=None, scale=alt.Scale(range=PALETTE)),
            tooltip=[
                alt.Tooltip("period_start:T", title=t("chart.period", lang), format="%-d %b %Y"),
                alt.Tooltip("platform:N", title=t("engagement.platform", lang)),
                alt.Tooltip("value:Q", title=value_title, format=fmt),
            ],
        )
        .properties(height=320)
    )
    return localized(chart, lang, frame_currency(df))


def follower_flow(df: pd.DataFrame, lang: str | None = None) -> alt.Chart:
    """New followers as bars up and lost followers as bars down, per period (columns
    period_start, flow 'new' or 'lost', followers with lost as a positive count)."""
    names = {"new": t("engagement.flow.new", lang), "lost": t("engagement.flow.lost", lang)}
    frame = _with_timestamps(df).assign(
        signed=df["followers"].where(df["flow"] != "lost", -df["followers"]),
        series=df["flow"].map(names),
    )
    return (
        alt.Chart(frame)
        .mark_bar(size=12)
        .encode(
            x=alt.X("period_start:T", title=None, axis=alt.Axis(format="%-d %b", labelAngle=0)),
            y=alt.Y(
                "signed:Q", title=t("engagement.flow_title", lang), axis=alt.Axis(format=",.0f")
            ),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(
                    domain=[names["new"], names["lost"]], range=[PALETTE[2], PALETTE[5]]
                ),
            ),
            tooltip=[
                alt.Tooltip("period_start:T", title=t("chart.period", lang), format="%-d %b %Y"),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("followers:Q", title=t("audience.followers", lang), format=",.0f"),
            ],
        )
        .properties(height=320)
    )


def pyramid(df: pd.DataFrame, lang: str | None = None) -> alt.Chart:
    """A population pyramid: one row per age bracket (youngest at the bottom), women as bars to
    the left and men to the right (columns age, gender F/M/U, followers; U is not drawn)."""
    names = {"F": t("audience.women", lang), "M": t("audience.men", lang)}
    frame = df[df["gender"].isin(list(names))]
    frame = frame.assign(
        signed=frame["followers"].where(frame["gender"] != "F", -frame["followers"]),
        side=frame["gender"].map(names),
    )
    ages = list(dict.fromkeys(frame["age"]))[::-1]  # oldest at the top
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("age:N", sort=ages, title=t("audience.age", lang)),
            x=alt.X(
                "signed:Q",
                title=t("audience.followers", lang),
                # Labels show counts on both sides (no minus signs on the women's side).
                axis=alt.Axis(labelExpr="format(abs(datum.value), ',.0f')"),
            ),
            color=alt.Color(
                "side:N",
                title=None,
                scale=alt.Scale(domain=[names["F"], names["M"]], range=[PALETTE[3], PALETTE[0]]),
            ),
            tooltip=[
                alt.Tooltip("age:N", title=t("audience.age", lang)),
                alt.Tooltip("side:N", title=t("audience.gender", lang)),
                alt.Tooltip("followers:Q", title=t("audience.followers", lang), format=",.0f"),
            ],
        )
        .properties(height=max(160, 34 * len(ages)))
    )


def top_bars(df: pd.DataFrame, title: str, lang: str | None = None) -> alt.Chart:
    """Horizontal bars of followers per segment, largest at the top (columns segment,
    followers, share)."""
    return (
        alt.Chart(df)
        .mark_bar(color=PALETTE[0])
        .encode(
            y=alt.Y("segment:N", sort="-x", title=None),
            x=alt.X(
                "followers:Q", title=t("audience.followers", lang), axis=alt.Axis(format=",.0f")
            ),
            tooltip=[
                alt.Tooltip("segment:N", title=title),
                alt.Tooltip("followers:Q", title=t("audience.followers", lang), format=",.0f"),
                alt.Tooltip("share:Q", title=t("audience.share", lang), format=".1%"),
            ],
        )
        .properties(height=max(120, 26 * len(df)))
    )


def weekday_hour_heatmap(
    df: pd.DataFrame, min_posts: int, lang: str | None = None
) -> alt.LayerChart:
    """Weekday × hour cells coloured by engagement rate (columns weekday 1–7, hour, posts,
    rate); cells whose rate is empty (fewer than `min_posts` posts) are grey, their tooltip
    giving the number of posts instead of a rate."""
    # CLDR's weekday names, Monday (1) first, as the query numbers them (ISO weekdays).
    days, names = weekday_names(lang, "abbreviated"), weekday_names(lang)
    frame = df.assign(
        day=df["weekday"].map(lambda d: days[int(d) - 1]),
        day_name=df["weekday"].map(lambda d: names[int(d) - 1]),
        note=df["rate"].map(
            lambda r: t("audience.too_few", lang, n=min_posts) if pd.isna(r) else ""
        ),
    )
    base = alt.Chart(frame).encode(
        x=alt.X("hour:O", title=t("audience.hour", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("day:N", sort=days, title=None),
    )
    empty = (
        base.transform_filter("!isValid(datum.rate)")
        .mark_rect(color=_EMPTY_CELL)
        .encode(
            tooltip=[
                alt.Tooltip("day_name:N", title=t("audience.weekday", lang)),
                alt.Tooltip("hour:O", title=t("audience.hour", lang)),
                alt.Tooltip("posts:Q", title=t("audience.posts", lang)),
                alt.Tooltip("note:N", title=t("audience.rate", lang)),
            ]
        )
    )
    rated = (
        base.transform_filter("isValid(datum.rate)")
        .mark_rect()
        .encode(
            color=alt.Color(
                "rate:Q",
                title=t("audience.rate", lang),
                scale=alt.Scale(scheme="viridis"),
                legend=alt.Legend(format=".1%"),
            ),
            tooltip=[
                alt.Tooltip("day_name:N", title=t("audience.weekday", lang)),
                alt.Tooltip("hour:O", title=t("audience.hour", lang)),
                alt.Tooltip("posts:Q", title=t("audience.posts", lang)),
                alt.Tooltip("rate:Q", title=t("audience.rate", lang), format=".2%"),
            ],
        )
    )
    return alt.layer(empty, rated).properties(height=260)
