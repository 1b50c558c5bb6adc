"""What several commands share: the scenario a command's arguments describe, where its
results go by default, and the executor its workers options ask for."""

from __future__ import annotations

import re
import time
from pathlib import Path

from ..execution import executor
from ..threads import available_cores
from ..scenario import Scenario, load, parse_overrides

_NOT_IN_A_NAME = re.compile(r"[\x00-\x1f\x7f/\\]+")


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
    """``results/SCENARIO/LABEL-TIME``: a label (an alternative's name) becomes one folder
    name, its slashes and control characters (NUL too) as ``-``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return Path("results") / scenario.name / f"{_NOT_IN_A_NAME.sub('-', label)}-{stamp}"


def workers_from(args) -> int:
    """The local workers ``--workers`` asks for: by default one per core, up to 4."""
    return min(available_cores(), 4) if args.workers is None else args.workers


def executor_from(args):
    """The executor ``--workers``, ``--scheduler`` or ``--dask-local`` asks for."""
    return executor(workers_from(args), args.scheduler, args.dask_local)
