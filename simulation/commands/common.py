"""What several commands share: the scenario a command's arguments describe, where its
results go by default, and the executor its workers options ask for."""

from __future__ import annotations

import time
from pathlib import Path

from ..execution import executor
from ..scenario import Scenario, load, parse_overrides


def scenario_from(args) -> Scenario:
    """The scenario file with ``--set`` and the flags that stand for scenario keys."""
    over = parse_overrides(args.overrides)
    for flag, key in (("seed", "simulation.seed"), ("months", "simulation.months"),
                      ("replications", "simulation.replications")):
        value = getattr(args, flag, None)
        if value is not None:
            over[key] = value
    return load(args.scenario, over)


def default_out(scenario: Scenario, label: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return Path("results") / scenario.name / f"{label}-{stamp}"


def executor_from(args):
    """The executor ``--workers``, ``--scheduler`` or ``--dask-local`` asks for."""
    return executor(args.workers, args.scheduler, args.dask_local)
