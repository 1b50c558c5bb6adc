"""The country as it is: each municipality from its own 2021 figures, under its own regime
if it has one, and a report that shows how the effect is spread over municipalities."""

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from simulation.commands import main
from simulation.errors import InputError
from simulation.experiment import run_replications
from simulation.municipalities import SCALED, load_table, municipality_values
from simulation.national import municipality_scenario, municipality_seed
from simulation.report import LABELS, page_of, write_report
from simulation.runs import replication_seed, simulate
from simulation.scenario import BUILTIN, load
from tests.test_report import _lapses, text_of

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "scenarios" / "netherlands.toml"
SOCIAL = ROOT / "data" / "municipal_social_2021.csv"
PAIR = ("indicatie", "voorziening")
SHORT = {"simulation.months": 12}
SOCIAL_HEAD = ("code,name,codes_2021,inhabitants_2021,inhabitants_15_64_2021,"
               "bijstand_persons_2021,ao_uitkering_persons_2021,wmo_clients_per_1000_2021,"
               "hh_at_or_below_social_minimum_pct_2021\n")


def country(folder: Path, social_rows: str, regimes: str = "") -> Path:
    """A scenario of two municipalities of 30,000 inhabitants (the reference's size) in one
    province, with a social table (and a table of regimes) beside it."""
    shutil.copy(BUILTIN / "baseline.toml", folder)
    (folder / "towns.csv").write_text("code,name,province,inhabitants\nGM0001,Hoog,Noord,30000\n"
                                      "GM0002,Laag,Noord,30000\n", encoding="utf-8")
    (folder / "social.csv").write_text(SOCIAL_HEAD + social_rows, encoding="utf-8")
    national = 'municipalities = "towns.csv"\nsocial_figures = "social.csv"\n'
    if regimes:
        (folder / "regimes.csv").write_text(regimes, encoding="utf-8")
        national += 'regimes = "regimes.csv"\n'
    path = folder / "country.toml"
    path.write_text(f'extends = "baseline.toml"\n[national]\n{national}', encoding="utf-8")
    return path


#: Hoog has four times Laag's bijstand clients; both the same disability and Wmo figures.
HOOG_AND_LAAG = ("GM0001,Hoog,GM0001,30000,20000,1200,1300,70,8\n"
                 "GM0002,Laag,GM0002,30000,20000,300,1300,70,4\n")


def test_equal_size_more_bijstand_means_more_in_scope_and_more_bijstand(tmp_path):
    sc = load(country(tmp_path, HOOG_AND_LAAG), SHORT)
    hoog, laag = sc.municipalities
    assert hoog.figures.bijstand_ratio == pytest.approx(1200 / 750)  # national: 1,500 in 60,000
    assert laag.figures.bijstand_ratio == pytest.approx(300 / 750)
    assert hoog.figures.disability_ratio == laag.figures.disability_ratio == pytest.approx(1.0)
    mine = {m.code: municipality_values(sc, m) for m in sc.municipalities}
    high, low = mine["GM0001"], mine["GM0002"]
    assert high["population.residents"] > sc["population.residents"] > low["population.residents"]
    budget = "participatiewet.reintegration_budget_per_year_eur"
    assert high[budget] == pytest.approx(4 * low[budget])
    for values in (high, low):  # each group's UWV clients per inhabitant stay the reference's
        uwv = [values["population.residents"] * g * u for g, u in zip(
            values["population.group_shares"], values["population.uwv_share_by_group"])]
        reference = [sc["population.residents"] * g * u for g, u in zip(
            sc["population.group_shares"], sc["population.uwv_share_by_group"])]
        assert uwv == pytest.approx(reference, rel=0.01)
    res = run_replications(sc, PAIR, 2, workers=1, progress=False).municipalities
    by = res.set_index(["code", "replication", "policy"])
    for r in range(2):
        for policy in PAIR:
            h, lo = by.loc[("GM0001", r, policy)], by.loc[("GM0002", r, policy)]
            assert h["residents_end"] > lo["residents_end"]
            # bijstand (four times Laag's) and UWV benefits (the same) paid
            assert h["benefits_paid_eur"] > 1.5 * lo["benefits_paid_eur"]


