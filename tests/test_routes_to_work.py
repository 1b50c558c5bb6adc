"""Routes to work: incentives act on both sides, the Participatiewet has its own road, and
hiring, providers and budgets shape who gets there."""

import numpy as np
import pytest

from simulation.declarations import BY_KEY
from simulation.experiment import compare, run_replications
from simulation.model import DoorstroomModel
from simulation.population import Benefit, Status
from simulation.scenario import load

#: Every incentive at "no effect": the strengths that are not measured start at 0.
NO_EFFECT = {"indicatie.revenue_aversion": 0.0, "indicatie.fear_of_losing_decision": 0.0,
             "voorziening.productive_retention": 0.0, "voorziening.light_case_preference": 0.0,
             "providers.mixed_group_effect": 0.0}


def _difference(sc, metric, pair=("indicatie", "voorziening"), reps=16):
    """The paired difference (second - first) of a metric: mean and 95% interval."""
    row = compare(sc, replications=reps, seed=11, policies=pair).comparison().set_index(
        "metric").loc[metric]
    return row.difference, row.ci95_low, row.ci95_high


def test_with_every_incentive_at_no_effect_the_jobs_difference_disappears(baseline):
    at_defaults = _difference(baseline, "jobs_started")
    none = _difference(baseline.with_overrides(NO_EFFECT), "jobs_started")
    assert at_defaults[1] > 0  # the incentives make it at the defaults
    assert none[1] < 0 < none[2] and abs(none[0]) < at_defaults[0] / 4


@pytest.mark.parametrize("key, sign", [("indicatie.revenue_aversion", +1),
                                       ("indicatie.fear_of_losing_decision", +1),
                                       ("voorziening.productive_retention", -1)])
def test_each_regime_has_an_incentive_that_moves_jobs_its_way(baseline, key, sign):
    """Raising an incentive that holds back one regime moves the jobs difference (open
    access less assessment) towards the other regime."""
    low = _difference(baseline.with_overrides({**NO_EFFECT, key: 0.0}), "jobs_started")[0]
    high = _difference(baseline.with_overrides({**NO_EFFECT, key: 0.8}), "jobs_started")[0]
    assert sign * (high - low) > 2


def test_fear_of_losing_income_holds_back_both_regimes(small):
    for policy in ("indicatie", "voorziening"):
        runs = [run_replications(small.with_overrides({"work.fear_of_losing_income": f}),
                                 (policy,), 6, seed=3).of(policy)["trials_started"].sum()
                for f in (0.0, 0.8)]
        assert runs[1] < 0.5 * runs[0], policy


def _without_day_activities(baseline):
    return baseline.with_overrides({"population.share_in_day_activity_start": 0.0,
                                    "providers.capacity_scale": 0.0,
                                    "population.share_in_paid_work_start": 0.0})


def test_without_day_activities_bijstand_clients_still_reach_paid_work(baseline):
    """evidence §12 (suggested defaults): 0.5-8% a year move on to paid work; the klantmanager's
    road (activation, trial placements) gets there without any day activities."""
    sc = _without_day_activities(baseline)
    started, client_years = 0, 0.0
    for seed in range(6):
        model = DoorstroomModel(sc, policy="indicatie", seed=seed).run()
        pop = model.population
        bijstand = pop.benefit[:pop.n] == Benefit.BIJSTAND
        started += int((bijstand & (pop.job_start[:pop.n] >= 1)).sum())
        client_years += model.timeseries()["residents"].mean() * bijstand.mean() * 5
        assert model.stats["jobs_from_day_activities"] == 0
    assert 0.5 <= 100 * started / client_years <= 8.0


