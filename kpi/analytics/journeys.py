"""Journeys: each lead's (or customer's) marketing touches in time order, cut at its conversion,
and the roles a channel, platform or campaign plays in them (originating, assist, converting).

A journey keeps only the touches on or before the conversion (`leads.converted_at`, or
`customers.acquired_at` for customer journeys): a touch after it cannot have caused it. A lead
without any such touch has a one-step journey of its own source (`leads.channel`, `.platform` or
`.campaign`). Leads that never converted keep all their touches: they are journeys that ended
without a conversion, and the Markov model needs them.

Touches join their lead by `lead_id`, or, when a touch carries only a `customer_id`, through the
lead that became that customer. Steps are numbered in SQL with window functions.

An optional date range (`start`, `end`, both inclusive) selects journeys as a whole: those whose
conversion falls in it, and, for journeys that never converted, those whose lead was created in
it. A selected journey keeps its touches from before the range.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from kpi.engine import GRAINS, available_fields
from kpi.errors import KpiError
from kpi.i18n import t
from kpi.schema import DATASETS

DIMENSIONS = ("channel", "platform", "campaign")
NOT_SET = "(not set)"
ROLES = ("originating", "assist", "converting")
UNITS = ("leads", "customers")


class MissingData(KpiError):
    """An analysis lacks a dataset or field; the message names the export that provides it."""

    def __init__(self, dataset: str, fields: tuple[str, ...] = ()) -> None:
        hint = DATASETS[dataset].provided_by
        super().__init__(
            t("error.needs_fields", dataset=dataset, fields=", ".join(fields), hint=hint)
            if fields
            else t("error.needs_dataset", dataset=dataset, hint=hint)
        )
        self.dataset = dataset
        self.fields = fields


@dataclass(frozen=True)
class Journey:
    """One lead's path: the key (channel, platform or campaign) of each step in time order, how
    many days before the conversion each step happened, and what the conversion was worth."""

    id: str
    steps: tuple[str, ...]
    days_before: tuple[float, ...]  # 0.0 for every step of a journey without a conversion
    converted: bool
    revenue: float  # 0.0 when not converted


def require(con: duckdb.DuckDBPyConnection, dataset: str, fields: tuple[str, ...]) -> set[str]:
    """The fields with values in `dataset`; MissingData when the dataset or a field is absent."""
    present = available_fields(con, dataset)
    if present is None:
        raise MissingData(dataset)
    lacking = tuple(f for f in fields if f not in present)
    if lacking:
        raise MissingData(dataset, lacking)
    return present


def has_values(con: duckdb.DuckDBPyConnection, dataset: str, column: str) -> bool:
    """True when `dataset` exists and its column (canonical or kept unmapped) holds a value."""
    cols = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [dataset]
        ).fetchall()
    }
    if column not in cols:
        return False
    return bool(con.execute(f'SELECT count("{column}") FROM {dataset}').fetchall()[0][0])


def check_range(start: dt.date | None, end: dt.date | None) -> None:
    """KpiError unless `start` and `end` are dates (or None) with start on or before end."""
    for value in (start, end):
        if value is not None and not isinstance(value, dt.date):
            raise KpiError(t("error.not_a_date", value=value))
    if start is not None and end is not None and _day(start) > _day(end):
        raise KpiError(t("error.range_starts_after", start=_day(start), end=_day(end)))


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def date_filter(expr: str, start: dt.date | None = None, end: dt.date | None = None) -> str:
    """SQL: TRUE when the day of `expr` lies in [start, end] (either bound may be None)."""
    check_range(start, end)
    parts = []
    if start is not None:
        parts.append(f"CAST({expr} AS DATE) >= DATE '{_day(start).isoformat()}'")
    if end is not None:
        parts.append(f"CAST({expr} AS DATE) <= DATE '{_day(end).isoformat()}'")
    return " AND ".join(parts) or "TRUE"


def _key(column: str) -> str:
    return f"coalesce(nullif(trim(CAST({column} AS VARCHAR)), ''), '{NOT_SET}')"


def _date_only(con: duckdb.DuckDBPyConnection, unit: str) -> bool:
    """True when every conversion time of the unit is midnight: a date-only export."""
    column = "converted_at" if unit == "leads" else "acquired_at"
    value = con.execute(
        f"SELECT bool_and(CAST({column} AS TIME) = TIME '00:00:00') FROM {unit} "
        f"WHERE {column} IS NOT NULL"
    ).fetchall()[0][0]
    return bool(value)


def _units_sql(con: duckdb.DuckDBPyConnection, by: str, unit: str) -> str:
    orders = has_values(con, "orders", "revenue") and has_values(con, "orders", "customer_id")
    from_orders = (
        "coalesce((SELECT sum(CAST(o.revenue AS DOUBLE)) FROM orders o "
        "WHERE CAST(o.customer_id AS VARCHAR) = CAST(u.customer_id AS VARCHAR)), 0.0)"
    )
    if unit == "leads":
        revenue = "coalesce(CAST(u.revenue AS DOUBLE), 0.0)"
        if orders and not has_values(con, "leads", "revenue"):
            revenue = from_orders  # a CRM export without deal values: the customer's orders
        return f"""
            SELECT CAST(lead_id AS VARCHAR) AS journey_id, created_at, converted_at,
                   CASE WHEN converted_at IS NULL THEN 0.0 ELSE {revenue} END AS revenue,
                   {_key("u." + by)} AS source_key, CAST(customer_id AS VARCHAR) AS customer_id
            FROM leads u WHERE lead_id IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY lead_id ORDER BY created_at) = 1"""
    source = _key("u.channel") if by == "channel" else f"'{NOT_SET}'"
    return f"""
        SELECT CAST(customer_id AS VARCHAR) AS journey_id, acquired_at AS created_at,
               acquired_at AS converted_at, {from_orders if orders else "0.0"} AS revenue,
               {source} AS source_key, CAST(customer_id AS VARCHAR) AS customer_id
        FROM customers u WHERE customer_id IS NOT NULL AND acquired_at IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY acquired_at) = 1"""


def steps_sql(
    con: duckdb.DuckDBPyConnection,
    by: str = "channel",
    unit: str = "leads",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    """The SQL of every journey step: journey_id, step (1…), steps, touched_at, key, converted,
    converted_at, revenue, days_before. With `start`/`end`, only the journeys converting in the
    range (non-converting ones: created in it), with all their touches up to the conversion.

    A journey is a lead (converting at `converted_at`, worth `leads.revenue`, or its customer's
    orders when the export has no revenue) or a customer (converting at `acquired_at`, worth its
    orders). Touches join by the unit's id, or through the lead that became the customer. When
    every conversion time is midnight (a date-only export) a touch counts up to the end of the
    conversion day."""
    if by not in DIMENSIONS:
        raise KpiError(t("error.unknown_breakdown", by=by, options=", ".join(DIMENSIONS)))
    if unit not in UNITS:
        raise KpiError(t("error.unknown_unit", unit=unit, units=", ".join(UNITS)))
    cutoff = "l.converted_at"
    if _date_only(con, unit):
        cutoff = "l.converted_at + INTERVAL 1 DAY - INTERVAL 1 MICROSECOND"
    if unit == "leads":
        touch_id = "coalesce(CAST(tp.lead_id AS VARCHAR), c.journey_id)"
        link = """LEFT JOIN (SELECT customer_id, min(journey_id) AS journey_id FROM l0
                             WHERE customer_id IS NOT NULL GROUP BY customer_id) c
                    ON tp.lead_id IS NULL AND CAST(tp.customer_id AS VARCHAR) = c.customer_id"""
    elif has_values(con, "leads", "customer_id"):
        touch_id = "coalesce(CAST(tp.customer_id AS VARCHAR), c.customer_id)"
        link = """LEFT JOIN (SELECT CAST(lead_id AS VARCHAR) AS lead_id,
                                    min(CAST(customer_id AS VARCHAR)) AS customer_id
                             FROM leads WHERE customer_id IS NOT NULL GROUP BY ALL) c
                    ON tp.customer_id IS NULL AND CAST(tp.lead_id AS VARCHAR) = c.lead_id"""
    else:
        touch_id, link = "CAST(tp.customer_id AS VARCHAR)", ""
    selected = date_filter("coalesce(converted_at, created_at)", start, end)
    return f"""
        WITH l0 AS ({_units_sql(con, by, unit)}
        ), l AS (
            SELECT * FROM l0 WHERE {selected}
        ), t AS (
            SELECT {touch_id} AS journey_id, tp.touched_at, {_key("tp." + by)} AS key
            FROM touchpoints tp {link}
            WHERE tp.touched_at IS NOT NULL
        ), kept AS (
            SELECT t.journey_id, t.touched_at, t.key FROM t JOIN l USING (journey_id)
            WHERE l.converted_at IS NULL OR t.touched_at <= {cutoff}
        ), steps AS (
            SELECT journey_id, touched_at, key FROM kept
            UNION ALL
            SELECT journey_id, created_at, source_key FROM l
            WHERE journey_id NOT IN (SELECT journey_id FROM kept)
        )
        SELECT s.journey_id,
               row_number() OVER (PARTITION BY s.journey_id ORDER BY s.touched_at, s.key) AS step,
               count(*) OVER (PARTITION BY s.journey_id) AS steps,
               s.touched_at, s.key, l.converted_at IS NOT NULL AS converted, l.converted_at, l.revenue,
               coalesce(greatest(date_diff('second', s.touched_at, l.converted_at), 0) / 86400.0, 0.0)
                   AS days_before
        FROM steps s JOIN l USING (journey_id)
    """


# Where a step stands in its journey (columns of `steps_sql`): the first touch (originating)
# and the last one (converting, when the journey converted).
FIRST_STEP = "step = 1"
LAST_STEP = "step = steps"


def with_steps(
    con: duckdb.DuckDBPyConnection,
    by: str = "channel",
    unit: str = "leads",
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    converted_only: bool = False,
    **ctes: str,
) -> str:
    """SQL `WITH s AS (…), name AS (…), …`, for the caller to end with its SELECT: the journey
    steps of `steps_sql` as `s` (only the converted journeys' with `converted_only`), then each
    further named query, in order, which may read `s` and the ones before it. Every analysis of
    journeys (roles here, attribution in `attribution_sql`) starts from this one builder."""
    keep = " WHERE converted" if converted_only else ""
    parts = [f"s AS (SELECT * FROM ({steps_sql(con, by, unit, start, end)}){keep})"]
    parts += [f"{name} AS ({sql})" for name, sql in ctes.items()]
    return "WITH " + ",\n".join(parts) + "\n"


def require_journeys(con: duckdb.DuckDBPyConnection, unit: str = "leads") -> None:
    """MissingData unless the unit's export (leads or customers) and touchpoints are loaded."""
    if unit == "customers":
        require(con, "customers", ("customer_id", "acquired_at"))
    else:
        require(con, "leads", ("lead_id",))
    require(con, "touchpoints", ("touched_at",))


def journey_steps(
    con: duckdb.DuckDBPyConnection,
    by: str = "channel",
    unit: str = "leads",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Every journey step as a frame, ordered by journey and step (see `steps_sql`)."""
    require_journeys(con, unit)
    sql = steps_sql(con, by, unit, start, end)
    return con.execute(f"SELECT * FROM ({sql}) ORDER BY journey_id, step").df()


def journeys(
    con: duckdb.DuckDBPyConnection,
    by: str = "channel",
    unit: str = "leads",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Journey]:
    """Every lead's (or customer's) journey, converted or not, keyed by channel, platform or
    campaign; with a range, the journeys it selects (see `steps_sql`)."""
    return journeys_from_steps(journey_steps(con, by, unit, start, end))


def journeys_from_steps(frame: pd.DataFrame) -> list[Journey]:
    """Journeys from a steps frame (journey_id, step, key, converted, revenue, days_before)."""
    out = []
    for journey_id, part in frame.sort_values(["journey_id", "step"]).groupby(
        "journey_id", sort=True
    ):
        converted = bool(part["converted"].iloc[0])
        out.append(
            Journey(
                str(journey_id),
                tuple(str(k) for k in part["key"]),
                tuple(float(d) if converted else 0.0 for d in part["days_before"]),
                converted,
                float(part["revenue"].iloc[0]) if converted else 0.0,
            )
        )
    return out


def roles(
    con: duckdb.DuckDBPyConnection,
    by: str = "channel",
    grain: str = "month",
    converted_only: bool = True,
    unit: str = "leads",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """How often each key originates (first touch), assists (a middle touch) and converts (the
    last touch before the conversion) per period of the touch, with growth on the previous
    period. A one-touch journey's touch both originates and converts. With `converted_only`
    False, later touches of journeys that did not convert count as assists.

    Columns: period_start, key, role, touches, previous, growth (None without a previous value)."""
    if grain not in GRAINS:
        raise KpiError(t("error.unknown_grain", grain=grain, grains=", ".join(GRAINS)))
    require_journeys(con, unit)
    tagged = f"""
        SELECT touched_at, key, 'originating' AS role FROM s WHERE {FIRST_STEP}
        UNION ALL
        SELECT touched_at, key, 'converting' FROM s WHERE converted AND {LAST_STEP}
        UNION ALL
        SELECT touched_at, key, 'assist' FROM s
        WHERE step > 1 AND (step < steps OR NOT converted)"""
    counted = """
        SELECT CAST(date_trunc(?, touched_at) AS DATE) AS period_start, key, role,
               CAST(count(*) AS BIGINT) AS touches
        FROM tagged GROUP BY ALL"""
    steps = with_steps(
        con, by, unit, start, end, converted_only=converted_only, tagged=tagged, counted=counted
    )
    sql = f"""{steps}
        SELECT period_start, key, role, touches,
               lag(touches) OVER w AS previous,
               CASE WHEN lag(touches) OVER w > 0
                    THEN touches / lag(touches) OVER w - 1 END AS growth
        FROM counted
        WINDOW w AS (PARTITION BY key, role ORDER BY period_start)
        ORDER BY period_start, key, role
    """
    frame = con.execute(sql, [grain]).df()
    frame["previous"] = frame["previous"].astype("Int64")
    return frame


def role_totals(
    con: duckdb.DuckDBPyConnection,
    by: str = "channel",
    unit: str = "leads",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Per key over all time (or the journeys converting in a range): originating, assist and
    converting touches of converted journeys, and assists per conversion (a channel that
    assists far more than it converts stands out)."""
    frame = roles(con, by, grain="quarter", unit=unit, start=start, end=end)  # summed below
    wide = frame.pivot_table(
        index="key", columns="role", values="touches", aggfunc="sum", fill_value=0
    )
    for role in ROLES:
        if role not in wide:
            wide[role] = 0
    wide = wide[list(ROLES)].astype("int64").reset_index()
    wide["assists_per_conversion"] = [
        a / c if c else None for a, c in zip(wide["assist"], wide["converting"], strict=True)
    ]
    return wide.sort_values("assist", ascending=False, ignore_index=True)
