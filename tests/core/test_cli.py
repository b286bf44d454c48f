"""`python -m kpi inspect` as DESIGN.md specifies: JSON shape, errors on stderr, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kpi", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_inspect_json_shape(tmp_path):
    good = tmp_path / "ads.csv"
    good.write_text(
        "date;platform;spend\n01/02/2026;facebook;1.234,50\n02/02/2026;facebook;oops\n"
        "13/02/2026;facebook;7,25\n",
        encoding="utf-8",
    )
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    out = _run("inspect", str(good), str(bad), "--json")
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    (table,) = doc["tables"]
    for key in ("file", "sheet", "rows_read", "rows_loaded", "rows_rejected", "rejected", "encoding",
                "delimiter", "decimal", "dataset", "confidence", "platform", "mapping"):  # fmt: skip
        assert key in table
    assert (table["rows_read"], table["rows_loaded"], table["rows_rejected"]) == (3, 2, 1)
    assert table["rejected"][0]["line"] == 3 and "oops" in table["rejected"][0]["raw"]
    assert table["delimiter"] == "semicolon" and table["decimal"] == ","
    assert table["dataset"] == "ads" and table["mapping"]["spend"] == "spend"
    assert doc["errors"][0]["file"] == "broken.xlsx"
    assert "broken.xlsx" in out.stderr


def test_inspect_exit_codes(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert _run("inspect", str(empty)).returncode == 1
    assert _run("inspect").returncode == 2
    assert _run("frobnicate", str(empty)).returncode == 2


def test_inspect_folder_prints_a_readable_report(tmp_path):
    (tmp_path / "a.csv").write_text("date,sessions\n2026-01-01,10\n2026-01-02,12\n")
    out = _run("inspect", str(tmp_path))
    assert out.returncode == 0
    assert "rows read 2" in out.stdout and "dataset web_traffic" in out.stdout


def test_catalog_json_lists_every_kpi_with_labels():
    out = _run("catalog", "--json")
    assert out.returncode == 0
    kpis = {k["id"]: k for k in json.loads(out.stdout)["kpis"]}
    assert {"engagement_rate", "roas", "cac", "ltv_cac"} <= set(kpis)
    er = kpis["engagement_rate"]
    assert (
        er["family"] == "engagement" and er["format"] == "percent" and er["direction"] == "higher"
    )
    assert set(er["labels"]) == {"en", "es", "pl"} and "impressions" in er["requires"]


def test_compute_json_rows_needs_and_changes(tmp_path):
    posts = tmp_path / "instagram_posts.csv"
    posts.write_text(
        "post_id,published_at,impressions,likes,comments,shares\n"
        "a,2026-01-01 10:00,100,10,0,0\nb,2026-01-08 10:00,150,6,0,0\nc,2026-01-09 10:00,50,2,0,0\n"
    )
    ws = tmp_path / "workspace.json"
    ws.write_text(json.dumps({"kpi_explorer_workspace": 1, "custom_kpis": [
        {"id": "likes_per_impression", "label": "Likes per impression", "dataset": "posts",
         "formula": "sum(likes) / nullif(sum(impressions), 0)"}]}))  # fmt: skip
    out = _run(
        "compute", str(posts), "--kpi", "impressions,engagement_rate,sessions,likes_per_impression",
        "--from", "2026-01-08", "--to", "2026-01-14", "--compare", "previous", "--by", "platform",
        "--workspace", str(ws), "--json",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    rows = {r["kpi"]: r for r in doc["rows"]}
    assert rows["impressions"] == {
        "kpi": "impressions", "period_start": "2026-01-08", "platform": "instagram", "value": 200.0,
        "previous": 100.0, "delta_pct": 1.0, "delta_pp": None, "target": None, "status": None,
        "covers": ["instagram"], "source": "posts",
    }  # fmt: skip
    assert "currency" not in rows["impressions"]  # only when the data has one
    assert doc["notes"] == []
    # a rate: 4% against 10% is −6 points, not a relative change
    assert rows["engagement_rate"]["delta_pct"] is None
    assert rows["engagement_rate"]["delta_pp"] == pytest.approx(-6.0)
    assert rows["likes_per_impression"]["value"] == pytest.approx(8 / 200)
    assert doc["needs"][0]["kpi"] == "sessions" and doc["needs"][0]["missing"] == ["web_traffic"]


def test_compute_json_rows_say_currency_source_and_coverage_with_notes(tmp_path):
    ads = tmp_path / "ads.csv"
    ads.write_text(
        "date,platform,campaign,spend,impressions,clicks,new_followers,currency\n"
        "2026-01-05,facebook,a,100,1000,10,5,USD\n"
        "2026-01-05,google,b,50,2000,20,,USD\n"
    )
    out = _run(
        "compute", str(ads), "--kpi", "spend,cost_per_follower",
        "--from", "2026-01-01", "--to", "2026-01-31", "--json",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    rows = {r["kpi"]: r for r in doc["rows"]}
    assert rows["spend"]["currency"] == "USD" and rows["spend"]["source"] == "ads"
    assert rows["spend"]["covers"] == ["facebook", "google"]
    assert rows["cost_per_follower"]["covers"] == ["facebook"]
    kinds = {(n["kpi"], n["kind"]) for n in doc["notes"]}
    assert ("cost_per_follower", "covers") in kinds
    assert all(set(n) == {"kpi", "kind", "message"} for n in doc["notes"])


def test_compute_usage_errors_exit_2(tmp_path):
    posts = tmp_path / "posts.csv"
    posts.write_text("published_at,platform,impressions\n2026-01-01 10:00,x,1\n")
    assert _run("compute", str(posts), "--kpi", "nope").returncode == 2
    assert (
        _run("compute", str(posts), "--kpi", "impressions", "--from", "yesterday").returncode == 2
    )
    assert (
        _run("compute", str(posts), "--kpi", "impressions", "--grain", "fortnight").returncode == 2
    )


POSTS = "published_at,platform,impressions,likes\n2026-01-05 10:00,x,5,1\n"


def _posts(tmp_path: Path) -> Path:
    posts = tmp_path / "posts.csv"
    posts.write_text(POSTS)
    return posts


def _one_sentence(out: subprocess.CompletedProcess) -> str:
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr[:2000]
    assert "Traceback" not in out.stderr and "nanobind" not in out.stderr
    return lines[0]


@pytest.mark.parametrize(
    "query",
    ["SELECT current_setting('temp_directory')", "SELECT * FROM no_such_table",
     "SELECT printf('%2000000000d', 1)"],
)  # fmt: skip
def test_a_refused_query_prints_one_sentence_and_nothing_from_duckdb_at_exit(query, tmp_path):
    # Before: 43 "nanobind: leaked …" lines after the sentence, now and then a SIGABRT.
    posts = _posts(tmp_path)
    for _ in range(4):
        out = _run("sql", str(posts), query, "--json")
        assert out.returncode == 2
        sentence = _one_sentence(out)
        assert json.loads(out.stdout) == {"error": {"code": "query_refused", "message": sentence}}


def test_a_successful_query_prints_nothing_on_stderr(tmp_path):
    out = _run("sql", str(_posts(tmp_path)), "SELECT [1, 2] AS l, {'a': 1} AS s", "--json")
    assert out.returncode == 0 and out.stderr == ""
    assert json.loads(out.stdout)["rows"] == [["[1, 2]", "{'a': 1}"]]


@pytest.mark.parametrize("value", ["-1", "0", "99999999999999999999", "ten"])
def test_a_bad_max_rows_is_a_usage_error(value, tmp_path):
    out = _run("sql", str(_posts(tmp_path)), "SELECT 1", "--max-rows", value, "--json")
    assert out.returncode == 2
    assert "--max-rows must be a whole number" in _one_sentence(out)
    assert json.loads(out.stdout)["error"]["code"] == "usage"


def test_an_argument_that_is_not_utf8_is_a_usage_error(tmp_path):
    posts = _posts(tmp_path)
    out = subprocess.run(
        [sys.executable, "-m", "kpi", "sql", os.fsencode(posts), b"SELECT '\xff'"],
        cwd=ROOT, capture_output=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 2
    stderr = out.stderr.decode()
    assert len(stderr.strip().splitlines()) == 1 and "not valid UTF-8" in stderr


def test_a_report_that_cannot_be_written_says_so(tmp_path):
    posts = _posts(tmp_path)
    for target in (tmp_path / "missing" / "r.html", tmp_path, Path("/proc/kpi_report.html")):
        out = _run("report", str(posts), "--out", str(target))
        assert out.returncode == 2, out.stderr
        sentence = _one_sentence(out)
        assert "cannot be written there" in sentence and "cannot be read" not in sentence


def test_inspect_refuses_a_fifo_and_devices_instead_of_hanging(tmp_path):
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    for target in (str(fifo), "/dev/zero"):
        out = _run("inspect", target, "--json")  # a FIFO hung here, /dev/zero ran out of memory
        assert out.returncode == 1
        assert "not a regular file" in _one_sentence(out)
        assert json.loads(out.stdout)["error"]["code"] == "nothing_loaded"


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(b"a,b\n" + b"1,2\n" * 600_000)  # 2.4 MB
    out = subprocess.run(
        [sys.executable, "-m", "kpi", "inspect", str(big)], cwd=ROOT, capture_output=True,
        text=True, timeout=120, env={**os.environ, "KPI_MAX_FILE_MB": "1"},
    )  # fmt: skip
    assert out.returncode == 1 and "over the 1 MB limit" in _one_sentence(out)


def test_json_failures_are_json_on_stdout_too(tmp_path):
    posts = _posts(tmp_path)
    out = _run("compute", str(posts), "--kpi", "nope", "--json")
    assert out.returncode == 2
    assert json.loads(out.stdout)["error"]["message"] == _one_sentence(out)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    out = _run("sql", str(empty), "SELECT 1", "--json")
    assert out.returncode == 1
    assert json.loads(out.stdout)["error"]["code"] == "nothing_loaded"


def test_ctrl_c_closes_everything_and_says_one_sentence(tmp_path):
    import signal
    import time

    env = {**os.environ, "KPI_QUERY_SECONDS": "60"}
    slow = "SELECT count(*) FROM range(100000000) a, range(100000000) b"
    # While pandas and DuckDB import, and while the query runs. (The first few hundredths of
    # a second, before any project code runs, are the interpreter's own.)
    for delay in (0.6, 4.0):
        proc = subprocess.Popen(
            [sys.executable, "-m", "kpi", "sql", str(_posts(tmp_path)), slow, "--json"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        started = time.perf_counter()
        stdout, stderr = proc.communicate(timeout=90)
        # Not at the 60 s time limit: the query inside DuckDB's C code is interrupted at once.
        assert time.perf_counter() - started < 20
        assert proc.returncode == 130, stderr
        out = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
        assert "Ctrl-C" in _one_sentence(out)


def test_an_unexpected_failure_is_one_sentence_and_exit_1(monkeypatch, capsys):
    import kpi.cli

    def broken(argv):
        raise ZeroDivisionError("deep inside")

    monkeypatch.setattr(kpi.cli, "_run", broken)
    assert kpi.cli.main(["catalog", "--json"]) == 1
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1 and "unexpectedly" in captured.err
    assert "deep inside" not in captured.err
    assert json.loads(captured.out)["error"]["code"] == "internal"
