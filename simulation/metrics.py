"""Every metric of a run, declared once: name, how it is computed, unit, labels, weight.

Money comes from the ledger only (in cents, so the identities hold exactly); counts come
from the model's counters and series. ``METRICS`` is the one list: ``compute`` yields
exactly these, the national sums weight by ``Metric.weighted_by``, the report and the
dashboard take their labels from here. The metrics of every ledger category and payer
follow from ``simulation.declarations``; a new category gets its metric without an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable

import numpy as np

from .declarations import (
    CATEGORIES,
    COST_CATEGORIES,
    GROUP_LABELS,
    GROUPS,
    PAYER_BY_NAME,
    PAYER_NAMES,
    PAYERS,
    Label,
    money_column,
    payer_column,
)
from .population import NEVER, Status


class Run:
    """What the metrics read of one municipality's finished run; figures computed once."""

    def __init__(self, model):
        # a model (of one municipality) is read as that municipality's run
        self.model = model = getattr(model, "municipality", lambda: model)()
        self.p = model.p
        self.stats = model.stats
        self.ledger = model.ledger
        self.series = model.series()
        pop = model.population
        self.population = pop
        self.months = max(model.month, 1)
        self.end = model.month
        self.status = pop.status[: pop.n]
        self.present = self.status != int(Status.EXITED)

    def mean_of(self, series: str) -> float:
        """A series' mean over the months run."""
        return float(self.series[series][1: self.end + 1].mean())

    def count(self, status: Status) -> float:
        return float((self.status == status).sum())

    @cached_property
    def cost_cents(self) -> dict[str, int]:
        return {c: self.ledger.category_cents(c) for c in COST_CATEGORIES}

    @cached_property
    def total_cents(self) -> int:
        return sum(self.cost_cents.values())

    @cached_property
    def saved_cents(self) -> int:
        return self.ledger.category_cents("benefits_saved")

    @cached_property
    def participant_months(self) -> float:
        return float(sum(self.series[c][1: self.end + 1].sum() for c in (
            "in_day_activity", "in_trial_placement", "in_paid_work", "in_sheltered_work",
            "in_activation")))

    @cached_property
    def served_by_group(self) -> np.ndarray:
        pop = self.population
        return np.bincount(pop.group[: pop.n][pop.ever_served[: pop.n]], minlength=len(GROUPS))


@dataclass(frozen=True)
class Metric:
    """One metric.

    Attributes:
        name: the column name in every table (``replications.csv``, ``comparison.json``).
        compute: its value from a ``Run`` (``nan`` for a ratio with nothing to divide by).
        unit: ``EUR``, ``count``, ``months``, ``share``, ``pct`` or ``-``.
        label: what a report calls it.
        weighted_by: for a mean or ratio, what it is a mean over (a metric, or the inputs
            ``inhabitants`` and ``employers``): national figures weight by it. ``None``: a
            sum, added up over municipalities.
        zero_when_empty: a mean that is 0 (not undefined) when there is nothing to average.
    """

    name: str
    compute: Callable[[Run], float]
    unit: str
    label: Label
    weighted_by: str | None = None
    zero_when_empty: bool = False


def _ratio(num: float, den: float) -> float:
    return num / den if den else float("nan")


def _mean(total: float, count: float) -> float:
    """Mean wait; zero when nobody waited (under voorziening nobody is assessed)."""
    return float(total) / count if count else 0.0


def _stat(name: str) -> Callable[[Run], float]:
    return lambda r: float(r.stats[name])


def _category(c: str) -> Metric:
    """The total of one ledger category over the run."""
    cat = CATEGORIES[c]
    if cat.kind == "cost":
        label = Label(f"Kosten {cat.label.nl}", f"Cost: {cat.label.en}")
        return Metric(money_column(c), lambda r: r.cost_cents[c] / 100, "EUR", label)
    label = Label(cat.label.nl[:1].upper() + cat.label.nl[1:],
                  cat.label.en[:1].upper() + cat.label.en[1:])
    return Metric(money_column(c), lambda r: r.ledger.category_cents(c) / 100, "EUR", label)


