"""Regimes and variants: each mechanism moves results in the expected direction."""

import numpy as np

from simulation import funding
from simulation.experiment import run_replications
from simulation.model import DoorstroomModel
from simulation.policies import Policy

REPS = 6


def _metrics(sc, policy, **over):
    res = run_replications(sc.with_overrides(over) if over else sc, (policy,), REPS, seed=77)
    return res.of(policy)


def test_regimes_answer_the_policy_questions(small):
    p = small.values
    ind, vrz = Policy("indicatie", p=p), Policy("voorziening", p=p)
    assert not ind.reaches_latent_demand() and vrz.reaches_latent_demand()
    assert ind.fear() == p["indicatie.fear_of_losing_decision"] and vrz.fear() == 0.0
    assert Policy("indicatie", ["safety_net"], p).fear() == 0.0
    assert Policy("indicatie", ["safety_net", "outcome_bonus"]).name == \
        "indicatie+safety_net+outcome_bonus"


def test_more_consultants_never_lengthen_the_wait(small):
    few = _metrics(small, "indicatie", **{"indicatie.assessments_per_month": 2})
    many = _metrics(small, "indicatie", **{"indicatie.assessments_per_month": 12})
    assert few["mean_assessment_wait_months"].mean() > many["mean_assessment_wait_months"].mean()
    assert (many["mean_assessment_queue"] <= few["mean_assessment_queue"]).all()


def test_no_vacancies_means_no_jobs(small):
    for policy in ("indicatie", "voorziening"):
        m = _metrics(small, policy, **{"employers.vacancies_per_month": 0.0})
        assert (m["jobs_started"] == 0).all()
        assert (m["cost_wage_subsidy_eur"] > 0).all()  # those already working keep subsidy


def test_a_higher_tariff_raises_day_activity_cost_in_proportion(small):
    fixed = {"indicatie.tariff_rule": "fixed"}
    base = _metrics(small, "indicatie", **fixed)
    high = _metrics(small, "indicatie", **fixed, **{"indicatie.tariff_per_dagdeel_eur": 60.0})
    ratio = high["cost_day_activity_eur"] / base["cost_day_activity_eur"]
    assert np.allclose(ratio, 60.0 / 46.15, rtol=1e-4)  # nobody behaves differently
    assert (high["jobs_started"] == base["jobs_started"]).all()


def test_voorziening_budget_is_paid_whatever_the_attendance(small):
    m = _metrics(small, "voorziening")
    months = small["simulation.months"]
    budget = funding.cost_price_budget(small.values, small.organisations)  # the default rule
    assert np.allclose(m["cost_day_activity_eur"], budget * months / 12, atol=0.05)
    assert (m["cost_assessment_eur"] == 0).all() and (m["mean_assessment_queue"] == 0).all()


def test_a_bigger_budget_lifts_guidance_under_crowding(small):
    fixed = {"voorziening.budget_rule": "fixed"}
    lean = _metrics(small, "voorziening", **fixed,
                    **{"voorziening.budget_per_year_eur": 150_000.0})
    rich = _metrics(small, "voorziening", **fixed,
                    **{"voorziening.budget_per_year_eur": 600_000.0})
    assert (rich["mean_guidance"] >= lean["mean_guidance"]).all()
    assert lean["mean_guidance"].mean() < 0.95


def test_open_access_draws_more_help_seeking(small):
    none = _metrics(small, "voorziening", **{"help_seeking.latent_share": 0.0})
    half = _metrics(small, "voorziening", **{"help_seeking.latent_share": 0.33})
    assert half["participants_served"].mean() > none["participants_served"].mean()


def test_revenue_aversion_holds_back_referrals_under_indicatie(small):
    averse = _metrics(small, "indicatie", **{"indicatie.revenue_aversion": 1.0})
    neutral = _metrics(small, "indicatie", **{"indicatie.revenue_aversion": 0.0})
    assert (averse["jobs_from_day_activities"] == 0).all()  # no provider refers anyone
    assert neutral["jobs_from_day_activities"].sum() > 0
    # the klantmanager's road does not depend on what providers earn
    assert (averse["jobs_started"] > 0).any() and (averse["activations_started"] > 0).all()


def test_safety_net_removes_fear_and_skips_the_new_assessment(small):
    plain = _metrics(small, "indicatie")
    net = _metrics(small, "indicatie", **{"policy.variants": ["safety_net"]})
    assert net["trials_started"].sum() > plain["trials_started"].sum()
    # a job loss under the safety net goes straight to the placement list
    sc = small.with_overrides({"policy.variants": ["safety_net"]})
    model = DoorstroomModel(sc, policy="indicatie", seed=3)
    pop = model.population
    working = model.rows_with(5)[:2]
    assert working.size == 2  # the start population has residents in work
    arrivals = model.stats["queue_arrivals"]
    model.policy.on_job_loss(model, working, 1)
    assert (pop.status[working] == 2).all() and pop.has_decision[working].all()
    assert model.stats["queue_arrivals"] == arrivals


def test_outcome_bonus_is_paid_per_job_sustained_six_months(small):
    sc = small.with_overrides({"policy.variants": ["outcome_bonus"], "simulation.months": 36})
    m = _metrics(sc, "indicatie")
    bonus = small["providers.outcome_bonus_eur"]
    assert (m["cost_outcome_bonus_eur"] % bonus == 0).all()
    assert (m["cost_outcome_bonus_eur"] <= m["jobs_sustained_6m"] * bonus).all()
    assert m["cost_outcome_bonus_eur"].sum() > 0
    plain = _metrics(sc.with_overrides({"policy.variants": []}), "indicatie")
    assert m["trials_started"].sum() > plain["trials_started"].sum()
