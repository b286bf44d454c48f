"""Plan: the measurement plan — objectives, the KPIs per channel that show progress on each, at
least two tactics per KPI, targets per KPI, channel and period, and the report's cadence and
sections, with the crontab line that sends it. Saved in the workspace (`kpi.scorecard.saved`);
in presenter mode the plan is shown read-only, one objective per slide (the "plan" view)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kpi.engine import data_end
from kpi.errors import KpiError
from kpi.i18n import current_language, format_date, t
from kpi.report import HEADLINE, period_for
from kpi.schema import PLATFORMS
from kpi.scorecard import saved
from kpi.scorecard.checks import cron_line, report_command, sales_advice, validate
from kpi.scorecard.editing import is_sales, kpi_choices, needs_by_export, new_id, parse_targets
from kpi.scorecard.plan import (
    FREQUENCIES,
    OWNERS,
    SECTION_LABELS,
    SECTIONS,
    WEEKDAYS,
    Cadence,
    Plan,
    PlanKpi,
    PlanObjective,
    Target,
)
from kpi.slides import view_slides
from kpi.views import ViewContext
from kpi.views.plan import plan_view
from kpi.views.plan_report import build_plan_report, default_period
from kpi.views.scorecard import platform_label
from ui.page import setup
from ui.render import draw_view
from ui.safe import md, tm
from ui.slides_button import slides_button
from ui.state import locked

_REV = "_plan_rev"  # bumped on every save: the widgets start again from the saved plan
WORKSPACE_FILE = "kpi_workspace.json"
EXPORTS_FOLDER = "exports/"

data, ctl = setup()
own = data.workspace.kpis()
labels = kpi_choices(own)


def _plan() -> Plan:
    try:
        return saved.saved_plan(data.workspace)
    except KpiError as exc:
        st.error(md(exc.user_message))
        st.stop()


def _save(plan: Plan, flash: str = "plan.saved") -> None:
    saved.store(data.workspace, plan=plan)
    st.session_state[_REV] = st.session_state.get(_REV, 0) + 1
    st.session_state["_plan_flash"] = flash
    st.rerun()


def _rev() -> int:
    return st.session_state.get(_REV, 0)


def _section_label(section: str) -> str:
    labels = SECTION_LABELS.get(section, {})
    return labels.get(current_language()) or labels.get("en", section)


def _present() -> None:
    """The plan, read-only, one objective per slide (the "plan" view)."""
    ctx = ViewContext(data.con, data.workspace, ctl.start, ctl.end, present=True)
    draw_view(plan_view(ctx), present=True)


def _kpi_editor(key: str, k: PlanKpi, issues: list[str]) -> PlanKpi | None:
    """One KPI's widgets inside its objective's form; the edited KPI, or None to remove it."""
    st.markdown(f"**{md(labels.get(k.kpi, k.kpi))}**")
    for need, export in needs_by_export(k.kpi, own):
        st.caption(tm("plan.needs_line", fields=need, export=export or t("plan.export_unknown")))
    left, middle, right = st.columns([3, 2, 2])
    channels = left.multiselect(t("plan.channels"), PLATFORMS, default=[c for c in k.channels if c in PLATFORMS],
                                format_func=platform_label, key=f"{key}_channels",
                                placeholder=t("scorecard.all_channels"))  # fmt: skip
    owner = middle.selectbox(t("plan.col.owner"), OWNERS, index=OWNERS.index(k.owner) if k.owner in OWNERS else 0,
                             format_func=lambda o: t(f"plan.owner.{o}"), key=f"{key}_owner")  # fmt: skip
    anytime = next((x.value for x in k.targets if x.channel is None and x.period is None), None)
    target = right.number_input(t("plan.target_any"), value=anytime, key=f"{key}_target", format="%.4g",
                                help=t("plan.target_help"))  # fmt: skip
    tactics = st.text_area(t("plan.tactics"), "\n".join(k.tactics), key=f"{key}_tactics",
                           help=t("plan.tactics_help"), height=max(90, 26 * len(k.tactics) + 40))  # fmt: skip
    for issue in issues:
        st.warning(md(issue), icon=":material/lightbulb:")
    others = [x for x in k.targets if x.channel is not None or x.period is not None]
    frame = pd.DataFrame([{"value": x.value, "channel": x.channel, "period": x.period} for x in others],
                         columns=["value", "channel", "period"]).astype({"value": "float64"})  # fmt: skip
    st.caption(t("plan.targets_more"))
    edited = st.data_editor(
        frame, key=f"{key}_targets", num_rows="dynamic", hide_index=True, width="stretch",
        column_config={
            "value": st.column_config.NumberColumn(t("plan.target_value")),
            "channel": st.column_config.SelectboxColumn(t("scorecard.col.channel"), options=list(PLATFORMS)),
            "period": st.column_config.TextColumn(t("plan.target_period"), help=t("plan.period_help")),
        },
    )  # fmt: skip
    remove = st.checkbox(t("plan.remove_kpi"), key=f"{key}_remove")
    if remove:
        return None
    targets, problems = parse_targets(edited.to_dict("records"))
    for problem in problems:
        st.error(tm("plan.bad_target", problem=problem))
    if target is not None:
        targets.insert(0, Target(target))
    lines = [line.strip() for line in tactics.splitlines() if line.strip()]
    return PlanKpi(k.kpi, list(channels), lines, targets, owner, dict(k.other))


def _objective_form(plan: Plan, index: int, issues: dict[str, list[str]]) -> None:
    o = plan.objectives[index]
    key = f"plan_{_rev()}_{o.id}"
    with st.form(f"{key}_form"):
        name = st.text_input(t("plan.objective_name"), o.label(), key=f"{key}_name")
        kpis = []
        for j, k in enumerate(o.kpis):
            with st.container(border=True):
                edited = _kpi_editor(f"{key}_{j}", k, issues.get(f"{o.id}/{k.kpi}", []))
            if edited is not None:
                kpis.append(edited)
        if not o.kpis:
            st.info(t("plan.no_kpis"))
        submitted = st.form_submit_button(t("plan.save_objective"), type="primary")
    if submitted:
        labels_doc = {**o.labels, "en": name.strip() or o.label()}
        plan.objectives[index] = PlanObjective(o.id, labels_doc, kpis, dict(o.other))
        _save(plan)


def _add_kpi(plan: Plan, index: int) -> None:
    """Add a KPI to an objective; a sales KPI first asks whether the social team moves sales."""
    o = plan.objectives[index]
    key = f"plan_{_rev()}_{o.id}_add"
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    picked = left.selectbox(t("plan.add_kpi"), ["", *labels], key=f"{key}_kpi",
                            format_func=lambda k: labels.get(k, t("plan.pick_kpi")))  # fmt: skip
    owner, ready = "social", bool(picked)
    if picked and is_sales(picked, own):
        answer = st.radio(t("plan.sales_check"), ("yes", "no"), index=None, key=f"{key}_check",
                          format_func=lambda a: t(f"plan.sales_check.{a}"), horizontal=True)  # fmt: skip
        ready = answer is not None
        if answer == "no":
            advice = sales_advice(picked) or t("plan.sales_shared", kpi=labels.get(picked, picked))
            st.warning(md(advice), icon=":material/handshake:")
            owner = "shared"
    if right.button(t("plan.add"), key=f"{key}_button", disabled=not ready):
        o.kpis.append(PlanKpi(picked, owner=owner))
        _save(plan, "plan.kpi_added")


def _report_settings(plan: Plan) -> None:
    st.header(t("plan.report"))
    c = plan.cadence
    key = f"plan_{_rev()}_report"
    with st.form(f"{key}_form"):
        cols = st.columns(4)
        frequency = cols[0].radio(t("plan.frequency"), FREQUENCIES, index=FREQUENCIES.index(c.frequency)
                                  if c.frequency in FREQUENCIES else 0, key=f"{key}_frequency",
                                  format_func=lambda f: t(f"plan.frequency.{f}"))  # fmt: skip
        weekday = cols[1].selectbox(t("plan.weekday"), WEEKDAYS, index=WEEKDAYS.index(c.weekday)
                                    if c.weekday in WEEKDAYS else 0, key=f"{key}_weekday",
                                    format_func=lambda d: t(f"plan.weekday.{d}"))  # fmt: skip
        day = cols[2].number_input(t("plan.day_of_month"), 1, 28, min(max(c.day_of_month, 1), 28),
                                   key=f"{key}_day")  # fmt: skip
        hour = cols[3].number_input(
            t("plan.hour"), 0, 23, min(max(c.hour, 0), 23), key=f"{key}_hour"
        )
        sections = st.multiselect(t("plan.sections"), SECTIONS, default=[s for s in plan.sections if s in SECTIONS],
                                  format_func=_section_label, key=f"{key}_sections")  # fmt: skip
        submitted = st.form_submit_button(t("plan.save_report"), type="primary")
    if submitted:
        plan.cadence = Cadence(frequency, weekday, int(day), int(hour), dict(c.other))
        plan.sections = list(sections)
        _save(plan)
    command = report_command(plan, [EXPORTS_FOLDER], WORKSPACE_FILE)
    st.caption(t("plan.cron_help", folder=EXPORTS_FOLDER, workspace=WORKSPACE_FILE))
    try:
        st.code(cron_line(plan, command), language="bash")
    except ValueError as exc:
        st.error(md(exc))
    left, middle, right = st.columns(3)
    start, end = period_for(default_period(plan), data_end(data.con, HEADLINE))
    left.download_button(
        t("plan.report_download"),
        locked(data, lambda: build_plan_report(data, plan, start, end).encode("utf-8")),
        "plan_report.html", "text/html", key="plan_report", icon=":material/description:",
        help=t("plan.report_download_help", start=format_date(start), end=format_date(end)),
    )  # fmt: skip
    with middle:
        slides_button("plan", lambda: view_slides(plan_view(
            ViewContext(data.con, data.workspace, ctl.start, ctl.end, present=True))))  # fmt: skip
    right.download_button(t("plan.download"), data.workspace.to_json().encode("utf-8"),
                       WORKSPACE_FILE, "application/json", key="plan_download",
                       icon=":material/download:")  # fmt: skip


def _edit(plan: Plan) -> None:
    issues: dict[str, list[str]] = {}
    for issue in validate(plan, own=[k.id for k in own]):
        issues.setdefault(issue.where, []).append(issue.message)
    for where in ("plan", "cadence", "sections"):
        for message in issues.get(where, []):
            st.warning(md(message))
    for i, o in enumerate(plan.objectives):
        st.header(md(o.label()))
        for message in issues.get(o.id, []):
            st.warning(md(message))
        _objective_form(plan, i, issues)
        _add_kpi(plan, i)
        if st.button(t("plan.remove_objective"), key=f"plan_{_rev()}_{o.id}_remove"):
            del plan.objectives[i]
            _save(plan)
    st.header(t("plan.new_objective"))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    name = left.text_input(t("plan.objective_name"), key=f"plan_{_rev()}_new_name")
    if right.button(t("plan.add_objective"), key=f"plan_{_rev()}_new", disabled=not name.strip()):
        oid = new_id(name, [o.id for o in plan.objectives])
        plan.objectives.append(PlanObjective(oid, {"en": name.strip()}))
        _save(plan)
    _report_settings(plan)


plan = _plan()
if ctl.present:
    _present()
    st.stop()
st.title(t("plan.title"))
st.caption(t("plan.intro"))
if not saved.has_plan(data.workspace):
    st.info(t("plan.default_note"))
if flash := st.session_state.pop("_plan_flash", None):
    st.success(t(flash))
_edit(plan)
