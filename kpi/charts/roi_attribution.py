"""Charts and tables of attribution and journey roles (the Leads & ROI page): credit per model,
Markov removal effects and transitions, and each key's originating, assisting and converting
touches. Pure functions: the small frames of `kpi.analytics` in, an Altair chart or a table out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from kpi.charts import PALETTE, ROI_HEIGHT
from kpi.charts.locale import percent_text
from kpi.i18n import t
from kpi.i18n.names import display_name

TOP_KEYS = 12  # bars per model on the attribution chart; the rest are summed into "others"
ROLE_COLOURS = {"originating": PALETTE[0], "assist": PALETTE[1], "converting": PALETTE[2]}


def model_label(model: str, lang: str | None = None) -> str:
    """A model's name as a person reads it."""
    return t(f"leads.model.{model}", lang)


def _models_domain(models: Sequence[str], lang: str | None = None) -> list[str]:
    return [model_label(m, lang) for m in models]


def top_keys(frame: pd.DataFrame, measure: str, n: int = TOP_KEYS) -> list[str]:
    """The `n` keys with the largest credit of `measure` under any model (from compare_models)."""
    best = frame.sort_values(measure, ascending=False).drop_duplicates("key")
    return [str(k) for k in best["key"].head(n)]


def models_bars(
    frame: pd.DataFrame,
    measure: str,
    by_title: str,
    keys: Sequence[str] | None = None,
    lang: str | None = None,
) -> alt.Chart:
    """Grouped bars: per key, one bar per attribution model, of conversions or revenue credited.
    `frame` is `compare_models` output (model, key, conversions, revenue)."""
    models = list(dict.fromkeys(frame["model"]))
    keys = list(keys) if keys is not None else top_keys(frame, measure)
    data = frame[frame["key"].isin(keys)][["model", "key", measure]].copy()
    # Channels and platforms by their names (Búsqueda orgánica); a campaign stays as written.
    data["key"] = [display_name(str(k), lang) for k in data["key"]]
    keys = list(dict.fromkeys(display_name(str(k), lang) for k in keys))
    data["model_label"] = data["model"].map(lambda m: model_label(m, lang))
    title = t(f"leads.measure.{measure}", lang)
    fmt = ",.0f" if measure == "revenue" else ",.1f"
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "key:N", sort=keys, title=by_title, axis=alt.Axis(labelAngle=0, labelLimit=160)
            ),
            xOffset=alt.XOffset("model_label:N", sort=_models_domain(models, lang)),
            y=alt.Y(f"{measure}:Q", title=title, axis=alt.Axis(format=fmt)),
            color=alt.Color(
                "model_label:N",
                title=None,
                sort=_models_domain(models, lang),
                scale=alt.Scale(domain=_models_domain(models, lang), range=PALETTE[: len(models)]),
                legend=alt.Legend(orient="top", columns=4, labelLimit=0),
            ),
            tooltip=[
                alt.Tooltip("key:N", title=by_title),
                alt.Tooltip("model_label:N", title=t("leads.col.model", lang)),
                alt.Tooltip(f"{measure}:Q", title=title, format=",.2f"),
            ],
        )
        .properties(height=ROI_HEIGHT)
    )


def models_table(
    frame: pd.DataFrame, measure: str, by_title: str, lang: str | None = None
) -> pd.DataFrame:
    """Keys as rows, one column per model, and a last row of totals (each model's credits add up
    to the real total of converted journeys)."""
    models = list(dict.fromkeys(frame["model"]))
    wide = frame.pivot_table(
        index="key", columns="model", values=measure, aggfunc="sum", sort=False
    )
    wide = wide.reindex(columns=models).fillna(0.0)
    wide = wide.sort_values(models[0], ascending=False)
    total = pd.DataFrame([wide.sum(axis=0)], index=[t("leads.total", lang)])
    wide = pd.concat([wide, total])
    wide.index.name = by_title
    wide.columns = [model_label(m, lang) for m in models]
    return wide.reset_index()


