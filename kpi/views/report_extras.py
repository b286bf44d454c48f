"""What the report shows besides the Overview: sessions per period against the period before,
and the posts with the most engagements."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from kpi import charts
from kpi.catalog import BY_ID
from kpi.engine import available_fields, run
from kpi.i18n import t
from kpi.views.common import label, message, request
from kpi.views.model import Chart, PageView, Section, Table, ViewContext

TOP_POSTS = 5
_TEXT_CHARS = 180  # a post's text is cut to this many characters in the table

TOP_POSTS_SQL = """
SELECT
    coalesce(text, post_id, '') AS text,
    platform,
    CAST(published_at AS DATE) AS day,
    impressions,
    coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) AS engagements,
    (coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0))
        / nullif(impressions, 0) AS engagement_rate
FROM posts
WHERE CAST(published_at AS DATE) BETWEEN ? AND ?
ORDER BY engagements DESC, published_at, post_id
LIMIT ?
"""


def top_posts(
    con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, n: int = TOP_POSTS
) -> pd.DataFrame:
    """The `n` posts of [start, end] with the most engagements (likes + comments + shares):
    text, platform, day, impressions, engagements, engagement_rate. Empty without posts."""
    columns = ["text", "platform", "day", "impressions", "engagements", "engagement_rate"]
    if available_fields(con, "posts") is None:
        return pd.DataFrame(columns=columns)
    return con.execute(TOP_POSTS_SQL, [start, end, n]).df()


def report_extras(ctx: ViewContext) -> PageView:
    """Sessions per period and the top posts of the context's period, as a view."""
    lang = ctx.lang
    kpi = BY_ID["sessions"]
    trend = run(ctx.con, request(ctx, (kpi.id,)))
    if trend.needs or trend.rows.empty or trend.rows["value"].isna().all():
        sessions: tuple = (message(ctx, "report.no_chart", "caption"),)
    else:
        chart = charts.trend_with_comparison(
            trend.rows, label(kpi.id, lang), charts.number_format(kpi.format), lang=lang
        )
        sessions = (Chart(chart, "sessions_trend", (kpi.id,), caption=t("report.sessions", lang)),)
    posts = top_posts(ctx.con, ctx.start, ctx.end)
    if posts.empty:
        shown: tuple = (message(ctx, "report.no_posts", "caption"),)
    else:
        cut = [
            text if len(text) <= _TEXT_CHARS else text[: _TEXT_CHARS - 1].rstrip() + "…"
            for text in posts["text"].fillna("").astype(str)
        ]
        frame = posts.assign(
            text=cut,
            platform=[p if isinstance(p, str) else "" for p in posts["platform"]],
            day=[None if pd.isna(d) else pd.Timestamp(d).date() for d in posts["day"]],
        )
        columns = ("text", "platform", "day", "impressions", "engagements", "engagement_rate")
        names = ("post", "platform", "date", "impressions", "engagements", "engagement_rate")
        shown = (
            Table(
                frame,
                "top_posts",
                formats={
                    "text": "longtext",
                    "platform": None,
                    "day": "date",
                    "impressions": "count",
                    "engagements": "count",
                    "engagement_rate": "percent",
                },
                labels={c: t(f"report.{n}", lang) for c, n in zip(columns, names, strict=True)},
            ),
        )
    return PageView(
        "more",
        t("report.charts", lang),
        None,
        (
            Section("sessions", t("report.sessions", lang), sessions),
            Section("top_posts", t("report.top_posts", lang, n=TOP_POSTS), shown),
        ),
        lang,
    )
