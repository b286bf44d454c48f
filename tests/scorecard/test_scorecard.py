"""The strategy map: model round-trip, live evaluation on the sample data, and the CLI."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kpi.cli import main
from kpi.scorecard import KpiRef, Objective, StrategyMap, default_map, evaluate, worst
from kpi.scorecard.evaluate import resolve_target
from kpi.scorecard.model import catalog_objectives, map_from_catalog
from tests.conftest import SAMPLE_DIR

START, END = dt.date(2026, 10, 4), dt.date(2026, 10, 31)


def test_default_map_is_valid_and_links_the_chain() -> None:
    card = default_map()
    assert card.validate() == []
    assert {o.perspective for o in card.objectives} == {
        "financial",
        "customer",
        "internal",
        "learning",
    }
    assert len(card.objectives) == 9
    links = set(card.links())
    for link in [("train_team", "communicate"), ("communicate", "brand_interaction"),
                 ("brand_interaction", "business_results")]:  # fmt: skip
        assert link in links
    for o in card.objectives:
        assert {k.role for k in o.kpis} == {"lagging", "leading"}, o.id


def test_catalog_objectives_are_the_fourteen_placements() -> None:
    # 14 placements in kpi/kpis.py, two of them (leading and lagging) on one objective.
    names = [n for group in catalog_objectives().values() for n in group]
    assert len(names) >= 13 and "Answer the community quickly and well" in names
    card = map_from_catalog()
    assert card.validate() == [] and len(card.objectives) == len(names)


def test_round_trip_keeps_unknown_keys() -> None:
    doc = default_map().to_dict()
    doc["from_the_future"] = {"x": 1}
    doc["objectives"][0]["colour"] = "teal"
    doc["objectives"][0]["kpis"][0]["weight"] = 2
    doc["perspectives"].append({"id": "community", "labels": {"en": "Community"}})
    doc["perspectives"][1]["labels"]["en"] = "Clients"
    again = StrategyMap.from_dict(json.loads(json.dumps(doc)))
    assert again.to_dict() == doc
    assert doc["version"] == 1
    assert again.perspective_label("customer") == "Clients"


def test_validation_names_every_problem() -> None:
    card = StrategyMap([
        Objective("a", {"en": "A"}, "customer", ["a", "zzz"], [KpiRef("no_such_kpi")]),
        Objective("a", {"en": "A again"}, "marketing"),
    ])  # fmt: skip
    problems = card.validate()
    assert "a: objective declared twice" in problems
    assert "a: unknown perspective 'marketing'" in problems
    assert "a: causes unknown objective 'zzz'" in problems
    assert "a: unknown KPI 'no_such_kpi'" in problems
    assert "a: an objective cannot cause itself" in problems


def test_worst_and_targets() -> None:
    assert worst(["good", "none", "warning"]) == "warning"
    assert worst(["good", "bad", "warning"]) == "bad"
    assert worst(["none"]) == worst([]) == "none"
    ref = KpiRef("engagement_rate", "leading", target=0.05, channel="instagram")
    assert resolve_target(ref, {}) == 0.05
    assert resolve_target(ref, {"engagement_rate": 0.1}) == 0.05
    assert resolve_target(ref, {"engagement_rate@instagram": 0.2}) == 0.2
    assert resolve_target(KpiRef("posts"), {"posts": 10}) == 10.0


TARGETS = {
    "social_lead_revenue": 200.0,  # 266.30 ≥ 200 → good
    "engagement_rate": 0.07,  # 0.0644 is within 10 % below → warning
    "first_response_time_median": 3600.0,  # 5 802 s, lower is better, > 3 960 → bad
}


def _objective(doc: dict, oid: str) -> dict:
    return next(o for p in doc["perspectives"] for o in p["objectives"] if o["id"] == oid)


def test_sample_scorecard_live_values_and_statuses(sample) -> None:
    doc = evaluate(sample.con, default_map(), START, END, TARGETS)
    assert [p["id"] for p in doc["perspectives"]] == [
        "financial",
        "customer",
        "internal",
        "learning",
    ]
    for p in doc["perspectives"]:
        assert any(k["value"] is not None for o in p["objectives"] for k in o["kpis"]), p["id"]
    statuses = {o["id"]: o["status"] for p in doc["perspectives"] for o in p["objectives"]}
    assert statuses["business_results"] == "good"
    assert statuses["brand_interaction"] == "warning"
    assert statuses["communicate"] == "bad"
    assert statuses["train_team"] == "none"
    assert {p["id"]: p["status"] for p in doc["perspectives"]} == {
        "financial": "good", "customer": "warning", "internal": "bad", "learning": "none"}  # fmt: skip
    # The values are the data's, computed independently here.
    con = sample.con
    posts = con.execute(
        "SELECT count(*) FROM posts WHERE CAST(published_at AS DATE) BETWEEN ? AND ?", [START, END]
    ).fetchone()[0]
    kpis = {k["id"]: k for k in _objective(doc, "publish")["kpis"]}
    assert kpis["posts"]["value"] == posts == 95
    answered, total = con.execute(
        "SELECT count(first_response_at), count(*) FROM conversations "
        "WHERE CAST(received_at AS DATE) BETWEEN ? AND ?", [START, END]
    ).fetchone()  # fmt: skip
    care = {k["id"]: k for k in _objective(doc, "communicate")["kpis"]}
    assert care["response_rate"]["value"] == pytest.approx(answered / total)
    assert care["first_response_time_median"]["status"] == "bad"
    revenue = _objective(doc, "business_results")["kpis"][0]
    assert revenue == {**revenue, "id": "social_lead_revenue", "value": pytest.approx(266.3),
                       "target": 200.0, "status": "good", "role": "lagging"}  # fmt: skip


def test_channel_filter_and_unusable_channel(sample) -> None:
    card = StrategyMap([Objective("o", {"en": "O"}, "customer", [], [
        KpiRef("posts", "leading", target=1000, channel="instagram"),
        KpiRef("sessions", "lagging", channel="instagram"),
    ])])  # fmt: skip
    doc = evaluate(sample.con, card, START, END)
    posts, sessions = _objective(doc, "o")["kpis"]
    expected = sample.con.execute(
        "SELECT count(*) FROM posts WHERE platform = 'instagram' "
        "AND CAST(published_at AS DATE) BETWEEN ? AND ?", [START, END]
    ).fetchone()[0]  # fmt: skip
    assert (
        posts["value"] == expected and posts["status"] == "bad" and posts["channel"] == "instagram"
    )
    assert sessions["value"] is None and sessions["status"] == "none"
    assert sessions["needs"] == ["platform"]  # web traffic has no platform to filter by


def test_cli_json_with_workspace(tmp_path, capsys) -> None:
    card = StrategyMap([Objective("care", {"en": "Care", "es": "Atención"}, "internal", [], [
        KpiRef("response_rate", "lagging", target=0.9), KpiRef("posts", "leading"),
    ])])  # fmt: skip
    workspace = tmp_path / "w.json"
    workspace.write_text(json.dumps({"kpi_explorer_workspace": 1, "scorecard": card.to_dict(),
                                     "targets": {"posts": 200}}))  # fmt: skip
    files = [
        str(SAMPLE_DIR / "conversations.csv"),
        str(SAMPLE_DIR / "posts_facebook_instagram.csv"),
    ]
    code = main(["scorecard", *files, "--workspace", str(workspace), "--json", "--lang", "es",
                 "--from", "2026-10-01", "--to", "2026-10-31"])  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    objective = _objective(out, "care")
    assert objective["label"] == "Atención"
    rate, posts = objective["kpis"]
    assert set(rate) >= {"id", "role", "value", "target", "status"}
    assert rate["status"] == "good" and rate["target"] == 0.9
    assert posts["target"] == 200 and posts["status"] == "bad"
    assert objective["status"] == "bad"
    assert [p["id"] for p in out["perspectives"]] == [
        "financial",
        "customer",
        "internal",
        "learning",
    ]


def test_cli_failures(tmp_path, capsys) -> None:
    empty = tmp_path / "nothing.csv"
    empty.write_bytes(b"")
    assert main(["scorecard", str(empty), "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error"]["code"] == "nothing_loaded"
    assert captured.err.strip().endswith("Nothing could be loaded from the files given.")
    code = main(["scorecard", str(empty), "--json", "--from", "2026-10-10", "--to", "2026-10-01"])
    assert code == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "usage"
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert main(["scorecard", str(empty), "--workspace", str(bad)]) == 2


def test_sample_content_quality_matches_the_posts(sample) -> None:
    doc = evaluate(sample.con, default_map(), START, END)
    kpis = {k["id"]: k for k in _objective(doc, "publish")["kpis"]}
    # Default weights, no design labels: (1·reviewed + 5·image + 2·link) / 11 per post, averaged.
    expected = sample.con.execute(
        """SELECT avg(CASE WHEN reviewed THEN 1 ELSE 0 END + CASE WHEN has_image THEN 5 ELSE 0 END
                      + CASE WHEN has_link THEN 2 ELSE 0 END) / 11
           FROM posts WHERE CAST(published_at AS DATE) BETWEEN ? AND ?""", [START, END]
    ).fetchone()[0]  # fmt: skip
    assert kpis["content_quality_index"]["value"] == pytest.approx(expected)
    assert kpis["readability_index"]["value"] is not None
    assert kpis["content_quality_index"]["previous"] is not None


def test_cli_takes_targets_from_the_saved_plan(tmp_path, capsys) -> None:
    from kpi.scorecard import saved
    from kpi.scorecard.plan import Plan, PlanKpi, PlanObjective, Target
    from kpi.workspace import Workspace

    ws = Workspace()
    card = StrategyMap([Objective("care", {"en": "Care"}, "internal", [], [
        KpiRef("response_rate", "lagging"), KpiRef("response_rate", "lagging", channel="tiktok")])])  # fmt: skip
    plan = Plan([PlanObjective("care", {"en": "Care"}, [PlanKpi("response_rate", ["tiktok"], ["a", "b"], [
        Target(0.5), Target(0.999, channel="tiktok"), Target(0.999, period="2026-09")])])])  # fmt: skip
    saved.store(ws, card, plan)
    path = tmp_path / "w.json"
    path.write_text(ws.to_json())
    code = main(["scorecard", str(SAMPLE_DIR / "conversations.csv"), "--workspace", str(path), "--json",
                 "--from", "2026-10-01", "--to", "2026-10-31"])  # fmt: skip
    assert code == 0
    overall, tiktok = _objective(json.loads(capsys.readouterr().out), "care")["kpis"]
    assert (
        overall["target"] == 0.5 and overall["status"] == "good"
    )  # the September target does not apply
    assert (
        tiktok["target"] == 0.999 and tiktok["channel"] == "tiktok" and tiktok["status"] != "none"
    )


def test_empty_session_and_a_broken_custom_kpi() -> None:
    from kpi.custom import custom_kpi
    from kpi.store import SessionData

    data = SessionData()
    data.con.execute("CREATE TABLE posts AS SELECT TIMESTAMP '2026-10-05 10:00' AS published_at, "
                     "'x' AS platform, 'hello' AS post_type")  # fmt: skip
    broken = custom_kpi("text_sum", "Text sum", "posts", "sum(post_type)")
    card = StrategyMap([Objective("o", {"en": "O"}, "customer", [], [
        KpiRef("posts", "leading", target=1), KpiRef("text_sum"), KpiRef("sessions")])])  # fmt: skip
    doc = evaluate(data.con, card, START, END, extra=(broken,))
    posts, text_sum, sessions = _objective(doc, "o")["kpis"]
    assert posts["value"] == 1.0 and posts["status"] == "good"
    assert text_sum["value"] is None and "could not be computed" in text_sum["hint"]
    assert sessions["needs"] == ["web_traffic"] and sessions["status"] == "none"
    assert _objective(doc, "o")["status"] == "good"
    # The person's formulas go through the session's query gate: while it is busy they wait.
    ok = custom_kpi("post_count", "Post count", "posts", "count(*)")
    card = StrategyMap(
        [Objective("o", {"en": "O"}, "customer", [], [KpiRef("post_count"), KpiRef("posts")])]
    )
    with data.gate.limit(data.con):
        busy = evaluate(data.con, card, START, END, extra=(ok,), gate=data.gate)
    own, posts = _objective(busy, "o")["kpis"]
    assert own["value"] is None and "still running" in own["hint"] and posts["value"] == 1.0
    free = evaluate(data.con, card, START, END, extra=(ok,), gate=data.gate)
    assert _objective(free, "o")["kpis"][0]["value"] == 1.0
    data.close()


def test_cli_json_on_the_whole_sample(tmp_path, capsys) -> None:
    """`python -m kpi scorecard sample_data --json`: the default map over the last four weeks of
    data, every perspective live, and each status present with the targets set here."""
    workspace = tmp_path / "w.json"
    workspace.write_text(json.dumps({"kpi_explorer_workspace": 1, "targets": TARGETS}))
    assert main(["scorecard", str(SAMPLE_DIR), "--workspace", str(workspace), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["start"], out["end"]) == ("2026-10-04", "2026-10-31")
    assert [p["id"] for p in out["perspectives"]] == [
        "financial",
        "customer",
        "internal",
        "learning",
    ]
    for p in out["perspectives"]:
        assert p["label"] and p["objectives"]
        for o in p["objectives"]:
            assert set(o) >= {"id", "label", "status", "causes", "kpis"}
            for k in o["kpis"]:
                assert set(k) >= {"id", "role", "value", "target", "status"}
                assert k["role"] in ("lagging", "leading")
        assert any(k["value"] is not None for o in p["objectives"] for k in o["kpis"])
    statuses = {o["status"] for p in out["perspectives"] for o in p["objectives"]}
    assert statuses == {"good", "warning", "bad", "none"}
    assert _objective(out, "train_team")["causes"] == ["communicate"]


def test_cli_usage_errors_as_json(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["scorecard", "x.csv", "--from", "yesterday", "--json"])
    assert stop.value.code == 2
    captured = capsys.readouterr()
    error = json.loads(captured.out)["error"]
    assert error["code"] == "usage" and "is not a date" in error["message"]
    assert len(captured.err.strip().splitlines()) == 1
    with pytest.raises(SystemExit):
        main(["scorecard", "x.csv", "--lang", "fr"])
    assert capsys.readouterr().out == ""


def test_cli_map_with_the_persons_own_kpi(tmp_path, capsys) -> None:
    from kpi.workspace import Workspace

    ws = Workspace()
    ws.add_custom_kpi(
        "resolved", "Resolved conversations", "conversations", "count(resolved_at)", "count"
    )
    card = StrategyMap([Objective("care", {"en": "Care"}, "internal", [], [
        KpiRef("resolved", "lagging", target=10)])])  # fmt: skip
    assert card.validate() == ["care: unknown KPI 'resolved'"]
    assert card.validate(["resolved"]) == []
    ws.other["scorecard"] = card.to_dict()
    path = tmp_path / "w.json"
    path.write_text(ws.to_json())
    code = main(["scorecard", str(SAMPLE_DIR / "conversations.csv"), "--workspace", str(path), "--json",
                 "--from", "2026-10-01", "--to", "2026-10-31"])  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    (resolved,) = _objective(out, "care")["kpis"]
    assert resolved["value"] > 0 and resolved["label"] == "Resolved conversations"
    assert resolved["direction"] == "higher"
