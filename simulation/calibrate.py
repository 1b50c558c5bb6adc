"""Calibration: fit parameters to what a municipality (or the country) observed, by
simulated moments.

Observations are either a targets file (as in ``scenarios/targets/``: only its
``calibration`` targets are fitted; validation and consistency targets are held out, so
they stay a test of the fit) or a CSV of monthly series from the municipality's own
records (a ``month`` column and any of the model's time-series columns, e.g.
``in_day_activity``). The distance is the sum of squared standardised differences between
the model's moments (means over replications with fixed seeds, so the distance is a
deterministic function of the parameters) and the observations; it is minimised with
SciPy's differential evolution (seeded). A national scenario is fitted the same way, to
the country's figures: its moments are those of the national sums (as ``compare`` and
``check-targets`` report them), and its runs spread over the executor's workers.

Each fitted value gets an interval of about 95% with two parts:

- The observations' noise: a profile interval, the range where the distance stays within
  4 x sigma^2 of its minimum. For series sigma^2 is estimated from the fit, as in
  nonlinear least squares (minimum distance / (effective points - parameters)), where
  consecutive months are strongly autocorrelated, so a series counts as one effective
  observation per year; for target ranges a difference of one half-width counts as one
  sigma.
- The simulation's own noise: with fixed seeds the simulated moments carry the error of
  a mean over a few replications, and the fit follows it (with 4 replications a fit to
  series made with 0.0052 gave 0.00786, outside its profile interval; over 18 fits of
  ``help_seeking.per_month`` with 2, 4 and 8 replications the profile interval alone held
  the truth in 10, with the noise added in 18). So the minimum along each
  parameter is found again, on a profile of ``NOISE_GRID_POINTS`` points (the others at
  their best values), ``noise_refits`` times with one replication under a fresh seed
  each; the spread of those minima, divided by the square root of the replications, is
  the standard deviation the fixed seeds add to the fitted value. It is added to the
  profile interval's half-widths in quadrature, times a Student t quantile for the
  refits' few degrees of freedom, and the interval is kept within the bounds searched.
  ``Fit.notes`` (in the fitted scenario's header) says how large it was, what share of
  the interval's variance it makes, and how many replications would make it negligible
  (under ``NEGLIGIBLE_SHARE``). It costs ``noise_refits x NOISE_GRID_POINTS`` single runs
  per parameter; the points of a profile run together (``experiment.run_points``: for a
  municipality, as one model where the parameters are read per municipality). For several
  parameters the profiles are slices (the others held at their best), so correlated
  parameters get intervals that are too narrow.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
from scipy.optimize import differential_evolution
from scipy.stats import t as student_t

from . import budget, rng
from .declarations import BY_KEY
from .errors import InputError, brief
from .execution import Executor
from .experiment import Results, run_points
from .input_files import MAX_TABLE_BYTES, read_text
from .model import DoorstroomModel
from .scenario import Scenario
from .targets import evaluate, load_targets, policies_needed, policy_names
from .toml_text import comment

#: The first line of a fitted scenario begins with this (after "# "): how ``calibrate
#: --force`` knows a file it may replace.
MADE_BY = "calibrated by doorstroom calibrate"
#: Simulation noise counts as negligible below this share of an interval's variance.
NEGLIGIBLE_SHARE = 0.1
#: Points of each single-replication profile whose minimum measures the noise.
NOISE_GRID_POINTS = 13


@dataclass
class Observations:
    """What the model is fitted to, and how to compute its counterpart from runs."""

    description: str
    #: (scenarios, policy label, replications, base seed, executor or None) -> the
    #: distance of each (a profile's points run together: ``experiment.run_points``)
    distances: Callable[[list[Scenario], str, int, int, Executor | None], list[float]]
    names: list[str]
    replications: int
    seed: int
    points: int | None = None  # series: effective observations (sigma^2 from the fit)
    policies: int = 1  # policy sets each evaluation runs

    def threshold(self, minimum: float, n_params: int) -> float:
        """How far the distance may rise for a value to stay in its ~95% interval."""
        if self.points is None:
            return 4.0
        return 4.0 * max(minimum, 1e-12) / max(self.points - n_params, 1)


def load_observations(path: Path, policy: str, replications: int, seed: int) -> Observations:
    """Read a targets TOML or a monthly CSV."""
    path = Path(path)
    if path.suffix == ".csv":
        return _from_csv(path, replications, seed)
    return _from_targets(path, replications, seed)


def _from_targets(path: Path, replications: int, seed: int) -> Observations:
    every = load_targets(path)
    targets = [t for t in every if t.modelled and t.kind == "calibration"]
    if not targets:
        raise InputError(f"{path}: no modelled target of kind 'calibration'; calibrate fits "
                         "to those and holds validation and consistency targets out")

    def distance(res: Results, sc: Scenario) -> float:
        total = 0.0
        for t, row in zip(targets, evaluate(targets, res, sc)):
            mid, half = (t.low + t.high) / 2, max((t.high - t.low) / 2, 1e-9)
            value = row["value"]
            total += 25.0 if value != value else ((value - mid) / half) ** 2
        return total

    def distances(scenarios: list[Scenario], _policy, reps: int, base_seed: int,
                  executor: Executor | None) -> list[float]:
        found = run_points(scenarios, policies_needed(targets, scenarios[0]), reps,
                           base_seed, executor=executor)
        return [distance(res, sc) for res, sc in zip(found, scenarios)]

    held_out = len([t for t in every if t.modelled]) - len(targets)
    return Observations(f"the {len(targets)} calibration targets of {path} ({held_out} "
                        "validation and consistency targets held out)", distances,
                        [t.observable for t in targets], replications, seed,
                        policies=len(policy_names(targets)))


def _from_csv(path: Path, replications: int, seed: int) -> Observations:
    text = read_text(path, MAX_TABLE_BYTES, "a CSV of monthly series")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:  # a field beyond the csv module's limit, say
        raise InputError(f"{path} line {reader.line_num + 1}: {exc}") from None
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
    except (TypeError, ValueError) as exc:  # TypeError: a row with fewer fields
        raise InputError(f"{path}: {brief(str(exc))}; every row needs a number in each "
                         "column") from None
    scale = {c: max(float(np.std(v)), 1.0) for c, v in observed.items()}

    def distance(res: Results) -> float:
        sim = res.timeseries.groupby("month")[columns].mean()
        total = 0.0
        for c in columns:
            diff = (sim.loc[months, c].to_numpy() - observed[c]) / scale[c]
            total += float((diff ** 2).sum())
        return total

    def distances(scenarios: list[Scenario], policy_label, reps: int, base_seed: int,
                  executor: Executor | None) -> list[float]:
        for sc in scenarios:
            if months.max() > sc["simulation.months"]:
                raise InputError(f"{path}: months run to {months.max()}; the scenario stops "
                                 f"at {sc['simulation.months']}")
        found = run_points(scenarios, (policy_label,), reps, base_seed, executor=executor)
        return [distance(res) for res in found]

    years = max(1, round((months.max() - months.min() + 1) / 12))
    return Observations(f"series {path}", distances, columns, replications, seed,
                        points=years * len(columns))


@dataclass
class Fit:
    """Fitted values with intervals that hold the observations' and the simulation's noise.

    ``profile_intervals``: the observations' part alone; ``noise_sd``: the standard
    deviation the fixed seeds of ``replications`` replications add to each value.
    """

    params: list[str]
    values: list[float]
    intervals: list[tuple[float, float]]
    distance: float
    evaluations: int
    profile_intervals: list[tuple[float, float]] = field(default_factory=list)
    noise_sd: list[float] = field(default_factory=list)
    replications: int = 1
    noise_refits: int = 0
    notes: list[str] = field(default_factory=list)


def calibrate(scenario: Scenario, obs: Observations, keys: list[str],
              bounds: list[list[float]], policy: str, seed: int = 1,
              maxiter: int = 12, popsize: int = 6, profile_points: int = 25,
              noise_refits: int = 8, executor: Executor | None = None) -> Fit:
    """Minimise the distance over the parameters within their bounds; intervals from the
    profile, widened by the simulation noise measured with ``noise_refits`` fresh seeds.
    Each evaluation's runs go to ``executor`` (``simulation.execution``; default: this
    process); the fit does not depend on it."""
    if noise_refits < 2:
        raise InputError("noise_refits must be at least 2 (a spread needs two refits)")
    # At most: every member of every generation, the profiles, and the noise profiles of
    # one replication each (counted here in sets of the observations' replications).
    evaluations = len(keys) * ((maxiter + 1) * popsize + profile_points + math.ceil(
        noise_refits * NOISE_GRID_POINTS / obs.replications))
    budget.check(scenario.values, scenario.municipalities, obs.policies, obs.replications,
                 samples=evaluations, workers=executor.workers if executor else 1,
                 unit="evaluations", origin="calibration: ")
    label = scenario.policy(policy).label
    cache: dict[tuple, float] = {}

    def values_of(x) -> dict:
        return {k: (int(round(v)) if BY_KEY[k].kind == "int" else float(v))
                for k, v in zip(keys, x)}

    def evaluated(xs: list[np.ndarray]) -> list[float]:
        """The distance at each point (those not yet known run together)."""
        fresh = {}
        for x in xs:
            fresh.setdefault(tuple(np.round(x, 12)), x)
        todo = [key for key in fresh if key not in cache]
        if todo:
            cache.update(zip(todo, obs.distances(
                [scenario.with_overrides(values_of(fresh[key])) for key in todo], label,
                obs.replications, obs.seed, executor)))
        return [cache[tuple(np.round(x, 12))] for x in xs]

    def f(x) -> float:
        return evaluated([x])[0]

    res = differential_evolution(f, bounds, seed=seed, maxiter=maxiter, popsize=popsize,
                                 polish=False, tol=1e-3, init="sobol", updating="immediate")
    best = res.x
    limit = res.fun + obs.threshold(res.fun, len(keys))
    fresh = [rng.derive_seed(obs.seed, "calibration noise", k) for k in range(noise_refits)]

    def one_replication(xs: list[np.ndarray], seed: int) -> list[float]:
        return obs.distances([scenario.with_overrides(values_of(x)) for x in xs], label, 1,
                             seed, executor)

    profiles, noise = [], []
    for i, (lo, hi) in enumerate(bounds):
        grid = np.linspace(lo, hi, profile_points)
        profiles.append(_crossings(grid, _profile(evaluated, best, i, grid), limit, best[i]))
        noise.append(_noise_sd(one_replication, best, i, np.linspace(lo, hi, NOISE_GRID_POINTS),
                               fresh) / math.sqrt(obs.replications))
    quantile = float(student_t.ppf(0.975, noise_refits - 1))
    intervals = [_widen(b, lo_hi, quantile * sd, bound)
                 for b, lo_hi, sd, bound in zip(best, profiles, noise, bounds)]
    fitted = values_of(best)
    evaluations = len(cache) + noise_refits * NOISE_GRID_POINTS * len(keys)
    fit = Fit(keys, [fitted[k] for k in keys], intervals, float(res.fun), evaluations,
              profiles, noise, obs.replications, noise_refits)
    fit.notes = _noise_notes(fit, quantile)
    return fit


def _noise_sd(one_replication: Callable, best: np.ndarray, i: int, grid: np.ndarray,
              seeds: list[int]) -> float:
    """How far the minimum along parameter ``i`` moves between single replications: the
    spread of the minima of profiles made each with one replication under a fresh seed."""
    minima = [_vertex(grid, _profile(lambda xs, s=seed: one_replication(xs, s), best, i,
                                     grid)) for seed in seeds]
    return float(np.std(minima, ddof=1))


def _vertex(grid: np.ndarray, d: np.ndarray) -> float:
    """Where a profile has its minimum: the lowest grid point, refined by the parabola
    through it and its neighbours (kept between them)."""
    i = int(np.argmin(d))
    if i == 0 or i == grid.size - 1:
        return float(grid[i])
    x, y = grid[i - 1: i + 2], d[i - 1: i + 2]
    curvature = y[0] - 2 * y[1] + y[2]
    if curvature <= 0:
        return float(grid[i])
    shift = (y[0] - y[2]) / (2 * curvature) * (x[1] - x[0])
    return float(np.clip(x[1] + shift, x[0], x[2]))


def _profile(distances: Callable, best: np.ndarray, i: int, grid: np.ndarray) -> np.ndarray:
    """The distance along parameter ``i`` with the others at their best values (the
    points evaluated at once: ``distances`` takes a list of them)."""
    points = []
    for g in grid:
        x = best.copy()
        x[i] = g
        points.append(x)
    return np.array(distances(points))


def _widen(best: float, profile: tuple[float, float], noise: float,
           bounds: list[float]) -> tuple[float, float]:
    """The profile interval with the simulation noise added to each half-width in
    quadrature, kept within the bounds searched."""
    lo, hi = profile
    return (max(best - math.hypot(best - lo, noise), bounds[0]),
            min(best + math.hypot(hi - best, noise), bounds[1]))


def _noise_notes(fit: Fit, quantile: float) -> list[str]:
    """What the simulation noise did to each interval, in words for the output."""
    notes = [f"intervals include the simulation's own noise: minima of {fit.noise_refits} "
             f"profiles of one replication under fresh seeds, spread / sqrt("
             f"{fit.replications} replications), t quantile {quantile:.2f}"]
    for k, (low, high), sd in zip(fit.params, fit.profile_intervals, fit.noise_sd):
        noise_var, profile_var = (quantile * sd) ** 2, ((high - low) / 2) ** 2
        if not math.isfinite(noise_var) or not profile_var:
            notes.append(f"{k}: the profile is flat here, nothing pins the value; give more "
                         "observations or fix the parameter")
            continue
        share = noise_var / (noise_var + profile_var)
        needed = math.ceil(fit.replications * noise_var / (NEGLIGIBLE_SHARE * profile_var))
        verdict = ("negligible" if share <= NEGLIGIBLE_SHARE else
                   f"not negligible: about {needed} replications would make it so")
        notes.append(f"{k}: simulation noise sd {sd:.3g} with {fit.replications} "
                     f"replications, {share:.0%} of the interval's variance ({verdict})")
    return notes


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
    lines = [f"{MADE_BY} against {obs.description}",
             f"distance {fit.distance:.4g} after {fit.evaluations} evaluations"]
    for k, v, (lo, hi) in zip(fit.params, fit.values, fit.intervals):
        lines.append(f"{k} = {v:.6g} (about 95%: {lo:.6g} .. {hi:.6g})")
    lines += fit.notes
    return f"{comment(*lines)}\n{sc.to_toml()}"  # a note or a file name may hold anything
