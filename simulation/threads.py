"""Compiled passes over a large population on several cores.

The passes over every resident run without Python's lock (Numba's ``nogil``). Where a
model has at least ``ROWS_PER_THREAD`` rows a thread, its rows are cut into consecutive
parts, each part's pass runs on its own thread, and the parts' results are joined in row
order (rows found, whole counts added), so every result is the same to the bit whatever
the number of threads. Plain Python threads, started for the pass and joined after it:
no thread outlives a pass (a process with none may fork its workers), and passes started
at once from several threads (the dashboard's sessions) need no threading layer.
"""

from __future__ import annotations

import os
import threading
from typing import Callable, TypeVar

import numba
import numpy as np

#: Rows a thread takes at the least: below it, starting a thread (about 0.1 ms) costs more
#: than the pass's share gains (about 5 ns a row).
ROWS_PER_THREAD = 250_000

T = TypeVar("T")
_limit: int | None = None


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def set_threads(count: int | None) -> None:
    """Run each large pass on at most ``count`` threads (``None``: one a core). Worker
    processes set one: the other workers use the other cores."""
    if count is not None and count < 1:
        raise ValueError(f"threads: give at least 1 (got {count})")
    global _limit
    _limit = count


def spans(rows: int) -> list[tuple[int, int]]:
    """The consecutive parts ``[start, stop)`` of ``rows`` rows, one a thread."""
    limit = available_cores() if _limit is None else _limit
    parts = max(1, min(limit, rows // ROWS_PER_THREAD))
    bounds = [rows * k // parts for k in range(parts + 1)]
    return list(zip(bounds[:-1], bounds[1:]))


def over_rows(rows: int, run: Callable[[int, int], T]) -> list[tuple[int, T]]:
    """``run(start, stop)`` for each part of ``rows`` rows, the last on this thread and each
    other on a thread of its own; each part's first row and result, in row order. (The
    last rows are the latest entrants, nearly all in scope: the most work a row, for the
    thread that starts first.)"""
    # (a small model's passes skip ``spans``: they pay nothing for threads)
    parts = spans(rows) if rows >= 2 * ROWS_PER_THREAD else [(0, rows)]
    if len(parts) == 1:
        return [(0, run(0, rows))]
    results: list = [None] * len(parts)
    failed: list[BaseException] = []

    def part(k: int) -> None:
        try:
            results[k] = run(*parts[k])
        except BaseException as error:  # raised again on the calling thread
            failed.append(error)

    others = [threading.Thread(target=part, args=(k,), name="doorstroom-pass")
              for k in range(len(parts) - 1)]
    for thread in others:
        thread.start()
    try:
        results[-1] = run(*parts[-1])
    finally:
        for thread in others:
            thread.join()
    if failed:
        raise failed[0]
    return [(start, result) for (start, _), result in zip(parts, results)]


@numba.njit(cache=True, nogil=True)
def differ(values) -> bool:
    """Whether a pass's values by municipality differ (if not, it keeps one at hand)."""
    for v in values:
        if v != values[0]:
            return True
    return False


def joined(found: list[tuple[int, np.ndarray]]) -> np.ndarray:
    """The rows the parts of a pass found (each counted from its part's first row), as
    rows of the whole population, in row order."""
    if len(found) == 1:
        return found[0][1]
    return np.concatenate([rows + start for start, rows in found])


def summed(found: list[tuple[int, np.ndarray]]) -> np.ndarray:
    """The whole counts of the parts of a pass, added up."""
    if len(found) == 1:
        return found[0][1]
    return sum(counts for _, counts in found)
