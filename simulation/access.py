"""Access to day activities: the assessment queue and placement at a provider.

Both regimes use these pieces; which pieces and with what capacity is the
policy's choice (``policies``). Ordering is by waiting time with ties broken by
a fixed keyed draw per resident, so who is served first does not depend on row
order or on anybody else's draws.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numba
import numpy as np

from .population import INIT_MONTH, NEVER, Status


def tiebreak(model, rows: np.ndarray) -> np.ndarray:
    """A fixed number per resident that orders residents who waited equally long."""
    return model.draw("queue_tiebreak", rows, INIT_MONTH)


def join_queue(model, rows: np.ndarray, month: int, reassessment: bool) -> None:
    """Put residents in the assessment queue (new requests or re-assessments)."""
    pop = model.population
    if not reassessment:
        pop.set_status(rows, Status.WAITING_ASSESSMENT, month)
    pop.queue_since[rows] = month
    pop.reassessment[rows] = reassessment
    model.count("queue_arrivals", rows)


def leave_queue(model, rows: np.ndarray, month: int) -> None:
    """Take residents out of the queue and record how long they were in it."""
    pop = model.population
    if rows.size:
        model.count("queue_departures", rows)
        model.tally("queue_wait_sum", rows, month - pop.queue_since[rows])
    pop.queue_since[rows] = NEVER
    pop.reassessment[rows] = False


def serve_queue(model, month: int, capacity: np.ndarray,
                min_wait: int) -> tuple[np.ndarray, np.ndarray]:
    """First-come-first-served in each municipality: the rows assessed this month (at most
    its ``capacity``), and for each whether it was a re-assessment."""
    pop = model.population
    qs = pop.queue_since[: pop.n]
    rows = ((qs != NEVER) & (qs <= month - min_wait)).nonzero()[0]
    if model.local.count > 1:  # in each municipality those who joined first
        whose = pop.municipality[rows]
        rows = rows[np.lexsort((tiebreak(model, rows), qs[rows], whose))]
        served = rows[first_of_each(pop.municipality[rows], capacity)]
    else:
        served = _first_served(model, rows, capacity[0])
    reassessed = pop.reassessment[served].copy()
    model.count("assessments", served)
    model.tally("assessment_wait_sum", served, month - qs[served])
    leave_queue(model, served, month)
    return served, reassessed


def _first_served(model, rows: np.ndarray, capacity: int) -> np.ndarray:
    """The ``capacity`` rows of the queue that joined it first (one municipality)."""
    if rows.size == 0 or capacity <= 0:
        return rows[:0]
    qs = model.population.queue_since
    waited_since = qs[rows]
    if capacity < rows.size:  # only those who joined no later than the last one served
        last = np.partition(waited_since, capacity - 1)[capacity - 1]
        rows = rows[waited_since <= last]
        waited_since = qs[rows]
    order = np.lexsort((tiebreak(model, rows), waited_since))
    return rows[order[:capacity]]


def committed_slots(model) -> np.ndarray:
    """Dagdeel places per week held at each provider (clients in day activities, on trial
    or in an activation route there)."""
    return held_at_providers(model, (Status.DAY_ACTIVITY, Status.TRIAL_PLACEMENT,
                                     Status.ACTIVATION))[0]


def held_at_providers(model, statuses: tuple[Status, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The dagdelen a week (as floats) and the residents with these statuses at each
    provider (the klantmanager's clients, at none, hold no place)."""
    pop = model.population
    dagdelen = np.zeros(len(model.providers), dtype=np.int64)
    residents = np.zeros(len(model.providers), dtype=np.int64)
    for status in statuses:
        _add_held(pop.rows_with(status), pop.provider, pop.dagdelen, dagdelen, residents)
    return dagdelen.astype(np.float64), residents


@numba.njit(cache=True, nogil=True)
def _add_held(rows, provider, dagdelen, held, residents):
    """Adds these rows' dagdelen and themselves at their providers: one pass, where the
    arrays took four NumPy calls (twice a month under voorziening)."""
    for row in rows:
        at = provider[row]
        if at >= 0:
            held[at] += dagdelen[row]
            residents[at] += 1


def free_slots(model, crowding: float = 1.0) -> np.ndarray:
    """Dagdeel places a week still free at each provider: the policy's places (times
    ``crowding``, where a provider may take more than it is staffed for) less those held;
    in a region, with the rest of the pool's places and holders (``sharing``)."""
    capacity = model.policy.capacities(model)
    free = capacity * crowding - committed_slots(model)
    if model.elsewhere is not None:
        free = free + (model.elsewhere.slots * crowding - model.elsewhere.committed)
    return free