def _payer(name: str) -> Metric:
    return Metric(payer_column(name), lambda r: r.ledger.payer_cents(name) / 100, "EUR",
                  PAYER_BY_NAME[name].label)


def _rung_mean(r: Run) -> float:
    pop = r.population
    return float(pop.rung[: pop.n][r.present].mean()) if r.present.any() else 0.0


def _employer_share(r: Run) -> float:
    market = r.model.market_size
    return r.model.employers_with_target_group() / market if market else 0.0


def _loonwaarde_in_work(r: Run) -> float:
    work = np.flatnonzero(r.status == int(Status.PAID_WORK))
    if not work.size:
        return float("nan")
    return float(r.population.loonwaarde(work, r.p["development.loonwaarde_per_skill"]).mean())


def _waiting(r: Run) -> np.ndarray:
    """Rows waiting for an assessment or a place at the end."""
    return np.flatnonzero((r.status == int(Status.WAITING_ASSESSMENT))
                          | (r.status == int(Status.WAITING_PLACEMENT)))


def _still_waiting(r: Run) -> np.ndarray:
    """Months waited so far by each request still without a place at the end."""
    asked = r.population.requested[_waiting(r)].astype(np.int64)
    return r.end - asked[asked != NEVER]


def _beyond_term(r: Run) -> float:
    """Requests whose wait for a place exceeded the legal term: those placed after it, and
    those still waiting at the end who have waited longer."""
    late = int((_still_waiting(r) > r.p["service.legal_term_months"]).sum())
    return float(r.stats["access_beyond_term"] + late)


def _access_wait(r: Run) -> float:
    """Mean months from a request to a place, counting a request still waiting at the end
    with its wait so far (otherwise no places at all would look like no waiting)."""
    waiting = _still_waiting(r)
    return _mean(r.stats["access_wait_sum"] + waiting.sum(),
                 r.stats["access_placements"] + waiting.size)


def _level_cents(r: Run, level: str, kind: str) -> int:
    return sum(r.ledger.payer_cents(p.name, kind) for p in PAYERS if p.level == level)


def _doorstroom(r: Run) -> float:
    """Jobs from day activities a year per 100 participants (not the klantmanager's)."""
    return _ratio(100.0 * r.stats["jobs_from_day_activities"] / (r.months / 12),
                  r.mean_of("in_day_activity"))


SERVICE_METRICS: tuple[Metric, ...] = (
    Metric("mean_access_wait_months", _access_wait, "months",
           Label("Gemiddelde wachttijd van aanvraag tot plek (maanden)",
                 "Mean wait from request to a place (months)"),
           weighted_by="access_requests", zero_when_empty=True),
    Metric("access_requests",
           lambda r: float(r.stats["access_placements"] + _still_waiting(r).size), "count",
           Label("Aanvragen die een plek kregen of nog wachten",
                 "Requests placed or still waiting")),
    Metric("waits_beyond_legal_term", _beyond_term, "count",
           Label("Aanvragen langer dan de wettelijke termijn zonder plek",
                 "Requests without a place beyond the legal term")),
    Metric("waiting_end", lambda r: float(_waiting(r).size), "count",
           Label("Wachtend aan het eind (onvervulde vraag)",
                 "Waiting at the end (unmet demand)")),
    Metric("waiting_person_months",
           lambda r: float(r.series["waiting_assessment"][1: r.end + 1].sum()
                           + r.series["waiting_placement"][1: r.end + 1].sum()), "count",
           Label("Wachtmaanden (onvervulde vraag, opgeteld)",
                 "Months spent waiting (unmet demand, summed)")),
    Metric("mean_funded_places_per_week", lambda r: r.mean_of("funded_places"), "count",
           Label("Gefinancierde dagdeelplaatsen per week", "Funded dagdeel places a week")),
)

