"""Runs of the model, and the replications of one municipality as a plan of tasks.

``simulate`` runs one (scenario + policy + seed -> flat results); ``run_together`` runs
many as few models, each run to the bit as alone (replications, a PSA's draws, a sweep's
samples). Replication r always uses the seed derived from (base seed, r), whichever
process runs it; with a probabilistic sensitivity analysis (PSA) its unmeasured
parameters are drawn from their plausible ranges by a draw keyed by (seed, parameter, r),
the same for every policy set.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

import numpy as np
import pandas as pd

from . import rng
from .declarations import Param, uncertain_params
from .budget import estimated_capacity
from .errors import option
from .execution import chunks
from .metrics import compute
from .model import DoorstroomModel
from .monthly import series_frame
from .municipal import PER_MUNICIPALITY
from .scenario import Scenario, build

#: One finished run as it travels back from a worker:
#: (replication, policy, metrics, monthly series table, monthly ledger table).
RunResult = tuple[int, str, dict, pd.DataFrame, pd.DataFrame]


def replication_seed(seed: int, replication: int) -> int:
    """The seed of replication ``replication`` under base seed ``seed``."""
    return rng.derive_seed(seed, "replication", replication)


def run_model(scenario: Scenario, policy: str, seed: int) -> DoorstroomModel:
    """One finished run of the model (no per-resident handles: batch runs do not use them)."""
    return DoorstroomModel(scenario, policy=policy, seed=seed, resident_agents=False).run()


def ready_kernels() -> None:
    """Compile every compiled kernel the model uses, or load it from Numba's cache: a tiny
    model of each regime for a few months (a command does this with signals held, see
    ``commands``; elsewhere it happens on the first run by itself)."""
    tiny = build({"population": {"residents": 40}, "simulation": {"months": 3}},
                 name="kernels", origin="kernels")
    for regime in ("indicatie", "voorziening"):
        run_model(tiny, regime, 1).release()


def simulate(scenario: Scenario, policy: str, seed: int,
             ledger: bool = False) -> tuple[dict[str, float], pd.DataFrame, pd.DataFrame | None]:
    """One run: metrics, monthly time series and (optionally) the monthly ledger totals.

    Example::

        from simulation import load_scenario, simulate
        metrics, months, _ = simulate(load_scenario("scenarios/baseline.toml"), "voorziening", 1)
        metrics["jobs_started"] >= 0
    """
    model = run_model(scenario, policy, seed)
    ledger_frame = model.ledger.summary_frame() if ledger else None
    out = compute(model), model.timeseries(), ledger_frame
    model.release()
    return out


def replication_scenarios(base: Scenario, seed: int, replications: Sequence[int],
                          psa: bool) -> Iterator[tuple[int, Scenario, dict[str, float]]]:
    """Each replication's scenario: the base, or with ``psa`` the base with that
    replication's draw of the unmeasured parameters (and the draw as columns)."""
    for r in replications:
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
    out: dict[str, Any] = {}
    ent = np.array([rng.MUNICIPALITY_ID], dtype=np.uint64)
    for p in uncertain_params():
        lo, hi = p.plausible
        x = lo + (hi - lo) * float(rng.uniform(seed, f"psa:{p.key}", replication, ent)[0])
        out[p.key] = plausible_value(p, scenario, x)
    return out


def plausible_value(p: Param, scenario: Scenario, x: float) -> Any:
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


#: Replications of one scenario run as one model (``DoorstroomModel.together``: each with
#: its own seed and, in a PSA, values, as it would run alone) while it holds at most this
#: many residents: the month's fixed cost is then paid once for all of them (a replication
#: of the baseline's 400 residents ~3 ms instead of ~30), and a model stays small enough to
#: fit in memory many times over. A bigger municipality runs one replication a model.
TOGETHER_UP_TO = 100_000
#: Residents a worker's task holds at least where its runs go together: a model's fixed
#: cost a month (a few hundred NumPy calls) and a task's start are then a small part of it
#: (a baseline replication is ~600 residents: 17 of them a task at least).
TASK_AT_LEAST = 10_000


