"""The two regimes: where indicatie and voorziening differ, and nowhere else."""

from __future__ import annotations

import numpy as np

from .. import access, funding
from ..agents import PLACE_DAGDELEN
from ..declarations import GROUPS
from ..population import Benefit, Status
from .base import Regime


class Indicatie(Regime):
    """Assessment by a consultant, a decision for N dagdelen, payment per dagdeel attended."""

    name = "indicatie"

    def referral_aversion(self, value, p):
        return p["indicatie.revenue_aversion"]

    def fear(self, value, p):
        return p["indicatie.fear_of_losing_decision"]

    def places_by_fit(self, value, p):
        return True  # the decision names a provider made for the resident's group

    def access(self, model, month, requests):
        pop = model.population
        access.join_queue(model, requests, month, reassessment=False)
        da = pop.rows_with(Status.DAY_ACTIVITY)
        ending = da[pop.has_decision[da] & (pop.decision_end[da] <= month)
                    & (pop.queue_since[da] == access.NEVER)]
        access.join_queue(model, ending, month, reassessment=True)
        policy = model.policy
        served, reassessed = access.serve_queue(
            model, month, model.local.array("indicatie.assessments_per_month"),
            policy.each("processing_months", model.local.values))
        if served.size:
            cost = model.local_value("indicatie.cost_per_assessment_eur", served) * (
                model.for_residents(policy.each("assessment_cost_share", model.local.values),
                                    served))
            model.book(month, "assessment", cost, served)
            self._decide(model, month, served, reassessed)
        access.place(model, month)

    @staticmethod
    def _decide(model, month, served, re):
        pop, value = model.population, model.local_value
        u = model.draw("assessment_outcome", served)
        new, renew = served[~re], served[re]
        chance = value("indicatie.eligibility_probability", new)
        if model.policy.separate_pots():  # separate pots: a wall
            walled = (pop.group[new] == GROUPS.index("long_term_unemployed")) & (
                pop.benefit[new] == int(Benefit.BIJSTAND))
            chance = np.where(walled, chance * value(
                "participatiewet.walls_eligibility_factor", new), chance)
        yes = u[~re] < chance
        granted, refused = new[yes], new[~yes]
        pop.has_decision[granted] = True
        pop.decision_end[granted] = month + value("indicatie.term_months", granted)
        pop.placement_since[granted] = month
        pop.set_status(granted, Status.WAITING_PLACEMENT, month)
        pop.retry_after[refused] = month + value("help_seeking.retry_after_months", refused)
        pop.set_status(refused, Status.NONE, month)
        keep = u[re] < value("indicatie.continuation_probability", renew)
        pop.decision_end[renew[keep]] = month + value("indicatie.term_months", renew[keep])
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

    def on_job_loss(self, model, rows, month):
        model.population.has_decision[rows] = False  # a new request, a new assessment
        access.join_queue(model, rows, month, reassessment=False)
        return True

    def capacities(self, model):
        return PLACE_DAGDELEN * model.provider_places

    def guidances(self, model, slots, attendance):
        # paid per dagdeel at the staffing norm; attendance never exceeds places
        return np.ones(len(model.providers))

    def pay(self, model, month):
        pay_per_dagdeel(model, month, model.rows_with(Status.DAY_ACTIVITY))


