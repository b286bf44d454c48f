"""The Leads & ROI sections about journeys: attribution under every model, the Markov
chain, campaign-history roles, and social against other leads (control groups)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from kpi.analytics import attribution as attr
from kpi.analytics import groups, journeys
from kpi.charts import roi
from kpi.errors import KpiError
from kpi.i18n import format_count, format_number, format_value, t
from kpi.views.common import message
from kpi.views.leads_base import GROUP_COLUMNS, LeadsParts, _needs, period_floor
from kpi.views.leads_settings import group_tone, groups_frame, groups_table, p_text
from kpi.views.model import Block, Columns, Hook, Text


class JourneyParts(LeadsParts):
    """Attribution, roles and control groups, each a section's blocks."""

    def models_data(self) -> tuple[pd.DataFrame, Any]:
        frame = self.memo(
            "models",
            lambda: attr.compare_models(self.con, self.s.by, self.s.half_life, **self.span),
            self.s.by,
            self.s.half_life,
            self.start,
            self.end,
        )
        markov = self.memo(
            "markov",
            lambda: attr.attribution(self.con, "markov", self.s.by, **self.span),
            self.s.by,
            self.start,
            self.end,
        )
        return frame, markov

    def models(self) -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("attribution", "page"),)
        try:
            frame, markov = self.models_data()
        except KpiError as exc:
            return (*out, _needs(exc))
        revenue = self.s.measure == "revenue"
        total = markov.total_revenue if revenue else markov.total_conversions
        out += (
            message(
                self.ctx,
                "leads.models_caption",
                "caption",
                conversions=format_value(markov.total_conversions, "count", self.lang),
                revenue=format_value(markov.total_revenue, "currency", self.lang),
                measure=t(f"leads.measure.{self.s.measure}", self.lang).lower(),
                total=format_value(total, "currency" if revenue else "count", self.lang),
            ),
        )
        if frame.empty:
            return (*out, message(self.ctx, "leads.no_journeys_in_range"))
        keys = roi.top_keys(frame, self.s.measure)
        wide = roi.models_table(frame, self.s.measure, self.by_title, lang=self.lang)
        kind = "currency" if revenue else "decimal"
        return (
            *out,
            self.chart(
                roi.models_bars(frame, self.s.measure, self.by_title, keys, lang=self.lang),
                "models_chart",
                slide_width=1080,
            ),
            self.table(wide, "models", {c: kind for c in wide.columns[1:]}, show="page"),
        )

    def markov(self) -> tuple[Block, ...]:
        try:
            _, result = self.models_data()
        except KpiError as exc:
            return (_needs(exc),)
        effects = result.removal_effects or {}
        if not effects or result.transitions is None:
            return (message(self.ctx, "leads.no_markov"),)
        heatmap = roi.transition_heatmap(
            result.transitions, 18 if self.present else 11, lang=self.lang
        )
        return (
            message(self.ctx, "leads.markov_caption", "caption", "page"),
            Columns(
                (
                    (
                        self.chart(
                            roi.removal_bars(effects, self.by_title, lang=self.lang),
                            "removal_chart",
                            slide_width=420,
                        ),
                    ),
                    (self.chart(heatmap, "transitions_chart", slide_width=520),),
                ),
                stack_on_page=True,
                widths=(2, 3),
            ),
        )

    def roles(self) -> tuple[Block, ...]:
        try:
            totals = self.memo(
                "roles",
                lambda: journeys.role_totals(self.con, self.s.by, **self.span),
                self.s.by,
                self.start,
                self.end,
            )
        except KpiError as exc:
            return (_needs(exc),)
        if totals.empty:
            return (message(self.ctx, "leads.no_roles"),)
        out: list[Block] = []
        for row in roi.assisters(totals).head(2).to_dict("records"):
            ratio = row["assists_per_conversion"]
            values = {
                "name": row["key"],
                "assists": format_count(int(row["assist"]), self.lang),
                "converts": format_count(int(row["converting"]), self.lang),
                "ratio": "∞"
                if ratio is None or ratio != ratio
                else format_number(ratio, 1, self.lang),
            }
            out.append(message(self.ctx, "leads.assister", "text", data_values=values))
        out.append(self.chart(roi.roles_bars(totals, self.by_title, lang=self.lang), "roles_chart"))
        if self.present:
            return tuple(out)
        per_conversion = t("leads.col.assists_per_conversion", self.lang)
        shown = totals.rename(
            columns={
                "key": self.by_title,
                **{r: t(f"leads.role.{r}", self.lang) for r in journeys.ROLES},
                "assists_per_conversion": per_conversion,
            }
        )
        out.append(self.table(shown, "roles", {per_conversion: "currency"}, show="page"))
        out += self.roles_in_range()
        return tuple(out)

    def roles_in_range(self) -> list[Block]:
        """Each role per period of the chosen dates, with its growth on the period before."""
        grain = self.ctx.grain
        periods = self.memo(
            "roles_periods", lambda: journeys.roles(self.con, self.s.by, grain), self.s.by, grain
        )
        first = pd.Timestamp(period_floor(pd.Timestamp(self.ctx.start), grain))
        dates = pd.to_datetime(periods["period_start"])
        kept = periods[(dates >= first) & (dates <= pd.Timestamp(self.ctx.end))]
        out: list[Block] = [
            message(
                self.ctx,
                "leads.roles_periods",
                "label",
                "page",
                grain=t(f"grain.{grain}", self.lang).lower(),
            )
        ]
        if kept.empty:
            return [*out, message(self.ctx, "leads.no_roles_in_range", show="page")]
        shown = kept.assign(role=kept["role"].map(lambda r: t(f"leads.role.{r}", self.lang)))
        shown = shown.rename(
            columns={"key": self.by_title, "touches": t("leads.touches_col", self.lang)}
            | {
                c: t(f"leads.col.{c}", self.lang)
                for c in ("period_start", "role", "previous", "growth")
            }
        )
        formats = {
            t("leads.col.growth", self.lang): "percent",
            t("leads.col.period_start", self.lang): "date",
        }
        return [*out, self.table(shown, "roles_periods", formats, show="page")]

    def comparisons(self) -> list[Any]:
        days = int(self.s.retention_days)

        def one(metric: str) -> Any:
            try:
                return groups.compare(self.con, metric, "social", days=days, **self.span)
            except KpiError as exc:
                return exc

        return [
            self.memo("group", lambda m=m: one(m), m, days, self.start, self.end)
            for m in groups.METRICS
        ]

    def control(self) -> tuple[Block, ...]:
        out: tuple[Block, ...] = (Hook("retention_days", "page"),)
        results = self.comparisons()
        found = [r for r in results if isinstance(r, groups.Comparison)]
        if not found:
            return (*out, _needs(next(r for r in results if isinstance(r, KpiError))))
        out += (message(self.ctx, "leads.groups_caption", "caption", "page", n=groups.MIN_N),)
        shown = groups_table(results, self.lang)
        reading = t("leads.col.reading", self.lang)
        if reading in shown:  # significant results coloured for social; chance and too few not
            marks = {"good": "🟢 ", "bad": "🔴 ", None: ""}
            shown[reading] = [
                marks[group_tone(r)] + text if isinstance(r, groups.Comparison) else text
                for r, text in zip(results, shown[reading], strict=True)
            ]
        p = t("leads.col.p_value", self.lang)
        if p in shown:
            shown[p] = [p_text(v, self.lang) for v in shown[p]]
        counts = {
            t("leads.col.n_social", self.lang): "int",
            t("leads.col.n_other", self.lang): "int",
        }
        on_slide = tuple(
            c for c in (t(f"leads.col.{k}", self.lang) for k in GROUP_COLUMNS) if c in shown
        )
        # The test's name stays on the page; the slide keeps the numbers.
        out += (
            self.table(shown, "groups", counts, show="page", rows_on_slide=6),
            self.table(
                shown.drop(columns=[t("leads.col.test", self.lang)], errors="ignore"),
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
                text = f"{t(f'leads.metric.{r.metric}', self.lang)}: {note}"
                out += (Text(text, "caption", show="page"),)
        for exc in (r for r in results if isinstance(r, KpiError)):
            out += (Text(exc.user_message, "info", show="page", icon=":material/info:"),)
        return out

    def differences(self) -> tuple[Block, ...]:
        frame = groups_frame(self.comparisons())
        if frame.empty:
            return (message(self.ctx, "leads.no_groups"),)
        return (
            message(self.ctx, "leads.groups_chart_caption", "caption", "page"),
            self.chart(roi.groups_chart(frame, lang=self.lang), "groups_chart"),
        )
