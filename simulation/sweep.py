"""Parameter sweeps that survive interruption, and their sensitivity analysis.

A sweep draws parameter samples (grid, Latin hypercube, Sobol' or Morris designs, the
last two from SALib), runs every sample for the same replications (common random
numbers across samples, and across policy sets with ``--compare``), and writes each
finished sample as its own Parquet part at once. ``--resume`` runs only the samples
without an intact part listed in the folder's manifest (``sweep_folder``); the merged
``results.parquet`` is the same as an uninterrupted sweep's.
"""

from __future__ import annotations

import itertools
import json
import math
import warnings
from contextlib import nullcontext
from dataclasses import asdict
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
from SALib.analyze import morris as morris_analysis
from SALib.analyze import sobol as sobol_analysis
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample
from scipy.stats import qmc

from . import budget, execution
from .declarations import BY_KEY
from .errors import InputError, option
from .budget import estimated_capacity
from .experiment import metrics_table, run_replications
from .municipal import PER_MUNICIPALITY
from .output import lock, write_parquet
from .runs import TOGETHER_UP_TO, replications_together
from .scenario import Scenario, build
from .scenario_checks import RULED_VALUES
from .sweep_folder import PARTS, Manifest, SweepSpec, merge, note

METHODS = ("grid", "lhs", "sobol", "morris")


def parse_params(items: Sequence[str], scenario: Scenario) -> tuple[list[str], list[list[float]]]:
    """``KEY=LOW:HIGH`` (or ``KEY``: its plausible range, else its allowed range)."""
    keys, bounds = [], []
    for item in items:
        key, _, rng = item.partition("=")
        key = key.strip()
        p = BY_KEY.get(key)
        if p is None or p.kind not in ("int", "float"):
            raise InputError(f"--param {item}: '{key}' is not a numeric scenario key; "
                             "sweep numbers such as help_seeking.latent_share")
        if rng:
            lo_text, sep, hi_text = rng.partition(":")
            try:
                lo, hi = float(lo_text), float(hi_text)
            except ValueError:
                lo = hi = float("nan")
            if not sep or not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
                raise InputError(f"--param {item}: expected KEY=LOW:HIGH with LOW < HIGH")
            if lo < p.low or hi > p.high:
                raise InputError(f"--param {item}: {key} is allowed from {p.low:g} to "
                                 f"{p.high:g}")
        else:
            lo, hi = p.plausible or (p.low, p.high)
        if key in keys:
            raise InputError(f"--param {key} is given twice")
        for rule, choice, value in RULED_VALUES:
            if key == value and scenario[rule] != choice:
                raise InputError(f'--param {key}: applies only when {rule} = "{choice}" '
                                 f'(now "{scenario[rule]}"); add --set {rule}={choice}')
        keys.append(key)
        bounds.append([lo, hi])
    if not keys:
        raise InputError("a sweep needs at least one --param KEY=LOW:HIGH")
    return keys, bounds


def design(method: str, bounds: list[list[float]], samples: int, seed: int) -> np.ndarray:
    """Sample points (rows) for the parameters (columns) by the chosen method."""
    k = len(bounds)
    lo = np.array([b[0] for b in bounds])
    hi = np.array([b[1] for b in bounds])
    problem = {"num_vars": k, "names": [f"x{i}" for i in range(k)], "bounds": bounds}
    if method == "grid":
        axes = [np.linspace(a, b, samples) for a, b in bounds]
        return np.array(list(itertools.product(*axes)))
    if method == "lhs":
        return lo + (hi - lo) * qmc.LatinHypercube(d=k, seed=seed).random(samples)
    if method == "sobol":
        return sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
    if method == "morris":
        return morris_sample.sample(problem, samples, num_levels=4, seed=seed)
    raise InputError(f"{option('method', method)}: choose one of "
                     f"{', '.join(METHODS)}")


def design_size(method: str, params: int, samples: int) -> int:
    """How many points ``design`` makes, counted without making them (a grid of three
    parameters at 100,000 points each has 10^15)."""
    if method == "grid":
        return samples ** params
    return samples * {"sobol": params + 2, "morris": params + 1}.get(method, 1)


