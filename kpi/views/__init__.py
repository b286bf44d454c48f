"""Views: each page described once as data (`kpi.views.model`), drawn by the Streamlit pages
(`ui.render`), the slides (`kpi.slides`) and the HTML report (`kpi.report`).

`VIEWS` maps a page id to the function that builds its `PageView` from a `ViewContext`;
a new page adds one module here and one line to `VIEWS`."""

from __future__ import annotations

from collections.abc import Callable

from kpi.views.model import (
    Block,
    Chart,
    Columns,
    Hook,
    Metric,
    Metrics,
    Needs,
    PageView,
    Section,
    Table,
    Text,
    Tiles,
    ViewContext,
    shown,
)

VIEWS: dict[str, Callable[[ViewContext], PageView]] = {}


def build(page: str, ctx: ViewContext) -> PageView:
    """The view of `page` (a key of `VIEWS`) under `ctx`."""
    return VIEWS[page](ctx)


def _register() -> None:
    from kpi.views import (
        audience,
        content,
        engagement,
        explore,
        leads,
        overview,
        paid,
        scorecard,
        traffic,
    )

    VIEWS.update(
        {
            "overview": overview.build,
            "engagement": engagement.build,
            "audience": audience.build,
            "content": content.build,
            "traffic": traffic.build,
            "paid": paid.build,
            "explore": explore.build,
            "leads": leads.build,
            "scorecard": scorecard.scorecard_view,
        }
    )


_register()

__all__ = [
    "VIEWS",
    "Block",
    "Chart",
    "Columns",
    "Hook",
    "Metric",
    "Metrics",
    "Needs",
    "PageView",
    "Section",
    "Table",
    "Text",
    "Tiles",
    "ViewContext",
    "build",
    "shown",
]  # fmt: skip
