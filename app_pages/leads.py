"""Leads & ROI: attribution under seven models, social against other customers, customers over
time, lead-score buckets, the value of the lead cycle and the growth and lift of a KPI — all from
`kpi.analytics`, drawn under the shared controls, one section per slide in presenter mode."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from kpi import charts
from kpi.analytics import attribution as attr
from kpi.analytics import cohorts, groups, journeys, lead_scores, stages
from kpi.analytics.growth import kpi_growth
from kpi.analytics.lift import kpi_lift
from kpi.catalog import BY_ID
from kpi.charts import roi
from kpi.errors import KpiError
from kpi.i18n import format_date, format_value, t
from kpi.report import (
    GROWTH_KPIS,
    KEPT_IN_WORKSPACE,
    WORKSPACE_KEY,
    LeadsSettings,
    group_tone,
    groups_frame,
    groups_table,
    leads_defaults,
    p_text,
)
from kpi.slides import leads_slides
from ui.downloads import show_chart, table_downloads
from ui.page import Section, setup, show_sections
from ui.safe import md, tm
from ui.slides_button import slides_button
from ui.tables import show_table

T = TypeVar("T")
_SAVED = "_leads_settings"  # the person's settings, kept while widgets of other pages are shown
_MEMO = "_leads_memo"
_MEMO_SIZE = 48

data, ctl = setup()
defaults = leads_defaults(data, ctl.start, ctl.end)
# Every analysis follows the shared dates: journeys converting (leads created, customers
# acquired) in them. A half-picked range (one day so far) is read as that day.
START: dt.date | None = ctl.start if isinstance(ctl.start, dt.date) else None
END: dt.date | None = ctl.end if isinstance(ctl.end, dt.date) else None


def _saved() -> dict:
    # The person's thresholds, stage values and staff cost travel with the workspace file, so
    # next week's upload (and the report) use them; the campaign dates stay in the session.
    return data.workspace.other.setdefault(WORKSPACE_KEY, {})


def _session_saved() -> dict:
    return st.session_state.setdefault(_SAVED, {})


def _setting(key: str) -> object:
    """The current value of a setting: its widget's, else the saved one, else the default."""
    store = _saved() if key in KEPT_IN_WORKSPACE else _session_saved()
    value = st.session_state.get(f"leads_{key}", store.get(key, getattr(defaults, key)))
    store[key] = value
    return value


def _widget(key: str) -> str:
    """Seed a setting's widget from the saved value; returns the widget key."""
    name = f"leads_{key}"
    if name not in st.session_state:
        store = _saved() if key in KEPT_IN_WORKSPACE else _session_saved()
        st.session_state[name] = store.get(key, getattr(defaults, key))
    return name


settings = LeadsSettings(**{f: _setting(f) for f in LeadsSettings.__dataclass_fields__})


def _fingerprint() -> str:
    return repr([(tb.name, tb.mapping) for tb in data.tables])


def memo(name: str, build: Callable[[], T], *args: object) -> T:
    """`build()` once per data, analysis and arguments in this session: the page reruns on every
    widget change, and the analyses take a second or two each."""
    store = st.session_state.setdefault(_MEMO, {})
    key = (name, *args)
    if store.get("__data") != (fp := _fingerprint()):
        store.clear()
        store["__data"] = fp
    if key not in store:
        if len(store) > _MEMO_SIZE:
            store.clear()
            store["__data"] = fp
        store[key] = build()
    return store[key]


def needs(exc: KpiError) -> None:
    """What a section lacks, and which export provides it (never an error)."""
    st.info(md(exc.user_message), icon=":material/info:")


def chart(c: object, name: str) -> None:
    show_chart(charts.styled(c, ctl.present), name, ctl.present)


def table(frame: pd.DataFrame, name: str, config: dict | None = None, rows: int = 5) -> None:
    show_table(frame, name, ctl.present, column_config=config, rows_on_slide=rows)
    if not ctl.present:
        # Empty cells as plain None: the spreadsheet writer refuses pandas' NA.
        table_downloads(frame.astype(object).where(frame.notna(), None), t(f"leads.file.{name}"))


def pair(widths: list[int] | None = None) -> tuple:
    """Two charts side by side on a slide; one under the other on the page, where each keeps
    the full width for its download buttons."""
    if ctl.present:
        return tuple(st.columns(widths or 2))
    return st.container(), st.container()


