"""Charts and display tables of the Leads & ROI page: pure functions, the small frames of
`kpi.analytics` in (attribution, groups, cohorts, lead scores, stages, growth, lift), an Altair
chart or a table out. No I/O, no Streamlit; every word through `t()`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from kpi.charts import PALETTE
from kpi.i18n import t

_HEIGHT = 320
TOP_KEYS = 12  # bars per model on the attribution chart; the rest are summed into "others"
BUCKET_COLOURS = {
    "slow": PALETTE[5],
    "medium": PALETTE[1],
    "fast": PALETTE[2],
    "unscored": "#999999",
}
ROLE_COLOURS = {"originating": PALETTE[0], "assist": PALETTE[1], "converting": PALETTE[2]}
_GREY = "#8c959f"


def model_label(model: str) -> str:
    """A model's name as a person reads it."""
    return t(f"leads.model.{model}")


def _models_domain(models: Sequence[str]) -> list[str]:
    return [model_label(m) for m in models]


# --- 1. attribution ---------------------------------------------------------------------------


def top_keys(frame: pd.DataFrame, measure: str, n: int = TOP_KEYS) -> list[str]:
    """The `n` keys with the largest credit of `measure` under any model (from compare_models)."""
    best = frame.sort_values(measure, ascending=False).drop_duplicates("key")
    return [str(k) for k in best["key"].head(n)]


def models_bars(
    frame: pd.DataFrame, measure: str, by_title: str, keys: Sequence[str] | None = None
) -> alt.Chart:
    """Grouped bars: per key, one bar per attribution model, of conversions or revenue credited.
    `frame` is `compare_models` output (model, key, conversions, revenue)."""
    models = list(dict.fromkeys(frame["model"]))
    keys = list(keys) if keys is not None else top_keys(frame, measure)
    data = frame[frame["key"].isin(keys)][["model", "key", measure]].copy()
    data["key"] = data["key"].astype(str)
    data["model_label"] = data["model"].map(model_label)
    title = t(f"leads.measure.{measure}")
    fmt = ",.0f" if measure == "revenue" else ",.1f"
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "key:N", sort=keys, title=by_title, axis=alt.Axis(labelAngle=0, labelLimit=160)
            ),
            xOffset=alt.XOffset("model_label:N", sort=_models_domain(models)),
            y=alt.Y(f"{measure}:Q", title=title, axis=alt.Axis(format=fmt)),
            color=alt.Color(
                "model_label:N",
                title=None,
                sort=_models_domain(models),
                scale=alt.Scale(domain=_models_domain(models), range=PALETTE[: len(models)]),
                legend=alt.Legend(orient="top", columns=4, labelLimit=0),
            ),
            tooltip=[
                alt.Tooltip("key:N", title=by_title),
                alt.Tooltip("model_label:N", title=t("leads.col.model")),
                alt.Tooltip(f"{measure}:Q", title=title, format=",.2f"),
            ],
        )
        .properties(height=_HEIGHT)
    )


def models_table(frame: pd.DataFrame, measure: str, by_title: str) -> pd.DataFrame:
    """Keys as rows, one column per model, and a last row of totals (each model's credits add up
    to the real total of converted journeys)."""
    models = list(dict.fromkeys(frame["model"]))
    wide = frame.pivot_table(
        index="key", columns="model", values=measure, aggfunc="sum", sort=False
    )
    wide = wide.reindex(columns=models).fillna(0.0)
    wide = wide.sort_values(models[0], ascending=False)
    total = pd.DataFrame([wide.sum(axis=0)], index=[t("leads.total")])
    wide = pd.concat([wide, total])
    wide.index.name = by_title
    wide.columns = [model_label(m) for m in models]
    return wide.reset_index()