#: How much less likely a decision names a provider not made for the resident's group.
_UNFIT_WEIGHT = 0.1


def preference_ranking(model, rows: np.ndarray, by_fit: bool = False) -> np.ndarray:
    """Each resident's own ranking of providers (a fixed, capacity-weighted random order);
    ``by_fit``: providers made for the resident's group first, as a decision names them.

    Exponential race: provider j gets score -log(u_j) / weight_j; sorting the scores
    gives a weighted random permutation whose first choice is proportional to the weight.
    """
    pop, k = model.population, model.organisations
    weights = np.maximum(model.provider_places, 1e-9)
    # each resident ranks its own municipality's providers
    first = pop.municipality[rows].astype(np.int64)[:, None] * k
    weights = weights[first + np.arange(k)]
    u = np.array([model.draw(d, rows, INIT_MONTH) for d in _preference_decisions(k)]
                 ).reshape(k, rows.size)
    if by_fit:
        fit = model.provider_fit[:k, pop.group[rows]].T  # resident x provider
        weights = weights * np.where(fit, 1.0, _UNFIT_WEIGHT)
    return first + np.argsort(-np.log1p(-u.T) / weights, axis=1, kind="stable")


class Waiting(NamedTuple):
    """The residents who waited for a place when ``place`` last offered places (kept by the
    model as ``model.waiting``): their rows (in row order), the order they were offered
    places in, and their rankings of providers (made by fit or not)."""

    rows: np.ndarray
    order: np.ndarray
    ranking: np.ndarray
    by_fit: bool


@numba.njit(cache=True, nogil=True)
def _now_at(rows, last_rows):
    """Where each of ``last_rows`` is in ``rows`` now, or -1 (both in row order: one walk)."""
    out = np.full(last_rows.size, -1, dtype=np.int64)
    i = 0
    for j in range(last_rows.size):
        while i < rows.size and rows[i] < last_rows[j]:
            i += 1
        if i < rows.size and rows[i] == last_rows[j]:
            out[j] = i
    return out


def _rankings(model, rows: np.ndarray, by_fit: bool, last: Waiting | None,
              now: np.ndarray | None) -> np.ndarray:
    """``preference_ranking`` of these rows (in row order), each made once while they wait:
    those who waited ``last`` time (``now``: where they are in ``rows``) keep theirs."""
    ranking = np.empty((rows.size, model.organisations), dtype=np.int32)  # providers
    kept = np.zeros(rows.size, dtype=bool)
    if last is not None and last.by_fit == by_fit:
        _copy_known(now, last.ranking, ranking, kept)
    ranking[~kept] = preference_ranking(model, rows[~kept], by_fit)
    return ranking


@numba.njit(cache=True, nogil=True)
def _copy_known(now, known, ranking, kept):
    """The rankings ``known`` copied to where their rows are ``now`` (-1: gone), and those
    rows marked ``kept``."""
    for j in range(now.size):
        if now[j] >= 0:
            ranking[now[j]] = known[j]
            kept[now[j]] = True


@lru_cache(maxsize=64)
def _preference_decisions(providers: int) -> tuple[str, ...]:
    return tuple(f"provider_preference:{j}" for j in range(providers))


#: Dagdelen that count as room, against rounding in places funded by a budget.
_ROOM = 1e-9


@numba.njit(cache=True, nogil=True)
def _first_free_choice(ranking, order, need, free):
    """Rounds of offers: in round r every resident still without a place asks its r-th
    choice; a provider takes them in waiting order (``order``: the rows of ``ranking`` in
    it) while their dagdelen fit (the first that does not fit closes it for the round).
    Returns each resident's provider or -1, in waiting order."""
    n, k = order.size, ranking.shape[1]  # k choices of providers among ``free.size``
    chosen = np.full(n, -1, dtype=np.int64)
    taken = np.zeros(free.size)  # dagdelen taken by each provider this round
    closed = np.zeros(free.size, dtype=np.bool_)
    for r in range(k):
        taken[:] = 0.0
        closed[:] = False
        for i in range(n):
            if chosen[i] >= 0:
                continue
            j = ranking[order[i], r]
            if closed[j]:
                continue
            if taken[j] + need[i] <= free[j] + _ROOM:
                taken[j] += need[i]
                chosen[i] = j
            else:
                closed[j] = True
        free -= taken
    return chosen


