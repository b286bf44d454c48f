"""Community care per platform and month, from `conversations`.

The catalog already declares the care KPIs (first_response_time_median, first_response_time_p90,
response_rate, complaint_resolution_rate); this table runs them through the engine by platform
and month and adds the counts a care lead reads beside them: conversations, answered,
complaints, resolved complaints and conversations resolved.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from kpi.engine import Request, available_fields, run

CARE_KPIS = (
    "first_response_time_median",
    "first_response_time_p90",
    "response_rate",
    "complaint_resolution_rate",
)
COLUMNS = ["month", "platform", "conversations", "answered", "resolved", "complaints",
           "resolved_complaints", *CARE_KPIS]  # fmt: skip


def care_by_platform_month(
    con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date
) -> pd.DataFrame:
    """One row per month × platform with conversations: the counts and the four care KPIs
    (response times in seconds, rates as shares). Empty without conversations."""
    present = available_fields(con, "conversations")
    if present is None or "received_at" not in present:
        return pd.DataFrame(columns=COLUMNS)

    def has(f: str) -> bool:
        return f in present

    counts = con.execute(
        f"""SELECT greatest(CAST(date_trunc('month', received_at) AS DATE), CAST(? AS DATE)) AS month,
               platform,
               CAST(count(*) AS BIGINT) AS conversations,
               CAST({"count(first_response_at)" if has("first_response_at") else "0"} AS BIGINT) AS answered,
               CAST({"count(resolved_at)" if has("resolved_at") else "0"} AS BIGINT) AS resolved,
               CAST({"count(*) FILTER (WHERE is_complaint)" if has("is_complaint") else "0"} AS BIGINT)
                   AS complaints,
               CAST({"count(resolved_at) FILTER (WHERE is_complaint)" if has("is_complaint") and has("resolved_at") else "0"}
                    AS BIGINT) AS resolved_complaints
           FROM conversations WHERE CAST(received_at AS DATE) BETWEEN ? AND ?
           GROUP BY ALL""",
        [start, start, end],
    ).df()
    if counts.empty:
        return pd.DataFrame(columns=COLUMNS)
    counts["month"] = pd.to_datetime(counts["month"]).dt.date
    result = run(con, Request(CARE_KPIS, start, end, grain="month", by=("platform",)))
    wide = result.rows.pivot_table(index=["period_start", "platform"], columns="kpi", values="value",
                                   aggfunc="first", dropna=False)  # fmt: skip
    wide = wide.reset_index().rename(columns={"period_start": "month"})
    out = counts.merge(wide, on=["month", "platform"], how="left")
    for k in CARE_KPIS:
        if k not in out:
            out[k] = float("nan")
    return out[COLUMNS].sort_values(["month", "platform"]).reset_index(drop=True)
