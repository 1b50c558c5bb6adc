"""Regimes and variants: where indicatie and voorziening differ, and nowhere else.

A ``Policy`` is a regime (``Indicatie`` or ``Voorziening``) plus any variants,
all ``PolicyPart``s with the same small interface. The model only asks the policy:

- ``seek_multiplier`` - how much help seeking the access route draws out;
- ``access(model, month, requests)`` - the access phase (queue or walk-in, placement);
- ``capacity_slots(provider)`` and ``guidance(provider)`` - places and guidance;
- ``referral_probability(provider)`` - the provider's incentive to refer to work;
- ``fear(model)`` - a resident's fear of losing support by trying work;
- ``pay(model, month)`` - day-activity money;
- ``after_job_loss(model, rows, month)`` - where a resident goes when a job ends;
- ``on_job_sustained(model, rows, month)`` - what a job lasting six months triggers.

Regimes answer each question; variants adjust the answer of the parts before them
(``Policy.adjust``): costs and times of access, who pays, trial places, sheltered work,
support at home.
"""

from __future__ import annotations

import numpy as np

from . import access
from .ledger import ONTSCHOT_PAYER
from .params import GROUPS
from .population import Benefit, Status


class PolicyPart:
    """Base: every hook passes the answer through unchanged."""

    name = "part"

    def seek_multiplier(self, value: float, p) -> float:
        return value

    def referral_aversion(self, value: float, p) -> float:
        return value

    def fear(self, value: float, p) -> float:
        return value

    def assessment_cost_share(self, value: float, p) -> float:
        return value

    def processing_months(self, value: float, p) -> float:
        return value

    def separate_pots(self, value: bool, p) -> bool:
        """Wmo and Participatiewet money in separate pots (walls between them)."""
        return value

    def extra_trial_slots(self, value: int, p) -> int:
        return value

    def internal_trial_slots(self, value: int, p) -> int:
        return value

    def stage_skill_boost(self, value: float, p) -> float:
        return value

    def stage_min_rung(self, value: int, p) -> int:
        return value

    def sheltered_places(self, value: float, p) -> float:
        return value

    def home_support_reduction(self, value: float, p) -> float:
        return value

    def payer(self, value: str, category: str) -> str:
        return value

    def after_job_loss(self, model, rows: np.ndarray, month: int) -> bool:
        """Handle residents whose job ended; return True when handled."""
        return False

    def on_job_sustained(self, model, rows: np.ndarray, month: int) -> None:
        """Called with the residents whose job reached six months this month."""


class Regime(PolicyPart):
    """A way of giving access to day activities and paying for them."""

    def adopt(self, model, month: int, previous: "Regime", transition_months: int) -> None:
        """Take over from ``previous`` at a policy switch (nothing to do for the same regime)."""

    def access(self, model, month: int, requests: np.ndarray) -> None:
        raise NotImplementedError

    def capacity_slots(self, model, provider) -> float:
        raise NotImplementedError

    def guidance(self, provider) -> float:
        raise NotImplementedError

    def pay(self, model, month: int) -> None:
        raise NotImplementedError


