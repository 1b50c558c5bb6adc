"""Activation routes of the Participatiewet, and the re-integration budget they and trial
placements wait for: social activation or a work-experience place, paid from the
re-integration budget, that brings a client without support to organised activity
(rung 3), from where the klantmanager may propose a trial (``work_pathway``).
"""

from __future__ import annotations

import numba
import numpy as np

from . import access, rng
from .access import first_of_each
from .population import BLOCK, NEVER, Benefit, Status, draw_room, with_room

_NONE, _UWV = int(Status.NONE), int(Benefit.UWV)


def activation(model, month: int) -> None:
    """Routes end after ``participatiewet.activation_months``; new ones start for clients
    without support from rung 2 up, each with a monthly chance, while the re-integration
    budget lasts (``participatiewet.activation_*``): in the municipality's activation places,
    or with one budget for one person first in a free place at a social enterprise made
    for the client's group, without a Wmo decision."""
    pop = model.population
    active = model.rows_with(Status.ACTIVATION)
    done = active[pop.activation_until[active] <= month]
    pop.activation_until[done] = NEVER
    pop.provider[done] = -1
    pop.set_status(done, Status.NONE, month)
    active = model.rows_with(Status.ACTIVATION)
    places = np.round(model.local.array("participatiewet.activation_places_per_10000")
                      * model.local.array("population.inhabitants") / 1e4).astype(np.int64)
    in_place = active[pop.provider[active] < 0]
    free = places - np.bincount(pop.municipality[in_place], minlength=model.local.count)
    left = reintegration_money_left(model, month)
    if not left.any():
        return
    n = pop.n
    rows = _starting_routes(pop.status[:n], pop.benefit[:n], pop.rung[:n], pop.retry_after[:n],
                            pop.id[:n], pop.municipality[:n], month,
                            model.policy.activation_for_all(),
                            model.local.array("participatiewet.activation_per_month"),
                            model.local.streams("activation", month))
    rows = rows[left[pop.municipality[rows]]]
    if rows.size == 0:
        return
    rows = rows[np.argsort(access.tiebreak(model, rows), kind="stable")]
    where = (_work_experience_places(model, rows) if model.policy.activation_at_providers()
             else np.full(rows.size, -1))
    municipal = np.flatnonzero(where < 0)
    municipal = municipal[first_of_each(pop.municipality[rows[municipal]], free)]
    start = np.sort(np.concatenate([np.flatnonzero(where >= 0), municipal]))
    rows = rows[start]
    pop.provider[rows] = where[start]
    pop.activation_until[rows] = month + model.local_value("participatiewet.activation_months",
                                                           rows)
    model.count("ladder_up", rows[pop.rung[rows] < 3])
    pop.rung[rows] = np.maximum(pop.rung[rows], 3)  # organised activity (evidence §5)
    pop.set_status(rows, Status.ACTIVATION, month)
    model.count("activations", rows)


@numba.njit(cache=True, nogil=True)
def _starting_routes(status, benefit, rung, retry_after, ids, municipality, month, everyone,
                     chance, keys):
    """The rows that would start an activation route this month, in row order: the
    klantmanager's clients without support (Participatiewet clients unless ``everyone``)
    from rung 2, not refused lately, whose keyed draw falls below ``chance`` (its
    municipality's)."""
    out = np.empty(BLOCK, dtype=np.int64)
    k = 0
    clients, scratch, draws = draw_room()
    for start in range(0, status.size, BLOCK):
        out = with_room(out, k, BLOCK)
        c = 0
        for i in range(start, min(start + BLOCK, status.size)):
            clients[c] = i  # kept when a client: no branch to mispredict
            c += ((status[i] == _NONE) & (everyone | (benefit[i] != _UWV)) & (rung[i] >= 2)
                  & (retry_after[i] <= month))
        rng.units_at(clients[:c], ids, municipality, keys, scratch, draws)
        for j in range(c):
            out[k] = clients[j]
            k += draws[j] < chance[municipality[clients[j]]]
    return out[:k]


def _work_experience_places(model, rows: np.ndarray) -> np.ndarray:
    """For each candidate in turn, a social enterprise made for its group with room for its
    dagdelen (the one with most room), or -1."""
    pop = model.population
    social = np.array([pr.kind == "social_enterprise" for pr in model.providers])
    room = access.free_slots(model)
    where = np.full(rows.size, -1, dtype=np.int64)
    for k, row in enumerate(rows.tolist()):
        fits = social & model.provider_fit[:, pop.group[row]] & (room >= pop.dagdelen[row]) & (
            model.provider_municipality == pop.municipality[row])
        if fits.any():
            where[k] = int(np.argmax(np.where(fits, room, -np.inf)))
            room[where[k]] -= pop.dagdelen[row]
    return where


def reintegration_money_left(model, month: int) -> np.ndarray:
    """Whether each municipality may start new trials and routes: with separate pots, they
    wait once the year's re-integration budget is spent (pro rata: by month m of the year,
    m/12 of the budget); one pot never waits."""
    if not model.policy.separate_pots():
        return np.ones(model.local.count, dtype=bool)
    start = (month - 1) // 12 * 12 + 1
    spent = model.ledger.payer_cents_each("pw_reintegration",
                                          months=slice(start, month)) / 100
    budget = model.local.array("participatiewet.reintegration_budget_per_year_eur")
    return spent < budget * (month - start + 1) / 12
