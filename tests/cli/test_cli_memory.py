"""The command line tunes glibc malloc as the app does (`kpi.memory.tune_malloc`): once, when
a command starts, before any DuckDB connection; nothing else changes."""

from __future__ import annotations

from kpi import cli


def test_a_command_tunes_malloc_once_at_start(monkeypatch, capsys):
    calls: list[tuple] = []
    monkeypatch.setattr(cli, "tune_malloc", lambda *a, **k: calls.append(a) or True)
    cli._tune_memory.cache_clear()
    try:
        assert cli.main(["catalog", "--json"]) == 0
        assert calls == [()]  # with the app's own settings
        assert cli.main(["catalog", "--json"]) == 0
        assert calls == [()]  # once per process, not per command
    finally:
        cli._tune_memory.cache_clear()
    assert '"kpis"' in capsys.readouterr().out  # the command's output is unchanged


def test_it_is_tuned_before_the_command_runs(monkeypatch, capsys):
    order: list[str] = []
    monkeypatch.setattr(cli, "tune_malloc", lambda *a, **k: order.append("tune") or True)
    monkeypatch.setattr(cli, "_dispatch", lambda args: order.append("run") or 0)
    cli._tune_memory.cache_clear()
    try:
        assert cli.main(["catalog"]) == 0
    finally:
        cli._tune_memory.cache_clear()
    assert order == ["tune", "run"]
