"""Scenario files: every key checked against the registry, one clear error per mistake."""

import pytest

from simulation.errors import InputError
from simulation.declarations import BY_KEY
from simulation.scenario import load, loads, parse_overrides


def test_baseline_loads_with_every_key_resolved(baseline):
    assert set(baseline.values) == set(BY_KEY)
    assert baseline["population.residents"] == 400
    assert baseline["indicatie.term_months"] == BY_KEY["indicatie.term_months"].default


@pytest.mark.parametrize("text, words", [
    ("[indicatie]\nassesments_per_month = 3", "did you mean 'indicatie.assessments_per_month'"),
    ("[indicatei]\nterm_months = 3", "unknown key 'indicatei.term_months'"),
    ("[indicatie]\nterm_months = \"long\"", "must be a whole number"),
    ("[indicatie]\nterm_months = 2.5", "must be a whole number"),
    ("[population]\nresidents = true", "must be a whole number"),
    ("[indicatie]\ntariff_per_dagdeel_eur = -1.0", "out of range: allowed 1 to 500"),
    ("[indicatie]\ntariff_per_dagdeel_eur = nan", "must be a finite number"),
    ("[indicatie]\ntariff_per_dagdeel_eur = inf", "must be a finite number"),
    ("[indicatie\nterm_months = 3", "line 1"),
    ("[population]\ngroup_shares = [0.5, 0.5, 0.5, 0, 0, 0]", "must add up to 1"),
    ("[population]\ngroup_shares = [1.0]", "needs exactly 6 values"),
    ("[policy]\nvariants = [\"flying\"]", "is not allowed"),
    ("[policy]\nregime = \"both\"", "choose one of 'indicatie', 'voorziening'"),
    ("indicatie = 3", "must be a table"),
    ("[population]\nresidents = 50000000\n[simulation]\nmonths = 600",
     "lower population.residents"),
    ("[[providers.organisations]]\nname = \"A\"\ncolour = 1", "unknown field 'colour'"),
    ("[[providers.organisations]]\nkind = \"care\"", "needs a name"),
    ("[[providers.organisations]]\nname = \"A\"\n[[providers.organisations]]\nname = \"A\"",
     "names must differ"),
    ("[providers]\norganisations = []", "at least one provider"),
])
def test_mistakes_are_named_with_what_is_allowed(text, words):
    with pytest.raises(InputError) as err:
        loads(text, origin="s.toml")
    assert words in str(err.value)
    assert "\n" not in str(err.value)


def test_files_that_cannot_be_read(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load(tmp_path / "nope.toml")
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path)
    big = tmp_path / "big.toml"
    big.write_text("# x\n" * 300_000)
    with pytest.raises(InputError, match="at most"):
        load(big)
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InputError, match="UTF-8"):
        load(binary)


def test_overrides_read_toml_values_and_bare_words():
    assert parse_overrides(["a.b=3", "c.d=0.5", 'e.f=["x"]', "g.h=voorziening"]) == {
        "a.b": 3, "c.d": 0.5, "e.f": ["x"], "g.h": "voorziening"}
    with pytest.raises(InputError, match="expected KEY=VALUE"):
        parse_overrides(["residents"])


def test_fingerprint_and_round_trip(baseline):
    again = loads(baseline.to_toml())
    assert dict(again.values) == dict(baseline.values)
    assert again.organisations == baseline.organisations
    assert again.alternatives == baseline.alternatives
    assert again.sha256 == baseline.sha256
    changed = baseline.with_overrides({"indicatie.term_months": 12})
    assert changed.sha256 != baseline.sha256
    with pytest.raises(InputError, match="out of range"):
        baseline.with_overrides({"indicatie.term_months": 0})
