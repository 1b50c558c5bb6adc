"""The model: conservation, common random numbers, Mesa handles, analytic checks."""

import numpy as np
import pytest

from simulation.agents import Employer, Provider, Resident
from simulation.model import DoorstroomModel
from simulation.population import NEVER, Status

from .conftest import make


def _step_through(model):
    """Yield the model after each month."""
    while model.month < model.months:
        model.step()
        yield model


@pytest.mark.parametrize("policy", ["indicatie", "voorziening"])
def test_every_resident_in_one_status_and_residents_conserved(small, policy):
    model = DoorstroomModel(small, policy=policy, seed=3)
    n0 = model.population.n
    for m in _step_through(model):
        pop = m.population
        st = pop.status[: pop.n]
        assert set(np.unique(st)) <= {int(s) for s in Status}
        counts = np.bincount(st, minlength=len(Status))
        assert counts.sum() == pop.n  # one status each, nobody lost
        assert n0 + m.stats["entries"] == m.stats["exits"] + (st != Status.EXITED).sum()
        assert (pop.provider[: pop.n][st == Status.DAY_ACTIVITY] >= 0).all()
        assert (pop.provider[: pop.n][st == Status.EXITED] == -1).all()
        assert (pop.rung[: pop.n] >= 1).all() and (pop.rung[: pop.n] <= 6).all()
        queued = pop.queue_since[: pop.n] != NEVER
        re = pop.reassessment[: pop.n]
        assert np.array_equal(queued & ~re, st == Status.WAITING_ASSESSMENT)
        assert (st[queued & re] == Status.DAY_ACTIVITY).all()  # re-assessed while attending
        for e in m.employers:
            assert e.trials >= 0 and e.open_vacancies >= 0 and e.target_group_employees >= 0
        trials = np.bincount(pop.employer[: pop.n][st == Status.TRIAL_PLACEMENT],
                             minlength=len(m.employers))
        assert [e.trials for e in m.employers] == trials.tolist()


@pytest.mark.parametrize("policy", ["indicatie", "voorziening"])
def test_ledger_identities_to_the_cent(small, policy):
    from simulation.declarations import CATEGORIES, COST_CATEGORIES, PAYER_NAMES as PAYERS
    from simulation.metrics import compute

    model = DoorstroomModel(small, policy=policy, seed=5, ledger_detail=True).run()
    entries = model.ledger.entries_frame()
    led = model.ledger
    by_cat = entries.groupby("category")["cents"].sum()
    for c in CATEGORIES:
        assert by_cat.get(c, 0) == led.category_cents(c)
    cost = entries[entries["category"].isin(COST_CATEGORIES)]
    by_payer = cost.groupby("payer")["cents"].sum()
    assert by_payer.sum() == sum(led.category_cents(c) for c in COST_CATEGORIES)
    assert sum(led.payer_cents(p) for p in PAYERS) == by_payer.sum()
    m = compute(model)
    total = round(m["cost_total_eur"] * 100)
    assert sum(round(m[f"cost_{c}_eur"] * 100) for c in COST_CATEGORIES) == total
    assert sum(round(m[f"payer_{p}_eur"] * 100) for p in PAYERS) == total
    assert round(m["net_cost_eur"] * 100) == total - round(m["benefits_saved_eur"] * 100)
    ts = model.timeseries()
    assert round(ts["cost_total_eur"].sum() * 100) == total
    assert (entries["cents"] >= 0).all()


def test_residents_entries_and_exits_do_not_depend_on_regime(small):
    a = DoorstroomModel(small, policy="indicatie", seed=11).run()
    b = DoorstroomModel(small, policy="voorziening", seed=11).run()
    assert a.population.n == b.population.n
    assert np.array_equal(a.population.id[: a.population.n], b.population.id[: b.population.n])
    assert np.array_equal(a.population.exited[: a.population.n],
                          b.population.exited[: b.population.n])
    assert np.array_equal(a.timeseries()["residents"], b.timeseries()["residents"])
    for name in ("group", "age_months", "benefit", "dagdelen", "loonwaarde_base", "stability"):
        assert np.array_equal(getattr(a.population, name)[: a.population.n],
                              getattr(b.population, name)[: b.population.n]), name


def test_a_residents_draws_are_the_same_under_both_regimes(small):
    a = DoorstroomModel(small, policy="indicatie", seed=2)
    b = DoorstroomModel(small, policy="voorziening", seed=2)
    rows = np.arange(a.population.n)
    for month in (1, 7, 20):
        a.month = b.month = month
        for decision in ("help_seeking", "ladder", "job_loss", "referral"):
            assert np.array_equal(a.draw(decision, rows), b.draw(decision, rows))


def test_adding_one_resident_changes_nobody_elses_draws_or_start(small):
    n = small["population.residents"]
    a = DoorstroomModel(small, seed=9)
    b = DoorstroomModel(small.with_overrides({"population.residents": n + 1}), seed=9)
    rows = np.arange(n)
    for name in ("id", "group", "age_months", "rung", "status", "skills", "motivation",
                 "dagdelen", "benefit", "decision_end"):
        assert np.array_equal(getattr(a.population, name)[:n], getattr(b.population, name)[:n])
    a.month = b.month = 4
    assert np.array_equal(a.draw("ladder", rows), b.draw("ladder", rows))
    assert b.population.n == n + 1


def test_results_do_not_depend_on_row_order_of_draws(small):
    """Same seed twice: identical time series, to the byte."""
    a = DoorstroomModel(small, seed=4).run().timeseries()
    b = DoorstroomModel(small, seed=4).run().timeseries()
    assert a.to_csv() == b.to_csv()
    c = DoorstroomModel(small, seed=5).run().timeseries()
    assert a.to_csv() != c.to_csv()


