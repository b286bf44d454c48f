"""`python -m kpi attribution` and `python -m kpi groups`: JSON shape and exit status."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kpi.cli import main
from tests.analytics.roi_fixtures import ADS, CUSTOMERS, LEADS, ORDERS, TOUCHES
from tests.conftest import ROOT


@pytest.fixture
def crm(tmp_path):
    for name, text in {"leads": LEADS, "touchpoints": TOUCHES, "customers": CUSTOMERS,
                       "orders": ORDERS, "ads": ADS}.items():  # fmt: skip
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("model", ["first", "last", "linear", "position", "time_decay", "shapley"])
def test_attribution_json(crm, capsys, model):
    code, out, _ = run(capsys, "attribution", str(crm), "--model", model, "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["total_conversions"] == 2 and doc["total_revenue"] == 150.0
    assert {tuple(sorted(r)) for r in doc["rows"]} == {("channel", "conversions", "revenue")}
    assert sum(r["revenue"] for r in doc["rows"]) == pytest.approx(150.0)
    assert "removal_effects" not in doc


def test_attribution_markov_by_campaign_adds_removal_effects(crm, capsys):
    code, out, _ = run(
        capsys, "attribution", str(crm), "--model", "markov", "--by", "campaign", "--json"
    )
    doc = json.loads(out)
    assert code == 0
    assert {r["campaign"] for r in doc["rows"]} == {"spring", "brand", "(not set)"}
    assert set(doc["removal_effects"]) == {"spring", "brand", "(not set)"}
    start = doc["transitions"]["(start)"]
    assert sum(start.values()) == pytest.approx(1.0)


def test_attribution_of_customer_journeys(crm, capsys):
    code, out, _ = run(capsys, "attribution", str(crm / "customers.csv"), str(crm / "orders.csv"),
                       str(crm / "touchpoints.csv"), "--model", "first", "--unit", "customers",
                       "--json")  # fmt: skip
    doc = json.loads(out)
    assert code == 0
    assert doc["total_conversions"] == 8  # every customer converted when acquired
    assert doc["total_revenue"] == 330.0  # every order of the eight customers


def test_attribution_text_output(crm, capsys):
    code, out, _ = run(capsys, "attribution", str(crm / "leads.csv"), str(crm / "touchpoints.csv"),
                       "--model", "time_decay", "--half-life", "3")  # fmt: skip
    assert code == 0 and "total" in out and "search" in out


def test_attribution_without_touchpoints_names_the_export(crm, capsys):
    code, out, err = run(capsys, "attribution", str(crm / "leads.csv"), "--model", "last", "--json")
    assert code == 1
    assert "touchpoint" in err
    assert json.loads(out)["error"]["code"] == "missing_data"


def test_attribution_without_leads_names_the_export(crm, capsys):
    code, _, err = run(capsys, "attribution", str(crm / "touchpoints.csv"), "--model", "first")
    assert code == 1 and "leads" in err and "CRM" in err


def test_nothing_loaded_exits_1(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _, err = run(capsys, "attribution", str(empty), "--model", "first")
    assert code == 1 and "Nothing could be loaded" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["attribution", "x.csv", "--model", "magic"],
        ["attribution", "x.csv"],
        ["attribution", "x.csv", "--model", "last", "--by", "colour"],
        ["attribution", "x.csv", "--model", "time_decay", "--half-life", "-1"],
        ["groups", "x.csv", "--metric", "happiness"],
        ["groups", "x.csv", "--metric", "retention", "--split", "age"],
        ["groups", "x.csv", "--metric", "retention", "--days", "0"],
        ["groups", "x.csv", "--metric", "retention", "--social-by", "mood"],
        ["attribution", "x.csv", "--model", "last", "--from", "2026-13-01"],
        ["attribution", "x.csv", "--model", "last", "--to", "yesterday"],
        ["groups", "x.csv", "--metric", "retention", "--from", "2026-1-5"],
        ["attribution", "x.csv", "--model", "last", "--from", "2026-02-01", "--to", "2026-01-01"],
        ["groups", "x.csv", "--metric", "cac", "--from", "2026-02-01", "--to", "2026-01-31"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_attribution_in_a_range(crm, capsys):
    # Only L2 (50, on 21 Jan) converts from 15 to 31 January; its 14 January touch still counts.
    code, out, _ = run(capsys, "attribution", str(crm), "--model", "linear", "--from",
                       "2026-01-15", "--to", "2026-01-31", "--json")  # fmt: skip
    doc = json.loads(out)
    assert code == 0
    assert (doc["total_conversions"], doc["total_revenue"]) == (1, 50.0)
    got = {r["channel"]: r["revenue"] for r in doc["rows"]}
    assert got == {"search": pytest.approx(100 / 3), "social": pytest.approx(50 / 3)}
    assert (doc["from"], doc["to"]) == ("2026-01-15", "2026-01-31")
    code, out, _ = run(capsys, "attribution", str(crm), "--model", "last", "--to", "2026-01-15")
    assert code == 0 and "to 2026-01-15" in out and "100.00" in out


def test_a_bad_range_with_json_prints_the_error(crm, capsys):
    code, out, err = run(capsys, "groups", str(crm), "--metric", "retention", "--from",
                         "2026-03-01", "--to", "2026-02-01", "--json")  # fmt: skip
    assert code == 2 and "before it starts" in err
    error = json.loads(out)["error"]
    assert error["code"] == "usage" and "before it starts" in error["message"]
    code, out, _ = run(capsys, "attribution", str(crm), "--model", "last", "--from", "soon",
                       "--json")  # fmt: skip
    assert code == 2 and set(json.loads(out)["error"]) == {"code", "message"}


def test_groups_in_a_range(crm, capsys):
    # Leads created 2–31 January: L3 (social, open) and L2 (organic search, converted).
    code, out, _ = run(capsys, "groups", str(crm), "--metric", "lead_conversion_rate",
                       "--from", "2026-01-02", "--to", "2026-01-31", "--json")  # fmt: skip
    doc = json.loads(out)
    assert code == 0
    assert [(g["group"], g["n"], g["value"]) for g in doc["groups"]] == [
        ("social", 1, 0.0), ("other", 1, 1.0)
    ]  # fmt: skip


def test_groups_json(crm, capsys):
    code, out, _ = run(capsys, "groups", str(crm), "--metric", "retention", "--split", "social",
                       "--json")  # fmt: skip
    doc = json.loads(out)
    assert code == 0
    assert [(g["group"], g["n"]) for g in doc["groups"]] == [("social", 4), ("other", 3)]
    assert set(doc) >= {"groups", "difference", "ci_low", "ci_high", "p_value", "test"}
    assert doc["difference"] == pytest.approx(1 / 12)
    assert doc["test"] == "two-proportion z-test" and doc["readable"] is False


def test_groups_social_by_touch(crm, capsys):
    code, out, _ = run(capsys, "groups", str(crm / "customers.csv"), str(crm / "touchpoints.csv"),
                       "--metric", "saves_per_customer", "--social-by", "touch", "--json")  # fmt: skip
    doc = json.loads(out)
    # Touches carry C1 (social on 1 Jan) and C2 (social on 17 Jan): two social customers.
    assert code == 0 and [g["n"] for g in doc["groups"]] == [2, 6]


def test_groups_control_group_text(crm, capsys):
    code, out, _ = run(capsys, "groups", str(crm), "--metric", "saves_per_customer",
                       "--split", "control_group")  # fmt: skip
    assert code == 0 and "test" in out and "control" in out


def test_groups_missing_customers(crm, capsys):
    code, _, err = run(capsys, "groups", str(crm / "leads.csv"), "--metric", "retention")
    assert code == 1 and "customers" in err


def test_module_entry_point(crm):
    proc = subprocess.run(
        [sys.executable, "-m", "kpi", "groups", str(crm), "--metric", "cac", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert [g["value"] for g in doc["groups"]] == [7.5, pytest.approx(20 / 3)]
    assert doc["p_value"] is None