def test_day_activity_use_follows_the_wmo_rate_within_bounds(tmp_path):
    rows = ("GM0001,Hoog,GM0001,30000,20000,700,1300,160,8\n"
            "GM0002,Laag,GM0002,30000,20000,700,1300,20,4\n")  # national: 90 per 1,000
    path = country(tmp_path, rows)
    for bounds, factors in (([0.5, 1.5], (1.5, 0.5)), ([0.0, 10.0], (160 / 90, 20 / 90))):
        sc = load(path, {"national.wmo_ratio_bounds": bounds})
        for m, factor in zip(sc.municipalities, factors):
            values = municipality_values(sc, m)
            for key in ("population.share_in_day_activity_start", "help_seeking.per_month"):
                assert values[key] == pytest.approx(sc[key] * factor)
            assert values["providers.capacity_scale"] == pytest.approx(factor)  # as in scope
    with pytest.raises(InputError, match="the lowest first"):
        load(path, {"national.wmo_ratio_bounds": [1.5, 0.5]})


def test_a_missing_figure_is_filled_from_its_province_and_marked(tmp_path):
    sc = load(NATIONAL, {**SHORT, "national.select": ["GM0060", "GM0175", "GM0173"]})
    ameland, oldenzaal, ommen = sorted(sc.municipalities, key=lambda m: m.name)
    assert ameland.figures.filled == "bijstand_persons_2021 from Fryslân"
    assert ommen.figures.filled == "wmo_clients_per_1000_2021 from Overijssel"
    assert oldenzaal.figures.filled == ""
    provinces = {m.code: m.province for m in load_table(
        ROOT / "data" / "municipalities.csv", [], "")}
    with open(SOCIAL, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if provinces[r["code"]] == "Fryslân"
                and r["bijstand_persons_2021"]]
    fryslan = 1000 * sum(float(r["bijstand_persons_2021"]) for r in rows) / sum(
        float(r["inhabitants_2021"]) for r in rows)
    assert ameland.figures.bijstand_per_1000 == pytest.approx(fryslan)
    out = tmp_path / "out"
    assert main(["compare", str(NATIONAL), "--set", 'national.select=["GM0060","GM0175"]',
                 "--months", "6", "--replications", "2", "--workers", "1", "--quiet",
                 "--out", str(out)]) == 0
    rows = pd.read_csv(out / "municipalities.csv", keep_default_na=False)
    filled = dict(zip(rows.code, rows.filled))
    assert filled == {"GM0060": "bijstand_persons_2021 from Fryslân",
                      "GM0175": "wmo_clients_per_1000_2021 from Overijssel"}
    assert {"figure:bijstand_ratio", "input:population.group_shares",
            "input:help_seeking.per_month"} <= set(rows.columns)


@pytest.mark.parametrize("rows, words", [
    ("GM0001,Hoog,GM0001,30000,20000,1200,1300,70,8\n", "missing towns.csv's GM0002"),
    (HOOG_AND_LAAG + "GM9999,Elders,GM9999,500,300,10,20,60,5\n", "not in towns.csv: GM9999"),
    ("GM0001,Hoog,GM0001,30000,20000,veel,1300,70,8\nGM0002,Laag,GM0002,30000,20000,300,1300,"
     "70,4\n", "bijstand_persons_2021 'veel' must be a number"),
])
def test_a_social_table_that_does_not_fit_is_refused(tmp_path, capsys, rows, words):
    path = country(tmp_path, rows)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert words in err and "social.csv" in err and "Traceback" not in err


