"""The labour market each month: open vacancies at the municipality's own employers are
filled by other applicants and new ones open, for all employers in one compiled pass."""

from __future__ import annotations

import numba
import numpy as np

from . import rng
from .population import BLOCK, draw_room, with_room


def labour_market(model, month: int) -> None:
    """Open vacancies at the municipality's own employers are filled by other applicants;
    new ones open (keyed per employer)."""
    own = model.own_employers
    ids, whose = model.employer_ids[own], own_employers_municipality(model)
    opened, rates = model.open_vacancies[own], model.vacancy_rates[own]
    # Chances of none, as NumPy computes them (the walks then match rng's to the bit): a row
    # for each distinct chance of a vacancy filling (the municipalities mostly share one).
    fill, fills, which = model.local.derived("vacancy fill", lambda: _fills(model.local))
    most = min(int(opened.max(initial=0)), rng.BINOMIAL_EXACT_UP_TO)
    none_filled = np.array([(1.0 - f) ** np.arange(most + 1, dtype=np.float64)
                            for f in fills.tolist()])
    streams = [model.local.streams(decision, month)
               for decision in ("vacancy_filled", "vacancy_new")]
    large = _vacancies(opened, rates, np.exp(-rates), ids, whose, *streams, fill,
                       none_filled, which)
    if large.size:  # beyond the exact walks: rng's normal limits
        u_filled, u_new = (model.local.uniform(decision, month, ids[large], whose[large])
                           for decision in ("vacancy_filled", "vacancy_new"))
        filled = [rng.binomial_ppf(u_filled[k: k + 1], opened[e: e + 1], float(fill[whose[e]]))
                  for k, e in enumerate(large.tolist())]
        opened[large] += rng.poisson_ppf(u_new, rates[large]) - np.concatenate(filled)
    model.open_vacancies[own] = opened


def _fills(local) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each municipality's chance of a vacancy filling, the distinct chances, and which of
    them is each municipality's."""
    fill = local.array("employers.vacancy_fill_per_month").astype(np.float64)
    fills, which = np.unique(fill, return_inverse=True)
    return fill, fills, which.reshape(-1)


def own_employers_municipality(model) -> np.ndarray:
    """Which of the model's municipalities each employer the model steps is of (in a
    region, its own block of the region's employers: all its own)."""
    if model.local.count == 1:
        return np.zeros(model.own_employers.stop - model.own_employers.start, dtype=np.int64)
    return model.employer_municipality[model.own_employers]


@numba.njit(cache=True, nogil=True)
def _vacancies(opened, rates, none_new, ids, whose, filled_keys, new_keys, fill,
               none_filled, which):
    """Each employer's month (in place on ``opened``): Binomial(open, ``fill``) vacancies
    filled by others (its municipality's ``fill``), Poisson(rate) new, each by its keyed
    draw walked up the CDF as ``rng.binomial_ppf`` and ``rng.poisson_ppf`` do
    (``none_filled[which[m], n]``: (1 - fill) ** n; ``none_new``: exp(-rate)). Returns the
    employers left to the normal limits, unchanged."""
    large = np.empty(0, dtype=np.int64)
    k = 0
    rows, scratch, u_filled = draw_room()
    u_new = np.empty(BLOCK, dtype=np.float64)
    for start in range(0, opened.size, BLOCK):
        c = min(BLOCK, opened.size - start)
        for j in range(c):
            rows[j] = start + j
        rng.units_at(rows[:c], ids, whose, filled_keys, scratch, u_filled)
        rng.units_at(rows[:c], ids, whose, new_keys, scratch, u_new)
        for j in range(c):
            i = start + j
            n = opened[i]
            if n > rng.BINOMIAL_EXACT_UP_TO or rates[i] > rng.POISSON_EXACT_UP_TO:
                large = with_room(large, k, 1)
                large[k] = i
                k += 1
                continue
            filled = 0
            m = whose[i]
            f = fill[m]
            if f >= 1.0:
                filled = n
            elif f > 0.0 and n > 0:
                filled = rng.binomial_walk(u_filled[j], np.float64(n), none_filled[which[m], n],
                                           f / (1.0 - f))
            new = 0
            if rates[i] > 0.0:
                new = rng.poisson_walk(u_new[j], rates[i], none_new[i])
            opened[i] += new - filled
    return large[:k]
