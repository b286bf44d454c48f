"""Scorecard: the balanced-scorecard strategy map with live statuses and, per objective, its
lagging and leading KPIs — drawn from the "scorecard" view (`kpi.views.scorecard`); below it the
person edits objectives, links, KPIs and targets, saved in the workspace."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from kpi.catalog import PERSPECTIVES
from kpi.errors import KpiError
from kpi.i18n import t
from kpi.schema import PLATFORMS
from kpi.scorecard import saved
from kpi.scorecard.editing import kpi_choices, new_id
from kpi.scorecard.from_plan import map_from_plan
from kpi.scorecard.model import ROLES, KpiRef, Objective, StrategyMap
from kpi.scorecard.sample import with_sample_targets
from kpi.slides import view_slides
from kpi.views import VIEWS, ViewContext
from kpi.views.scorecard import platform_label, uses_sample_targets
from ui.page import setup
from ui.render import draw_view
from ui.safe import md
from ui.slides_button import slides_button

NEW = "__new__"
_REV = "_scorecard_rev"  # bumped on every save: the editor's widgets start from the saved map

data, ctl = setup()
ctx = ViewContext(
    con=data.con,
    workspace=data.workspace,
    start=ctl.start,
    end=ctl.end,
    compare=ctl.compare,
    grain=ctl.grain,
    filters=ctl.filters,
    present=ctl.present,
    sample=data.source == "sample",
    options={"gate": data.gate},
)
view = VIEWS["scorecard"](ctx)


def _store(card: StrategyMap) -> bool:
    problems = card.validate(k.id for k in data.workspace.kpis())
    if problems:
        st.error(t("scorecard.edit_invalid", problems="; ".join(md(p) for p in problems)))
        return False
    saved.store(data.workspace, card=card)
    st.session_state[_REV] = st.session_state.get(_REV, 0) + 1
    st.session_state["_scorecard_flash"] = True
    return True


def _edit_objective(card: StrategyMap, choice: str, labels: dict[str, str]) -> None:
    """One objective's form: name, perspective, what it drives, its KPIs and their targets."""
    rev = st.session_state.get(_REV, 0)
    ids = [o.id for o in card.objectives]
    current = None if choice == NEW else card.objective(choice)
    key = f"sc_{rev}_{choice}"
    with st.form(f"{key}_form"):
        name = st.text_input(t("scorecard.edit_label"), current.label() if current else "",
                             key=f"{key}_label")  # fmt: skip
        left, right = st.columns(2)
        perspective = left.selectbox(
            t("scorecard.edit_perspective"), PERSPECTIVES,
            index=PERSPECTIVES.index(current.perspective) if current else 1,
            format_func=card.perspective_label, key=f"{key}_perspective",
        )  # fmt: skip
        others = [i for i in ids if i != choice]
        causes = right.multiselect(
            t("scorecard.edit_causes"), others,
            default=[c for c in (current.causes if current else []) if c in others],
            format_func=lambda i: card.objective(i).label(), key=f"{key}_causes",
        )  # fmt: skip
        kept: list[KpiRef] = []
        if current and current.kpis:
            st.caption(t("scorecard.edit_kpis"))
        for i, ref in enumerate(current.kpis if current else []):
            cols = st.columns([3, 2, 2, 2, 1], vertical_alignment="bottom")
            cols[0].markdown(md(labels.get(ref.id, ref.id)))
            role = cols[1].selectbox(t("scorecard.col.role"), ROLES,
                                     index=ROLES.index(ref.role), key=f"{key}_role_{i}",
                                     format_func=lambda r: t(f"scorecard.role.{r}"))  # fmt: skip
            channels = ["", *PLATFORMS]
            channel = cols[2].selectbox(
                t("scorecard.col.channel"), channels,
                index=channels.index(ref.channel) if ref.channel in channels else 0,
                format_func=platform_label, key=f"{key}_channel_{i}",
            )  # fmt: skip
            target = cols[3].number_input(t("scorecard.col.target"), value=ref.target,
                                          key=f"{key}_target_{i}", format="%.4g")  # fmt: skip
            if not cols[4].checkbox(t("scorecard.edit_remove"), key=f"{key}_remove_{i}"):
                kept.append(KpiRef(ref.id, role, target, channel or None, dict(ref.other)))
        add_cols = st.columns([3, 2, 2, 2, 1], vertical_alignment="bottom")
        added = add_cols[0].selectbox(t("scorecard.edit_add_kpi"), ["", *labels],
                                      format_func=lambda k: labels.get(k, t("scorecard.edit_none")),
                                      key=f"{key}_add")  # fmt: skip
        added_role = add_cols[1].selectbox(t("scorecard.col.role"), ROLES, key=f"{key}_add_role",
                                           format_func=lambda r: t(f"scorecard.role.{r}"))  # fmt: skip
        added_target = add_cols[3].number_input(t("scorecard.col.target"), value=None,
                                                key=f"{key}_add_target", format="%.4g")  # fmt: skip
        submitted = st.form_submit_button(t("scorecard.edit_save"), type="primary")
    if submitted:
        if not name.strip():
            st.error(t("scorecard.edit_no_label"))
            return
        if added:
            kept.append(KpiRef(added, added_role, added_target))
        oid = current.id if current else new_id(name, ids)
        labels_doc = {**(current.labels if current else {}), "en": name.strip()}
        other = dict(current.other) if current else {}
        edited = Objective(oid, labels_doc, perspective, causes, kept, other)
        objectives = [edited if o.id == oid else o for o in card.objectives]
        if current is None:
            objectives.append(edited)
        if _store(StrategyMap(objectives, card.perspective_labels, dict(card.other))):
            st.session_state["_sc_pick_next"] = oid  # the picker is drawn already: next run
            st.rerun()
    if current is not None and st.button(t("scorecard.edit_delete"), key=f"{key}_delete"):
        rest = [o for o in card.objectives if o.id != current.id]
        for o in rest:
            o.causes = [c for c in o.causes if c != current.id]
        if _store(StrategyMap(rest, card.perspective_labels, dict(card.other))):
            st.session_state["_sc_pick_next"] = None
            st.rerun()


