"""Every module of `kpi/` imports on its own in a fresh interpreter: no import cycles that only
work when some other module happens to be imported first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _modules() -> list[str]:
    out = []
    for path in sorted((ROOT / "kpi").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        out.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def test_every_kpi_module_imports_alone_in_a_fresh_interpreter():
    # One fresh interpreter per module (a shared one would hide a cycle), two at a time.
    modules = _modules()
    assert "kpi.kpis" in modules and "kpi.catalog" in modules
    failures = []
    for i in range(0, len(modules), 2):
        batch = modules[i : i + 2]
        procs = [
            (m, subprocess.Popen([sys.executable, "-c", f"import {m}"], cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
            for m in batch
        ]  # fmt: skip
        for module, proc in procs:
            _, err = proc.communicate(timeout=120)
            if proc.returncode != 0:
                failures.append(f"{module}: {err.strip().splitlines()[-1] if err.strip() else '?'}")
    assert failures == []
