"""Calibration recovers parameters from data the model itself generated."""

import csv

import pytest

from simulation.calibrate import calibrate, load_observations
from simulation.commands import main
from simulation.errors import InputError
from simulation.experiment import run_replications
from simulation.scenario import load

TRUE = {"help_seeking.per_month": 0.006}


@pytest.fixture(scope="module")
def observed(tmp_path_factory):
    """Monthly day-activity counts from the model with known parameters (other seeds)."""
    sc = load("scenarios/baseline.toml", {"population.residents": 300, "simulation.months": 24,
                                          **TRUE})
    res = run_replications(sc, ("indicatie",), 12, seed=999)
    series = res.timeseries.groupby("month")[["in_day_activity", "waiting_placement"]].mean()
    path = tmp_path_factory.mktemp("obs") / "records.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["month", "in_day_activity", "waiting_placement"])
        for month, row in series.iterrows():
            w.writerow([month, row["in_day_activity"], row["waiting_placement"]])
    return sc, path


def test_recovers_the_generating_parameter_within_its_interval(observed):
    sc, path = observed
    start = sc.with_overrides({"help_seeking.per_month": 0.0035})
    obs = load_observations(path, "indicatie", replications=3, seed=1)
    fit = calibrate(start, obs, ["help_seeking.per_month"], [[0.001, 0.012]], "indicatie",
                    seed=1, maxiter=6)
    (value,), ((lo, hi),) = fit.values, fit.intervals
    assert lo <= TRUE["help_seeking.per_month"] <= hi
    assert abs(value - TRUE["help_seeking.per_month"]) < 0.002
    assert hi - lo < 0.008  # informative, not the whole range


def test_cli_writes_a_fitted_scenario_with_provenance(observed, tmp_path, capsys):
    sc, path = observed
    out = tmp_path / "fitted.toml"
    code = main(["calibrate", "scenarios/baseline.toml", "--targets", str(path), "--param",
                 "help_seeking.per_month=0.001:0.012", "--set", "population.residents=300",
                 "--set", "simulation.months=24", "--replications", "2", "--maxiter", "3",
                 "--out", str(out)])
    assert code == 0
    text = out.read_text()
    assert text.startswith("# calibrated by doorstroom calibrate against series")
    fitted = load(out)
    assert fitted["help_seeking.per_month"] != 0.0035
    assert "about 95%" in capsys.readouterr().out


def test_bad_observation_files_are_refused(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("month,happiness\n1,3\n")
    with pytest.raises(InputError, match="not a model series"):
        load_observations(bad, "indicatie", 1, 1)
    with pytest.raises(InputError, match="not found"):
        load_observations(tmp_path / "none.csv", "indicatie", 1, 1)