MONEY = st.column_config.NumberColumn(format="%.2f")
COUNT = st.column_config.NumberColumn(format="%d")
PCT = st.column_config.NumberColumn(format="percent")
BY_TITLE = t(f"leads.by.{settings.by}")

slides_button("leads", lambda: leads_slides(data, ctl, settings), ctl.present)
st.title(t("leads.title"))
if not ctl.present:
    st.caption(t("leads.caption", start=format_date(ctl.start), end=format_date(ctl.end)))


# --- 1. attribution ---------------------------------------------------------------------------


def _attribution_controls() -> None:
    if ctl.present:
        return
    left, middle, right = st.columns(3)
    left.segmented_control(
        t("leads.by_label"), ("channel", "platform", "campaign"),
        format_func=lambda b: t(f"leads.by.{b}"), key=_widget("by"), required=True,
    )  # fmt: skip
    middle.segmented_control(
        t("leads.measure_label"), ("revenue", "conversions"),
        format_func=lambda m: t(f"leads.measure.{m}"), key=_widget("measure"), required=True,
    )  # fmt: skip
    right.number_input(
        t("leads.half_life"), min_value=0.5, max_value=365.0, step=0.5,
        key=_widget("half_life"), help=t("leads.half_life_help"),
    )  # fmt: skip


def _models() -> tuple[pd.DataFrame, attr.Attribution]:
    s = settings
    frame = memo(
        "models",
        lambda: attr.compare_models(data.con, s.by, s.half_life, start=START, end=END),
        s.by, s.half_life, START, END,
    )  # fmt: skip
    markov = memo(
        "markov",
        lambda: attr.attribution(data.con, "markov", s.by, start=START, end=END),
        s.by, START, END,
    )  # fmt: skip
    return frame, markov


def draw_models() -> None:
    st.subheader(t("leads.models_title"))
    _attribution_controls()
    try:
        frame, markov = _models()
    except KpiError as exc:
        needs(exc)
        return
    measure = settings.measure
    total = markov.total_revenue if measure == "revenue" else markov.total_conversions
    kind = "currency" if measure == "revenue" else "count"
    st.caption(
        t(
            "leads.models_caption",
            conversions=format_value(markov.total_conversions, "count"),
            revenue=format_value(markov.total_revenue, "currency"),
            measure=t(f"leads.measure.{measure}").lower(),
            total=format_value(total, kind),
        )
    )
    if frame.empty:
        st.info(t("leads.no_journeys_in_range"))
        return
    keys = roi.top_keys(frame, measure)
    chart(roi.models_bars(frame, measure, BY_TITLE, keys), t("leads.file.models_chart"))
    if not ctl.present:
        wide = roi.models_table(frame, measure, BY_TITLE)
        config = {c: MONEY if measure == "revenue" else st.column_config.NumberColumn(format="%.1f")
                  for c in wide.columns[1:]}  # fmt: skip
        table(wide, "models", config)


def draw_markov() -> None:
    st.subheader(t("leads.markov_title"))
    try:
        _, markov = _models()
    except KpiError as exc:
        needs(exc)
        return
    effects = markov.removal_effects or {}
    if not effects or markov.transitions is None:
        st.info(t("leads.no_markov"))
        return
    if not ctl.present:
        st.caption(t("leads.markov_caption"))
    left, right = pair([2, 3])
    with left:
        chart(roi.removal_bars(effects, BY_TITLE), t("leads.file.removal_chart"))
    with right:
        heatmap = roi.transition_heatmap(markov.transitions, 18 if ctl.present else 11)
        chart(heatmap, t("leads.file.transitions_chart"))


def draw_roles() -> None:
    st.subheader(t("leads.roles_title"))
    by = settings.by
    try:
        totals = memo(
            "roles",
            lambda: journeys.role_totals(data.con, by, start=START, end=END),
            by, START, END,
        )  # fmt: skip
    except KpiError as exc:
        needs(exc)
        return
    if totals.empty:
        st.info(t("leads.no_roles"))
        return
    for row in roi.assisters(totals).head(2).to_dict("records"):
        ratio = row["assists_per_conversion"]
        st.markdown(
            tm(
                "leads.assister",
                name=row["key"],
                assists=f"{int(row['assist']):,}",
                converts=f"{int(row['converting']):,}",
                ratio="∞" if ratio is None or ratio != ratio else f"{ratio:.1f}",
            )
        )
    chart(roi.roles_bars(totals, BY_TITLE), t("leads.file.roles_chart"))
    if not ctl.present:
        shown = totals.rename(
            columns={
                "key": BY_TITLE,
                **{r: t(f"leads.role.{r}") for r in journeys.ROLES},
                "assists_per_conversion": t("leads.col.assists_per_conversion"),
            }
        )
        table(shown, "roles", {t("leads.col.assists_per_conversion"): MONEY})
        _roles_in_range(by)


