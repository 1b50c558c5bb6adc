"""The national scenario: every municipality its own model, national figures their sum."""

import csv
import hashlib
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulation import execution
from simulation.calibrate import calibrate, load_observations
from simulation.commands import main
from simulation.errors import InputError
from simulation.experiment import run_replications
from simulation.runs import replication_seed, simulate
from simulation.ledger import totals_frame
from simulation.metrics import BY_NAME, METRICS, WEIGHTED_BY
from simulation.municipalities import SCALED, load_table, municipality_values
from simulation.national import municipality_scenario, municipality_seed
from simulation.scenario import load, loads
from simulation.sweep import run_sweep

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "scenarios" / "netherlands.toml"
PAIR = ("indicatie", "voorziening")
# Three small municipalities in two provinces, two years: a national run in seconds.
SUBSET = {"national.select": ["GM0037", "GM0047", "GM0088"], "simulation.months": 24}


@pytest.fixture(scope="module")
def subset():
    return load(NATIONAL, SUBSET)


@pytest.fixture(scope="module")
def national(subset):
    return run_replications(subset, PAIR, 2, workers=1, progress=False)


def test_the_table_is_every_municipality_of_2025():
    table = load_table(ROOT / "data" / "municipalities.csv", [], "")
    assert len(table) == 342 == len({m.code for m in table})
    assert sum(m.inhabitants for m in table) == 18_044_027  # data/README.md
    assert len({m.province for m in table}) == 12
    sc = load(NATIONAL)
    assert [(m.code, m.inhabitants) for m in sc.municipalities] == [
        (m.code, m.inhabitants) for m in table]
    assert sc.municipalities == load_table(ROOT / "data" / "municipalities.csv", [], "",
                                           ROOT / "data" / "municipal_social_2021.csv")
    assert sc["simulation.months"] == 120 and sc["population.inhabitants"] == 30_000


def test_netherlands_extends_the_baseline():
    base, nl = load(ROOT / "scenarios" / "baseline.toml"), load(NATIONAL)
    same = [k for k in base.values if not k.startswith(("national.", "simulation."))]
    assert all(base[k] == nl[k] for k in same)
    assert base.organisations == nl.organisations


def test_scaling_by_inhabitants():
    subset = load(NATIONAL, {**SUBSET, "national.social_figures": ""})
    m = {x.code: x for x in subset.municipalities}["GM0037"]  # Stadskanaal, 32,038
    values = municipality_values(subset, m)
    f = 32_038 / 30_000
    assert values["population.residents"] == round(400 * f)
    assert "voorziening.budget_per_year_eur" not in values  # the places set the lump sum
    fixed = municipality_values(subset.with_overrides({"voorziening.budget_rule": "fixed"}), m)
    assert fixed["voorziening.budget_per_year_eur"] == pytest.approx(480_000 * f)
    assert values["providers.capacity_scale"] == pytest.approx(f)
    assert values["population.inhabitants"] == 32_038
    tiny = type(m)("GM9999", "Klein", "Zeeland", 500)
    small = municipality_values(subset, tiny)
    assert small["indicatie.assessments_per_month"] == 1  # at least one consultant slot
    assert small["population.residents"] == 7
    sc = municipality_scenario(subset, m)
    assert sc.name == "GM0037" and not sc.municipalities
    assert set(SCALED) <= set(sc.values)
    # An alternative's fixed budget is the reference's per inhabitant.
    smaller = sc.alternatives["open_smaller_budget"]["overrides"]
    assert smaller["voorziening.budget_per_year_eur"] == pytest.approx(480_000 * f)
    assert sc.policy("open_smaller_budget").overrides == smaller


def test_national_figures_are_the_sums_of_the_municipalities(national):
    by_muni = national.municipalities
    assert len(by_muni) == 3 * 2 * 2
    for (r, policy), group in by_muni.groupby(["replication", "policy"]):
        row = national.metrics[(national.metrics.replication == r)
                               & (national.metrics.policy == policy)].iloc[0]
        for m in METRICS:
            if m in WEIGHTED_BY:
                w = group[WEIGHTED_BY[m]].to_numpy(float)
                x = group[m].to_numpy(float)
                ok = (w > 0) & ~np.isnan(x)
                if not ok.any():  # nothing to average: 0 or undefined, as for one run
                    empty = 0.0 if BY_NAME[m].zero_when_empty else float("nan")
                    assert row[m] == empty or (math.isnan(row[m]) and math.isnan(empty)), m
                    continue
                expected = (x[ok] * w[ok]).sum() / w[ok].sum()
            else:
                expected = group[m].sum()
            assert math.isclose(row[m], expected, rel_tol=1e-12, abs_tol=1e-9), (m, r, policy)
    # Ratios recomputed from the national sums agree with the weighted means.
    for _, row in national.metrics.iterrows():
        assert row["cost_per_participant_year_eur"] == pytest.approx(
            row["cost_total_eur"] / (row["participant_months"] / 12))
        assert row["mean_assessment_wait_months"] >= 0


