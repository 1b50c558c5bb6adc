"""The Mesa model of a municipality: build the agents, then step month by month.

``DoorstroomModel.step`` runs the phases of ``phases.PLAN`` in order. The model
holds what every phase shares (population arrays, providers, employers, ledger,
policy, counters) and the few helpers phases need; the rules themselves live in
``phases`` (common to both regimes) and ``policies`` (where they differ). A national run
puts many municipalities in one model (``together``, ``municipal``): each keeps its own
values, seed, providers, employers, counters and ledger.

Mesa's tools drive it (``mesa.batch_run``): it builds from keyword arguments alone, reports
through ``datacollector``, stops (``running``) at the horizon, draws a seed when given none.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping, Sequence

import mesa
import numpy as np
import pandas as pd

from . import access, building, monthly
from .monthly import COUNTER, COUNTERS
from .agents import Resident
from .declarations import BY_KEY, GROUPS
from .ledger import Ledger
from .municipal import Local, MunicipalityRun
from .payments import attended_per_dagdeel
from .phases import PLAN
from .policies import Policy
from .population import Benefit, Status
from .scenario import BUILTIN, Scenario, load
from .scenario_checks import keyword_overrides
from .sharing import Elsewhere

#: Materialise a Mesa handle per resident up to this many residents (else on demand).
HANDLE_LIMIT = 20_000


class DoorstroomModel(mesa.Model):
    """A municipality under one policy, month by month (or many at once: ``together``).

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
        # A fresh seed from the OS's entropy, kept (Mesa 3.5 keeps the one it draws, 3.3 not);
        # Mesa's own generators are seeded from it too, but no decision uses them.
        if seed is None:
            seed = int(np.random.default_rng().integers(BY_KEY["simulation.seed"].high))
        self._build([scenario], policy, [seed], resident_agents, ledger_detail)

    @classmethod
    def together(cls, scenarios: Sequence[Scenario], policy: str | None,
                 own_seeds: Sequence[int], residents: building.Residents | None = None,
                 keep_residents: bool = False) -> "DoorstroomModel":
        """Several municipalities in one model, each with its own scenario (made from one
        reference: the same organisations, months and policies) and seed, under one policy
        label: each runs as it would alone (``municipal``), stepped as one population.
        ``municipality(k)`` is the k-th's run, for ``metrics.compute``. Its employers are its
        arrays only (no ``Employer`` agents: the country has over 70,000).

        ``keep_residents``: keep the residents as built (``model.residents``), so that a
        model of the same municipalities under another policy starts from a copy of them
        (``residents``) instead of making them again.
        """
        model = cls.__new__(cls)
        model._build(list(scenarios), policy, list(own_seeds), False, False, agents=False,
                     residents=residents, keep_residents=keep_residents)
        return model

    def _build(self, scenarios: list[Scenario], policy: str | None, seeds: list[int],
               resident_agents: bool | None, ledger_detail: bool, agents: bool = True,
               residents: building.Residents | None = None,
               keep_residents: bool = False) -> None:
        specs = [sc.policy(policy) for sc in scenarios]
        scenarios = [sc.with_overrides(spec.overrides) if spec.overrides else sc
                     for sc, spec in zip(scenarios, specs)]
        self.seed = int(seeds[0])
        super().__init__(rng=self.seed % (2**32))
        #: Each municipality's values and seed; ``p``: the values they share.
        self.local = Local([sc.values for sc in scenarios], seeds)
        p: Mapping[str, Any] = self.local.common
        self.p = p
        self.spec = scenarios[0]  # (Mesa 3.5 reserves model.scenario)
        self.months = int(p["simulation.months"])
        self.month = 0
        self.spec_policy = spec = specs[0]
        self.policy = Policy(spec.regime, spec.variants, p)
        count = self.local.count
        self.ledger = Ledger(self.months, detail=ledger_detail, municipalities=count)
        #: Counters by municipality (a row per name of ``COUNTERS``); ``stats`` sums them.
        self.counts = np.zeros((len(COUNTERS), count), dtype=np.int64)
        # dagdelen attended each month
        self.attended_by_month = np.zeros((count, self.months + 1))
        self.requests = np.array([], dtype=np.int64)
        self.jobs_by_group = np.zeros((count, len(GROUPS)), dtype=np.int64)  # jobs started
        self.provider_month: dict[str, np.ndarray] = {}
        self.guidance = np.ones(len(scenarios) * len(scenarios[0].organisations))  # by provider
        #: Those who waited for a place when places were last offered (``access.place``).
        self.waiting: access.Waiting | None = None
        #: The rest of the region's pool when the model runs in a region (``regions``).
        self.elsewhere: Elsewhere | None = None

        organisations = scenarios[0].organisations
        self.residents = building.build_population(self, residents, keep_residents)
        building.build_providers(self, organisations)
        building.build_employers(self, agents)
        building.apply_policy_structures(self, spec)
        building.place_initial(self)

        self.handles: dict[int, Resident] = {}
        n0 = self.population.n
        self.materialise = n0 <= HANDLE_LIMIT if resident_agents is None else resident_agents
        if self.materialise:
            self.make_handles(np.arange(self.population.n))
        self.series_by_municipality, self.series_table, self._series = monthly.new_series(
            self.months, count)
        # Collected after each month, not at month 0 (as ``timeseries``): so Mesa 3.3's
        # ``batch_run``, which reads row ``steps - 1``, reports the last month.
        self.datacollector = mesa.DataCollector(model_reporters=monthly.MESA_REPORTERS)
        self.running = self.month < self.months

    # --- building ------------------------------------------------------------------

    def _switch_policy(self, month: int) -> None:
        """The council changes policy: the new regime takes over, with transitional rights."""
        spec = self.spec_policy.switch_to
        old = self.policy
        self.policy = Policy(spec.regime, spec.variants, self.p)
        building.apply_policy_structures(self, spec)
        self.policy.regime.adopt(self, month, old.regime, self.spec_policy.transition_months)
        self.counts[COUNTER["switched_at"]] = month

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

    def draw(self, decision: str, rows: np.ndarray, month: int | None = None) -> np.ndarray:
        """Uniform draws for these residents, keyed by (seed, resident, decision, month:
        this month unless given), each under its municipality's seed."""
        pop = self.population
        return self.local.uniform(decision, self.month if month is None else month,
                                  pop.id[rows], pop.municipality[rows])

    def count(self, name: str, rows: np.ndarray) -> None:
        """Add these residents to a counter, each to its municipality's."""
        if self.local.count == 1:
            self.counts[COUNTER[name], 0] += len(rows)
        else:
            self.counts[COUNTER[name]] += np.bincount(self.population.municipality[rows],
                                                      minlength=self.local.count)

    def tally(self, name: str, rows: np.ndarray, values: np.ndarray) -> None:
        """Add whole numbers, one per resident, to a counter, each to its municipality's."""
        if self.local.count == 1:
            self.counts[COUNTER[name], 0] += int(np.sum(values))
        else:
            self.counts[COUNTER[name]] += np.rint(np.bincount(
                self.population.municipality[rows], weights=values,
                minlength=self.local.count)).astype(np.int64)

    def add_counts(self, name: str, each: np.ndarray) -> None:
        """Add a number per municipality to a counter."""
        self.counts[COUNTER[name]] += each

    @property
    def stats(self) -> dict[str, int]:
        """The counters, over the municipalities (``switched_at``: the month)."""
        totals = self.counts.sum(axis=1)
        totals[COUNTER["switched_at"]] = self.counts[COUNTER["switched_at"], 0]
        return dict(zip(COUNTERS, totals.tolist()))

    def rows_with(self, status: Status) -> np.ndarray:
        return self.population.rows_with(status)

    def attended_dagdelen(self, rows: np.ndarray) -> np.ndarray:
        """Dagdelen attended this month by each resident (indicated x weeks x attendance)."""
        return self.population.dagdelen[rows] * self.for_residents(
            attended_per_dagdeel(self.local), rows)

    def for_residents(self, by_municipality: np.ndarray, rows: np.ndarray) -> Any:
        """Values by municipality for each of these residents (in a model of one: the one)."""
        one = by_municipality.size == 1
        return by_municipality[0] if one else by_municipality[self.population.municipality[rows]]

    def local_value(self, key: str, rows: np.ndarray) -> Any:
        """Each resident's value of ``key``: its municipality's."""
        return self.for_residents(self.local.array(key), rows)

    def loonwaarde(self, rows: np.ndarray) -> np.ndarray:
        """Each resident's loonwaarde now, at its municipality's value of a skill (float32)."""
        per_skill = self.local_value("development.loonwaarde_per_skill", rows)
        return self.population.loonwaarde(rows, per_skill.astype(np.float32))

    def referral_chances(self) -> np.ndarray:
        """Each provider's chance this month of proposing a ready client."""
        return self.policy.each("referral_chance", self.local.values)[self.provider_municipality]

    def development_speed(self) -> np.ndarray:
        """Development speed by (provider, target group): guidance x work orientation (x
        ``providers.mixed_group_effect`` off fit); then each municipality's activation row."""
        factor, mixed, activation = self.development
        base = self.guidance * factor
        return np.vstack([base[:, None] * mixed, activation])

    def employers_with_target_group(self) -> np.ndarray:
        """Each municipality's employers in the market (not providers' own businesses)
        employing at least one person of the target group, from outside the model or
        among the residents."""
        employs = (self.external_target_group + self.target_group_employees)[
            self.own_employers] > 0
        return np.bincount(self.employer_municipality, weights=employs & self.in_market,
                           minlength=self.local.count).astype(np.int64)

    def book(self, month: int, category: str, amount_eur, rows: np.ndarray | None = None,
             provider: np.ndarray | None = None, municipality=0) -> np.ndarray:
        """Every payment goes through here, to the payer the policy names for its category.

        With ``rows``, an amount per resident (one number: the same for each); without, one
        amount (or one per ``provider``) of ``municipality`` (one per amount, or which
        provider's). Resident ids are looked up only when the ledger keeps every entry.
        Returns the booked total in cents of each municipality.
        """
        detail = self.ledger.detail
        payer, uwv_payer = self.policy.payers(category)
        if rows is None:
            if provider is not None and self.local.count > 1:
                municipality = self.provider_municipality[provider]
            return self.ledger.book(month, payer, category, amount_eur,
                                    provider=provider if detail else None,
                                    municipality=municipality)
        if uwv_payer != payer:
            theirs = self.population.benefit[rows] == int(Benefit.UWV)
            if theirs.any():
                return (self._book_rows(month, payer, category, amount_eur, rows, provider,
                                        ~theirs)
                        + self._book_rows(month, uwv_payer, category, amount_eur, rows,
                                          provider, theirs))
        return self._book_rows(month, payer, category, amount_eur, rows, provider, None)

    def _book_rows(self, month, payer, category, amount_eur, rows, provider, mask):
        """Book the part ``mask`` (all: ``None``) of a per-resident booking to ``payer``."""
        if mask is not None:
            if np.ndim(amount_eur):
                amount_eur = np.asarray(amount_eur)[mask]
            if provider is not None and np.ndim(provider):
                provider = np.asarray(provider)[mask]
            rows = rows[mask]
        detail = self.ledger.detail
        return self.ledger.book(
            month, payer, category, amount_eur,
            resident=self.population.id[rows] if detail else None,
            provider=provider if detail else None, count=len(rows),
            municipality=0 if self.local.count == 1 else self.population.municipality[rows])

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
        held = rows[pop.employer[rows] >= 0]
        on_trial = pop.status[held] == int(Status.TRIAL_PLACEMENT)
        np.subtract.at(self.trials, pop.employer[held[on_trial]], 1)
        np.subtract.at(self.target_group_employees, pop.employer[held[~on_trial]], 1)
        pop.provider[rows] = -1
        pop.employer[rows] = -1
        pop.exited[rows] = month
        pop.set_status(rows, Status.EXITED, month)
        self.count("exits", rows)
        if self.materialise:
            for row in rows:
                handle = self.handles.pop(int(row), None)
                if handle is not None:
                    handle.remove()

    def municipality(self, k: int | None = None) -> MunicipalityRun:
        """The k-th municipality's run so far (``None``: the only one), as
        ``metrics.compute`` reads a model."""
        if k is None and self.local.count > 1:
            raise ValueError("a model of several municipalities has metrics per "
                             "municipality: compute(model.municipality(k))")
        return MunicipalityRun(self, k or 0)

    def municipalities(self) -> Iterator[MunicipalityRun]:
        """Every municipality's run so far, in model order (``municipality(k)`` for each,
        read together)."""
        return MunicipalityRun.every(self)

    counters = COUNTERS

    def release(self) -> None:
        """Let the model go as soon as its results are read: its agents are removed, so a
        worker running thousands of models frees each at once, not when the garbage
        collector gets to it. (A model nobody holds is freed either way: its agents count
        their ids without keeping it, ``agents.DoorstroomAgent``.)"""
        self.remove_all_agents()

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
