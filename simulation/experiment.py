"""Experiments: replications, paired comparisons, worker pools and intervals.

Everything calls the model through one function, ``simulate`` (scenario + policy +
seed -> flat results). Replication r always uses the seed derived from (base seed,
r), whichever process runs it, and results are gathered in replication order, so
outputs are byte-identical for any number of workers. A comparison runs both
regimes with the same seed per replication: same residents, same draws.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from . import execution, rng
from .errors import InputError
from .execution import Executor
from .metrics import METRICS
from .scenario import Scenario, build

DEFAULT_PAIR = ("indicatie", "voorziening")


def replication_seed(seed: int, replication: int) -> int:
    """The seed of replication ``replication`` under base seed ``seed``."""
    return rng.derive_seed(seed, "replication", replication)


def simulate(scenario: Scenario, policy: str, seed: int,
             ledger: bool = False) -> tuple[dict[str, float], pd.DataFrame, pd.DataFrame | None]:
    """One run: metrics, monthly time series and (optionally) the monthly ledger totals."""
    from .metrics import compute

    model = run_model(scenario, policy, seed)
    ledger_frame = model.ledger.summary_frame() if ledger else None
    return compute(model), model.timeseries(), ledger_frame


def run_model(scenario: Scenario, policy: str, seed: int):
    """One finished run of the model (no per-resident handles: batch runs do not use them)."""
    from .model import DoorstroomModel

    return DoorstroomModel(scenario, policy=policy, seed=seed, resident_agents=False).run()


def replication_scenarios(base: Scenario, seed: int, replications: Sequence[int],
                          psa: bool) -> Iterator[tuple[int, Scenario, dict[str, float]]]:
    """Each replication's scenario: the base, or with ``psa`` the base with that
    replication's draw of the unmeasured parameters (and the draw as columns)."""
    # Fault injection for the tests: a worker process (never the main one) dies here.
    crash_at = (os.environ.get("DOORSTROOM_FAULT_REPLICATION")
                if multiprocessing.parent_process() is not None else None)
    for r in replications:
        if crash_at is not None and str(r) == crash_at:
            os._exit(70)
        if psa:
            draw = psa_draw(base, seed, r)
            yield r, base.with_overrides(draw), psa_columns(draw, base)
        else:
            yield r, base, {}


def psa_draw(scenario: Scenario, seed: int, replication: int) -> dict[str, Any]:
    """The unmeasured parameters for one replication, drawn from their plausible ranges.

    Keyed by (seed, parameter, replication): every policy set of a replication gets the
    same draw. A list parameter is scaled by one multiplier drawn from its range.
    """
    from .params import uncertain_params

    out: dict[str, Any] = {}
    ent = np.array([rng.MUNICIPALITY_ID], dtype=np.uint64)
    for p in uncertain_params():
        lo, hi = p.plausible
        x = lo + (hi - lo) * float(rng.uniform(seed, f"psa:{p.key}", replication, ent)[0])
        out[p.key] = plausible_value(p, scenario, x)
    return out


def plausible_value(p, scenario: Scenario, x: float) -> Any:
    """A point ``x`` of a parameter's plausible range as a scenario value: the number
    itself, or for a list the scenario's list scaled by ``x`` (kept in the allowed range)."""
    if p.kind == "list[float]":
        return [min(p.high, max(p.low, v * x)) for v in scenario[p.key]]
    return int(round(x)) if p.kind == "int" else float(x)


def psa_columns(draw: dict[str, Any], scenario: Scenario) -> dict[str, float]:
    """A PSA draw as flat numbers (a list parameter as its multiplier)."""
    out = {}
    for key, value in draw.items():
        if isinstance(value, list):
            base = scenario[key][0] or 1.0
            value = value[0] / base
        out[f"psa:{key}"] = float(value)
    return out


def _task(scenario_data: dict, name: str, policies: Sequence[str], seed: int,
          replications: Sequence[int],
          psa: bool = False) -> list[tuple[int, str, dict, pd.DataFrame, pd.DataFrame]]:
    """A worker's share: some replications, every policy, results as flat tables."""
    base = build(scenario_data, name=name, origin=name)
    out = []
    for r, scenario, extra in replication_scenarios(base, seed, replications, psa):
        for policy in policies:
            metrics, ts, led = simulate(scenario, policy, replication_seed(seed, r), ledger=True)
            out.append((r, policy, {**metrics, **extra}, ts, led))
    return out


