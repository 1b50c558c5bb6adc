"""Municipalities that buy day activities together: a region, stepped month by month.

Each municipality of a region is its own model (its own residents, regime, budget,
ledger and draws); what they share is the places at the region's providers and one
labour market: the region's employers, to whom any resident may be proposed.
The municipalities under the same regime form a pool: under indicatie a decision may be
served at any free place the pool's municipalities have contracted, under voorziening a
resident walks in wherever the pool's lump sums fund places, and crowding counts the
whole pool. Each pays for its own residents. A region's provider j is the providers j of
its municipalities together (every municipality of a national scenario has the reference's
organisations, by its own size), and the share of the pool's places there that are the
other municipalities' lies elsewhere: a longer trip (``sharing.Elsewhere.transport_factor``).

The region steps its municipalities in lockstep, phase by phase (``phases.PLAN``); in
the phases that use places (access, day activities, the work pathway) the municipalities
take turns in an order drawn anew each month, each seeing the pool as the others left it.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from . import access, rng
from .errors import InputError
from .model import DoorstroomModel
from .phases import PLAN, provider_attendance
from .sharing import Elsewhere

#: The phases in which a municipality sees the places the rest of its pool holds, and
#: whether the phase changes places, their holders or attendance (then each turn brings
#: the pool up to date for the next); the other phases may change them too (residents
#: leave), so the pool is brought up to date before a sharing phase that follows one.
_SHARING = {"access": True, "day_activities": False, "work_pathway": True}


class Region:
    """Two or more municipalities' models sharing their providers' places (see module)."""

    def __init__(self, models: Sequence[DoorstroomModel], seed: int):
        self.models = list(models)
        first = self.models[0]
        kinds = [(pr.name, pr.kind) for pr in first.providers]
        for m in self.models[1:]:
            if [(pr.name, pr.kind) for pr in m.providers] != kinds or m.months != first.months:
                raise InputError(f"{m.spec.name}: the municipalities of a region need the same "
                                 "organisations and months (those of one national scenario)")
        self.seed = seed
        self.month = 0
        self.months = first.months
        self._members = np.arange(len(self.models), dtype=np.uint64)
        for m in self.models:
            m.elsewhere = Elsewhere.nothing_yet(len(kinds))
        self._state = np.zeros((3, len(self.models), len(kinds)))  # slots, held, attended
        _share_employers(self.models)

    @property
    def running(self) -> bool:
        return self.month < self.months

    def step(self) -> None:
        """One month of every municipality, phase by phase."""
        if self.month >= self.months:
            return
        self.month += 1
        for m in self.models:
            m.begin_month()
        draw = rng.uniform(self.seed, "region_order", self.month, self._members)
        order = np.argsort(draw, kind="stable")
        current = False  # whether the pool's places, holders and attendance are up to date
        for name, phase, _ in PLAN:
            sharing, changes = name in _SHARING, _SHARING.get(name, True)
            if sharing and not current:
                for k in order:
                    self._hold(k)
            for k in order:
                m = self.models[k]
                if sharing:
                    self._show_pool(k)
                phase(m, self.month)
                if sharing and changes:
                    self._hold(k)
            current = sharing or (current and not changes)
        for m in self.models:
            m.running = m.month < m.months

    def run(self) -> "Region":
        while self.running:
            self.step()
        return self

    def _hold(self, k: int) -> None:
        """Municipality ``k``'s places, places held and attendance at each provider now."""
        m = self.models[k]
        self._state[0, k] = m.policy.capacities(m)
        self._state[1, k] = access.committed_slots(m)
        self._state[2, k] = provider_attendance(m)["attendance"]

    def _show_pool(self, k: int) -> None:
        """Give municipality ``k`` the rest of its pool: the others under its regime."""
        regime = self.models[k].policy.regime.name
        others = np.array([j != k and m.policy.regime.name == regime
                           for j, m in enumerate(self.models)])
        slots, held, attended = self._state[:, others].sum(axis=1)
        seen = self.models[k].elsewhere
        seen.slots, seen.committed, seen.attendance = slots, held, attended


#: The model's arrays with one value per employer (``DoorstroomModel._build_employers``).
_EMPLOYER_ARRAYS = ("vacancy_rates", "open_vacancies", "target_group_employees",
                    "external_target_group", "employer_ids", "inclusiveness", "trial_slots",
                    "trials", "employer_internal")


def _share_employers(models: Sequence[DoorstroomModel]) -> None:
    """One labour market for the region: every municipality's employers (its market ones,
    then its providers' own businesses) in one list and one set of arrays, in the order of
    the municipalities, which each municipality's residents are proposed to and hired by.
    A municipality keeps its own block (``own_employers``): their vacancies open and fill
    by its own draws, its policy sets their trial places, and it counts their employees."""
    sizes = [len(m.employers) for m in models]
    starts = np.cumsum([0, *sizes[:-1]])
    employers = [e for m in models for e in m.employers]
    for index, employer in enumerate(employers):
        employer.index = index
    arrays = {name: np.concatenate([getattr(m, name) for m in models])
              for name in _EMPLOYER_ARRAYS}
    market = np.concatenate([start + m.markets[0] for m, start in zip(models, starts)])
    for m, start, size in zip(models, starts, sizes):
        start = int(start)
        pop = m.population
        pop.employer[pop.employer >= 0] += start
        for pr in m.providers:
            pr.market_partners = pr.market_partners + start
        m.partner_list = m.partner_list + start
        m.employers, m.markets = employers, [market]
        m.own_employers = slice(start, start + size)
        for name, values in arrays.items():
            setattr(m, name, values)
