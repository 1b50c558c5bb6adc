"""Nothing runaway: special files, oversized plans and malformed input are refused at once,
with exit status 2 and a message naming the file, line or key, before any work."""

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from simulation import budget, economics
from simulation.commands import main
from simulation.dashboard import files
from simulation.scenario import BUILTIN, load

BIG_INT = "1" + "0" * 5000
HUGE = "1" + "0" * 400
GRID = ["--param", "help_seeking.latent_share", "--param", "help_seeking.per_month",
        "--param", "indicatie.assessments_per_month"]


@pytest.fixture(autouse=True)
def eight_gigabytes(monkeypatch):
    """The same memory limit on every machine: 4 GB (half of 8 GB available)."""
    monkeypatch.setattr(budget, "available_memory", lambda: 8 * 10**9)
    monkeypatch.delenv(budget.NO_LIMITS_ENV, raising=False)


@pytest.fixture
def no_runs(monkeypatch):
    """Fail the test if a model is built: a refusal must come before any run."""
    def refuse(*args, **kwargs):
        raise AssertionError("a model ran")
    monkeypatch.setattr("simulation.runs.run_model", refuse)


def _refused(argv, capsys) -> str:
    """Run the command; it must exit 2 with one plain error line, which is returned."""
    code = main([str(a) for a in argv])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "internal error" not in err and err.startswith("doorstroom: error: ")
    return err


def _validate_in_subprocess(path) -> subprocess.CompletedProcess:
    """``doorstroom validate PATH`` in its own process, so that a hang is a timeout."""
    return subprocess.run([sys.executable, "-m", "simulation", "validate", str(path)],
                          capture_output=True, text=True, timeout=60)


# --- files read within bounds ------------------------------------------------------


def test_a_device_is_refused_at_once():
    started = time.monotonic()
    done = _validate_in_subprocess("/dev/zero")
    assert done.returncode == 2 and "/dev/zero: is a character device" in done.stderr
    assert time.monotonic() - started < 30


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "scenario.toml"
    os.mkfifo(fifo)
    done = _validate_in_subprocess(fifo)
    assert done.returncode == 2 and "is a named pipe" in done.stderr


def test_a_table_of_municipalities_that_is_a_device_is_refused(tmp_path, capsys):
    path = tmp_path / "national.toml"
    path.write_text('[national]\nmunicipalities = "/dev/zero"\n')
    err = _refused(["validate", path], capsys)
    assert "national.municipalities: /dev/zero: is a character device" in err


# --- the budget: checked before anything runs -----------------------------------------


def test_a_grid_of_10_to_the_15_points_is_refused_in_seconds(tmp_path, capsys, no_runs):
    out = tmp_path / "sweep"
    tracemalloc.start()
    started = time.monotonic()
    try:
        err = _refused(["sweep", "baseline", "--method", "grid", "--samples", "100000", *GRID,
                        "--out", out, "--workers", "1"], capsys)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 20 and peak < 100 * 2**20
    assert "1.0e+15 samples x 3 replications" in err and "resident-months" in err
    assert not out.exists()


def test_a_run_over_the_budget_names_its_estimate_before_any_run(tmp_path, capsys, no_runs):
    err = _refused(["run", "baseline", "--set", "population.residents=2000000",
                    "--replications", "300", "--out", tmp_path / "r", "--workers", "1"], capsys)
    assert ("300 replications x 2,000,000 residents x 60 months = 36,000,000,000 "
            "resident-months") in err and budget.NO_LIMITS_ENV in err
    err = _refused(["compare", "baseline", "--replications", "100000", "--out", tmp_path / "c",
                    "--workers", "1"], capsys)
    assert "= 4,800,000,000 resident-months, about 84." in err  # GB: 0.8 MB a replication
    assert not (tmp_path / "r").exists() and not (tmp_path / "c").exists()


