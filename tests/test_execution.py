"""Where runs execute does not change results: this process, local processes, Dask.

The Dask tests start a real ``dask.distributed`` LocalCluster with two worker processes
(once for the module) and run replications, a sweep and the national scenario on it.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from simulation import budget, compare, errors, execution
from simulation.commands import main
from simulation.errors import InputError
from simulation.experiment import run_replications
from simulation.runs import Replications
from simulation.scenario import load
from simulation.sweep import run_sweep

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
PAIR = ("indicatie", "voorziening")


@pytest.fixture(scope="module")
def dask():
    with execution.executor(dask_local=2) as ex:
        yield ex


def _same(a, b):
    for name in ("metrics", "timeseries", "ledger"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_a_local_cluster_has_its_worker_processes(dask):
    assert isinstance(dask, execution.DaskCluster) and dask.workers == 2
    info = dask.client.scheduler_info()["workers"]
    assert len({w["host"] + str(w.get("pid", k)) for k, w in info.items()}) == 2


def test_replications_on_dask_equal_those_in_this_process(dask, small):
    here = run_replications(small, PAIR, 4, workers=1, progress=False)
    there = run_replications(small, PAIR, 4, executor=dask, progress=False)
    with execution.executor(2) as pool:
        pooled = run_replications(small, PAIR, 4, executor=pool, progress=False)
    _same(here, there)
    _same(here, pooled)


def test_a_sweep_on_dask_equals_one_in_this_process(dask, small, tmp_path):
    args = (small, ["indicatie.assessments_per_month"], [[2, 10]], "lhs", 4, 2, ("indicatie",))
    here = run_sweep(*args, tmp_path / "here", workers=1, progress=False)
    there = run_sweep(*args, tmp_path / "there", progress=False, executor=dask)
    pd.testing.assert_frame_equal(here, there)


def test_the_national_scenario_on_dask_equals_it_in_this_process(dask):
    sc = load(ROOT / "scenarios" / "netherlands.toml",
              {"national.select": ["Zeeland"], "simulation.months": 12})
    here = run_replications(sc, PAIR, 2, workers=1, progress=False)
    there = run_replications(sc, PAIR, 2, executor=dask, progress=False)
    _same(here, there)
    pd.testing.assert_frame_equal(here.municipalities, there.municipalities)
    assert there.municipalities.code.nunique() == len(sc.municipalities) == 13


@pytest.mark.slow
def test_regions_on_dask_and_local_processes_equal_them_in_this_process(dask):
    sc = load(ROOT / "scenarios" / "netherlands_regions.toml",
              {"national.select": ["GM0654", "GM0664", "GM0677", "GM1695"],
               "simulation.months": 12})
    here = run_replications(sc, PAIR, 2, workers=1, progress=False)
    there = run_replications(sc, PAIR, 2, executor=dask, progress=False)
    with execution.executor(2) as pool:
        pooled = run_replications(sc, PAIR, 2, executor=pool, progress=False)
    for other in (there, pooled):
        _same(here, other)
        pd.testing.assert_frame_equal(here.municipalities, other.municipalities)
    assert set(here.municipalities.region) == {"Zeeland"}


def test_compare_with_dask_local_writes_the_same_files(tmp_path):
    small = ["--set", "population.residents=120", "--months", "12", "--replications", "3",
             "--quiet"]
    base = ["compare", str(ROOT / "scenarios" / "baseline.toml"), *small]
    assert main([*base, "--workers", "1", "--out", str(tmp_path / "one")]) == 0
    assert main([*base, "--dask-local", "2", "--out", str(tmp_path / "dask")]) == 0
    for name in ("replications.csv", "timeseries.csv", "ledger.csv", "comparison.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()


@pytest.mark.parametrize("flags, words", [
    (["--scheduler", "localhost:1"], "give the scheduler's address"),
    (["--scheduler", "tcp://127.0.0.1:1"], "no Dask scheduler answers"),
    (["--scheduler", "tcp://127.0.0.1:1", "--dask-local", "2"], "not both"),
    (["--dask-local", "0"], "at least 1 worker"),
    (["--workers", "0"], "--workers 0: choose at least 1"),
])
def test_bad_execution_flags_are_refused_plainly(capsys, monkeypatch, flags, words):
    monkeypatch.setattr(execution, "SCHEDULER_TIMEOUT", "1s")  # nothing will answer
    code = main(["run", str(ROOT / "scenarios" / "baseline.toml"), "--months", "1",
                 "--replications", "1", "--quiet", *flags])
    err = capsys.readouterr().err
    assert code == 2 and words in err and "Traceback" not in err


def test_in_process_executor_runs_tasks_in_order():
    with execution.executor(1) as ex:
        assert list(ex.run(divmod, [(7, 2), (9, 4)])) == [(0, (3, 1)), (1, (2, 1))]
    with pytest.raises(InputError):
        with execution.executor(0):
            pass


class _ExitsAtOnce:
    """A plan whose one task ends the worker process that runs it, as a crash would."""

    function = staticmethod(os._exit)
    tasks = [(70,)]
    total = 1
    unit = "task"

    def take(self, index, result):
        return 1

    def failure(self, index):
        return f"task {index}, which exits on purpose"


def test_a_worker_process_that_dies_is_one_plain_error():
    with execution.executor(2) as pool:
        assert isinstance(pool, execution.ProcessPool)
        with pytest.raises(RuntimeError) as err:
            execution.run_plan(pool, _ExitsAtOnce(), "test", progress=False)
    assert str(err.value) == ("a worker process died while running task 0, which exits on "
                              "purpose")


def test_workers_keep_their_imports_out_of_collections_and_a_user_process_is_untouched():
    # A national task collects its finished models; in doorstroom's own workers that looks
    # at the task's objects only, not the ~200,000 the imports made (0.1 s a collection).
    import gc

    with execution.executor(2) as pool:
        assert isinstance(pool, execution.ProcessPool)
        frozen = dict(pool.run(gc.get_freeze_count, [()]))[0]
    assert frozen > 50_000
    before = gc.get_freeze_count()
    sc = load("scenarios/netherlands.toml", {"national.select": ["GM0060"],
                                             "simulation.months": 2})
    run_replications(sc, ("indicatie",), 1, workers=1, progress=False)
    # a notebook's objects stay collectable: nothing new is frozen (frozen objects that
    # die, from an earlier command in this process, leave)
    assert gc.get_freeze_count() <= before


def test_work_is_split_in_about_four_batches_per_worker():
    assert execution.chunks(list(range(10)), 1) == [list(range(10))]
    batches = execution.chunks(list(range(10)), 2)
    assert [x for b in batches for x in b] == list(range(10)) and len(batches) == 5


def test_messages_name_options_as_arguments_in_python_and_as_flags_on_the_command_line(small):
    with pytest.raises(InputError, match=r"^workers=0: choose at least 1$"):
        compare(small, replications=1, workers=0)
    with pytest.raises(InputError, match=r"^replications=0: choose 1 to 100,000$"):
        compare(small, replications=0)
    plan = Replications(small, PAIR, 2, seed=1, psa=False, workers=1)
    assert "; rerun with workers=1 to see the error" in plan.failure(0)
    assert errors.option("out", Path("a/b")) == "out='a/b'"
    assert errors.option("resume", True) == "resume=True"
    with errors.command_line():
        assert "; rerun with --workers 1 to see the error" in plan.failure(0)
        assert errors.option("dask_local", 2) == "--dask-local 2"
        assert errors.option("resume", True) == "--resume"
        with pytest.raises(InputError, match=r"^--workers 0: choose at least 1$"):
            compare(small, replications=1, workers=0)
    assert errors.option("workers", 1) == "workers=1"  # back to the API's names


#: A user's script: both regimes on two worker processes, the way the README shows.
SCRIPT = f"""
import simulation as ds
from simulation import execution

