"""Where runs execute, and the one loop that spreads work over workers.

An executor runs tasks in this process, a local process pool, or a Dask cluster. A task
is a module-level function with plain arguments (a scenario as a dict, seeds,
replication numbers); its result is a few small tables. Every run is fixed by its
scenario and seed, and a ``Plan`` puts results back in task order, so results are
identical whatever executes them and however many workers it has.

Local workers never outlive the run: at most one per core available (``MAX_WORKERS_ENV``
allows more), and when spawned never more than tasks (forked ones start together, in
milliseconds: ``worker_start``); stopped at once when the run stops on an exception or
interruption; and each stops by itself soon after its parent process is gone, even one
killed with SIGKILL (a Dask LocalCluster's worker processes do that by themselves).

    with executor(workers=2) as ex:                         # local processes (default)
    with executor(dask_local=4) as ex:                      # a Dask LocalCluster here
    with executor(scheduler="tcp://10.0.0.5:8786") as ex:   # a running Dask cluster
        run_plan(ex, plan, "baseline")                      # replications, a sweep, ...
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Protocol, Sequence

from tqdm import tqdm

from . import budget, threads
from .errors import InputError, option
from .worker_start import start_method, why_spawned_workers_fail

#: Raises (or lowers) the cap on local worker processes, which is the cores available.
MAX_WORKERS_ENV = "DOORSTROOM_MAX_WORKERS"
#: How often a worker checks that its parent process is still there.
PARENT_CHECK_SECONDS = 0.5


class WorkerDied(RuntimeError):
    """A worker process died while running task ``index`` (the caller says which runs)."""

    def __init__(self, index: int):
        super().__init__(f"a worker process died while running task {index}")
        self.index = index


class InProcess:
    """Tasks one after another in this process (a notebook, a debugger, one worker)."""

    workers = 1
    name = "this process"

    def run(self, fn: Callable, tasks: Sequence[tuple]) -> Iterator[tuple[int, Any]]:
        while _PREPARE_HERE:  # each once, before the first tasks here
            _PREPARE_HERE.pop(0)()
        for i, args in enumerate(tasks):
            yield i, fn(*args)


#: Steps to take once before tasks run in this process (``prepare_here``).
_PREPARE_HERE: list[Callable[[], None]] = []


@contextmanager
def prepare_here(step: Callable[[], None]) -> Iterator[None]:
    """Take ``step`` once, before tasks first run in this process while the block lasts
    (a calibration runs tasks here every evaluation): the ``doorstroom`` command makes its
    kernels ready that way, with its signals held (the library never touches signals;
    workers need no such step: the command stops them whatever they were doing)."""
    _PREPARE_HERE.append(step)
    try:
        yield
    finally:
        if step in _PREPARE_HERE:  # never taken: no task ran here
            _PREPARE_HERE.remove(step)


class ProcessPool:
    """Local worker processes (forked or spawned: ``worker_start``); each runs many tasks."""

    name = "local processes"

    def __init__(self, pool: ProcessPoolExecutor, workers: int):
        self.pool = pool
        self.workers = workers

    def run(self, fn: Callable, tasks: Sequence[tuple]) -> Iterator[tuple[int, Any]]:
        futures = {self.pool.submit(fn, *args): i for i, args in enumerate(tasks)}
        for fut in as_completed(futures):
            try:
                yield futures[fut], fut.result()
            except BrokenProcessPool:
                raise WorkerDied(futures[fut]) from None


class DaskCluster:
    """A ``dask.distributed`` client: a cluster started here, or one already running."""

    name = "Dask"

    def __init__(self, client):
        self.client = client
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))

    def run(self, fn: Callable, tasks: Sequence[tuple]) -> Iterator[tuple[int, Any]]:
        from distributed import as_completed as dask_completed
        from distributed.scheduler import KilledWorker

        # pure=False: the same arguments twice are two tasks, never one cached result.
        # The workers may run elsewhere, without this process's DOORSTROOM_NO_LIMITS.
        lift = budget.limits_lifted()
        futures = [self.client.submit(_task_with_limits, lift, fn, *args, pure=False)
                   for args in tasks]
        index = {f.key: i for i, f in enumerate(futures)}
        for fut in dask_completed(futures):
            try:
                yield index[fut.key], fut.result()
            except KilledWorker:
                raise WorkerDied(index[fut.key]) from None
            finally:
                fut.release()


def _task_with_limits(lift: bool, fn: Callable, *args) -> Any:
    """A task on a Dask worker, with the limits lifted when the sender's were; its passes on
    one thread, as in a local worker (the worker's cores are for its tasks)."""
    threads.set_threads(1)
    with budget.lifted(lift):
        return fn(*args)


#: How long to wait for a running Dask scheduler to answer before saying none does.
SCHEDULER_TIMEOUT = "10s"
#: Anything with ``workers`` and ``run(fn, tasks)`` yielding (task index, result).
Executor = InProcess | ProcessPool | DaskCluster


@contextmanager
def executor(workers: int = 1, scheduler: str | None = None,
             dask_local: int | None = None) -> Iterator[Executor]:
    """The executor the user asked for; everything it started is stopped on exit. Where
    worker processes could not start (a script without a main guard), local processes
    become this process, with a note on stderr.

    Args:
        workers: local worker processes (1: this process); at most the cores available
            unless ``$DOORSTROOM_MAX_WORKERS`` says otherwise, with a note on stderr.
        scheduler: address of a running Dask scheduler, e.g. ``tcp://host:8786``.
        dask_local: start a Dask ``LocalCluster`` with this many worker processes.
    """
    if workers < 1:
        raise InputError(f"{option('workers', workers)}: choose at least 1")
    if scheduler and dask_local is not None:
        raise InputError(f"give {option('scheduler')} (a running Dask cluster) or "
                         f"{option('dask_local')} (start one here), not both")
    if scheduler or dask_local is not None:
        with _dask_client(scheduler, dask_local) as client:
            yield DaskCluster(client)
        return
    workers = _capped(workers, "workers")
    if workers == 1:
        yield InProcess()
        return
    method = start_method()
    hindrance = why_spawned_workers_fail() if method == "spawn" else None
    if hindrance:
        print(f"doorstroom: note: {hindrance}; running in this process instead",
              file=sys.stderr)
        yield InProcess()
        return
    ctx = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_start,
                             initargs=(os.getpid(),)) as pool:
        try:
            if method == "fork":  # all at once (as a forking pool does), while no thread runs
                pool.submit(int).result()
            yield ProcessPool(pool, workers)
        except BaseException:
            _stop_workers(pool)
            raise


