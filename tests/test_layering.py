"""The layers: the store and the seed never load the UI toolkit, and the command line loads
Textual only when it opens the dashboard. Each check imports every module of a package in
a fresh interpreter, so an import made elsewhere in the test run cannot hide one."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def modules_of(package: str) -> list[str]:
    """The package and every module under it (``__main__`` runs a program: left out)."""
    found = [package]
    for module in pkgutil.walk_packages(importlib.import_module(package).__path__, f"{package}."):
        if module.name.rpartition(".")[2] != "__main__":
            found.append(module.name)
    return found


def loaded_after_importing(modules: list[str], toolkits: tuple[str, ...]) -> list[str]:
    """The modules of ``toolkits`` a fresh interpreter holds after importing ``modules``."""
    code = ("import importlib, json, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {toolkits!r})))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(result.stdout)


# The libraries (extract/ where a checkout has it) load neither Textual nor Rich; the command
# line may use Rich, and its dashboard command imports Textual when it runs.
LAYERS = [(package, ("textual", "rich")) for package in ("db", "extract", "seed") if (ROOT / package).is_dir()]
LAYERS.append(("tui.cli", ("textual",)))


@pytest.mark.parametrize("package, toolkits", LAYERS, ids=[package for package, _ in LAYERS])
def test_a_package_does_not_load_the_ui_toolkit(package, toolkits):
    modules = modules_of(package)
    assert set(modules) == modules_on_disk(package)  # the walk missed none
    assert loaded_after_importing(modules, toolkits) == []


def modules_on_disk(package: str) -> set[str]:
    """Every module and subpackage under ``package``'s folder, by dotted name."""
    directory = ROOT.joinpath(*package.split("."))
    found = set()
    for path in directory.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_every_package_on_disk_is_installed():
    """pip install . ships every package of the project (a subpackage left out of the
    setuptools configuration breaks the installed kursk-tui while tests from a checkout pass)."""
    import tomllib
    from fnmatch import fnmatch

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = {module for root in ("tui", "db", "extract", "seed") for module in modules_on_disk(root)
                if (ROOT.joinpath(*module.split(".")) / "__init__.py").is_file()}
    assert packages and {package for package in packages if not any(fnmatch(package, p) for p in patterns)} == set()
