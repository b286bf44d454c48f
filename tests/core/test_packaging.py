"""Packaging: pyproject.toml declares the same pinned runtime dependencies as requirements.txt,
every pin is imported by the code, and the `kpi` console script points at the command line."""

from __future__ import annotations

import ast
import re
import tomllib

from kpi import cli
from tests.conftest import ROOT

# Distributions whose import name is not their name with "-" as "_".
IMPORT_NAMES = {
    "pillow": "PIL",
    "python-dateutil": "dateutil",
    "vl-convert-python": "vl_convert",
}


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        name, _, version = line.partition("==")
        assert version, f"{line!r} is not pinned with =="
        pins[re.sub(r"[-_.]+", "-", name.strip()).lower()] = version.strip()
    return pins


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirements() -> dict[str, str]:
    return _pins((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())


def test_pyproject_and_requirements_pin_the_same_packages_and_versions() -> None:
    declared = _pins(_pyproject()["project"]["dependencies"])
    pinned = _requirements()
    assert not pinned.keys() - declared.keys(), "in requirements.txt only"
    assert not declared.keys() - pinned.keys(), "in pyproject.toml only"
    differ = {n: (declared[n], pinned[n]) for n in pinned if declared[n] != pinned[n]}
    assert not differ, f"versions differ (pyproject, requirements): {differ}"


def _imported_top_names() -> set[str]:
    names: set[str] = set()
    files = [ROOT / "app.py"]
    for folder in ("kpi", "ui", "app_pages"):
        files.extend((ROOT / folder).rglob("*.py"))
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_every_runtime_pin_is_imported_by_the_app_or_the_engine() -> None:
    imported = _imported_top_names()
    unused = [
        name
        for name in _requirements()
        if IMPORT_NAMES.get(name, name.replace("-", "_")) not in imported
    ]
    assert not unused, f"pinned but imported nowhere in kpi/, ui/, app_pages/, app.py: {unused}"


def test_the_kpi_console_script_is_the_command_line_entry() -> None:
    project = _pyproject()
    assert project["project"]["scripts"] == {"kpi": "kpi.cli:main"}
    assert callable(cli.main)
    found = project["tool"]["setuptools"]["packages"]["find"]["include"]
    assert "kpi" in found and "kpi.*" in found


def test_the_package_finds_every_module_of_kpi() -> None:
    # Every folder of kpi/ with modules is a package (has __init__.py), or setuptools skips it.
    folders = {p.parent for p in (ROOT / "kpi").rglob("*.py") if "__pycache__" not in p.parts}
    missing = [str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists()]
    assert not missing, f"folders without __init__.py, left out of the install: {missing}"
