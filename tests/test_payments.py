"""Money follows the law: who pays the wage support, coaching and benefits of a resident
depends on the resident's benefit; work pays beside a benefit; rung 6 needs no support."""

import numpy as np
import pytest

from simulation.declarations import GROUPS
from simulation.experiment import run_replications
from simulation.model import DoorstroomModel
from simulation.municipal import Local
from simulation.payments import disregard, rates
from simulation.population import Benefit, Status

ALL_UWV = {"population.uwv_share_by_group": [1.0] * len(GROUPS),
           "population.bijstand_share_by_group": [0.0] * len(GROUPS)}
ALL_BIJSTAND = {"population.uwv_share_by_group": [0.0] * len(GROUPS),
                "population.bijstand_share_by_group": [1.0] * len(GROUPS)}


def test_uwv_clients_cost_the_municipality_no_wage_support_coaching_or_benefit(small):
    sc = small.with_overrides({**ALL_UWV, "population.share_in_paid_work_start": 0.3})
    model = DoorstroomModel(sc, policy="voorziening", seed=3, ledger_detail=True).run()
    e = model.ledger.entries_frame()
    assert e.loc[e["category"].isin(["wage_subsidy"]), "cents"].sum() == 0
    for category in ("job_coaching", "trial_placement", "benefits_paid", "benefits_saved"):
        rows = e[e["category"] == category]
        assert len(rows) and set(rows["payer"]) == {"uwv"}, category
    municipal = e[e["payer"].isin(["pw_benefits", "pw_reintegration"])]
    assert municipal["cents"].sum() == 0
    # day activities stay the Wmo's, whoever the resident
    assert set(e.loc[e["category"] == "day_activity", "payer"]) == {"wmo"}


def test_bijstand_clients_are_the_municipalitys_and_never_uwvs(small):
    sc = small.with_overrides({**ALL_BIJSTAND, "population.share_in_paid_work_start": 0.3})
    res = run_replications(sc, ("indicatie",), 3, seed=4).of("indicatie")
    assert (res["payer_uwv_eur"] == 0).all()
    assert (res["cost_wage_subsidy_eur"] > 0).all() and (res["payer_pw_benefits_eur"] > 0).all()


def test_earnings_beside_bijstand_are_disregarded_by_the_law(baseline):
    p = baseline.values
    earned = np.array([1000.0, 2000.0, 1000.0, 2000.0, 1000.0])
    lks = np.array([True, True, False, False, False])
    months = np.array([3, 30, 3, 3, 6])
    r = rates(Local([p], [1]), 0.0)
    kept = [disregard(e, bool(w), int(m), r, 0) for e, w, m in zip(earned, lks, months)]
    assert kept == pytest.approx([150.0, 170.18, 250.0, 269.0, 0.0])


def _monthly_wage(sc) -> float:
    """The minimum wage a month for the contract hours."""
    return sc["work.minimum_wage_per_hour_eur"] * sc["work.hours_per_week"] * 52 / 12


def _a_month_of_workers(small, benefits: dict):
    """One month of a population that all works on rung 5, every entry in the ledger."""
    sc = small.with_overrides({**benefits, "population.share_in_paid_work_start": 1.0,
                               "population.share_in_day_activity_start": 0.0,
                               "work.loonwaarde_without_support": 1.0,  # all on rung 5
                               "work.job_loss_per_month": 0.0, "simulation.months": 1})
    return sc, DoorstroomModel(sc, policy="indicatie", seed=1, ledger_detail=True).run()


def test_a_worker_with_wage_subsidy_keeps_part_of_the_bijstand(small):
    sc, model = _a_month_of_workers(small, ALL_BIJSTAND)
    e = model.ledger.entries_frame()
    working = model.population.id[model.rows_with(Status.PAID_WORK)].astype(np.int64)
    e = e[e["resident"].isin(working) & (e["month"] == 1)]  # not this month's entrants
    paid = e[e["category"] == "benefits_paid"]
    wage, benefit = _monthly_wage(sc), sc["benefits.bijstand_per_month_eur"]
    kept = min(0.15 * wage, 170.18)
    assert np.allclose(paid["cents"] / 100, max(0.0, benefit - (wage - kept)), atol=0.01)
    saved = e[e["category"] == "benefits_saved"]
    assert np.allclose(saved["cents"] / 100, 0.7 * (wage - kept), atol=0.01)


