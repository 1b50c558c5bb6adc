"""The baseline scenario end to end, against the stored summary.

A deliberate model change refreshes the summary with scripts/update_baseline.py, which
also writes a CHANGELOG line; this test fails on any other change and shows what moved.
"""

import importlib.util
import json
import math
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STORED = ROOT / "tests" / "scenarios" / "baseline_summary.json"


def _script():
    spec = importlib.util.spec_from_file_location("update_baseline",
                                                  ROOT / "scripts" / "update_baseline.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def now():
    """The baseline summary as the code computes it now."""
    return _script().current()


def test_baseline_summary_is_unchanged(now):
    """A fresh run of the baseline against the stored summary, both ways: the same
    policies, the same metric names, and every value equal (Covasim's baseline test)."""
    stored = json.loads(STORED.read_text())["metrics"]
    assert set(now) == set(stored), "the policies of the baseline changed"
    changed = []
    for policy in stored:
        for name in sorted(set(stored[policy]) | set(now[policy])):
            old = stored[policy].get(name, "missing")
            new = now[policy].get(name, "missing")
            same = (old is None and new is None) or (
                isinstance(new, float) and isinstance(old, float)
                and math.isclose(new, old, rel_tol=1e-9, abs_tol=1e-9))
            if not same:
                changed.append(f"  {policy:12} {name:40} {old!r:>22} -> {new!r}")
    assert not changed, ("baseline summary changed; if intended, run "
                         "`make baseline REASON=...`:\n" + "\n".join(changed))


def test_baseline_refresh_is_in_the_changelog():
    stored = json.loads(STORED.read_text())
    assert stored["fingerprint"] == _script().fingerprint(stored["metrics"])
    assert stored["fingerprint"] in (ROOT / "CHANGELOG.md").read_text()


def test_baseline_results_are_plausible(now):
    """Broad sanity of a fresh run: ranges a Dutch advisor would recognise (docs/evidence.md)."""
    ind, vrz = now["indicatie"], now["voorziening"]
    per_year = ind["cost_per_participant_year_eur"]
    assert 7_000 < per_year < 14_000  # evidence §2: ~EUR 10,300 a year per indicated client
    assert 1.5 <= ind["mean_assessment_wait_months"] <= 4.0  # evidence §1: 8 to 17 weeks
    assert vrz["cost_assessment_eur"] == 0
    assert vrz["participants_served"] >= ind["participants_served"]
    assert ind["residents_end"] == vrz["residents_end"]


def test_a_refresh_is_logged_in_the_newest_changelog_section():
    log = "# Changelog\n\n## 0.3.0\n\n- new thing\n\n## 0.2.0\n\n- old thing\n"
    assert _script().with_entry(log, "- refreshed") == (
        "# Changelog\n\n## 0.3.0\n\n- new thing\n- refreshed\n\n## 0.2.0\n\n- old thing\n")