class Indicatie(Regime):
    """Assessment by a consultant, a decision for N dagdelen, payment per dagdeel attended."""

    name = "indicatie"

    def referral_aversion(self, value, p):
        return p["indicatie.revenue_aversion"]

    def fear(self, value, p):
        return p["indicatie.fear_of_losing_decision"]

    def access(self, model, month, requests):
        p, pop = model.p, model.population
        access.join_queue(model, requests, month, reassessment=False)
        da = pop.rows_with(Status.DAY_ACTIVITY)
        ending = da[pop.has_decision[da] & (pop.decision_end[da] <= month)
                    & (pop.queue_since[da] == access.NEVER)]
        access.join_queue(model, ending, month, reassessment=True)
        policy = model.policy
        min_wait = max(0, int(policy.adjust("processing_months",
                                            p["indicatie.min_processing_months"])))
        served, reassessed = access.serve_queue(model, month, p["indicatie.assessments_per_month"],
                                                min_wait)
        if served.size:
            cost = p["indicatie.cost_per_assessment_eur"] * policy.adjust(
                "assessment_cost_share", 1.0)
            model.book(month, "assessment", cost, served)
            self._decide(model, month, served, reassessed)
        free = np.array([self.capacity_slots(model, pr) for pr in model.providers])
        access.place(model, month, free - access.committed_slots(model))

    @staticmethod
    def _decide(model, month, served, re):
        p, pop = model.p, model.population
        u = model.draw("assessment_outcome", served)
        new, renew = served[~re], served[re]
        chance = np.full(new.size, p["indicatie.eligibility_probability"])
        if model.policy.adjust("separate_pots", True):  # separate pots: a wall
            walled = (pop.group[new] == GROUPS.index("long_term_unemployed")) & (
                pop.benefit[new] == Benefit.BIJSTAND)
            chance[walled] *= p["participatiewet.walls_eligibility_factor"]
        yes = u[~re] < chance
        granted, refused = new[yes], new[~yes]
        pop.has_decision[granted] = True
        pop.decision_end[granted] = month + p["indicatie.term_months"]
        pop.placement_since[granted] = month
        pop.set_status(granted, Status.WAITING_PLACEMENT, month)
        pop.retry_after[refused] = month + p["help_seeking.retry_after_months"]
        pop.set_status(refused, Status.NONE, month)
        keep = u[re] < p["indicatie.continuation_probability"]
        pop.decision_end[renew[keep]] = month + p["indicatie.term_months"]
        model.stop_support(renew[~keep], month)

    def adopt(self, model, month, previous, transition_months):
        if previous.name == self.name:
            return
        pop = model.population
        # Participants keep their place; they are assessed when the transition ends.
        da = model.rows_with(Status.DAY_ACTIVITY)
        pop.has_decision[da] = True
        pop.decision_end[da] = month + transition_months
        # Those waiting for a place now need a decision first.
        waiting = model.rows_with(Status.WAITING_PLACEMENT)
        waiting = waiting[~pop.has_decision[waiting]]
        access.join_queue(model, waiting, month, reassessment=False)

    def after_job_loss(self, model, rows, month):
        model.population.has_decision[rows] = False  # a new request, a new assessment
        access.join_queue(model, rows, month, reassessment=False)
        return True

    def capacity_slots(self, model, provider):
        return provider.slots

    def guidance(self, provider):
        return 1.0  # paid per dagdeel at the staffing norm; attendance never exceeds places

    def pay(self, model, month):
        pay_per_dagdeel(model, month, model.rows_with(Status.DAY_ACTIVITY))


