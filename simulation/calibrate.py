"""Calibration: fit parameters to what a municipality observed, by simulated moments.

Observations are either a targets file (observables with a range, as in
``scenarios/targets/``) or a CSV of monthly series from the municipality's own records
(a ``month`` column and any of the model's time-series columns, e.g. ``in_day_activity``).
The distance is the sum of squared standardised differences between the model's moments
(means over replications with fixed seeds, so the distance is a deterministic function of
the parameters) and the observations; it is minimised with SciPy's differential evolution
(seeded). The uncertainty of each fitted value is a profile interval: the range where the
distance stays within 4 x sigma^2 of its minimum. For series sigma^2 is estimated from the
fit, as in nonlinear least squares (minimum distance / (effective points - parameters)),
where consecutive months are strongly autocorrelated, so a series counts as one effective
observation per year; for target ranges a difference of one half-width counts as one
sigma. Both are about 95% intervals when the differences behave like normal errors.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from scipy.optimize import differential_evolution

from .declarations import BY_KEY
from .errors import InputError
from .experiment import run_replications
from .model import DoorstroomModel
from .municipalities import require_one_municipality
from .scenario import Scenario
from .targets import evaluate, load_targets


@dataclass
class Observations:
    """What the model is fitted to, and how to compute its counterpart from runs."""

    description: str
    distance: Callable[[Scenario, str], float]  # (scenario, policy label) -> distance
    names: list[str]
    points: int | None = None  # series: effective observations (sigma^2 from the fit)

    def threshold(self, minimum: float, n_params: int) -> float:
        """How far the distance may rise for a value to stay in its ~95% interval."""
        if self.points is None:
            return 4.0
        return 4.0 * max(minimum, 1e-12) / max(self.points - n_params, 1)


def load_observations(path: Path, policy: str, replications: int, seed: int) -> Observations:
    """Read a targets TOML or a monthly CSV."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"observations file '{path}' not found")
    if path.suffix == ".csv":
        return _from_csv(path, policy, replications, seed)
    return _from_targets(path, replications, seed)


def _from_targets(path: Path, replications: int, seed: int) -> Observations:
    targets = [t for t in load_targets(path) if t.modelled]

    def distance(sc: Scenario, _policy) -> float:
        labels = tuple(dict.fromkeys(t.policy for t in targets))
        res = run_replications(sc, labels, replications, seed, progress=False)
        total = 0.0
        for t, row in zip(targets, evaluate(targets, res, sc)):
            mid, half = (t.low + t.high) / 2, max((t.high - t.low) / 2, 1e-9)
            value = row["value"]
            total += 25.0 if value != value else ((value - mid) / half) ** 2
        return total

    return Observations(f"targets {path}", distance, [t.observable for t in targets])


def _from_csv(path: Path, policy: str, replications: int, seed: int) -> Observations:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or "month" not in rows[0]:
        raise InputError(f"{path}: needs a header with 'month' and series columns")
    known = set(DoorstroomModel.series_columns())
    columns = [c for c in rows[0] if c != "month"]
    unknown = [c for c in columns if c not in known]
    if unknown or not columns:
        raise InputError(f"{path}: column '{(unknown or ['(none)'])[0]}' is not a model series; "
                         "choose from " + ", ".join(sorted(known)))
    try:
        months = np.array([int(r["month"]) for r in rows])
        observed = {c: np.array([float(r[c]) for r in rows]) for c in columns}
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None
    scale = {c: max(float(np.std(v)), 1.0) for c, v in observed.items()}

    def distance(sc: Scenario, policy_label) -> float:
        if months.max() > sc["simulation.months"]:
            raise InputError(f"{path}: months run to {months.max()}; the scenario stops at "
                             f"{sc['simulation.months']}")
        res = run_replications(sc, (policy_label,), replications, seed, progress=False)
        sim = res.timeseries.groupby("month")[columns].mean()
        total = 0.0
        for c in columns:
            diff = (sim.loc[months, c].to_numpy() - observed[c]) / scale[c]
            total += float((diff ** 2).sum())
        return total

    years = max(1, round((months.max() - months.min() + 1) / 12))
    return Observations(f"series {path}", distance, columns, points=years * len(columns))


@dataclass
class Fit:
    params: list[str]
    values: list[float]
    intervals: list[tuple[float, float]]
    distance: float
    evaluations: int


def calibrate(scenario: Scenario, obs: Observations, keys: list[str],
              bounds: list[list[float]], policy: str, seed: int = 1,
              maxiter: int = 12, popsize: int = 6) -> Fit:
    """Minimise the distance over the parameters within their bounds."""
    require_one_municipality(scenario, "calibration")

    label = scenario.policy(policy).label
    cache: dict[tuple, float] = {}

    def values_of(x) -> dict:
        return {k: (int(round(v)) if BY_KEY[k].kind == "int" else float(v))
                for k, v in zip(keys, x)}

    def f(x) -> float:
        key = tuple(np.round(x, 12))
        if key not in cache:
            cache[key] = obs.distance(scenario.with_overrides(values_of(x)), label)
        return cache[key]

    res = differential_evolution(f, bounds, seed=seed, maxiter=maxiter, popsize=popsize,
                                 polish=False, tol=1e-3, init="sobol", updating="immediate")
    best = res.x
    limit = res.fun + obs.threshold(res.fun, len(keys))
    intervals = []
    for i, (lo, hi) in enumerate(bounds):
        grid = np.linspace(lo, hi, 25)
        profile = []
        for g in grid:
            x = best.copy()
            x[i] = g
            profile.append(f(x))
        intervals.append(_crossings(grid, np.array(profile), limit, best[i]))
    fitted = values_of(best)
    return Fit(keys, [fitted[k] for k in keys], intervals, float(res.fun), len(cache))


def _crossings(grid: np.ndarray, d: np.ndarray, limit: float, best: float) -> tuple[float, float]:
    """The range around ``best`` where the profile stays under ``limit``, with its ends
    interpolated linearly between grid points."""
    inside = np.flatnonzero(d <= limit)
    if inside.size == 0:
        return (float(best), float(best))
    i, j = inside.min(), inside.max()
    lo, hi = float(grid[i]), float(grid[j])
    if i > 0:
        lo = float(np.interp(limit, [d[i], d[i - 1]], [grid[i], grid[i - 1]]))
    if j < grid.size - 1:
        hi = float(np.interp(limit, [d[j], d[j + 1]], [grid[j], grid[j + 1]]))
    return (min(lo, float(best)), max(hi, float(best)))


def fitted_scenario_toml(scenario: Scenario, fit: Fit, obs: Observations) -> str:
    """The scenario with the fitted values, and where they came from, as TOML."""
    sc = scenario.with_overrides(dict(zip(fit.params, fit.values)))
    lines = [f"calibrated by doorstroom calibrate against {obs.description}",
             f"distance {fit.distance:.4g} after {fit.evaluations} evaluations"]
    for k, v, (lo, hi) in zip(fit.params, fit.values, fit.intervals):
        lines.append(f"{k} = {v:.6g} (about 95%: {lo:.6g} .. {hi:.6g})")
    body = sc.to_toml()
    header = "".join(f"# {line}\n" for line in lines)
    return header + body

