"""The report's Leads & ROI part as a view: attribution under every model, the roles of each
channel, social against other customers, CAC and LTV by channel, lead-score buckets and the ROI
of social. A part whose data is missing says which export provides it. With `start`/`end` (the
report's period) every part follows it: journeys converting, leads created and customers
acquired in it; without, every lead and customer loaded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from kpi.errors import KpiError
from kpi.i18n import format_count, format_date, format_value, t
from kpi.i18n.messages import resolve
from kpi.views.leads_settings import LeadsSettings, groups_table, leads_defaults, p_text
from kpi.views.model import Block, Chart, PageView, Section, Table, Text


def leads_report_view(
    data: object,
    settings: LeadsSettings | None = None,
    lang: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> PageView:
    from kpi.analytics import attribution as attr
    from kpi.analytics import cohorts, groups, journeys, lead_scores, stages
    from kpi.charts import roi

    lang = resolve(lang)
    s = settings or leads_defaults(data, start or dt.date.today(), end or dt.date.today())
    con = data.con  # type: ignore[attr-defined]
    span = {"start": start, "end": end}
    by_title = t(f"leads.by.{s.by}", lang)
    sections: list[Section] = []
    scope = None
    if start is not None and end is not None:
        scope = t("leads.report_range", lang, start=format_date(start, lang),
                  end=format_date(end, lang))  # fmt: skip

    def part(key: str, title: str, build: Callable[[], tuple[Block, ...]]) -> None:
        try:
            blocks = build()
        except KpiError as exc:
            blocks = (Text(exc.user_message, "info"),)
        sections.append(Section(key, title, blocks))

    def models() -> tuple[Block, ...]:
        frame = attr.compare_models(con, s.by, s.half_life, **span)
        markov = attr.attribution(con, "markov", s.by, **span)
        if frame.empty:
            raise KpiError(t("leads.no_journeys_in_range", lang))
        revenue = s.measure == "revenue"
        intro = t(
            "leads.models_caption", lang,
            conversions=format_value(markov.total_conversions, "count", lang),
            revenue=format_value(markov.total_revenue, "currency", lang),
            measure=t(f"leads.measure.{s.measure}", lang).lower(),
            total=format_value(markov.total_revenue if revenue else markov.total_conversions,
                               "currency" if revenue else "count", lang),
        )  # fmt: skip
        wide = roi.models_table(frame, s.measure, by_title, lang=lang)
        kind = "currency" if revenue else "decimal"
        chart = roi.models_bars(frame, s.measure, by_title, lang=lang)
        return (
            Text(intro, "text"),
            Chart(chart, "attribution_models", caption=t("leads.models_title", lang)),
            Table(wide, "models", formats={c: kind for c in wide.columns[1:]}),
        )

    def roles() -> tuple[Block, ...]:
        totals = journeys.role_totals(con, s.by, **span)
        notes = tuple(
            Text(
                t(
                    "leads.assister_plain",
                    lang,
                    name=r["key"],
                    assists=format_count(int(r["assist"]), lang),
                    converts=format_count(int(r["converting"]), lang),
                ),
                "text",
            )
            for r in roi.assisters(totals).head(2).to_dict("records")
        )
        shown = totals.rename(
            columns={"key": by_title, **{r: t(f"leads.role.{r}", lang) for r in journeys.ROLES},
                     "assists_per_conversion": t("leads.col.assists_per_conversion", lang)}
        )  # fmt: skip
        kinds = {c: "count" for c in shown.columns[1:4]} | {shown.columns[4]: "decimal"}
        return (*notes, Table(shown, "roles", formats=kinds))

    def control() -> tuple[Block, ...]:
        results: list[object] = []
        for metric in groups.METRICS:
            try:
                results.append(
                    groups.compare(con, metric, "social", days=int(s.retention_days), **span)
                )
            except KpiError as exc:
                results.append(exc.user_message)
        if not any(isinstance(r, groups.Comparison) for r in results):
            raise KpiError(next(r for r in results if isinstance(r, str)))
        frame = groups_table(results, lang)
        p = t("leads.col.p_value", lang)
        frame[p] = [p_text(v, lang) for v in frame[p]]
        kinds: dict[str, str | None] = {c: None for c in frame.columns}
        kinds |= {t("leads.col.n_social", lang): "count", t("leads.col.n_other", lang): "count"}
        caption = t("leads.groups_caption", lang, n=groups.MIN_N)
        return (Table(frame, "control_groups", formats=kinds, caption=caption),)

    def customers() -> tuple[Block, ...]:
        frame = cohorts.cac_and_ltv(con, **span)
        shown = frame.rename(columns={c: t(f"leads.col.{c}", lang) for c in frame.columns})
        kinds = {t(f"leads.col.{c}", lang): k for c, k in (
            ("spend", "currency"), ("customers", "count"), ("cac", "currency"), ("ltv", "currency"),
            ("ltv_to_cac", "ratio"), ("months_covered", "decimal"))}  # fmt: skip
        return (Table(shown, "cac_ltv", formats=kinds),)

    def buckets() -> tuple[Block, ...]:
        totals = lead_scores.bucket_totals(con, s.slow_below, s.fast_from, **span)
        shown = totals.assign(bucket=[t(f"leads.bucket.{b}", lang) for b in totals["bucket"]])
        shown = shown.rename(columns={c: t(f"leads.col.{c}", lang) for c in totals.columns})
        kinds = {
            t("leads.col.leads", lang): "count", t("leads.col.social_leads", lang): "count",
            t("leads.col.conversions", lang): "count", t("leads.col.cost", lang): "currency",
            t("leads.col.conversion_rate", lang): "percent",
            t("leads.col.cost_per_conversion", lang): "currency",
        }  # fmt: skip
        caption = t("leads.buckets_report", lang, slow=f"{s.slow_below:g}", fast=f"{s.fast_from:g}")
        return (Text(caption, "text"), Table(shown, "buckets", formats=kinds))

    def social_roi() -> tuple[Block, ...]:
        values = stages.StageValues(s.value_lead, s.value_qualified, s.value_customer)
        r = stages.social_roi(con, values, s.staff_cost, **span)
        items = [
            ("leads.social_value", r["value"], "currency"),
            ("leads.social_revenue", r["revenue"], "currency"),
            ("leads.social_cost", r["cost"], "currency"),
            ("leads.social_roi", r["roi_value"], "percent"),
            ("leads.social_roi_revenue", r["roi_revenue"], "percent"),
        ]
        frame = pd.DataFrame(
            {"item": [t(k, lang) for k, _, _ in items],
             "value": [format_value(v, kind, lang) for _, v, kind in items]}
        )  # fmt: skip
        return (
            Table(
                frame,
                "social_roi",
                formats={"item": None, "value": "shown"},
                labels={"item": "", "value": ""},
            ),
        )

    part("models", t("leads.models_title", lang), models)
    part("roles", t("leads.roles_title", lang), roles)
    part("groups", t("leads.groups_title", lang), control)
    part("customers", t("leads.cac_by_channel", lang), customers)
    part("buckets", t("leads.buckets_title", lang), buckets)
    part("stages", t("leads.stages_title", lang), social_roi)
    return PageView("leads", t("leads.title", lang), scope, tuple(sections), lang)
