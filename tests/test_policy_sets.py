"""Policy sets: a regime plus variants, or an alternative named in the scenario."""

import pytest

from simulation.errors import InputError
from simulation.experiment import compare
from simulation.model import DoorstroomModel
from simulation.scenario import loads

ALT = """
[policy]
variants = ["outcome_bonus"]

[alternatives.rich]
regime = "voorziening"
variants = ["safety_net"]
overrides = { "voorziening.budget_per_year_eur" = 900000.0 }
"""


def test_labels_resolve_to_regime_variants_and_overrides():
    sc = loads(ALT)
    assert sc.policy("indicatie").variants == ("outcome_bonus",)  # scenario variants always on
    spec = sc.policy("voorziening + safety_net")
    assert (spec.regime, spec.variants) == ("voorziening", ("outcome_bonus", "safety_net"))
    rich = sc.policy("rich")
    assert rich.regime == "voorziening" and rich.overrides == {
        "voorziening.budget_per_year_eur": 900000.0}
    model = DoorstroomModel(sc, policy="rich", seed=1)
    assert model.p["voorziening.budget_per_year_eur"] == 900000.0
    assert model.policy.name == "voorziening+outcome_bonus+safety_net"


@pytest.mark.parametrize("label, words", [
    ("voorzening", "did you mean 'voorziening'"),
    ("indicatie+safety_net+safety_net", "listed twice"),
    ("indicatie+flying", "not allowed"),
    ("", "must be named"),
])
def test_bad_labels_are_refused_clearly(label, words):
    with pytest.raises(InputError, match=words):
        loads(ALT).policy(label)


@pytest.mark.parametrize("body, words", [
    ('[alternatives.x]\nregime = "both"', "not allowed"),
    ('[alternatives.x]\nregime = "indicatie"\ncolour = 1', "unknown field 'colour'"),
    ('[alternatives.indicatie]\nregime = "indicatie"', "may not be a regime"),
    ('[alternatives.x]\nregime = "indicatie"\noverrides = { "simulation.months" = 3 }',
     "cannot be set per alternative"),
    ('[alternatives.x]\nregime = "indicatie"\noverrides = { "indicatie.term_months" = -3 }',
     "out of range"),
])
def test_bad_alternatives_are_refused_clearly(body, words):
    with pytest.raises(InputError, match=words):
        loads(body)


def test_alternatives_survive_the_resolved_scenario_file():
    sc = loads(ALT)
    again = loads(sc.to_toml())
    assert again.alternatives == sc.alternatives and again.sha256 == sc.sha256


def test_compare_any_two_policy_sets_on_the_same_residents(small):
    res = compare(small, replications=3, seed=2,
                  policies=("indicatie", "indicatie+safety_net"))
    a, b = res.of("indicatie"), res.of("indicatie+safety_net")
    assert (a["residents_end"] == b["residents_end"]).all()
    assert b["trials_started"].sum() >= a["trials_started"].sum()
    table = res.comparison().set_index("metric")
    assert list(table.columns[:2]) == ["indicatie", "indicatie+safety_net"]
