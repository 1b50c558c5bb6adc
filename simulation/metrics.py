"""The contract's metrics for one run, from the ledger, the counters and the time series.

Money comes from the ledger only (in cents, so the identities hold exactly);
counts come from the model's counters. Every name in ``CONTRACT_METRICS`` is
promised to users; the rest are extra.
"""

from __future__ import annotations

import numpy as np

from .ledger import COST_CATEGORIES, PAYERS
from .params import GROUPS
from .population import Status

CONTRACT_METRICS = (
    "residents_end", "participants_served", "jobs_started", "in_paid_work_end",
    "jobs_sustained_12m", "assessment_arrivals_per_month", "mean_assessment_queue",
    "mean_assessment_wait_months", "mean_placement_wait_months", "cost_total_eur",
    "cost_day_activity_eur", "cost_assessment_eur", "cost_admin_eur", "cost_wage_subsidy_eur",
    "cost_job_coaching_eur", "benefits_saved_eur", "net_cost_eur",
    "cost_per_participant_year_eur", "cost_per_sustained_job_eur",
)
_EXTRA_COSTS = tuple(f"cost_{c}_eur" for c in COST_CATEGORIES
                     if f"cost_{c}_eur" not in CONTRACT_METRICS)
EXTRA_METRICS = (
    *_EXTRA_COSTS, *(f"payer_{p}_eur" for p in PAYERS), "benefits_paid_eur",
    "in_day_activity_end", "mean_in_day_activity", "day_activity_users_per_10000",
    "waiting_placement_end", "residents_entered", "residents_exited",
    "trials_started", "jobs_sustained_6m", "jobs_ended", "ladder_moves_up", "ladder_moves_down",
    "mean_rung_end", "mean_guidance", "employers_with_target_group_share_end",
    "assessments_done", "participant_months", "job_retention_12m",
    "mean_loonwaarde_in_work_end", "doorstroom_to_work_per_year_pct", "in_sheltered_work_end",
    "sheltered_work_started", "referrals_held_for_budget", "placements_done",
    "jobs_followed_12m",
)
GROUP_METRICS = tuple(f"{kind}_{g}" for g in GROUPS
                      for kind in ("participants_served", "jobs_started"))
METRICS = (*CONTRACT_METRICS, *EXTRA_METRICS, *GROUP_METRICS)


