"""The four places from the source documents: valid, sourced, and each runs what it tried."""

import csv
from pathlib import Path

import pytest

from simulation.experiment import compare
from simulation.scenario import load

PLACES = {"oldenzaal": "village_deal", "ommen": "village_deal",
          "oudewater": "oudewater_werkt", "landerd": "van_zorg_naar_werk"}
CBS = {"oldenzaal": "GM0173", "ommen": "GM0175", "oudewater": "GM0589"}
NAMED = {"ommen": {"Baalderborg", "RIBW", "Larcom"}, "landerd": {"Carrousel Groen"},
         "oudewater": {"Abrona (Hotel Abrona)", "Kwintes", "Boogh Arbeid"}}


def _inhabitants(code):
    path = Path(__file__).resolve().parents[2] / "data" / "municipalities.csv"
    with path.open(encoding="utf-8") as fh:
        return {r["code"]: int(r["inhabitants"]) for r in csv.DictReader(fh)}[code]


@pytest.mark.parametrize("place", PLACES)
def test_place_validates_and_its_experiment_runs(place):
    sc = load(f"scenarios/{place}.toml")
    alt = PLACES[place]
    assert alt in sc.alternatives
    if place in CBS:
        assert sc["population.inhabitants"] == _inhabitants(CBS[place])
    names = {o["name"] for o in sc.organisations}
    assert NAMED.get(place, set()) <= names
    small = sc.with_overrides({"simulation.months": 24})
    res = compare(small, replications=2, seed=1, policies=("indicatie", alt))
    a, b = res.of("indicatie"), res.of(alt)
    assert (a["residents_end"] == b["residents_end"]).all()
    assert (b["cost_total_eur"] > 0).all()


def test_every_number_in_a_place_file_has_a_source_or_assumption_comment():
    for place in PLACES:
        for line in Path(f"scenarios/{place}.toml").read_text(encoding="utf-8").splitlines():
            code = line.split("#")[0].strip()
            if "=" in code and any(ch.isdigit() for ch in code.split("=", 1)[1]):
                key = code.split("=")[0].strip()
                if key in ("months", "seed", "replications", "places_per_dagdeel",
                           "work_orientation", "switch_month", "transition_months"):
                    continue  # run settings, or explained in the block comment above them
                assert "#" in line, f"{place}.toml: '{code}' needs a source or 'assumption'"
