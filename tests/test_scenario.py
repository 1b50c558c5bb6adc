"""Scenario files: every key checked against the registry, one clear error per mistake."""

import pytest

import simulation
from simulation.errors import InputError
from simulation.declarations import BY_KEY
from simulation.scenario import BUILTIN, builtin_names, load, loads, locate, parse_overrides


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


def test_built_in_scenarios_load_by_name_from_any_folder(baseline, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    by_name = simulation.load_scenario("baseline")
    assert by_name.sha256 == baseline.sha256 and by_name.source == str(BUILTIN / "baseline.toml")
    assert {"baseline", "ommen", "netherlands"} <= set(builtin_names())
    national = load("netherlands")  # extends the baseline; its table is ../data beside it
    assert national["population.residents"] == baseline["population.residents"]
    assert national["national.municipalities"] == str(
        (BUILTIN.parent / "data" / "municipalities.csv").resolve())
    assert len(national.municipalities) == 342


def test_a_file_wins_over_a_name_and_a_wrong_name_lists_the_built_ins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert locate("ommen") == BUILTIN / "ommen.toml"
    (tmp_path / "ommen").write_text("[population]\nresidents = 77\n")
    assert locate("ommen").resolve() == (tmp_path / "ommen").resolve()
    assert load("ommen")["population.residents"] == 77
    with pytest.raises(InputError) as err:
        load("omen")
    assert str(err.value) == ("scenario file 'omen' not found; the built-in scenarios are "
                              + ", ".join(builtin_names()))
    (tmp_path / "child.toml").write_text('extends = "gone.toml"\n')
    with pytest.raises(InputError) as err:  # a missing parent is a file's mistake, not a name's
        load("child.toml")
    assert "gone.toml' not found" in str(err.value) and "built-in" not in str(err.value)