def _sample_scenario(base: Scenario, keys: list[str], row: np.ndarray) -> tuple[Scenario, dict]:
    values = {}
    for key, x in zip(keys, row):
        values[key] = int(round(x)) if BY_KEY[key].kind == "int" else float(x)
    return base.with_overrides(values), values


def _run_samples(spec_data: dict, samples: list[int],
                 rows: list[list[float]]) -> list[pd.DataFrame]:
    """Some samples, every replication and policy: a flat table each (runs in a worker).
    Samples of a municipality that differ only in values a model reads per municipality
    (its own figures, unmeasured parameters) run together (``runs.run_together``), others
    one by one."""
    spec = SweepSpec(**spec_data)
    base = build(spec.scenario, name=spec.scenario_name, origin=spec.scenario_name,
                 source=spec.source)
    made = [_sample_scenario(base, spec.params, np.array(row)) for row in rows]
    if not _together(base, spec.params):
        tables = [run_replications(sc, spec.policies, spec.replications, spec.seed,
                                   progress=False).metrics for sc, _ in made]
    else:
        reps = spec.replications
        results = replications_together([(sc, r, spec.seed) for sc, _ in made
                                         for r in range(reps)], spec.policies)
        tables = [metrics_table([run for each in results[k * reps: (k + 1) * reps]
                                 for run in each]) for k in range(len(made))]
    for sample, (_, values), df in zip(samples, made, tables):
        for i, (key, value) in enumerate({"sample": sample, **values}.items()):
            df.insert(i, key, value)
    return tables


def _together(scenario: Scenario, keys: Sequence[str]) -> bool:
    """Whether a sweep's samples run together: a municipality's, varying only values a
    model reads per municipality (``municipal.PER_MUNICIPALITY``)."""
    return not scenario.municipalities and all(key in PER_MUNICIPALITY for key in keys)