def test_mesa_agents_are_handles_on_the_arrays(small):
    model = DoorstroomModel(small, seed=1)
    residents = model.agents_by_type[Resident]
    assert len(residents) == model.population.n
    assert len(model.agents_by_type[Provider]) == len(small.organisations)
    employers = model.agents_by_type[Employer]
    market = [e for e in employers if e.internal_of is None]
    assert len(market) == small["employers.count"]
    assert len(employers) - len(market) == len(small.organisations)  # providers' own business
    model.run(12)
    r = model.resident(0)
    assert r.rung == int(model.population.rung[0])
    assert r.status == Status(int(model.population.status[0])).name.lower()
    present = (model.population.status[: model.population.n] != Status.EXITED).sum()
    assert len(model.agents_by_type[Resident]) == present  # exits removed, entrants added
    handles = model.agents_by_type[Resident]
    in_work = sum(1 for a in handles if a.status == "paid_work")
    assert in_work == np.count_nonzero(model.population.status[: model.population.n]
                                       == Status.PAID_WORK)
    big = DoorstroomModel(small, seed=1, resident_agents=False)
    assert Resident not in big.agents_by_type or len(big.agents_by_type[Resident]) == 0
    assert big.resident(3).resident_id == 3  # made on demand


def test_plan_lists_the_phases_in_process_order():
    names = [name for name, _ in DoorstroomModel.plan()]
    assert names == ["population_flow", "help_seeking", "access", "day_activities",
                     "work_pathway", "money", "observe"]


def test_littles_law_on_the_assessment_queue():
    """Mean queue = arrival rate x mean wait; and the exact month-count identity."""
    sc = make({"population.residents": 2000, "simulation.months": 240,
               "indicatie.assessments_per_month": 24, "providers.capacity_scale": 6.0,
               "employers.count": 100})
    model = DoorstroomModel(sc, policy="indicatie", seed=21).run()
    ts = model.timeseries()
    s = model.stats
    pop = model.population
    queued = pop.queue_since[: pop.n] != NEVER
    still = (model.month - pop.queue_since[: pop.n][queued] + 1).sum()
    assert ts["assessment_queue"].sum() == s["queue_wait_sum"] + still  # exact
    lam = s["queue_arrivals"] / model.month
    w = s["queue_wait_sum"] / s["queue_departures"]
    big_l = ts["assessment_queue"].mean()
    assert big_l > 5  # a real queue
    assert abs(big_l - lam * w) / big_l < 0.03


def test_ladder_occupancy_follows_the_markov_chain():
    """With feedbacks, flows and capacities off, rungs follow P^t of the transition matrix."""
    p_up = [0.05, 0.03, 0.02]
    relapse = 0.01
    sc = make({"population.residents": 20_000, "simulation.months": 24,
               "population.entries_per_year": 0.0, "population.move_away_per_year": 0.0,
               "population.wlz_per_year": 0.0, "population.share_in_day_activity_start": 0.0,
               "population.share_in_paid_work_start": 0.0, "help_seeking.per_month": 0.0,
               "development.unsupported_factor": 1.0, "development.motivation_sd": 0.0,
               "development.relapse_instability_effect": 0.0, "development.up_per_month": p_up,
               "development.relapse_per_month": relapse, "employers.count": 0})
    model = DoorstroomModel(sc, seed=8, resident_agents=False)
    start = model.population.rung[: model.population.n].copy()
    P = np.zeros((4, 4))
    for r in range(4):
        up = p_up[r] if r < 3 else 0.0
        down = relapse if r > 0 else 0.0
        if r < 3:
            P[r, r + 1] = up
        if r > 0:
            P[r, r - 1] = down
        P[r, r] = 1 - up - down
    for t in (6, 12, 24):
        model.run(t - model.month)
        pop = model.population
        alive = pop.status[: pop.n] != Status.EXITED  # only ageing out, unrelated to rung
        s0, now = start[alive] - 1, pop.rung[: pop.n][alive] - 1
        Pt = np.linalg.matrix_power(P, t)
        probs = Pt[s0]  # each resident's distribution at t given its start
        expected = probs.sum(axis=0)
        sd = np.sqrt((probs * (1 - probs)).sum(axis=0))
        observed = np.bincount(now, minlength=4)
        assert np.all(np.abs(observed - expected) <= 4.5 * sd + 1), (t, observed, expected)


def test_zero_employers_and_zero_residents_edge_cases():
    sc = make({"employers.count": 0, "population.residents": 50, "simulation.months": 12})
    model = DoorstroomModel(sc, seed=1).run()
    assert model.stats["jobs_started"] == 0
    one = make({"population.residents": 1, "simulation.months": 6})
    m = DoorstroomModel(one, seed=1).run()
    assert len(m.timeseries()) == 6


def test_re_assessments_come_steadily_from_the_start(baseline):
    """Initial decisions end over a whole cycle (term + processing time), so no month
    after the first cycle is short of re-assessments (no gap at month 25-26)."""
    from simulation.experiment import run

    ts = run(baseline, "indicatie", replications=8, seed=3).timeseries
    queue = ts.groupby("month")["assessment_queue"].mean()
    cycle = baseline["indicatie.term_months"] + baseline["indicatie.min_processing_months"]
    around = queue.loc[cycle - 6:cycle + 6]
    assert queue.loc[cycle - 1:cycle + 1].min() > 0.8 * around.mean()
