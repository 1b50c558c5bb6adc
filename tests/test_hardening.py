"""Nothing is lost or half-written: interrupts, killed workers, reproduction."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

SMALL = ["--set", "population.residents=150", "--months", "12"]


def _doorstroom(*args, env=None, **kw):
    return subprocess.run([sys.executable, "-m", "simulation", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, **kw)


def _start(*args):
    return subprocess.Popen([sys.executable, "-m", "simulation", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_until_busy(proc, seconds=6.0):
    time.sleep(seconds)  # past imports, inside the replications
    assert proc.poll() is None, "the run ended before it could be interrupted"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_compare_leaves_no_folder_that_looks_complete(tmp_path, sig):
    out = tmp_path / "cmp"
    proc = _start("compare", "scenarios/baseline.toml", "--replications", "2000",
                  "--workers", "1", "--out", str(out))
    _wait_until_busy(proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    else:
        assert proc.returncode == -signal.SIGKILL
    assert not out.exists()
    for left in tmp_path.iterdir():  # only a hidden, clearly marked partial folder may remain
        assert left.name.startswith(".cmp.partial-") and (left / "INCOMPLETE").exists()


def test_a_dead_worker_is_reported_with_its_seeds(tmp_path):
    done = _doorstroom("run", "scenarios/baseline.toml", *SMALL, "--replications", "6",
                       "--workers", "2", "--out", str(tmp_path / "r"),
                       env={"DOORSTROOM_FAULT_REPLICATION": "3"}, timeout=120)
    assert done.returncode == 1
    assert "worker process died" in done.stderr and "seeds" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "r").exists()


def test_reproduce_confirms_a_stored_output(tmp_path):
    out = tmp_path / "cmp"
    first = _doorstroom("compare", "scenarios/baseline.toml", *SMALL, "--replications", "3",
                        "--workers", "1", "--out", str(out))
    assert first.returncode == 0, first.stderr
    prov = json.loads((out / "provenance.json").read_text())
    assert prov["command_line"][:3] == ["doorstroom", "compare", "scenarios/baseline.toml"]
    assert len(prov["fingerprint"]) == 64 and len(prov["code_sha256"]) == 64
    again = _doorstroom("reproduce", str(out), "--workers", "2")
    assert again.returncode == 0 and "reproduced" in again.stdout, again.stderr
    # tamper with one result: reproduction says which file differs
    csv = out / "replications.csv"
    csv.write_text(csv.read_text().replace(",", ";", 1))
    third = _doorstroom("reproduce", str(out), "--workers", "1")
    assert third.returncode == 1 and "replications.csv" in third.stdout


def test_reproduce_refuses_a_folder_that_is_not_a_result(tmp_path):
    done = _doorstroom("reproduce", str(tmp_path))
    assert done.returncode == 2 and "not a doorstroom results folder" in done.stderr


def test_worker_pool_runs_from_a_notebook_like_main_without_a_guard():
    """No ``if __name__ == '__main__'`` needed (Jupyter, ``python -c``); from stdin, where
    spawned workers cannot start, the run falls back to this process with a note."""
    script = ("import simulation as ds\n"
              "sc = ds.load_scenario('scenarios/baseline.toml', "
              "{'population.residents': 100, 'simulation.months': 6})\n"
              "res = ds.compare(sc, replications=4, workers=2, progress=False)\n"
              "print(len(res.metrics))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "8" and "note" not in done.stderr
    piped = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True,
                           timeout=120)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.strip() == "8" and "running in this process" in piped.stderr