def test_national_series_and_ledger_are_the_sums_of_each_municipality_run(subset, national):
    ts_parts, led_parts = [], []
    for m in subset.municipalities:
        sc = municipality_scenario(subset, m)
        for r in range(2):
            for policy in PAIR:
                metrics, ts, led = simulate(
                    sc, policy, replication_seed(municipality_seed(subset["simulation.seed"],
                                                                   m.code), r), ledger=True)
                got = national.municipalities
                row = got[(got.code == m.code) & (got.replication == r)
                          & (got.policy == policy)].iloc[0]
                assert row["net_cost_eur"] == metrics["net_cost_eur"]
                ts_parts.append(ts.assign(replication=r, policy=policy, clients_guidance=(
                    ts["mean_guidance"] * ts["in_day_activity"])))
                led_parts.append(led.assign(replication=r, policy=policy))
    ts = pd.concat(ts_parts).groupby(["replication", "policy", "month"]).sum()
    nat = national.timeseries.set_index(["replication", "policy", "month"]).sort_index()
    for col in nat.columns:
        if col == "mean_guidance":
            expected = ts["clients_guidance"] / ts["in_day_activity"]
            assert np.allclose(nat[col], expected.loc[nat.index], rtol=1e-9)
        elif col != "after_switch":
            assert np.allclose(nat[col], ts[col].loc[nat.index], rtol=0, atol=1e-6), col
    led = pd.concat(led_parts).groupby(["replication", "policy", "month", "payer",
                                        "category"])["amount_eur"].sum()
    nat_led = national.ledger.set_index(["replication", "policy", "month", "payer",
                                         "category"])["amount_eur"]
    assert np.allclose(nat_led.sort_index(), led.loc[nat_led.sort_index().index], atol=1e-6)
    assert len(nat_led) == len(led)


def test_a_municipality_does_not_depend_on_which_others_run(national):
    alone = run_replications(load(NATIONAL, {**SUBSET, "national.select": ["GM0047"]}),
                             PAIR, 2, workers=1, progress=False).municipalities
    together = national.municipalities
    together = together[together.code == "GM0047"].reset_index(drop=True)
    pd.testing.assert_frame_equal(alone, together)


def test_both_regimes_share_the_residents(national):
    m = national.municipalities
    a = m[m.policy == "indicatie"].set_index(["code", "replication"])["residents_end"]
    b = m[m.policy == "voorziening"].set_index(["code", "replication"])["residents_end"]
    assert (a == b).all()


def test_results_do_not_depend_on_the_number_of_workers(subset, national):
    two = run_replications(subset, PAIR, 2, workers=2, progress=False)
    pd.testing.assert_frame_equal(two.metrics, national.metrics)
    pd.testing.assert_frame_equal(two.timeseries, national.timeseries)
    pd.testing.assert_frame_equal(two.ledger, national.ledger)
    pd.testing.assert_frame_equal(two.municipalities, national.municipalities)


def test_psa_draws_are_the_same_in_every_municipality(subset):
    res = run_replications(subset.with_overrides({"simulation.months": 6}), PAIR, 2,
                           workers=1, progress=False, psa=True)
    psa = [c for c in res.municipalities.columns if c.startswith("psa:")]
    assert psa
    per_rep = res.municipalities.groupby("replication")[psa].nunique()
    assert (per_rep == 1).all().all()
    assert (res.metrics.groupby("replication")[psa].nunique() == 1).all().all()


