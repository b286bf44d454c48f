"""Explore: any measure per period, broken down the way the person wants — a catalog KPI, an
"average A per B" made from pickers, or one of their own formula KPIs — with its chart and
table — and a SQL tab for questions no picker covers. The tab, measure, mode and breakdown live
in the URL, so a copied link reopens the view."""

from __future__ import annotations

import dataclasses

import duckdb
import pandas as pd
import streamlit as st

from kpi.catalog import BY_ID, CATALOG, FAMILIES, FORMATS, Kpi
from kpi.custom import ENTITIES, average_per
from kpi.engine import Result, available_fields
from kpi.engine.checks import money_fields
from kpi.errors import KpiError
from kpi.i18n import CATALOGS, format_date, t
from kpi.schema import DATASETS
from kpi.slides import view_slides
from kpi.views import VIEWS
from kpi.views.common import context
from kpi.views.explore import compute
from ui.page import setup
from ui.render import draw_sections
from ui.safe import md, tm
from ui.slides_button import slides_button
from ui.sql_editor import show_sql_editor

URL_KEYS = ("tab", "mode", "kpi", "by")
# Read before the shared controls run: they rewrite the URL and drop keys they do not own.
FROM_URL = {key: st.query_params.get(key, "") for key in URL_KEYS}
MODES = ("catalog", "average", "custom")
TOP = 10
ADDITIVE = ("int", "float", "money")
NOT_ADDITIVE = {"position", "score", "target"}
# Text fields too fine-grained (or not categories at all) to draw one line per value.
NOT_BREAKDOWN = {"text", "url", "currency", "kpi"}
DATASET_NAMES = tuple(d for d in DATASETS if d != "targets")
FAMILY_ORDER = {f: i for i, f in enumerate(FAMILIES)}
CATALOG_IDS = tuple(k.id for k in sorted(CATALOG, key=lambda k: FAMILY_ORDER[k.family]))

data, ctl = setup()
st.title(t("explore.title"))
if not ctl.present:
    st.caption(t("explore.intro"))


# --- what to show: seeded once from the URL, then the person's picks --------------------------


def _measures(dataset: str) -> list[str]:
    return [
        f.name
        for f in DATASETS[dataset].fields
        if f.type in ADDITIVE and f.name not in NOT_ADDITIVE
    ]


def _entities(dataset: str, measure: str) -> list[str]:
    out = []
    for entity in ENTITIES:
        try:
            average_per(dataset, measure, entity)
        except KpiError:
            continue
        out.append(entity)
    return out


def _breakdowns(kpi: Kpi) -> list[str]:
    """Category fields of the KPI's dataset that hold values (all of them before data arrives);
    an amount also by currency, the way to see money in several currencies (never summed)."""
    if not kpi.dataset or kpi.dataset not in DATASETS:
        return []
    present = available_fields(data.con, kpi.dataset)
    excluded = NOT_BREAKDOWN - {"currency"} if money_fields(kpi) else NOT_BREAKDOWN
    return [
        f.name
        for f in DATASETS[kpi.dataset].fields
        if f.type == "text"
        and f.name not in excluded
        and not f.name.endswith("_id")
        and (present is None or f.name in present)
    ]


def _field_label(name: str) -> str:
    """A field as the breakdown picker names it (the field's own name when it has no label)."""
    key = f"explore.field.{name}"
    return t(key) if key in CATALOGS["en"] else name


