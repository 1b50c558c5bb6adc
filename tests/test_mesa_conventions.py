"""Mesa's tools drive the model: ``batch_run``, ``while model.running``, fresh seeds,
keyword parameters and the ``datacollector``, on Mesa 3.3 and 3.5 alike."""

import inspect

import mesa
import numpy as np
import pandas as pd
import pytest

from simulation.errors import InputError
from simulation.metrics import compute
from simulation.model import DoorstroomModel
from simulation.scenario import load

FACTORS = {"help_seeking__latent_share": [0.0, 0.3], "policy": ["indicatie", "voorziening"]}


def _batch_run(parameters, seeds, max_steps=80) -> pd.DataFrame:
    """``mesa.batch_run`` with these seeds (``None``: a fresh one) on either Mesa line:
    3.5 takes seeds as ``rng`` (its ``iterations`` is deprecated), 3.3 only ``iterations``
    (fresh seeds) or a ``seed`` parameter."""
    common = dict(number_processes=1, max_steps=max_steps, display_progress=False)
    if "rng" in inspect.signature(mesa.batch_run).parameters:
        rows = mesa.batch_run(DoorstroomModel, parameters, rng=seeds, **common)
    elif all(s is None for s in seeds):
        rows = mesa.batch_run(DoorstroomModel, parameters, iterations=len(seeds), **common)
    else:
        rows = mesa.batch_run(DoorstroomModel, {**parameters, "seed": seeds}, **common)
    return pd.DataFrame(rows)


def test_batch_run_draws_a_fresh_seed_per_iteration_and_stops_at_the_horizon():
    df = _batch_run(FACTORS, [None] * 3)
    assert len(df) == 2 * 2 * 3
    assert (df["month"] == 60).all()  # the baseline's horizon, though max_steps is 80
    assert df["seed"].nunique() == len(df)
    for _, runs in df.groupby(["help_seeking__latent_share", "policy"]):
        assert runs["cost_so_far_eur"].nunique() == 3  # iterations differ
    # every row can be rerun from the seed it records
    row = df.iloc[-1]
    again = DoorstroomModel(policy=row["policy"], seed=int(row["seed"]),
                            help_seeking__latent_share=row["help_seeking__latent_share"])
    again.run()
    last = again.datacollector.get_model_vars_dataframe().iloc[-1]
    assert last["cost_so_far_eur"] == row["cost_so_far_eur"]
    assert last["in_day_activity"] == row["in_day_activity"]


def test_batch_run_shows_each_parameter_acting_in_its_direction():
    df = _batch_run({**FACTORS, "simulation__months": 36}, [1, 2, 3])
    assert (df["month"] == 36).all()
    by = df.set_index(["policy", "help_seeking__latent_share", "seed"]).sort_index()
    # open access reaches more residents than assessment, in every run
    gap = by.loc["voorziening", "in_day_activity"] - by.loc["indicatie", "in_day_activity"]
    assert (gap > 0).all()
    # latent demand asks only where no assessment is needed: under voorziening it adds
    # residents who attend or wait for a place (same seeds: same residents and draws)
    open_access = by.loc["voorziening"]
    reached = open_access["in_day_activity"] + open_access["waiting"]
    assert reached.loc[0.3].sum() > reached.loc[0.0].sum()


def test_while_running_steps_to_the_horizon_and_no_further():
    model = DoorstroomModel(seed=4, simulation__months=6)
    steps = 0
    while model.running:
        model.step()
        steps += 1
    assert steps == 6 and model.month == 6
    before = model.timeseries()
    model.step()  # past the horizon: nothing happens
    assert model.month == 6 and not model.running
    pd.testing.assert_frame_equal(model.timeseries(), before)
    collected = model.datacollector.get_model_vars_dataframe()
    assert collected["month"].tolist() == [1, 2, 3, 4, 5, 6]
    assert (collected["seed"] == 4).all()
    end, metrics = collected.iloc[-1], compute(model)
    assert end["jobs_started_so_far"] == metrics["jobs_started"]
    assert end["cost_so_far_eur"] == pytest.approx(metrics["cost_total_eur"], abs=0.01)
    assert end["in_paid_work"] == before["in_paid_work"].iloc[-1]
    assert end["waiting"] == (before["waiting_assessment"] + before["waiting_placement"]).iloc[-1]


