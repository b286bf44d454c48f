"""Every module of `kpi/` imports on its own in a fresh interpreter: no import cycles that only
work when some other module happens to be imported first."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# One interpreter imports the third-party and standard libraries that `kpi/` uses, then forks
# a child per kpi module: each child starts with no kpi module loaded, exactly as a fresh
# interpreter would, without paying pandas', DuckDB's and Streamlit's import time again.
# The libraries cannot hide a cycle among kpi modules, so preloading them changes nothing.
_ZYGOTE = """
import importlib, json, os, sys
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except Exception:
        pass  # a library a module imports lazily or optionally: the child imports it itself
assert not [m for m in sys.modules if m == "kpi" or m.startswith("kpi.")]
results = {}
for module in json.loads(sys.argv[2]):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(module)
            message = ""
        except BaseException as error:
            message = f"{type(error).__name__}: {error}" or "?"
        os.write(write, message.encode()[:4000])
        os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 4096):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    message = b"".join(chunks).decode(errors="replace")
    if status != 0 and not message:
        message = f"the import ended the process (status {status})"
    results[module] = message
print(json.dumps(results))
"""


def _modules() -> list[str]:
    out = []
    for path in sorted((ROOT / "kpi").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        out.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def _libraries() -> list[str]:
    """Every top-level non-kpi package the kpi modules import at their top level."""
    names: set[str] = set()
    for path in (ROOT / "kpi").rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] not in {"kpi", "__future__"})


def test_every_kpi_module_imports_alone_in_a_fresh_interpreter():
    modules = _modules()
    assert "kpi.kpis" in modules and "kpi.catalog" in modules
    env_cmd = [sys.executable, "-c", _ZYGOTE, json.dumps(_libraries()), json.dumps(modules)]
    done = subprocess.run(env_cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(results) == sorted(modules)
    assert {m: e for m, e in results.items() if e} == {}


def test_a_module_with_an_import_cycle_is_caught(tmp_path):
    # The same check on a package whose two modules import each other by name at the top.
    package = tmp_path / "kpi"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from kpi.b import B\nA = 1\n")
    (package / "b.py").write_text("from kpi.a import A\nB = 2\n")
    cmd = [sys.executable, "-c", _ZYGOTE, json.dumps(["json"]), json.dumps(["kpi.a", "kpi"])]
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    results = json.loads(done.stdout.strip().splitlines()[-1])
    assert "ImportError" in results["kpi.a"] and results["kpi"] == ""