def _keep(key: str, options: list[str]) -> None:
    """Forget a remembered pick that the current options no longer offer."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def _seed_from_url(custom_ids: set[str]) -> None:
    if "explore_mode" in st.session_state:
        return
    token, mode = FROM_URL["kpi"], FROM_URL["mode"]
    if mode not in MODES:
        mode = (
            "average" if token.count(".") == 2 else "custom" if token in custom_ids else "catalog"
        )
    st.session_state["explore_mode"] = mode
    if mode == "catalog" and token in BY_ID:
        st.session_state["explore_kpi"] = token
    elif mode == "average" and token.count(".") == 2:
        dataset, measure, entity = token.split(".")
        st.session_state["explore_avg_dataset"] = dataset
        st.session_state["explore_avg_measure"] = measure
        st.session_state["explore_avg_entity"] = entity
    elif mode == "custom" and token in custom_ids:
        st.session_state["explore_custom"] = token
    if FROM_URL["by"]:
        st.session_state["explore_by"] = FROM_URL["by"]


TABS = {"measures": t("explore.tab.measures"), "sql": t("explore.tab.sql")}
if "explore_tab" not in st.session_state and FROM_URL["tab"] in TABS:
    st.session_state["explore_tab"] = TABS[FROM_URL["tab"]]
measures_tab, sql_tab = st.tabs(
    list(TABS.values()),
    key="explore_tab",
    on_change="rerun",  # only the open tab runs: no engine work behind the SQL editor
)
if sql_tab.open:
    if st.query_params.get("tab") != "sql":
        st.query_params["tab"] = "sql"
    with sql_tab:
        show_sql_editor(data, ctl.present)
elif "tab" in st.query_params:
    del st.query_params["tab"]

if measures_tab.open:
    with measures_tab:
        mine = {k.id: k for k in data.workspace.kpis()}
        _seed_from_url(set(mine))
        if pending := st.session_state.pop("_explore_pending", None):  # a KPI just saved: show it
            st.session_state["explore_mode"] = "custom"
            st.session_state["explore_custom"] = pending

        mode = st.radio(
            t("explore.mode"),
            MODES,
            format_func=lambda m: t(f"explore.mode.{m}"),
            key="explore_mode",
            horizontal=True,
        )
        kpi: Kpi | None = None
        extra: tuple[Kpi, ...] = ()
        token = ""
        if mode == "catalog":
            _keep("explore_kpi", list(CATALOG_IDS))
            token = st.selectbox(
                t("explore.kpi"),
                CATALOG_IDS,
                format_func=lambda k: t(
                    "explore.kpi_option",
                    family=t(f"explore.family.{BY_ID[k].family}"),
                    label=BY_ID[k].label,
                ),
                key="explore_kpi",
            )
            kpi = BY_ID[token]
        elif mode == "average":
            loaded = data.datasets()
            choices = sorted(
                (d for d in DATASET_NAMES if _measures(d)),
                key=lambda d: (d not in loaded, d != "posts"),
            )
            left, middle, right = st.columns(3)
            _keep("explore_avg_dataset", choices)
            dataset = left.selectbox(
                t("explore.avg_dataset"),
                choices,
                format_func=lambda d: t(f"explore.dataset.{d}"),
                key="explore_avg_dataset",
            )
            measures = _measures(dataset)
            _keep("explore_avg_measure", measures)
            measure = middle.selectbox(
                t("explore.avg_measure"),
                measures,
                format_func=lambda f: t(f"explore.field.{f}"),
                key="explore_avg_measure",
            )
            entities = _entities(dataset, measure)
            _keep("explore_avg_entity", entities)
            entity = right.selectbox(
                t("explore.avg_entity"),
                entities,
                format_func=lambda e: t(f"explore.entity.{e}"),
                key="explore_avg_entity",
            )
            try:
                made = average_per(dataset, measure, entity)
            except KpiError as exc:
                st.error(md(exc.user_message))
            else:
                label = t(
                    "explore.avg_label",
                    measure=t(f"explore.field.{measure}"),
                    entity=t(f"explore.entity.{entity}"),
                )
                kpi = dataclasses.replace(made, labels={"en": label, "es": label, "pl": label})
                extra = (kpi,)
                token = f"{dataset}.{measure}.{entity}"
        elif not mine:
            st.info(t("explore.no_custom"))
        else:
            ids = list(mine)
            _keep("explore_custom", ids)
            token = st.selectbox(
                t("explore.custom"), ids, format_func=lambda k: mine[k].label, key="explore_custom"
            )
            kpi = mine[token]
            extra = (kpi,)

        by = ""
        if kpi is not None:
            fields = ["", *_breakdowns(kpi)]
            _keep("explore_by", fields)
            by = st.selectbox(
                t("explore.by"),
                fields,
                format_func=lambda f: t(f"explore.field.{f}") if f else t("explore.no_breakdown"),
                key="explore_by",
            )
            st.caption(
                t(
                    "explore.grain_note",
                    grain=t(f"grain.{ctl.grain}").lower(),
                    start=format_date(ctl.start),
                    end=format_date(ctl.end),
                )
            )

        for key, value in {"mode": mode, "kpi": token, "by": by}.items():
            if not value:
                if key in st.query_params:
                    del st.query_params[key]
            elif st.query_params.get(key) != value:
                st.query_params[key] = value

        # --- numbers: the engine, the top breakdown values only -----------------------------------------

        def _compute(kpi: Kpi) -> Result | None:
            ctx = context(data, ctl)
            try:
                if mode != "custom":
                    return compute(ctx, kpi, by, extra)
                # A person's formula: one at a time per session, stopped at the time limit.
                with data.gate.limit(data.con):
                    return compute(ctx, kpi, by, extra)
            except KpiError as exc:
                st.error(md(exc.user_message))
            except duckdb.Error as exc:  # a formula that parses but cannot run on this data
                st.error(tm("explore.formula_failed", error=str(exc).splitlines()[0][:200]))
            return None

        result = _compute(kpi) if kpi is not None else None
        if kpi is not None:
            options = {"kpi": kpi, "by": by, "extra": extra, "result": result}
            view = VIEWS["explore"](context(data, ctl, **options))
            draw_sections(view, ctl.present)
            if len(view.sections) > 1:  # a chart and its table: the slides have both
                slides_view = VIEWS["explore"](context(data, ctl, present=True, **options))
                slides_button("explore", lambda: view_slides(slides_view), ctl.present)

        # --- the person's own KPIs ---------------------------------------------------------------------

        if not ctl.present:
            just_saved = st.session_state.pop("_explore_saved", None)
            with st.expander(t("explore.yours"), expanded=bool(just_saved)):
                st.caption(t("explore.yours_help"))
                if just_saved:
                    st.success(tm("explore.saved", label=just_saved))
                left, right = st.columns(2)
                new_id = left.text_input(t("explore.new_id"), key="explore_new_id")
                new_label = right.text_input(t("explore.new_label"), key="explore_new_label")
                new_dataset = left.selectbox(
                    t("explore.new_dataset"),
                    DATASET_NAMES,
                    format_func=lambda d: t(f"explore.dataset.{d}"),
                    key="explore_new_dataset",
                )
                new_format = right.selectbox(
                    t("explore.new_format"),
                    FORMATS,
                    index=FORMATS.index("decimal"),
                    format_func=lambda f: t(f"explore.format.{f}"),
                    key="explore_new_format",
                )
                new_formula = st.text_input(
                    t("explore.new_formula"),
                    key="explore_new_formula",
                    placeholder="sum(shares) / nullif(sum(impressions), 0)",
                )
                if st.button(t("explore.save"), key="explore_save", icon=":material/save:"):
                    try:
                        saved = data.workspace.add_custom_kpi(
                            new_id.strip(),
                            new_label.strip() or new_id.strip(),
                            new_dataset,
                            new_formula,
                            new_format,
                        )
                    except KpiError as exc:
                        st.error(md(exc.user_message))
                    else:
                        st.session_state["_explore_pending"] = saved.id
                        st.session_state["_explore_saved"] = saved.label
                        st.rerun()
                if data.workspace.custom_kpis:
                    st.caption(t("explore.saved_list"))
                    listed = pd.DataFrame(
                        data.workspace.custom_kpis,
                        columns=["id", "label", "dataset", "formula", "format"],
                    )
                    st.dataframe(
                        listed.rename(columns={c: t(f"explore.col.{c}") for c in listed.columns}),
                        hide_index=True,
                        width="stretch",
                    )