def _roles_in_range(by: str) -> None:
    """Each role per period of the chosen dates, with its growth on the period before."""
    grain = ctl.grain
    periods = memo("roles_periods", lambda: journeys.roles(data.con, by, grain), by, grain)
    start = pd.Timestamp(_period_floor(pd.Timestamp(ctl.start), grain))
    dates = pd.to_datetime(periods["period_start"])
    kept = periods[(dates >= start) & (dates <= pd.Timestamp(ctl.end))]
    st.markdown(f"**{t('leads.roles_periods', grain=t(f'grain.{grain}').lower())}**")
    if kept.empty:
        st.info(t("leads.no_roles_in_range"))
        return
    shown = kept.assign(role=kept["role"].map(lambda r: t(f"leads.role.{r}")))
    shown = shown.rename(columns={"key": BY_TITLE, "touches": t("leads.touches_col")}
                         | {c: t(f"leads.col.{c}") for c in ("period_start", "role", "previous", "growth")})  # fmt: skip
    date = st.column_config.DateColumn(format="D MMM YYYY")
    table(shown, "roles_periods", {t("leads.col.growth"): PCT, t("leads.col.period_start"): date})


# --- 2. control groups ------------------------------------------------------------------------


def _comparisons() -> list[groups.Comparison | KpiError]:
    days = int(settings.retention_days)

    def one(metric: str) -> groups.Comparison | KpiError:
        try:
            return groups.compare(data.con, metric, "social", days=days, start=START, end=END)
        except KpiError as exc:
            return exc

    return [memo("group", lambda m=m: one(m), m, days, START, END) for m in groups.METRICS]


def draw_groups() -> None:
    st.subheader(t("leads.groups_title"))
    if not ctl.present:
        st.columns([1, 3])[0].number_input(
            t("leads.retention_days"), min_value=1, max_value=730, step=1,
            key=_widget("retention_days"), help=t("leads.retention_days_help"),
        )  # fmt: skip
    results = _comparisons()
    found = [r for r in results if isinstance(r, groups.Comparison)]
    if not found:
        needs(next(r for r in results if isinstance(r, KpiError)))
        return
    if not ctl.present:
        st.caption(t("leads.groups_caption", n=groups.MIN_N))
    shown = groups_table(results)
    reading = t("leads.col.reading")
    if reading in shown:  # significant results coloured for social; chance and too few are not
        marks = {"good": "🟢 ", "bad": "🔴 ", None: ""}
        shown[reading] = [
            marks[group_tone(r)] + text if isinstance(r, groups.Comparison) else text
            for r, text in zip(results, shown[reading], strict=True)
        ]
    p = t("leads.col.p_value")
    if p in shown:
        shown[p] = [p_text(v) for v in shown[p]]
    if ctl.present:  # the test's name stays on the page; the slide keeps the numbers
        shown = shown.drop(columns=[t("leads.col.test")], errors="ignore")
    config = {t("leads.col.n_social"): COUNT, t("leads.col.n_other"): COUNT}
    table(shown, "groups", config, rows=6)
    for r in found:
        for note in r.notes if not ctl.present else []:
            st.caption(md(f"{t(f'leads.metric.{r.metric}')}: {note}"))
    lacking = [r for r in results if isinstance(r, KpiError)]
    if lacking and not ctl.present:
        for exc in lacking:
            needs(exc)


def draw_group_chart() -> None:
    st.subheader(t("leads.groups_chart_title"))
    results = _comparisons()
    frame = groups_frame(results)
    if frame.empty:
        st.info(t("leads.no_groups"))
        return
    if not ctl.present:
        st.caption(t("leads.groups_chart_caption"))
    chart(roi.groups_chart(frame), t("leads.file.groups_chart"))


# --- 3. customers over time -------------------------------------------------------------------