def work():
    with execution.executor(2) as ex:
        print(type(ex).__name__)
    sc = ds.load_scenario({str(ROOT / "scenarios" / "baseline.toml")!r},
                          {{"simulation.months": 6, "population.residents": 100}})
    res = ds.compare(sc, replications=3, workers=2, progress=False)
    print(repr(float(res.metrics["cost_total_eur"].sum())))
"""


def _run_script(path: Path, code: str) -> subprocess.CompletedProcess:
    path.write_text(textwrap.dedent(code))
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                          cwd=path.parent, timeout=300)


#: A thread the script keeps running: forking it would be unsafe, so workers are spawned.
A_THREAD = ("import threading\n"
            "threading.Thread(target=threading.Event().wait, daemon=True).start()\n")


def test_a_script_without_a_main_guard_runs_in_one_process_with_a_note(small, tmp_path):
    # spawned workers would rerun the script (forked ones would not: next test)
    script = tmp_path / "what_if.py"
    done = _run_script(script, A_THREAD + SCRIPT + "\nwork()\n")
    assert done.returncode == 0, done.stderr
    kind, total = done.stdout.split()
    assert kind == "InProcess"
    sc = small.with_overrides({"simulation.months": 6, "population.residents": 100})
    here = run_replications(sc, PAIR, 3, seed=sc["simulation.seed"], progress=False)
    assert float(total) == float(here.metrics["cost_total_eur"].sum())
    notes = done.stderr.splitlines()
    assert len(notes) == 2  # one note for each executor asked for
    assert notes[0] == (f"doorstroom: note: worker processes would run {script} again from the "
                        'top; to use them, put the call under `if __name__ == "__main__":`; '
                        "running in this process instead")


@pytest.mark.parametrize("threads", ["", A_THREAD])
def test_a_script_with_a_main_guard_gets_its_worker_processes(tmp_path, threads):
    done = _run_script(tmp_path / "guarded.py", threads + SCRIPT
                       + '\nif __name__ == "__main__":\n    work()\n')
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == "ProcessPool" and done.stderr == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_a_plain_script_gets_forked_workers_with_the_same_results(small, tmp_path):
    done = _run_script(tmp_path / "plain.py", SCRIPT + "\nwork()\n")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    kind, total = done.stdout.split()
    sc = small.with_overrides({"simulation.months": 6, "population.residents": 100})
    here = run_replications(sc, PAIR, 3, seed=sc["simulation.seed"], progress=False)
    assert kind == "ProcessPool" and float(total) == float(here.metrics["cost_total_eur"].sum())


#: A program that holds a results folder's lock and handles SIGTERM (as the doorstroom
#: command does) while its workers report what they inherited.
INHERITED = """
import os, signal, sys, threading
from pathlib import Path
from simulation import execution, output