#: The municipality's view (its own pots) beside society's (every payer: ``net_cost_eur``).
VIEW_METRICS: tuple[Metric, ...] = (
    Metric("cost_municipality_eur", lambda r: _level_cents(r, "municipality", "cost") / 100,
           "EUR", Label("Kosten voor de gemeente", "Cost to the municipality")),
    Metric("net_cost_municipality_eur",
           lambda r: (_level_cents(r, "municipality", "cost")
                      - _level_cents(r, "municipality", "saving")) / 100, "EUR",
           Label("Netto kosten voor de gemeente", "Net cost to the municipality")),
)

#: Costs every run reports by name (tests/test_cli.py); the other categories follow as extras.
_CONTRACT_COSTS = ("day_activity", "assessment", "admin", "wage_subsidy", "job_coaching")

CONTRACT_METRICS: tuple[Metric, ...] = (
    Metric("residents_end", lambda r: float(r.present.sum()), "count",
           Label("Inwoners in beeld aan het eind", "Residents in scope at the end")),
    Metric("participants_served",
           lambda r: float(r.population.ever_served[: r.population.n].sum()), "count",
           Label("Bereikte deelnemers", "Participants reached")),
    Metric("jobs_started", _stat("jobs_started"), "count",
           Label("Banen gestart in de looptijd", "Jobs started during the run")),
    Metric("in_paid_work_end", lambda r: r.count(Status.PAID_WORK), "count",
           Label("In betaald werk aan het eind", "In paid work at the end")),
    Metric("jobs_sustained_12m", _stat("jobs_sustained_12m"), "count",
           Label("Gestarte banen die binnen de looptijd 12 maanden duurden",
                 "Jobs started that lasted 12 months within the run")),
    Metric("assessment_arrivals_per_month", lambda r: r.stats["queue_arrivals"] / r.months,
           "count", Label("Aanvragen onderzoek per maand", "Assessment requests per month")),
    Metric("mean_assessment_queue", lambda r: r.mean_of("assessment_queue"), "count",
           Label("Gemiddelde wachtrij onderzoek", "Mean assessment queue")),
    Metric("mean_assessment_wait_months",
           lambda r: _mean(r.stats["assessment_wait_sum"], r.stats["assessments"]), "months",
           Label("Gemiddelde wachttijd onderzoek (maanden)",
                 "Mean wait for an assessment (months)"),
           weighted_by="assessments_done", zero_when_empty=True),
    Metric("mean_placement_wait_months",
           lambda r: _mean(r.stats["placement_wait_sum"], r.stats["placements"]), "months",
           Label("Gemiddelde wachttijd plek (maanden)", "Mean wait for a place (months)"),
           weighted_by="placements_done", zero_when_empty=True),
    Metric("cost_total_eur", lambda r: r.total_cents / 100, "EUR",
           Label("Totale kosten", "Total cost")),
    *(_category(c) for c in _CONTRACT_COSTS),
    _category("benefits_saved"),
    Metric("net_cost_eur", lambda r: (r.total_cents - r.saved_cents) / 100, "EUR",
           Label("Netto kosten (kosten min bespaarde uitkeringen)",
                 "Net cost (cost less benefits saved)")),
    Metric("cost_per_participant_year_eur",
           lambda r: _ratio(r.total_cents / 100, r.participant_months / 12), "EUR",
           Label("Kosten per deelnemersjaar", "Cost per participant-year"),
           weighted_by="participant_months"),
    Metric("cost_per_sustained_job_eur",
           lambda r: _ratio((r.total_cents - r.saved_cents) / 100, r.stats["jobs_sustained_12m"]),
           "EUR", Label("Netto kosten per gestarte baan die 12 maanden duurde (gemiddelde "
                        "van één beleid, alle kosten meegeteld)",
                        "Net cost per job started that lasted 12 months (one policy's "
                        "average, all costs counted)"),
           weighted_by="jobs_sustained_12m"),
)