class Voorziening(Regime):
    """Open access: a light intake, a lump-sum budget for staffed places, crowding above it."""

    name = "voorziening"

    def reaches_latent_demand(self, value, p):
        return True  # walk in: no assessment deters anyone

    def referral_aversion(self, value, p):
        # No revenue is lost when a client leaves, but its most productive participants are.
        return p["voorziening.productive_retention"]

    def light_case_preference(self, value, p):
        return p["voorziening.light_case_preference"]

    def fear(self, value, p):
        return 0.0  # no decision to lose: the door stays open

    def access(self, model, month, requests):
        if month > 1 and (month - 1) % 12 == 0:
            self.fund(model, month)  # a new budget year
        if requests.size:
            cost = model.local_value("voorziening.intake_cost_eur", requests) * (
                model.for_residents(model.policy.each("assessment_cost_share",
                                                      model.local.values), requests))
            model.book(month, "intake", cost, requests)
        walk_in(model, requests, month)
        access.place(model, month, model.local.array("voorziening.max_crowding")[
            model.provider_municipality])  # by provider

    @staticmethod
    def fund(model, month: int) -> None:
        """Each municipality's lump sum of the budget year that starts in ``month`` and the
        places it buys: the same every year, or following attendance (with a lag, up to the
        ceiling)."""
        organisations = model.spec.organisations
        for m, p in enumerate(model.local.values):
            budget = funding.first_budget(p, organisations)
            if p["voorziening.budget_rule"] == "follow_attendance":
                year = funding.attendance_year(model.attended_by_month[m], month,
                                               p["voorziening.budget_lag_months"])
                if year is not None:
                    budget = funding.following_budget(p, organisations, year)
            model.lump_sums[m] = budget
            model.funded_slots[m] = funding.funded_places(p, organisations, budget)

    def adopt(self, model, month, previous, transition_months):
        if previous.name == self.name:
            return
        self.fund(model, month)
        pop = model.population
        # Nobody needs an assessment any more: the queue walks in.
        queued = np.flatnonzero(pop.queue_since[: pop.n] != access.NEVER)
        access.leave_queue(model, queued, month)
        walk_in(model, queued[pop.status[queued] == int(Status.WAITING_ASSESSMENT)], month)
        # Transitional rights: a decision is paid per dagdeel until it ends, at most
        # ``transition_months`` after the switch.
        da = model.rows_with(Status.DAY_ACTIVITY)
        da = da[pop.has_decision[da]]
        if transition_months > 0:
            pop.transitional_until[da] = np.minimum(pop.decision_end[da],
                                                    month + transition_months - 1)

    def on_job_loss(self, model, rows, month):
        walk_in(model, rows, month)
        return True

    def capacities(self, model):
        """Funded dagdeel places per week, shared over each municipality's providers by
        their declared places."""
        m = model.provider_municipality
        return model.funded_slots[m] * model.provider_places / model.total_places[m]

    def guidances(self, model, slots, attendance):
        """Guidance thins when attendance passes the funded places (in a region: the
        pool's attendance and places at the provider)."""
        if model.elsewhere is not None:
            slots = slots + model.elsewhere.slots
            attendance = attendance + model.elsewhere.attendance
        elasticity = model.local.array("voorziening.crowding_elasticity")[
            model.provider_municipality]
        return np.array([1.0 if a <= s else 0.0 if s <= 0 else (s / a) ** e
                         for s, a, e in zip(slots.tolist(), attendance.tolist(),
                                            elasticity.tolist())])

    def pay(self, model, month):
        k = model.organisations
        budget = model.lump_sums / 12.0
        places = model.provider_places.reshape(-1, k)
        cost = places * model.place_costs.reshape(-1, k)
        total = cost.sum(axis=1, keepdims=True)
        shares = np.where(total > 0, cost / np.where(total > 0, total, 1.0),
                          places / model.total_places[:, None])
        model.book(month, "day_activity", (budget[:, None] * shares).reshape(-1),
                   provider=np.arange(len(model.providers)))
        model.book(month, "admin", budget * model.local.array("voorziening.admin_share"),
                   municipality=np.arange(model.local.count))
        rows = model.rows_with(Status.DAY_ACTIVITY)
        transitional = rows[model.population.transitional_until[rows] >= month]
        if transitional.size:  # decisions from before a switch: double running costs
            pay_per_dagdeel(model, month, transitional)


def pay_per_dagdeel(model, month: int, rows: np.ndarray) -> None:
    """Pay providers per dagdeel attended, plus the overhead of billing that way."""
    pop = model.population
    amount = model.attended_dagdelen(rows) * model.tariffs[pop.provider[rows]]
    booked = model.book(month, "day_activity", amount, rows, provider=pop.provider[rows])
    model.book(month, "admin",
               booked / 100.0 * model.local.array("indicatie.billing_overhead_share"),
               municipality=np.arange(model.local.count))


def walk_in(model, rows: np.ndarray, month: int) -> None:
    """Residents go straight to the placement list (no assessment)."""
    pop = model.population
    pop.placement_since[rows] = month
    pop.set_status(rows, Status.WAITING_PLACEMENT, month)
