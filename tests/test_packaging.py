"""doorstroom as a user installs it: the wheel holds every module, the built-in scenarios,
their targets and the municipality table, and finds them from any folder.

The wheel is built once per run (about 5 s) from a copy of the sources, so a stale
``build/`` in the work tree cannot leak into it. It is unpacked rather than installed:
a wheel is a zip laid out as site-packages. ``.ci/run`` installs the same wheel into a
fresh virtual environment and runs ``doorstroom compare baseline`` with it.
"""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from simulation.scenario import builtin_names

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("simulation", "scenarios", "data", "pyproject.toml", "README.md")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("build")
    (work / "src").mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, work / "src" / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, work / "src" / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                           "-w", str(work / "dist"), str(work / "src")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return next((work / "dist").glob("doorstroom-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The wheel unpacked where site-packages would be."""
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as whl:
        whl.extractall(site)
    return site


def _in_wheel(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as whl:
        return {n for n in whl.namelist() if not n.split("/")[0].endswith(".dist-info")}


def test_the_wheel_holds_every_module_and_the_data(wheel):
    """Exactly the package's files, the scenarios and targets, and the table: a
    subpackage missing from pyproject.toml's list, or a file it does not ship, fails here."""
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "simulation").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    data = {f"simulation/{p.relative_to(ROOT)}" for p in (
        *(ROOT / "scenarios").rglob("*.toml"), *(ROOT / "scenarios").glob("*.csv"),
        *(ROOT / "data").glob("*.csv"), ROOT / "data" / "README.md")}
    assert {"simulation/scenarios/targets/netherlands.toml",
            "simulation/data/municipal_social_2021.csv"} <= data
    assert _in_wheel(wheel) == modules | data
    with zipfile.ZipFile(wheel) as whl:
        entry = next(n for n in whl.namelist() if n.endswith("entry_points.txt"))
        assert "doorstroom = simulation.commands:main" in whl.read(entry).decode()


def _run(installed: Path, cwd: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_installed_package_finds_its_data_from_another_folder(installed, tmp_path):
    code = ("import simulation as ds\nfrom simulation.targets import DEFAULT_FILE\n"
            "sc = ds.load_scenario('baseline')\n"
            "print(ds.__file__, sc.source, DEFAULT_FILE, DEFAULT_FILE.is_file(), sep='\\n')")
    package = installed / "simulation"
    module, source, targets, found = _run(installed, tmp_path, "-c", code).split()
    assert Path(module) == package / "__init__.py"  # not the work tree's
    assert Path(source) == package / "scenarios" / "baseline.toml"
    assert Path(targets) == package / "scenarios" / "targets" / "netherlands.toml"
    assert found == "True"
    out = _run(installed, tmp_path, "-m", "simulation", "validate", "netherlands")
    assert out.startswith("OK: netherlands: 342 municipalities")  # ../data inside the package
    listed = _run(installed, tmp_path, "-m", "simulation", "scenarios").splitlines()
    assert [line.split()[0] for line in listed[:len(builtin_names())]] == builtin_names()
    _run(installed, tmp_path, "-m", "simulation", "init", "netherlands")
    out = _run(installed, tmp_path, "-m", "simulation", "validate", "netherlands.toml")
    assert out.startswith("OK: netherlands.toml: 342 municipalities")
