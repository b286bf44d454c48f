"""Leads & ROI: attribution under every model, the Markov chain, campaign-history roles, social
against other leads and customers, cohort retention, LTV and CAC, lead-score buckets, the value
of the lead cycle, and the growth and lift of a KPI — each part following the shared dates
(journeys converting, leads created, customers acquired in them).

`ctx.options`: `settings` (a `LeadsSettings`; by default what the workspace saved) and `memo`
(`memo(name, build, *args)`: the page keeps each analysis per data and arguments, since it
reruns on every widget change; by default every analysis runs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pandas as pd

from kpi import charts
from kpi.analytics import attribution as attr
from kpi.analytics import cohorts, groups, journeys, lead_scores, stages
from kpi.analytics.growth import kpi_growth
from kpi.analytics.lift import kpi_lift
from kpi.catalog import BY_ID
from kpi.charts import roi
from kpi.errors import KpiError
from kpi.i18n import format_date, format_value, t
from kpi.views.common import label, message
from kpi.views.leads_settings import (
    LeadsSettings,
    group_tone,
    groups_frame,
    groups_table,
    leads_defaults,
    p_text,
)
from kpi.views.model import (
    Block,
    Chart,
    Columns,
    Hook,
    Metric,
    Metrics,
    PageView,
    Section,
    Table,
    Text,
    ViewContext,
)

GROUP_COLUMNS = ("metric", "social", "other", "difference", "ci", "reading")  # on a PDF slide


def _run(name: str, build: Callable[[], Any], *args: object) -> Any:
    return build()


def _needs(exc: KpiError) -> Block:
    """What a section lacks, and which export provides it (never an error)."""
    return Text(exc.user_message, "info", icon=":material/info:")


def period_floor(day: pd.Timestamp, grain: str) -> pd.Timestamp:
    """The start of the period (of `grain`) that holds `day`."""
    if grain == "week":
        return day - pd.Timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return day.replace(day=1, month=(day.month - 1) // 3 * 3 + 1)
    return day


def _pct(value: object) -> str:
    return "—" if value is None or value != value else f"{float(value) * 100:+.1f}%"


def settings_for(ctx: ViewContext) -> LeadsSettings:
    """The settings the context carries, else the workspace's (the sample's on the sample)."""
    given = ctx.options.get("settings")
    if isinstance(given, LeadsSettings):
        return given
    data = SimpleNamespace(workspace=ctx.workspace, source="sample" if ctx.sample else "")
    return leads_defaults(data, ctx.start, ctx.end)


def build(ctx: ViewContext) -> PageView:
    lang, con, present = ctx.lang, ctx.con, ctx.present
    s = settings_for(ctx)
    memo = ctx.options.get("memo") or _run
    # A half-picked range (one day so far) is read as that day.
    start = ctx.start if isinstance(ctx.start, dt.date) else None
    end = ctx.end if isinstance(ctx.end, dt.date) else None
    span = {"start": start, "end": end}
    by_title = t(f"leads.by.{s.by}", lang)

    def chart(spec: Any, name: str, **more: Any) -> Chart:
        return Chart(spec, t(f"leads.file.{name}", lang), **more)

    def table(frame: pd.DataFrame, name: str, formats: dict, **more: Any) -> Table:
        kinds = {c: formats.get(c) for c in frame.columns}
        return Table(frame, name, formats=kinds, download=t(f"leads.file.{name}", lang),
                     plain_nulls=True, **more)  # fmt: skip

    # --- 1. attribution -----------------------------------------------------------------------

    def models_data() -> tuple[pd.DataFrame, Any]:
        frame = memo("models", lambda: attr.compare_models(con, s.by, s.half_life, **span),
                     s.by, s.half_life, start, end)  # fmt: skip
        markov = memo("markov", lambda: attr.attribution(con, "markov", s.by, **span),
                      s.by, start, end)  # fmt: skip
        return frame, markov

    def models() -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("attribution", "page"),)
        try:
            frame, markov = models_data()
        except KpiError as exc:
            return (*out, _needs(exc))
        revenue = s.measure == "revenue"
        total = markov.total_revenue if revenue else markov.total_conversions
        out += (
            message(
                ctx, "leads.models_caption", "caption",
                conversions=format_value(markov.total_conversions, "count", lang),
                revenue=format_value(markov.total_revenue, "currency", lang),
                measure=t(f"leads.measure.{s.measure}", lang).lower(),
                total=format_value(total, "currency" if revenue else "count", lang),
            ),
        )  # fmt: skip
        if frame.empty:
            return (*out, message(ctx, "leads.no_journeys_in_range"))
        keys = roi.top_keys(frame, s.measure)
        wide = roi.models_table(frame, s.measure, by_title)
        kind = "currency" if revenue else "decimal"
        return (
            *out,
            chart(
                roi.models_bars(frame, s.measure, by_title, keys), "models_chart", slide_width=1080
            ),
            table(wide, "models", {c: kind for c in wide.columns[1:]}, show="page"),
        )

    def markov() -> tuple[Block, ...]:
        try:
            _, result = models_data()
        except KpiError as exc:
            return (_needs(exc),)
        effects = result.removal_effects or {}
        if not effects or result.transitions is None:
            return (message(ctx, "leads.no_markov"),)
        heatmap = roi.transition_heatmap(result.transitions, 18 if present else 11)
        return (
            message(ctx, "leads.markov_caption", "caption", "page"),
            Columns(
                (
                    (chart(roi.removal_bars(effects, by_title), "removal_chart", slide_width=420),),
                    (chart(heatmap, "transitions_chart", slide_width=520),),
                ),
                stack_on_page=True,
                widths=(2, 3),
            ),
        )

    def roles() -> tuple[Block, ...]:
        try:
            totals = memo("roles", lambda: journeys.role_totals(con, s.by, **span),
                          s.by, start, end)  # fmt: skip
        except KpiError as exc:
            return (_needs(exc),)
        if totals.empty:
            return (message(ctx, "leads.no_roles"),)
        out: list[Block] = []
        for row in roi.assisters(totals).head(2).to_dict("records"):
            ratio = row["assists_per_conversion"]
            values = {
                "name": row["key"],
                "assists": f"{int(row['assist']):,}",
                "converts": f"{int(row['converting']):,}",
                "ratio": "∞" if ratio is None or ratio != ratio else f"{ratio:.1f}",
            }
            out.append(message(ctx, "leads.assister", "text", data_values=values))
        out.append(chart(roi.roles_bars(totals, by_title), "roles_chart"))
        if present:
            return tuple(out)
        per_conversion = t("leads.col.assists_per_conversion", lang)
        shown = totals.rename(
            columns={"key": by_title, **{r: t(f"leads.role.{r}", lang) for r in journeys.ROLES},
                     "assists_per_conversion": per_conversion}
        )  # fmt: skip
        out.append(table(shown, "roles", {per_conversion: "currency"}, show="page"))
        out += roles_in_range()
        return tuple(out)

    def roles_in_range() -> list[Block]:
        """Each role per period of the chosen dates, with its growth on the period before."""
        grain = ctx.grain
        periods = memo("roles_periods", lambda: journeys.roles(con, s.by, grain), s.by, grain)
        first = pd.Timestamp(period_floor(pd.Timestamp(ctx.start), grain))
        dates = pd.to_datetime(periods["period_start"])
        kept = periods[(dates >= first) & (dates <= pd.Timestamp(ctx.end))]
        out: list[Block] = [
            message(
                ctx, "leads.roles_periods", "label", "page", grain=t(f"grain.{grain}", lang).lower()
            )
        ]
        if kept.empty:
            return [*out, message(ctx, "leads.no_roles_in_range", show="page")]
        shown = kept.assign(role=kept["role"].map(lambda r: t(f"leads.role.{r}", lang)))
        shown = shown.rename(
            columns={"key": by_title, "touches": t("leads.touches_col", lang)}
            | {c: t(f"leads.col.{c}", lang) for c in ("period_start", "role", "previous", "growth")}
        )
        formats = {
            t("leads.col.growth", lang): "percent",
            t("leads.col.period_start", lang): "date",
        }
        return [*out, table(shown, "roles_periods", formats, show="page")]

    # --- 2. control groups --------------------------------------------------------------------

    def comparisons() -> list[Any]:
        days = int(s.retention_days)

        def one(metric: str) -> Any:
            try:
                return groups.compare(con, metric, "social", days=days, **span)
            except KpiError as exc:
                return exc

        return [memo("group", lambda m=m: one(m), m, days, start, end) for m in groups.METRICS]

    def control() -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("retention_days", "page"),)
        results = comparisons()
        found = [r for r in results if isinstance(r, groups.Comparison)]
        if not found:
            return (*out, _needs(next(r for r in results if isinstance(r, KpiError))))
        out += (message(ctx, "leads.groups_caption", "caption", "page", n=groups.MIN_N),)
        shown = groups_table(results, lang)
        reading = t("leads.col.reading", lang)
        if reading in shown:  # significant results coloured for social; chance and too few not
            marks = {"good": "🟢 ", "bad": "🔴 ", None: ""}
            shown[reading] = [
                marks[group_tone(r)] + text if isinstance(r, groups.Comparison) else text
                for r, text in zip(results, shown[reading], strict=True)
            ]
        p = t("leads.col.p_value", lang)
        if p in shown:
            shown[p] = [p_text(v) for v in shown[p]]
        counts = {t("leads.col.n_social", lang): "int", t("leads.col.n_other", lang): "int"}
        on_slide = tuple(
            c for c in (t(f"leads.col.{k}", lang) for k in GROUP_COLUMNS) if c in shown
        )
        # The test's name stays on the page; the slide keeps the numbers.
        out += (
            table(shown, "groups", counts, show="page", rows_on_slide=6),
            table(
                shown.drop(columns=[t("leads.col.test", lang)], errors="ignore"),
                "groups",
                counts,
                show="present",
                rows_on_slide=6,
                slide_columns=on_slide,
                slide_rows=6,
            ),
        )
        for r in found:
            for note in r.notes:
                text = f"{t(f'leads.metric.{r.metric}', lang)}: {note}"
                out += (Text(text, "caption", show="page"),)
        for exc in (r for r in results if isinstance(r, KpiError)):
            out += (Text(exc.user_message, "info", show="page", icon=":material/info:"),)
        return out

    def differences() -> tuple[Block, ...]:
        frame = groups_frame(comparisons())
        if frame.empty:
            return (message(ctx, "leads.no_groups"),)
        return (
            message(ctx, "leads.groups_chart_caption", "caption", "page"),
            chart(roi.groups_chart(frame), "groups_chart"),
        )

    # --- 3. customers over time ---------------------------------------------------------------

    def retention() -> tuple[Block, ...]:
        out: tuple[Block, ...] = ()
        try:
            matrix = memo("retention", lambda: cohorts.retention_matrix(con, **span), start, end)
        except KpiError as exc:
            return (*out, _needs(exc))
        if matrix.empty:
            return (*out, message(ctx, "leads.no_cohorts"))
        out += (
            message(ctx, "leads.retention_caption", "caption", "page"),
            chart(roi.retention_heatmap(matrix, labels=not present), "retention_chart"),
        )
        if present:
            return out
        wide = cohorts.retention_table(matrix).reset_index()
        wide.columns = [str(c) for c in wide.columns]
        wide["cohort"] = pd.to_datetime(wide["cohort"]).dt.strftime("%Y-%m")
        formats = {c: "percent" for c in wide.columns if c not in ("cohort", "channel")}
        return (*out, table(wide, "retention", formats, show="page"))

    def value() -> tuple[Block, ...]:
        try:
            ltv = memo("ltv", lambda: cohorts.lifetime_value(con, **span), start, end)
            cac = memo("cac", lambda: cohorts.cac_and_ltv(con, **span), start, end)
        except KpiError as exc:
            return (_needs(exc),)
        right: tuple[Block, ...] = (message(ctx, "leads.cac_by_channel", "label"),)
        if cac["cac"].isna().all():
            right += (message(ctx, "leads.no_cac", show="page"),)
        right += (chart(roi.cac_ltv_bars(cac), "cac_chart", slide_width=480),)
        left = (
            message(ctx, "leads.ltv_by_cohort", "label"),
            chart(roi.ltv_lines(ltv), "ltv_chart", slide_width=480),
        )
        out: tuple[Block, ...] = (Columns((left, right), stack_on_page=True),)
        shown = cac.rename(columns={c: t(f"leads.col.{c}", lang) for c in cac.columns})
        formats = {
            t(f"leads.col.{c}", lang): "currency" for c in ("spend", "cac", "ltv", "ltv_to_cac")
        }
        formats[t("leads.col.customers", lang)] = "int"
        return (*out, table(shown, "cac", formats, show="page"))

    # --- 4. lead scores -----------------------------------------------------------------------

    def bucket_data() -> tuple[pd.DataFrame, pd.DataFrame]:
        lead_scores.check_thresholds(s.slow_below, s.fast_from)
        grain = ctx.grain
        periods = memo(
            "buckets", lambda: lead_scores.score_buckets(con, grain, s.slow_below, s.fast_from),
            grain, s.slow_below, s.fast_from,
        )  # fmt: skip
        totals = memo(
            "bucket_totals",
            lambda: lead_scores.bucket_totals(con, s.slow_below, s.fast_from, start, end),
            s.slow_below, s.fast_from, start, end,
        )  # fmt: skip
        dates = pd.to_datetime(periods["period_start"])
        keep = (dates <= pd.Timestamp(ctx.end)) & (
            dates >= period_floor(pd.Timestamp(ctx.start), grain)
        )
        return periods[keep].reset_index(drop=True), totals

    def buckets() -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("thresholds", "page"),)
        try:
            periods, _ = bucket_data()
        except KpiError as exc:
            return (*out, _needs(exc))
        out += (
            message(ctx, "leads.buckets_caption", "caption", slow=f"{s.slow_below:g}",
                    fast=f"{s.fast_from:g}", grain=t(f"grain.{ctx.grain}", lang).lower()),
        )  # fmt: skip
        if periods.empty:
            return (*out, message(ctx, "leads.no_leads_in_range"))
        pair = (
            (chart(roi.bucket_periods(periods, "leads", t("leads.col.leads", lang)),
                   "buckets_chart", slide_width=480),),
            (chart(roi.bucket_periods(periods, "social_leads", t("leads.col.social_leads", lang)),
                   "social_buckets_chart", slide_width=480),),
        )  # fmt: skip
        shown = periods.assign(bucket=periods["bucket"].map(lambda b: t(f"leads.bucket.{b}", lang)))
        shown = shown.rename(columns={c: t(f"leads.col.{c}", lang) for c in periods.columns})
        formats = {
            t("leads.col.growth", lang): "percent", t("leads.col.conversion_rate", lang): "percent",
            t("leads.col.cost", lang): "currency", t("leads.col.cost_per_conversion", lang): "currency",
            t("leads.col.period_start", lang): "date",
        }  # fmt: skip
        return (
            *out,
            Columns(pair, stack_on_page=True),
            table(shown, "buckets", formats, show="page"),
        )

    def bucket_results() -> tuple[Block, ...]:
        try:
            _, totals = bucket_data()
        except KpiError as exc:
            return (_needs(exc),)
        rate = t("leads.col.conversion_rate", lang)
        cost = t("leads.col.cost_per_conversion", lang)
        left = (chart(roi.bucket_bars(totals, "conversion_rate", rate, ".0%"),
                      "bucket_rate_chart", slide_width=480),)  # fmt: skip
        if totals["cost_per_conversion"].isna().all():
            right: tuple[Block, ...] = (message(ctx, "leads.no_spend", show="page"),)
        else:
            right = (chart(roi.bucket_bars(totals, "cost_per_conversion", cost, ",.2f"),
                           "bucket_cost_chart", slide_width=480),)  # fmt: skip
        shown = totals.assign(bucket=totals["bucket"].map(lambda b: t(f"leads.bucket.{b}", lang)))
        shown = shown.rename(columns={c: t(f"leads.col.{c}", lang) for c in totals.columns})
        formats = {rate: "percent", t("leads.col.cost", lang): "currency", cost: "currency"}
        return (
            message(ctx, "leads.bucket_results_caption", "caption", "page"),
            Columns((left, right), stack_on_page=True),
            table(shown, "bucket_totals", formats, show="page"),
        )

    # --- 5. value of the lead cycle -----------------------------------------------------------

    def cycle() -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("stage_values", "page"),)
        try:
            values = stages.StageValues(
                float(s.value_lead), float(s.value_qualified), float(s.value_customer)
            )
            args = (values, float(s.staff_cost))
            frame = memo("stages", lambda: stages.stage_value(con, *args, **span),
                         *args, start, end)  # fmt: skip
            social = memo("social_roi", lambda: stages.social_roi(con, *args, **span),
                          *args, start, end)  # fmt: skip
        except KpiError as exc:
            return (*out, _needs(exc))
        if not (values.lead or values.qualified or values.customer):
            out += (message(ctx, "leads.set_values", show="page"),)
        summary = roi.stage_by_channel(frame)
        roi_revenue = format_value(social["roi_revenue"], "percent", lang)
        help_text = t("leads.social_roi_help", lang, roi=roi_revenue, periods=social["periods"])
        items = (
            ("leads.social_value", format_value(social["value"], "currency", lang)),
            ("leads.social_revenue", format_value(social["revenue"], "currency", lang)),
            ("leads.social_cost", format_value(social["cost"], "currency", lang)),
            ("leads.social_roi", format_value(social["roi_value"], "percent", lang)),
        )
        out += (
            Metrics(tuple(Metric(t(k, lang), v, help_text) for k, v in items), columns=4),
            message(
                ctx,
                "leads.stages_caption",
                "caption",
                "page",
                periods=social["periods"],
                roi=roi_revenue,
            ),
            chart(roi.value_cost_bars(summary, 200 if present else 320), "stages_chart"),
        )
        shown = summary.rename(columns={c: t(f"leads.col.{c}", lang) for c in summary.columns})
        formats = {t(f"leads.col.{c}", lang): "currency" for c in summary.columns
                   if c.startswith(("value", "cost", "spend", "staff"))}  # fmt: skip
        formats[t("leads.col.roi", lang)] = "percent"
        return (*out, table(shown, "stages", formats, show="page"))

    # --- 6. growth and lift -------------------------------------------------------------------

    kpi = BY_ID[s.kpi]
    name = label(kpi.id, lang)

    def growth() -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("kpi", "page"),)
        try:
            table_, cmgr = memo("growth", lambda: kpi_growth(con, kpi.id, end=ctx.end),
                                kpi.id, ctx.end)  # fmt: skip
        except KpiError as exc:
            return (*out, _needs(exc))
        if table_.empty:
            return (*out, message(ctx, "leads.no_growth"))
        last = table_.iloc[-1]
        items = (
            Metric(t("leads.mom", lang), _pct(last["mom"])),
            Metric(t("leads.yoy", lang), _pct(last["yoy"])),
            Metric(t("leads.cmgr", lang), _pct(cmgr), t("leads.cmgr_help", lang, n=len(table_))),
        )
        spec = roi.growth_chart(table_, name, charts.number_format(kpi.format),
                                280 if present else 320)  # fmt: skip
        names = {c: t(f"leads.col.{c}", lang) for c in table_.columns} | {"value": name}
        formats = {t("leads.col.mom", lang): "percent", t("leads.col.yoy", lang): "percent"}
        return (
            *out,
            Metrics(items),
            message(
                ctx,
                "leads.growth_caption",
                "caption",
                "page",
                kpi=name,
                end=format_date(ctx.end, lang),
            ),
            chart(spec, "growth_chart", kpis=(kpi.id,)),
            table(table_.rename(columns=names), "growth", formats, show="page"),
        )

    def lift() -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("lift_dates", "page"),)
        first, last = s.lift_from, s.lift_to
        if not isinstance(first, dt.date) or not isinstance(last, dt.date):
            return (*out, message(ctx, "leads.lift_pick"))
        try:
            result = memo("lift", lambda: kpi_lift(con, kpi.id, first, last), kpi.id, first, last)
        except KpiError as exc:
            return (*out, _needs(exc))
        fmt = kpi.format if kpi.format in ("currency", "percent") else "count"
        low, high = f"{result.lift_low:+,.0f}", f"{result.lift_high:+,.0f}"
        items = (
            Metric(t("leads.actual", lang), format_value(result.actual, fmt, lang)),
            Metric(t("leads.expected", lang), format_value(result.expected, fmt, lang)),
            Metric(
                t("leads.lift", lang),
                f"{result.lift:+,.0f}",
                t("leads.lift_interval", lang, low=low, high=high),
            ),
        )
        period = {"start": format_date(first, lang), "end": format_date(last, lang)}
        spec = roi.lift_chart(result.frame, name, charts.number_format(kpi.format),
                              260 if present else 320)  # fmt: skip
        slide = t("leads.lift_slide", lang, kpi=name, reading=result.reading, **period)
        return (
            *out,
            Metrics(items),
            message(
                ctx,
                "leads.lift_reading",
                "text",
                kpi=name,
                low=low,
                high=high,
                **period,
                data_values={"reading": result.reading},
            ),
            chart(spec, "lift_chart", kpis=(kpi.id,), caption=slide),
            message(ctx, "leads.lift_caption", "caption", "page", n=result.pre_periods),
        )

    parts = (
        ("models", "leads.models_short", models),
        ("markov", "leads.markov_short", markov),
        ("roles", "leads.roles_short", roles),
        ("groups", "leads.groups_short", control),
        ("groups_chart", "leads.groups_chart_short", differences),
        ("retention", "leads.retention_short", retention),
        ("ltv", "leads.ltv_short", value),
        ("buckets", "leads.buckets_short", buckets),
        ("bucket_results", "leads.bucket_results_short", bucket_results),
        ("stages", "leads.stages_short", cycle),
        ("growth", "leads.growth_short", growth),
        ("lift", "leads.lift_short", lift),
    )
    headings = {
        "models": "leads.models_title", "markov": "leads.markov_title",
        "roles": "leads.roles_title", "groups": "leads.groups_title",
        "groups_chart": "leads.groups_chart_title", "retention": "leads.retention_title",
        "ltv": "leads.ltv_title", "buckets": "leads.buckets_title",
        "bucket_results": "leads.bucket_results_title", "stages": "leads.stages_title",
        "growth": "leads.growth_title", "lift": "leads.lift_title",
    }  # fmt: skip
    groups_above = {"models": "attribution", "groups": "groups", "retention": "customers",
                    "buckets": "scores", "stages": "stages", "growth": "growth"}  # fmt: skip
    sections = []
    for key, title, draw in parts:
        # On the scrolling page a group's heading stands above its first part's subheader.
        top: tuple[Block, ...] = ()
        if key in groups_above:
            top = (message(ctx, f"leads.h.{groups_above[key]}", "header", "page"),)
        top += (message(ctx, headings[key], "subheader"),)
        sections.append(Section(key, t(title, lang), (*top, *draw())))
    caption = t("leads.caption", lang, start=format_date(ctx.start, lang),
                end=format_date(ctx.end, lang))  # fmt: skip
    return PageView("leads", t("leads.title", lang), caption, tuple(sections), lang)
