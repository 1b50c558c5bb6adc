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
                min_wait: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First-come-first-served in each municipality: the rows assessed this month (at most
    its ``capacity``, of those in the queue for its ``min_wait`` months), and for each
    whether it was a re-assessment."""
    pop = model.population
    qs = pop.queue_since[: pop.n]
    joined_by = month - min_wait  # by municipality
    if model.local.count > 1:  # in each municipality those queued long enough who joined first
        rows = (qs != NEVER).nonzero()[0]
        rows = rows[qs[rows] <= joined_by[pop.municipality[rows]]]
        whose = pop.municipality[rows]
        rows = rows[np.lexsort((tiebreak(model, rows), qs[rows], whose))]
        served = rows[first_of_each(pop.municipality[rows], capacity)]
    else:
        rows = ((qs != NEVER) & (qs <= joined_by[0])).nonzero()[0]
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


def free_slots(model, crowding: float | np.ndarray = 1.0) -> np.ndarray:
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
    places in, their rankings of providers (made by fit or not) and tiebreaks."""

    rows: np.ndarray
    order: np.ndarray
    ranking: np.ndarray
    tie: np.ndarray
    by_fit: bool


def _carried_over(model, rows: np.ndarray, by_fit: bool,
                  last: Waiting | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each of these rows' (in row order) ranking (``preference_ranking``) and tiebreak,
    each made once while they wait: those who waited ``last`` time keep theirs (the
    ranking if made the same way). Returns them and where those who waited last time are
    in ``rows``, in the order they were offered places then."""
    ranking = np.empty((rows.size, model.organisations), dtype=np.int32)  # providers
    tie = np.empty(rows.size)
    kept = np.zeros(rows.size, dtype=bool)
    if last is None:
        in_last_order = np.zeros(0, dtype=np.int64)
    else:
        in_last_order = _copy_kept(rows, last.rows, last.order, last.ranking, last.tie,
                                   last.by_fit == by_fit, ranking, tie, kept)
    new = np.flatnonzero(~kept)
    tie[new] = tiebreak(model, rows[new])
    if last is not None and last.by_fit != by_fit:
        new = np.arange(rows.size)
    ranking[new] = preference_ranking(model, rows[new], by_fit)
    return ranking, tie, in_last_order


@numba.njit(cache=True, nogil=True)
def _copy_kept(rows, last_rows, last_order, last_ranking, last_tie, same_ranking, ranking,
               tie, kept):
    """Those of ``rows`` among ``last_rows`` (both in row order: one walk) are ``kept``,
    with their tiebreak (and, if ``same_ranking``, ranking) copied from last time. Returns
    where they are in ``rows``, in ``last_order``."""
    now = np.full(last_rows.size, -1, dtype=np.int64)
    i = 0
    for j in range(last_rows.size):
        while i < rows.size and rows[i] < last_rows[j]:
            i += 1
        if i < rows.size and rows[i] == last_rows[j]:
            now[j] = i
            kept[i] = True
            tie[i] = last_tie[j]
            if same_ranking:
                for c in range(ranking.shape[1]):
                    ranking[i, c] = last_ranking[j, c]
    out = np.empty(last_order.size, dtype=np.int64)
    k = 0
    for j in last_order:
        if now[j] >= 0:
            out[k] = now[j]
            k += 1
    return out[:k]


@lru_cache(maxsize=64)
def _preference_decisions(providers: int) -> tuple[str, ...]:
    return tuple(f"provider_preference:{j}" for j in range(providers))


#: Dagdelen that count as room, against rounding in places funded by a budget.
_ROOM = 1e-9


@numba.njit(cache=True, nogil=True)
def _first_free_choice(ranking, order, need, free):
    """Rounds of offers: in round r every resident still without a place asks its r-th
    choice; a provider takes them in waiting order (``order``: the rows of ``ranking`` in
    it) while their dagdelen (``need``, a row each) fit (the first that does not fit closes
    it for the round). Returns each resident's provider or -1, in waiting order."""
    n, k = order.size, ranking.shape[1]  # k choices of providers among ``free.size``
    chosen = np.full(n, -1, dtype=np.int64)
    taken = np.zeros(free.size)  # dagdelen taken by each provider this round
    closed = np.zeros(free.size, dtype=np.bool_)
    for r in range(k):
        taken[:] = 0.0
        closed[:] = False
        open_left = free.size
        for i in range(n):
            if chosen[i] >= 0:
                continue
            j = ranking[order[i], r]
            if closed[j]:
                continue
            dagdelen = need[order[i]]
            if taken[j] + dagdelen <= free[j] + _ROOM:
                taken[j] += dagdelen
                chosen[i] = j
            else:
                closed[j] = True
                open_left -= 1
                if open_left == 0:  # nobody else gets a place this round
                    break
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
                rows[served][waits > model.local_value("service.legal_term_months",
                                                       rows[served])])
    pop.requested[rows] = NEVER


def place(model, month: int, crowding: float | np.ndarray = 1.0) -> np.ndarray:
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
    # Longest waiting first; a provider funded as a whole may take stable residents sooner
    # (months ahead a unit of stability, in single precision as stability is kept).
    preference = model.policy.each("light_case_preference", model.local.values)
    months = model.for_residents((preference * 12.0).astype(np.float32), rows)
    ahead = np.rint(months * pop.stability[rows])
    by_fit = model.policy.places_by_fit()
    ranking, tie, in_last_order = _carried_over(model, rows, by_fit, model.waiting)
    order = _waiting_order(pop.placement_since[rows] - ahead, tie, in_last_order)
    model.waiting = Waiting(rows, order, ranking, tie, by_fit)
    chosen = _first_free_choice(ranking, order, pop.dagdelen[rows], free)
    placed = chosen >= 0
    got = rows[order[placed]]
    model.count("placements", got)
    model.tally("placement_wait_sum", got, month - pop.placement_since[got])
    record_access_waits(model, got, month)
    pop.provider[got] = chosen[placed]
    pop.placement_since[got] = NEVER
    pop.ever_served[got] = True
    pop.set_status(got, Status.DAY_ACTIVITY, month)
    return got


def _waiting_order(since: np.ndarray, tie: np.ndarray, in_last_order: np.ndarray) -> np.ndarray:
    """``np.lexsort((tie, since))``, found in about linear time: each month's waiting
    residents are mostly those who waited last time (``in_last_order``: where they are, in
    the order they were offered places then), whose keys have not changed, so the keys are
    sorted (stably) from that order with the newcomers after it, nearly sorted already.
    The keys are packed in one integer (``since`` is a whole month, the tiebreak 53 bits);
    where they do not fit, or two residents' keys are equal (lexsort then keeps row
    order), lexsort decides."""
    whole = np.rint(since)
    if since.size == 0 or not (np.array_equal(whole, since) and np.abs(whole).max() < 512):
        return np.lexsort((tie, since))
    key = (whole.astype(np.int64) + 512) << 53 | (tie * float(1 << 53)).astype(np.int64)
    newcomer = np.ones(since.size, dtype=bool)
    newcomer[in_last_order] = False
    start = np.concatenate([in_last_order, np.flatnonzero(newcomer)])
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
