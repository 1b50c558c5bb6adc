"""Replications, paired comparisons and intervals."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from simulation import runs
from simulation.budget import estimated_capacity
from simulation.experiment import ci95, compare, run, run_points, run_replications
from simulation.model import DoorstroomModel
from simulation.runs import replication_seed
from simulation.metrics import CONTRACT, METRICS


def test_ci95_is_the_student_t_interval_and_absent_for_one_value():
    x = [1.0, 2.0, 4.0, 7.0]
    lo, hi = ci95(x)
    ref = stats.t.interval(0.95, 3, loc=np.mean(x), scale=stats.sem(x))
    assert lo == pytest.approx(ref[0]) and hi == pytest.approx(ref[1])
    assert ci95([3.0]) == (None, None)
    assert ci95([float("nan"), 1.0, 2.0])[0] is not None  # nan replications are skipped


def test_comparison_is_the_paired_difference(small):
    res = compare(small, replications=5, seed=3)
    table = res.comparison().set_index("metric")
    a, b = res.of("indicatie"), res.of("voorziening")
    for m in ("net_cost_eur", "jobs_started", "participants_served"):
        d = b[m] - a[m]
        assert table.loc[m, "difference"] == pytest.approx(d.mean())
        lo, hi = ci95(d)
        assert table.loc[m, "ci95_low"] == pytest.approx(lo)
        assert table.loc[m, "voorziening"] == pytest.approx(b[m].mean())
    # the same residents under both regimes
    assert (a["residents_end"] == b["residents_end"]).all()
    assert list(res.metrics.columns[:2]) == ["replication", "policy"]
    assert set(CONTRACT) <= set(METRICS) <= set(res.metrics.columns)


def test_compare_means_equal_single_regime_runs(small):
    both = compare(small, replications=3, seed=8)
    alone = run(small, "voorziening", replications=3, seed=8)
    assert both.of("voorziening").equals(alone.of("voorziening"))


def test_replications_differ_and_use_derived_seeds(small):
    res = run(small, "indicatie", replications=4, seed=1)
    assert res.metrics["net_cost_eur"].nunique() == 4
    assert replication_seed(1, 0) != replication_seed(1, 1)


def test_worker_count_does_not_change_results(small):
    one = run_replications(small, ("indicatie", "voorziening"), 4, seed=5, workers=1)
    two = run_replications(small, ("indicatie", "voorziening"), 4, seed=5, workers=2)
    assert one.metrics.to_csv() == two.metrics.to_csv()
    assert one.timeseries.to_csv() == two.timeseries.to_csv()
    assert one.ledger.to_csv() == two.ledger.to_csv()


def test_summary_has_a_mean_and_interval_per_metric(small):
    res = run(small, "indicatie", replications=3, seed=2)
    s = res.summary("indicatie")
    assert set(s) == set(METRICS)
    m = s["cost_total_eur"]
    assert m["ci95"][0] < m["mean"] < m["ci95"][1]
    one = run(small, "indicatie", replications=1, seed=2).summary("indicatie")
    assert one["cost_total_eur"]["ci95"] == [None, None]
    assert not math.isnan(one["cost_total_eur"]["mean"])


TOGETHER_POLICIES = ("indicatie", "voorziening", "switch_to_open_access",
                     "indicatie+ontschot+trial_placements",
                     "voorziening+safety_net+outcome_bonus")


@pytest.mark.parametrize("psa", [False, True])
def test_replications_run_together_each_as_it_would_alone(small, monkeypatch, psa):
    """Replications run as one model (``runs.TOGETHER_UP_TO`` residents at most), each
    exactly as ``simulate`` runs it alone: with a PSA each with its own draw of the
    unmeasured parameters, read per municipality of the model."""
    def one_by_one():
        rows = []
        for r, scenario, extra in runs.replication_scenarios(small, 6, range(5), psa):
            for policy in TOGETHER_POLICIES:
                metrics, ts, led = runs.simulate(scenario, policy, replication_seed(6, r),
                                                 ledger=True)
                rows.append((r, policy, {**metrics, **extra}, ts, led))
        return rows

    made = []
    together = DoorstroomModel.together.__func__
    monkeypatch.setattr(DoorstroomModel, "together", classmethod(
        lambda cls, scenarios, *rest, **kw: made.append(len(scenarios))
        or together(cls, scenarios, *rest, **kw)))
    capacity = estimated_capacity(small.values)
    monkeypatch.setattr(runs, "TOGETHER_UP_TO", 2 * capacity + 1)  # two a model
    got = runs.replications_task(small.as_dict(), small.name, TOGETHER_POLICIES, 6,
                                 list(range(5)), psa)
    assert made == [n for n in (2, 2, 1) for _ in TOGETHER_POLICIES]
    want = one_by_one()
    key = lambda row: (row[0], TOGETHER_POLICIES.index(row[1]))  # noqa: E731
    assert [key(row) for row in sorted(got, key=key)] == [key(row) for row in want]
    for (r, policy, metrics, ts, led), (_, _, metrics_alone, ts_alone, led_alone) in zip(
            sorted(got, key=key), want):
        assert metrics.keys() == metrics_alone.keys()
        assert all(metrics[k] == metrics_alone[k] or (math.isnan(metrics[k])
                   and math.isnan(metrics_alone[k])) for k in metrics), (r, policy)
        pd.testing.assert_frame_equal(ts, ts_alone, check_exact=True)
        pd.testing.assert_frame_equal(led, led_alone, check_exact=True)
    assert len({row[2]["net_cost_eur"] for row in got if row[1] == "voorziening"}) == 5


def test_points_run_together_each_as_its_replications_alone(small, monkeypatch):
    """A sensitivity analysis's points (``run_points``): each point's results are those of
    ``run_replications``; points that differ only in values read per municipality share
    their models, one that differs in a value read in common runs in its own."""
    points = [small,
              small.with_overrides({"work.hire_probability": 0.1}),
              small.with_overrides({"indicatie.tariff_rule": "fixed"}),
              small.with_overrides({"help_seeking.latent_share": 0.5,
                                    "voorziening.budget_per_year_eur": 1e5})]
    assert runs.alike_groups(points) == [[0, 1, 3], [2]]
    made = []
    together = DoorstroomModel.together.__func__
    monkeypatch.setattr(DoorstroomModel, "together", classmethod(
        lambda cls, scenarios, *rest, **kw: made.append(len(scenarios))
        or together(cls, scenarios, *rest, **kw)))
    found = list(run_points(points, ("indicatie", "voorziening"), 3, seed=4))
    assert made == [9, 9, 3, 3]  # a model a group and policy set
    assert len({res.metrics["net_cost_eur"].sum() for res in found}) == len(points)
    for sc, res in zip(points, found):
        alone = run_replications(sc, ("indicatie", "voorziening"), 3, seed=4)
        assert res.seed == alone.seed and res.scenario is sc
        for table in ("metrics", "timeseries", "ledger"):
            pd.testing.assert_frame_equal(getattr(res, table), getattr(alone, table),
                                          check_exact=True)
