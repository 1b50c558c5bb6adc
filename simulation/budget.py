"""The work a command asks for, estimated and checked before anything runs.

A plan is model runs: samples x replications x policy sets, each run holding a scenario's
residents over its months (a national scenario: every municipality's). ``check`` refuses
a plan over ``MAX_RESIDENT_MONTHS`` or over ``MEMORY_SHARE`` of the memory available,
with the estimate in the message, so a mistyped ``--samples`` or ``--replications``
answers at once instead of filling the memory for hours. A plan that is meant runs with
``DOORSTROOM_NO_LIMITS=1``.

The memory figures were measured with the baseline (see each constant); they are rough,
and meant to tell a plan that fits from one that is a hundred times too big.
"""

from __future__ import annotations

import contextvars
import math
import os
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .errors import InputError
from .municipalities import municipality_values

NO_LIMITS_ENV = "DOORSTROOM_NO_LIMITS"
#: Resident-months (residents x months, summed over every run) a plan may hold: about an
#: hour of one core at the 7 to 14 million a second of a large population or the whole
#: country (docs/performance.md), hours for small ones; a national uncertainty analysis of
#: 200 draws of both regimes needs 12 thousand million (a quarter of an hour on 2 cores).
MAX_RESIDENT_MONTHS = 3 * 10**10
#: Share of the memory available now that a plan may take: the estimate is rough, and the
#: machine has other work.
MEMORY_SHARE = 0.5
#: A resident in a running model: state arrays and scratch space, with room (180 measured
#: at a million residents, docs/performance.md; more in small runs).
BYTES_PER_RESIDENT = 400
#: Shares of a national run's municipalities that run alone, per worker process (each
#: share one model per policy set, ``national``): more, and the last to finish are smaller;
#: fewer, and less of a month's fixed cost is paid again.
SHARES_PER_WORKER = 2
#: A finished run's monthly series and ledger, per month, held until the results are
#: assembled: 0.83 MB per paired replication of 60 months, measured in one process.
BYTES_PER_RUN_MONTH = 7_000
#: A municipality's row of a national run (its metrics and scaled inputs), per run.
BYTES_PER_MUNICIPALITY_RUN = 10_000
#: A sweep sample: its point, its task and its Parquet part merged back (19 KB measured
#: with three runs), and each run's row of metrics.
BYTES_PER_SAMPLE = 16_000
BYTES_PER_METRIC_ROW = 1_000


@dataclass(frozen=True)
class Estimate:
    """What a plan takes: its factors, resident-months in all, and memory at its peak."""

    plan: str  # "30 replications x 2 policy sets x 400 residents x 60 months"
    resident_months: int
    memory_bytes: int

    def __str__(self) -> str:
        return (f"{self.plan} = {count(self.resident_months)} resident-months, about "
                f"{gigabytes(self.memory_bytes)} of memory")


def estimated_capacity(values: Mapping[str, Any]) -> int:
    """Residents a run may hold: the start population plus every expected entrant."""
    n = values["population.residents"]
    months = values["simulation.months"]
    entrants = n * values["population.entries_per_year"] * months / 12
    return int(n + entrants + 6 * math.sqrt(entrants + 1) + 16)


def estimate(values: Mapping[str, Any], municipalities: Sequence = (), policies: int = 1,
             replications: int = 1, samples: int = 1, workers: int = 1,
             samples_at_once: int = 1, unit: str = "samples") -> Estimate:
    """The size of ``samples`` x ``replications`` x ``policies`` runs of a scenario's
    ``values`` (with its national ``municipalities``, a share of them in one model on each
    worker), on ``workers`` processes, the runs of ``samples_at_once`` samples held in memory
    together (``unit`` names the samples: sweep points, calibration evaluations)."""
    months = values["simulation.months"]
    models = [{**values, **municipality_values(values, m)} for m in municipalities] or [values]
    residents = sum(v["population.residents"] for v in models)
    runs = samples * replications * policies
    held_runs = min(samples, samples_at_once) * replications * policies
    capacities = [estimated_capacity(v) for v in models]
    shares = min(len(capacities), 1 if workers <= 1 else workers * SHARES_PER_WORKER)
    largest = max(max(capacities), sum(capacities) / shares)  # the largest model held
    memory = (min(workers, runs) * largest * BYTES_PER_RESIDENT
              + held_runs * (months * BYTES_PER_RUN_MONTH
                             + len(municipalities) * BYTES_PER_MUNICIPALITY_RUN)
              + samples * (BYTES_PER_SAMPLE + replications * policies * BYTES_PER_METRIC_ROW))
    where = f" in {len(municipalities)} municipalities" if municipalities else ""
    factors = [f"{count(n)} {name}" for n, name in ((samples, unit),
               (replications, "replications"), (policies, "policy sets")) if n > 1]
    factors += [f"{count(residents)} residents{where}", f"{months} months"]
    return Estimate(" x ".join(factors), runs * residents * months, memory)


def check(values: Mapping[str, Any], municipalities: Sequence = (), policies: int = 1,
          replications: int = 1, samples: int = 1, workers: int = 1,
          samples_at_once: int = 1, unit: str = "samples", origin: str = "") -> Estimate:
    """``estimate``, refused with an ``InputError`` when over a limit (``origin`` starts the
    message) unless ``DOORSTROOM_NO_LIMITS=1`` lifts the limits."""
    est = estimate(values, municipalities, policies, replications, samples, workers,
                   samples_at_once, unit)
    if limits_lifted():
        return est
    available = available_memory()
    if est.resident_months > MAX_RESIDENT_MONTHS or est.memory_bytes > MEMORY_SHARE * available:
        raise InputError(
            f"{origin}{est}; the limits are {count(MAX_RESIDENT_MONTHS)} resident-months "
            f"and {MEMORY_SHARE:.0%} of the {gigabytes(available)} of memory available; "
            "make it smaller (fewer samples or replications, or lower population.residents "
            f"or simulation.months), or set {NO_LIMITS_ENV}=1 to run it anyway")
    return est


#: Set inside a task whose plan was checked (or lifted) where it was submitted.
_LIFTED = contextvars.ContextVar("doorstroom_limits_lifted", default=False)


def limits_lifted() -> bool:
    """Whether the limits are lifted: ``DOORSTROOM_NO_LIMITS=1`` here, or in the process
    that sent the task now running (``lifted``)."""
    return _LIFTED.get() or os.environ.get(NO_LIMITS_ENV, "").strip() in ("1", "true", "yes")


@contextmanager
def lifted(on: bool):
    """Run a block with the limits lifted when ``on`` (a task sent by a process whose
    limits were lifted; a remote worker does not share its environment)."""
    token = _LIFTED.set(on)
    try:
        yield
    finally:
        _LIFTED.reset(token)


def available_memory() -> int:
    """Memory available to a new process now (Linux), else the machine's, else 8 GB."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 8 * 10**9


def count(n: int) -> str:
    """A count as people read it: 1,440,000; beyond a dozen digits 7.2e+19 (or 10^400)."""
    if n < 10**12:
        return f"{n:,}"
    return f"{float(n):.1e}" if n < 10**300 else f"10^{int(n.bit_length() * math.log10(2))}"


def gigabytes(n: int) -> str:
    """Bytes as gigabytes, one decimal (a count of them beyond an exabyte)."""
    return f"{n / 1e9:.1f} GB" if n < 10**18 else f"{count(n // 10**9)} GB"
