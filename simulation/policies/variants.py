"""The variants from practice: each adjusts answers or acts on events of the month.

Every class here has a ``Variant`` record of the same name in
``simulation/declarations/variants.py`` (labels, its own parameters and ledger categories).
"""

from __future__ import annotations

import numpy as np

from .. import access
from ..declarations import ONTSCHOT_PAYER
from ..population import Benefit, Status
from .base import VariantPart
from .regimes import walk_in


class SafetyNet(VariantPart):
    """"Simpel switchen": a failed job leads straight back to day activities."""

    name = "safety_net"

    def fear(self, value, p):
        return 0.0

    def on_job_loss(self, model, rows, month):
        pop = model.population
        pop.has_decision[rows] = True
        pop.decision_end[rows] = month + model.local_value("indicatie.term_months", rows)
        walk_in(model, rows, month)
        return True


class OutcomeBonus(VariantPart):
    """Providers earn a bonus per job sustained six months, offsetting lost revenue."""

    name = "outcome_bonus"

    def referral_aversion(self, value, p):
        return value * (1.0 - p["providers.outcome_bonus_referral_effect"])

    def on_job_sustained(self, model, rows, month):
        pop = model.population
        rows = rows[pop.referred_by[rows] >= 0]
        if rows.size:
            model.book(month, "outcome_bonus",
                       model.local_value("providers.outcome_bonus_eur", rows), rows,
                       provider=pop.referred_by[rows])


class Ontschot(VariantPart):
    """One budget without walls: Wmo and re-integration money form one pot (Ommen, Landerd).

    With separate pots, new trial placements wait when the re-integration budget is spent;
    with one pot, Wmo money pays for job coaching and trials too, activation routes are open
    to every resident without support and may be held at a social enterprise without a Wmo
    decision.
    """

    name = "ontschot"

    def separate_pots(self, value, p):
        return False

    def activation_for_all(self, value, p):
        return True  # Landerd: Wmo and Participatiewet clients together, one budget

    def activation_at_providers(self, value, p):
        return True  # Landerd: bijstand clients active at Carrousel Groen, no Wmo decision

    def payer(self, value, category):
        return ONTSCHOT_PAYER if value in ("wmo", "pw_reintegration") else value


class TrialPlacements(VariantPart):
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


class SingleFrontDoor(VariantPart):
    """One intake for Wmo and Participatiewet (Oudewater): cheaper and shorter access."""

    name = "single_front_door"

    def assessment_cost_share(self, value, p):
        return value * p["single_front_door.assessment_cost_share"]

    def processing_months(self, value, p):
        return value - p["single_front_door.months_saved"]

    def reaches_latent_demand(self, value, p):
        return True  # the social town team reaches residents who ask nobody today

    def activation_for_all(self, value, p):
        return True  # UWV sits at the same table: its clients' routes start here too

    def home_support_reduction(self, value, p):
        # One conversation sees volunteering and support at home together (Theo).
        return max(value, p["volunteer_offset.support_reduction"])


class ShelteredWork(VariantPart):
    """Beschut werk as a rung between day activities and regular work (Oldenzaal)."""

    name = "sheltered_work"
    counters = ("sheltered_started",)

    def sheltered_places(self, value, p):
        return value + p["sheltered_work.places_per_10000"] * p["population.inhabitants"] / 1e4

    def step(self, model, month):
        """Protected jobs end rarely; free places go to residents who are on rung 4 but not
        yet ready for a regular job, longest in day activities first."""
        if not model.sheltered_places.any():
            return
        pop = model.population
        workers = model.rows_with(Status.SHELTERED_WORK)
        ended = workers[model.draw("sheltered_exit", workers)
                        < model.local_value("sheltered_work.exit_per_month", workers)]
        if ended.size:
            pop.rung[ended] = 4
            pop.support_stopped[ended] = month
            pop.requested[ended] = month  # back to the regime's route: a new request
            model.policy.on_job_loss(model, ended, month)
        whose = model.population.municipality
        free = model.sheltered_places - np.bincount(
            whose[workers], minlength=model.local.count) + np.bincount(
            whose[ended], minlength=model.local.count)
        if (free <= 0).all():
            return
        rows = model.rows_with(Status.DAY_ACTIVITY)
        lw = model.loonwaarde(rows)
        # Beschut werk is the Participatiewet's: not for a UWV client (Wajong, WIA).
        # (the bounds in the loonwaarde's single precision, as NumPy compares it with one)
        lowest = model.local_value("sheltered_work.min_loonwaarde", rows).astype(np.float32)
        fit = (pop.rung[rows] >= 4) & (lw >= lowest) & (
            lw < model.local_value("work.min_loonwaarde", rows).astype(np.float32)) & (
            pop.benefit[rows] != int(Benefit.UWV))
        rows = rows[fit]
        ref_p = model.referral_chances()[model.population.provider[rows]]
        rows = rows[model.draw("sheltered_referral", rows) < ref_p]
        if rows.size == 0:
            return
        rows = rows[np.lexsort((access.tiebreak(model, rows), pop.status_since[rows]))]
        placed = rows[access.first_of_each(pop.municipality[rows], free)]
        pop.provider[placed] = -1
        pop.has_decision[placed] = False
        pop.rung[placed] = 5
        pop.job_start[placed] = month
        pop.set_status(placed, Status.SHELTERED_WORK, month)
        model.count("sheltered_started", placed)


class VolunteerOffset(VariantPart):
    """Unpaid work (rung 4) reduces indicated support at home (Oudewater's Theo)."""

    name = "volunteer_offset"

    def home_support_reduction(self, value, p):
        return max(value, p["volunteer_offset.support_reduction"])
