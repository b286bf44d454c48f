"""The Leads & ROI sections about customers and value: cohort retention, LTV and CAC,
lead-score buckets, the value of the lead cycle, and the growth and lift of a KPI."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpi import charts
from kpi.analytics import cohorts, lead_scores, stages
from kpi.analytics.growth import kpi_growth
from kpi.analytics.lift import kpi_lift
from kpi.charts import roi
from kpi.errors import KpiError
from kpi.i18n import format_date, format_signed, format_value, t, tn
from kpi.views.common import message
from kpi.views.leads_base import LeadsParts, _needs, _pct, period_floor
from kpi.views.model import Block, Columns, Hook, Metric, Metrics, Text


class CustomerParts(LeadsParts):
    """Retention, value, lead scores, the lead cycle, growth and lift, each a section's
    blocks."""

    def retention(self) -> tuple[Block, ...]:
        out: tuple[Block, ...] = ()
        try:
            matrix = self.memo(
                "retention",
                lambda: cohorts.retention_matrix(self.con, **self.span),
                self.start,
                self.end,
            )
        except KpiError as exc:
            return (*out, _needs(exc))
        if matrix.empty:
            return (*out, message(self.ctx, "leads.no_cohorts"))
        out += (
            message(self.ctx, "leads.retention_caption", "caption", "page"),
            self.chart(
                roi.retention_heatmap(matrix, labels=not self.present, lang=self.lang),
                "retention_chart",
            ),
        )
        if self.present:
            return out
        wide = cohorts.retention_table(matrix).reset_index()
        wide.columns = [str(c) for c in wide.columns]
        wide["cohort"] = pd.to_datetime(wide["cohort"]).dt.strftime("%Y-%m")
        formats = {c: "percent" for c in wide.columns if c not in ("cohort", "channel")}
        return (*out, self.table(wide, "retention", formats, show="page"))

    def value(self) -> tuple[Block, ...]:
        try:
            ltv = self.memo(
                "ltv", lambda: cohorts.lifetime_value(self.con, **self.span), self.start, self.end
            )
            cac = self.memo(
                "cac", lambda: cohorts.cac_and_ltv(self.con, **self.span), self.start, self.end
            )
        except KpiError as exc:
            return (_needs(exc),)
        right: tuple[Block, ...] = (message(self.ctx, "leads.cac_by_channel", "label"),)
        if cac["cac"].isna().all():
            right += (message(self.ctx, "leads.no_cac", show="page"),)
        right += (self.chart(roi.cac_ltv_bars(cac, lang=self.lang), "cac_chart", slide_width=480),)
        left = (
            message(self.ctx, "leads.ltv_by_cohort", "label"),
            self.chart(roi.ltv_lines(ltv, lang=self.lang), "ltv_chart", slide_width=480),
        )
        out: tuple[Block, ...] = (Columns((left, right), stack_on_page=True),)
        shown = cac.rename(columns={c: t(f"leads.col.{c}", self.lang) for c in cac.columns})
        formats = {
            t(f"leads.col.{c}", self.lang): "currency"
            for c in ("spend", "cac", "ltv", "ltv_to_cac")
        }
        formats[t("leads.col.customers", self.lang)] = "int"
        return (*out, self.table(shown, "cac", formats, show="page"))

    def bucket_data(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        lead_scores.check_thresholds(self.s.slow_below, self.s.fast_from)
        grain = self.ctx.grain
        periods = self.memo(
            "buckets",
            lambda: lead_scores.score_buckets(self.con, grain, self.s.slow_below, self.s.fast_from),
            grain,
            self.s.slow_below,
            self.s.fast_from,
        )
        totals = self.memo(
            "bucket_totals",
            lambda: lead_scores.bucket_totals(
                self.con, self.s.slow_below, self.s.fast_from, self.start, self.end
            ),
            self.s.slow_below,
            self.s.fast_from,
            self.start,
            self.end,
        )
        dates = pd.to_datetime(periods["period_start"])
        keep = (dates <= pd.Timestamp(self.ctx.end)) & (
            dates >= period_floor(pd.Timestamp(self.ctx.start), grain)
        )
        return periods[keep].reset_index(drop=True), totals

    def buckets(self) -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("thresholds", "page"),)
        try:
            periods, _ = self.bucket_data()
        except KpiError as exc:
            return (*out, _needs(exc))
        out += (
            message(
                self.ctx,
                "leads.buckets_caption",
                "caption",
                slow=f"{self.s.slow_below:g}",
                fast=f"{self.s.fast_from:g}",
                grain=t(f"grain.{self.ctx.grain}", self.lang).lower(),
            ),
        )
        if periods.empty:
            return (*out, message(self.ctx, "leads.no_leads_in_range"))
        pair = (
            (
                self.chart(
                    roi.bucket_periods(
                        periods, "leads", t("leads.col.leads", self.lang), lang=self.lang
                    ),
                    "buckets_chart",
                    slide_width=480,
                ),
            ),
            (
                self.chart(
                    roi.bucket_periods(
                        periods,
                        "social_leads",
                        t("leads.col.social_leads", self.lang),
                        lang=self.lang,
                    ),
                    "social_buckets_chart",
                    slide_width=480,
                ),
            ),
        )
        shown = periods.assign(
            bucket=periods["bucket"].map(lambda b: t(f"leads.bucket.{b}", self.lang))
        )
        shown = shown.rename(columns={c: t(f"leads.col.{c}", self.lang) for c in periods.columns})
        formats = {
            t("leads.col.growth", self.lang): "percent",
            t("leads.col.conversion_rate", self.lang): "percent",
            t("leads.col.cost", self.lang): "currency",
            t("leads.col.cost_per_conversion", self.lang): "currency",
            t("leads.col.period_start", self.lang): "date",
        }
        return (
            *out,
            Columns(pair, stack_on_page=True),
            self.table(shown, "buckets", formats, show="page"),
        )

    def bucket_results(self) -> tuple[Block, ...]:
        try:
            _, totals = self.bucket_data()
        except KpiError as exc:
            return (_needs(exc),)
        rate = t("leads.col.conversion_rate", self.lang)
        cost = t("leads.col.cost_per_conversion", self.lang)
        left = (
            self.chart(
                roi.bucket_bars(totals, "conversion_rate", rate, ".0%", lang=self.lang),
                "bucket_rate_chart",
                slide_width=480,
            ),
        )
        if totals["cost_per_conversion"].isna().all():
            right: tuple[Block, ...] = (message(self.ctx, "leads.no_spend", show="page"),)
        else:
            right = (
                self.chart(
                    roi.bucket_bars(totals, "cost_per_conversion", cost, ",.2f", lang=self.lang),
                    "bucket_cost_chart",
                    slide_width=480,
                ),
            )
        shown = totals.assign(
            bucket=totals["bucket"].map(lambda b: t(f"leads.bucket.{b}", self.lang))
        )
        shown = shown.rename(columns={c: t(f"leads.col.{c}", self.lang) for c in totals.columns})
        formats = {rate: "percent", t("leads.col.cost", self.lang): "currency", cost: "currency"}
        return (
            message(self.ctx, "leads.bucket_results_caption", "caption", "page"),
            Columns((left, right), stack_on_page=True),
            self.table(shown, "bucket_totals", formats, show="page"),
        )

    def cycle(self) -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("stage_values", "page"),)
        try:
            values = stages.StageValues(
                float(self.s.value_lead),
                float(self.s.value_qualified),
                float(self.s.value_customer),
            )
            args = (values, float(self.s.staff_cost))
            frame = self.memo(
                "stages",
                lambda: stages.stage_value(self.con, *args, **self.span),
                *args,
                self.start,
                self.end,
            )
            social = self.memo(
                "social_roi",
                lambda: stages.social_roi(self.con, *args, **self.span),
                *args,
                self.start,
                self.end,
            )
        except KpiError as exc:
            return (*out, _needs(exc))
        if not (values.lead or values.qualified or values.customer):
            out += (message(self.ctx, "leads.set_values", show="page"),)
        summary = roi.stage_by_channel(frame)
        roi_revenue = format_value(social["roi_revenue"], "percent", self.lang)
        help_text = t(
            "leads.social_roi_help", self.lang, roi=roi_revenue, periods=social["periods"]
        )
        items = (
            ("leads.social_value", format_value(social["value"], "currency", self.lang)),
            ("leads.social_revenue", format_value(social["revenue"], "currency", self.lang)),
            ("leads.social_cost", format_value(social["cost"], "currency", self.lang)),
            ("leads.social_roi", format_value(social["roi_value"], "percent", self.lang)),
        )
        out += (
            Metrics(tuple(Metric(t(k, self.lang), v, help_text) for k, v in items), columns=4),
            message(
                self.ctx,
                "leads.stages_caption",
                "caption",
                "page",
                periods=social["periods"],
                roi=roi_revenue,
            ),
            self.chart(
                roi.value_cost_bars(summary, 200 if self.present else 320, lang=self.lang),
                "stages_chart",
            ),
        )
        shown = summary.rename(columns={c: t(f"leads.col.{c}", self.lang) for c in summary.columns})
        formats = {
            t(f"leads.col.{c}", self.lang): "currency"
            for c in summary.columns
            if c.startswith(("value", "cost", "spend", "staff"))
        }
        formats[t("leads.col.roi", self.lang)] = "percent"
        return (*out, self.table(shown, "stages", formats, show="page"))

    def growth(self) -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("kpi", "page"),)
        try:
            table_, cmgr = self.memo(
                "growth",
                lambda: kpi_growth(self.con, self.kpi.id, end=self.ctx.end),
                self.kpi.id,
                self.ctx.end,
            )
        except KpiError as exc:
            return (*out, _needs(exc))
        if table_.empty:
            return (*out, message(self.ctx, "leads.no_growth"))
        last = table_.iloc[-1]
        items = (
            Metric(t("leads.mom", self.lang), _pct(last["mom"])),
            Metric(t("leads.yoy", self.lang), _pct(last["yoy"])),
            Metric(
                t("leads.cmgr", self.lang),
                _pct(cmgr),
                tn("leads.cmgr_help", len(table_), self.lang),
            ),
        )
        spec = roi.growth_chart(
            table_,
            self.kpi_name,
            charts.number_format(self.kpi.format),
            280 if self.present else 320,
            lang=self.lang,
        )
        names = {c: t(f"leads.col.{c}", self.lang) for c in table_.columns} | {
            "value": self.kpi_name
        }
        formats = {
            t("leads.col.mom", self.lang): "percent",
            t("leads.col.yoy", self.lang): "percent",
        }
        return (
            *out,
            Metrics(items),
            message(
                self.ctx,
                "leads.growth_caption",
                "caption",
                "page",
                kpi=self.kpi_name,
                end=format_date(self.ctx.end, self.lang),
            ),
            self.chart(spec, "growth_chart", kpis=(self.kpi.id,)),
            self.table(table_.rename(columns=names), "growth", formats, show="page"),
        )

    def lift(self) -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("lift_dates", "page"),)
        first, last = self.s.lift_from, self.s.lift_to
        if not isinstance(first, dt.date) or not isinstance(last, dt.date):
            return (*out, message(self.ctx, "leads.lift_pick"))
        try:
            result = self.memo(
                "lift",
                lambda: kpi_lift(self.con, self.kpi.id, first, last),
                self.kpi.id,
                first,
                last,
            )
        except KpiError as exc:
            return (*out, _needs(exc))
        fmt = self.kpi.format if self.kpi.format in ("currency", "percent") else "count"
        low = format_signed(result.lift_low, 0, self.lang)
        high = format_signed(result.lift_high, 0, self.lang)
        items = (
            Metric(t("leads.actual", self.lang), format_value(result.actual, fmt, self.lang)),
            Metric(t("leads.expected", self.lang), format_value(result.expected, fmt, self.lang)),
            Metric(
                t("leads.lift", self.lang),
                format_signed(result.lift, 0, self.lang),
                t("leads.lift_interval", self.lang, low=low, high=high),
            ),
        )
        period = {"start": format_date(first, self.lang), "end": format_date(last, self.lang)}
        spec = roi.lift_chart(
            result.frame,
            self.kpi_name,
            charts.number_format(self.kpi.format),
            260 if self.present else 320,
            lang=self.lang,
        )
        slide = t(
            "leads.lift_slide", self.lang, kpi=self.kpi_name, reading=result.reading, **period
        )
        return (
            *out,
            Metrics(items),
            message(
                self.ctx,
                "leads.lift_reading",
                "text",
                kpi=self.kpi_name,
                low=low,
                high=high,
                **period,
                data_values={"reading": result.reading},
            ),
            self.chart(spec, "lift_chart", kpis=(self.kpi.id,), caption=slide),
            Text(tn("leads.lift_caption", result.pre_periods, self.lang), "caption", show="page"),
        )
