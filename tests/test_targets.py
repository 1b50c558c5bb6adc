"""Targets: the baseline lands inside every Dutch range, and every validation target can fail.

A validation target that stayed PASS whatever its inputs would restate them; so each one
names the perturbation that pushes the input it rests on out of range (``off_when``), and
here that perturbation must turn it OFF while the baseline stays PASS. Calibration targets
that name one must respond to what was tuned, or they could not identify it.
"""

import re
from pathlib import Path

import pytest

from simulation.commands import main
from simulation.errors import InputError
from simulation.execution import executor
from simulation.experiment import run_replications
from simulation.metrics import METRICS
from simulation.targets import (
    GROUPS,
    KINDS,
    OBSERVABLES,
    evaluate,
    load_targets,
    policies_needed,
    roles,
    tally,
)

TARGETS = "scenarios/targets/netherlands.toml"
REPLICATIONS = 12
PERTURBATIONS = [pytest.param(t, off, id=f"{t.observable}-{'-'.join(map(str, off.values()))}")
                 for t in load_targets(TARGETS) for off in t.off_when]


@pytest.fixture(scope="module")
def workers():
    """Two worker processes for the whole module (started once)."""
    with executor(2) as ex:
        yield ex


@pytest.fixture(scope="module")
def baseline_rows(baseline, workers):
    targets = load_targets(TARGETS)
    res = run_replications(baseline, policies_needed(targets, baseline), REPLICATIONS,
                           executor=workers)
    return {r["observable"]: r for r in evaluate(targets, res, baseline)}


def test_baseline_lands_inside_every_modelled_target(baseline_rows):
    rows = list(baseline_rows.values())
    off = [(r["observable"], r["value"], r["low"], r["high"]) for r in rows
           if r["status"] == "OFF"]
    assert not off, f"outside the Dutch ranges: {off}"
    assert {r["status"] for r in rows} <= {"PASS", "N/A"}
    assert all(r["reason"] for r in rows if r["status"] == "N/A")  # a gap says why
    assert {r["kind"] for r in rows if r["status"] == "PASS"} == set(KINDS)


@pytest.mark.parametrize("target, perturbation", PERTURBATIONS)
def test_a_target_turns_off_when_an_input_it_rests_on_leaves_its_range(
        baseline, baseline_rows, workers, target, perturbation):
    assert baseline_rows[target.observable]["status"] == "PASS"
    sc = baseline.with_overrides(perturbation)
    res = run_replications(sc, policies_needed([target], sc), 6, executor=workers)
    (row,) = evaluate([target], res, sc)
    assert row["status"] == "OFF", (
        f"{target.observable} stays at {row['value']:.4g} in [{target.low}, {target.high}] "
        f"with {perturbation}: it does not rest on that input")


def test_every_validation_target_declares_how_to_push_it_off():
    targets = load_targets(TARGETS)
    validation = [t for t in targets if t.kind == "validation" and t.modelled]
    assert len(validation) >= 3
    assert {t.policy for t in validation} >= {"indicatie", "voorziening"}  # both arms
    for t in validation:
        assert t.off_when and all(set(off) <= set(t.inputs) for off in t.off_when)
    for t in targets:
        assert t.observable in OBSERVABLES and t.source.startswith("evidence §")
        assert t.evidence and (t.why_range or not t.modelled)
        assert t.kind != "calibration" or (t.tuned and set(t.tuned) <= set(t.inputs))


def test_roles_say_which_targets_calibrate_and_which_validate():
    by_group = roles(load_targets(TARGETS))
    assert list(by_group) == list(GROUPS)
    calibrated = {r["observable"] for r in by_group["calibration"]}
    validated = {r["observable"] for r in by_group["validation"]}
    assert "employers_with_target_group_share" in calibrated
    assert "open_access_clients_per_funded_place" in validated
    assert not calibrated & validated
    assert {r["observable"] for r in by_group["consistency"]} == {
        "assessment_share_of_first_year_cost", "open_access_no_assessment_cost"}
    assert by_group["not modelled"][0]["reason"]
    tuned = {k for r in by_group["calibration"] for k in r["tuned"]}
    assert "employers.share_with_target_group_start" in tuned


def test_tally_counts_each_kind_apart():
    rows = [{"group": "validation", "status": "PASS"}, {"group": "validation", "status": "OFF"},
            {"group": "calibration", "status": "PASS"}, {"group": "consistency", "status": "PASS"},
            {"group": "consistency", "status": "PASS"}, {"group": "not modelled", "status": "N/A"}]
    assert tally(rows) == ("validation: 1 PASS, 1 OFF; calibration: 1 PASS, 0 OFF; "
                           "consistency: 2 PASS, 0 OFF; 1 N/A")


