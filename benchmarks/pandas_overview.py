"""The Overview page's requests written in plain pandas, the reference `overview_s` is
compared with: on the benchmark's posts, ads and web-traffic exports, the KPIs the engine can
compute there (impressions, engagement rate, sessions, leads, spend) as tiles against the
previous period, a weekly series, the impressions trend against the previous period and the
engagement rate by platform.

The frames are read and typed before the clock starts, as the engine's tables are loaded
before its clock starts."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import numpy as np
import pandas as pd

START, END = dt.date(2024, 1, 1), dt.date(2025, 12, 31)


def read_frames(paths: list[str]) -> dict[str, pd.DataFrame]:
    """The benchmark's exports as typed frames, by kind (posts, ads, web)."""
    frames = {}
    for path in paths:
        kind = Path(path).name.split("_")[0]
        df = pd.read_csv(path)
        if kind == "posts":
            df["Published at"] = pd.to_datetime(df["Published at"])
        else:
            column = "Day" if kind == "ads" else "Date"
            df[column] = pd.to_datetime(df[column])
        frames[kind] = df
    return frames


def _inside(times: pd.Series, start: dt.date, end: dt.date) -> pd.Series:
    return (times >= pd.Timestamp(start)) & (times < pd.Timestamp(end + dt.timedelta(days=1)))


def _previous(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    days = (end - start).days + 1
    return start - dt.timedelta(days=days), start - dt.timedelta(days=1)


def _week(times: pd.Series, start: dt.date) -> pd.Series:
    monday = times.dt.normalize() - pd.to_timedelta(times.dt.weekday, unit="D")
    return monday.clip(lower=pd.Timestamp(start))


def _totals(frames: dict[str, pd.DataFrame], start: dt.date, end: dt.date) -> dict[str, float]:
    posts, ads, web = frames["posts"], frames["ads"], frames["web"]
    p = posts[_inside(posts["Published at"], start, end)]
    a = ads[_inside(ads["Day"], start, end)]
    w = web[_inside(web["Date"], start, end)]
    engaged = (p["Likes"] + p["Comments"] + p["Shares"]).sum()
    impressions = p["Impressions"].sum()
    return {
        "impressions": float(impressions),
        "engagement_rate": engaged / impressions if impressions else np.nan,
        "sessions": float(w["Sessions"].sum()),
        "leads": float(a["Leads"].sum()),
        "spend": float(a["Amount spent (EUR)"].sum()),
    }


def _weekly(frames: dict[str, pd.DataFrame], start: dt.date, end: dt.date) -> pd.DataFrame:
    posts, ads, web = frames["posts"], frames["ads"], frames["web"]
    p = posts[_inside(posts["Published at"], start, end)]
    week = _week(p["Published at"], start)
    g = p.assign(week=week, engaged=p["Likes"] + p["Comments"] + p["Shares"]).groupby("week")
    out = g[["Impressions", "engaged"]].sum()
    out["engagement_rate"] = out["engaged"] / out["Impressions"].replace(0, np.nan)
    a = ads[_inside(ads["Day"], start, end)]
    out = out.join(a.groupby(_week(a["Day"], start))[["Leads", "Amount spent (EUR)"]].sum())
    w = web[_inside(web["Date"], start, end)]
    out = out.join(w.groupby(_week(w["Date"], start))[["Sessions"]].sum())
    spine = pd.DataFrame(index=pd.Index(sorted(set(out.index)), name="week"))
    return spine.join(out).reset_index().melt(id_vars="week", var_name="kpi")


def overview(frames: dict[str, pd.DataFrame], start: dt.date = START, end: dt.date = END) -> int:
    """The four requests of the Overview page; returns how many values they gave."""
    before, after = _previous(start, end)
    tiles = {"value": _totals(frames, start, end), "previous": _totals(frames, before, after)}
    series = _weekly(frames, start, end)
    trend = _weekly(frames, start, end)
    trend = trend[trend["kpi"] == "Impressions"]
    earlier = _weekly(frames, before, after)
    earlier = earlier[earlier["kpi"] == "Impressions"].reset_index(drop=True)
    trend = trend.reset_index(drop=True).assign(previous=earlier["value"])
    split = {}
    for first, last, column in ((start, end, "value"), (before, after, "previous")):
        posts = frames["posts"]
        p = posts[_inside(posts["Published at"], first, last)]
        engaged = (p["Likes"] + p["Comments"] + p["Shares"]).groupby(p["Platform"]).sum()
        split[column] = engaged / p.groupby("Platform")["Impressions"].sum().replace(0, np.nan)
    by_platform = pd.DataFrame(split)
    return len(tiles["value"]) + len(series) + len(trend) + len(by_platform)


def measure(paths: list[str]) -> dict[str, float]:
    """Seconds for the pandas Overview on these files (reading them not counted)."""
    frames = read_frames(paths)
    started = time.perf_counter()
    values = overview(frames)
    return {"seconds": time.perf_counter() - started, "values": values}