def compute(model) -> dict[str, float]:
    """Every metric of one finished run, as plain floats (``nan`` for an empty ratio)."""
    pop, led, s, ts = model.population, model.ledger, model.stats, model._series
    months = max(model.month, 1)
    end = model.month
    st = pop.status[: pop.n]
    present = st != Status.EXITED
    out: dict[str, float] = {}

    out["residents_end"] = float(present.sum())
    out["participants_served"] = float(pop.ever_served[: pop.n].sum())
    out["jobs_started"] = float(s["jobs_started"])
    out["in_paid_work_end"] = float((st == Status.PAID_WORK).sum())
    out["jobs_sustained_12m"] = float(s["jobs_sustained_12m"])
    out["assessment_arrivals_per_month"] = s["queue_arrivals"] / months
    out["mean_assessment_queue"] = float(ts["assessment_queue"][1: end + 1].mean())
    out["mean_assessment_wait_months"] = _mean(s["assessment_wait_sum"], s["assessments"])
    out["mean_placement_wait_months"] = _mean(s["placement_wait_sum"], s["placements"])

    cents = {c: led.category_cents(c) for c in COST_CATEGORIES}
    total = sum(cents.values())
    out["cost_total_eur"] = total / 100
    for c in COST_CATEGORIES:
        out[f"cost_{c}_eur"] = cents[c] / 100
    saved = led.category_cents("benefits_saved")
    out["benefits_saved_eur"] = saved / 100
    out["net_cost_eur"] = (total - saved) / 100
    participant_months = float(sum(ts[c][1: end + 1].sum() for c in (
        "in_day_activity", "in_trial_placement", "in_paid_work", "in_sheltered_work")))
    out["cost_per_participant_year_eur"] = _ratio(total / 100, participant_months / 12)
    out["cost_per_sustained_job_eur"] = _ratio(total / 100, s["jobs_sustained_12m"])

    for p in PAYERS:
        out[f"payer_{p}_eur"] = led.payer_cents(p) / 100
    out["benefits_paid_eur"] = led.category_cents("benefits_paid") / 100
    out["in_day_activity_end"] = float((st == Status.DAY_ACTIVITY).sum())
    out["mean_in_day_activity"] = float(ts["in_day_activity"][1: end + 1].mean())
    out["day_activity_users_per_10000"] = (
        out["mean_in_day_activity"] / model.p["population.inhabitants"] * 10_000)
    out["waiting_placement_end"] = float((st == Status.WAITING_PLACEMENT).sum())
    out["residents_entered"] = float(s["entries"])
    out["residents_exited"] = float(s["exits"])
    out["trials_started"] = float(s["trials_started"])
    out["jobs_sustained_6m"] = float(s["jobs_sustained_6m"])
    out["jobs_ended"] = float(s["jobs_ended"])
    out["ladder_moves_up"] = float(s["ladder_up"])
    out["ladder_moves_down"] = float(s["ladder_down"])
    out["mean_rung_end"] = float(pop.rung[: pop.n][present].mean()) if present.any() else 0.0
    out["mean_guidance"] = float(ts["mean_guidance"][1: end + 1].mean())
    market = model.all_employers.size
    out["employers_with_target_group_share_end"] = (
        model.employers_with_target_group() / market if market else 0.0)
    out["assessments_done"] = float(s["assessments"])
    out["participant_months"] = participant_months
    out["job_retention_12m"] = _ratio(s["new_jobs_retained_12m"], s["jobs_started_followed_12m"])
    work = np.flatnonzero(st == Status.PAID_WORK)
    out["mean_loonwaarde_in_work_end"] = (
        float(pop.loonwaarde(work, model.p["development.loonwaarde_per_skill"]).mean())
        if work.size else float("nan"))
    out["in_sheltered_work_end"] = float((st == Status.SHELTERED_WORK).sum())
    out["sheltered_work_started"] = float(s["sheltered_started"])
    out["referrals_held_for_budget"] = float(s["referrals_held_for_budget"])
    out["placements_done"] = float(s["placements"])
    out["jobs_followed_12m"] = float(s["jobs_started_followed_12m"])
    served = np.bincount(pop.group[: pop.n][pop.ever_served[: pop.n]], minlength=len(GROUPS))
    for k, g in enumerate(GROUPS):
        out[f"participants_served_{g}"] = float(served[k])
        out[f"jobs_started_{g}"] = float(model.jobs_by_group[k])
    out["doorstroom_to_work_per_year_pct"] = _ratio(
        100.0 * s["jobs_started"] / (months / 12), out["mean_in_day_activity"])
    return out


#: Metrics that are means or ratios, with what each is a mean over. Across municipalities
#: they are weighted by it (exactly the national figure; ``mean_guidance`` is weighted by
#: the mean number of clients, a close approximation). Every other metric is a sum.
WEIGHTED_BY = {
    "mean_assessment_wait_months": "assessments_done",
    "mean_placement_wait_months": "placements_done",
    "cost_per_participant_year_eur": "participant_months",
    "cost_per_sustained_job_eur": "jobs_sustained_12m",
    "day_activity_users_per_10000": "inhabitants",
    "mean_rung_end": "residents_end",
    "mean_guidance": "mean_in_day_activity",
    "employers_with_target_group_share_end": "employers",
    "job_retention_12m": "jobs_followed_12m",
    "mean_loonwaarde_in_work_end": "in_paid_work_end",
    "doorstroom_to_work_per_year_pct": "mean_in_day_activity",
}
#: Means that are 0 (not undefined) when there is nothing to average, as ``compute`` has them.
_ZERO_WHEN_EMPTY = ("mean_assessment_wait_months", "mean_placement_wait_months",
                    "mean_rung_end", "employers_with_target_group_share_end")


def combine(parts) -> dict[str, float]:
    """The metrics of several municipalities together, from theirs (one row each, in a
    fixed order; the columns ``inhabitants`` and ``employers`` are the weights that are
    inputs rather than metrics)."""
    out: dict[str, float] = {}
    for m in METRICS:
        x = parts[m].to_numpy(dtype=np.float64)
        if m not in WEIGHTED_BY:
            out[m] = float(x.sum())
            continue
        w = parts[WEIGHTED_BY[m]].to_numpy(dtype=np.float64)
        ok = (w > 0) & ~np.isnan(x)
        if ok.any():
            out[m] = float((x[ok] * w[ok]).sum() / w[ok].sum())
        else:
            out[m] = 0.0 if m in _ZERO_WHEN_EMPTY else float("nan")
    return out


def _mean(total: float, count: float) -> float:
    """Mean wait; zero when nobody waited (under voorziening nobody is assessed)."""
    return float(total) / count if count else 0.0


def _ratio(num: float, den: float) -> float:
    return num / den if den else float("nan")