def inherited(lock_path):
    fds = Path("/proc/self/fd")
    held = any(os.path.realpath(fds / fd) == lock_path for fd in os.listdir(fds))
    return (signal.getsignal(signal.SIGTERM) == signal.SIG_DFL,
            signal.getsignal(signal.SIGINT) == signal.SIG_IGN, held)

def stop(signum, frame):
    raise KeyboardInterrupt

signal.signal(signal.SIGTERM, stop)
with output.lock(Path(sys.argv[1])):
    lock_path = os.path.realpath(output.lock_file(Path(sys.argv[1])))
    print(execution.start_method())
    with execution.executor(2) as ex:
        print(sorted(r for _, r in ex.run(inherited, [(lock_path,)] * 2)))
threading.Thread(target=threading.Event().wait, daemon=True).start()
print(execution.start_method())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_forked_workers_drop_the_parents_locks_and_signal_handlers(tmp_path):
    script = tmp_path / "inherits.py"
    script.write_text(INHERITED)
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "fork", "[(True, True, False), (True, True, False)]", "spawn"]


def _one_oversized_run_refused() -> bool:
    """Whether a worker refuses a plan far over the limits (it is only checked, never run)."""
    values = {**load(ROOT / "scenarios" / "baseline.toml").values, "simulation.months": 1200}
    try:
        budget.check(values, replications=10**4)
    except InputError:
        return True
    return False


def test_lifted_limits_travel_with_the_tasks_to_dask_workers(dask, monkeypatch):
    # the cluster's workers started without DOORSTROOM_NO_LIMITS, as remote ones would
    monkeypatch.delenv(budget.NO_LIMITS_ENV, raising=False)
    assert list(dask.run(_one_oversized_run_refused, [()])) == [(0, True)]
    monkeypatch.setenv(budget.NO_LIMITS_ENV, "1")
    assert list(dask.run(_one_oversized_run_refused, [()])) == [(0, False)]
