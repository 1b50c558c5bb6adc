"""The Mesa model of one municipality: build the agents, then step month by month.

``DoorstroomModel.step`` runs the phases of ``phases.PLAN`` in order. The model
holds what every phase shares (population arrays, providers, employers, ledger,
policy, counters) and the few helpers phases need; the rules themselves live in
``phases`` (common to both regimes) and ``policies`` (where they differ).
"""

from __future__ import annotations

from typing import Any, Mapping

import mesa
import numpy as np
import pandas as pd

from . import access, rng
from .agents import Employer, Provider, Resident
from .declarations import (
    CATEGORIES,
    COST_CATEGORIES,
    PAYER_NAMES,
    money_column,
    payer_column,
)
from .ledger import Ledger
from .phases import PLAN
from .policies import Policy, all_counters
from .population import Population, Status, entrant_ids
from .scenario import Scenario
from .scenario_checks import estimated_capacity

#: Materialise a Mesa handle per resident up to this many residents (else on demand).
HANDLE_LIMIT = 20_000
_STATUS_COLUMNS = {
    Status.NONE: "no_support",
    Status.WAITING_ASSESSMENT: "waiting_assessment",
    Status.WAITING_PLACEMENT: "waiting_placement",
    Status.DAY_ACTIVITY: "in_day_activity",
    Status.TRIAL_PLACEMENT: "in_trial_placement",
    Status.PAID_WORK: "in_paid_work",
    Status.SHELTERED_WORK: "in_sheltered_work",
}
_RUNG_COLUMNS = tuple(f"rung_{r}" for r in range(1, 7))
_STATUS_ITEMS = tuple((int(status), column) for status, column in _STATUS_COLUMNS.items())
_MONEY_COLUMNS = tuple((c, money_column(c)) for c in CATEGORIES)
_PAYER_COLUMNS = tuple((p, payer_column(p)) for p in PAYER_NAMES)
_FLOW_COUNTERS = ("entries", "exits", "queue_arrivals", "assessments", "placements",
                  "referrals", "trials_started", "jobs_started", "jobs_ended",
                  "jobs_sustained_6m", "jobs_sustained_12m", "ladder_up", "ladder_down")


