"""Outputs never clobber: ``--force`` replaces only doorstroom's own results, one run at a
time holds an output path, and a path that cannot be written is refused before any run."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

import simulation.commands.research as research
import simulation.commands.running as running
from simulation.calibrate import Fit
from simulation.commands import main
from simulation.errors import InputError
from simulation.output import lock, lock_file, output_dir, write_json
from simulation.scenario import load
from simulation.sweep import run_sweep
from simulation.targets import DEFAULT_FILE

pytestmark = pytest.mark.slow

SMALL = ["--months", "6", "--replications", "2", "--workers", "1", "--quiet"]
#: Far more work than a test could wait for (2,000 replications of a town of 100,000, each
#: a model of its own, over ten minutes): a run that starts them fails by timeout.
MANY = ["--replications", "2000", "--set", "population.residents=100000", "--workers", "1",
        "--quiet"]


@pytest.fixture
def no_runs(monkeypatch):
    """Any replication started is a failure: the refusal must come before the runs."""
    def refuse(*args, **kwargs):
        raise AssertionError("a replication ran")

    monkeypatch.setattr(running, "run_replications", refuse)


def _files(folder) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _earlier_results(out):
    """A results folder as doorstroom writes it (with its marker)."""
    with output_dir(out) as tmp:
        write_json(tmp / "summary.json", {"earlier": True})


def _start(*args):
    return subprocess.Popen([sys.executable, "-m", "simulation", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.parametrize("earlier, mine, said", [
    (False, "notes.txt", "doorstroom did not write this folder"),
    (True, "notes.txt", "notes.txt, which doorstroom did not write there"),
    (True, "summary.json", "summary.json changed after doorstroom wrote it"),
], ids=["not results", "results and a file", "results edited"])
def test_force_keeps_a_folder_holding_a_file_doorstroom_did_not_write(
        tmp_path, capsys, no_runs, earlier, mine, said):
    out = tmp_path / "out"
    if earlier:
        _earlier_results(out)
    else:
        out.mkdir()
    (out / mine).write_text("mine")
    before = _files(out)
    assert main(["compare", "baseline", *SMALL, "--out", str(out), "--force"]) == 2
    err = capsys.readouterr().err
    assert said in err and "nothing was deleted" in err and err.count("\n") == 1
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # the lock is gone too


def test_force_replaces_earlier_results_and_says_so(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["compare", "baseline", *SMALL, "--out", str(out)]) == 0
    assert main(["compare", "baseline", *SMALL, "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["compare", "baseline", *SMALL, "--out", str(out), "--force"]) == 0
    assert f"replacing earlier results in {out}" in capsys.readouterr().err
    command = json.loads((out / "provenance.json").read_text())["command_line"]
    assert command[-1] == "--force"  # the new results, not the earlier ones
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing left beside it


def test_force_onto_the_scenario_folder_keeps_the_scenario(tmp_path, capsys, no_runs):
    folder = tmp_path / "mine"
    assert main(["init", "baseline", "--to", str(folder)]) == 0
    before = _files(folder)
    assert main(["compare", str(folder / "baseline.toml"), *SMALL, "--out", str(folder),
                 "--force"]) == 2
    assert "baseline.toml" in capsys.readouterr().err
    assert _files(folder) == before


@pytest.fixture
def fake_fit(monkeypatch):
    """Calibrate without fitting; records that it got as far as fitting."""
    calls = []

    def fit(sc, obs, keys, bounds, policy, seed, maxiter, executor=None):
        calls.append(keys)
        return Fit(list(keys), [0.005], [(0.004, 0.006)], 1.0, 1)

    monkeypatch.setattr(research, "fit_parameters", fit)
    return calls


def test_calibrate_keeps_a_file_it_did_not_write(tmp_path, capsys, fake_fit):
    out = tmp_path / "fitted.toml"
    out.write_text("# my own scenario\n[simulation]\nmonths = 6\n")
    args = ["calibrate", "baseline", "--targets", str(DEFAULT_FILE), "--param",
            "help_seeking.per_month", "--out", str(out)]
    for extra in ([], ["--force"]):
        assert main([*args, *extra]) == 2
        assert "did not write it" in capsys.readouterr().err
        assert out.read_text() == "# my own scenario\n[simulation]\nmonths = 6\n"
    assert not fake_fit  # refused before fitting
    out.unlink()
    assert main(args) == 0 and fake_fit
    assert main(args) == 2 and "--force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0
    assert out.read_text().startswith("# calibrated by doorstroom calibrate")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fitted.toml"]


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="needs signals")
def test_a_second_run_on_the_same_out_is_refused_at_once_naming_the_first(tmp_path):
    out = tmp_path / "out"
    first = _start("compare", "baseline", *MANY, "--out", str(out))
    try:
        holder = {}
        for _ in range(600):  # until the first run holds the folder
            try:
                holder = json.loads(lock_file(out).read_text())
            except (OSError, ValueError):
                pass
            if holder.get("pid") == first.pid or first.poll() is not None:
                break
            time.sleep(0.1)
        assert holder.get("pid") == first.pid, "the first run did not lock its folder"
        started = time.monotonic()
        second = subprocess.run([sys.executable, "-m", "simulation", "compare", "baseline",
                                 *MANY, "--out", str(out)], capture_output=True, text=True,
                                timeout=60)
        assert second.returncode == 2 and time.monotonic() - started < 60
        assert f"pid {first.pid}" in second.stderr and "compare baseline" in second.stderr
        assert "in use by another doorstroom run" in second.stderr
        assert first.poll() is None  # the first goes on
        first.send_signal(signal.SIGINT)
        # 130, or death by SIGINT (-2 here) when the interrupt landed in an import: a shell
        # reports both as 130 (tests/test_hardening.py)
        assert first.wait(timeout=60) in (130, -signal.SIGINT)
    finally:
        first.kill()
        first.wait()
    assert not lock_file(out).exists() and not out.exists()  # released on interrupt


def test_a_lock_left_by_a_dead_run_is_taken_over(tmp_path, capsys):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    out = tmp_path / "out"
    lock_file(out).write_text(json.dumps({
        "pid": gone.pid, "host": socket.gethostname(), "started": "2020-01-01 00:00:00",
        "command": "doorstroom compare baseline"}))
    assert main(["compare", "baseline", *SMALL, "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "taking over the lock" in err and f"pid {gone.pid}" in err
    assert (out / "comparison.json").exists() and not lock_file(out).exists()


def test_a_sweep_folder_is_locked_and_resumes_once_free(tmp_path, capsys):
    out = tmp_path / "sweep"
    args = ["sweep", "baseline", "--param", "help_seeking.per_month", "--samples", "2",
            "--replications", "1", "--months", "6", "--workers", "1", "--out", str(out)]
    assert main(args) == 0
    with lock(out):
        assert main([*args, "--resume"]) == 2
        assert f"pid {os.getpid()}" in capsys.readouterr().err
        with pytest.raises(InputError, match="in use by another doorstroom run"):
            run_sweep(load("baseline", {"simulation.months": 6}), ["help_seeking.per_month"],
                      [[0.001, 0.01]], "lhs", 2, 1, ("indicatie",), out, resume=True)
    assert main([*args, "--resume"]) == 0
    assert not lock_file(out).exists()


def _under_a_file(tmp_path):
    (tmp_path / "a-file").write_text("")
    return tmp_path / "a-file" / "out"


def _dangling_link(tmp_path):
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    return tmp_path / "gone"


@pytest.mark.parametrize("where, said", [
    (_under_a_file, "is not a folder"),
    (lambda tmp_path: _dangling_link(tmp_path) / "out", "which does not exist"),
    (_dangling_link, "which does not exist"),
    (lambda tmp_path: tmp_path / ("x" * 300), "bytes long"),
], ids=["under a file", "under a dangling link", "a dangling link", "300-character name"])
def test_an_unwritable_out_is_refused_before_any_run(tmp_path, capsys, no_runs, where, said):
    out = where(tmp_path)
    assert main(["compare", "baseline", *SMALL, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert said in err and f"--out {out}" in err and err.count("\n") == 1


def _read_only_mount_works(folder) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--mount", "sh", "-c",
                            'mount -t tmpfs -o ro tmpfs "$1"', "sh", str(folder)],
                           capture_output=True)
    return probe.returncode == 0


def test_a_read_only_out_is_refused_before_any_run(tmp_path, capsys, no_runs):
    folder = tmp_path / "read-only"
    folder.mkdir()
    out = folder / "out"
    if os.geteuid() != 0:  # a folder without write permission stops this user
        folder.chmod(0o555)
        try:
            assert main(["compare", "baseline", *SMALL, "--out", str(out)]) == 2
        finally:
            folder.chmod(0o755)
        assert "is not writable" in capsys.readouterr().err
        return
    # root writes through any permission: a read-only file system stops it, mounted in a
    # mount namespace of the run's own, so nothing outside the test sees it
    if not _read_only_mount_works(folder):
        pytest.skip("running as root without a way to mount a read-only file system")
    started = time.monotonic()
    done = subprocess.run(["unshare", "--mount", "sh", "-c",
                           'mount -t tmpfs -o ro tmpfs "$1" && shift && exec "$@"', "sh",
                           str(folder), sys.executable, "-m", "simulation", "compare",
                           "baseline", *MANY, "--out", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and time.monotonic() - started < 60
    assert f"{folder} is on a read-only file system" in done.stderr
    assert done.stderr.count("\n") == 1
