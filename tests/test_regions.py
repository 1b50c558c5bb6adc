"""Regions: municipalities that share their providers' places, each with its own regime,
budget and residents (``simulation.regions``, ``national.regions``)."""

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulation import access
from simulation.commands import main
from simulation.errors import InputError
from simulation.experiment import run_replications
from simulation.model import DoorstroomModel
from simulation.national import municipality_scenario
from simulation.population import Status
from simulation.regions import Region
from simulation.report import write_report
from simulation.scenario import BUILTIN, load
from tests.test_report import text_of

PAIR = ("indicatie", "voorziening")
#: Two islands (Ameland, Terschelling) and two mainland towns of Fryslân, three years.
FRYSLAN = {"national.select": ["GM0060", "GM0093", "GM0072", "GM0074"],
           "simulation.months": 36}
ISLANDS = ("GM0060", "GM0093")


def country_with_regions(folder: Path, rows: str) -> Path:
    """The national scenario, copied with its tables, and a table of regions of ``rows``."""
    (folder / "scenarios").mkdir()
    shutil.copytree(BUILTIN.parent / "data", folder / "data")
    for name in ("baseline.toml", "netherlands.toml"):
        shutil.copy(BUILTIN / name, folder / "scenarios")
    (folder / "scenarios" / "regions.csv").write_text("code,region\n" + rows,
                                                      encoding="utf-8")
    path = folder / "scenarios" / "country.toml"
    path.write_text('extends = "netherlands.toml"\n[national]\nregions = "regions.csv"\n',
                    encoding="utf-8")
    return path


def test_a_municipality_alone_in_its_region_runs_exactly_as_without_regions(tmp_path):
    alone = "".join(f"{code},{code}\n" for code in FRYSLAN["national.select"])
    grouped = load(country_with_regions(tmp_path, alone), FRYSLAN)
    plain = load(BUILTIN / "netherlands.toml", FRYSLAN)
    with_table = run_replications(grouped, PAIR, 2, workers=1, progress=False)
    without = run_replications(plain, PAIR, 2, workers=1, progress=False)
    assert set(with_table.municipalities.region) == set(FRYSLAN["national.select"])
    pd.testing.assert_frame_equal(with_table.municipalities.drop(columns="region"),
                                  without.municipalities)
    pd.testing.assert_frame_equal(with_table.comparison(), without.comparison())


@pytest.fixture(scope="module")
def fryslan():
    """The four municipalities alone and as the region of their province."""
    alone = run_replications(load(BUILTIN / "netherlands.toml", FRYSLAN), PAIR, 3,
                             workers=1, progress=False).municipalities
    region = run_replications(load(BUILTIN / "netherlands_regions.toml", FRYSLAN), PAIR, 3,
                              workers=1, progress=False).municipalities
    return alone, region


def test_sharing_the_regions_places_shortens_the_islands_waits(fryslan):
    alone, region = (rows.groupby(["code", "policy"])[
        ["mean_access_wait_months", "participants_served", "waits_beyond_legal_term"]].mean()
        for rows in fryslan)
    assert set(fryslan[1].region) == {"Fryslân"}
    for code in ISLANDS:
        # alone an island has a few fractional places at each provider: long waits
        before, after = alone.loc[(code, "indicatie")], region.loc[(code, "indicatie")]
        assert after.mean_access_wait_months < before.mean_access_wait_months / 2
        assert after.participants_served > before.participants_served
        assert after.waits_beyond_legal_term < before.waits_beyond_legal_term


def test_a_place_elsewhere_in_the_region_costs_more_transport(fryslan):
    def fare(rows):  # transport per euro paid for dagdelen attended, under indicatie
        rows = rows[rows.policy == "indicatie"].groupby("code")
        return rows.cost_transport_eur.sum() / rows.cost_day_activity_eur.sum()
    alone, region = (fare(rows) for rows in fryslan)
    for code in ISLANDS:  # nearly every place of the region lies on the mainland
        assert region[code] > 1.3 * alone[code]
    assert region["GM0074"] < 1.3 * alone["GM0074"]  # Heerenveen: mostly its own places