class SweepSamples:
    """The samples of a sweep still to run, as a plan for ``execution.run_plan``: a task
    runs a few samples (as many as ``runs.TOGETHER_UP_TO`` residents hold, and about four
    tasks a worker), and each finished sample is written as its own Parquet part at once."""

    function = staticmethod(_run_samples)
    unit = "sample"

    def __init__(self, manifest: Manifest, points: np.ndarray, todo: list[int],
                 scenario: Scenario, workers: int):
        spec_data = asdict(manifest.spec)
        size = 1
        if _together(scenario, manifest.spec.params):
            residents = estimated_capacity(scenario.values) * manifest.spec.replications
            size = min(max(1, TOGETHER_UP_TO // residents),
                       max(1, math.ceil(len(todo) / (4 * workers))))
        self.manifest = manifest
        self.batches = [todo[i: i + size] for i in range(0, len(todo), size)]
        self.tasks = [(spec_data, batch, points[batch].tolist()) for batch in self.batches]
        self.total = len(points)

    def take(self, index: int, tables: list[pd.DataFrame]) -> int:
        for df in tables:
            self.manifest.add(df)
        return len(tables)

    def failure(self, index: int) -> str:
        batch = self.batches[index]
        which = f"sample {batch[0]}" if len(batch) == 1 else f"samples {batch[0]}-{batch[-1]}"
        return (f"{which}; finished samples are kept in {self.manifest.out / PARTS}; rerun "
                f"with {option('resume', True)} to finish")


def run_sweep(scenario: Scenario, keys: list[str], bounds: list[list[float]], method: str,
              samples: int, replications: int, policies: Sequence[str], out: Path,
              workers: int = 1, resume: bool = False, seed: int | None = None,
              progress: bool | None = None, executor=None) -> pd.DataFrame:
    """Run (or finish) a sweep into ``out``; return the merged results.

    Samples run on ``executor`` (``simulation.execution``; default: ``workers`` local
    processes); each finished sample is saved at once, so an interrupted sweep resumes.
    """
    if samples < 1 or replications < 1:
        raise InputError(f"{option('samples')} and "
                         f"{option('replications')} must be at least 1")
    seed = int(scenario["simulation.seed"] if seed is None else seed)
    spec = SweepSpec(scenario.as_dict(), scenario.name, list(keys), bounds, method, samples,
                     replications, seed, list(policies),
                     scenario.source if scenario.municipalities else None)
    size = design_size(method, len(keys), samples)
    on = executor.workers if executor is not None else workers
    budget.check(scenario.values, scenario.municipalities, len(policies), replications,
                 samples=size, workers=on, samples_at_once=min(on, size), origin="sweep: ")
    points = design(method, bounds, samples, seed)
    out = Path(out)
    with lock(out):  # one sweep at a time in a folder, from Python too
        manifest = Manifest(out, spec)
        if out.exists() and not out.is_dir():
            raise InputError(f"{option('out', out)}: exists and is not a folder; choose another "
                             "folder")
        if out.exists() and any(out.iterdir()):
            if not resume:
                raise InputError(f"{option('out', out)}: folder exists; add "
                                 f"{option('resume', True)} to finish that sweep or "
                                 "choose another folder")
            old = Manifest.read(out)
            if asdict(old.spec) != json.loads(json.dumps(asdict(spec))):
                raise InputError(f"{option('out', out)}: that folder holds a different "
                                 "sweep (scenario, parameters, method, samples, replications, seed "
                                 f"or policies differ); {option('resume', True)} finishes "
                                 "only the same sweep")
            manifest.analyses = old.analyses
            for name in old.parts:
                problem = old.problem(name)
                if problem:
                    note(f"{problem}; running its samples again")
                else:
                    manifest.parts[name] = old.parts[name]
        (out / PARTS).mkdir(parents=True, exist_ok=True)
        manifest.save()
        pd.DataFrame(points, columns=keys).rename_axis("sample").reset_index().to_csv(
            out / "samples.csv", index=False, lineterminator="\n")
        todo = sorted(set(range(len(points))) - manifest.finished())
        plan = SweepSamples(manifest, points, todo, scenario,
                            executor.workers if executor is not None else workers)
        own = execution.executor(workers if len(todo) > 1 else 1) if executor is None else None
        try:
            with own if own is not None else nullcontext(executor) as ex:
                execution.run_plan(ex, plan, "sweep", progress, done=len(points) - len(todo))
        finally:  # the parts finished before a failure or a stop stay listed
            manifest.flush()
        merged = merge(out)
        write_parquet(out / "results.parquet", merged)
        return merged


def responses(out: Path, metric: str,
              difference: bool) -> tuple[SweepSpec, pd.DataFrame, pd.Series]:
    """A sweep folder's spec, its runs, and one response per sample: the metric's mean over
    replications, or with ``difference`` the mean paired difference (second policy set
    minus first) of a ``--compare`` sweep."""
    spec = Manifest.read(out).spec
    results = merge(out)
    if metric not in results.columns:
        raise InputError(f"{option('metric', metric)}: not a metric of this sweep")
    if difference:
        if len(spec.policies) != 2:
            raise InputError(f"{option('difference', True)} needs a sweep that "
                             "compares two policy sets")
        a, b = spec.policies
        wide = results.pivot_table(index=["sample", "replication"], columns="policy",
                                   values=metric)
        y = (wide[b] - wide[a]).groupby(level="sample").mean()
    else:
        y = results[results["policy"] == spec.policies[0]].groupby("sample")[metric].mean()
    return spec, results, y


#: The widest 95% interval (half-width) a stable index may have, on the index's scale:
#: the whole variance for Sobol' indices (shares in [0, 1]), the largest mu* for Morris.
#: Wider, an index cannot tell a parameter behind a tenth of the variance from one behind
#: none, and Sobol' estimates stray out of [0, 1] (S1 = -0.16, ST = 1.17 at 16 samples).
STABLE_HALF_WIDTH = 0.1


#: Fewer Morris trajectories often repeat the same elementary effects on the 4-level grid,
#: so the bootstrap interval can be narrow by chance (4 trajectories of sin(6a): mu* ± 0.00).
MORRIS_MIN_TRAJECTORIES = 10


class UnstableIndicesWarning(UserWarning):
    """Sensitivity indices from too few samples to be read: rerun the sweep with more."""


def sensitivity(out: Path, metric: str, difference: bool = False) -> pd.DataFrame:
    """Sobol' (first and total order, with 95% confidence) or Morris indices of a metric.

    The response per sample is the mean over replications; with ``difference`` it is the
    mean paired difference (second policy minus first) of a ``--compare`` sweep. Column
    ``stable`` says whether each parameter's intervals are within ``STABLE_HALF_WIDTH``;
    if one is not, an ``UnstableIndicesWarning`` (also in ``table.attrs["warning"]``) says
    how many samples would make them so.
    """
    spec, results, y = responses(out, metric, difference)
    if spec.method not in ("sobol", "morris"):
        raise InputError(f"{out}: a {spec.method} sweep; sensitivity indices need a sweep "
                         f"with {option('method', 'sobol')} or "
                         f"{option('method', 'morris')}")
    points = design(spec.method, spec.bounds, spec.samples, spec.seed)
    if len(y) != len(points):
        raise InputError(f"{out}: {len(y)} of {len(points)} samples finished; "
                         f"finish the sweep with {option('resume', True)} first")
    y = y.sort_index().to_numpy(dtype=float)
    problem = {"num_vars": len(spec.params), "names": spec.params, "bounds": spec.bounds}
    if spec.method == "sobol":
        res = sobol_analysis.analyze(problem, y, calc_second_order=False, seed=spec.seed)
        table = pd.DataFrame({"parameter": spec.params, "S1": res["S1"],
                              "S1_conf": res["S1_conf"], "ST": res["ST"],
                              "ST_conf": res["ST_conf"]})
    else:
        res = morris_analysis.analyze(problem, points, y, seed=spec.seed)
        table = pd.DataFrame({"parameter": spec.params, "mu_star": res["mu_star"],
                              "mu_star_conf": res["mu_star_conf"], "sigma": res["sigma"]})
    return _judge_stability(table, spec, metric)


def _judge_stability(table: pd.DataFrame, spec: SweepSpec, metric: str) -> pd.DataFrame:
    """Add ``stable`` per parameter; warn, with the samples needed, if any is not.

    SALib's bootstrap intervals shrink as one over the square root of the samples, so
    ``samples x (widest / STABLE_HALF_WIDTH)**2`` samples would narrow the widest enough.
    """
    if spec.method == "sobol":
        scale = 1.0
        widest = table[["S1_conf", "ST_conf"]].max(axis=1)
        in_range = (table["S1"] >= -STABLE_HALF_WIDTH) & (table["ST"] <= 1 + STABLE_HALF_WIDTH)
        what, samples, of_scale = "Sobol' indices", "base samples", ""
    else:
        scale = float(table["mu_star"].max()) or 1.0
        widest = table["mu_star_conf"]
        in_range = pd.Series(spec.samples >= MORRIS_MIN_TRAJECTORIES, index=table.index)
        what, samples, of_scale = "Morris mu*", "trajectories", " of the largest mu*"
    table["stable"] = (widest <= STABLE_HALF_WIDTH * scale) & in_range  # NaN: not stable
    if table["stable"].all():
        return table
    share = float(widest.max()) / scale
    factor = (share / STABLE_HALF_WIDTH) ** 2 if math.isfinite(share) else 4.0
    needed = max(2 * spec.samples, math.ceil(spec.samples * factor))
    if spec.method == "sobol":  # Sobol' sequences are balanced at powers of two
        needed = 2 ** math.ceil(math.log2(needed))
        condition = "indices within [0, 1]"
    else:
        needed = max(needed, MORRIS_MIN_TRAJECTORIES)
        condition = f"from at least {MORRIS_MIN_TRAJECTORIES} trajectories"
    table.attrs["warning"] = (
        f"{what} of {metric} are not stable with {spec.samples} {samples}: 95% intervals "
        f"up to ±{share:.2f}{of_scale} (stable: ±{STABLE_HALF_WIDTH:.2f}, {condition}) for "
        f"{', '.join(table.loc[~table['stable'], 'parameter'])}; about {needed} {samples} "
        f"would narrow them enough (rerun the sweep with {option('samples', needed)})")
    warnings.warn(table.attrs["warning"], UnstableIndicesWarning, stacklevel=3)
    return table