def removal_bars(effects: Mapping[str, float], by_title: str) -> alt.Chart:
    """Markov removal effects per key: how much of the conversions would be lost without it."""
    data = pd.DataFrame({"key": [str(k) for k in effects], "effect": list(effects.values())})
    return (
        alt.Chart(data)
        .mark_bar(color=PALETTE[0])
        .encode(
            y=alt.Y("key:N", sort="-x", title=by_title, axis=alt.Axis(labelLimit=200)),
            x=alt.X("effect:Q", title=t("leads.removal_effect"), axis=alt.Axis(format=".0%")),
            tooltip=[
                alt.Tooltip("key:N", title=by_title),
                alt.Tooltip("effect:Q", title=t("leads.removal_effect"), format=".1%"),
            ],
        )
        .properties(height=max(140, 40 * len(data)))
    )


def transition_heatmap(matrix: pd.DataFrame, font_size: int = 11) -> alt.LayerChart:
    """The Markov chain's transition probabilities: from-state rows, to-state columns, each cell
    labelled (`font_size` large on a slide)."""
    rows = [str(i) for i in matrix.index]
    cols = [str(c) for c in matrix.columns]
    long = [
        {"from_state": str(a), "to_state": str(b), "p": float(matrix.loc[a, b])}
        for a in matrix.index
        for b in matrix.columns
    ]
    data = pd.DataFrame(long)
    data["label"] = [f"{p:.0%}" if p else "" for p in data["p"]]
    base = alt.Chart(data).encode(
        x=alt.X(
            "to_state:N", sort=cols, title=t("leads.to_state"),
            axis=alt.Axis(labelAngle=-30, labelLimit=160, orient="top"),
        ),
        y=alt.Y("from_state:N", sort=rows, title=t("leads.from_state"), axis=alt.Axis(labelLimit=160)),
    )  # fmt: skip
    cells = base.mark_rect().encode(
        color=alt.Color(
            "p:Q", title=t("leads.probability"), scale=alt.Scale(scheme="blues", domain=[0, 1]),
            legend=alt.Legend(format=".0%"),
        ),
        tooltip=[
            alt.Tooltip("from_state:N", title=t("leads.from_state")),
            alt.Tooltip("to_state:N", title=t("leads.to_state")),
            alt.Tooltip("p:Q", title=t("leads.probability"), format=".1%"),
        ],
    )  # fmt: skip
    text = base.mark_text(baseline="middle", fontSize=font_size).encode(
        text="label:N",
        color=alt.condition(alt.datum.p > 0.5, alt.value("white"), alt.value("#1f2328")),
    )
    row = max(32, int(font_size * 2.2))
    # The rotated state names above the cells take about 150 px of the chart's height.
    return alt.layer(cells, text).properties(height=150 + row * len(rows))


def roles_bars(totals: pd.DataFrame, by_title: str) -> alt.Chart:
    """Originating, assist and converting touches per key, side by side (from role_totals)."""
    roles = list(ROLE_COLOURS)
    labels = [t(f"leads.role.{r}") for r in roles]
    long = totals.melt(id_vars=["key"], value_vars=roles, var_name="role", value_name="touches")
    long["key"] = long["key"].astype(str)
    long["role_label"] = long["role"].map(lambda r: t(f"leads.role.{r}"))
    keys = [str(k) for k in totals["key"]]
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("key:N", sort=keys, title=by_title, axis=alt.Axis(labelAngle=0, labelLimit=160)),
            xOffset=alt.XOffset("role_label:N", sort=labels),
            y=alt.Y("touches:Q", title=t("leads.touches"), axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "role_label:N", title=None, sort=labels,
                scale=alt.Scale(domain=labels, range=list(ROLE_COLOURS.values())),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("key:N", title=by_title),
                alt.Tooltip("role_label:N", title=t("leads.col.role")),
                alt.Tooltip("touches:Q", title=t("leads.touches"), format=",.0f"),
            ],
        )
        .properties(height=_HEIGHT)
    )  # fmt: skip


def assisters(totals: pd.DataFrame, ratio: float = 2.0) -> pd.DataFrame:
    """Keys that assist at least `ratio` times as often as they convert, most lopsided first."""
    per = totals["assists_per_conversion"].astype(float)
    lopsided = totals[(totals["assist"] > 0) & ((totals["converting"] == 0) | (per >= ratio))]
    return lopsided.sort_values("assists_per_conversion", ascending=False, na_position="first")