def test_a_uwv_benefit_falls_by_a_share_of_the_loonwaarde_wage(small):
    sc, model = _a_month_of_workers(small, ALL_UWV)
    pop = model.population
    rows = model.rows_with(Status.PAID_WORK)
    assert (pop.benefit[rows] == Benefit.UWV).all() and (pop.rung[rows] == 5).all()
    earned = _monthly_wage(sc) * pop.loonwaarde(rows, sc["development.loonwaarde_per_skill"])
    expected = np.maximum(0.0, sc["benefits.uwv_per_month_eur"] - 0.7 * earned)
    e = model.ledger.entries_frame()
    paid = e[(e["category"] == "benefits_paid") & (e["month"] == 1)].set_index("resident")
    got = paid.loc[pop.id[rows].astype(np.int64), "cents"].to_numpy() / 100
    assert np.allclose(got, expected, atol=0.01)


def test_coaching_is_charged_at_the_share_of_the_maximum_that_is_used(small):
    def coaching(share):
        sc = small.with_overrides({"jobcoach.use_of_maximum": share})
        return run_replications(sc, ("indicatie",), 2, seed=2).of("indicatie")[
            "cost_job_coaching_eur"]
    assert np.allclose(coaching(0.25) * 4, coaching(1.0), rtol=1e-3)


def test_rung_6_is_reached_when_coaching_ends_and_loonwaarde_allows(small):
    sc = small.with_overrides({"work.loonwaarde_without_support": 0.45,
                               "simulation.months": 48,
                               "population.share_in_paid_work_start": 0.3,
                               "work.job_loss_per_month": 0.01})
    model = DoorstroomModel(sc, policy="indicatie", seed=6, ledger_detail=True).run()
    pop = model.population
    six = np.flatnonzero(pop.rung[: pop.n] == 6)
    working = six[pop.status[six] == Status.PAID_WORK]
    assert working.size > 0
    assert (model.month - pop.job_start[working] >= 36).all()  # coaching is over
    lw = pop.loonwaarde(working, sc["development.loonwaarde_per_skill"])
    assert (lw >= 0.45).all()
    e = model.ledger.entries_frame()
    last = e[(e["month"] == model.month) & (e["category"].isin(["wage_subsidy",
                                                                "job_coaching"]))]
    assert not set(pop.id[working].astype(np.int64)) & set(last["resident"])


def test_new_jobs_are_counted_apart_from_those_held_at_the_start(small):
    sc = small.with_overrides({"population.share_in_paid_work_start": 0.4,
                               "simulation.months": 36})
    for policy in ("indicatie", "voorziening"):
        m = run_replications(sc, (policy,), 4, seed=9).of(policy)
        assert (m["jobs_held_at_start"] > 0).all()
        assert (m["jobs_sustained_12m"] <= m["jobs_started"]).all()
        assert (m["jobs_sustained_6m"] <= m["jobs_started"]).all()


def test_sums_by_municipality_add_up_as_numpy_does():
    """A compiled sum adds in NumPy's order (pairwise), so each municipality's attended
    dagdelen are to the bit what ``ndarray.sum`` gives for its values alone, at every
    size (one by one below 8, eight running sums up to 128, halves above)."""
    from simulation.payments import _sums_by, pairwise_sum

    draws = np.random.default_rng(5)
    for n in (0, 1, 7, 8, 9, 127, 128, 129, 135, 1000, 4099, 40_000):
        values = draws.integers(0, 11, n) * (46.0 / 12.0 * 0.87) + draws.random(n) * 1e-3
        assert pairwise_sum(values, 0, n) == values.sum(), n
    values = draws.random(30_000) * 1e4
    group = draws.integers(0, 40, values.size)
    out = np.empty(41)
    _sums_by(values, group, out)
    assert all(out[g] == values[group == g].sum() for g in range(41)) and out[40] == 0.0