class DoorstroomModel(mesa.Model):
    """One municipality under one policy, month by month.

    Args:
        scenario: a validated ``Scenario`` (or a mapping of every parameter).
        policy: a policy label: a regime (``"voorziening"``), a regime with variants
            (``"indicatie+safety_net"``) or an alternative named in the scenario; ``None``
            takes ``policy.regime``. The scenario's ``policy.variants`` always apply.
        seed: seed of all keyed draws; ``None`` takes ``simulation.seed``.
        resident_agents: make a Mesa ``Resident`` handle per resident; ``None`` does so
            up to ``HANDLE_LIMIT`` residents (else use ``model.resident(row)``).
        ledger_detail: keep every ledger entry with its resident and provider.

    Example::

        from simulation import load_scenario
        from simulation.model import DoorstroomModel
        m = DoorstroomModel(load_scenario("scenarios/baseline.toml"), policy="voorziening")
        m.run()
        m.timeseries().tail()
    """

    def __init__(self, scenario: Scenario, policy: str | None = None, seed: int | None = None,
                 resident_agents: bool | None = None, ledger_detail: bool = False):
        spec = scenario.policy(policy)
        if spec.overrides:
            scenario = scenario.with_overrides(spec.overrides)
        p: Mapping[str, Any] = scenario.values
        self.seed = int(p["simulation.seed"] if seed is None else seed)
        # Mesa's own generator is seeded for completeness but no decision uses it.
        super().__init__(rng=self.seed % (2**32))
        self.p = p
        self.spec = scenario  # (Mesa 3.5 reserves model.scenario)
        self.months = int(p["simulation.months"])
        self.month = 0
        self.spec_policy = spec
        self.policy = Policy(spec.regime, spec.variants, p)
        self.ledger = Ledger(self.months, detail=ledger_detail)
        self.stats = dict.fromkeys(
            (*_FLOW_COUNTERS, "queue_departures", "queue_wait_sum", "assessment_wait_sum",
             "placement_wait_sum", "jobs_started_followed_12m", "new_jobs_retained_12m",
             "referrals_held_for_budget", "switched_at", *all_counters()), 0)
        self.requests = np.array([], dtype=np.int64)
        self.jobs_by_group = np.zeros(6, dtype=np.int64)  # jobs started, by target group
        self.provider_month: dict[str, np.ndarray] = {}

        n0 = int(p["population.residents"])
        self.population = Population(estimated_capacity(p))
        self.population.add(np.arange(n0, dtype=np.uint64), 0, self.seed, p, initial=True)
        # Entrants: how many in each month is a keyed draw, who they are depends on their
        # id only, so all of them are made now and admitted month by month.
        months = np.arange(self.months + 1)
        self.entrants = rng.poisson_ppf(rng.over_months(self.seed, "entries", months),
                                        n0 * p["population.entries_per_year"] / 12.0)
        self.entrants[0] = 0
        self.population.stage(np.concatenate(
            [entrant_ids(m, int(c)) for m, c in enumerate(self.entrants) if c]
            or [np.zeros(0, np.uint64)]), self.seed, p)
        self._build_providers(scenario.organisations)
        self._build_employers()
        self._apply_policy_structures()
        self._place_initial()

        self.handles: dict[int, Resident] = {}
        self.materialise = n0 <= HANDLE_LIMIT if resident_agents is None else resident_agents
        if self.materialise:
            self.make_handles(np.arange(self.population.n))
        self._series = {name: np.zeros(self.months + 1) for name in self.series_columns()}

    # --- building ------------------------------------------------------------------

    def _build_providers(self, organisations) -> None:
        self.providers: list[Provider] = [
            Provider(self, k, o["name"], o["kind"], o["places_per_dagdeel"], o["work_orientation"])
            for k, o in enumerate(organisations)]
        self.total_places = sum(pr.places_per_dagdeel for pr in self.providers) or 1.0
        p = self.p
        self.funded_slots = p["voorziening.budget_per_year_eur"] / (
            p["indicatie.tariff_per_dagdeel_eur"] * p["voorziening.place_cost_share_of_tariff"]
            * p["day_activity.weeks_per_year"])

    def _build_employers(self) -> None:
        p, n = self.p, int(self.p["employers.count"])
        ids = np.uint64(rng.EMPLOYER_BASE) + np.arange(n, dtype=np.uint64)
        size = 0.2 + 1.6 * rng.uniform(self.seed, "employer_size", -1, ids)  # mean 1
        rate = p["employers.vacancies_per_month"] * size / size.sum() if n else size
        mean = p["employers.inclusiveness_mean"]
        incl = np.clip(mean + 0.4 * (rng.uniform(self.seed, "employer_inclusiveness", -1, ids)
                                     - 0.5), 0.0, 1.0)
        has_tg = rng.uniform(self.seed, "employer_target_group", -1, ids) < \
            p["employers.share_with_target_group_start"]
        # Every provider's own business is an employer too; it hosts stages only when a
        # policy opens them (variant trial_placements), see _apply_policy_structures.
        n_all = n + len(self.providers)
        self.vacancy_rates = np.zeros(n_all)
        self.vacancy_rates[:n] = rate
        self.open_vacancies = np.zeros(n_all, dtype=np.int64)
        self.target_group_employees = np.zeros(n_all, dtype=np.int64)
        self.external_target_group = np.zeros(n_all, dtype=np.int64)
        self.external_target_group[:n] = has_tg
        self.employers: list[Employer] = [
            Employer(self, k, float(incl[k]), trial_slots=0) for k in range(n)]
        self.employers += [Employer(self, n + pr.index, 1.0, trial_slots=0,
                                    internal_of=pr.index) for pr in self.providers]
        self.all_employers = np.arange(n)
        k_partners = min(int(p["providers.partner_employers"]), n)
        for pr in self.providers:
            score = rng.uniform(self.seed, f"partner:{pr.index}", -1, ids)
            pr.market_partners = np.sort(np.argsort(score, kind="stable")[:k_partners])
        self.employer_ids = np.uint64(rng.EMPLOYER_BASE) + np.arange(n_all, dtype=np.uint64)

    def _apply_policy_structures(self) -> None:
        """Trial places, providers' own stages and sheltered places, as the policy sets them."""
        p, policy = self.p, self.policy
        extra = policy.extra_trial_slots()
        internal = policy.internal_trial_slots()
        for e in self.employers:
            e.trial_slots = internal if e.internal_of is not None else (
                p["employers.trial_slots"] + extra)
        for pr in self.providers:
            own = [len(self.all_employers) + pr.index] if internal else []
            pr.partner_employers = np.concatenate([own, pr.market_partners]).astype(np.int64)
        self.sheltered_places = policy.sheltered_places()

    def _switch_policy(self, month: int) -> None:
        """The council changes policy: the new regime takes over, with transitional rights."""
        spec = self.spec_policy.switch_to
        old = self.policy
        self.policy = Policy(spec.regime, spec.variants, self.p)
        self._apply_policy_structures()
        self.policy.regime.adopt(self, month, old.regime, self.spec_policy.transition_months)
        self.stats["switched_at"] = month

    def _place_initial(self) -> None:
        """Residents in day activities or work at month 0 get a provider or an employer."""
        pop = self.population
        da = self.rows_with(Status.DAY_ACTIVITY)
        if da.size:
            pop.provider[da] = access.preference_ranking(self, da)[:, 0]
        work = self.rows_with(Status.PAID_WORK)
        if work.size and self.all_employers.size:
            pick = rng.uniform(self.seed, "initial_employer", -1, pop.id[work])
            pop.employer[work] = (pick * self.all_employers.size).astype(np.int64)
            for e in pop.employer[work]:
                self.employers[e].target_group_employees += 1

    # --- Mesa handles ----------------------------------------------------------------

    def make_handles(self, rows) -> None:
        """Create ``Resident`` agents for these rows (when handles are materialised)."""
        if self.materialise:
            for row in rows:
                self.handles[int(row)] = Resident(self, int(row))

    def resident(self, row: int) -> Resident:
        """The handle of one resident, made on demand when not materialised."""
        row = int(row)
        if row not in self.handles:
            self.handles[row] = Resident(self, row)
        return self.handles[row]

    # --- helpers the phases share -----------------------------------------------------

    def draw(self, decision: str, rows: np.ndarray) -> np.ndarray:
        """Uniform draws for these residents, keyed by (seed, resident, decision, month)."""
        return rng.uniform(self.seed, decision, self.month, self.population.id[rows])

    def rows_with(self, status: Status) -> np.ndarray:
        return self.population.rows_with(status)

    def attended_dagdelen(self, rows: np.ndarray) -> np.ndarray:
        """Dagdelen attended this month by each resident (indicated x weeks x attendance)."""
        p = self.p
        return self.population.dagdelen[rows] * (
            p["day_activity.weeks_per_year"] / 12.0 * p["day_activity.attendance_rate"])

    def referral_chance(self, rows: np.ndarray) -> np.ndarray:
        """Each resident's chance this month of being proposed by its provider."""
        chance = np.array([pr.referral_probability for pr in self.providers])
        return chance[self.population.provider[rows]]

    def provider_factor(self) -> np.ndarray:
        """Development speed at each provider: guidance x work orientation."""
        return np.array([pr.guidance * pr.development_factor for pr in self.providers])


    def employers_with_target_group(self) -> int:
        """Employers in the market (not providers' own businesses) employing at least one
        person of the target group, from outside the model or among the residents."""
        market = self.all_employers.size
        return int(np.count_nonzero(
            (self.external_target_group + self.target_group_employees)[:market]))

    def book(self, month: int, category: str, amount_eur, rows: np.ndarray | None = None,
             provider: np.ndarray | None = None) -> int:
        """Every payment goes through here, to the payer the policy names for its category.

        With ``rows``, an amount per resident (one number: the same for each); without, one
        amount (or one per ``provider``). Resident ids are looked up only when the ledger
        keeps every entry. Returns the booked total in cents.
        """
        detail = self.ledger.detail
        payer = self.policy.payer(category)
        if rows is None:
            return self.ledger.book(month, payer, category, amount_eur,
                                    provider=provider if detail else None)
        return self.ledger.book(month, payer, category, amount_eur,
                                resident=self.population.id[rows] if detail else None,
                                provider=provider if detail else None, count=len(rows))

    def stop_support(self, rows: np.ndarray, month: int) -> None:
        """Day activities end (decision not renewed): the resident is on its own again."""
        pop = self.population
        pop.provider[rows] = -1
        pop.has_decision[rows] = False
        pop.support_stopped[rows] = month
        pop.set_status(rows, Status.NONE, month)

    def exit(self, rows: np.ndarray, month: int) -> None:
        """Residents leave scope; queues, trials and jobs they held are released."""
        pop = self.population
        if rows.size == 0:
            return
        queued = rows[pop.queue_since[rows] != access.NEVER]
        access.leave_queue(self, queued, month)
        for row in rows[pop.employer[rows] >= 0]:
            employer = self.employers[pop.employer[row]]
            if pop.status[row] == Status.TRIAL_PLACEMENT:
                employer.trials -= 1
            else:
                employer.target_group_employees -= 1
        pop.provider[rows] = -1
        pop.employer[rows] = -1
        pop.exited[rows] = month
        pop.set_status(rows, Status.EXITED, month)
        self.stats["exits"] += rows.size
        if self.materialise:
            for row in rows:
                handle = self.handles.pop(int(row), None)
                if handle is not None:
                    handle.remove()

    # --- running ---------------------------------------------------------------------

    @classmethod
    def plan(cls) -> list[tuple[str, str]]:
        """The monthly phases in order, with what each does."""
        return [(name, doc) for name, _, doc in PLAN]

    def step(self) -> None:
        """One month: every phase of ``phases.PLAN`` in order (after a policy switch, if due)."""
        self.month += 1
        if self.spec_policy.switch_to is not None and self.month == self.spec_policy.switch_month:
            self._switch_policy(self.month)
        for _, phase, _ in PLAN:
            phase(self, self.month)

    def run(self, months: int | None = None) -> "DoorstroomModel":
        for _ in range(self.months if months is None else months):
            if self.month >= self.months:
                break
            self.step()
        return self

    # --- observation -----------------------------------------------------------------

    @staticmethod
    def series_columns() -> list[str]:
        return ["residents", *(f"rung_{r}" for r in range(1, 7)), *_STATUS_COLUMNS.values(),
                "assessment_queue", "on_transitional_rights", "after_switch",
                *_FLOW_COUNTERS, "mean_guidance",
                "employers_with_target_group",
                "cost_total_eur", *(money_column(c) for c in COST_CATEGORIES),
                *(payer_column(p) for p in PAYER_NAMES),
                *(money_column(c) for c in CATEGORIES if c not in COST_CATEGORIES)]

    def record(self, month: int) -> None:
        pop, s, n = self.population, self._series, self.population.n
        st = pop.status[:n]
        present = pop.present()
        s["residents"][month] = np.count_nonzero(present)
        rungs = np.bincount(pop.rung[:n][present], minlength=7)
        for r, column in enumerate(_RUNG_COLUMNS, start=1):
            s[column][month] = rungs[r]
        counts = np.bincount(st, minlength=len(Status))
        for status, column in _STATUS_ITEMS:
            s[column][month] = counts[status]
        s["assessment_queue"][month] = np.count_nonzero(pop.queue_since[:n] != access.NEVER)
        da = pop.rows_with(Status.DAY_ACTIVITY)
        s["on_transitional_rights"][month] = np.count_nonzero(
            pop.transitional_until[da] >= month)
        s["after_switch"][month] = float(0 < self.stats["switched_at"] <= month)
        for name in _FLOW_COUNTERS:
            s[name][month] = self.stats[name]  # cumulative; differenced in timeseries()
        clients = self.provider_month.get("clients")
        total_clients = clients.sum() if clients is not None else 0
        if total_clients:
            g = np.array([pr.guidance for pr in self.providers])
            s["mean_guidance"][month] = float((g * clients).sum() / total_clients)
        else:
            s["mean_guidance"][month] = 1.0
        s["employers_with_target_group"][month] = self.employers_with_target_group()
        by_category, by_payer = self.ledger.month_cents(month)
        s["cost_total_eur"][month] = sum(by_category[c] for c in COST_CATEGORIES) / 100
        for category, column in _MONEY_COLUMNS:
            s[column][month] = by_category[category] / 100
        for payer, column in _PAYER_COLUMNS:
            s[column][month] = by_payer[payer] / 100

    def series(self) -> dict[str, np.ndarray]:
        """The recorded series, month 0 to ``months``: stocks, and flows as running totals."""
        return self._series

    def timeseries(self) -> pd.DataFrame:
        """One row per month (1..months run so far); flows per month, stocks at month end."""
        return series_frame(self._series, self.month)



def series_frame(series: Mapping[str, np.ndarray], months: int) -> pd.DataFrame:
    """Recorded series as the ``timeseries`` table: months 1..months, flows differenced."""
    df = pd.DataFrame({k: v[1: months + 1] for k, v in series.items()})
    for name in _FLOW_COUNTERS:
        df[name] = np.diff(np.concatenate([[0.0], df[name].to_numpy()]))
    df.insert(0, "month", np.arange(1, months + 1))
    int_cols = [c for c in df.columns if not c.endswith("_eur") and c != "mean_guidance"]
    df[int_cols] = df[int_cols].astype(np.int64)
    return df