def draw_retention() -> None:
    st.subheader(t("leads.retention_title"))
    try:
        matrix = memo(
            "retention",
            lambda: cohorts.retention_matrix(data.con, start=START, end=END),
            START, END,
        )  # fmt: skip
    except KpiError as exc:
        needs(exc)
        return
    if matrix.empty:
        st.info(t("leads.no_cohorts"))
        return
    if not ctl.present:
        st.caption(t("leads.retention_caption"))
    chart(roi.retention_heatmap(matrix, labels=not ctl.present), t("leads.file.retention_chart"))
    if not ctl.present:
        wide = cohorts.retention_table(matrix).reset_index()
        wide.columns = [str(c) for c in wide.columns]
        wide["cohort"] = pd.to_datetime(wide["cohort"]).dt.strftime("%Y-%m")
        table(wide, "retention", {c: PCT for c in wide.columns if c not in ("cohort", "channel")})


def draw_value_over_time() -> None:
    st.subheader(t("leads.ltv_title"))
    try:
        ltv = memo(
            "ltv", lambda: cohorts.lifetime_value(data.con, start=START, end=END), START, END
        )
        cac = memo("cac", lambda: cohorts.cac_and_ltv(data.con, start=START, end=END), START, END)
    except KpiError as exc:
        needs(exc)
        return
    left, right = pair()
    with left:
        st.markdown(f"**{t('leads.ltv_by_cohort')}**")
        chart(roi.ltv_lines(ltv), t("leads.file.ltv_chart"))
    with right:
        st.markdown(f"**{t('leads.cac_by_channel')}**")
        if cac["cac"].isna().all():
            st.info(t("leads.no_cac"))
        chart(roi.cac_ltv_bars(cac), t("leads.file.cac_chart"))
    if not ctl.present:
        shown = cac.rename(columns={c: t(f"leads.col.{c}") for c in cac.columns})
        config = {t(f"leads.col.{c}"): MONEY for c in ("spend", "cac", "ltv", "ltv_to_cac")}
        table(shown, "cac", config | {t("leads.col.customers"): COUNT})


# --- 4. lead scores ---------------------------------------------------------------------------


def _buckets() -> tuple[pd.DataFrame, pd.DataFrame]:
    s = settings
    lead_scores.check_thresholds(s.slow_below, s.fast_from)
    grain = ctl.grain
    periods = memo(
        "buckets", lambda: lead_scores.score_buckets(data.con, grain, s.slow_below, s.fast_from),
        grain, s.slow_below, s.fast_from,
    )  # fmt: skip
    totals = memo(
        "bucket_totals",
        lambda: lead_scores.bucket_totals(data.con, s.slow_below, s.fast_from, START, END),
        s.slow_below, s.fast_from, START, END,
    )  # fmt: skip
    start = pd.Timestamp(ctl.start)
    keep = (pd.to_datetime(periods["period_start"]) <= pd.Timestamp(ctl.end)) & (
        pd.to_datetime(periods["period_start"]) >= _period_floor(start, grain)
    )
    return periods[keep].reset_index(drop=True), totals