# --- 2. control groups ------------------------------------------------------------------------


def groups_chart(frame: pd.DataFrame, width: int = 560) -> alt.FacetChart:
    """Each comparison's difference (first − second group) with its 95 % interval as error bars,
    one row per metric on its own scale (rates in points, money in money); comparisons that are
    not yet readable are grey. `frame`: metric_label, difference, ci_low, ci_high, status."""
    data = frame.dropna(subset=["difference"]).copy()
    status = ["significant", "not_significant", "not_readable", "no_test"]
    labels = [t(f"leads.status.{s}") for s in status]
    data["status_label"] = data["status"].map(lambda s: t(f"leads.status.{s}"))
    data["zero"] = 0.0
    order = list(dict.fromkeys(data["metric_key"]))
    y = alt.Y("metric_label:N", title=None, axis=alt.Axis(labelLimit=260))
    colour = alt.Color(
        "status_label:N", title=None, sort=labels,
        scale=alt.Scale(domain=labels, range=[PALETTE[2], PALETTE[0], _GREY, PALETTE[3]]),
        legend=alt.Legend(orient="top", labelLimit=0),
    )  # fmt: skip
    tooltip = [
        alt.Tooltip("metric_label:N", title=t("leads.col.metric")),
        alt.Tooltip("difference:Q", title=t("leads.col.difference"), format=",.3f"),
        alt.Tooltip("ci_low:Q", title=t("leads.col.ci_low"), format=",.3f"),
        alt.Tooltip("ci_high:Q", title=t("leads.col.ci_high"), format=",.3f"),
        alt.Tooltip("status_label:N", title=t("leads.col.reading")),
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


# --- 3. customers over time -------------------------------------------------------------------


def retention_heatmap(matrix: pd.DataFrame, labels: bool = True) -> alt.LayerChart:
    """Monthly cohorts (rows) by months since acquisition (columns), coloured by retention;
    with `labels`, each cell carries its percentage (too small to read on a slide of 24 months)."""
    data = matrix[["cohort", "months_since", "customers", "retention"]].copy()
    data["cohort"] = pd.to_datetime(data["cohort"]).dt.strftime("%Y-%m")
    data["label"] = [f"{r:.0%}" for r in data["retention"]]
    cohorts = sorted(data["cohort"].unique())
    base = alt.Chart(data).encode(
        x=alt.X("months_since:O", title=t("leads.months_since"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("cohort:O", sort=cohorts, title=t("leads.cohort")),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "retention:Q", title=t("leads.retention"),
            scale=alt.Scale(scheme="greens", domain=[0, 1]), legend=alt.Legend(format=".0%"),
        ),
        tooltip=[
            alt.Tooltip("cohort:O", title=t("leads.cohort")),
            alt.Tooltip("months_since:O", title=t("leads.months_since")),
            alt.Tooltip("customers:Q", title=t("leads.col.customers"), format=",.0f"),
            alt.Tooltip("retention:Q", title=t("leads.retention"), format=".1%"),
        ],
    )  # fmt: skip
    text = base.mark_text(baseline="middle", fontSize=9).encode(
        text="label:N",
        color=alt.condition(alt.datum.retention > 0.6, alt.value("white"), alt.value("#1f2328")),
    )
    layers = [cells, text] if labels else [cells]
    return alt.layer(*layers).properties(height=max(200, 22 * len(cohorts)))


def ltv_lines(frame: pd.DataFrame) -> alt.Chart:
    """LTV so far per acquisition cohort, one line per channel (from lifetime_value)."""
    data = frame[["cohort", "channel", "ltv", "customers"]].copy()
    data["cohort"] = pd.to_datetime(data["cohort"])
    data["channel"] = data["channel"].astype(str)
    title = t("leads.ltv")
    return (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("cohort:T", title=t("leads.cohort"), axis=alt.Axis(format="%b %y", labelAngle=0)),
            y=alt.Y("ltv:Q", title=title, axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "channel:N", title=None, scale=alt.Scale(range=PALETTE),
                legend=alt.Legend(orient="top", labelLimit=0, columns=3),
            ),
            tooltip=[
                alt.Tooltip("cohort:T", title=t("leads.cohort"), format="%b %Y"),
                alt.Tooltip("channel:N", title=t("leads.col.channel")),
                alt.Tooltip("customers:Q", title=t("leads.col.customers"), format=",.0f"),
                alt.Tooltip("ltv:Q", title=title, format=",.2f"),
            ],
        )
        .properties(height=_HEIGHT)
    )  # fmt: skip


def cac_ltv_bars(frame: pd.DataFrame) -> alt.Chart:
    """CAC and LTV side by side per channel, LTV : CAC written above (from cac_and_ltv)."""
    data = frame.melt(id_vars=["channel", "ltv_to_cac"], value_vars=["cac", "ltv"])
    data = data.dropna(subset=["value"])
    data["channel"] = data["channel"].astype(str)
    names = {"cac": t("leads.cac"), "ltv": t("leads.ltv")}
    data["measure"] = data["variable"].map(names)
    domain = list(names.values())
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("channel:N", title=None, axis=alt.Axis(labelAngle=-30, labelLimit=200)),
            xOffset=alt.XOffset("measure:N", sort=domain),
            y=alt.Y("value:Q", title=t("leads.money"), axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "measure:N", title=None, sort=domain,
                scale=alt.Scale(domain=domain, range=PALETTE[:2]), legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("channel:N", title=t("leads.col.channel")),
                alt.Tooltip("measure:N", title=" "),
                alt.Tooltip("value:Q", title=t("leads.money"), format=",.2f"),
                alt.Tooltip("ltv_to_cac:Q", title=t("leads.ltv_to_cac"), format=",.2f"),
            ],
        )
        .properties(height=_HEIGHT)
    )  # fmt: skip


