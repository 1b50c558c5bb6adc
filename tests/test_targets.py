"""Calibration: the baseline under indicatie lands inside every Dutch validation range."""

import re

import pytest

from simulation.errors import InputError
from simulation.experiment import run_replications
from simulation.targets import OBSERVABLES, evaluate, load_targets

TARGETS = "scenarios/targets/netherlands.toml"


def test_baseline_lands_inside_every_modelled_target(baseline):
    targets = load_targets(TARGETS)
    labels = tuple(dict.fromkeys(t.policy for t in targets))
    res = run_replications(baseline, labels, 12, workers=2)
    rows = evaluate(targets, res, baseline)
    off = [(r["observable"], r["value"], r["low"], r["high"]) for r in rows
           if r["status"] == "OFF"]
    assert not off, f"outside the Dutch ranges: {off}"
    assert {r["status"] for r in rows} <= {"PASS", "N/A"}
    assert all(r["reason"] for r in rows if r["status"] == "N/A")  # a gap says why


def test_every_target_names_a_known_observable_and_a_source():
    for t in load_targets(TARGETS):
        assert t.observable in OBSERVABLES and t.source.startswith("FACTS")


@pytest.mark.parametrize("text, words", [
    ('[[target]]\nobservable = "happiness"\npolicy = "indicatie"\nlow = 0\nhigh = 1\n'
     'source = "x"', "not known"),
    ('[[target]]\nobservable = "job_retention_12m"\npolicy = "indicatie"\nlow = 2\n'
     'high = 1\nsource = "x"', "above high"),
    ('[[target]]\nobservable = "job_retention_12m"\ncolour = 1', "unknown field"),
    ("nothing = 1", "needs [[target]]"),
])
def test_bad_targets_files_are_refused(tmp_path, text, words):
    f = tmp_path / "t.toml"
    f.write_text(text)
    with pytest.raises(InputError, match=re.escape(words)):
        load_targets(f)
