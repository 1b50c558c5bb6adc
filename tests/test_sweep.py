"""Sweeps: designs, resumable after a killed worker, and sensitivity with a known answer."""

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from simulation.errors import InputError
from simulation.sweep import design, parse_params, run_sweep, sensitivity

SMALL = {"population.residents": 100, "simulation.months": 12}


@pytest.fixture(scope="module")
def sc(baseline):
    """Small, with a fixed tariff and budget, so that sweeps can vary both."""
    return baseline.with_overrides({**SMALL, "indicatie.tariff_rule": "fixed",
                                    "voorziening.budget_rule": "fixed"})


def test_designs_stay_inside_their_bounds():
    bounds = [[1.0, 2.0], [10.0, 20.0]]
    for method, n in (("grid", 3), ("lhs", 7), ("sobol", 8), ("morris", 4)):
        pts = design(method, bounds, n, seed=1)
        assert ((pts >= [1, 10]) & (pts <= [2, 20])).all(), method
    assert len(design("grid", bounds, 3, 1)) == 9
    assert len(design("sobol", bounds, 8, 1)) == 8 * (2 + 2)


def test_param_ranges_default_to_the_declaration(sc):
    keys, bounds = parse_params(["help_seeking.latent_share", "indicatie.term_months=12:36"],
                                sc)
    assert bounds == [[0.0, 0.33], [12.0, 36.0]]
    for bad, words in (("nope=1:2", "not a numeric"), ("indicatie.term_months=5", "LOW:HIGH"),
                       ("indicatie.term_months=30:12", "LOW < HIGH"),
                       ("indicatie.term_months=0:12", "allowed from 1")):
        with pytest.raises(InputError, match=words):
            parse_params([bad], sc)


def test_samples_share_common_random_numbers(sc, tmp_path):
    df = run_sweep(sc, ["indicatie.tariff_per_dagdeel_eur"], [[36.0, 66.0]], "grid", 3, 2,
                   ("indicatie",), tmp_path / "s", progress=False)
    # the tariff changes no behaviour: every sample has the same people and jobs
    jobs = df.pivot_table(index="replication", columns="sample", values="jobs_started")
    assert (jobs.nunique(axis=1) == 1).all()
    cost = df.groupby("sample")["cost_day_activity_eur"].mean()
    assert cost.is_monotonic_increasing


def test_sobol_says_the_tariff_drives_day_activity_cost(sc, tmp_path):
    out = tmp_path / "sobol"
    run_sweep(sc, ["indicatie.tariff_per_dagdeel_eur", "voorziening.budget_per_year_eur",
                   "voorziening.max_crowding"], [[36.0, 66.0], [3e5, 7e5], [1.0, 2.0]],
              "sobol", 16, 2, ("indicatie",), out, progress=False)
    table = sensitivity(out, "cost_day_activity_eur").set_index("parameter")
    assert table.loc["indicatie.tariff_per_dagdeel_eur", "ST"] > 0.8
    for other in ("voorziening.budget_per_year_eur", "voorziening.max_crowding"):
        assert table.loc[other, "ST"] < 0.05  # cannot touch the cost under indicatie
    with pytest.raises(InputError, match="sobol or morris"):
        run_sweep(sc, ["indicatie.term_months"], [[12, 24]], "lhs", 2, 1, ("indicatie",),
                  tmp_path / "lhs", progress=False)
        sensitivity(tmp_path / "lhs", "cost_total_eur")


def test_resume_refuses_a_different_sweep(sc, tmp_path):
    out = tmp_path / "s"
    run_sweep(sc, ["indicatie.term_months"], [[12, 24]], "grid", 2, 1, ("indicatie",), out,
              progress=False)
    with pytest.raises(InputError, match="--resume"):
        run_sweep(sc, ["indicatie.term_months"], [[12, 24]], "grid", 2, 1, ("indicatie",), out,
                  progress=False)
    with pytest.raises(InputError, match="different sweep"):
        run_sweep(sc, ["indicatie.term_months"], [[12, 36]], "grid", 2, 1, ("indicatie",), out,
                  resume=True, progress=False)


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(x) for x in found.stdout.split()]


def test_a_sweep_killed_mid_run_resumes_to_identical_results(tmp_path):
    args = ["sweep", "scenarios/baseline.toml", "--param",
            "help_seeking.latent_share=0:0.33", "--method", "lhs", "--samples", "24",
            "--replications", "2", "--compare", "--set", "population.residents=150",
            "--months", "24"]
    # the reference: one uninterrupted sweep in this process
    from simulation.commands import main

    assert main([*args, "--workers", "1", "--out", str(tmp_path / "whole")]) == 0
    whole = pd.read_parquet(tmp_path / "whole" / "results.parquet")

    cut = tmp_path / "cut"
    proc = subprocess.Popen([sys.executable, "-m", "simulation", *args, "--workers", "2",
                             "--out", str(cut)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 90
    while time.time() < deadline and len(list((cut / "parts").glob("*.parquet"))) < 3:
        time.sleep(0.1)
    victims = [c for c in _children(proc.pid) if "resource_tracker" not in _cmdline(c)]
    assert victims, "no worker process found to kill"
    os.kill(victims[-1], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    kept = len(list((cut / "parts").glob("*.parquet")))
    if proc.returncode != 0:  # the usual case: the pool broke
        assert "worker process died" in err and "--resume" in err and "Traceback" not in err
    assert kept >= 3
    assert main([*args, "--workers", "2", "--out", str(cut), "--resume"]) == 0
    again = pd.read_parquet(cut / "results.parquet")
    pd.testing.assert_frame_equal(whole, again)


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().decode(errors="replace")
    except OSError:
        return ""
