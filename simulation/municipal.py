"""What differs by municipality in a model that holds several (``DoorstroomModel.together``).

A national run steps many municipalities as one population, so that the fixed cost of a
month (a few hundred NumPy and Python calls) is paid once, not once per municipality.
Each municipality keeps what makes it itself: its scenario values (its own figures and
sizes), its seed (every keyed draw of its residents, providers and employers uses it, as
when it runs alone), its residents, providers, employers, budgets, counters, ledger and
series. ``Local`` holds the values and seeds; the model asks it for a value per
municipality (``array``) or for the keys of a decision (``streams``), and ``common`` is
every value all municipalities share (asking it for one they do not share is an error,
so no rule silently uses one municipality's figure for all).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable, Hashable, Iterator, Sequence, TypeVar

import numpy as np

from . import rng
from .declarations import uncertain_params
from .ledger import Ledger
from .monthly import series_columns
from .municipalities import OWN_VALUES

T = TypeVar("T")

#: Values besides a municipality's own figures and the unmeasured parameters that a model
#: reads per municipality: how its residents and employers are made, its providers' tariffs
#: and costs, every price and benefit its residents' months are booked at (``payments.rates``),
#: its assessment, intake and administration costs, its decisions' chances and terms, its
#: activation routes, how its residents develop, find and keep work, a variant's values for
#: it (``model.local_value``: a resident's). What is read in common: the horizon, seed and
#: replications, the lists, the rules, and a region's longer trips (only a region's models,
#: each one municipality's, make them).
ALSO_PER_MUNICIPALITY = (
    "population.share_working_age_of_users", "population.share_in_paid_work_start",
    "population.entries_per_year", "population.rung4_share_in_day_activity",
    "population.entrant_max_age", "day_activity.dagdelen_sd", "day_activity.transport_share",
    "development.motivation_sd", "home_support.share_with_support",
    "employers.inclusiveness_mean", "employers.share_with_target_group_start",
    "providers.partner_employers",
    "indicatie.tariff_per_dagdeel_eur", "provider_cost.clients_per_staff",
    "provider_cost.hours_per_dagdeel", "provider_cost.occupancy_norm",
    "voorziening.budget_lag_months", "voorziening.budget_ceiling_share",
    "day_activity.weeks_per_year", "day_activity.attendance_rate",
    "day_activity.transport_per_day_eur", "work.trial_cost_per_month_eur",
    "participatiewet.activation_cost_per_month_eur", "work.minimum_wage_per_hour_eur",
    "work.hours_per_week", "work.employer_cost_allowance",
    "sheltered_work.support_cost_per_month_eur", "jobcoach.price_per_hour_eur",
    "home_support.hours_per_week", "home_support.price_per_hour_eur",
    "benefits.bijstand_per_month_eur", "benefits.uwv_per_month_eur",
    "benefits.disregard_lks_share", "benefits.disregard_lks_cap_eur",
    "benefits.disregard_months", "benefits.disregard_share", "benefits.disregard_cap_eur",
    "indicatie.cost_per_assessment_eur", "voorziening.intake_cost_eur",
    "voorziening.admin_share", "indicatie.billing_overhead_share",
    "indicatie.eligibility_probability", "participatiewet.walls_eligibility_factor",
    "indicatie.term_months", "indicatie.continuation_probability",
    "help_seeking.retry_after_months", "service.legal_term_months", "work.trial_months",
    "participatiewet.activation_per_month", "participatiewet.activation_months",
    "participatiewet.activation_places_per_10000",
    "providers.outcome_bonus_eur", "providers.outcome_bonus_referral_effect",
    "sheltered_work.places_per_10000", "sheltered_work.exit_per_month",
    "sheltered_work.min_loonwaarde", "single_front_door.assessment_cost_share",
    "volunteer_offset.support_reduction", "single_front_door.months_saved",
    "indicatie.min_processing_months", "population.move_away_per_year",
    "population.wlz_per_year", "development.unsupported_factor",
    "development.relapse_instability_effect", "development.abrupt_stop_multiplier",
    "development.skill_gain_per_month", "development.loonwaarde_per_skill",
    "work.established_after_months", "work.established_hazard_factor",
    "jobcoach.hazard_reduction", "work.min_loonwaarde", "work.willingness_per_month",
    "work.wage_subsidy_cap_share", "participatiewet.referral_per_month",
    "trial_placements.internal_hire_probability", "trial_placements.skill_boost",
    "trial_placements.min_rung", "voorziening.max_crowding", "employers.trial_slots",
    "trial_placements.extra_slots_per_employer", "trial_placements.internal_slots_per_provider",
    "employers.learning_rate", "employers.vacancy_fill_per_month",
    "providers.work_orientation_effect", "participatiewet.activation_work_orientation")
#: The values a model reads per municipality, so that its municipalities (a country's, or
#: the replications, samples and points that ``runs.run_together`` steps as one) may
#: differ in them: a municipality's own figures, every unmeasured parameter (a PSA's draw)
#: and ``ALSO_PER_MUNICIPALITY``. Any other value is the same for all of a model's
#: municipalities (``Local.common`` refuses one that differs). tests/test_together.py
#: lets each differ.
PER_MUNICIPALITY = frozenset({*OWN_VALUES, *(p.key for p in uncertain_params()),
                              *ALSO_PER_MUNICIPALITY})


class Local:
    """The municipalities of one model: their values and seeds, in model order."""

    def __init__(self, values: Sequence[Mapping[str, Any]], own_seeds: Sequence[int]):
        self.values = list(values)
        self.seeds = np.array([int(s) for s in own_seeds], dtype=np.uint64)
        self.count = len(self.values)
        first = self.values[0]
        others = [v for v in self.values[1:] if v is not first]  # replications share theirs
        differing = frozenset(key for key in first if any(v[key] != first[key] for v in others))
        self.common: Mapping[str, Any] = first if not differing else Common(first, differing)
        self._arrays: dict[str, np.ndarray] = {}
        self._derived: dict[Hashable, Any] = {}
        self._keys: dict[str, np.ndarray] = {}
        self._streams: dict[str, tuple[int, np.ndarray]] = {}

    def array(self, key: str) -> np.ndarray:
        """One value per municipality."""
        if key not in self._arrays:
            self._arrays[key] = np.array([v[key] for v in self.values])
        return self._arrays[key]

    def derived(self, name: Hashable, make: Callable[[], T]) -> T:
        """Something made from the municipalities' values (the payments' prices, say),
        made once for the model."""
        if name not in self._derived:
            self._derived[name] = make()
        return self._derived[name]

    def keys(self, decision: str) -> np.ndarray:
        """The keys of a decision under each municipality's seed (``rng.key_table``)."""
        if decision not in self._keys:
            self._keys[decision] = rng.key_table(self.seeds, decision)
        return self._keys[decision]

    def uniform(self, decision: str, month: int, ids: np.ndarray,
                municipality: np.ndarray) -> np.ndarray:
        """Uniform draws for these entities (residents, employers), each under the seed of
        its municipality (``rng.uniform``; ``rng.uniform_by`` for several)."""
        if self.count == 1:
            return rng.uniform(int(self.seeds[0]), decision, month, ids)
        return rng.uniform_by(self.streams(decision, month), ids, municipality)

    def streams(self, decision: str, month: int) -> np.ndarray:
        """A ``rng.by_seed`` key per municipality (for compiled kernels), kept for the month."""
        cached = self._streams.get(decision)
        if cached is None or cached[0] != month:
            cached = self._streams[decision] = (month, rng.by_seed(self.keys(decision), month))
        return cached[1]