@pytest.mark.parametrize("lang, words", [
    ("nl", "De gemeenten kopen dagbesteding per regio samen in (regio's in de tabel: 1, "
           "gemeenten zonder regio: 0)"),
    ("en", "The municipalities buy day activities together by region (regions in the "
           "table: 1, municipalities without one: 0)"),
])
def test_the_report_says_the_municipalities_buy_together(tmp_path, lang, words):
    sc = load(BUILTIN / "netherlands_regions.toml",
              {"national.select": list(ISLANDS), "simulation.months": 12})
    write_report(run_replications(sc, PAIR, 2, workers=1, progress=False), tmp_path, lang=lang)
    page = text_of((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert words in page
    assert "By region" not in page and "Per regio" not in page  # the provinces' table says it


def test_the_report_adds_up_the_effect_by_region(tmp_path):
    path = country_with_regions(tmp_path, "GM0060,Waddeneilanden\nGM0093,Waddeneilanden\n")
    sc = load(path, {"national.select": [*ISLANDS, "GM0072"], "simulation.months": 12})
    assert [m.region for m in sc.municipalities] == ["Waddeneilanden", "", "Waddeneilanden"]
    (tmp_path / "out").mkdir()
    write_report(run_replications(sc, PAIR, 2, workers=1, progress=False), tmp_path / "out",
                 lang="en")
    page = text_of((tmp_path / "out" / "report.html").read_text(encoding="utf-8"))
    table = page[page.index("By region (the table of regions)"):page.index("By province")]
    assert "(no region)  1  16,210" in table and "Waddeneilanden  2  8,723" in table


def _members(regimes: dict[str, str], months: int = 36) -> list[DoorstroomModel]:
    reference = load(BUILTIN / "netherlands.toml", {"national.select": list(regimes),
                                                    "simulation.months": months})
    return [DoorstroomModel(municipality_scenario(reference, m), policy=regimes[m.code],
                            seed=11 + k, resident_agents=False)
            for k, m in enumerate(reference.municipalities)]


def test_making_municipalities_leaves_the_reference_as_it_was():
    # a region makes all its municipalities from one reference: an alternative's budget
    # is made each municipality's, never the reference's own (it once compounded)
    reference = load(BUILTIN / "netherlands.toml", FRYSLAN)
    before = reference.alternatives["open_smaller_budget"]["overrides"].copy()
    made = [municipality_scenario(reference, m) for m in reference.municipalities * 2]
    assert reference.alternatives["open_smaller_budget"]["overrides"] == before
    budgets = [sc.alternatives["open_smaller_budget"]["overrides"]
               ["voorziening.budget_per_year_eur"] for sc in made]
    assert budgets[:4] == budgets[4:] and budgets[0] < before["voorziening.budget_per_year_eur"]


def test_a_trip_is_elsewhere_with_the_share_of_the_pools_places_that_are_the_others():
    models = _members({"GM0060": "indicatie", "GM0074": "indicatie", "GM0093": "voorziening"})
    places = np.array([[pr.slots for pr in m.providers] for m in models])
    region = Region(models, seed=3)
    region.step()
    ameland, heerenveen, terschelling = models
    np.testing.assert_allclose(ameland.elsewhere.slots, places[1])
    np.testing.assert_allclose(ameland.elsewhere.transport_factor(places[0], 1.5),
                               1 + 0.5 * places[1] / (places[0] + places[1]))
    assert ameland.elsewhere.transport_factor(places[0], 1.5).min() > 1.4  # an island
    assert heerenveen.elsewhere.transport_factor(places[1], 1.5).max() < 1.1
    # alone in its pool (the only one under voorziening): every trip is at home
    assert not terschelling.elsewhere.slots.any()
    own = terschelling.policy.capacities(terschelling)
    assert (terschelling.elsewhere.transport_factor(own, 1.5) == 1.0).all()


def test_a_region_with_both_regimes_keeps_each_pool_within_its_places():
    regimes = {"GM0060": "voorziening", "GM0093": "indicatie", "GM0072": "indicatie",
               "GM0074": "voorziening"}
    models = _members(regimes)
    alone = _members(regimes)
    region = Region(models, seed=5)

    def pools():
        """Per regime, the pool's places (with crowding) and places held at each provider."""
        for regime in ("indicatie", "voorziening"):
            pool = [m for m in models if m.policy.regime.name == regime]
            crowding = pool[0].p["voorziening.max_crowding"] if regime == "voorziening" else 1
            yield (regime, sum(m.policy.capacities(m) for m in pool) * crowding,
                   sum(map(access.committed_slots, pool)))

    held_before = {regime: held for regime, _, held in pools()}
    while region.running:
        region.step()
        for regime, places, held in pools():
            # no month fills a pool past its places (today's participants may start above)
            assert np.all(held <= np.maximum(places, held_before[regime]) + 1e-9)
            held_before[regime] = held
    for m, own in zip(models, alone):
        assert m.lump_sums[0] == own.lump_sums[0]  # each funds its own places
        assert (m.ledger.category_cents("assessment") > 0) == (regimes[m.spec.name]
                                                               == "indicatie")
    ameland = models[0]
    assert ameland.ledger.category_cents("day_activity") == pytest.approx(
        ameland.lump_sums[0] / 12 * 100 * ameland.months, rel=1e-6)


def test_the_regions_employers_are_one_labour_market():
    models = _members({"GM0060": "indicatie", "GM0093": "voorziening",
                       "GM0074": "indicatie"}, months=60)
    employers = sum(len(m.employers) for m in models)
    region = Region(models, seed=7)
    elsewhere = 0
    while region.running:
        region.step()
        trials = np.zeros(employers, dtype=np.int64)
        for m in models:
            assert m.employers is models[0].employers and len(m.employers) == employers
            pop, n = m.population, m.population.n
            trials += np.bincount(pop.employer[:n][pop.status[:n] == Status.TRIAL_PLACEMENT],
                                  minlength=employers)
            working = pop.employer[:n][pop.status[:n] == Status.PAID_WORK]
            own = m.own_employers
            elsewhere += int(((working >= 0) & ((working < own.start)
                                                | (working >= own.stop))).sum())
        assert [e.trials for e in models[0].employers] == trials.tolist()
        assert all(e.open_vacancies >= 0 and e.target_group_employees >= 0
                   for e in models[0].employers)
    assert elsewhere > 0  # residents work for employers in the region's other municipalities
    # each municipality counts its own employers, so the region's count is their sum
    region_count = sum(int(m.employers_with_target_group()[0]) for m in models)
    market = models[0].markets[0]
    assert region_count == np.count_nonzero((models[0].external_target_group
                                             + models[0].target_group_employees)[market])


def test_a_region_is_selected_by_its_name(tmp_path, capsys):
    path = country_with_regions(tmp_path, "GM0060,Waddeneilanden\nGM0093,Waddeneilanden\n")
    sc = load(path, {"national.select": ["Waddeneilanden", "GM0072"]})
    assert [m.code for m in sc.municipalities] == ["GM0060", "GM0072", "GM0093"]
    assert main(["validate", str(path), "--set", 'national.select=["Wadden"]']) == 2
    assert "nor a region (Waddeneilanden)" in capsys.readouterr().err


@pytest.mark.parametrize("rows, words", [
    ("GM0060,Noord\nGM9999,Noord\n", "'GM9999' is not a municipality of"),
    ("GM0060,Noord\nGM0060,Zuid\n", "GM0060 appears twice"),
    ("GM0060,\n", "region is empty"),
])
def test_a_regions_table_that_does_not_fit_is_refused(tmp_path, capsys, rows, words):
    path = country_with_regions(tmp_path, rows)
    with pytest.raises(InputError, match="national.regions"):
        load(path)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert words in err and "regions.csv" in err and "Traceback" not in err
