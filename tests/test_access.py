"""The assessment queue is first come, first served; placement respects places."""

import numpy as np

from simulation import access
from simulation.model import DoorstroomModel
from simulation.population import NEVER, Status

from .conftest import make


def _model(**over):
    sc = make({"population.residents": 300, "population.share_in_day_activity_start": 0.0,
               "population.share_in_paid_work_start": 0.0, **over})
    return DoorstroomModel(sc, policy="indicatie", seed=1)


def test_queue_serves_longest_waiting_first_up_to_capacity():
    m = _model()
    rows = np.arange(10)
    for k, row in enumerate(rows):
        access.join_queue(m, np.array([row]), month=k % 5, reassessment=False)
    served, reassessed = access.serve_queue(m, month=6, capacity=np.array([4]),
                                           min_wait=np.array([2]))
    assert not reassessed.any()
    since = np.array([k % 5 for k in range(10)])
    assert len(served) == 4
    assert sorted(since[served]) == [0, 0, 1, 1]  # the four who waited longest
    assert (m.population.queue_since[served] == NEVER).all()
    assert m.stats["assessment_wait_sum"] == 6 + 6 + 5 + 5
    # joined <= month 3 only
    late, _ = access.serve_queue(m, month=6, capacity=np.array([100]), min_wait=np.array([3]))
    assert sorted(since[late]) == [2, 2, 3, 3]


def test_placement_fills_places_without_overbooking():
    m = _model(**{"providers.capacity_scale": 0.2})
    pop = m.population
    rows = np.arange(100)
    pop.placement_since[rows] = 0
    pop.set_status(rows, Status.WAITING_PLACEMENT, 0)
    free = access.free_slots(m)
    placed = access.place(m, 1)
    used = np.bincount(pop.provider[placed], weights=pop.dagdelen[placed],
                       minlength=len(m.providers))
    assert (used <= free + 1e-9).all()
    assert 0 < placed.size < 100
    assert (pop.status[placed] == Status.DAY_ACTIVITY).all()
    assert pop.ever_served[placed].all()
    waiting = np.setdiff1d(rows, placed)
    assert (pop.status[waiting] == Status.WAITING_PLACEMENT).all()


def test_preference_ranking_is_a_fixed_permutation_per_resident():
    m = _model()
    rows = np.arange(50)
    a = access.preference_ranking(m, rows)
    b = access.preference_ranking(m, rows[::-1])[::-1]
    assert np.array_equal(a, b)
    assert all(sorted(r) == list(range(len(m.providers))) for r in a)


def test_a_ranking_kept_while_waiting_is_the_one_made_afresh():
    """Placement keeps each waiting resident's ranking and tiebreak from month to month:
    whichever rows were kept, and whether or not providers made for the group come first,
    they are what ``preference_ranking`` and ``tiebreak`` make."""
    m = _model()
    rows = np.arange(0, 300, 3)
    last = None
    for kept, by_fit in ((rows[::2], False), (rows[1::4], False), (rows, True),
                         (rows[::5], True), (rows, False)):
        ranking, tie, _ = access._carried_over(m, kept, by_fit, last)
        last = access.Waiting(kept, np.arange(kept.size)[::-1], ranking, tie, by_fit)
        ranking, tie, in_last_order = access._carried_over(m, rows, by_fit, last)
        assert np.array_equal(ranking, access.preference_ranking(m, rows, by_fit)), by_fit
        assert np.array_equal(tie, access.tiebreak(m, rows))
        # where last time's rows are now, in last time's order
        assert np.array_equal(rows[in_last_order], kept[::-1])
    assert not np.array_equal(access.preference_ranking(m, rows, True),
                              access.preference_ranking(m, rows, False))


def test_the_waiting_order_kept_from_month_to_month_is_lexsorts():
    gen = np.random.default_rng(3)
    size = 5_000
    tiebreaks = np.floor(gen.random(size) * 2**53) / 2**53
    tiebreaks[[10, 11, 12]] = tiebreaks[13]  # equal draws: lexsort keeps row order
    since = gen.integers(-30, 60, size).astype(np.float64)
    last_rows = last_order = None
    waiting = np.zeros(size, dtype=bool)
    for month in range(12):
        waiting[gen.random(size) < 0.1] = False  # placed or gone
        waiting[gen.random(size) < 0.08] = True  # newcomers
        back = gen.random(size) < 0.01  # some leave and come back with another wait
        since[back] = gen.integers(-30, 60, back.sum())
        since[[10, 11, 12, 13]] = 7.0
        waiting[13] = True  # waits on while its equals come and go
        waiting[[10, 11, 12]] = month % 3 == 1
        rows = np.flatnonzero(waiting)
        ahead = np.rint(gen.random(rows.size) * 12) if month == 5 else 0.0
        keys = since[rows] - ahead
        if month == 8:
            keys = keys + 0.5  # not whole months: lexsort itself
        if month == 9:
            keys[0] = 600.0  # beyond what the packed key holds
        expected = np.lexsort((tiebreaks[rows], keys))
        in_last_order = np.zeros(0, dtype=np.int64)
        if last_rows is not None:  # where last month's rows are now, in last month's order
            at = np.searchsorted(rows, last_rows[last_order])
            found = (at < rows.size) & (rows[np.minimum(at, rows.size - 1)]
                                        == last_rows[last_order])
            in_last_order = at[found]
        order = access._waiting_order(keys, tiebreaks[rows], in_last_order)
        assert np.array_equal(order, expected), month
        last_rows, last_order = rows, order
