"""The money phase: every euro of the month, booked to the payer that pays it by law.

- Day activities: the regime pays (per dagdeel or a lump sum); transport under both.
- Work, for a Participatiewet client (bijstand or no benefit): the municipality's wage
  subsidy (loonkostensubsidie) on rung 5, its job coaching, trial placements and
  activation routes.
- Work, for a UWV client (Wajong, WIA): the employer pays the loonwaarde and UWV
  supplements the benefit (loondispensatie); UWV pays coaching and trial placements.
  ``model.book`` sends those rows to UWV by the category's declaration.
- On rung 6 the worker earns the full wage without wage support or coaching.
- Benefits: bijstand less earnings above the earnings disregard; a UWV benefit less a
  share of earnings. What work saves of a benefit is the payer's saving (for bijstand the
  municipality's net saving, ``benefits.net_saving_share``).
"""

from __future__ import annotations

import numpy as np

from .population import Benefit, Status


def money(model, month: int) -> None:
    """Book the month's money: day activities (by regime), transport, work, benefits."""
    p, pop = model.p, model.population
    model.policy.pay(model, month)
    da = model.rows_with(Status.DAY_ACTIVITY)
    model.attended_by_month[month] = float(model.attended_dagdelen(da).sum())
    riders = da[pop.needs_transport[da]]
    days = model.attended_dagdelen(riders) / 2.0
    fare = p["day_activity.transport_per_day_eur"]
    if model.elsewhere is not None:  # a place in another municipality is a longer trip
        own = np.array([model.policy.capacity_slots(model, pr) for pr in model.providers])
        fare = fare * model.elsewhere.transport_factor(
            own, p["day_activity.transport_factor_elsewhere"])[pop.provider[riders]]
    model.book(month, "transport", days * fare, riders)
    model.book(month, "trial_placement", p["work.trial_cost_per_month_eur"],
               model.rows_with(Status.TRIAL_PLACEMENT))
    model.book(month, "activation", p["participatiewet.activation_cost_per_month_eur"],
               model.rows_with(Status.ACTIVATION))
    earnings = _work(model, month)
    _home_support(model, month)
    _benefits(model, month, earnings)


def monthly_wage(p) -> float:
    """A worker's gross wage a month at the minimum wage for the contract hours."""
    return p["work.minimum_wage_per_hour_eur"] * p["work.hours_per_week"] * 52.0 / 12.0


def _work(model, month: int) -> dict[str, np.ndarray]:
    """Wage subsidy, sheltered work and job coaching; returns who earns what this month
    (rows, earnings, and whether the wage subsidy's earnings disregard applies)."""
    p, pop = model.p, model.population
    paid = model.rows_with(Status.PAID_WORK)
    sheltered = model.rows_with(Status.SHELTERED_WORK)
    wage = monthly_wage(p)
    per_skill = p["development.loonwaarde_per_skill"]
    supported = pop.rung[paid] == 5
    uwv = pop.benefit[paid] == Benefit.UWV
    # The municipality's wage subsidy: its own clients on rung 5, and beschut werk.
    lks = np.concatenate([paid[supported & ~uwv], sheltered])
    lw = pop.loonwaarde(lks, per_skill)
    subsidy = np.minimum(p["work.wage_subsidy_cap_share"], 1.0 - lw) * wage * (
        1.0 + p["work.employer_cost_allowance"])
    model.book(month, "wage_subsidy", subsidy, lks)
    model.book(month, "sheltered_work", p["sheltered_work.support_cost_per_month_eur"],
               sheltered)

    tenure_year = (month - pop.job_start[paid]) // 12  # job coaching is for regular jobs
    intensity = np.array([*p["jobcoach.intensity_by_year"], 0.0]) * p["jobcoach.use_of_maximum"]
    share = np.where(supported, intensity[np.minimum(tenure_year, intensity.size - 1)], 0.0)
    hours = share * p["work.hours_per_week"] * 52.0 / 12.0
    coached = share > 0
    model.book(month, "job_coaching", hours[coached] * p["jobcoach.price_per_hour_eur"],
               paid[coached])

    # Under loondispensatie the employer pays a UWV client only the loonwaarde.
    dispensed = paid[supported & uwv]
    earned = np.full(paid.size, wage)
    earned[supported & uwv] = wage * pop.loonwaarde(dispensed, per_skill)
    rows = np.concatenate([paid, sheltered])
    return {"rows": rows, "earned": np.concatenate([earned, np.full(sheltered.size, wage)]),
            "lks": np.concatenate([supported & ~uwv, np.ones(sheltered.size, dtype=bool)])}


def _home_support(model, month: int) -> None:
    p, pop, n = model.p, model.population, model.population.n
    home = (pop.present() & pop.home_support[:n]).nonzero()[0]
    if home.size:
        volunteering = (pop.rung[home] == 4) & np.isin(
            pop.status[home], (Status.NONE, Status.DAY_ACTIVITY))
        hours = p["home_support.hours_per_week"] * 52.0 / 12.0 * np.where(
            volunteering, 1.0 - model.policy.home_support_reduction(), 1.0)
        model.book(month, "home_support", hours * p["home_support.price_per_hour_eur"], home)


def _benefits(model, month: int, work: dict[str, np.ndarray]) -> None:
    """Benefits paid, and what earnings save of them, per resident by benefit."""
    p, pop, n = model.p, model.population, model.population.n
    present = pop.present()
    full = np.zeros(n)
    full[pop.benefit[:n] == Benefit.BIJSTAND] = p["benefits.bijstand_per_month_eur"]
    full[pop.benefit[:n] == Benefit.UWV] = p["benefits.uwv_per_month_eur"]
    rows = work["rows"]
    on_benefit = full[rows] > 0
    rows, earned, lks = rows[on_benefit], work["earned"][on_benefit], work["lks"][on_benefit]
    idle = (present & (full > 0)).nonzero()[0]
    idle = np.setdiff1d(idle, rows, assume_unique=True)
    model.book(month, "benefits_paid", full[idle], idle)
    if not rows.size:
        return
    bijstand = pop.benefit[rows] == Benefit.BIJSTAND
    counted = earned - _disregard(p, earned, lks, month - pop.job_start[rows])
    reduction = np.where(bijstand, counted, p["benefits.uwv_earnings_offset"] * earned)
    remaining = np.maximum(0.0, full[rows] - reduction)
    model.book(month, "benefits_paid", remaining, rows)
    saved = (full[rows] - remaining) * np.where(bijstand, p["benefits.net_saving_share"], 1.0)
    model.book(month, "benefits_saved", saved, rows)


def _disregard(p, earned: np.ndarray, lks: np.ndarray, months_worked: np.ndarray) -> np.ndarray:
    """Earnings a bijstand client keeps beside the benefit: with wage subsidy 15% up to a
    cap for as long as it lasts; otherwise 25% up to a cap in the first six months."""
    with_lks = np.minimum(p["benefits.disregard_lks_share"] * earned,
                          p["benefits.disregard_lks_cap_eur"])
    general = np.where(months_worked < p["benefits.disregard_months"],
                       np.minimum(p["benefits.disregard_share"] * earned,
                                  p["benefits.disregard_cap_eur"]), 0.0)
    return np.where(lks, with_lks, general)
