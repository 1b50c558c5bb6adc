"""Resident state arrays: start mix from the parameters, stable ids, growth."""

import numpy as np
import pytest

from simulation import population
from simulation.population import (ENTRANT_ID_BASE, NEVER, Benefit, Population, Status,
                                   entrant_ids)

from .conftest import make


def test_start_mix_follows_the_declared_shares():
    sc = make({"population.residents": 40_000})
    pop = Population(40_000)
    pop.add(np.arange(40_000, dtype=np.uint64), 0, 1, sc.values, initial=True)
    st = pop.view("status")
    p = sc.values
    in_da = (st == Status.DAY_ACTIVITY).mean()
    assert abs(in_da - p["population.share_in_day_activity_start"]) < 0.01
    assert abs((st == Status.PAID_WORK).mean() - p["population.share_in_paid_work_start"]) < 0.01
    groups = np.bincount(pop.view("group"), minlength=6) / 40_000
    benefit, group = pop.view("benefit"), pop.view("group")
    for g, (bijstand, uwv) in enumerate(zip(p["population.bijstand_share_by_group"],
                                            p["population.uwv_share_by_group"])):
        mine = group == g  # the benefit follows the target group
        assert abs((benefit[mine] == Benefit.BIJSTAND).mean() - bijstand) < 0.025, g
        assert abs((benefit[mine] == Benefit.UWV).mean() - uwv) < 0.025, g
    assert abs(pop.view("latent").mean() - p["help_seeking.latent_share"]) < 0.01
    assert np.allclose(groups, p["population.group_shares"], atol=0.01)
    ages = pop.view("age_months") / 12
    assert ages.min() >= 18 and ages.max() < 67
    assert abs(pop.view("motivation").mean() - 1.0) < 0.01
    da = st == Status.DAY_ACTIVITY
    assert set(np.unique(pop.view("rung")[da])) <= {3, 4}
    assert (pop.view("rung")[st == Status.PAID_WORK] == 5).all()
    assert (pop.view("decision_end")[da] >= 1).all()
    assert (pop.view("decision_end")[~da] == NEVER).all()


def test_entrants_start_young_without_support_and_grow_the_arrays():
    sc = make()
    pop = Population(2)
    ids = entrant_ids(5, 10)
    assert ids[0] == ENTRANT_ID_BASE + 5 * (1 << 20)
    rows = pop.add(ids, 5, 1, sc.values, initial=False)
    assert pop.capacity >= 10 and list(rows) == list(range(10))
    assert (pop.view("status") == Status.NONE).all()
    assert (pop.view("age_months") < (sc["population.entrant_max_age"] + 1) * 12).all()
    assert (pop.view("entered") == 5).all()


def test_loonwaarde_grows_with_skills_and_is_capped():
    pop = Population(2)
    pop.add(np.arange(2, dtype=np.uint64), 0, 1, make().values, initial=True)
    pop.skills[:2] = [0.0, 1.0]
    pop.loonwaarde_base[:2] = [0.3, 0.9]
    assert np.allclose(pop.loonwaarde([0, 1], 0.35), [0.3, 1.0])


def test_a_compiled_pass_collects_every_row_it_chooses_in_order_past_its_first_blocks():
    # the passes collect rows block by block (population.with_room): with all asking, the
    # list grows many times and must still hold every row once, in row order
    from simulation import rng
    from simulation.phases import _asking
    from simulation.population import BLOCK

    n = 5 * BLOCK + 123
    status = np.full(n, int(Status.NONE), dtype=np.int8)
    status[::7] = int(Status.DAY_ACTIVITY)
    latent = np.zeros(n, dtype=bool)
    latent[::5] = True
    keys = rng.by_seed(rng.key_table(np.array([3]), "help_seeking"), 4)
    args = (status, np.zeros(n, dtype=np.int16), latent, np.arange(n, dtype=np.uint64),
            np.zeros(n, dtype=np.int16), 4)
    every = _asking(*args, True, np.array([1.0]), keys)
    assert every.tolist() == np.flatnonzero(status == int(Status.NONE)).tolist()
    eligible = (status == int(Status.NONE)) & ~latent
    not_latent = _asking(*args, False, np.array([1.0]), keys)
    assert not_latent.tolist() == np.flatnonzero(eligible).tolist()
    half = _asking(*args, False, np.array([0.5]), keys)
    draws = rng.uniform(3, "help_seeking", 4, np.arange(n, dtype=np.uint64))
    assert half.tolist() == np.flatnonzero(eligible & (draws < 0.5)).tolist()


@pytest.mark.parametrize("updated_from", [population.KEEP_UPDATED_FROM, 0])
def test_rows_by_status_stay_right_as_statuses_change(monkeypatch, updated_from):
    """The rows kept by status (``rows_with``) are those with the status now, after any
    change of status and any newcomers: a change drops the lists of the statuses it leaves
    and enters, or (in a large population) brings them up to date."""
    monkeypatch.setattr(population, "KEEP_UPDATED_FROM", updated_from)
    pop = Population(500)
    values = make({}).values
    pop.add(np.arange(500, dtype=np.uint64), 0, 1, values, initial=True)
    pop.stage(entrant_ids(1, 400), 1, values)  # admitted month by month below
    draws = np.random.default_rng(4)
    for month in range(40):
        for status in Status:  # ask for every list, so that stale ones would be kept
            pop.rows_with(status)
        if month % 4 == 1:
            pop.admit(10, month)
        rows = draws.choice(pop.n, int(0.05 * pop.n))  # in any order, some twice
        pop.set_status(rows, Status(int(draws.integers(len(Status)))), month)
        for status in Status:
            assert np.array_equal(pop.rows_with(status),
                                  np.flatnonzero(pop.status[: pop.n] == status)), status
        assert (pop.status_since[rows] == month).all()
