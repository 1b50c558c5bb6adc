"""The walk of one change in docs/architecture.md works as written: the two blocks it shows,
added to a copy of the package, give a variant whose cost shows everywhere."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "scenarios" / "baseline.toml"
AMOUNT = 1_000.0  # the example's default bonus


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """A copy of the package with the example's blocks added to the files they name."""
    root = tmp_path_factory.mktemp("pkg")
    shutil.copytree(ROOT / "simulation", root / "simulation",
                    ignore=shutil.ignore_patterns("__pycache__"))
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python file=(\S+)\n(.*?)```", doc, re.S)
    assert sorted(f for f, _ in blocks) == ["simulation/declarations/variants.py",
                                             "simulation/policies/variants.py"]
    for file, code in blocks:
        with open(root / file, "a", encoding="utf-8") as fh:
            fh.write("\n\n" + code)
    return root


def _python(package: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(package), "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          cwd=package, timeout=300)


def _compare(package: Path, out: Path, lang: str) -> None:
    done = _python(package, "-m", "simulation", "compare", str(BASELINE), "--a", "indicatie",
                   "--b", "indicatie+hire_bonus", "--replications", "2", "--months", "36",
                   "--workers", "1", "--quiet", "--lang", lang, "--out", str(out))
    assert done.returncode == 0, done.stderr


def test_the_copy_is_what_runs(package):
    done = _python(package, "-c", "import simulation; print(simulation.__file__)")
    assert done.stdout.strip() == str(package / "simulation" / "__init__.py")


def test_the_bonus_is_booked_to_the_reintegration_budget_per_hire(package, tmp_path):
    _compare(package, tmp_path / "en", "en")
    reps = pd.read_csv(tmp_path / "en" / "replications.csv").set_index(["policy", "replication"])
    bonus = reps.loc["indicatie+hire_bonus"]
    assert (bonus["jobs_started"] > 0).all()
    assert (bonus["cost_hire_bonus_eur"] == AMOUNT * bonus["jobs_started"]).all()
    assert (reps.loc["indicatie"]["cost_hire_bonus_eur"] == 0).all()
    ledger = pd.read_csv(tmp_path / "en" / "ledger.csv")
    rows = ledger[ledger["category"] == "hire_bonus"]
    assert set(rows["payer"]) == {"pw_reintegration"} and set(rows["kind"]) == {"cost"}
    by_rep = rows.groupby("replication")["amount_eur"].sum()
    assert by_rep.to_dict() == bonus["cost_hire_bonus_eur"].to_dict()
    comparison = json.loads((tmp_path / "en" / "comparison.json").read_text())
    assert comparison["metrics"]["cost_hire_bonus_eur"]["difference"] > 0


def test_the_report_names_the_bonus_in_both_languages(package, tmp_path):
    _compare(package, tmp_path / "en", "en")
    _compare(package, tmp_path / "nl", "nl")
    assert "employer bonus" in (tmp_path / "en" / "report.html").read_text(encoding="utf-8")
    assert "premie werkgevers" in (tmp_path / "nl" / "report.html").read_text(encoding="utf-8")


def test_the_dashboard_offers_the_variant_in_both_languages(package):
    code = ("from simulation.dashboard.controls import model_params\n"
            "from simulation.scenario import load\n"
            f"sc = load({str(BASELINE)!r})\n"
            "for lang in ('nl', 'en'):\n"
            "    print(model_params(sc, lang)['variant:hire_bonus']['label'])\n")
    done = _python(package, "-c", code)
    assert done.returncode == 0, done.stderr
    nl, en = done.stdout.strip().split("\n")
    assert "premie voor werkgevers per aanname" in nl and "bonus for employers per hire" in en


def test_the_parameter_is_listed(package):
    done = _python(package, "-m", "simulation", "params")
    assert done.returncode == 0 and "hire_bonus.amount_eur" in done.stdout
