"""The Mesa model of one municipality: build the agents, then step month by month.

``DoorstroomModel.step`` runs the phases of ``phases.PLAN`` in order. The model
holds what every phase shares (population arrays, providers, employers, ledger,
policy, counters) and the few helpers phases need; the rules themselves live in
``phases`` (common to both regimes) and ``policies`` (where they differ).

Mesa's tools drive it (``mesa.batch_run``): it builds from keyword arguments alone, reports
through ``datacollector``, stops (``running``) at the horizon, draws a seed when given none.
"""

from __future__ import annotations

from typing import Any, Mapping

import mesa
import numpy as np
import pandas as pd

from . import access, funding, monthly, rng
from .agents import Employer, Provider, Resident
from .sharing import Elsewhere
from .budget import estimated_capacity
from .declarations import BY_KEY, GROUPS, KIND_FITS, PROVIDER_KINDS
from .ledger import Ledger
from .phases import PLAN
from .policies import Policy, all_counters
from .population import Benefit, Population, Status, entrant_ids
from .scenario import BUILTIN, Scenario, load
from .scenario_checks import keyword_overrides

#: Materialise a Mesa handle per resident up to this many residents (else on demand).
HANDLE_LIMIT = 20_000


class DoorstroomModel(mesa.Model):
    """One municipality under one policy, month by month.

    Args:
        scenario: a validated ``Scenario``; ``None`` runs the built-in baseline.
        policy: a policy label: a regime (``"voorziening"``), a regime with variants
            (``"indicatie+safety_net"``) or an alternative named in the scenario; ``None``
            takes ``policy.regime``. The scenario's ``policy.variants`` always apply.
        seed: seed of all keyed draws; ``None`` draws a fresh one (kept as ``model.seed``).
            The scenario's ``simulation.seed`` is used only when passed here.
        resident_agents: make a Mesa ``Resident`` handle per resident; ``None`` does so
            up to ``HANDLE_LIMIT`` residents (else use ``model.resident(row)``).
        ledger_detail: keep every ledger entry with its resident and provider.
        **parameters: scenario keys with ``__`` for ``.`` (``indicatie__term_months=24``),
            set on top of ``scenario`` and checked like a scenario file's values.

    Example::

        from simulation.model import DoorstroomModel
        m = DoorstroomModel(policy="voorziening", seed=7, help_seeking__latent_share=0.3)
        while m.running:
            m.step()
        m.datacollector.get_model_vars_dataframe().tail()
    """

    def __init__(self, scenario: Scenario | None = None, policy: str | None = None,
                 seed: int | None = None, resident_agents: bool | None = None,
                 ledger_detail: bool = False, **parameters: Any):
        if scenario is None:  # the built-in baseline (never a file of that name here)
            scenario = load(BUILTIN / "baseline.toml")
        if parameters:
            scenario = scenario.with_overrides(keyword_overrides(parameters), given=True)
        spec = scenario.policy(policy)
        if spec.overrides:
            scenario = scenario.with_overrides(spec.overrides)
        p: Mapping[str, Any] = scenario.values
        # A fresh seed from the OS's entropy, kept (Mesa 3.5 keeps the one it draws, 3.3 not);
        # Mesa's own generators are seeded from it too, but no decision uses them.
        self.seed = int(np.random.default_rng().integers(BY_KEY["simulation.seed"].high)
                        if seed is None else seed)
        super().__init__(rng=self.seed % (2**32))
        self.p = p
        self.spec = scenario  # (Mesa 3.5 reserves model.scenario)
        self.months = int(p["simulation.months"])
        self.month = 0
        self.spec_policy = spec
        self.policy = Policy(spec.regime, spec.variants, p)
        self.ledger = Ledger(self.months, detail=ledger_detail)
        self.stats = dict.fromkeys(
            (*monthly.FLOW_COUNTERS, "queue_departures", "queue_wait_sum", "assessment_wait_sum",
             "placement_wait_sum", "jobs_started_followed_12m", "referrals_held_for_budget",
             "switched_at", "access_placements", "access_wait_sum", "access_beyond_term",
             "jobs_at_start", "activations", "jobs_from_day_activities", *all_counters()), 0)
        self.attended_by_month = np.zeros(self.months + 1)  # dagdelen attended each month
        self.requests = np.array([], dtype=np.int64)
        self.jobs_by_group = np.zeros(6, dtype=np.int64)  # jobs started, by target group
        self.provider_month: dict[str, np.ndarray] = {}
        #: The rest of the region's pool when the model runs in a region (``regions``).
        self.elsewhere: Elsewhere | None = None

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
        self.series_table, self._series = monthly.new_series(self.months)
        # Collected after each month, not at month 0 (as ``timeseries``): so Mesa 3.3's
        # ``batch_run``, which reads row ``steps - 1``, reports the last month.
        self.datacollector = mesa.DataCollector(model_reporters=monthly.MESA_REPORTERS)
        self.running = self.month < self.months

    # --- building ------------------------------------------------------------------

    def _build_providers(self, organisations) -> None:
        self.providers: list[Provider] = [
            Provider(self, k, o["name"], o["kind"], o["places_per_dagdeel"], o["work_orientation"])
            for k, o in enumerate(organisations)]
        self.total_places = sum(pr.places_per_dagdeel for pr in self.providers) or 1.0
        #: Whether each provider is made for each target group (``KIND_FITS``).
        self.provider_fit = np.array([[g in KIND_FITS[pr.kind] for g in GROUPS]
                                      for pr in self.providers], dtype=bool)
        p = self.p
        # What development speed takes from the providers beside their guidance
        # (``development_speed``): work orientation, fit, and the activation routes' row.
        activation = max(0.0, 1.0 + p["providers.work_orientation_effect"] * (
            p["participatiewet.activation_work_orientation"] - 0.5))
        self._development = (
            np.array([pr.development_factor for pr in self.providers]),
            1.0 + p["providers.mixed_group_effect"] * ~self.provider_fit,
            np.full((1, len(GROUPS)), activation))
        #: The price per attended dagdeel at each provider (indicatie).
        self.tariffs = np.array([funding.tariff(p, pr.kind) for pr in self.providers])
        self.lump_sum = funding.first_budget(p, organisations)  # a year, under voorziening
        self.funded_slots = funding.funded_places(p, organisations, self.lump_sum)

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
        #: The market employers residents are proposed to (in a region: the region's).
        self.all_employers = np.arange(n)
        #: This municipality's employers, its market ones first, in ``employers`` (they
        #: are all of them unless the region shares employers, ``regions``).
        self.own_employers, self.market_size = slice(0, n_all), n
        for pr in self.providers:
            factor = p["providers.partners_by_kind"][PROVIDER_KINDS.index(pr.kind)]
            k_partners = min(int(round(p["providers.partner_employers"] * factor)), n)
            score = rng.uniform(self.seed, f"partner:{pr.index}", -1, ids)
            pr.market_partners = np.sort(np.argsort(score, kind="stable")[:k_partners])
        self.employer_ids = np.uint64(rng.EMPLOYER_BASE) + np.arange(n_all, dtype=np.uint64)

    def _apply_policy_structures(self) -> None:
        """Trial places, providers' own stages and sheltered places, as the policy sets them."""
        p, policy = self.p, self.policy
        extra = policy.extra_trial_slots()
        internal = policy.internal_trial_slots()
        mine = self.own_employers
        for e in self.employers[mine]:
            e.trial_slots = internal if e.internal_of is not None else (
                p["employers.trial_slots"] + extra)
        for pr in self.providers:
            own = [mine.start + self.market_size + pr.index] if internal else []
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
            # Today's participants came with a decision: where their group fits.
            pop.provider[da] = access.preference_ranking(self, da, by_fit=True)[:, 0]
        work = self.rows_with(Status.PAID_WORK)
        self.stats["jobs_at_start"] = int(work.size)
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

    def referral_chances(self) -> np.ndarray:
        """Each provider's chance this month of proposing a ready client."""
        return np.array([pr.referral_probability for pr in self.providers])

    def development_speed(self) -> np.ndarray:
        """Development speed by (provider, target group): guidance x work orientation, and
        ``providers.mixed_group_effect`` where the provider is not made for the group; a
        last row for activation routes (full guidance at a social enterprise)."""
        factor, mixed, activation = self._development
        base = np.array([pr.guidance for pr in self.providers]) * factor
        return np.vstack([base[:, None] * mixed, activation])

    def employers_with_target_group(self) -> int:
        """This municipality's employers in the market (not providers' own businesses)
        employing at least one person of the target group, from outside the model or
        among the residents."""
        market = slice(self.own_employers.start, self.own_employers.start + self.market_size)
        return int(np.count_nonzero(
            (self.external_target_group + self.target_group_employees)[market]))

    def book(self, month: int, category: str, amount_eur, rows: np.ndarray | None = None,
             provider: np.ndarray | None = None) -> int:
        """Every payment goes through here, to the payer the policy names for its category.

        With ``rows``, an amount per resident (one number: the same for each); without, one
        amount (or one per ``provider``). Resident ids are looked up only when the ledger
        keeps every entry. Returns the booked total in cents.
        """
        detail = self.ledger.detail
        payer, uwv_payer = self.policy.payers(category)
        if rows is None:
            return self.ledger.book(month, payer, category, amount_eur,
                                    provider=provider if detail else None)
        if uwv_payer != payer:
            theirs = self.population.benefit[rows] == int(Benefit.UWV)
            if theirs.any():
                return (self._book_rows(month, payer, category, amount_eur, rows, provider,
                                        ~theirs)
                        + self._book_rows(month, uwv_payer, category, amount_eur, rows,
                                          provider, theirs))
        return self.ledger.book(month, payer, category, amount_eur,
                                resident=self.population.id[rows] if detail else None,
                                provider=provider if detail else None, count=len(rows))

    def _book_rows(self, month, payer, category, amount_eur, rows, provider, mask) -> int:
        """Book the part ``mask`` of a per-resident booking to ``payer``."""
        if np.ndim(amount_eur):
            amount_eur = np.asarray(amount_eur)[mask]
        if provider is not None and np.ndim(provider):
            provider = np.asarray(provider)[mask]
        detail = self.ledger.detail
        part = rows[mask]
        return self.ledger.book(month, payer, category, amount_eur,
                                resident=self.population.id[part] if detail else None,
                                provider=provider if detail else None, count=len(part))

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
            if pop.status[row] == int(Status.TRIAL_PLACEMENT):
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
        """One month: every phase of ``phases.PLAN`` in order (after a policy switch, if due).

        At the horizon ``running`` turns False and further steps do nothing, so Mesa's
        runners (``while model.running``, ``batch_run``) stop there.
        """
        if not self.begin_month():
            return
        for _, phase, _ in PLAN:
            phase(self, self.month)
        self.running = self.month < self.months

    def begin_month(self) -> bool:
        """Turn to the next month (switching policy when due); False at the horizon."""
        if self.month >= self.months:
            return False
        self.month += 1
        if self.spec_policy.switch_to is not None and self.month == self.spec_policy.switch_month:
            self._switch_policy(self.month)
        return True

    def run(self, months: int | None = None) -> "DoorstroomModel":
        """Step ``months`` months (default: to the horizon), stopping at the horizon."""
        for _ in range(self.months if months is None else months):
            if self.month >= self.months:
                break
            self.step()
        return self

    # --- observation -----------------------------------------------------------------

    @staticmethod
    def series_columns() -> list[str]:
        return monthly.series_columns()

    def record(self, month: int) -> None:
        """The month's series, then Mesa's ``datacollector`` (which reads them)."""
        monthly.record(self, month)
        self.datacollector.collect(self)

    def series(self) -> dict[str, np.ndarray]:
        """The recorded series, month 0 to ``months``: stocks, and flows as running totals."""
        return self._series

    def timeseries(self) -> pd.DataFrame:
        """One row per month (1..months run so far); flows per month, stocks at month end."""
        return monthly.series_frame(self._series, self.month)