@dataclass
class Results:
    """Replications of one or more policies on one scenario.

    Attributes:
        metrics: one row per (replication, policy): ``replication``, ``policy``, metrics.
        timeseries: one row per (replication, policy, month).
        ledger: monthly totals per (replication, policy, month, payer, category).
        municipalities: for a national scenario, one row per (municipality, replication,
            policy) with its metrics; the tables above are then national totals.
    """

    scenario: Scenario
    policies: tuple[str, ...]
    seed: int
    replications: int
    metrics: pd.DataFrame
    timeseries: pd.DataFrame
    ledger: pd.DataFrame
    psa: bool = False
    municipalities: pd.DataFrame | None = None  # national runs: one row per municipality run

    def of(self, policy: str) -> pd.DataFrame:
        """The metric rows of one policy, indexed by replication."""
        return self.metrics[self.metrics["policy"] == policy].set_index("replication")[
            list(METRICS)]

    def summary(self, policy: str) -> dict[str, dict[str, Any]]:
        """Mean and 95% interval of every metric for one policy."""
        df = self.of(policy)
        return {m: {"mean": _mean(df[m]), "ci95": list(ci95(df[m]))} for m in METRICS}

    def comparison(self, a: str | None = None, b: str | None = None) -> pd.DataFrame:
        """Per metric: means under a and b, mean paired difference (b - a) and its 95% interval."""
        a = a or self.policies[0]
        b = b or self.policies[1]
        da, db = self.of(a), self.of(b)
        diff = db - da
        rows = []
        for m in METRICS:
            low, high = ci95(diff[m])
            rows.append({"metric": m, a: _mean(da[m]), b: _mean(db[m]),
                         "difference": _mean(diff[m]), "ci95_low": low, "ci95_high": high})
        return pd.DataFrame(rows)


def ci95(values: Iterable[float]) -> tuple[float | None, float | None]:
    """95% interval of a mean from replications (Student t); none from fewer than two."""
    x = np.asarray([v for v in values if v == v], dtype=np.float64)  # drop nan
    if x.size < 2:
        return (None, None)
    from scipy.stats import t

    half = float(t.ppf(0.975, x.size - 1) * x.std(ddof=1) / math.sqrt(x.size))
    mean = float(x.mean())
    return (mean - half, mean + half)


def _mean(values) -> float | None:
    x = np.asarray(values, dtype=np.float64)
    x = x[~np.isnan(x)]
    return float(x.mean()) if x.size else None


def run_replications(scenario: Scenario, policies: Sequence[str], replications: int,
                     seed: int | None = None, workers: int = 1,
                     progress: bool | None = None, psa: bool = False,
                     executor: Executor | None = None,
                     on_progress: Callable[[int, int], None] | None = None) -> Results:
    """Run ``replications`` replications of every policy; gather results in order.

    Args:
        scenario: a validated scenario (one municipality, or a national one: see
            ``simulation.national``).
        policies: policy labels, e.g. ``("indicatie", "voorziening")``.
        replications: how many; replication r uses ``replication_seed(seed, r)``.
        seed: base seed (default: the scenario's ``simulation.seed``).
        workers: local processes when no ``executor`` is given; 1 runs in this process.
        progress: show a progress bar on stderr (default: when stderr is a terminal).
        psa: probabilistic sensitivity analysis: each replication draws the unmeasured
            parameters from their plausible ranges (the same draw for every policy set).
        executor: where to run (``simulation.execution.executor``); results do not depend
            on it.
        on_progress: called as ``on_progress(runs_done, runs_total)`` after each batch
            (the dashboard's progress indicator).
    """
    if replications < 1:
        raise InputError(f"--replications must be at least 1, got {replications}")
    if executor is None:
        with execution.executor(workers) as own:
            return run_replications(scenario, policies, replications, seed, workers,
                                    progress, psa, own, on_progress)
    seed = int(scenario["simulation.seed"] if seed is None else seed)
    if scenario.municipalities:
        from . import national

        return national.run_replications(scenario, tuple(policies), replications, seed,
                                         progress, psa, executor, on_progress)
    reps = list(range(replications))
    data = scenario.as_dict()
    tasks = [(data, scenario.name, list(policies), seed, chunk, psa)
             for chunk in chunks(reps, executor.workers)]
    collected: list[tuple] = []
    with progress_bar(replications * len(policies), scenario.name, progress,
                      on_progress) as advance:
        try:
            for _, part in executor.run(_task, tasks):
                collected += part
                advance(len(part))
        except execution.WorkerDied as exc:
            chunk = tasks[exc.index][4]
            raise RuntimeError(
                f"a worker process died while running replications {chunk[0]}-{chunk[-1]} "
                f"(seeds {[replication_seed(seed, r) for r in chunk]}); rerun with "
                "--workers 1 to see the error") from None
    order = {p: i for i, p in enumerate(policies)}
    collected.sort(key=lambda item: (item[0], order[item[1]]))
    return _assemble(scenario, tuple(policies), seed, replications, collected, psa)