def test_without_social_figures_a_municipality_is_the_reference_scaled_by_inhabitants():
    sc = load(NATIONAL, {**SHORT, "national.select": ["GM0037"],
                         "national.social_figures": ""})
    (m,) = sc.municipalities
    assert m.figures is None
    f = m.inhabitants / 30_000
    expected = sc.with_overrides({
        "population.inhabitants": m.inhabitants, "national.municipalities": "",
        "national.select": [], "national.social_figures": "",
        **{key: sc[key] * f for key in SCALED if key != "voorziening.budget_per_year_eur"},
        "population.residents": round(400 * f), "indicatie.assessments_per_month": round(6 * f),
        "employers.count": round(120 * f)})
    own = municipality_scenario(sc, m)
    assert dict(own.values) == dict(expected.values)
    res = run_replications(sc, PAIR, 2, workers=1, progress=False).municipalities
    seed = municipality_seed(sc["simulation.seed"], m.code)
    for r in range(2):
        for policy in PAIR:
            metrics, _, _ = simulate(expected, policy, replication_seed(seed, r))
            row = res[(res.replication == r) & (res.policy == policy)].iloc[0]
            assert row["net_cost_eur"] == metrics["net_cost_eur"]
            assert row["jobs_started"] == metrics["jobs_started"]


def test_a_mixed_country_runs_each_municipality_under_its_own_regime(tmp_path):
    # Oudewater switches in the example; Schiermonnikoog keeps indicatie.
    sc = load(BUILTIN / "netherlands_five_switch.toml",
              {**SHORT, "national.select": ["GM0589", "GM0088"]})
    assert {m.code: m.regime for m in sc.municipalities} == {"GM0088": "",
                                                             "GM0589": "voorziening"}
    mixed = run_replications(sc, ("indicatie", "own"), 2, workers=1, progress=False)
    switched = run_replications(sc, ("voorziening",), 2, workers=1, progress=False)
    rows = pd.concat([mixed.municipalities, switched.municipalities])
    by = rows.drop(columns="own_policy").set_index(["code", "replication", "policy"])
    for r in range(2):
        for code, same in (("GM0589", "voorziening"), ("GM0088", "indicatie")):
            pd.testing.assert_series_equal(by.loc[(code, r, "own")], by.loc[(code, r, same)],
                                           check_names=False)
    assert dict(zip(rows.code, rows.own_policy)) == {"GM0088": "indicatie",
                                                     "GM0589": "voorziening"}
    write_report(mixed, tmp_path, lang="en")
    page = text_of((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert ("individual assessment in 1 and open access in 1 of the municipalities, as the "
            "table of own regimes gives them") in page


def test_own_regimes_are_checked(tmp_path):
    with pytest.raises(InputError, match="national.regimes"):
        load(NATIONAL).policy("own")  # no table of regimes: nothing to run
    path = country(tmp_path, HOOG_AND_LAAG, "code,regime\nGM0001,open\n")
    with pytest.raises(InputError, match="regimes.csv.*'open' is neither a regime"):
        load(path)
    path = country(tmp_path, HOOG_AND_LAAG, "code,regime\nGM0003,voorziening\n")
    with pytest.raises(InputError, match="GM0003' is not a municipality of"):
        load(path)
    path = country(tmp_path, HOOG_AND_LAAG, "code,regime\nGM0001,open_with_safety_net\n")
    assert [m.regime for m in load(path).municipalities] == ["open_with_safety_net", ""]


@pytest.fixture(scope="module")
def spread():
    """Four municipalities in three provinces, with their own figures."""
    sc = load(NATIONAL, {**SHORT, "national.select": ["GM0037", "GM0047", "GM0088",
                                                      "GM0589"]})
    return run_replications(sc, PAIR, 2, workers=1, progress=False)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_shows_how_the_effect_is_spread(spread, tmp_path, lang):
    write_report(spread, tmp_path, lang=lang)
    page = text_of((tmp_path / "report.html").read_text(encoding="utf-8"))
    t = LABELS[lang]
    for key in ("by_muni", "spread_size", "spread_bijstand", "spread_province"):
        assert t[key] in page
    assert t["largest"].format(k=4) in page
    for name in ("Stadskanaal", "Veendam", "Schiermonnikoog", "Oudewater", "Fryslân"):
        assert name in page
    assert _lapses([page], lang, page_of(spread, lang).names) == []