# --- 4. lead scores ---------------------------------------------------------------------------


def _bucket_domain(buckets: Sequence[str]) -> tuple[list[str], list[str]]:
    shown = [b for b in BUCKET_COLOURS if b in set(buckets)]
    return [t(f"leads.bucket.{b}") for b in shown], [BUCKET_COLOURS[b] for b in shown]


def bucket_periods(frame: pd.DataFrame, value: str, title: str) -> alt.Chart:
    """Grouped bars per period, one per score bucket, of `value` (from score_buckets)."""
    data = frame[["period_start", "bucket", value]].copy()
    data["period_start"] = pd.to_datetime(data["period_start"])
    data["bucket_label"] = data["bucket"].map(lambda b: t(f"leads.bucket.{b}"))
    domain, colours = _bucket_domain(data["bucket"])
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "period_start:O", timeUnit="yearmonthdate", title=None,
                axis=alt.Axis(format="%d %b %y", labelAngle=0, labelOverlap=True),
            ),
            xOffset=alt.XOffset("bucket_label:N", sort=domain),
            y=alt.Y(f"{value}:Q", title=title, axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "bucket_label:N", title=None, sort=domain,
                scale=alt.Scale(domain=domain, range=colours), legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("period_start:T", title=t("chart.period"), format="%d %b %Y"),
                alt.Tooltip("bucket_label:N", title=t("leads.col.bucket")),
                alt.Tooltip(f"{value}:Q", title=title, format=",.0f"),
            ],
        )
        .properties(height=_HEIGHT)
    )  # fmt: skip


def bucket_bars(totals: pd.DataFrame, value: str, title: str, fmt: str) -> alt.Chart:
    """One bar per score bucket of `value` (from bucket_totals); buckets without it left out."""
    data = totals[["bucket", value]].dropna().copy()
    data["bucket_label"] = data["bucket"].map(lambda b: t(f"leads.bucket.{b}"))
    domain, colours = _bucket_domain(data["bucket"])
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
                alt.Tooltip("bucket_label:N", title=t("leads.col.bucket")),
                alt.Tooltip(f"{value}:Q", title=title, format=fmt),
            ],
        )
        .properties(height=260)
    )  # fmt: skip


# --- 5. value of the lead cycle ---------------------------------------------------------------

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