def test_sensitivity_replications_are_refused_before_the_comparison_runs(tmp_path, capsys,
                                                                        no_runs):
    err = _refused(["compare", "baseline", "--sensitivity", "--sensitivity-replications", "1",
                    "--out", tmp_path / "s", "--workers", "1"], capsys)
    assert "--sensitivity-replications 1: choose 2 or more" in err
    err = _refused(["compare", "baseline", "--sensitivity", "--sensitivity-replications",
                    "100000", "--out", tmp_path / "s", "--workers", "1"], capsys)
    points = economics.sensitivity_points()
    assert f"--sensitivity: {points} points x 100,000 replications" in err


def test_the_limits_are_lifted_on_request(monkeypatch):
    sc_values = {**load("baseline").values, "population.residents": 2_000_000}
    with pytest.raises(ValueError, match="resident-months"):
        budget.check(sc_values, (), 2, 300)
    monkeypatch.setenv(budget.NO_LIMITS_ENV, "1")
    assert budget.check(sc_values, (), 2, 300).resident_months == 72 * 10**9


def test_a_dashboard_upload_the_page_could_not_run_is_refused():
    data = b"[population]\nresidents = 14000000\n"
    with pytest.raises(files.UploadRefused) as refused:
        files.read_upload("big.toml", len(data), lambda n: data[:n], replications=30)
    detail = refused.value.fields["detail"]
    assert refused.value.key == "upload_bad" and "upload: " in detail
    assert "14,000,000 residents x 60 months" in detail and "resident-months" in detail
    small = b"\xef\xbb\xbf[population]\nresidents = 120\n"  # a byte-order mark is fine
    assert files.read_upload("s.toml", len(small), lambda n: small[:n], 30)[
        "population.residents"] == 120


# --- bad input: exit 2, naming the file, line or key ----------------------------------


BAD_SCENARIOS = [
    ("a = " + "[" * 500 + "]" * 500, "nested too deeply"),
    (f"[population]\nresidents = {BIG_INT}\n", "line 2: a whole number of more than 4,300"),
    (f"[population]\nresidents = {HUGE}.5\n", "population.residents = inf"),
    (f"[help_seeking]\nlatent_share = {HUGE}\n", "help_seeking.latent_share = a whole "
                                                 "number of about 401 digits"),
    ('a = "\0"\n', "(at line 1"),
    ("[population\n", "not valid TOML"),
    ('extends = "x\\u0000.toml"\n', "extends = 'x\\x00.toml'"),
]


@pytest.mark.parametrize("text,words", BAD_SCENARIOS)
def test_malformed_scenarios_are_refused_by_name(tmp_path, capsys, text, words):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    err = _refused(["validate", path], capsys)
    assert str(path) in err and words in err


def test_a_scenario_that_is_not_utf8_is_refused_with_its_line(tmp_path, capsys):
    path = tmp_path / "latin.toml"
    path.write_bytes(b'[population]\nresidents = 1\n# caf\xe9\n')
    assert "latin.toml line 3: not UTF-8 text" in _refused(["validate", path], capsys)


def test_huge_and_deep_set_values_are_refused(capsys):
    assert "population.residents = '1000" in _refused(
        ["validate", "baseline", "--set", f"population.residents={BIG_INT}"], capsys)
    assert "population.group_shares" in _refused(
        ["validate", "baseline", "--set", "population.group_shares=" + "[" * 600 + "]" * 600],
        capsys)


def test_extends_loops_and_long_chains_are_refused(tmp_path, capsys):
    (tmp_path / "one.toml").symlink_to("two.toml")
    (tmp_path / "two.toml").symlink_to("one.toml")
    (tmp_path / "loop.toml").write_text('extends = "one.toml"\n')
    assert "a loop of symbolic links" in _refused(["validate", tmp_path / "loop.toml"], capsys)
    assert "one.toml: a loop of symbolic links" in _refused(["validate", tmp_path / "one.toml"],
                                                          capsys)
    for i in range(7):
        (tmp_path / f"c{i}.toml").write_text(f'extends = "c{i + 1}.toml"\n')
    (tmp_path / "c7.toml").write_text("")
    assert "too deep" in _refused(["validate", tmp_path / "c0.toml"], capsys)
    deep = ".".join(["a"] * 3000)  # tables 3,000 deep in both files, merged key by key
    (tmp_path / "deep.toml").write_text(f"{deep} = 1\n")
    (tmp_path / "over.toml").write_text(f'extends = "deep.toml"\n{deep} = 2\n')
    assert "nested too deeply" in _refused(["validate", tmp_path / "over.toml"], capsys)