class Voorziening(Regime):
    """Open access: a light intake, a lump-sum budget for staffed places, crowding above it."""

    name = "voorziening"

    def seek_multiplier(self, value, p):
        return value * (1.0 + p["voorziening.uptake_elasticity"])

    def referral_aversion(self, value, p):
        return 0.0  # funded as a whole: a client leaving for work costs the provider nothing

    def fear(self, value, p):
        return 0.0  # no decision to lose: the door stays open

    def access(self, model, month, requests):
        p = model.p
        if requests.size:
            cost = p["voorziening.intake_cost_eur"] * model.policy.adjust(
                "assessment_cost_share", 1.0)
            model.book(month, "intake", cost, requests)
        walk_in(model, requests, month)
        limit = np.array([self.capacity_slots(model, pr) * p["voorziening.max_crowding"]
                          for pr in model.providers])
        access.place(model, month, limit - access.committed_slots(model))

    def adopt(self, model, month, previous, transition_months):
        if previous.name == self.name:
            return
        pop = model.population
        # Nobody needs an assessment any more: the queue walks in.
        queued = np.flatnonzero(pop.queue_since[: pop.n] != access.NEVER)
        access.leave_queue(model, queued, month)
        walk_in(model, queued[pop.status[queued] == Status.WAITING_ASSESSMENT], month)
        # Transitional rights: a decision is paid per dagdeel until it ends, at most
        # ``transition_months`` after the switch.
        da = model.rows_with(Status.DAY_ACTIVITY)
        da = da[pop.has_decision[da]]
        if transition_months > 0:
            pop.transitional_until[da] = np.minimum(pop.decision_end[da],
                                                    month + transition_months - 1)

    def after_job_loss(self, model, rows, month):
        walk_in(model, rows, month)
        return True

    def capacity_slots(self, model, provider):
        """Funded dagdeel places per week, shared over providers by their declared places."""
        return model.funded_slots * provider.places_per_dagdeel / model.total_places

    def guidance(self, provider):
        slots = self.capacity_slots(provider.model, provider)
        if provider.attendance <= slots:
            return 1.0
        if slots <= 0:
            return 0.0
        return (slots / provider.attendance) ** provider.model.p["voorziening.crowding_elasticity"]

    def pay(self, model, month):
        p = model.p
        budget = p["voorziening.budget_per_year_eur"] / 12.0
        shares = np.array([pr.places_per_dagdeel for pr in model.providers]) / model.total_places
        model.ledger.book(month, model.payer("day_activity"), "day_activity", budget * shares,
                          provider=np.arange(len(model.providers)))
        model.ledger.book(month, model.payer("admin"), "admin",
                          budget * p["voorziening.admin_share"])
        rows = model.rows_with(Status.DAY_ACTIVITY)
        transitional = rows[model.population.transitional_until[rows] >= month]
        if transitional.size:  # decisions from before a switch: double running costs
            pay_per_dagdeel(model, month, transitional)


def pay_per_dagdeel(model, month: int, rows: np.ndarray) -> None:
    """Pay providers per dagdeel attended, plus the overhead of billing that way."""
    p, pop = model.p, model.population
    amount = model.attended_dagdelen(rows) * p["indicatie.tariff_per_dagdeel_eur"]
    booked = model.book(month, "day_activity", amount, rows, provider=pop.provider[rows])
    model.ledger.book(month, model.payer("admin"), "admin",
                      booked / 100.0 * p["indicatie.billing_overhead_share"])


def walk_in(model, rows: np.ndarray, month: int) -> None:
    """Residents go straight to the placement list (no assessment)."""
    pop = model.population
    pop.placement_since[rows] = month
    pop.set_status(rows, Status.WAITING_PLACEMENT, month)


class SafetyNet(PolicyPart):
    """"Simpel switchen": a failed job leads straight back to day activities."""

    name = "safety_net"

    def fear(self, value, p):
        return 0.0

    def after_job_loss(self, model, rows, month):
        pop, p = model.population, model.p
        pop.has_decision[rows] = True
        pop.decision_end[rows] = month + p["indicatie.term_months"]
        walk_in(model, rows, month)
        return True


class OutcomeBonus(PolicyPart):
    """Providers earn a bonus per job sustained six months, offsetting lost revenue."""

    name = "outcome_bonus"

    def referral_aversion(self, value, p):
        return value * (1.0 - p["providers.outcome_bonus_referral_effect"])

    def on_job_sustained(self, model, rows, month):
        pop = model.population
        rows = rows[pop.referred_by[rows] >= 0]
        if rows.size:
            model.book(month, "outcome_bonus", model.p["providers.outcome_bonus_eur"], rows,
                       provider=pop.referred_by[rows])


class Ontschot(PolicyPart):
    """One budget without walls: Wmo and re-integration money form one pot (Ommen, Landerd).

    With separate pots, new trial placements wait when the re-integration budget is spent;
    with one pot, Wmo money pays for job coaching and trials too.
    """

    name = "ontschot"

    def separate_pots(self, value, p):
        return False

    def payer(self, value, category):
        return ONTSCHOT_PAYER if value in ("wmo", "pw_reintegration") else value


