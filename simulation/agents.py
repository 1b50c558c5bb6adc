"""Mesa agents: residents (thin handles on the arrays), providers and employers.

Residents are many, so their state lives in ``population.Population`` arrays and
their month runs vectorised in ``phases``; a ``Resident`` agent only reads its row,
so ``model.agents`` and agent reporters work as Mesa users expect. Providers and
employers keep their state in the model's arrays too, and decide for all at once there
(``work_pathway``, the policy's ``guidances``); their agents are views on it.
"""

from __future__ import annotations

import itertools
import weakref

import mesa
import numpy as np


from .declarations import GROUPS
from .population import Status

#: Dagdelen a week a staffed place offers (five days, two dagdelen a day).
PLACE_DAGDELEN = 10.0


class _IdsByModel:
    """Agent ids counted per model, each model held weakly. Mesa 3.3 counts them in a
    dictionary on ``mesa.Agent`` that keeps every model that made agents alive until the
    process ends (Mesa issue 3179); later Mesa numbers agents in the model and never
    reads this."""

    def __init__(self):
        self._counters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __getitem__(self, model) -> itertools.count:
        counter = self._counters.get(model)
        if counter is None:
            counter = self._counters[model] = itertools.count(1)
        return counter


class DoorstroomAgent(mesa.Agent):
    """What residents, providers and employers share: one count of ids per model (as
    Mesa's), which lets the model go once its user does."""

    _ids = _IdsByModel()


class Resident(DoorstroomAgent):
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
        return float(self.model.loonwaarde(np.array([self.row]))[0])

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


def _column(array: str, kind: type, doc: str) -> property:
    """A property of an agent whose value is kept in one of the model's arrays (one value
    per provider or employer, at the agent's ``index``)."""
    return property(lambda agent: kind(getattr(agent.model, array)[agent.index]), doc=doc)


class Provider(DoorstroomAgent):
    """A day-activity provider: staffed places, work orientation, referral behaviour."""

    def __init__(self, model, index: int, name: str, kind: str, work_orientation: float,
                 municipality: int = 0):
        super().__init__(model)
        self.index = index
        self.name = name
        self.kind = kind
        self.municipality = municipality  # which of the model's municipalities it serves
        self.work_orientation = work_orientation
        self.market_partners = np.array([], dtype=np.int64)  # set when employers are built

    @property
    def slots(self) -> float:
        """Staffed dagdeel places per week (10 dagdelen a week)."""
        return PLACE_DAGDELEN * self.places_per_dagdeel

    @property
    def development_factor(self) -> float:
        """Development speed relative to an average provider (work orientation 0.5)."""
        eff = self.model.local.values[self.municipality]["providers.work_orientation_effect"]
        return max(0.0, 1.0 + eff * (self.work_orientation - 0.5))

    @property
    def attendance(self) -> float:
        """Dagdelen a week its clients attend this month."""
        month = self.model.provider_month
        return float(month["attendance"][self.index]) if month else 0.0

    @property
    def clients(self) -> int:
        month = self.model.provider_month
        return int(month["clients"][self.index]) if month else 0

    @property
    def partner_employers(self) -> np.ndarray:
        """The employers it proposes clients to: its market partners, after its own
        business if open (the model's ``partner_list``, ``building.apply_policy_structures``)."""
        first = self.model.partner_first
        return self.model.partner_list[first[self.index]: first[self.index + 1]]

    places_per_dagdeel = _column("provider_places", float,
                                 "Staffed places per dagdeel: the organisation's, scaled.")
    guidance = _column("guidance", float,
                       "Guidance this month, by policy (1: full; thinner when crowded).")

    def step(self) -> None:
        """Nothing: every provider's month (attendance, guidance) is set at once in
        ``phases.day_activities``."""


class Employer(DoorstroomAgent):
    """An employer: trial places, an inclusiveness that learns, vacancies and employees.

    Its state is kept in the model's arrays (one value per employer), so that the work
    pathway decides for all employers at once: the labour market opens and fills their
    vacancies, each hosts the candidates it accepts while it has trial places free, and
    hires those it wants while it has vacancies (``work_pathway``); the employer learns from
    how those jobs go.
    """

    def __init__(self, model, index: int, internal_of: int | None = None):
        super().__init__(model)
        self.index = index
        self.internal_of = internal_of  # a provider's own business (variant trial_placements)

    inclusiveness = _column("inclusiveness", float,
                            "How readily it takes on someone of the target group (0 to 1).")
    trial_slots = _column("trial_slots", int, "Trial places it offers.")
    trials = _column("trials", int, "Residents on trial here now.")
    open_vacancies = _column("open_vacancies", int, "Vacancies open now.")
    vacancy_rate = _column("vacancy_rates", float,
                           "Vacancies this employer opens per month, on average.")
    external_target_group = _column(
        "external_target_group", int,
        "1 if it already employs people of the target group from outside the model.")
    target_group_employees = _column(
        "target_group_employees", int,
        "Residents in scope employed here (kept in a model array, counted each month).")

    @property
    def employs_target_group(self) -> bool:
        return self.external_target_group + self.target_group_employees > 0


def learn(model, employers: np.ndarray, success: bool) -> None:
    """Employers move their inclusiveness toward 1 after a job that lasted, toward 0 after
    one that failed (``employers.learning_rate``, its municipality's), one job at a time in
    the order given."""
    rates = model.local.array("employers.learning_rate")
    each = (rates[model.employer_municipality[employers]] if model.local.count > 1
            else np.full(len(employers), rates[0]))
    target = 1.0 if success else 0.0
    inclusiveness = model.inclusiveness
    for e, rate in zip(employers.tolist(), each.tolist()):
        inclusiveness[e] += rate * (target - inclusiveness[e])
