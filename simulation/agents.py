"""Mesa agents: residents (thin handles on the arrays), providers and employers.

Residents are many, so their state lives in ``population.Population`` arrays and
their month runs vectorised in ``phases``; a ``Resident`` agent only reads its row,
so ``model.agents`` and agent reporters work as Mesa users expect. Providers and
employers are few and decide as ordinary agents with their own ``step``.
"""

from __future__ import annotations

import mesa
import numpy as np

from . import rng
from .declarations import GROUPS
from .population import Status


class Resident(mesa.Agent):
    """A handle on one resident's row; all attributes are read from the arrays."""

    def __init__(self, model, row: int):
        super().__init__(model)
        self.row = int(row)

    def _get(self, name):
        return getattr(self.model.population, name)[self.row]

    @property
    def resident_id(self) -> int:
        return int(self._get("id"))

    @property
    def status(self) -> str:
        return Status(int(self._get("status"))).name.lower()

    @property
    def rung(self) -> int:
        return int(self._get("rung"))

    @property
    def age_years(self) -> float:
        return float(self._get("age_months")) / 12

    @property
    def group(self) -> str:
        return GROUPS[int(self._get("group"))]

    @property
    def skills(self) -> float:
        return float(self._get("skills"))

    @property
    def loonwaarde(self) -> float:
        per_skill = self.model.p["development.loonwaarde_per_skill"]
        return float(self.model.population.loonwaarde([self.row], per_skill)[0])

    @property
    def dagdelen(self) -> int:
        return int(self._get("dagdelen"))

    @property
    def provider(self) -> "Provider | None":
        k = int(self._get("provider"))
        return self.model.providers[k] if k >= 0 else None

    @property
    def employer(self) -> "Employer | None":
        k = int(self._get("employer"))
        return self.model.employers[k] if k >= 0 else None

    def step(self) -> None:
        """Nothing: a resident's month runs vectorised in ``phases``."""


class Provider(mesa.Agent):
    """A day-activity provider: staffed places, work orientation, referral behaviour."""

    def __init__(self, model, index: int, name: str, kind: str, places_per_dagdeel: int,
                 work_orientation: float):
        super().__init__(model)
        self.index = index
        self.name = name
        self.kind = kind
        self.places_per_dagdeel = places_per_dagdeel * model.p["providers.capacity_scale"]
        self.work_orientation = work_orientation
        self.market_partners = np.array([], dtype=np.int64)  # set when employers are built
        self.partner_employers = np.array([], dtype=np.int64)  # plus its own business, if open
        self.attendance = 0.0  # dagdelen per week attended by its clients
        self.clients = 0
        self.guidance = 1.0
        self.referral_probability = 0.0

    @property
    def slots(self) -> float:
        """Staffed dagdeel places per week (10 dagdelen a week)."""
        return 10.0 * self.places_per_dagdeel

    @property
    def development_factor(self) -> float:
        """Development speed relative to an average provider (work orientation 0.5)."""
        eff = self.model.p["providers.work_orientation_effect"]
        return max(0.0, 1.0 + eff * (self.work_orientation - 0.5))

    def step(self) -> None:
        """Read this month's attendance; set guidance and referral propensity by policy."""
        stats = self.model.provider_month
        self.attendance = float(stats["attendance"][self.index])
        self.clients = int(stats["clients"][self.index])
        self.guidance = self.model.policy.guidance(self)
        self.referral_probability = self.model.policy.referral_probability(self)


class Employer(mesa.Agent):
    """An employer: trial slots, hiring decisions and an inclusiveness that learns.

    Its vacancies are part of the local labour market, which the model updates for all
    employers at once (``phases.work_pathway``); the employer decides whom it hosts and
    hires, and learns from how those jobs go.
    """

    def __init__(self, model, index: int, inclusiveness: float, trial_slots: int,
                 internal_of: int | None = None):
        super().__init__(model)
        self.index = index
        self.inclusiveness = inclusiveness
        self.trial_slots = trial_slots
        self.internal_of = internal_of  # a provider's own business (variant trial_placements)
        self.trials = 0

    @property
    def open_vacancies(self) -> int:
        return int(self.model.open_vacancies[self.index])

    @open_vacancies.setter
    def open_vacancies(self, value: int) -> None:
        self.model.open_vacancies[self.index] = value

    @property
    def vacancy_rate(self) -> float:
        """Vacancies this employer opens per month, on average."""
        return float(self.model.vacancy_rates[self.index])

    @property
    def external_target_group(self) -> int:
        """1 if it already employs people of the target group from outside the model."""
        return int(self.model.external_target_group[self.index])

    @property
    def target_group_employees(self) -> int:
        """Residents in scope employed here (kept in a model array, counted each month)."""
        return int(self.model.target_group_employees[self.index])

    @target_group_employees.setter
    def target_group_employees(self, value: int) -> None:
        self.model.target_group_employees[self.index] = value

    @property
    def employs_target_group(self) -> bool:
        return self.external_target_group + self.target_group_employees > 0

    def host(self, model, rows: np.ndarray) -> np.ndarray:
        """Of the residents proposed this month (rows of ``model``, the municipality they
        live in), those this employer takes on trial."""
        if rows.size == 0:
            return rows
        free = max(self.trial_slots - self.trials, 0)
        ids = model.population.id[rows]
        accept = rng.uniform(model.seed, "host_trial", model.month, ids) < self.inclusiveness
        taken = rows[accept][:free]
        self.trials += taken.size
        return taken

    def hire(self, model, rows: np.ndarray, probability: np.ndarray) -> np.ndarray:
        """Of the residents ending a trial here (rows of ``model``), those hired (one
        vacancy each)."""
        if rows.size == 0:
            return rows
        ids = model.population.id[rows]
        want = rng.uniform(model.seed, "hire", model.month, ids) < probability
        if self.internal_of is not None:  # a provider's own business: no vacancy market
            hired = rows[want]
        else:
            hired = rows[want][: self.open_vacancies]
            self.open_vacancies -= hired.size
        self.target_group_employees += hired.size
        return hired

    def learn(self, success: bool) -> None:
        """Move inclusiveness toward 1 after a job that lasted, toward 0 after one that failed."""
        rate = self.model.p["employers.learning_rate"]
        target = 1.0 if success else 0.0
        self.inclusiveness += rate * (target - self.inclusiveness)