def test_the_reintegration_budget_binds_with_separate_pots_and_not_in_one(small):
    tight = small.with_overrides({"participatiewet.reintegration_budget_per_year_eur": 5000.0})
    walls = run_replications(tight, ("indicatie",), 4, seed=5).of("indicatie")
    one_pot = run_replications(tight.with_overrides({"policy.variants": ["ontschot"]}),
                               ("indicatie",), 4, seed=5).of("indicatie")
    roomy = run_replications(small, ("indicatie",), 4, seed=5).of("indicatie")
    assert (walls["referrals_held_for_budget"] > 0).all()
    assert (one_pot["referrals_held_for_budget"] == 0).all()
    assert walls["trials_started"].sum() < roomy["trials_started"].sum()
    # Coaching already promised runs on; only new routes and trials wait.
    assert walls["payer_pw_reintegration_eur"].sum() < roomy["payer_pw_reintegration_eur"].sum()
    assert walls["activations_started"].sum() < roomy["activations_started"].sum()


def test_employers_prefer_a_more_productive_candidate(baseline):
    """With hiring in proportion to loonwaarde, those hired have a higher loonwaarde."""
    def hired_loonwaarde(effect):
        sc = baseline.with_overrides({"work.hire_loonwaarde_effect": effect})
        values = []
        for seed in range(4):
            model = DoorstroomModel(sc, policy="voorziening", seed=seed).run()
            pop = model.population
            rows = np.flatnonzero(pop.job_start[:pop.n] >= 1)
            values.append(pop.loonwaarde(rows, model.p["development.loonwaarde_per_skill"]))
        return np.concatenate(values).mean()
    assert hired_loonwaarde(3.0) > hired_loonwaarde(0.0) + 0.01


def test_mixing_target_groups_acts_under_open_access_either_way(baseline):
    """Open access lets groups mix at any provider (indicatie names one made for the
    group); the effect's plausible range runs both ways, and 0 is no effect."""
    def moves_up(policy, effect):
        sc = baseline.with_overrides({"providers.mixed_group_effect": effect})
        return run_replications(sc, (policy,), 6, seed=9).of(policy)["ladder_moves_up"].mean()
    low, high = BY_KEY["providers.mixed_group_effect"].plausible
    assert low < 0 < high
    open_access = [moves_up("voorziening", e) for e in (-0.5, 0.0, 0.5)]
    assert open_access[0] < open_access[1] < open_access[2]
    by_fit = [moves_up("indicatie", e) for e in (-0.5, 0.5)]
    assert by_fit[1] - by_fit[0] < open_access[2] - open_access[0]


def test_a_social_enterprise_place_costs_less_and_brings_more_employers(baseline):
    model = DoorstroomModel(baseline, policy="indicatie", seed=1)
    by_kind = {}
    for provider in model.providers:
        by_kind.setdefault(provider.kind, []).append(provider.market_partners.size
                                                     / max(provider.places_per_dagdeel, 1))
    assert np.mean(by_kind["social_enterprise"]) > np.mean(by_kind["care"])
    tariffs = dict(zip((pr.kind for pr in model.providers), model.tariffs))
    assert tariffs["social_enterprise"] < tariffs["care"]


def test_ontschot_lets_bijstand_clients_work_at_a_social_enterprise_without_a_decision():
    """Landerd: activation routes held at Carrousel Groen, with no Wmo decision; with
    separate pots they are held elsewhere. (The place's experiments as a whole are the
    claims in tests/scenarios/test_seeds.py.)"""
    sc = load("scenarios/landerd.toml").with_overrides({"simulation.months": 48})
    model = DoorstroomModel(sc, policy="van_zorg_naar_werk", seed=2).run()
    pop = model.population
    there = (pop.status[:pop.n] == Status.ACTIVATION) & (pop.provider[:pop.n] == 0)
    assert model.providers[0].name == "Carrousel Groen"
    assert there.sum() > 0 and not pop.has_decision[:pop.n][there].any()
    indicatie = DoorstroomModel(sc, policy="indicatie", seed=2).run().population
    assert not ((indicatie.status == Status.ACTIVATION) & (indicatie.provider >= 0)).any()