def record_access_waits(model, rows: np.ndarray, month: int) -> None:
    """Residents who asked for support get it now: count their wait from the request, and
    whether it was longer than the legal term (``service.legal_term_months``)."""
    pop = model.population
    asked = pop.requested[rows]
    served = asked != NEVER
    waits = month - asked[served].astype(np.int64)
    model.count("access_placements", rows[served])
    model.tally("access_wait_sum", rows[served], waits)
    model.count("access_beyond_term",
                rows[served][waits > model.p["service.legal_term_months"]])
    pop.requested[rows] = NEVER


def place(model, month: int, crowding: float = 1.0) -> np.ndarray:
    """Place residents waiting for a place, longest waiting first, at their best free choice.

    Each round offers every unplaced resident its next-ranked provider; a provider
    takes them in waiting order while their dagdelen fit in its free places
    (``free_slots`` with ``crowding``). Returns the rows placed.
    """
    pop = model.population
    rows = pop.rows_with(Status.WAITING_PLACEMENT)
    if rows.size == 0:
        return rows
    free = free_slots(model, crowding)
    if free.max(initial=-np.inf) + _ROOM < pop.dagdelen[rows].min():
        return rows[:0]  # no provider has room for anyone waiting
    # Longest waiting first; a provider funded as a whole may take stable residents sooner.
    ahead = np.rint(model.policy.light_case_preference() * 12.0 * pop.stability[rows])
    last, by_fit = model.waiting, model.policy.places_by_fit()
    now = None if last is None else _now_at(rows, last.rows)
    order = _waiting_order(model, rows, pop.placement_since[rows] - ahead, last, now)
    ranking = _rankings(model, rows, by_fit, last, now)
    model.waiting = Waiting(rows, order, ranking, by_fit)
    rows = rows[order]
    chosen = _first_free_choice(ranking, order, pop.dagdelen[rows].astype(np.float64), free)
    placed = chosen >= 0
    got = rows[placed]
    model.count("placements", got)
    model.tally("placement_wait_sum", got, month - pop.placement_since[got])
    record_access_waits(model, got, month)
    pop.provider[got] = chosen[placed]
    pop.placement_since[got] = NEVER
    pop.ever_served[got] = True
    pop.set_status(got, Status.DAY_ACTIVITY, month)
    return got


def _waiting_order(model, rows: np.ndarray, since: np.ndarray, last: Waiting | None,
                   now: np.ndarray | None) -> np.ndarray:
    """``np.lexsort((tiebreak(model, rows), since))`` for these rows (in row order), found
    in about linear time: each month's waiting residents are mostly those who waited
    ``last`` time (``now``: where they are in ``rows``), whose keys have not changed, so
    the keys are sorted (stably) from that order with the newcomers after it, nearly
    sorted already. The keys are packed in one integer (``since`` is a whole month, the
    tiebreak 53 bits); where they do not fit, or two residents' keys are equal (lexsort
    then keeps row order), lexsort decides."""
    tie = tiebreak(model, rows)
    whole = np.rint(since)
    if rows.size == 0 or not (np.array_equal(whole, since) and np.abs(whole).max() < 512):
        return np.lexsort((tie, since))
    key = (whole.astype(np.int64) + 512) << 53 | (tie * float(1 << 53)).astype(np.int64)
    kept = np.zeros(0, dtype=np.int64) if last is None else now[last.order]
    kept = kept[kept >= 0]  # where they are now, in the order they were offered places
    newcomer = np.ones(rows.size, dtype=bool)
    newcomer[kept] = False
    start = np.concatenate([kept, np.flatnonzero(newcomer)])
    order = start[np.argsort(key[start], kind="stable")]
    ordered = key[order]
    if np.any(ordered[1:] == ordered[:-1]):
        order = np.lexsort((tie, since))
    return order


def rank_within(groups: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """For elements sorted by group: how many ``counted`` ones of its group come before
    each (so ``rank_within(...) < k`` keeps the first k counted ones of every group)."""
    if groups.size == 0:
        return np.zeros(0, dtype=np.int64)
    before = np.cumsum(counted) - counted
    first = np.empty(groups.size, dtype=bool)  # the first of its group
    first[0] = True
    np.not_equal(groups[1:], groups[:-1], out=first[1:])
    return before - before[np.maximum.accumulate(np.where(first, np.arange(groups.size), 0))]


def first_of_each(groups: np.ndarray, limits: np.ndarray) -> np.ndarray:
    """Which of these (in order) are among the first ``limits[g]`` of their group ``g``."""
    order = np.argsort(groups, kind="stable")
    rank = np.empty(groups.size, dtype=np.int64)
    rank[order] = rank_within(groups[order], np.ones(groups.size, dtype=np.int64))
    return rank < limits[groups]