def value_cost_bars(summary: pd.DataFrame, height: int = _HEIGHT) -> alt.Chart:
    """Per channel: value created, stacked by stage, beside its cost (spend + staff)."""
    parts = {
        "value_lead": t("leads.value.lead"),
        "value_qualified": t("leads.value.qualified"),
        "value_customer": t("leads.value.customer"),
        "spend": t("leads.cost.spend"),
        "staff_cost": t("leads.cost.staff"),
    }
    long = summary.melt(
        id_vars=["channel"], value_vars=list(parts), var_name="part", value_name="amount"
    )
    long["channel"] = long["channel"].astype(str)
    long["part_label"] = long["part"].map(parts)
    long["side"] = [
        t("leads.value_created") if p.startswith("value") else t("leads.cost") for p in long["part"]
    ]
    long["order"] = long["part"].map({p: i for i, p in enumerate(parts)})
    domain = list(parts.values())
    colours = [PALETTE[4], PALETTE[0], PALETTE[2], PALETTE[5], PALETTE[1]]
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("channel:N", title=None, sort=list(summary["channel"].astype(str)),
                    axis=alt.Axis(labelAngle=0, labelLimit=160)),
            xOffset=alt.XOffset("side:N", sort=[t("leads.value_created"), t("leads.cost")]),
            y=alt.Y("amount:Q", title=t("leads.money"), stack="zero", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "part_label:N", title=None, sort=domain, scale=alt.Scale(domain=domain, range=colours),
                legend=alt.Legend(orient="top", labelLimit=0),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("channel:N", title=t("leads.col.channel")),
                alt.Tooltip("part_label:N", title=" "),
                alt.Tooltip("amount:Q", title=t("leads.money"), format=",.2f"),
            ],
        )
        .properties(height=height)
    )  # fmt: skip


# --- 6. growth and lift -----------------------------------------------------------------------


def growth_chart(
    table: pd.DataFrame, title: str, fmt: str = ",.0f", height: int = _HEIGHT
) -> alt.LayerChart:
    """A KPI per month as bars, its month-over-month change as a line on its own axis."""
    data = table[["period_start", "value", "mom", "yoy"]].copy()
    data["month"] = pd.to_datetime(data["period_start"]).dt.strftime("%b %y")
    data = data.drop(columns="period_start")
    data["mom"] = pd.to_numeric(data["mom"], errors="coerce")
    data["yoy"] = pd.to_numeric(data["yoy"], errors="coerce")
    months = list(data["month"])
    x = alt.X("month:O", sort=months, title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True))
    tooltip = [
        alt.Tooltip("month:O", title=t("chart.period")),
        alt.Tooltip("value:Q", title=title, format=fmt),
        alt.Tooltip("mom:Q", title=t("leads.mom"), format="+.1%"),
        alt.Tooltip("yoy:Q", title=t("leads.yoy"), format="+.1%"),
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
            y=alt.Y("mom:Q", title=t("leads.mom"), axis=alt.Axis(format="+.0%")),
            tooltip=tooltip,
        )
    )
    return alt.layer(bars, line).resolve_scale(y="independent").properties(height=height)


def lift_chart(
    frame: pd.DataFrame, title: str, fmt: str = ",.0f", height: int = _HEIGHT
) -> alt.LayerChart:
    """The campaign's actual values against the forecast without it, with the forecast's
    95 % band (from Lift.frame: period, actual, expected, lower, upper)."""
    data = frame.copy()
    data["period"] = pd.to_datetime(data["period"])
    actual, expected = t("leads.actual"), t("leads.expected")
    long = pd.concat(
        [
            data[["period", "actual"]].rename(columns={"actual": "value"}).assign(series=actual),
            data[["period", "expected"]]
            .rename(columns={"expected": "value"})
            .assign(series=expected),
        ],
        ignore_index=True,
    )
    x = alt.X("period:T", title=None, axis=alt.Axis(format="%d %b", labelAngle=0, tickCount="week"))
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
                alt.Tooltip("period:T", title=t("chart.period"), format="%d %b %Y"),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("value:Q", title=title, format=fmt),
            ],
        )
    )  # fmt: skip
    return alt.layer(band, lines).properties(height=height)