EXTRA_METRICS: tuple[Metric, ...] = (
    *(_category(c) for c in COST_CATEGORIES if c not in _CONTRACT_COSTS),
    *(_payer(p) for p in PAYER_NAMES),
    _category("benefits_paid"),
    Metric("in_day_activity_end", lambda r: r.count(Status.DAY_ACTIVITY), "count",
           Label("In dagbesteding aan het eind", "In day activities at the end")),
    Metric("mean_in_day_activity", lambda r: r.mean_of("in_day_activity"), "count",
           Label("Gemiddeld aantal in dagbesteding", "Mean number in day activities")),
    Metric("day_activity_users_per_10000",
           lambda r: r.mean_of("in_day_activity") / r.p["population.inhabitants"] * 10_000,
           "count", Label("Deelnemers dagbesteding per 10.000 inwoners",
                          "Day-activity users per 10,000 inhabitants"),
           weighted_by="inhabitants"),
    Metric("waiting_placement_end", lambda r: r.count(Status.WAITING_PLACEMENT), "count",
           Label("Wachtend op een plek aan het eind", "Waiting for a place at the end")),
    Metric("residents_entered", _stat("entries"), "count",
           Label("Instroom in beeld", "Residents who entered scope")),
    Metric("residents_exited", _stat("exits"), "count",
           Label("Uitstroom uit beeld", "Residents who left scope")),
    Metric("trials_started", _stat("trials_started"), "count",
           Label("Gestarte proefplaatsingen", "Trial placements started")),
    Metric("jobs_sustained_6m", _stat("jobs_sustained_6m"), "count",
           Label("Gestarte banen die 6 maanden duurden", "Jobs started that lasted 6 months")),
    Metric("jobs_ended", _stat("jobs_ended"), "count",
           Label("Beëindigde banen", "Jobs ended")),
    Metric("ladder_moves_up", _stat("ladder_up"), "count",
           Label("Stappen omhoog op de ladder", "Steps up the ladder")),
    Metric("ladder_moves_down", _stat("ladder_down"), "count",
           Label("Stappen omlaag op de ladder", "Steps down the ladder")),
    Metric("mean_rung_end", _rung_mean, "-",
           Label("Gemiddelde trede aan het eind", "Mean rung at the end"),
           weighted_by="residents_end", zero_when_empty=True),
    Metric("mean_guidance", lambda r: r.mean_of("mean_guidance"), "share",
           Label("Gemiddelde begeleiding t.o.v. de norm", "Mean guidance relative to the norm"),
           weighted_by="mean_in_day_activity"),
    Metric("employers_with_target_group_share_end", _employer_share, "share",
           Label("Aandeel werkgevers met iemand uit de doelgroep",
                 "Share of employers with someone from the target group"),
           weighted_by="employers", zero_when_empty=True),
    Metric("assessments_done", _stat("assessments"), "count",
           Label("Uitgevoerde onderzoeken", "Assessments done")),
    Metric("participant_months", lambda r: r.participant_months, "count",
           Label("Deelnemersmaanden", "Participant-months")),
    Metric("job_retention_12m",
           lambda r: _ratio(r.stats["jobs_sustained_12m"],
                            r.stats["jobs_started_followed_12m"]), "share",
           Label("Aandeel gestarte banen dat 12 maanden duurde",
                 "Share of jobs started that lasted 12 months"),
           weighted_by="jobs_followed_12m"),
    Metric("mean_loonwaarde_in_work_end", _loonwaarde_in_work, "share",
           Label("Gemiddelde loonwaarde in werk", "Mean loonwaarde in work"),
           weighted_by="in_paid_work_end"),
    Metric("doorstroom_to_work_per_year_pct", _doorstroom, "pct",
           Label("Doorstroom naar werk per jaar (% van deelnemers)",
                 "Moves into work per year (% of participants)"),
           weighted_by="mean_in_day_activity"),
    Metric("in_sheltered_work_end", lambda r: r.count(Status.SHELTERED_WORK), "count",
           Label("In beschut werk aan het eind", "In sheltered work at the end")),
    Metric("sheltered_work_started", _stat("sheltered_started"), "count",
           Label("Gestart in beschut werk", "Started in sheltered work")),
    Metric("in_activation_end", lambda r: r.count(Status.ACTIVATION), "count",
           Label("In een activeringstraject aan het eind", "In an activation route at the end")),
    Metric("jobs_from_day_activities", _stat("jobs_from_day_activities"), "count",
           Label("Banen vanuit dagbesteding", "Jobs from day activities")),
    Metric("activations_started", _stat("activations"), "count",
           Label("Gestarte activeringstrajecten", "Activation routes started")),
    Metric("mean_active", lambda r: r.participant_months / max(r.end, 1), "count",
           Label("Gemiddeld aantal actief (dagbesteding, activering, stage, werk)",
                 "Mean number active (day activities, activation, trial, work)")),
    Metric("referrals_held_for_budget", _stat("referrals_held_for_budget"), "count",
           Label("Verwijzingen aangehouden wegens budget", "Referrals held for lack of budget")),
    Metric("placements_done", _stat("placements"), "count",
           Label("Plaatsingen in dagbesteding", "Placements in day activities")),
    Metric("jobs_followed_12m", _stat("jobs_started_followed_12m"), "count",
           Label("Banen die 12 maanden gevolgd konden worden",
                 "Jobs that could be followed for 12 months")),
    Metric("jobs_held_at_start", _stat("jobs_at_start"), "count",
           Label("Banen bij de start (niet meegeteld als gestart)",
                 "Jobs held at the start (not counted as started)")),
    Metric("jobs_without_support_end", lambda r: float(
        ((r.status == int(Status.PAID_WORK)) & (r.population.rung[: r.population.n] == 6)).sum()),
           "count", Label("Werkend zonder ondersteuning aan het eind (trede 6)",
                          "Working without support at the end (rung 6)")),
    *SERVICE_METRICS,
    *VIEW_METRICS,
)


