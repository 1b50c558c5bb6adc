"""Sweeps: designs, resumable after a killed worker, and sensitivity with a known answer."""

import os
import signal
import subprocess
import sys
import time
import warnings

import numpy as np
import pandas as pd
import pytest

from simulation import errors, sweep_folder
from simulation.commands import main
from simulation.errors import InputError
from simulation.sweep import (
    Manifest,
    SweepSpec,
    UnstableIndicesWarning,
    design,
    parse_params,
    run_sweep,
    sensitivity,
)

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
    with pytest.warns(UnstableIndicesWarning, match="16 base samples"):
        table = sensitivity(out, "cost_day_activity_eur").set_index("parameter")
    assert table.loc["indicatie.tariff_per_dagdeel_eur", "ST"] > 0.8
    for other in ("voorziening.budget_per_year_eur", "voorziening.max_crowding"):
        assert table.loc[other, "ST"] < 0.05  # cannot touch the cost under indicatie
        assert table.loc[other, "stable"]  # exactly nothing, whatever the samples
    assert not table.loc["indicatie.tariff_per_dagdeel_eur", "stable"]
    with pytest.raises(InputError, match="method='sobol' or method='morris'"):
        run_sweep(sc, ["indicatie.term_months"], [[12, 24]], "lhs", 2, 1, ("indicatie",),
                  tmp_path / "lhs", progress=False)
        sensitivity(tmp_path / "lhs", "cost_total_eur")


def test_resume_refuses_a_different_sweep(sc, tmp_path):
    out = tmp_path / "s"
    run_sweep(sc, ["indicatie.term_months"], [[12, 24]], "grid", 2, 1, ("indicatie",), out,
              progress=False)
    with pytest.raises(InputError, match="add resume=True to finish that sweep"):
        run_sweep(sc, ["indicatie.term_months"], [[12, 24]], "grid", 2, 1, ("indicatie",), out,
                  progress=False)
    with pytest.raises(InputError, match="different sweep"):
        run_sweep(sc, ["indicatie.term_months"], [[12, 36]], "grid", 2, 1, ("indicatie",), out,
                  resume=True, progress=False)


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(x) for x in found.stdout.split()]


@pytest.mark.slow
def test_a_sweep_killed_mid_run_resumes_to_identical_results(tmp_path):
    # (an unmeasured parameter: samples run a few together in a task, each task long
    # enough, ~0.5 s, for a worker to be caught at work)
    args = ["sweep", "scenarios/baseline.toml", "--param",
            "help_seeking.latent_share=0:0.33", "--method", "lhs", "--samples", "48",
            "--replications", "2", "--compare", "--set", "population.residents=4000",
            "--months", "48"]
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


def _known_sweep(out, method: str, samples: int, response=lambda a, b: a + 0.3 * b):
    """A finished sweep folder whose response is known, by default y = a + 0.3 b on
    [0, 1]^2: S1 = ST = 1 / 1.09 and 0.09 / 1.09 (no model runs: the indices alone)."""
    spec = SweepSpec({}, "known", ["a", "b"], [[0.0, 1.0], [0.0, 1.0]], method, samples, 1,
                     seed=3, policies=["indicatie"])
    points = design(method, spec.bounds, samples, spec.seed)
    (out / "parts").mkdir(parents=True)
    Manifest(out, spec).add(pd.DataFrame({
        "sample": np.arange(len(points)), "replication": 0, "policy": "indicatie",
        "y": response(points[:, 0], points[:, 1])}))
    return out


def test_enough_samples_give_the_known_indices_without_a_warning(tmp_path):
    folder = _known_sweep(tmp_path / "big", "sobol", 2048)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = sensitivity(folder, "y").set_index("parameter")
    assert table.loc["a", "S1"] == pytest.approx(1 / 1.09, abs=0.05)
    assert table.loc["b", "ST"] == pytest.approx(0.09 / 1.09, abs=0.05)
    assert table["stable"].all() and "warning" not in table.attrs


def test_too_few_samples_warn_and_say_how_many_would_do(tmp_path):
    folder = _known_sweep(tmp_path / "small", "sobol", 16)
    with pytest.warns(UnstableIndicesWarning) as caught:
        table = sensitivity(folder, "y").set_index("parameter")
    message = str(caught[0].message)
    assert message == table.attrs["warning"]
    assert message.startswith("Sobol' indices of y are not stable with 16 base samples: 95% "
                              "intervals up to ±")
    widest = table[["S1_conf", "ST_conf"]].to_numpy().max()
    needed = int(message.split("about ")[1].split()[0])
    assert widest > 0.1 and needed >= 16 * (widest / 0.1) ** 2 and needed & (needed - 1) == 0
    assert message.endswith(f"(rerun the sweep with samples={needed})")
    assert not table.loc["a", "stable"]
    with errors.command_line(), pytest.warns(UnstableIndicesWarning, match="--samples"):
        sensitivity(folder, "y")
    # Morris: exact for a straight line; 4 trajectories may hide a curve's spread (± 0.00)
    assert sensitivity(_known_sweep(tmp_path / "line", "morris", 12), "y")["stable"].all()
    for trajectories, unstable in ((4, "a, b"), (16, "a")):
        folder = _known_sweep(tmp_path / f"curve{trajectories}", "morris", trajectories,
                              lambda a, b: np.sin(6 * a) + b)
        with pytest.warns(UnstableIndicesWarning, match=f"Morris mu.* with {trajectories} "
                          f"trajectories.*from at least 10 trajectories. for {unstable};"):
            table = sensitivity(folder, "y").set_index("parameter")
        assert table["stable"].tolist() == [False, trajectories >= 10]