def test_no_arguments_runs_the_baseline_with_a_fresh_recorded_seed(baseline):
    a, b = DoorstroomModel(), DoorstroomModel()
    assert a.seed != b.seed
    assert a.spec.values == baseline.values and a.months == 60
    a.run(12)
    same = DoorstroomModel(baseline, seed=a.seed).run(12)
    pd.testing.assert_frame_equal(a.timeseries(), same.timeseries())
    # Mesa's own generators follow the seed too, on both Mesa lines
    assert DoorstroomModel(seed=3).rng.random() == DoorstroomModel(seed=3).rng.random()


def test_keyword_parameters_are_scenario_keys_with_double_underscores(baseline):
    model = DoorstroomModel(seed=1, indicatie__tariff_rule="fixed",
                            indicatie__tariff_per_dagdeel_eur=40.0, simulation__months=12)
    assert model.p["indicatie.tariff_per_dagdeel_eur"] == 40.0 and model.months == 12
    care = [pr.index for pr in model.providers if pr.kind == "care"]
    assert np.allclose(model.tariffs[care], 40.0)
    by_file = load("scenarios/baseline.toml", {"indicatie.tariff_rule": "fixed",
                                               "indicatie.tariff_per_dagdeel_eur": 40.0,
                                               "simulation.months": 12})
    pd.testing.assert_frame_equal(model.run().timeseries(),
                                  DoorstroomModel(by_file, seed=1).run().timeseries())
    # on top of a scenario given too, and as NumPy numbers (np.linspace, np.arange)
    small = DoorstroomModel(baseline, seed=1, population__residents=np.int64(50),
                            help_seeking__latent_share=np.linspace(0, 0.3, 2)[1])
    assert small.p["population.residents"] == 50 and small.population.n >= 50
    assert small.p["help_seeking.latent_share"] == 0.3


@pytest.mark.parametrize("keywords, words", [
    ({"indicatie__tarif_rule": "fixed"}, r"indicatie__tarif_rule.*not a parameter.*"
                                         r"did you mean 'indicatie__tariff_rule'"),
    ({"indicatie__tariff_rule": "fixd"}, r"indicatie__tariff_rule.*choose one of "
                                         r"'cost_price', 'fixed'"),
    ({"help_seeking__latent_share": 2.0}, r"help_seeking__latent_share.*allowed 0 to 0.9"),
    ({"simulation__seed": 3}, r"simulation__seed.*seed="),
    ({"indicatie__tariff_per_dagdeel_eur": 40.0}, r"applies only when "
                                                  r'indicatie.tariff_rule = "fixed"'),
])
def test_a_bad_keyword_parameter_is_refused_with_what_is_allowed(keywords, words):
    with pytest.raises(InputError, match=words):
        DoorstroomModel(**keywords)


def test_a_model_its_user_lets_go_is_freed_with_its_agents():
    # Mesa 3.3 kept every model that made agents alive until the process ended (Mesa issue
    # 3179): a notebook or the dashboard making a model per change of inputs grew without
    # bound. Ours count their ids without holding the model, on both Mesa lines.
    import gc
    import weakref

    model = DoorstroomModel(load("scenarios/baseline.toml", {"simulation.months": 2}),
                            policy="voorziening", seed=1)
    model.run()
    agents = list(model.agents)
    assert len(agents) > 400 and len({a.unique_id for a in agents}) == len(agents)
    assert min(a.unique_id for a in agents) == 1  # one count per model, as Mesa's
    gone, agent_gone = weakref.ref(model), weakref.ref(agents[0])
    del model, agents
    gc.collect()
    assert gone() is None and agent_gone() is None