def _group_metrics(g: str, k: int) -> tuple[Metric, Metric]:
    group = GROUP_LABELS[g]
    return (Metric(f"participants_served_{g}", lambda r: float(r.served_by_group[k]), "count",
                   Label(f"Bereikt: {group.nl}", f"Reached: {group.en}")),
            Metric(f"jobs_started_{g}", lambda r: float(r.model.jobs_by_group[k]), "count",
                   Label(f"Gestarte banen: {group.nl}", f"Jobs started: {group.en}")))


GROUP_METRICS: tuple[Metric, ...] = tuple(m for k, g in enumerate(GROUPS)
                                          for m in _group_metrics(g, k))
#: Every metric, in the order of every table's columns.
ALL: tuple[Metric, ...] = (*CONTRACT_METRICS, *EXTRA_METRICS, *GROUP_METRICS)
BY_NAME: dict[str, Metric] = {m.name: m for m in ALL}
METRICS: tuple[str, ...] = tuple(BY_NAME)
CONTRACT: tuple[str, ...] = tuple(m.name for m in CONTRACT_METRICS)
#: Means and ratios, with what each is a mean over; every other metric is a sum.
WEIGHTED_BY: dict[str, str] = {m.name: m.weighted_by for m in ALL if m.weighted_by}


def compute(model) -> dict[str, float]:
    """Every metric of one finished run, as plain floats (``nan`` for an empty ratio)."""
    run = Run(model)
    return {m.name: m.compute(run) for m in ALL}


def combine(parts) -> dict[str, float]:
    """The metrics of several municipalities together, from theirs (one row each, in a
    fixed order; the columns ``inhabitants`` and ``employers`` are the weights that are
    inputs rather than metrics). Exactly the national figure for every metric but
    ``mean_guidance``, which is weighted by the mean number of clients (close)."""
    out: dict[str, float] = {}
    for m in ALL:
        x = parts[m.name].to_numpy(dtype=np.float64)
        if m.weighted_by is None:
            out[m.name] = float(x.sum())
            continue
        w = parts[m.weighted_by].to_numpy(dtype=np.float64)
        ok = (w > 0) & ~np.isnan(x)
        if ok.any():
            out[m.name] = float((x[ok] * w[ok]).sum() / w[ok].sum())
        else:
            out[m.name] = 0.0 if m.zero_when_empty else float("nan")
    return out
