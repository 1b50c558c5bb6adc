"""Cost-effectiveness figures agree with the paired differences they come from."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from simulation import economics, funding
from simulation.experiment import compare
from simulation.report import LABELS, write_report


@pytest.fixture(scope="module")
def results(small):
    return compare(small, replications=8, seed=12)


def test_icer_is_difference_in_cost_over_difference_in_jobs(results):
    ce = economics.cost_effectiveness(results, "indicatie", "voorziening", seed=1)
    a, b = results.of("indicatie"), results.of("voorziening")
    d_cost = (b["net_cost_eur"] - a["net_cost_eur"]).mean()
    d_jobs = (b["jobs_sustained_12m"] - a["jobs_sustained_12m"]).mean()
    assert ce["delta_cost"] == pytest.approx(d_cost)
    worse = any(v["judgement"] == "worse" for v in ce["service"].values())
    better = any(v["judgement"] == "better" for v in ce["service"].values())
    assert ce["verdict"] == ("dominant" if d_cost <= 0 <= d_jobs and not worse else
                             "dominated" if d_jobs <= 0 <= d_cost and not better else
                             "cheaper_worse_service" if d_cost < 0 and worse else "trade-off")
    if ce["verdict"] == "trade-off" and d_cost * d_jobs > 0:
        assert ce["icer"] == pytest.approx(d_cost / d_jobs)
    else:  # a ratio would mislead: the verdict says it
        assert ce["icer"] is None and ce["icer_ci95"] == [None, None]
    total = sum(v["delta_cost"] for p, v in ce["per_payer"].items())
    d_total = (b["cost_total_eur"] - a["cost_total_eur"]).mean()
    assert total == pytest.approx(d_total)  # payers add up to the total difference
    again = economics.cost_effectiveness(results, "indicatie", "voorziening", seed=1)
    assert again == ce  # seeded bootstrap: same results, same interval


def test_acceptability_is_a_probability_that_follows_the_net_benefit(results):
    curve = economics.acceptability(results, "indicatie", "voorziening", max_wtp=1e6)
    p = curve["probability_b_better"].to_numpy()
    assert ((0 <= p) & (p <= 1)).all()
    d_cost = economics.paired(results, "indicatie", "voorziening", "net_cost_eur")
    d_jobs = economics.paired(results, "indicatie", "voorziening", "jobs_sustained_12m")
    assert p[0] == pytest.approx((d_cost < 0).mean())  # at zero willingness: cheaper wins
    w = curve["wtp_per_sustained_job_eur"].iloc[-1]
    assert p[-1] == pytest.approx((w * d_jobs - d_cost > 0).mean())


def test_acceptability_runs_past_the_last_replication_that_changes_side():
    """The default range shows the whole shape: every turning point lies inside it, and
    only replications that trade money against jobs turn."""
    d_cost = np.array([3e5, -2e5, 1e5, -5e4, 2e5])
    d_jobs = np.array([2.0, 1.0, -1.0, -1.0, 0.0])
    turns = economics.turning_points(d_cost, d_jobs)
    assert sorted(turns) == [5e4, 1.5e5]  # dearer with more, cheaper with fewer
    res = SimpleNamespace(of=lambda p: pd.DataFrame(
        {"net_cost_eur": d_cost if p == "b" else 0 * d_cost,
         "jobs_sustained_12m": d_jobs if p == "b" else 0 * d_jobs}))
    curve = economics.acceptability(res, "a", "b")
    wtp = curve["wtp_per_sustained_job_eur"]
    assert wtp.iloc[-1] == pytest.approx(1.25 * 1.5e5)
    p = curve["probability_b_better"]  # cheaper at 0; dearer-with-more wins past 150,000
    assert p.iloc[0] == pytest.approx(0.4) and p.iloc[-1] == pytest.approx(0.4)
    assert p.min() == pytest.approx(0.2)  # between the turns only the dominant one


def test_break_even_interpolates_where_the_difference_changes_sign(small):
    budget = small["voorziening.budget_per_year_eur"]
    grid = [0.0, budget, 4 * budget]  # no budget is cheaper, four times as much is not
    be = economics.break_even(small, "indicatie", "voorziening", replications=3, seed=2,
                              grid=grid)
    d = np.array(be["difference"])
    assert (np.diff(d) > 0).all()  # a bigger budget always costs more
    assert d[0] < 0 < d[-1]
    i = np.flatnonzero(np.sign(d[:-1]) != np.sign(d[1:]))[0]
    x0, x1 = grid[i], grid[i + 1]
    assert be["break_even"] == pytest.approx(x0 + (x1 - x0) * -d[i] / (d[i + 1] - d[i]))
    # the equal-service budget: where open access stops making residents wait longer
    w = np.array(be["wait_difference"])
    assert w[0] > 0 > w[-1]
    j = np.flatnonzero(np.sign(w[:-1]) != np.sign(w[1:]))[0]
    assert grid[j] <= be["equal_service"] <= grid[j + 1]


def test_tornado_varies_each_unmeasured_parameter_over_its_range(small):
    from simulation.declarations import uncertain_params

    sc = small.with_overrides({"simulation.months": 12, "population.residents": 100})
    df = economics.tornado(sc, "indicatie", "voorziening", replications=2, seed=3)
    assert set(df["parameter"]) == {p.key for p in uncertain_params()}
    assert (df["swing"].diff().dropna() <= 0).all()  # largest first
    # one end recomputed by hand: the paired difference with that parameter at its low end
    row = df.set_index("parameter").loc["help_seeking.latent_share"]
    low = compare(sc.with_overrides({"help_seeking.latent_share": row["low"]}),
                  replications=2, seed=3)
    expected = (low.of("voorziening")["net_cost_eur"] - low.of("indicatie")["net_cost_eur"])
    assert row["difference_at_low"] == pytest.approx(expected.mean())
    assert row["swing"] == pytest.approx(abs(row["difference_at_high"]
                                             - row["difference_at_low"]))
    # jobs too: what revenue aversion carries is the jobs difference it adds over no effect
    row = df.set_index("parameter").loc["indicatie.revenue_aversion"]
    none = compare(sc.with_overrides({"indicatie.revenue_aversion": 0.0}), replications=2,
                   seed=3)
    at_zero = (none.of("voorziening")[economics.EFFECT]
               - none.of("indicatie")[economics.EFFECT]).mean()
    assert row["jobs_carried"] == pytest.approx(row["jobs_difference_at_default"] - at_zero)
    # a difference that changes sign inside the range turns there, and nowhere else
    for _, r in df.iterrows():
        for prefix in ("", "jobs_"):
            ends = (r[f"{prefix}difference_at_low"], r[f"{prefix}difference_at_default"],
                    r[f"{prefix}difference_at_high"])
            flips = r[f"{prefix}flips_at"]
            if min(ends) > 0 or max(ends) < 0:
                assert flips != flips  # NaN
            elif flips == flips:
                assert min(r["low"], r["high"]) <= flips <= max(r["low"], r["high"])


def test_psa_draws_are_shared_by_both_policies_and_within_range(small):
    from simulation.declarations import BY_KEY

    res = compare(small, replications=5, seed=4, psa=True)
    cols = [c for c in res.metrics.columns if c.startswith("psa:")]
    assert cols
    a = res.metrics[res.metrics["policy"] == "indicatie"][cols].to_numpy()
    b = res.metrics[res.metrics["policy"] == "voorziening"][cols].to_numpy()
    assert np.array_equal(a, b)  # one draw per replication, for both
    for c in cols:
        lo, hi = BY_KEY[c[4:]].plausible
        assert ((res.metrics[c] >= lo - 1e-9) & (res.metrics[c] <= hi + 1e-9)).all()
    assert res.metrics[cols[0]].nunique() == 5


def test_a_saving_bought_with_service_is_never_called_dominant(baseline, tmp_path):
    """Half the lump sum: cheaper, but fewer residents served and longer waits, and the
    report says so in both languages instead of calling open access dominant."""
    half = funding.cost_price_budget(baseline.values, baseline.organisations) / 2
    sc = baseline.with_overrides({"voorziening.budget_rule": "fixed",
                                  "voorziening.budget_per_year_eur": half,
                                  "simulation.months": 36})
    res = compare(sc, replications=4, seed=3)
    ce = economics.cost_effectiveness(res, "indicatie", "voorziening")
    assert ce["delta_cost"] < 0 and ce["verdict"] == "cheaper_worse_service"
    assert ce["icer"] is None  # a cost per job would hide what the saving costs
    worse = {m for m, v in ce["service"].items() if v["judgement"] == "worse"}
    assert {"participants_served", "mean_access_wait_months"} <= worse
    for lang, words in (("nl", ("goedkoper", "ten koste van de dienstverlening",
                                "er worden minder inwoners bereikt",
                                "inwoners wachten langer op een plek")),
                        ("en", ("cheaper", "bought with service", "fewer residents are reached",
                                "residents wait longer for a place"))):
        (tmp_path / lang).mkdir()
        write_report(res, tmp_path / lang, lang=lang)
        page = (tmp_path / lang / "report.html").read_text(encoding="utf-8")
        assert all(w in page for w in words), lang
        assert LABELS[lang]["verdict_dominant"].format(a="indicatie", b="voorziening") \
            not in page


def test_psa_thresholds_find_the_assumption_the_verdict_turns_on(small, tmp_path):
    """Jobs favour open access exactly where revenue aversion is above 0.3: the threshold
    table finds it, places every draw right and ranks it above chance; no other assumption
    beats chance. The report names it."""
    res = compare(small.with_overrides({"simulation.months": 12,
                                        "population.residents": 60}),
                  replications=40, seed=4, psa=True)
    m = res.metrics
    key = "psa:indicatie.revenue_aversion"
    first = m["policy"] == "indicatie"
    aversion = m.loc[first].set_index("replication")[key]
    m.loc[first, "jobs_sustained_12m"] = 5.0
    m.loc[~first, "jobs_sustained_12m"] = np.where(
        aversion.reindex(m.loc[~first, "replication"]).to_numpy() > 0.3, 7.0, 3.0)
    table = economics.psa_thresholds(res, "indicatie", "voorziening")
    jobs = table[table["outcome"] == "jobs"].set_index("parameter")
    best = jobs.loc["indicatie.revenue_aversion"]
    assert best["right"] == 1.0 and best["above"] == 1 and best["right"] > best["chance"]
    below, above = aversion[aversion <= 0.3].max(), aversion[aversion > 0.3].min()
    assert below < best["threshold"] < above
    others = jobs.drop(index="indicatie.revenue_aversion")
    assert (others["right"] < others["chance"]).mean() >= 0.95
    write_report(res, tmp_path, lang="en")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert LABELS["en"]["psa_turns"] in page and "more jobs with open access" in page