def _editor() -> None:
    """The map editor: pick an objective (or a new one) and change it; or start over."""
    try:
        card = saved.saved_map(data.workspace)
    except KpiError as exc:
        st.error(md(exc.user_message))
        return
    if uses_sample_targets(ctx):  # edit the map that is shown, the sample's targets included
        card = with_sample_targets(card)
    labels = kpi_choices(data.workspace.kpis())
    st.subheader(t("scorecard.edit"))
    st.caption(t("scorecard.edit_help"))
    if st.session_state.pop("_scorecard_flash", False):
        st.success(t("scorecard.edit_saved"))
    ids = [o.id for o in card.objectives]
    if "_sc_pick_next" in st.session_state:
        st.session_state["sc_pick"] = st.session_state.pop("_sc_pick_next")
    if st.session_state.get("sc_pick") not in (*ids, NEW):
        st.session_state.pop("sc_pick", None)
    choice = st.selectbox(
        t("scorecard.edit_pick"), [*ids, NEW], key="sc_pick",
        format_func=lambda i: t("scorecard.edit_new") if i == NEW else card.objective(i).label(),
    )  # fmt: skip
    _edit_objective(card, choice, labels)
    left, right, _ = st.columns([1, 1, 2])
    plan_map = left.button(t("scorecard.from_plan"), key="sc_from_plan")
    if plan_map and _store(map_from_plan(saved.saved_plan(data.workspace))):
        st.rerun()
    if right.button(t("scorecard.reset"), key="sc_reset"):
        data.workspace.other.pop(saved.MAP_KEY, None)
        st.session_state[_REV] = st.session_state.get(_REV, 0) + 1
        st.rerun()


draw_view(view, ctl.present)
if not ctl.present:
    slides_button("scorecard", lambda: view_slides(VIEWS["scorecard"](replace(ctx, present=True))))
    _editor()