class Common(Mapping):
    """The values every municipality of a model shares; one that differs raises."""

    def __init__(self, values: Mapping[str, Any], differing: frozenset[str]):
        self._values = values
        self.differing = differing

    def __getitem__(self, key: str) -> Any:
        if key in self.differing:
            raise KeyError(f"{key} differs by municipality in this model: ask for it per "
                           "municipality (model.local.array)")
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return (key for key in self._values if key not in self.differing)

    def __len__(self) -> int:
        return len(self._values) - len(self.differing)


class MunicipalityRun:
    """One municipality of a model, read as ``metrics.compute`` reads a model: its values,
    counters, ledger, series, residents, employers and jobs by group."""

    def __init__(self, model, k: int, rows: np.ndarray | None = None,
                 with_target_group: np.ndarray | None = None):
        """``rows`` (the municipality's, in order) and ``with_target_group`` (employers
        with the target group, by municipality) when several runs are read at once."""
        self.p = model.local.values[k]
        self.month = model.month
        self.stats = dict(zip(model.counters, model.counts[:, k].tolist()))
        self.ledger = Ledger.of(model.ledger, k)
        self._series = dict(zip(series_columns(), model.series_by_municipality[k]))
        pop = model.population
        if rows is None and model.local.count > 1:
            rows = np.flatnonzero(pop.municipality[: pop.n] == k)
        self.population = pop if rows is None else pop.subset(rows)
        self.market_size = int(model.market_sizes[k])
        if with_target_group is None:
            with_target_group = model.employers_with_target_group()
        self._with_target_group = int(with_target_group[k])
        self.jobs_by_group = model.jobs_by_group[k]

    @classmethod
    def every(cls, model) -> Iterator["MunicipalityRun"]:
        """Each municipality's run in model order, the rows of all found in one sort."""
        pop = model.population
        with_target_group = model.employers_with_target_group()
        if model.local.count == 1:
            yield cls(model, 0, None, with_target_group)
            return
        order = np.argsort(pop.municipality[: pop.n], kind="stable")
        bounds = np.searchsorted(pop.municipality[: pop.n][order],
                                 np.arange(model.local.count + 1))
        for k in range(model.local.count):
            yield cls(model, k, order[bounds[k]: bounds[k + 1]], with_target_group)

    def series(self) -> dict[str, np.ndarray]:
        return self._series

    def employers_with_target_group(self) -> int:
        return self._with_target_group
