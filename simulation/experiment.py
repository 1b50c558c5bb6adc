"""Experiments: replications and paired comparisons, with intervals.

Runs go through ``runs`` (``simulate`` one, ``run_together`` many as few models); the
replications of a scenario (one municipality, or every municipality of a national one)
are a plan of tasks that ``execution.run_plan`` spreads over workers. Results are
gathered in replication order, so outputs are byte-identical for any number of workers.
A comparison runs both policy sets with the same seed per replication: same residents,
same draws.
"""

from __future__ import annotations

import math
import numbers
import os
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

from . import budget, execution
from .errors import InputError, brief, option
from .execution import Executor
from .declarations import BY_KEY
from .metrics import METRICS
from .national import NationalRuns
from .runs import Points, Replications, RunResult
from .scenario import Scenario, load

DEFAULT_PAIR = ("indicatie", "voorziening")
#: The metrics compared municipality by municipality in ``municipalities_comparison.csv``.
HEADLINE_BY_MUNICIPALITY = ("net_cost_eur", "cost_total_eur", "payer_wmo_eur", "jobs_started",
                            "in_paid_work_end", "participants_served",
                            "mean_assessment_wait_months")


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

    def by_municipality(self, metrics: Sequence[str] = HEADLINE_BY_MUNICIPALITY) -> pd.DataFrame:
        """National runs: per municipality and metric, both policies' means, the mean paired
        difference (second minus first) and its 95% interval over replications."""
        a, b = self.policies[:2]
        df = self.municipalities
        keys = ["code", "name", "province", "inhabitants"]
        wide = df[df["policy"] == a].set_index([*keys, "replication"])[list(metrics)]
        other = df[df["policy"] == b].set_index([*keys, "replication"])[list(metrics)]
        diff = other - wide
        # each municipality's rows found once (a lookup per metric took seconds)
        wide_at, other_at = (frame.groupby(level=keys, sort=False).indices
                             for frame in (wide, other))
        wide_values, other_values = wide.to_numpy(np.float64), other.to_numpy(np.float64)
        rows = []
        for key, group in diff.groupby(level=keys, sort=False):
            differences = group.to_numpy(np.float64)
            for j, m in enumerate(metrics):
                low, high = ci95(differences[:, j])
                rows.append({**dict(zip(keys, key)), "metric": m,
                             a: _mean(wide_values[wide_at[key], j]),
                             b: _mean(other_values[other_at[key], j]),
                             "difference": _mean(differences[:, j]), "ci95_low": low,
                             "ci95_high": high})
        return pd.DataFrame(rows)


def ci95(values: Iterable[float]) -> tuple[float | None, float | None]:
    """95% interval of a mean from replications (Student t); none from fewer than two."""
    x = np.asarray([v for v in values if v == v], dtype=np.float64)  # drop nan
    if x.size < 2:
        return (None, None)
    half = float(student_t.ppf(0.975, x.size - 1) * x.std(ddof=1) / math.sqrt(x.size))
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
        scenario: a validated scenario (one municipality, or a national one: then every
            municipality runs as it would alone and the results are national sums, with
            each municipality's runs in ``Results.municipalities``).
        policies: policy labels, e.g. ``("indicatie", "voorziening")``.
        replications: how many; replication r uses ``runs.replication_seed(seed, r)``.
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
    scenario, policies = _checked(scenario, policies, replications, seed, workers)
    budget.check(scenario.values, scenario.municipalities, len(policies), replications,
                 workers=workers if executor is None else executor.workers)
    seed = int(scenario["simulation.seed"] if seed is None else seed)
    kind = NationalRuns if scenario.municipalities else Replications
    with execution.executor(workers) if executor is None else nullcontext(executor) as ex:
        plan = kind(scenario, policies, replications, seed, psa, ex.workers)
        execution.run_plan(ex, plan, scenario.name, progress, on_progress)
    res = _assemble(scenario, policies, seed, replications, plan.results(), psa)
    if scenario.municipalities:
        res.municipalities = plan.municipalities()
    return res


def run_points(scenarios: Sequence[Scenario], policies: Sequence[str], replications: int,
               seed: int | None = None, workers: int = 1, progress: bool | None = False,
               executor: Executor | None = None) -> Iterator[Results]:
    """``run_replications`` of each of several scenarios (a sensitivity analysis's points),
    each scenario's results the same as alone, in order; but the replications of
    municipalities' scenarios that differ only in values read per municipality
    (``runs.alike``) run together (``runs.run_together``), so a point costs its runs, not a
    model's fixed cost. (National scenarios run one after another, each let go when the
    next is asked for.)"""
    checked = [_checked(sc, policies, replications, seed, workers)[0] for sc in scenarios]
    policies = tuple(policies)
    on = workers if executor is None else executor.workers
    with execution.executor(workers) if executor is None else nullcontext(executor) as ex:
        if any(sc.municipalities for sc in checked):
            for sc in checked:
                yield run_replications(sc, policies, replications, seed, progress=progress,
                                       executor=ex)
            return
        for sc in checked:
            budget.check(sc.values, (), len(policies), replications, workers=on)
        seeds = [int(sc["simulation.seed"] if seed is None else seed) for sc in checked]
        plan = Points(checked, policies, replications, seeds, ex.workers)
        execution.run_plan(ex, plan, checked[0].name if checked else "", progress)
    for k, (sc, s) in enumerate(zip(checked, seeds)):
        yield _assemble(sc, policies, s, replications, plan.results(k))


#: Seeds are drawn into 63 bits: what ``simulation.seed`` allows.
SEED_LIMIT = 2**63


def _checked(scenario, policies, replications, seed,
             workers) -> tuple[Scenario, tuple[str, ...]]:
    """The arguments of ``run``/``compare`` as they must be, or an error naming the one
    that is not: ``TypeError`` for the wrong kind, ``ValueError`` (``InputError``) for a
    wrong value, instead of a ``KeyError`` from deep inside."""
    scenario = _scenario(scenario)
    if isinstance(policies, str) or not isinstance(policies, Sequence) or not all(
            isinstance(p, str) for p in policies):
        raise TypeError(f"policies must be a sequence of policy names such as "
                        f"('indicatie', 'voorziening'), not {brief(policies)}")
    if not policies:
        raise InputError("policies: name at least one policy set")
    labels = [scenario.policy(p).label for p in policies]  # an unknown name: InputError
    if len(set(labels)) < len(labels):
        raise InputError(f"policies {tuple(policies)!r}: each policy set at most once")
    _check_count("replications", replications, high=int(BY_KEY["simulation.replications"].high))
    _check_count("workers", workers)
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
            raise TypeError(f"seed must be a whole number, 0 <= seed < 2**63, not {brief(seed)}")
        if not 0 <= int(seed) < SEED_LIMIT:
            raise InputError(f"{option('seed', int(seed))}: choose 0 <= seed < 2**63")
    return scenario, tuple(policies)


def _scenario(scenario) -> Scenario:
    """A scenario, loaded if given as a built-in's name or a file's path."""
    if isinstance(scenario, (str, os.PathLike)):
        return load(scenario)
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a Scenario (simulation.load_scenario), a built-in "
                        f"scenario's name or a scenario file's path, not "
                        f"{type(scenario).__name__}")
    return scenario