def _period_floor(day: pd.Timestamp, grain: str) -> pd.Timestamp:
    """The start of the period (of `grain`) that holds `day`."""
    if grain == "week":
        return day - pd.Timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return day.replace(day=1, month=(day.month - 1) // 3 * 3 + 1)
    return day


def draw_buckets() -> None:
    st.subheader(t("leads.buckets_title"))
    if not ctl.present:
        left, right, _ = st.columns([1, 1, 2])
        left.number_input(t("leads.slow_below"), step=1.0, key=_widget("slow_below"))
        right.number_input(t("leads.fast_from"), step=1.0, key=_widget("fast_from"))
    try:
        periods, _ = _buckets()
    except KpiError as exc:
        needs(exc)
        return
    s = settings
    st.caption(t("leads.buckets_caption", slow=f"{s.slow_below:g}", fast=f"{s.fast_from:g}",
                 grain=t(f"grain.{ctl.grain}").lower()))  # fmt: skip
    if periods.empty:
        st.info(t("leads.no_leads_in_range"))
        return
    left, right = pair()
    with left:
        chart(
            roi.bucket_periods(periods, "leads", t("leads.col.leads")),
            t("leads.file.buckets_chart"),
        )
    with right:
        chart(
            roi.bucket_periods(periods, "social_leads", t("leads.col.social_leads")),
            t("leads.file.social_buckets_chart"),
        )
    if not ctl.present:
        shown = periods.assign(bucket=periods["bucket"].map(lambda b: t(f"leads.bucket.{b}")))
        shown = shown.rename(columns={c: t(f"leads.col.{c}") for c in periods.columns})
        config = {
            t("leads.col.growth"): PCT, t("leads.col.conversion_rate"): PCT,
            t("leads.col.cost"): MONEY, t("leads.col.cost_per_conversion"): MONEY,
            t("leads.col.period_start"): st.column_config.DateColumn(format="D MMM YYYY"),
        }  # fmt: skip
        table(shown, "buckets", config)


def draw_bucket_results() -> None:
    st.subheader(t("leads.bucket_results_title"))
    try:
        _, totals = _buckets()
    except KpiError as exc:
        needs(exc)
        return
    if not ctl.present:
        st.caption(t("leads.bucket_results_caption"))
    left, right = pair()
    with left:
        chart(
            roi.bucket_bars(totals, "conversion_rate", t("leads.col.conversion_rate"), ".0%"),
            t("leads.file.bucket_rate_chart"),
        )
    with right:
        if totals["cost_per_conversion"].isna().all():
            st.info(t("leads.no_spend"))
        else:
            chart(
                roi.bucket_bars(totals, "cost_per_conversion", t("leads.col.cost_per_conversion"), ",.2f"),
                t("leads.file.bucket_cost_chart"),
            )  # fmt: skip
    if not ctl.present:
        shown = totals.assign(bucket=totals["bucket"].map(lambda b: t(f"leads.bucket.{b}")))
        shown = shown.rename(columns={c: t(f"leads.col.{c}") for c in totals.columns})
        config = {t("leads.col.conversion_rate"): PCT, t("leads.col.cost"): MONEY,
                  t("leads.col.cost_per_conversion"): MONEY}  # fmt: skip
        table(shown, "bucket_totals", config)


# --- 5. value of the lead cycle ---------------------------------------------------------------


def draw_stages() -> None:
    st.subheader(t("leads.stages_title"))
    if not ctl.present:
        cols = st.columns(4)
        for col, key in zip(
            cols, ("value_lead", "value_qualified", "value_customer", "staff_cost"), strict=True
        ):
            col.number_input(t(f"leads.{key}"), min_value=0.0, step=5.0, key=_widget(key))  # fmt: skip
    s = settings
    try:
        values = stages.StageValues(
            float(s.value_lead), float(s.value_qualified), float(s.value_customer)
        )
        args = (values, float(s.staff_cost))
        frame = memo(
            "stages",
            lambda: stages.stage_value(data.con, *args, start=START, end=END),
            *args, START, END,
        )  # fmt: skip
        social = memo(
            "social_roi",
            lambda: stages.social_roi(data.con, *args, start=START, end=END),
            *args, START, END,
        )  # fmt: skip
    except KpiError as exc:
        needs(exc)
        return
    if not (values.lead or values.qualified or values.customer) and not ctl.present:
        st.info(t("leads.set_values"))
    summary = roi.stage_by_channel(frame)
    cols = st.columns(4)
    tiles = (
        ("leads.social_value", format_value(social["value"], "currency")),
        ("leads.social_revenue", format_value(social["revenue"], "currency")),
        ("leads.social_cost", format_value(social["cost"], "currency")),
        ("leads.social_roi", format_value(social["roi_value"], "percent")),
    )
    for col, (key, value) in zip(cols, tiles, strict=True):
        col.metric(t(key), value, border=True,
                   help=t("leads.social_roi_help", roi=format_value(social["roi_revenue"], "percent"),
                          periods=social["periods"]))  # fmt: skip
    if not ctl.present:
        st.caption(t("leads.stages_caption", periods=social["periods"],
                     roi=format_value(social["roi_revenue"], "percent")))  # fmt: skip
    height = 200 if ctl.present else 320  # styled() enlarges a slide's chart by half
    chart(roi.value_cost_bars(summary, height), t("leads.file.stages_chart"))
    if not ctl.present:
        shown = summary.rename(columns={c: t(f"leads.col.{c}") for c in summary.columns})
        config = {t(f"leads.col.{c}"): MONEY for c in summary.columns
                  if c.startswith(("value", "cost", "spend", "staff"))}  # fmt: skip
        table(shown, "stages", config | {t("leads.col.roi"): PCT})


# --- 6. growth and lift -----------------------------------------------------------------------


def _kpi_picker() -> None:
    if not ctl.present:
        st.columns([1, 2])[0].selectbox(
            t("leads.kpi"), GROWTH_KPIS, format_func=lambda k: BY_ID[k].label, key=_widget("kpi")
        )


def draw_growth() -> None:
    st.subheader(t("leads.growth_title"))
    _kpi_picker()
    kpi = BY_ID[settings.kpi]
    end = ctl.end
    try:
        table_, cmgr = memo("growth", lambda: kpi_growth(data.con, kpi.id, end=end), kpi.id, end)
    except KpiError as exc:
        needs(exc)
        return
    if table_.empty:
        st.info(t("leads.no_growth"))
        return
    last = table_.iloc[-1]
    cols = st.columns(3)
    cols[0].metric(t("leads.mom"), _pct(last["mom"]), border=True)
    cols[1].metric(t("leads.yoy"), _pct(last["yoy"]), border=True)
    cols[2].metric(t("leads.cmgr"), _pct(cmgr), border=True,
                   help=t("leads.cmgr_help", n=len(table_)))  # fmt: skip
    if not ctl.present:
        st.caption(t("leads.growth_caption", kpi=kpi.label, end=format_date(end)))
    chart(
        roi.growth_chart(
            table_, kpi.label, charts.number_format(kpi.format), 280 if ctl.present else 320
        ),
        t("leads.file.growth_chart"),
    )
    if not ctl.present:
        names = {c: t(f"leads.col.{c}") for c in table_.columns} | {"value": kpi.label}
        shown = table_.rename(columns=names)
        table(shown, "growth", {t("leads.col.mom"): PCT, t("leads.col.yoy"): PCT})


def _pct(value: object) -> str:
    return "—" if value is None or value != value else f"{float(value) * 100:+.1f}%"


def draw_lift() -> None:
    st.subheader(t("leads.lift_title"))
    if not ctl.present:
        left, right, _ = st.columns([1, 1, 2])
        left.date_input(t("leads.lift_from"), key=_widget("lift_from"))
        right.date_input(t("leads.lift_to"), key=_widget("lift_to"))
    kpi = BY_ID[settings.kpi]
    start, end = settings.lift_from, settings.lift_to
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        st.info(t("leads.lift_pick"))
        return
    try:
        result = memo("lift", lambda: kpi_lift(data.con, kpi.id, start, end), kpi.id, start, end)
    except KpiError as exc:
        needs(exc)
        return
    fmt = kpi.format if kpi.format in ("currency", "percent") else "count"
    cols = st.columns(3)
    cols[0].metric(t("leads.actual"), format_value(result.actual, fmt), border=True)
    cols[1].metric(t("leads.expected"), format_value(result.expected, fmt), border=True)
    cols[2].metric(
        t("leads.lift"), f"{result.lift:+,.0f}", border=True,
        help=t("leads.lift_interval", low=f"{result.lift_low:+,.0f}", high=f"{result.lift_high:+,.0f}"),
    )  # fmt: skip
    st.markdown(
        t("leads.lift_reading", kpi=kpi.label, start=format_date(start), end=format_date(end),
          reading=md(result.reading), low=f"{result.lift_low:+,.0f}", high=f"{result.lift_high:+,.0f}")
    )  # fmt: skip
    chart(
        roi.lift_chart(
            result.frame, kpi.label, charts.number_format(kpi.format), 260 if ctl.present else 320
        ),
        t("leads.file.lift_chart"),
    )
    if not ctl.present:
        st.caption(t("leads.lift_caption", n=result.pre_periods))


# --- the page ---------------------------------------------------------------------------------


def heading(key: str, draw: Callable[[], None]) -> Callable[[], None]:
    """In the scrolling page, a group's heading above its first part."""

    def run() -> None:
        if not ctl.present:
            st.header(t(key), divider="gray")
        draw()

    return run


sections = [
    Section(t("leads.models_short"), heading("leads.h.attribution", draw_models)),
    Section(t("leads.markov_short"), draw_markov),
    Section(t("leads.roles_short"), draw_roles),
    Section(t("leads.groups_short"), heading("leads.h.groups", draw_groups)),
    Section(t("leads.groups_chart_short"), draw_group_chart),
    Section(t("leads.retention_short"), heading("leads.h.customers", draw_retention)),
    Section(t("leads.ltv_short"), draw_value_over_time),
    Section(t("leads.buckets_short"), heading("leads.h.scores", draw_buckets)),
    Section(t("leads.bucket_results_short"), draw_bucket_results),
    Section(t("leads.stages_short"), heading("leads.h.stages", draw_stages)),
    Section(t("leads.growth_short"), heading("leads.h.growth", draw_growth)),
    Section(t("leads.lift_short"), draw_lift),
]
show_sections("leads", sections, ctl.present)