def _capped(workers: int, name: str) -> int:
    """``workers``, or the cap when it asks for more, with a note on stderr: more worker
    processes than cores only share the cores, each holding its own memory."""
    given = os.environ.get(MAX_WORKERS_ENV)
    cap = threads.available_cores() if given is None else _max_workers(given)
    if workers <= cap:
        return workers
    why = (f"this machine has {cap} core{'s' * (cap != 1)} available "
           f"({MAX_WORKERS_ENV} allows more)" if given is None else f"{MAX_WORKERS_ENV} is {cap}")
    print(f"doorstroom: note: {option(name, workers)}: {why}; using {cap}", file=sys.stderr)
    return cap


def _max_workers(given: str) -> int:
    try:
        cap = int(given)
    except ValueError:
        cap = 0
    if cap < 1:
        raise InputError(f"{MAX_WORKERS_ENV}={given}: give the largest number of local "
                         "worker processes, a whole number of at least 1")
    return cap


def _worker_start(parent: int) -> None:
    """Run in each local worker as it starts. Ctrl+C reaches every process of the
    terminal, but only the parent decides (it stops its workers), so a worker ignores it;
    a thread ends the worker once its parent is gone, however the parent ended; the
    model's modules are imported and kept out of garbage collections; and a large pass
    runs on one thread (the other workers have the other cores).

    A thread polling the parent's pid rather than Linux's parent-death signal: that signal
    fires when the *thread* that started the worker ends, and the pool starts workers
    from whichever thread submits a task, so a user's short-lived thread would kill them.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # a forked worker has its parent's handlers
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True,
                     name="doorstroom-parent-check").start()
    imports_kept_out_of_collections()
    threads.set_threads(1)


def imports_kept_out_of_collections() -> None:
    """Import the model's modules and keep what they made out of later garbage collections
    (``gc.freeze``): a national task's collection (``national.region_task``) looks at its
    own objects, not the 200,000 the imports made (0.1 s). Only in doorstroom's processes."""
    from . import model  # noqa: F401  (what every task needs)

    gc.freeze()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:  # an orphan gets a new parent: init or a subreaper
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the pool's workers now: queued tasks are dropped, running ones killed.
    (``shutdown`` alone would run every queued task first; Python has no public way to
    stop a pool's processes before 3.14.)"""
    processes = pool._processes or {}  # the pool's own dict: it holds a worker started late
    running = dict(processes)  # before shutdown: its manager thread may empty the dict then
    results = pool._result_queue  # shutdown lets go of it
    pool.shutdown(wait=False, cancel_futures=True)
    stopped: set[int | None] = set()
    while fresh := [p for p in {**running, **processes}.values() if p.pid not in stopped]:
        for process in fresh:
            process.terminate()
        for process in fresh:
            process.join()
            stopped.add(process.pid)
    # A worker killed while sending a result leaves half a message in the results pipe,
    # and the pool's thread would wait for the rest for ever (at exit too): this process
    # holds the pipe's writing end, unused here. Closing it ends that wait.
    if results is not None:
        results._writer.close()


@contextmanager
def _dask_client(scheduler: str | None, dask_local: int | None):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("Dask is not installed: pip install 'doorstroom[cluster]' "
                         "(or dask[distributed])") from None
    if dask_local is not None and dask_local < 1:
        raise InputError(f"{option('dask_local')} must be at least 1 worker, got {dask_local}")
    if dask_local is not None:
        dask_local = _capped(dask_local, "dask_local")
        hindrance = why_spawned_workers_fail()
        if hindrance:
            raise InputError(f"a Dask LocalCluster cannot start: {hindrance}")
        with LocalCluster(n_workers=dask_local, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client
        return
    if not scheduler.startswith(("tcp://", "tls://", "inproc://", "ws://", "wss://")):
        raise InputError(f"{option('scheduler', scheduler)}: give the scheduler's "
                         "address, e.g. tcp://10.0.0.5:8786")
    try:
        client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
    except OSError as exc:
        raise InputError(f"{option('scheduler', scheduler)}: no Dask scheduler answers "
                         f"there ({exc})") from None
    with client:
        yield client


# --- the one worker loop ------------------------------------------------------------------


class Plan(Protocol):
    """Work to spread over workers: replications, a country's municipalities, a sweep.

    ``function(*task)`` runs in a worker; ``take`` receives each result (in any order) and
    returns how many units of progress it was; ``failure`` says what a dead worker was
    running and what to do about it.
    """

    function: Callable
    tasks: Sequence[tuple]
    total: int
    unit: str

    def take(self, index: int, result: Any) -> int: ...

    def failure(self, index: int) -> str: ...


def run_plan(ex: Executor, plan: Plan, label: str, progress: bool | None = None,
             on_progress: Callable[[int, int], None] | None = None, done: int = 0) -> None:
    """Run every task of ``plan`` on ``ex``, with a progress bar on stderr (by default
    when stderr is a terminal) and ``on_progress(done, total)`` after each task.

    ``done`` units were finished before (a resumed sweep). A worker that dies becomes one
    plain error saying what it was running.
    """
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=plan.total, initial=done, disable=not show, file=sys.stderr,
               unit=plan.unit, desc=label)
    try:
        for index, result in ex.run(plan.function, plan.tasks):
            step = plan.take(index, result)
            done += step
            bar.update(step)
            if on_progress is not None:
                on_progress(done, plan.total)
    except WorkerDied as exc:
        raise RuntimeError(f"a worker process died while running {plan.failure(exc.index)}") \
            from None
    finally:
        bar.close()


def chunks(items: list, workers: int, least: int = 1) -> list[list]:
    """Items in batches: one batch in this process, about four per worker else, each of
    ``least`` items at least (but the last)."""
    if workers <= 1:
        return [items]
    size = max(1, least, math.ceil(len(items) / (workers * 4)))
    return [items[i: i + size] for i in range(0, len(items), size)]