def _check_count(name: str, value, high: int | None = None) -> None:
    """A positive whole number (a bool is not one), at most ``high``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive whole number, not {brief(value)}")
    if value < 1 or (high is not None and value > high):
        allowed = f"1 to {high:,}" if high is not None else "at least 1"
        raise InputError(f"{option(name, int(value))}: choose {allowed}")


def _assemble(scenario, policies, seed, replications, collected: list[RunResult],
              psa=False) -> Results:
    return Results(scenario, policies, seed, replications, metrics_table(collected, psa),
                   _labelled(collected, 3), _labelled(collected, 4), psa)


def metrics_table(collected: Sequence[RunResult], psa: bool = False) -> pd.DataFrame:
    """A row per run (in the runs' order): its replication, policy set and metrics (and
    with ``psa`` its draw of the unmeasured parameters)."""
    metric_rows = [{"replication": r, "policy": policy, **metrics}
                   for r, policy, metrics, _, _ in collected]
    psa_cols = sorted(k for k in metric_rows[0] if k.startswith("psa:")) if psa else []
    return pd.DataFrame(metric_rows, columns=["replication", "policy", *METRICS, *psa_cols])


def _labelled(collected: list[RunResult], which: int) -> pd.DataFrame:
    """The runs' tables (``which``: 3 the series, 4 the ledger) one under another, each row
    with its run's replication and policy set (labelled once, not table by table)."""
    out = pd.concat([run[which] for run in collected], ignore_index=True)
    sizes = [len(run[which]) for run in collected]
    out.insert(0, "policy", np.repeat(np.array([run[1] for run in collected], dtype=object),
                                      sizes))
    out.insert(0, "replication", np.repeat([run[0] for run in collected], sizes))
    return out


def run(scenario: Scenario | str | os.PathLike, policy: str | None = None,
        replications: int | None = None, seed: int | None = None, workers: int = 1,
        progress: bool | None = None, psa: bool = False,
        executor: Executor | None = None) -> Results:
    """Replications of one regime (default: the scenario's ``policy.regime``).

    Example::

        from simulation import run
        res = run("baseline", "voorziening", replications=5)   # or a Scenario, a file
        res.summary("voorziening")["jobs_started"]
    """
    scenario = _scenario(scenario)
    policy = scenario["policy.regime"] if policy is None else policy
    if not isinstance(policy, str):
        raise TypeError(f"policy must be one policy set's name such as 'voorziening', "
                        f"not {brief(policy)}")
    return run_replications(scenario, (policy,), _replications(scenario, replications), seed,
                            workers, progress, psa, executor)


def compare(scenario: Scenario | str | os.PathLike, replications: int | None = None,
            seed: int | None = None, workers: int = 1, progress: bool | None = None,
            policies: Sequence[str] = DEFAULT_PAIR, psa: bool = False,
            executor: Executor | None = None) -> Results:
    """Both regimes on the same residents and draws, replication by replication.

    Example::

        from simulation import compare
        res = compare("baseline", replications=10)   # or a Scenario, a file
        res.comparison().set_index("metric").loc["net_cost_eur"]
    """
    scenario = _scenario(scenario)
    return run_replications(scenario, policies, _replications(scenario, replications), seed,
                            workers, progress, psa, executor)


def _replications(scenario, replications):
    """The replications asked for, else the scenario's (checked with the rest later)."""
    if replications is None:
        return int(scenario["simulation.replications"])
    return replications