@contextmanager
def progress_bar(total: int, label: str, progress: bool | None,
                 on_progress: Callable[[int, int], None] | None = None):
    """A tqdm bar on stderr (when shown) and the callback; yields ``advance(runs)``."""
    from tqdm import tqdm

    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=total, disable=not show, file=sys.stderr, unit="run", desc=label)
    done = 0

    def advance(runs: int) -> None:
        nonlocal done
        done += runs
        bar.update(runs)
        if on_progress is not None:
            on_progress(done, total)

    try:
        yield advance
    finally:
        bar.close()


def chunks(reps: list[int], workers: int) -> list[list[int]]:
    """Replications in batches: one batch in this process, about four per worker else."""
    if workers <= 1:
        return [reps]
    size = max(1, math.ceil(len(reps) / (workers * 4)))
    return [reps[i: i + size] for i in range(0, len(reps), size)]


def _assemble(scenario, policies, seed, replications, collected, psa=False) -> Results:
    metric_rows, ts_parts, led_parts = [], [], []
    for r, policy, metrics, ts, led in collected:
        metric_rows.append({"replication": r, "policy": policy, **metrics})
        ts = ts.copy()
        ts.insert(0, "policy", policy)
        ts.insert(0, "replication", r)
        ts_parts.append(ts)
        led = led.copy()
        led.insert(0, "policy", policy)
        led.insert(0, "replication", r)
        led_parts.append(led)
    psa_cols = sorted(k for k in metric_rows[0] if k.startswith("psa:")) if psa else []
    return Results(scenario, policies, seed, replications,
                   pd.DataFrame(metric_rows, columns=["replication", "policy", *METRICS,
                                                      *psa_cols]),
                   pd.concat(ts_parts, ignore_index=True),
                   pd.concat(led_parts, ignore_index=True), psa)


def run(scenario: Scenario, policy: str | None = None, replications: int | None = None,
        seed: int | None = None, workers: int = 1, progress: bool | None = None,
        psa: bool = False, executor: Executor | None = None) -> Results:
    """Replications of one regime (default: the scenario's ``policy.regime``).

    Example::

        from simulation import load_scenario, run
        res = run(load_scenario("scenarios/baseline.toml"), "voorziening", replications=5)
        res.summary("voorziening")["jobs_started"]
    """
    policy = policy or scenario["policy.regime"]
    n = int(scenario["simulation.replications"] if replications is None else replications)
    return run_replications(scenario, (policy,), n, seed, workers, progress, psa, executor)


def compare(scenario: Scenario, replications: int | None = None, seed: int | None = None,
            workers: int = 1, progress: bool | None = None,
            policies: Sequence[str] = DEFAULT_PAIR, psa: bool = False,
            executor: Executor | None = None) -> Results:
    """Both regimes on the same residents and draws, replication by replication.

    Example::

        from simulation import load_scenario, compare
        res = compare(load_scenario("scenarios/baseline.toml"), replications=10)
        res.comparison().set_index("metric").loc["net_cost_eur"]
    """
    n = int(scenario["simulation.replications"] if replications is None else replications)
    return run_replications(scenario, tuple(policies), n, seed, workers, progress, psa,
                            executor)


def comparison_json(results: Results, version: str) -> dict[str, Any]:
    """The contract's ``comparison.json`` content."""
    a, b = results.policies[:2]
    table = results.comparison(a, b)
    metrics = {}
    for row in table.itertuples(index=False):
        metrics[row.metric] = {a: row[1], b: row[2], "difference": row.difference,
                               "ci95": [row.ci95_low, row.ci95_high]}
    from .economics import acceptability, cost_effectiveness

    return {"scenario": results.scenario.name, "seed": results.seed,
            "replications": results.replications, "version": version,
            "scenario_sha256": results.scenario.sha256, "policies": [a, b],
            "psa": results.psa, "metrics": metrics,
            "cost_effectiveness": cost_effectiveness(results, a, b, results.seed),
            "acceptability": acceptability(results, a, b).to_dict("list")}


def summary_json(results: Results, policy: str, version: str) -> dict[str, Any]:
    """The contract's ``summary.json`` content for one policy."""
    sc = results.scenario
    summ = results.summary(policy)
    params: dict[str, Any] = dict(sc.values)
    params["providers.organisations"] = [dict(o) for o in sc.organisations]
    return {"scenario": sc.name, "policy": policy, "seed": results.seed,
            "months": sc["simulation.months"], "replications": results.replications,
            "version": version, "scenario_sha256": sc.sha256, "parameters": params,
            "metrics": {m: v["mean"] for m, v in summ.items()},
            "metrics_ci95": {m: v["ci95"] for m, v in summ.items()}}

