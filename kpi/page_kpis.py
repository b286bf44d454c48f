"""Which KPIs each dashboard page shows — defined once, in the page's view (`kpi.views.<page>`);
kept here under the old names for code that imported them from this module."""

from __future__ import annotations

from kpi.views.engagement import KPIS as ENGAGEMENT
from kpi.views.overview import HEADLINE as OVERVIEW
from kpi.views.paid import AD_VOLUMES
from kpi.views.paid import CORE as PAID_CORE
from kpi.views.paid import WHEN_PRESENT as PAID_WHEN_PRESENT
from kpi.views.traffic import SAMPLE_BRAND_TERMS
from kpi.views.traffic import TILES as TRAFFIC

__all__ = [
    "AD_VOLUMES", "ENGAGEMENT", "OVERVIEW", "PAID_CORE", "PAID_WHEN_PRESENT", "SAMPLE_BRAND_TERMS",
    "TRAFFIC",
]  # fmt: skip
