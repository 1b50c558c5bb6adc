"""The code stays as the project's lint settings (pyproject.toml, [tool.ruff]) want it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (it comes with the dev extras)")
    done = subprocess.run([ruff, "check", "simulation", "tests", "benchmarks", "scripts"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