def test_check_targets_prints_the_kinds_apart(tmp_path, capsys):
    text = ('[[target]]\nobservable = "open_access_no_assessment_cost"\npolicy = "voorziening"\n'
            'kind = "consistency"\nlow = 0\nhigh = 0\nsource = "evidence §3"\n'
            'evidence = "no assessments"\ninputs = ["policy.regime"]\n'
            '[[target]]\nobservable = "assessment_lead_time_weeks"\npolicy = "indicatie"\n'
            'kind = "validation"\nlow = 0\nhigh = 1\nsource = "evidence §1"\n'
            'evidence = "the queue"\ninputs = ["indicatie.assessments_per_month"]\n'
            'off_when = { "indicatie.assessments_per_month" = 1 }\n')
    path = tmp_path / "t.toml"
    path.write_text(text)
    code = main(["check-targets", "scenarios/baseline.toml", "--targets", str(path),
                 "--replications", "2", "--workers", "1", "--set", "simulation.months=24"])
    out = capsys.readouterr().out
    assert code == 0
    validation, consistency = out.index("\nvalidation ("), out.index("\nconsistency (")
    assert validation < out.index("assessment_lead_time_weeks") < consistency
    assert consistency < out.index("open_access_no_assessment_cost")
    assert "evidence for: the queue" in out and "source: evidence §1" in out
    # the wait is at least the 2 months' processing (8.7 weeks): outside [0, 1]
    assert re.search(r"OFF +assessment_lead_time_weeks +indicatie +\d", out)
    assert out.rstrip().endswith("validation: 0 PASS, 1 OFF; calibration: 0 PASS, 0 OFF; "
                                 "consistency: 1 PASS, 0 OFF; 0 N/A")


TARGET = ('[[target]]\nobservable = "job_retention_12m"\npolicy = "indicatie"\nlow = 0.5\n'
          'high = 0.8\nsource = "x"\nevidence = "y"\ninputs = ["work.job_loss_per_month"]\n')


@pytest.mark.parametrize("text, words", [
    ('[[target]]\nobservable = "happiness"\npolicy = "indicatie"\nkind = "validation"\n'
     'low = 0\nhigh = 1\nsource = "x"\nevidence = "y"', "not known"),
    (TARGET.replace("low = 0.5", "low = 2") + 'kind = "consistency"', "above high"),
    ('[[target]]\nobservable = "job_retention_12m"\ncolour = 1', "unknown field 'colour'"),
    ("nothing = 1", "needs [[target]]"),
    (TARGET, "missing field 'kind'"),
    (TARGET + 'kind = "proof"', "kind 'proof' is not known"),
    (TARGET + 'kind = "validation"', "needs off_when"),
    (TARGET + 'kind = "calibration"', "needs tuned"),
    (TARGET + 'kind = "validation"\noff_when = { "work.hire_probability" = 0.1 }',
     "'work.hire_probability' is not among its inputs"),
    (TARGET + 'kind = "validation"\noff_when = { "work.job_loss_per_month" = 7 }',
     "work.job_loss_per_month"),
    (TARGET + 'kind = "validation"\noff_when = [1]', "must be a table"),
    (TARGET.replace('"work.job_loss_per_month"', '"work.fun"') + 'kind = "consistency"',
     "'work.fun' is not a scenario key"),
    (TARGET.replace('inputs = ["work.job_loss_per_month"]\n', "") + 'kind = "consistency"',
     "needs inputs"),
])
def test_bad_targets_files_are_refused(tmp_path, text, words):
    f = tmp_path / "t.toml"
    f.write_text(text)
    with pytest.raises(InputError, match=re.escape(words)):
        load_targets(f)


def test_every_target_is_documented():
    text = Path("docs/validation.md").read_text(encoding="utf-8")
    missing = [t.observable for t in load_targets(TARGETS) if f"`{t.observable}`" not in text]
    assert not missing, f"docs/validation.md does not describe {missing}"


class NoOneServed:
    """Results in which nobody took part: every metric zero."""

    def summary(self, policy):
        return {name: {"mean": 0.0} for name in METRICS}


def test_a_value_with_nothing_to_divide_by_is_off_not_a_crash(baseline):
    targets = [t for t in load_targets(TARGETS) if t.observable in (
        "open_access_clients_per_funded_place",
        "open_access_cost_per_participant_share_of_indicatie",
        "day_activity_users_per_10000_all_ages_end", "assessment_share_of_first_year_cost")]
    rows = evaluate(targets, NoOneServed(), baseline)
    assert len(rows) == 4
    assert all(r["status"] == "OFF" and r["value"] != r["value"] for r in rows)