def removal_bars(effects: Mapping[str, float], by_title: str, lang: str | None = None) -> alt.Chart:
    """Markov removal effects per key: how much of the conversions would be lost without it."""
    keys = [display_name(str(k), lang) for k in effects]  # channels by their names
    data = pd.DataFrame({"key": keys, "effect": list(effects.values())})
    return (
        alt.Chart(data)
        .mark_bar(color=PALETTE[0])
        .encode(
            y=alt.Y("key:N", sort="-x", title=by_title, axis=alt.Axis(labelLimit=200)),
            x=alt.X("effect:Q", title=t("leads.removal_effect", lang), axis=alt.Axis(format=".0%")),
            tooltip=[
                alt.Tooltip("key:N", title=by_title),
                alt.Tooltip("effect:Q", title=t("leads.removal_effect", lang), format=".1%"),
            ],
        )
        .properties(height=max(140, 40 * len(data)))
    )


def transition_heatmap(
    matrix: pd.DataFrame, font_size: int = 11, lang: str | None = None
) -> alt.LayerChart:
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
    data["label"] = [percent_text(p, 0, lang) if p else "" for p in data["p"]]
    base = alt.Chart(data).encode(
        x=alt.X(
            "to_state:N", sort=cols, title=t("leads.to_state", lang),
            axis=alt.Axis(labelAngle=-30, labelLimit=160, orient="top"),
        ),
        y=alt.Y("from_state:N", sort=rows, title=t("leads.from_state", lang), axis=alt.Axis(labelLimit=160)),
    )  # fmt: skip
    cells = base.mark_rect().encode(
        color=alt.Color(
            "p:Q", title=t("leads.probability", lang), scale=alt.Scale(scheme="blues", domain=[0, 1]),
            legend=alt.Legend(format=".0%"),
        ),
        tooltip=[
            alt.Tooltip("from_state:N", title=t("leads.from_state", lang)),
            alt.Tooltip("to_state:N", title=t("leads.to_state", lang)),
            alt.Tooltip("p:Q", title=t("leads.probability", lang), format=".1%"),
        ],
    )  # fmt: skip
    text = base.mark_text(baseline="middle", fontSize=font_size).encode(
        text="label:N",
        color=alt.condition(alt.datum.p > 0.5, alt.value("white"), alt.value("#1f2328")),
    )
    row = max(32, int(font_size * 2.2))
    # The rotated state names above the cells take about 150 px of the chart's height.
    return alt.layer(cells, text).properties(height=150 + row * len(rows))


def roles_bars(totals: pd.DataFrame, by_title: str, lang: str | None = None) -> alt.Chart:
    """Originating, assist and converting touches per key, side by side (from role_totals)."""
    roles = list(ROLE_COLOURS)
    labels = [t(f"leads.role.{r}", lang) for r in roles]
    long = totals.melt(id_vars=["key"], value_vars=roles, var_name="role", value_name="touches")
    long["key"] = [display_name(str(k), lang) for k in long["key"]]  # channels by their names
    long["role_label"] = long["role"].map(lambda r: t(f"leads.role.{r}", lang))
    keys = list(dict.fromkeys(display_name(str(k), lang) for k in totals["key"]))
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("key:N", sort=keys, title=by_title, axis=alt.Axis(labelAngle=0, labelLimit=160)),
            xOffset=alt.XOffset("role_label:N", sort=labels),
            y=alt.Y("touches:Q", title=t("leads.touches", lang), axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "role_label:N", title=None, sort=labels,
                scale=alt.Scale(domain=labels, range=list(ROLE_COLOURS.values())),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("key:N", title=by_title),
                alt.Tooltip("role_label:N", title=t("leads.col.role", lang)),
                alt.Tooltip("touches:Q", title=t("leads.touches", lang), format=",.0f"),
            ],
        )
        .properties(height=ROI_HEIGHT)
    )  # fmt: skip


def assisters(totals: pd.DataFrame, ratio: float = 2.0) -> pd.DataFrame:
    """Keys that assist at least `ratio` times as often as they convert, most lopsided first."""
    per = totals["assists_per_conversion"].astype(float)
    lopsided = totals[(totals["assist"] > 0) & ((totals["converting"] == 0) | (per >= ratio))]
    return lopsided.sort_values("assists_per_conversion", ascending=False, na_position="first")
