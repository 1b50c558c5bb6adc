"""Nothing runaway: a stopped run leaves no worker process behind, and workers are capped.

The process tests start a real ``doorstroom compare`` in its own session, so its process
group holds the command and every process it starts; they find them in /proc (Linux).
"""

import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from simulation import execution, threads
from simulation.errors import InputError

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ON_LINUX = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state, ppid, pgrp, ...)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def _group(pgid: int) -> set[int]:
    """Live processes of process group ``pgid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        fields = _stat(int(entry.name)) if entry.name.isdigit() else None
        if fields is not None and fields[0] != "Z" and int(fields[2]) == pgid:
            found.add(int(entry.name))
    return found


def _start_compare(tmp_path: Path, *where: str) -> subprocess.Popen:
    # stderr to a file: a pipe would stay open as long as any worker lives.
    with open(tmp_path / "stderr.txt", "w") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "simulation", "compare", "baseline", "--replications", "40",
             "--months", "60", *where, "--out", str(tmp_path / "out")],
            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)


def _workers_once_running(run: subprocess.Popen, count: int) -> set[int]:
    """The run's other processes once ``count`` of them run (workers and helpers)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert run.poll() is None, "the run ended before its workers were seen"
        if len(_group(run.pid) - {run.pid}) >= count:
            time.sleep(1)  # past their start: each worker is set up and working
            assert run.poll() is None, "the run ended before it could be stopped"
            return _group(run.pid) - {run.pid}
        time.sleep(0.1)
    pytest.fail(f"no {count} worker processes within a minute")


def _assert_gone_within(pids: set[int], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while (alive := {p for p in pids if _alive(p)}) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive, f"worker processes {sorted(alive)} outlived the run"


def _kill_group(run: subprocess.Popen) -> None:
    """Whatever a failed test left of the run (its own session: nobody else's processes)."""
    try:
        os.killpg(run.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    run.wait()


@ON_LINUX
def test_workers_stop_when_the_run_is_killed(tmp_path):
    run = _start_compare(tmp_path, "--workers", "2")
    try:
        workers = _workers_once_running(run, 3)  # two workers and multiprocessing's tracker
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=10)
        _assert_gone_within(workers, 10)
    finally:
        _kill_group(run)


@ON_LINUX
def test_sigterm_stops_the_run_like_ctrl_c(tmp_path):
    run = _start_compare(tmp_path, "--workers", "2")
    try:
        workers = _workers_once_running(run, 3)
        run.send_signal(signal.SIGTERM)
        assert run.wait(timeout=20) == 128 + signal.SIGTERM
        _assert_gone_within(workers, 10)
    finally:
        _kill_group(run)
    err = (tmp_path / "stderr.txt").read_text()
    assert "stopped by SIGTERM; no results were written" in err and "Traceback" not in err
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith((".out", "out"))]


@ON_LINUX
def test_sigterm_stops_a_dask_local_cluster_too(tmp_path):
    pytest.importorskip("distributed")
    run = _start_compare(tmp_path, "--dask-local", "2")
    try:
        workers = _workers_once_running(run, 3)
        run.send_signal(signal.SIGTERM)
        assert run.wait(timeout=30) == 128 + signal.SIGTERM
        _assert_gone_within(workers, 10)
    finally:
        _kill_group(run)
    assert "stopped by SIGTERM" in (tmp_path / "stderr.txt").read_text()
    assert not (tmp_path / "out").exists()


def test_an_interrupted_run_stops_its_workers_at_once(monkeypatch):
    """Not after every queued task has run, as the pool's own shutdown would."""
    monkeypatch.setenv(execution.MAX_WORKERS_ENV, "2")
    earlier = set(multiprocessing.active_children())  # another test's, not this pool's
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        with execution.executor(2) as ex:
            next(ex.run(time.sleep, [(0,), (30,), (30,), (30,)]))
            raise KeyboardInterrupt
    assert time.monotonic() - start < 15
    # a worker the pool's own thread reaps is gone a moment later, not at once
    while set(multiprocessing.active_children()) - earlier and time.monotonic() - start < 15:
        time.sleep(0.05)
    assert set(multiprocessing.active_children()) <= earlier


#: A run that stops while a worker is half-way through sending a result (as a worker
#: killed mid-send leaves it): the results pipe holds a length with no message after it.
HALF_A_RESULT = """
import os, struct
from simulation import execution

try:
    with execution.executor(2) as ex:
        list(ex.run(int, [()]))
        os.write(ex.pool._result_queue._writer.fileno(), struct.pack("!i", 1000))
        raise RuntimeError("stop")
except RuntimeError:
    print("stopped")
"""


def test_a_run_stopped_with_half_a_result_in_the_pipe_still_ends():
    # The pool's thread would wait for the rest of the message for ever, even at exit
    # (seen in CI: a SIGTERM that killed a worker while it sent its result).
    done = subprocess.run([sys.executable, "-c", HALF_A_RESULT], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.strip() == "stopped", done.stderr


def test_workers_are_capped_at_the_cap_and_the_tasks(monkeypatch, capsys):
    monkeypatch.setenv(execution.MAX_WORKERS_ENV, "3")
    # spawned: one task, one worker; forked: all at once (milliseconds each)
    started = 1 if execution.start_method() == "spawn" else 3
    with execution.executor(5) as ex:
        assert ex.workers == 3
        assert [pid for _, pid in ex.run(os.getpid, [()])]
        assert len(multiprocessing.active_children()) == started
    assert "workers=5: DOORSTROOM_MAX_WORKERS is 3; using 3" in capsys.readouterr().err
    for bad in ("0", "many"):
        monkeypatch.setenv(execution.MAX_WORKERS_ENV, bad)
        with pytest.raises(InputError, match="DOORSTROOM_MAX_WORKERS"):
            with execution.executor(2):
                pass


def test_a_thousand_workers_become_the_cores_at_once(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != execution.MAX_WORKERS_ENV}
    cores = threads.available_cores()
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "simulation", "compare", "baseline", "--replications", "2",
         "--months", "6", "--set", "population.residents=100", "--workers", "1000",
         "--quiet", "--out", str(tmp_path / "out")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"--workers 1000: this machine has {cores} core" in done.stderr
    assert f"; using {cores}" in done.stderr
    assert time.monotonic() - start < 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_ctrl_c_stops_the_dashboard_quietly(tmp_path):
    pytest.importorskip("solara")
    port = _free_port()
    env = dict(os.environ)
    if (ROOT / ".solara-cdn").is_dir():  # nothing fetched
        env["SOLARA_ASSETS_PROXY_CACHE_DIR"] = str(ROOT / ".solara-cdn")
    with open(tmp_path / "stderr.txt", "w") as err:
        server = subprocess.Popen(
            [sys.executable, "-m", "simulation", "dashboard", "baseline", "--port", str(port)],
            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=err,
            start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "stderr.txt").read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    if page.status == 200:
                        break
            except OSError:
                assert time.monotonic() < deadline, "the dashboard did not answer in a minute"
                time.sleep(0.5)
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
    finally:
        _kill_group(server)
    err = (tmp_path / "stderr.txt").read_text()
    assert "dashboard stopped" in err
    assert "internal error" not in err and "Traceback" not in err
