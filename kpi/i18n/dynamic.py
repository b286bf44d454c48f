"""Declarations: the message keys the code builds at run time (`t(f"grain.{g}")`), by template.

Each f-string the code passes to `t()` (or builds as a key) is written here as a template, with
`{}` for each value, and its known values: taken from the code's own constants where they exist,
listed where the values are a literal tuple at the call. `OPEN` marks a template whose values
come from data (a column or field name) and that falls back to the data's spelling: every
catalog key it matches counts as used. `make messages` extracts every known key into the
template catalog (`kpi.i18n.extract`), and the tests check each has English text."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

OPEN = None  # values come from data; keys matching the template are allowed, not enumerated
ROOT = Path(__file__).resolve().parents[2]


def _pages() -> Iterable[str]:
    """Every page of the navigation is a file in app_pages/."""
    return sorted(p.stem for p in (ROOT / "app_pages").glob("*.py") if not p.stem.startswith("_"))


def _grains() -> Iterable[str]:
    from kpi.engine.periods import GRAINS

    return GRAINS


def _comparisons() -> Iterable[str]:
    from kpi.engine.periods import COMPARISONS

    return (*COMPARISONS, "none")


def _datasets() -> Iterable[str]:
    from kpi.schema import DATASETS

    return tuple(d for d in DATASETS if d != "targets")  # targets are set, not explored


def _platforms() -> Iterable[str]:
    from kpi.i18n.names import PLATFORM_NAMES
    from kpi.schema import PLATFORMS

    return dict.fromkeys((*PLATFORMS, *PLATFORM_NAMES))  # the schema's, then the names'


def _channels() -> Iterable[str]:
    from kpi.i18n.names import CHANNEL_NAMES

    return CHANNEL_NAMES


def _families() -> Iterable[str]:
    from kpi.model import FAMILIES

    return FAMILIES


def _formats() -> Iterable[str]:
    from kpi.model import FORMATS

    return FORMATS


def _entities() -> Iterable[str]:
    from kpi.custom import ENTITIES

    return ENTITIES


def _models() -> Iterable[str]:
    from kpi.analytics.attribution import MODELS

    return MODELS


def _roles() -> Iterable[str]:
    from kpi.analytics.journeys import ROLES

    return ROLES


def _dimensions() -> Iterable[str]:
    from kpi.analytics.journeys import DIMENSIONS

    return DIMENSIONS


def _buckets() -> Iterable[str]:
    from kpi.analytics.lead_scores import BUCKETS

    return BUCKETS


def _group_metrics() -> Iterable[str]:
    from kpi.analytics.groups import METRICS

    return METRICS


def _statuses() -> Iterable[str]:
    from kpi.scorecard.evaluate import STATUSES

    return tuple(s for s in STATUSES if s != "none")  # "none" shows no status at all


def _ad_volumes() -> Iterable[str]:
    from kpi.page_kpis import AD_VOLUMES

    return AD_VOLUMES


def _phases() -> Iterable[str]:
    from kpi.store import PHASES

    return PHASES


def _plan(name: str) -> Callable[[], Iterable[str]]:
    """A constant of the measurement plan (owners, frequencies, weekdays)."""

    def values() -> Iterable[str]:
        from kpi.scorecard import plan

        return getattr(plan, name)

    return values


def _roles_on_map() -> Iterable[str]:
    from kpi.scorecard.model import ROLES

    return ROLES


def _all_datasets() -> Iterable[str]:
    from kpi.schema import DATASETS

    return DATASETS


def _catalog_objectives() -> Iterable[str]:
    from kpi.scorecard.model import catalog_objective_ids

    return catalog_objective_ids()


def _literal(*values: str) -> Callable[[], Iterable[str]]:
    """Values written as a literal tuple where the code calls `t()`."""
    return lambda: values


TEMPLATES: dict[str, Callable[[], Iterable[str]] | None] = {
    "nav.{}": _pages,
    "grain.{}": _grains,
    "grain_word.{}": _grains,  # a grain inside a sentence ("more than one week")
    "stage.{}": _literal("lead", "qualified", "customer"),  # kpi.analytics.stages.STAGES
    "data.phase_{}": _phases,
    "compare.{}": _comparisons,
    "ctl.{}": _literal("platform", "campaign"),
    "platform.{}": _platforms,
    "channel.{}": _channels,  # channel groups' names (kpi.i18n.names)
    "col.kind.{}": _literal(
        "text", "integer", "decimal", "money", "bool", "duration", "date", "timestamp"
    ),  # how the loader read a column (ui.load_report; an unknown kind shows as it is)
    "tile.source.{}": OPEN,  # any dataset; the tile falls back to tile.source.other
    "audience.{}": _literal("age", "gender", "country", "city", "language"),
    "content.by_{}": _literal("engagement", "posts"),
    "content.kind_{}": _literal("hashtag", "mention"),
    "explore.mode.{}": _literal("catalog", "average", "custom"),
    "explore.col.{}": _literal("id", "label", "dataset", "formula", "format"),
    "explore.dataset.{}": _datasets,
    "explore.entity.{}": _entities,
    "explore.family.{}": _families,
    "explore.format.{}": _formats,
    "explore.field.{}": OPEN,  # a dataset's field; unlabelled fields show their own name
    "paid.col.{}": _ad_volumes,
    "report.status.{}": _statuses,
    "report.{}": _literal(
        "post", "platform", "date", "impressions", "engagements", "engagement_rate"
    ),
    "traffic.channel.{}": _literal("social", "other"),
    "traffic.kind.{}": _literal("branded", "other"),
    "traffic.measure.{}": _literal("clicks", "impressions"),
    "traffic.step.{}": OPEN,  # the funnel's steps, as the analysis returns them
    "leads.{}": _literal("value_lead", "value_qualified", "value_customer", "staff_cost"),
    "leads.by.{}": _dimensions,
    "leads.measure.{}": _literal("revenue", "conversions"),
    "leads.model.{}": _models,
    "leads.role.{}": _roles,
    "leads.bucket.{}": _buckets,
    "leads.metric.{}": _group_metrics,
    "plan.owner.{}": _plan("OWNERS"),
    "plan.frequency.{}": _plan("FREQUENCIES"),
    "plan.weekday.{}": _plan("WEEKDAYS"),
    "plan.sales_check.{}": _literal("yes", "no"),
    "plan_report.step_{}": _literal("bad", "warning"),
    "scorecard.role.{}": _roles_on_map,
    "map.status.{}": _literal("good", "warning", "bad", "none"),
    "schema.provided_by.{}": _all_datasets,
    "objective.{}": _catalog_objectives,
    "leads.h.{}": _literal("attribution", "groups", "customers", "scores", "stages", "growth"),
    "leads.status.{}": OPEN,  # a control-group comparison's reading
    "leads.col.{}": OPEN,  # an analysis table's columns
    "leads.file.{}": OPEN,  # a table's or chart's download name
}


def template_keys(template: str) -> list[str] | None:
    """The keys a declared template gives (None for an open one); KeyError if undeclared."""
    values = TEMPLATES[template]
    if values is None:
        return None
    return [template.format(value) for value in values()]


def open_prefixes() -> list[str]:
    """The start of every key an open template may give (`leads.col.`)."""
    return [template.split("{}")[0] for template, values in TEMPLATES.items() if values is None]
