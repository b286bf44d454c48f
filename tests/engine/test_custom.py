"""KPIs the person makes: formulas checked by a real SQL parser, and average A per B."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.custom import average_per, custom_kpi, validate_formula
from kpi.engine import Request, run
from kpi.errors import KpiError

JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
COLUMNS = ("likes", "shares", "impressions", "comments")


@pytest.mark.parametrize(
    "formula",
    ["sum(likes)/nullif(count(*),0)", "sum(shares) / nullif(sum(impressions), 0)",
     "round(avg(likes), 2)", "count(DISTINCT likes)", "coalesce(sum(likes), 0) * 1000"],
)  # fmt: skip
def test_accepted_formulas(formula):
    validate_formula(formula, COLUMNS)


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("sum(likes); DROP TABLE posts", "“;”"),
        ("sum(likes) + (SELECT count(*) FROM posts)", "Sub-queries"),
        ("sum(likes) FROM posts", "does not read"),
        ("read_csv('/etc/passwd')", "“read_csv” is not allowed"),
        ("sum(foo)", "Unknown column “foo”"),
        ("upper(likes)", "“upper” is not allowed"),
        ("likes + 1", "inside an aggregate"),
        ("(" * 5000 + "sum(likes)" + ")" * 5000, "longer than"),
        ("(" * 200 + "sum(likes)" + ")" * 200, "nests too deeply"),
        ("1 + 2", "at least one aggregate"),
        ("", "empty"),
    ],
)
def test_refused_formulas_say_what_is_wrong(formula, message):
    with pytest.raises(KpiError) as err:
        validate_formula(formula, COLUMNS)
    assert message in err.value.user_message


def test_a_custom_kpi_runs_in_the_engine(data):
    kpi = custom_kpi(
        "shares_per_impression",
        "Shares per impression",
        "posts",
        "sum(shares) / nullif(sum(impressions), 0)",
    )
    r = run(data.con, Request((kpi.id,), *JAN, extra=(kpi,)))
    assert r.rows.iloc[0]["value"] == pytest.approx(5 / 2500)


@pytest.mark.parametrize(
    ("measure", "entity", "expected"),
    [
        ("clicks", "post", (10 + 0 + 3 + 0) / 4),
        ("impressions", "platform", 2500 / 2),
        ("impressions", "day", 2500 / 4),
        ("impressions", "week", 2500 / 2),
    ],
)
def test_average_a_per_b(data, measure, entity, expected):
    kpi = average_per("posts", measure, entity)
    r = run(data.con, Request((kpi.id,), *JAN, extra=(kpi,)))
    assert r.rows.iloc[0]["value"] == pytest.approx(expected)


def test_average_per_an_entity_the_dataset_lacks_is_refused():
    with pytest.raises(KpiError, match="per campaign"):
        average_per("account_daily", "followers", "campaign")


def test_a_formula_that_fails_on_the_data_is_a_plain_error(data):
    kpi = custom_kpi("text_sum", "Text sum", "posts", "sum(platform)")
    with pytest.raises(KpiError, match="could not be computed"):
        run(data.con, Request((kpi.id,), *JAN, extra=(kpi,)))


def test_a_custom_kpi_cannot_take_a_catalog_id():
    from kpi.workspace import Workspace

    with pytest.raises(KpiError, match="already a catalog KPI"):
        Workspace().add_custom_kpi("roas", "Mine", "ads", "sum(spend)")
