"""EMA Workbench: the model as an EMA model, and PRIM scenario discovery on a sweep."""

import pytest

pytest.importorskip("ema_workbench")

from simulation.commands import main  # noqa: E402
from simulation.ema import discover, ema_model, scenario_key  # noqa: E402
from simulation.declarations import uncertain_params  # noqa: E402
from simulation.sweep import run_sweep  # noqa: E402


@pytest.fixture(scope="module")
def sc(baseline):
    return baseline.with_overrides({"population.residents": 100, "simulation.months": 12,
                                    "voorziening.budget_rule": "fixed"})


def test_a_small_ema_experiment_runs_the_model(sc):
    from ema_workbench import SequentialEvaluator, perform_experiments

    model = ema_model(sc, replications=1)
    assert {scenario_key(u.name) for u in model.uncertainties} == {
        p.key for p in uncertain_params()}
    assert all(u.name.isidentifier() for u in [*model.uncertainties, *model.levers])
    with SequentialEvaluator(model) as evaluator:
        experiments, outcomes = perform_experiments(model, scenarios=3, policies=1,
                                                    evaluator=evaluator)
    assert len(experiments) == 3
    assert set(outcomes) == {"net_cost_eur", "jobs_sustained_12m", "participants_served"}
    assert all(len(v) == 3 for v in outcomes.values())


def test_prim_finds_the_budget_that_makes_open_access_dearer(sc, tmp_path):
    out = tmp_path / "sweep"
    run_sweep(sc, ["help_seeking.latent_share", "voorziening.budget_per_year_eur"],
              [[0.0, 0.33], [1e5, 9e5]], "lhs", 40, 1, ("indicatie", "voorziening"), out,
              progress=False)
    found = discover(out, "net_cost_eur")
    assert 0 < found["cases"] < found["samples"]
    assert "voorziening.budget_per_year_eur" in found["limits"]
    lo, _ = found["limits"]["voorziening.budget_per_year_eur"]
    assert lo > 1e5  # dearer only above some budget
    assert found["density"] > 0.6
    assert main(["discover", str(out), "--metric", "net_cost_eur"]) == 0
    assert (out / "discovery-net_cost_eur.png").exists()
