"""Costs against effects and service: the figures an advisor defends a choice with.

- ``service``: whether the second policy set serves residents better or worse: how many it
  reaches, how long they wait for a place, how many wait beyond the legal term (each with
  its paired 95% interval);
- ``cost_effectiveness``: the verdict (dominant only when cheaper, with as many jobs and
  no clearly worse service), and where money is traded against jobs the extra net cost
  per extra sustained job (ICER), in total and per payer, with a bootstrap interval;
- ``acceptability``: the chance that the second policy set is the better buy at each
  amount a council is willing to pay per sustained job (one point per replication), over
  a range that ends past the last replication's ``turning_points``;
- ``tornado``: how far the difference moves when one unmeasured parameter goes from
  the low to the high end of its plausible range (paired runs, common random numbers);
- ``break_even``: the open-access budget at which both policy sets cost the same, and the
  equal-service budget, at which open access makes residents wait no longer;
- ``psa_thresholds``: from the draws of a probabilistic sensitivity analysis, per
  assumption the value at which each part of the verdict (cost, jobs) turns.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import funding
from .declarations import PAYER_NAMES, payer_column, uncertain_params
from .experiment import ci95, run_points
from .runs import plausible_value

EFFECT = "jobs_sustained_12m"
COST = "net_cost_eur"
#: The measures of service the verdict weighs, each with the direction that is better
#: (+1: more is better): whom a policy serves, and how long they wait for it. (Residents
#: still waiting at the end are reported too, but an open door shows demand that an
#: assessment keeps out of sight, so they do not count against it here.)
SERVICE = (("participants_served", +1), ("mean_access_wait_months", -1),
           ("waits_beyond_legal_term", -1))
#: What the service measure of the equal-service budget is.
WAIT = "mean_access_wait_months"


def paired(results, a: str, b: str, column: str) -> np.ndarray:
    """Per replication: b minus a."""
    return (results.of(b)[column] - results.of(a)[column]).to_numpy(dtype=float)


def service(results, a: str, b: str) -> dict[str, dict[str, Any]]:
    """Per service measure: the mean paired difference (b - a), its 95% interval, and
    whether b is ``better``, ``worse`` or shows ``no clear difference`` (the interval
    includes zero; with one replication the sign of the difference decides)."""
    out = {}
    for metric, better in SERVICE:
        d = paired(results, a, b, metric)
        low, high = ci95(d)
        mean = float(np.nanmean(d)) if d.size else 0.0
        if low is None:
            clear = mean != 0.0
        else:
            clear = low > 0 or high < 0
        word = "no clear difference"
        if clear:
            word = "better" if mean * better > 0 else "worse"
        out[metric] = {"difference": mean, "ci95": [low, high], "judgement": word}
    return out


def cost_effectiveness(results, a: str, b: str, seed: int = 0) -> dict[str, Any]:
    """The verdict, with service in it, and the ICER where money is traded against jobs.

    The ICER (difference in net cost per difference in sustained jobs) is given only for a
    trade-off of money against jobs; its interval is a percentile bootstrap over paired
    replications (2,000 resamples, seeded, so the same results give the same interval),
    ``None`` where the difference in jobs is too small to divide by.
    """
    d_cost, d_jobs = paired(results, a, b, COST), paired(results, a, b, EFFECT)
    served = service(results, a, b)
    verdict = _verdict(d_cost.mean(), d_jobs.mean(), served)
    traded = verdict == "trade-off" and d_cost.mean() * d_jobs.mean() > 0
    out: dict[str, Any] = {"delta_cost": float(d_cost.mean()),
                           "delta_jobs": float(d_jobs.mean()),
                           "icer": _ratio(d_cost.mean(), d_jobs.mean()) if traded else None,
                           "icer_ci95": (_bootstrap_ratio(d_cost, d_jobs, seed) if traded
                                         else [None, None]),
                           "verdict": verdict, "service": served, "per_payer": {}}
    for payer in PAYER_NAMES:
        column = payer_column(payer)
        d_pay = paired(results, a, b, column)
        if not np.any(results.of(a)[column]) and not np.any(results.of(b)[column]):
            continue
        out["per_payer"][payer] = {"delta_cost": float(d_pay.mean()),
                                   "per_extra_job": (_ratio(d_pay.mean(), d_jobs.mean())
                                                     if traded else None)}
    saved = paired(results, a, b, "benefits_saved_eur")
    out["per_payer"].setdefault("pw_benefits", {"delta_cost": 0.0, "per_extra_job": None})
    out["per_payer"]["pw_benefits"]["benefits_saved"] = float(saved.mean())
    return out


def _ratio(num: float, den: float) -> float | None:
    return float(num / den) if abs(den) > 1e-9 else None


def _bootstrap_ratio(num: np.ndarray, den: np.ndarray, seed: int) -> list[float | None]:
    if num.size < 2:
        return [None, None]
    gen = np.random.default_rng(seed)  # an interval of results, not a model decision
    idx = gen.integers(0, num.size, size=(2000, num.size))
    d = den[idx].mean(axis=1)
    n = num[idx].mean(axis=1)
    ok = np.abs(d) > 1e-9
    if ok.mean() < 0.95 or np.any(np.sign(d[ok]) != np.sign(den.mean())):
        return [None, None]  # the job difference crosses zero: the ratio has no interval
    lo, hi = np.percentile(n[ok] / d[ok], [2.5, 97.5])
    return [float(lo), float(hi)]


def _verdict(d_cost: float, d_jobs: float, served: dict[str, dict[str, Any]]) -> str:
    """``dominant``: less money, as many jobs or more, no clearly worse service;
    ``dominated``: the reverse; ``cheaper_worse_service``: a saving bought with service;
    ``trade-off``: money against jobs or service otherwise."""
    judged = {v["judgement"] for v in served.values()}
    if d_cost <= 0 and d_jobs >= 0 and "worse" not in judged:
        return "dominant"
    if d_cost >= 0 and d_jobs <= 0 and "better" not in judged:
        return "dominated"
    if d_cost < 0 and "worse" in judged:
        return "cheaper_worse_service"
    return "trade-off"


def acceptability(results, a: str, b: str, max_wtp: float | None = None,
                  points: int = 41) -> pd.DataFrame:
    """Chance that b is the better buy than a at each willingness to pay per sustained job.

    Net benefit of b over a at willingness to pay w: w x (extra jobs) - (extra net cost);
    the chance is the share of replications where that is positive. By default the
    range ends a quarter beyond the last amount at which a replication changes side
    (``turning_points``), so the curve shows all of its shape and then its level.
    """
    d_cost, d_jobs = paired(results, a, b, COST), paired(results, a, b, EFFECT)
    if max_wtp is None:
        turns = turning_points(d_cost, d_jobs)
        max_wtp = float(min(2_000_000.0, max(50_000.0, 1.25 * turns.max(initial=0.0))))
    wtp = np.linspace(0.0, max_wtp, points)
    prob = [(w * d_jobs - d_cost > 0).mean() for w in wtp]
    return pd.DataFrame({"wtp_per_sustained_job_eur": wtp, "probability_b_better": prob})


def turning_points(d_cost: np.ndarray, d_jobs: np.ndarray) -> np.ndarray:
    """The willingness to pay at which each replication that trades money against jobs
    (dearer with more jobs, or cheaper with fewer) changes which policy set is the
    better buy. The others never change side: cheaper with at least as many jobs is
    always better, dearer with no more jobs never; with none trading the curve is flat."""
    trades = d_cost * d_jobs > 0
    return d_cost[trades] / d_jobs[trades]


#: The outcomes a tornado follows, with the prefix of their columns.
TORNADO_OUTCOMES = ((COST, ""), (EFFECT, "jobs_"))


def tornado(scenario, a: str, b: str, replications: int, seed: int | None = None,
            workers: int = 1, executor=None) -> pd.DataFrame:
    """One unmeasured parameter at a time at the low and high end of its plausible range,
    for the difference (b - a) in net cost and in jobs lasting 12 months.

    Per parameter and outcome: the difference at both ends and at the defaults, the swing,
    where within the range the difference changes sign (``flips_at``, linear between the
    three points; NaN where it does not), and for the jobs how much of the difference the
    assumption carries where its range starts at "no effect" (``jobs_carried``: the
    difference at the defaults less the difference with the assumption at 0).
    """
    def differences(res) -> dict[str, float]:
        return {metric: float(paired(res, a, b, metric).mean())
                for metric, _ in TORNADO_OUTCOMES}

    params = uncertain_params()
    points = [scenario] + [scenario.with_overrides({p.key: plausible_value(p, scenario, x)})
                           for p in params for x in p.plausible]
    found = (differences(res) for res in run_points(points, (a, b), replications, seed,
                                                    workers, executor=executor))
    centre = next(found)
    rows = []
    for p in params:
        ends = [next(found) for _ in p.plausible]
        default = 1.0 if p.kind == "list[float]" else float(scenario[p.key])
        row = {"parameter": p.key, "label_nl": p.label_nl, "low": p.plausible[0],
               "high": p.plausible[1], "default": default}
        for metric, prefix in TORNADO_OUTCOMES:
            low, high = ends[0][metric], ends[1][metric]
            row.update({f"{prefix}difference_at_low": low, f"{prefix}difference_at_high": high,
                        f"{prefix}difference_at_default": centre[metric],
                        f"{prefix}swing": abs(high - low),
                        f"{prefix}flips_at": _flip(
                            [(p.plausible[0], low), (default, centre[metric]),
                             (p.plausible[1], high)])})
        row["jobs_carried"] = (centre[EFFECT] - ends[0][EFFECT] if p.plausible[0] == 0
                               else float("nan"))
        rows.append(row)
    return pd.DataFrame(rows).sort_values("swing", ascending=False, ignore_index=True)


def _flip(points: Sequence[tuple[float, float]]) -> float:
    """Where a difference known at a few values of an assumption changes sign."""
    found = _crossing(*zip(*sorted(points)))
    return float("nan") if found is None else found


#: The default grid of ``break_even``: these shares of the scenario's first lump sum.
BREAK_EVEN_SHARES = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5)


def sensitivity_points() -> int:
    """How many paired sets of replications ``tornado`` and ``break_even`` run: the
    centre, both ends of each unmeasured parameter, and the break-even grid."""
    return 1 + 2 * len(uncertain_params()) + len(BREAK_EVEN_SHARES)


def break_even(scenario, a: str, b: str, replications: int, seed: int | None = None,
               workers: int = 1, grid: Sequence[float] | None = None,
               executor=None) -> dict[str, Any]:
    """The fixed open-access budget at which both policy sets cost the same net, and the
    equal-service budget at which open access makes residents wait no longer for a place
    (linear between grid points; ``None`` where the difference does not change sign).

    Default grid: 25% to 150% of the scenario's first lump sum (today's places at cost
    price unless the budget is fixed). Each point runs the budget as a fixed amount.
    """
    key = "voorziening.budget_per_year_eur"
    if grid is None:
        first = funding.first_budget(scenario.values, scenario.organisations)
        grid = [first * f for f in BREAK_EVEN_SHARES]
    points = [scenario.with_overrides({"voorziening.budget_rule": "fixed", key: float(x)})
              for x in grid]
    costs, waits = [], []
    for res in run_points(points, (a, b), replications, seed, workers, executor=executor):
        costs.append(float(paired(res, a, b, COST).mean()))
        waits.append(float(paired(res, a, b, WAIT).mean()))
    return {"parameter": key, "grid": [float(x) for x in grid], "difference": costs,
            "break_even": _crossing(grid, costs), "wait_difference": waits,
            "equal_service": _crossing(grid, waits)}


def _crossing(grid: Sequence[float], diffs: Sequence[float]) -> float | None:
    """Where a difference first reaches or crosses zero, linear between grid points."""
    for (x0, d0), (x1, d1) in zip(zip(grid, diffs), zip(grid[1:], diffs[1:])):
        if d0 == 0:
            return float(x0)
        if (d0 < 0) != (d1 < 0):
            return float(x0 + (x1 - x0) * (-d0) / (d1 - d0))
    return None


def psa_thresholds(results, a: str, b: str, shuffles: int = 200) -> pd.DataFrame:
    """Per unmeasured assumption and outcome (net cost, jobs lasting 12 months), the value
    that best tells the PSA draws where the difference (b - a) is positive from those where
    it is negative: above it the difference has sign ``above`` (+1 or -1).

    ``right`` is the share of draws the threshold puts on the right side; ``common`` the
    share with the more common sign (what guessing without any assumption gets right);
    ``chance`` what the best of all assumptions gets right in 95% of ``shuffles`` runs with
    the signs shuffled, so a threshold with ``right > chance`` is more than luck. Only
    outcomes whose sign differs between draws have rows.
    """
    metrics = results.metrics
    base = metrics[metrics["policy"] == a].set_index("replication")
    draws = base[[c for c in base.columns if c.startswith("psa:")]].to_numpy(float)
    shuffle = np.random.default_rng(0)  # a fixed shuffle: the table is reproducible
    rows = []
    for metric, prefix in TORNADO_OUTCOMES:
        positive = paired(results, a, b, metric) > 0
        common = max(positive.mean(), 1.0 - positive.mean())
        if common == 1.0 or draws.shape[1] == 0:
            continue
        chance = float(np.quantile([max(_best_split(x, shuffle.permutation(positive))[2]
                                        for x in draws.T) for _ in range(shuffles)], 0.95))
        for column, x in zip(base.columns[base.columns.str.startswith("psa:")], draws.T):
            threshold, above, right = _best_split(x, positive)
            rows.append({"parameter": column.removeprefix("psa:"),
                         "outcome": prefix.rstrip("_") or "cost", "threshold": threshold,
                         "above": above, "right": right, "common": common, "chance": chance})
    table = pd.DataFrame(rows, columns=["parameter", "outcome", "threshold", "above", "right",
                                        "common", "chance"])
    return table.sort_values("right", ascending=False, ignore_index=True)


def _best_split(x: np.ndarray, positive: np.ndarray) -> tuple[float, int, float]:
    """The threshold (midway between two draws) and side that classify most draws right."""
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], positive[order]
    n = xs.size
    # Right with "positive above the split after draw k": negatives up to k, positives after.
    negatives_below = np.concatenate([[0], np.cumsum(~ys)])
    positives_above = ys.sum() - np.concatenate([[0], np.cumsum(ys)])
    right_up = (negatives_below + positives_above) / n
    right_down = 1.0 - right_up
    cuts = [k for k in range(1, n) if xs[k] > xs[k - 1]]
    if not cuts:
        return float("nan"), 0, max(ys.mean(), 1.0 - ys.mean())
    k = max(cuts, key=lambda c: max(right_up[c], right_down[c]))
    above = 1 if right_up[k] >= right_down[k] else -1
    return float((xs[k - 1] + xs[k]) / 2), above, float(max(right_up[k], right_down[k]))

