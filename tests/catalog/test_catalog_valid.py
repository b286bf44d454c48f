"""The catalog as data: valid as a whole, translated everywhere, and holding the fixed KPI ids."""

from __future__ import annotations

import pytest

from kpi.catalog import BY_ID, CATALOG, FAMILIES, validate_catalog

LANGUAGES = ("en", "es", "pl")

# DESIGN.md: these ids are used by the CLI, saved workspaces and links; they never change.
FIXED_IDS = (
    "impressions", "reach", "likes", "comments", "shares", "posts", "engagement_rate",
    "avg_clicks_per_post", "avg_comments_per_post", "avg_shares_per_post", "followers",
    "new_followers", "spend", "leads", "cost_per_lead", "cost_per_follower", "cost_per_click",
    "roas", "roi", "sessions", "social_sessions", "bounce_rate", "social_lead_conversion_rate",
)  # fmt: skip

# DESIGN.md, paid family: every cost and return KPI, by the id that carries it.
COST_KPIS = {
    "cost per new follower": "cost_per_follower",
    "cost per visitor (CPC)": "cost_per_click",
    "cost per lead": "cost_per_lead",
    "cost per add-to-cart": "cost_per_add_to_cart",
    "cost per sale": "cost_per_sale",
    "CPM": "cpm",
    "CAC": "cac",
    "ROI": "roi",
    "ROAS": "roas",
    "LTV": "ltv",
    "LTV : CAC": "ltv_cac",
}


def test_validate_catalog_finds_no_problem():
    assert validate_catalog() == []


@pytest.mark.parametrize("k", CATALOG, ids=lambda k: k.id)
def test_every_kpi_has_a_label_and_description_in_every_language(k):
    for lang in LANGUAGES:
        assert k.labels.get(lang, "").strip(), f"{k.id}: no {lang} label"
        assert k.descriptions.get(lang, "").strip(), f"{k.id}: no {lang} description"
    # Real translations: Spanish and Polish descriptions differ from the English one.
    assert k.descriptions["es"] != k.descriptions["en"]
    assert k.descriptions["pl"] != k.descriptions["en"]


@pytest.mark.parametrize("kpi_id", FIXED_IDS)
def test_fixed_id_exists(kpi_id):
    assert kpi_id in BY_ID


@pytest.mark.parametrize(("name", "kpi_id"), COST_KPIS.items())
def test_cost_kpi_is_present(name, kpi_id):
    assert kpi_id in BY_ID, f"{name} ({kpi_id}) is missing"
    assert BY_ID[kpi_id].family == "paid"


def test_every_family_has_kpis():
    assert {k.family for k in CATALOG} == set(FAMILIES)


def test_ids_are_snake_case_and_unique():
    ids = [k.id for k in CATALOG]
    assert len(ids) == len(set(ids))
    assert all(i.isidentifier() and i == i.lower() for i in ids)


def test_fixed_formulas_follow_design():
    # engagement_rate = (likes + comments + shares) / impressions
    assert set(BY_ID["engagement_rate"].requires) == {"likes", "comments", "shares", "impressions"}
    # cost_per_follower = spend / new followers from ads
    assert BY_ID["cost_per_follower"].dataset == "ads"
    assert set(BY_ID["cost_per_follower"].requires) == {"spend", "new_followers"}
    # derived KPIs span datasets through other KPIs
    assert BY_ID["cac"].uses == ("spend", "new_customers")
    assert BY_ID["ltv_cac"].uses == ("ltv", "cac")