def test_compare_writes_per_municipality_tables(tmp_path):
    out = tmp_path / "nl"
    code = main(["compare", str(NATIONAL), "--set", 'national.select=["GM0037","GM0047"]',
                 "--months", "12", "--replications", "2", "--workers", "1", "--quiet",
                 "--out", str(out)])
    assert code == 0
    with open(out / "municipalities.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["code"] for r in rows} == {"GM0037", "GM0047"} and len(rows) == 2 * 2 * 2
    # scaled inputs, marked as such (a budget only when it is fixed: else places set it)
    assert {f"input:{k}" for k in SCALED} - set(rows[0]) == {
        "input:voorziening.budget_per_year_eur"}
    cmp = pd.read_csv(out / "municipalities_comparison.csv")
    assert set(cmp.metric) >= {"net_cost_eur", "jobs_started"}
    assert (cmp.ci95_low <= cmp.difference).all() and (cmp.difference <= cmp.ci95_high).all()
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    table = ROOT / "data" / "municipalities.csv"
    assert prov["municipalities_sha256"] == hashlib.sha256(table.read_bytes()).hexdigest()
    social = ROOT / "data" / "municipal_social_2021.csv"
    assert prov["social_figures_sha256"] == hashlib.sha256(social.read_bytes()).hexdigest()
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Per gemeente" in report and "Stadskanaal" in report
    assert main(["reproduce", str(out), "--workers", "1"]) == 0


@pytest.mark.parametrize("table, words", [
    ("code,name,inhabitants\nGM0001,A,5\n", "missing province"),
    ("code,name,province,inhabitants\nX1,A,P,5\n", "not a CBS municipality code"),
    ("code,name,province,inhabitants\nGM0001,A,P,5\nGM0001,B,P,6\n", "appears twice"),
    ("code,name,province,inhabitants\nGM0001,A,P,0\n", "at least 1"),
    ("code,name,province,inhabitants\n", "no municipalities"),
])
def test_bad_tables_are_refused_plainly(tmp_path, capsys, table, words):
    (tmp_path / "t.csv").write_text(table, encoding="utf-8")
    (tmp_path / "s.toml").write_text('[national]\nmunicipalities = "t.csv"\n', encoding="utf-8")
    assert main(["validate", str(tmp_path / "s.toml")]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_bad_selection_names_what_is_allowed(capsys):
    assert main(["validate", str(NATIONAL), "--set", 'national.select=["Friesland"]']) == 2
    err = capsys.readouterr().err
    assert "'Friesland'" in err and "Fryslân" in err


def test_scenario_text_cannot_name_files():
    with pytest.raises(InputError, match="scenario files only"):
        loads('[national]\nmunicipalities = "../data/municipalities.csv"\n')
    with pytest.raises(InputError, match="extends"):
        loads('extends = "baseline.toml"\n')


def test_extends_refuses_circles(tmp_path):
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a.toml"\n', encoding="utf-8")
    with pytest.raises(InputError, match="circle"):
        load(tmp_path / "a.toml")
    (tmp_path / "c.toml").write_text('extends = "missing.toml"\n', encoding="utf-8")
    with pytest.raises(InputError, match="not found"):
        load(tmp_path / "c.toml")


def test_ledger_frame_of_summed_cents_is_the_ledger_table():
    totals = np.zeros((3, 4, 16), dtype=np.int64)
    totals[1, 0, 0] = 12345
    frame = totals_frame(totals)
    assert frame.to_dict("records") == [{"month": 1, "payer": "wmo", "category": frame.category[0],
                                         "kind": frame.kind[0], "amount_eur": 123.45}]


THREE = ["GM0060", "GM0175", "GM0173"]  # Ameland, Hof van Twente, Dinkelland


def test_a_sweep_of_the_country_runs_each_sample_as_the_whole_country(tmp_path):
    sc = load(NATIONAL, {"national.select": THREE, "simulation.months": 12})
    key = "indicatie.assessments_per_month"
    swept = run_sweep(sc, [key], [[2, 10]], "lhs", 2, 1, ["indicatie", "voorziening"],
                      tmp_path / "sw", workers=1, seed=4)
    for _, row in swept.iterrows():
        alone = run_replications(sc.with_overrides({key: int(row[key])}), (row["policy"],), 1,
                                 seed=4, progress=False).metrics.iloc[0]
        for metric in ("residents_end", "jobs_started", "net_cost_eur"):
            assert row[metric] == alone[metric]  # the national sums, as compare reports them
    ameland = run_replications(sc.with_overrides({"national.select": THREE[:1]}),
                               ("indicatie",), 1, seed=4, progress=False).metrics
    assert swept["residents_end"].min() > 3 * ameland["residents_end"][0]


@pytest.mark.slow
def test_a_calibration_of_the_country_finds_its_parameter_in_the_national_series(tmp_path):
    truth = load(NATIONAL, {"national.select": THREE, "simulation.months": 24,
                            "help_seeking.per_month": 0.006})
    series = run_replications(truth, ("indicatie",), 8, seed=77, progress=False).timeseries
    records = tmp_path / "country.csv"
    series.groupby("month")[["in_day_activity", "waiting_placement"]].mean().to_csv(records)
    obs = load_observations(records, "indicatie", 2, seed=78)
    start = truth.with_overrides({"help_seeking.per_month": 0.0035})
    with execution.executor(2) as ex:
        fit = calibrate(start, obs, ["help_seeking.per_month"], [[0.001, 0.012]], "indicatie",
                        seed=5, maxiter=2, popsize=4, profile_points=9, noise_refits=3,
                        executor=ex)
    low, high = fit.intervals[0]
    assert low <= 0.006 <= high  # with the simulation's noise of 2 replications in it
    assert abs(fit.values[0] - 0.006) < abs(0.0035 - 0.006)
    profile_low, profile_high = fit.profile_intervals[0]
    assert profile_high - profile_low < (0.012 - 0.001) / 2  # the country's series pin it


class _DiesAt(execution.InProcess):
    """Runs tasks here, but the worker of task ``index`` dies (as a crashed process would)."""

    workers = 2

    def __init__(self, index: int):
        self.index = index

    def run(self, fn, tasks):
        for i, args in enumerate(tasks):
            if i == self.index:
                raise execution.WorkerDied(i)
            yield i, fn(*args)


def test_a_dead_worker_is_reported_with_its_municipality():
    sc = load(NATIONAL, {"national.select": ["GM0037", "GM0047"], "simulation.months": 6})
    with pytest.raises(RuntimeError) as err:
        run_replications(sc, PAIR, 4, executor=_DiesAt(4), progress=False)
    # two workers, two municipalities: each its own share, its replications one by one;
    # the larger municipality runs first (Stadskanaal), so the fifth task is Veendam's
    assert "worker process died while running Veendam (GM0047), replications 0-0" in \
        str(err.value) and "workers=1" in str(err.value)
