"""The Python API checks its arguments: a wrong kind is a TypeError and a wrong value a
ValueError, each naming the argument and what it accepts, before anything runs."""

import numpy as np
import pytest

import simulation as ds
from simulation.scenario import load


@pytest.fixture(scope="module")
def small():
    return load("baseline", {"population.residents": 60, "simulation.months": 3})


@pytest.mark.parametrize("call, kind, words", [
    (lambda sc: ds.compare(sc, replications=2.5), TypeError,
     "replications must be a positive whole number"),
    (lambda sc: ds.compare(sc, replications=True), TypeError, "replications must be"),
    (lambda sc: ds.compare(sc, replications=0), ValueError, "replications=0: choose 1 to 100,000"),
    (lambda sc: ds.compare(sc, replications=10**6), ValueError, "choose 1 to 100,000"),
    (lambda sc: ds.compare(sc, seed=-1), ValueError, "seed=-1: choose 0 <= seed < 2**63"),
    (lambda sc: ds.compare(sc, seed=2**64), ValueError, "choose 0 <= seed < 2**63"),
    (lambda sc: ds.compare(sc, seed=1.5), TypeError, "seed must be a whole number"),
    (lambda sc: ds.compare(sc, seed="7"), TypeError, "seed must be a whole number"),
    (lambda sc: ds.compare(sc, workers=0), ValueError, "workers=0: choose at least 1"),
    (lambda sc: ds.compare(sc, policies="indicatie"), TypeError, "policies must be a sequence"),
    (lambda sc: ds.compare(sc, policies=("indicatie", "indicatie")), ValueError,
     "each policy set at most once"),
    (lambda sc: ds.compare(sc, policies=("indicatie", "nothing")), ValueError,
     "'nothing' is neither a regime nor an alternative"),
    (lambda sc: ds.compare(sc, policies=()), ValueError, "name at least one policy set"),
    (lambda sc: ds.run(sc, ["voorziening"]), TypeError, "policy must be one policy set's name"),
    (lambda sc: ds.run({"population.residents": 60}), TypeError,
     "scenario must be a Scenario"),
    (lambda sc: ds.compare(42), TypeError, "scenario must be a Scenario"),
    (lambda sc: ds.compare("no_such_scenario_anywhere"), ValueError,
     "no_such_scenario_anywhere"),
])
def test_a_wrong_argument_names_itself_and_what_it_accepts(small, call, kind, words):
    with pytest.raises(kind) as caught:
        call(small)
    assert words in str(caught.value)
    assert "--" not in str(caught.value)  # the API's arguments, not the command's flags


def test_what_the_arguments_allow_runs(small):
    """Numpy integers count as whole numbers; a built-in's name stands for its scenario."""
    res = ds.compare(small, replications=np.int64(2), seed=np.uint32(5), workers=1,
                     progress=False)
    assert res.replications == 2 and res.seed == 5
    assert sorted(res.metrics["replication"].unique()) == [0, 1]
    by_name = ds.run("baseline", replications=1, progress=False)
    assert by_name.scenario.name == "baseline" and by_name.policies == ("indicatie",)
