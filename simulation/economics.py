"""Costs against effects: the figures an advisor defends a choice with.

- ``cost_effectiveness``: extra net cost per extra sustained job (ICER), in total and per
  payer, with a bootstrap interval over the paired replications;
- ``acceptability``: the chance that the second policy set is the better buy at each
  amount a council is willing to pay per sustained job (one point per replication);
- ``tornado``: how far the difference moves when one unmeasured parameter goes from
  the low to the high end of its plausible range (paired runs, common random numbers);
- ``break_even``: the open-access budget (or another parameter) at which both policy
  sets cost the same.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from .declarations import PAYER_NAMES, payer_column, uncertain_params
from .experiment import run_replications
from .runs import plausible_value

EFFECT = "jobs_sustained_12m"
COST = "net_cost_eur"


def paired(results, a: str, b: str, column: str) -> np.ndarray:
    """Per replication: b minus a."""
    return (results.of(b)[column] - results.of(a)[column]).to_numpy(dtype=float)


def cost_effectiveness(results, a: str, b: str, seed: int = 0) -> dict[str, Any]:
    """ICER (difference in net cost per difference in sustained jobs), total and per payer.

    The interval is a percentile bootstrap over paired replications (2,000 resamples,
    seeded, so the same results give the same interval). ``None`` where the difference
    in jobs is too small to divide by, with a plain statement instead.
    """
    d_cost, d_jobs = paired(results, a, b, COST), paired(results, a, b, EFFECT)
    out: dict[str, Any] = {"delta_cost": float(d_cost.mean()),
                           "delta_jobs": float(d_jobs.mean()),
                           "icer": _ratio(d_cost.mean(), d_jobs.mean()),
                           "icer_ci95": _bootstrap_ratio(d_cost, d_jobs, seed),
                           "verdict": _verdict(d_cost.mean(), d_jobs.mean()),
                           "per_payer": {}}
    for payer in PAYER_NAMES:
        column = payer_column(payer)
        d_pay = paired(results, a, b, column)
        if not np.any(results.of(a)[column]) and not np.any(results.of(b)[column]):
            continue
        out["per_payer"][payer] = {"delta_cost": float(d_pay.mean()),
                                   "per_extra_job": _ratio(d_pay.mean(), d_jobs.mean())}
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


def _verdict(d_cost: float, d_jobs: float) -> str:
    if d_jobs >= 0 and d_cost <= 0:
        return "dominant"  # more (or as many) jobs for less money
    if d_jobs <= 0 and d_cost >= 0:
        return "dominated"
    return "trade-off"


def acceptability(results, a: str, b: str, max_wtp: float | None = None,
                  points: int = 41) -> pd.DataFrame:
    """Chance that b is the better buy than a at each willingness to pay per sustained job.

    Net benefit of b over a at willingness to pay w: w x (extra jobs) - (extra net cost);
    the chance is the share of replications where that is positive.
    """
    d_cost, d_jobs = paired(results, a, b, COST), paired(results, a, b, EFFECT)
    if max_wtp is None:
        scale = np.abs(d_cost).max() / max(np.abs(d_jobs[d_jobs != 0]).min(initial=1.0), 1.0)
        max_wtp = float(max(50_000.0, min(2_000_000.0, 2 * scale)))
    wtp = np.linspace(0.0, max_wtp, points)
    prob = [(w * d_jobs - d_cost > 0).mean() for w in wtp]
    return pd.DataFrame({"wtp_per_sustained_job_eur": wtp, "probability_b_better": prob})


def tornado(scenario, a: str, b: str, replications: int, seed: int | None = None,
            workers: int = 1, metric: str = COST, executor=None) -> pd.DataFrame:
    """One unmeasured parameter at a time at the low and high end of its plausible range."""
    rows = []
    base = run_replications(scenario, (a, b), replications, seed, workers, progress=False,
                            executor=executor)
    centre = float(paired(base, a, b, metric).mean())
    for p in uncertain_params():
        ends = []
        for x in p.plausible:
            sc = scenario.with_overrides({p.key: plausible_value(p, scenario, x)})
            res = run_replications(sc, (a, b), replications, seed, workers, progress=False,
                                   executor=executor)
            ends.append(float(paired(res, a, b, metric).mean()))
        rows.append({"parameter": p.key, "label_nl": p.label_nl, "low": p.plausible[0],
                     "high": p.plausible[1], "difference_at_low": ends[0],
                     "difference_at_high": ends[1], "swing": abs(ends[1] - ends[0]),
                     "difference_at_default": centre})
    return pd.DataFrame(rows).sort_values("swing", ascending=False, ignore_index=True)


def break_even(scenario, a: str, b: str, replications: int, seed: int | None = None,
               workers: int = 1, key: str = "voorziening.budget_per_year_eur",
               grid: Sequence[float] | None = None, executor=None) -> dict[str, Any]:
    """Where the difference in net cost crosses zero as ``key`` rises (linear between points).

    Default: the open-access budget from 75% to 250% of the scenario's. (Extra uptake alone
    does not move the cost of a fixed budget; it shows as crowding and waiting instead.)
    """
    if grid is None:
        grid = [scenario[key] * f for f in (0.75, 1.0, 1.25, 1.5, 2.0, 2.5)]
    diffs = []
    for x in grid:
        res = run_replications(scenario.with_overrides({key: x}), (a, b), replications, seed,
                               workers, progress=False, executor=executor)
        diffs.append(float(paired(res, a, b, COST).mean()))
    crossing = None
    for (x0, d0), (x1, d1) in zip(zip(grid, diffs), zip(grid[1:], diffs[1:])):
        if d0 == 0 or (d0 < 0) != (d1 < 0):
            crossing = x0 if d0 == 0 else x0 + (x1 - x0) * (-d0) / (d1 - d0)
            break
    return {"parameter": key, "grid": list(grid), "difference": diffs,
            "break_even": crossing}