def _least(scenario: Scenario) -> int:
    """The runs of a scenario a task holds at least (``TASK_AT_LEAST``)."""
    return -(-TASK_AT_LEAST // estimated_capacity(scenario.values))


def replications_task(scenario_data: dict, name: str, policies: Sequence[str], seed: int,
                      replications: Sequence[int], psa: bool = False) -> list[RunResult]:
    """A worker's share: some replications, every policy, results as flat tables; the
    replications run together (``run_together``), in a PSA each with its own draw."""
    base = build(scenario_data, name=name, origin=name)
    runs = list(replication_scenarios(base, seed, replications, psa))
    results = replications_together([(sc, r, seed) for r, sc, _ in runs], policies)
    return [(r, policy, {**metrics, **extra}, ts, led)
            for (_, _, extra), each in zip(runs, results)
            for r, policy, metrics, ts, led in each]


def replications_together(runs: Sequence[tuple[Scenario, int, int]],
                          policies: Sequence[str]) -> list[list[RunResult]]:
    """Replications (scenario, replication, base seed), each with its replication's seed,
    run together (``run_together``); for each, its runs under every policy set."""
    results = run_together([sc for sc, _, _ in runs],
                           [replication_seed(seed, r) for _, r, seed in runs], policies)
    return [[(r, policy, metrics, ts, led)
             for policy, (metrics, ts, led) in zip(policies, each)]
            for (_, r, _), each in zip(runs, results)]


def run_together(scenarios: Sequence[Scenario], own_seeds: Sequence[int],
                 policies: Sequence[str]) -> list[list[tuple[dict, pd.DataFrame, pd.DataFrame]]]:
    """Runs of these scenarios, each with its seed, under every policy set, as few models
    as hold them (``DoorstroomModel.together``, up to ``TOGETHER_UP_TO`` residents a model):
    each run is a "municipality" of its model, with its own seed and values (those that
    may differ between runs: ``municipal.PER_MUNICIPALITY``), to the bit as it would run
    alone. For each run, for each policy set: its metrics, series and ledger tables.
    Each policy set's model starts from a copy of the residents the first one built."""
    out: list[list] = [[] for _ in scenarios]
    for group in _fitting(scenarios):
        residents = None
        for i, policy in enumerate(policies):
            model = DoorstroomModel.together([scenarios[k] for k in group], policy,
                                             [own_seeds[k] for k in group], residents,
                                             keep_residents=i + 1 < len(policies))
            residents = model.residents
            model.run()
            for k, run in zip(group, model.municipalities()):
                out[k].append((compute(run), series_frame(run.series(), run.month),
                               run.ledger.summary_frame()))
            model.release()
    return out


def _fitting(scenarios: Sequence[Scenario]) -> list[list[int]]:
    """The scenarios (their places) in consecutive groups of at most ``TOGETHER_UP_TO``
    residents (one alone where it holds more)."""
    groups: list[list[int]] = []
    held = TOGETHER_UP_TO
    for k, scenario in enumerate(scenarios):
        size = estimated_capacity(scenario.values)
        if held + size > TOGETHER_UP_TO:
            groups.append([])
            held = 0
        groups[-1].append(k)
        held += size
    return groups


def alike(first: Scenario, other: Scenario) -> bool:
    """Whether two municipalities' scenarios may run in one model (``run_together``): the
    same organisations and alternatives, values that differ only where a model reads them
    per municipality."""
    return (not first.municipalities and not other.municipalities
            and first.organisations == other.organisations
            and first.alternatives == other.alternatives
            and all(other.values[key] == value for key, value in first.values.items()
                    if key not in PER_MUNICIPALITY))


def alike_groups(scenarios: Sequence[Scenario]) -> list[list[int]]:
    """The scenarios (their places) in groups whose members are ``alike`` the group's first."""
    groups: list[list[int]] = []
    for k, scenario in enumerate(scenarios):
        home = next((g for g in groups if alike(scenarios[g[0]], scenario)), None)
        if home is None:
            groups.append([k])
        else:
            home.append(k)
    return groups


def points_task(points: dict[int, tuple[dict, str]], policies: Sequence[str],
                runs: Sequence[tuple[int, int, int]]) -> list[tuple[int, RunResult]]:
    """A worker's share of several scenarios' replications (``Points``): the runs
    (point, replication, base seed) together; each result with its point."""
    made = {k: build(data, name=name, origin=name) for k, (data, name) in points.items()}
    results = replications_together([(made[k], r, seed) for k, r, seed in runs], policies)
    return [(k, run) for (k, _, _), each in zip(runs, results) for run in each]


class Points:
    """The replications of several municipalities' scenarios (a sensitivity analysis's
    points) as a plan for ``execution.run_plan``: the replications of a group of ``alike``
    scenarios in batches, each batch's runs together; ``results(k)`` the k-th scenario's
    in replication and policy order."""

    function = staticmethod(points_task)
    unit = "run"

    def __init__(self, scenarios: Sequence[Scenario], policies: Sequence[str],
                 replications: int, base_seeds: Sequence[int], workers: int):
        self.policies = tuple(policies)
        self.tasks = []
        for group in alike_groups(scenarios):
            runs = [(k, r, base_seeds[k]) for k in group for r in range(replications)]
            for batch in chunks(runs, workers, _least(scenarios[group[0]])):
                points = {k: (scenarios[k].as_dict(), scenarios[k].name)
                          for k in sorted({k for k, _, _ in batch})}
                self.tasks.append((points, list(policies), batch))
        self.total = len(scenarios) * replications * len(self.policies)
        self._collected: list[list[RunResult]] = [[] for _ in scenarios]

    def take(self, index: int, result: list[tuple[int, RunResult]]) -> int:
        for k, run in result:
            self._collected[k].append(run)
        return len(result)

    def failure(self, index: int) -> str:
        points = sorted(self.tasks[index][0])
        return (f"the runs of scenarios {points[0]}-{points[-1]} of {len(self._collected)}; "
                f"rerun with {option('workers', 1)} to see the error")

    def results(self, k: int) -> list[RunResult]:
        order = {p: i for i, p in enumerate(self.policies)}
        return sorted(self._collected[k], key=lambda item: (item[0], order[item[1]]))


class Replications:
    """The replications of one municipality as a plan for ``execution.run_plan``: batches
    of replications, every policy in each; ``results`` in replication and policy order."""

    function = staticmethod(replications_task)
    unit = "run"

    def __init__(self, scenario: Scenario, policies: Sequence[str], replications: int,
                 seed: int, psa: bool, workers: int):
        self.policies = tuple(policies)
        self.seed = seed
        data = scenario.as_dict()
        self.tasks = [(data, scenario.name, list(policies), seed, batch, psa)
                      for batch in chunks(list(range(replications)), workers,
                                          _least(scenario))]
        self.total = replications * len(policies)
        self._collected: list[RunResult] = []

    def take(self, index: int, result: list[RunResult]) -> int:
        self._collected += result
        return len(result)

    def failure(self, index: int) -> str:
        batch = self.tasks[index][4]
        seeds = [replication_seed(self.seed, r) for r in batch]
        return (f"replications {batch[0]}-{batch[-1]} (seeds {seeds}); rerun with "
                f"{option('workers', 1)} to see the error")

    def results(self) -> list[RunResult]:
        order = {p: i for i, p in enumerate(self.policies)}
        return sorted(self._collected, key=lambda item: (item[0], order[item[1]]))