def test_the_manifest_is_saved_once_a_second_not_after_every_part(tmp_path, monkeypatch):
    # a sweep of many samples must not rewrite an ever longer manifest after each one
    spec = SweepSpec({}, "known", ["a"], [[0.0, 1.0]], "lhs", 40, 1, seed=3,
                     policies=["indicatie"])
    (tmp_path / "parts").mkdir()
    manifest, saves = Manifest(tmp_path, spec), []
    real_save = Manifest.save
    monkeypatch.setattr(Manifest, "save", lambda self: (saves.append(1), real_save(self)))
    monkeypatch.setattr(sweep_folder, "SAVE_EVERY_S", 3600.0)
    for sample in range(40):
        manifest.add(pd.DataFrame({"sample": [sample], "replication": 0,
                                   "policy": "indicatie", "y": [0.5]}))
    assert len(saves) == 1 and len(Manifest.read(tmp_path).parts) == 1
    manifest.flush()
    manifest.flush()  # nothing new: no save
    assert len(saves) == 2 and Manifest.read(tmp_path).finished() == set(range(40))


def test_an_analysis_replaces_only_its_own_unchanged_files(tmp_path, capsys):
    folder = _known_sweep(tmp_path / "known", "sobol", 64)
    assert main(["sensitivity", str(folder), "--metric", "y"]) == 0
    table = folder / "sensitivity-y.csv"
    first = table.read_bytes()
    assert main(["sensitivity", str(folder), "--metric", "y"]) == 0  # its own: replaced
    assert table.read_bytes() == first
    table.write_bytes(first + b"my note\n")  # edited since: left as it is
    capsys.readouterr()
    assert main(["sensitivity", str(folder), "--metric", "y"]) == 2
    err = capsys.readouterr().err
    assert "sensitivity-y.csv: exists and is not doorstroom's unchanged output" in err
    assert "Traceback" not in err and table.read_bytes().endswith(b"my note\n")
    # a file of the user's with the name of a chart: nothing of the analysis is written
    other = _known_sweep(tmp_path / "other", "sobol", 64)
    (other / "sensitivity-y.png").write_bytes(b"mine")
    assert main(["sensitivity", str(other), "--metric", "y"]) == 2
    assert (other / "sensitivity-y.png").read_bytes() == b"mine"
    assert not (other / "sensitivity-y.csv").exists()


def test_samples_of_values_read_per_municipality_run_together_each_as_alone(sc, tmp_path,
                                                                             monkeypatch):
    """A sweep of values a model reads per municipality runs a task's samples as one model
    (each sample's replications "municipalities" of it, with their own values), every row
    as the sample gives run alone; a sweep of a value read in common (the tariff) runs each
    sample by itself."""
    from simulation.experiment import run_replications
    from simulation.model import DoorstroomModel

    made = []
    together = DoorstroomModel.together.__func__
    monkeypatch.setattr(DoorstroomModel, "together", classmethod(
        lambda cls, scenarios, *rest, **kw: made.append(len(scenarios))
        or together(cls, scenarios, *rest, **kw)))
    keys, policies = ["work.hire_probability", "voorziening.light_case_preference"], (
        "indicatie", "voorziening")
    df = run_sweep(sc, keys, [[0.05, 0.6], [0.0, 1.0]], "lhs", 5, 2, policies,
                   tmp_path / "s", seed=4, progress=False)
    # tasks of two samples (about four tasks a worker), two replications each, one model
    # a task and policy set
    assert made == [4, 4, 4, 4, 2, 2]
    for _, rows in df.groupby("sample"):
        values = {key: float(rows[key].iloc[0]) for key in keys}
        alone = run_replications(sc.with_overrides(values), policies, 2, seed=4,
                                 progress=False).metrics
        got = rows.drop(columns=["sample", *keys]).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, alone, check_exact=True)
    made.clear()
    run_sweep(sc, ["indicatie.tariff_per_dagdeel_eur"], [[36.0, 66.0]], "grid", 2, 2,
              ("indicatie",), tmp_path / "m", progress=False)
    assert made == [2, 2]  # a sample's replications together, each sample alone
