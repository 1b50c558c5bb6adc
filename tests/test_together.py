"""Many municipalities in one model (``DoorstroomModel.together``): each runs exactly as it
would alone, whatever else is in the model."""

import gc
import weakref
from pathlib import Path

import numpy as np
import pytest

from simulation.declarations import BY_KEY, VARIANT_NAMES
from simulation.metrics import compute
from simulation.model import DoorstroomModel
from simulation.municipal import PER_MUNICIPALITY
from simulation.municipalities import TABLES, municipality_values
from simulation.national import exact_series, municipality_scenario, municipality_seed
from simulation.scenario_checks import RULED_VALUES
from simulation.scenario import load

NATIONAL = Path(__file__).resolve().parent.parent / "scenarios" / "netherlands.toml"
# An island without its own bijstand figure, small and middle-sized towns, a city.
CODES = ["GM0060", "GM0088", "GM0093", "GM0331", "GM0589", "GM0363"]
POLICIES = ("indicatie", "voorziening", "switch_to_open_access", "open_following_attendance",
            "+".join(("indicatie", *(v for v in VARIANT_NAMES if v != "safety_net"))),
            "voorziening+ontschot+trial_placements+sheltered_work+safety_net")


@pytest.fixture(scope="module")
def country():
    reference = load(NATIONAL, {"national.select": CODES, "simulation.months": 36})
    scenarios = [municipality_scenario(reference, m) for m in reference.municipalities]
    seeds = [municipality_seed(11, m.code) for m in reference.municipalities]
    return scenarios, seeds


def _result(run):
    return compute(run), exact_series(run.series()), run.ledger.totals


def _same(a, b) -> bool:
    (ma, sa, la), (mb, sb, lb) = a, b
    return (ma.keys() == mb.keys()
            and all(ma[k] == mb[k] or (ma[k] != ma[k] and mb[k] != mb[k]) for k in ma)
            and np.array_equal(sa, sb) and np.array_equal(la, lb))


@pytest.mark.parametrize("policy", POLICIES)
def test_each_municipality_runs_as_it_would_alone(country, policy):
    scenarios, seeds = country
    model = DoorstroomModel.together(scenarios, policy, seeds).run()
    assert model.local.count == len(CODES)
    runs = list(model.municipalities())  # read together, as a national task reads them
    for k, (sc, seed) in enumerate(zip(scenarios, seeds)):
        alone = DoorstroomModel(sc, policy=policy, seed=seed, resident_agents=False).run()
        assert _same(_result(runs[k]), _result(alone)), (policy, sc.name)
        assert _same(_result(model.municipality(k)), _result(alone)), (policy, sc.name)


def test_a_municipality_does_not_change_when_another_joins_or_leaves(country):
    scenarios, seeds = country
    every = DoorstroomModel.together(scenarios, "voorziening", seeds).run()
    fewer = DoorstroomModel.together(scenarios[::2], "voorziening", seeds[::2]).run()
    for j, k in enumerate(range(0, len(CODES), 2)):
        assert _same(_result(fewer.municipality(j)), _result(every.municipality(k)))


def test_a_value_that_differs_by_municipality_is_asked_for_per_municipality(country):
    scenarios, seeds = country
    model = DoorstroomModel.together(scenarios[:2], "indicatie", seeds[:2])
    with pytest.raises(KeyError, match="population.residents differs by municipality"):
        model.p["population.residents"]
    assert model.local.array("population.residents").tolist() == [
        sc["population.residents"] for sc in scenarios[:2]]
    assert model.p["simulation.months"] == 36  # shared values read as ever
    with pytest.raises(ValueError, match="per municipality"):
        compute(model)


def test_a_finished_model_is_let_go(country):
    """A worker runs thousands of models: once read, none stays in memory (Mesa 3.3 kept
    every model that made agents)."""
    scenarios, seeds = country
    model = DoorstroomModel.together(scenarios[:2], "indicatie", seeds[:2]).run(2)
    single = DoorstroomModel(scenarios[0], policy="indicatie", seed=1).run(2)
    refs = [weakref.ref(model), weakref.ref(single)]
    model.release()
    single.release()
    del model, single
    gc.collect()
    assert [ref() for ref in refs] == [None, None]


def test_a_model_started_from_anothers_residents_runs_as_if_it_made_them(country):
    """A national task makes a share's residents once for every policy set: a model
    started from another's residents (kept as built, before its run) runs exactly as one
    that made them; residents of other seeds or other values are not taken."""
    scenarios, seeds = country
    first = DoorstroomModel.together(scenarios, "indicatie", seeds, keep_residents=True)
    first.run()
    shared = DoorstroomModel.together(scenarios, "voorziening", seeds, first.residents).run()
    made = DoorstroomModel.together(scenarios, "voorziening", seeds).run()
    for a, b in zip(shared.municipalities(), made.municipalities()):
        assert _same(_result(a), _result(b))
    assert shared.residents is None and made.residents is None  # kept only when asked
    other_seeds = DoorstroomModel.together(scenarios, "voorziening", [s + 1 for s in seeds])
    assert not first.residents.fit(other_seeds.local)
    remade = [municipality_scenario(load(NATIONAL, {"national.select": CODES,
                                                    "simulation.months": 36}), m)
              for m in load(NATIONAL, {"national.select": CODES}).municipalities]
    assert not first.residents.fit(DoorstroomModel.together(remade, "voorziening", seeds).local)


def _another(key: str, value):
    """A second allowed value of a numeric parameter: its plausible range's middle, else
    three fifths of it (or more, where that is not allowed or the same)."""
    p = BY_KEY[key]
    kind = (lambda x: int(round(x))) if p.kind == "int" else float  # noqa: E731
    other = kind(sum(p.plausible) / 2 if p.uncertain else value * 0.6)
    if other == value or not p.low <= other <= p.high:
        other = kind(min(p.high, value * 1.4 + 1))
    return other


#: The numeric values a model reads per municipality (those a sweep may vary); the lists
#: (a group's shares, the ladder's chances) differ in the national and PSA tests.
PER_MUNICIPALITY_NUMBERS = sorted(k for k in PER_MUNICIPALITY
                                  if BY_KEY[k].kind in ("int", "float"))


@pytest.mark.parametrize("key", PER_MUNICIPALITY_NUMBERS)
def test_municipalities_may_differ_in_every_value_read_per_municipality(baseline, key):
    """Two municipalities of one model that differ in one value ``municipal.PER_MUNICIPALITY``
    names each run as alone, under both regimes alone and with every variant (a value read
    in common would refuse), with the rule that uses the value where one does."""
    rules = {rule: choice for rule, choice, value in RULED_VALUES if value == key}
    first = baseline.with_overrides({"population.residents": 150, "simulation.months": 24,
                                     **rules})
    second = first.with_overrides({key: _another(key, first[key])})
    assert second[key] != first[key]
    for policy in ("indicatie", "voorziening", *POLICIES[-2:]):
        model = DoorstroomModel.together([first, second], policy, [5, 5]).run()
        for run, sc in zip(model.municipalities(), (first, second)):
            alone = DoorstroomModel(sc, policy=policy, seed=5, resident_agents=False).run()
            assert _same(_result(run), _result(alone)), (key, policy)


def test_per_municipality_holds_every_value_a_municipality_has_of_its_own():
    reference = load(NATIONAL, {"national.select": CODES})
    own = {key for m in reference.municipalities
           for key in municipality_values(reference, m)} - {"national.select", *TABLES}
    assert own <= PER_MUNICIPALITY and {"help_seeking.per_month", "population.residents",
                                        "population.group_shares"} <= own