def test_extends_reads_only_files_in_its_folder_or_below(tmp_path, capsys):
    inner = tmp_path / "mine"
    (inner / "base").mkdir(parents=True)
    (tmp_path / "outside.toml").write_text("[population]\nresidents = 10\n")
    (inner / "base" / "b.toml").write_text("[population]\nresidents = 11\n")
    (inner / "link.toml").symlink_to(tmp_path / "outside.toml")
    for name in ("../outside.toml", str(tmp_path / "outside.toml"), "link.toml"):
        (inner / "s.toml").write_text(f'extends = "{name}"\n')
        err = _refused(["validate", inner / "s.toml"], capsys)
        assert "lies outside this file's folder" in err
    (inner / "s.toml").write_text('extends = "base/b.toml"\n')
    assert main(["validate", str(inner / "s.toml")]) == 0
    assert "11 residents in scope" in capsys.readouterr().out


# --- the table of municipalities ----------------------------------------------------------


def _national(tmp_path, table: bytes) -> Path:
    (tmp_path / "m.csv").write_bytes(table)
    path = tmp_path / "national.toml"
    path.write_text('[national]\nmunicipalities = "m.csv"\n')
    return path


def test_a_table_with_a_byte_order_mark_is_read(tmp_path, capsys):
    path = _national(tmp_path, b"\xef\xbb\xbfcode,name,province,inhabitants\n"
                               b"GM0001,Anywhere,Utrecht,30000\n")
    assert main(["validate", str(path)]) == 0
    assert "1 municipalities, 30,000 inhabitants" in capsys.readouterr().out


@pytest.mark.parametrize("row,words", [
    ("GM0002,Short", "m.csv line 3: has 2 fields; every row needs code, name, province"),
    (f"GM0002,Huge,Utrecht,{BIG_INT}", "m.csv line 3: inhabitants '1000"),
    ('GM0002,Long,Utrecht,"' + "9" * 200_000 + '"', "m.csv line 3: field larger than"),
])
def test_a_malformed_row_is_named_by_file_and_line(tmp_path, capsys, row, words):
    path = _national(tmp_path, ("code,name,province,inhabitants\nGM0001,A,Utrecht,30000\n"
                                f"{row}\n").encode())
    assert words in _refused(["validate", path], capsys)


@pytest.mark.parametrize("inhabitants", ["1", "100000000000000000000000"])
def test_validate_refuses_what_compare_would(tmp_path, capsys, inhabitants):
    path = _national(tmp_path, ("code,name,province,inhabitants\n"
                                f"GM0001,Anywhere,Utrecht,{inhabitants}\n").encode())
    err = _refused(["validate", path], capsys)
    assert str(tmp_path / "m.csv") in err and "GM0001 (Anywhere)" in err
    assert f"population.inhabitants = {inhabitants} is out of range: allowed 100 to 2,000,000" \
        in err


def test_the_built_in_national_scenario_still_reads_its_table_beside_it(capsys):
    assert main(["validate", str(BUILTIN / "netherlands.toml")]) == 0
    assert "342 municipalities" in capsys.readouterr().out


# --- the other files a command reads --------------------------------------------------------


def test_targets_and_series_files_are_read_within_bounds(tmp_path, capsys):
    err = _refused(["check-targets", "baseline", "--targets", "/dev/zero"], capsys)
    assert "/dev/zero: is a character device" in err
    series = tmp_path / "series.csv"
    for data, words in ((b"month,in_day_activity\n1,caf\xe9\n", "series.csv line 2: not UTF-8"),
                        (b"month,in_day_activity\n1,3\n2\n", "every row needs a number")):
        series.write_bytes(data)
        err = _refused(["calibrate", "baseline", "--targets", series, "--param",
                        "help_seeking.per_month", "--out", tmp_path / "fit.toml"], capsys)
        assert words in err