class TrialPlacements(PolicyPart):
    """Wen-stages: extra places at partner employers and stages in providers' own business."""

    name = "trial_placements"

    def extra_trial_slots(self, value, p):
        return value + p["trial_placements.extra_slots_per_employer"]

    def internal_trial_slots(self, value, p):
        return value + p["trial_placements.internal_slots_per_provider"]

    def stage_skill_boost(self, value, p):
        return max(value, p["trial_placements.skill_boost"])

    def stage_min_rung(self, value, p):
        return min(value, p["trial_placements.min_rung"])


class SingleFrontDoor(PolicyPart):
    """One intake for Wmo and Participatiewet (Oudewater): cheaper and shorter access."""

    name = "single_front_door"

    def assessment_cost_share(self, value, p):
        return value * p["single_front_door.assessment_cost_share"]

    def processing_months(self, value, p):
        return value - p["single_front_door.months_saved"]


class ShelteredWork(PolicyPart):
    """Beschut werk as a rung between day activities and regular work (Oldenzaal)."""

    name = "sheltered_work"

    def sheltered_places(self, value, p):
        return value + p["sheltered_work.places_per_10000"] * p["population.inhabitants"] / 1e4


class VolunteerOffset(PolicyPart):
    """Unpaid work (rung 4) reduces indicated support at home (Oudewater's Theo)."""

    name = "volunteer_offset"

    def home_support_reduction(self, value, p):
        return max(value, p["volunteer_offset.support_reduction"])


REGIMES = {cls.name: cls for cls in (Indicatie, Voorziening)}
VARIANT_CLASSES = {cls.name: cls for cls in (
    SafetyNet, OutcomeBonus, Ontschot, TrialPlacements, SingleFrontDoor, ShelteredWork,
    VolunteerOffset)}


class Policy:
    """A regime plus variants, asked by the model through one small interface."""

    def __init__(self, regime: str, variants=(), p=None):
        self.p = p  # the model's parameters, for ``adjust`` without an explicit mapping
        self.regime: Regime = REGIMES[regime]()
        self.variants = [VARIANT_CLASSES[v]() for v in variants]
        self.parts: list[PolicyPart] = [self.regime, *self.variants]
        self._payers: dict[tuple[str, str], str] = {}

    @property
    def name(self) -> str:
        return "+".join(part.name for part in self.parts)

    def adjust(self, hook: str, start, p=None):
        """Pass ``start`` through every part's ``hook``: the regime first, then variants."""
        p = self.p if p is None else p
        value = start
        for part in self.parts:
            value = getattr(part, hook)(value, p)
        return value

    def seek_multiplier(self, p) -> float:
        return self.adjust("seek_multiplier", 1.0, p)

    def fear(self, p) -> float:
        return self.adjust("fear", 0.0, p)

    def referral_probability(self, provider) -> float:
        p = provider.model.p
        aversion = self.adjust("referral_aversion", 0.0, p)
        return p["providers.referral_per_month"] * (1.0 - aversion)

    def payer(self, category: str, default: str) -> str:
        """Who pays a category under this policy (asked for every booking, so remembered)."""
        key = (category, default)
        value = self._payers.get(key)
        if value is None:
            value = default
            for part in self.parts:
                value = part.payer(value, category)
            self._payers[key] = value
        return value

    def access(self, model, month, requests) -> None:
        self.regime.access(model, month, requests)

    def capacity_slots(self, model, provider) -> float:
        return self.regime.capacity_slots(model, provider)

    def guidance(self, provider) -> float:
        return self.regime.guidance(provider)

    def pay(self, model, month) -> None:
        self.regime.pay(model, month)

    def after_job_loss(self, model, rows, month) -> None:
        for part in reversed(self.parts):  # the most specific part decides
            if part.after_job_loss(model, rows, month):
                return
        raise AssertionError("the regime must handle a job loss")

    def on_job_sustained(self, model, rows, month) -> None:
        for part in self.parts:
            part.on_job_sustained(model, rows, month)
