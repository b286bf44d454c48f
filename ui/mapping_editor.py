"""The Map step: a table's proposed dataset, platform and column mapping, editable, with a
preview of the canonical rows it gives. Changes apply at once and are saved to the workspace."""

from __future__ import annotations

import streamlit as st

from kpi.i18n import has_text, t, tn
from kpi.mapping import TableMapping
from kpi.presets import PRESETS
from kpi.schema import DATASETS, PLATFORMS
from kpi.store import SessionData, StoredTable
from ui.safe import md, tm

_PRESET_LABELS = {p.id: p.label for p in PRESETS}


def _named(kind: str, value: str) -> str:  # kind: a key prefix, "platform."
    """A dataset, platform or field as people read it, with the name the files and the hints
    use: `Publicaciones (posts)`; a value without words of its own shows as it is."""
    key = f"{kind}{value}"
    label = t(key) if has_text(key) else value
    return value if label == value else f"{label} ({value})"


def _summary(mapping: TableMapping) -> str:
    if mapping.dataset is None:
        return t("map.none")
    how = {"saved": t("map.saved"), "person": t("map.person")}.get(mapping.source)
    if how is None:
        how = _PRESET_LABELS.get(mapping.preset or "", "") or t("map.by_names")
    return t(
        "map.summary",
        dataset=_named("explore.dataset.", mapping.dataset),
        how=how,
        confidence=round(mapping.confidence * 100),
    )


def show_mapping_editor(data: SessionData, table: StoredTable) -> None:
    """Dataset and platform pickers, one field picker per column, and the canonical preview."""
    mapping = table.mapping
    key = table.name
    st.markdown(f"**{t('map.title')}** — {_summary(mapping)}")
    if mapping.why:
        # the reason can quote the file (a chart's title line): plain text, never Markdown
        st.text(mapping.why)
    if mapping.needs_review:
        st.warning(t("map.review"), icon=":material/help:")

    datasets = [None, *DATASETS]
    dataset = st.selectbox(
        t("map.dataset"),
        datasets,
        index=datasets.index(mapping.dataset),
        format_func=lambda d: t("map.not_used") if d is None else _named("explore.dataset.", d),
        key=f"ds_{key}",
    )
    if dataset != mapping.dataset:
        data.set_mapping(table.name, data.remap(table.name, dataset))
        st.rerun()
    if dataset is None:
        return

    with st.form(key=f"map_{key}", border=False):
        platforms = [None, *PLATFORMS]
        platform_from_column = "platform" in mapping.mapping.values()
        platform = st.selectbox(
            t("map.platform"),
            platforms,
            index=platforms.index(mapping.platform) if mapping.platform in platforms else 0,
            format_func=lambda p: (
                t("map.platform_column" if platform_from_column else "map.platform_unknown")
                if p is None
                else _named("platform.", p)
            ),
            key=f"pf_{key}",
        )
        # "" rather than None: a selectbox value of None means "nothing picked" to Streamlit.
        fields = ["", *DATASETS[dataset].field_names]
        chosen: dict[str, str] = {}
        samples = table.loaded.data.slice(0, 50).to_pydict()
        for column in table.columns:
            if mapping.unpivot and column in mapping.unpivot.columns:
                continue
            current = mapping.mapping.get(column)
            left, right = st.columns([2, 3], vertical_alignment="center")
            example = next((v for v in samples[column] if v not in (None, "")), "")
            score = mapping.scores.get(column)
            note = f" · {round(score * 100)}%" if score is not None and current else ""
            reason = mapping.reasons.get(column, "") if current else ""
            # column names, values and reasons come from the file: shown as text, not Markdown
            left.text(f"{column}\n{str(example)[:40]}{note}" + (f"\n{reason}" if reason else ""))
            chosen[column] = right.selectbox(
                md(column),
                fields,
                index=fields.index(current) if current in fields else 0,
                format_func=lambda f: _named("explore.field.", f) if f else t("map.not_used"),
                key=f"col_{key}_{column}",
                label_visibility="collapsed",
            )
        if st.form_submit_button(t("map.apply"), type="primary"):
            duplicates = {f for f in chosen.values() if f and list(chosen.values()).count(f) > 1}
            if duplicates:
                st.error(tm("map.duplicate", fields=", ".join(sorted(duplicates))))
            else:
                for column, target in chosen.items():
                    if (target or None) != mapping.mapping.get(column):
                        mapping.reasons.pop(column, None)  # the person's choice, not a guess
                mapping.mapping.update({c: f or None for c, f in chosen.items()})
                mapping.platform = platform
                data.set_mapping(table.name, mapping)
                st.rerun()
    if mapping.unpivot:
        st.caption(
            tn("map.unpivot", len(mapping.unpivot.columns), dimension=mapping.unpivot.dimension)
        )
    st.caption(t("map.preview"))
    preview = data.preview(table)
    preview.columns = [_named("explore.field.", str(c)) for c in preview.columns]
    st.dataframe(preview, hide_index=True, width="stretch")
