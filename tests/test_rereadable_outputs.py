"""Every output reads back: any name a scenario may hold is written as TOML that loads to
the same scenario, ``reproduce`` recomputes what a provenance record states instead of
trusting it, and a sweep merges only the parts its manifest lists."""

from __future__ import annotations

import json
import math
import shutil
import tomllib

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from simulation.commands import main
from simulation.dashboard import files
from simulation.errors import InputError
from simulation.scenario import BUILTIN, build, load, loads
from simulation.sweep import merge
from simulation.toml_text import ALTERNATIVES, dumps_toml

#: Any character a TOML file can hold (no lone surrogates), control characters included.
CHARACTERS = st.characters(exclude_categories=("Cs",))
KEYS = st.text(CHARACTERS, max_size=8)
SCALARS = st.one_of(st.booleans(), st.integers(-2**63, 2**63 - 1), st.floats(),
                    st.text(CHARACTERS, max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(KEYS, inner, max_size=3), max_leaves=8)
#: In a table, a list that starts with a table is written as an array of tables.
PLAIN = VALUES.filter(lambda v: not (isinstance(v, list) and v and isinstance(v[0], dict)))
TABLES = st.lists(st.dictionaries(KEYS, VALUES, max_size=3), min_size=1, max_size=2)
SECTIONS = st.dictionaries(KEYS.filter(lambda k: k != ALTERNATIVES),
                           st.dictionaries(KEYS, PLAIN | TABLES, max_size=4), max_size=3)
NAMED_TABLES = st.dictionaries(KEYS, st.dictionaries(KEYS, VALUES, max_size=3), min_size=1,
                               max_size=3)


def _exact(data):
    """Data with every scalar as its type and repr: nan equals nan, -0.0 differs from 0.0."""
    if isinstance(data, dict):
        return {k: _exact(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_exact(v) for v in data]
    return type(data).__name__, repr(data)


@settings(max_examples=200, deadline=None)
@given(sections=SECTIONS, alternatives=st.none() | NAMED_TABLES, header=st.text(CHARACTERS))
@example(sections={"a b": {"😀\x07": [1.0, -0.0, math.inf, -math.inf, math.nan, 1e-300,
                                     1.5e300, 5e-324], "\x7f\u2028": '"\\\n\t\r\x00'}},
         alternatives={"": {"x": {"y.z": [{"k": 1}]}}}, header="line\nnext\x1b")
def test_the_toml_writer_reads_back_any_data(sections, alternatives, header):
    data = {**sections, **({ALTERNATIVES: alternatives} if alternatives else {})}
    assert _exact(tomllib.loads(dumps_toml(data, header))) == _exact(data)


NAMES = st.text(st.characters(exclude_categories=()), max_size=10)  # surrogates too


@settings(max_examples=60, deadline=None)
@given(alternative=NAMES, provider=NAMES)
@example(alternative="plan 😀\x07 b", provider='Zorg "A" \\ en\nB\x7f\u2028')
def test_any_name_the_loader_accepts_is_written_back_identically(alternative, provider):
    raw = {ALTERNATIVES: {alternative: {"regime": "voorziening"}},
           "providers": {"organisations": [{"name": provider, "places_per_dagdeel": 40}]}}
    try:
        sc = build(raw, name="names", origin="names.toml", given=True)
    except InputError as exc:  # refused, naming the key
        assert ALTERNATIVES in str(exc) or "providers.organisations[0].name" in str(exc)
        return
    again = loads(sc.to_toml())
    assert again.sha256 == sc.sha256
    assert list(again.alternatives) == [alternative]
    assert again.organisations[0]["name"] == provider
    download = files.toml_download(sc, (alternative, "indicatie"))
    assert loads(download).sha256 == sc.sha256


@pytest.mark.parametrize("raw, words", [
    ({ALTERNATIVES: {"": {"regime": "voorziening"}}}, 'alternatives."": the name may not be'),
    ({ALTERNATIVES: {" plan": {"regime": "voorziening"}}}, "start or end with a space"),
    ({ALTERNATIVES: {"a\ud800": {"regime": "voorziening"}}}, "not text a file can hold"),
    ({"providers": {"organisations": [{"name": " \n"}]}},
     r"providers.organisations\[0\].name = ' \\n': needs more than spaces"),
    ({"providers": {"organisations": [{"name": "a\udc80"}]}},
     r"providers.organisations\[0\].name = .*lone surrogate"),
])
def test_names_that_cannot_be_written_back_are_refused(raw, words):
    with pytest.raises(InputError, match=words):
        build(raw, name="names", origin="names.toml", given=True)


# --- reproduce ------------------------------------------------------------------------

HOSTILE_ALTERNATIVE = "plan 😀\x07 b"
HOSTILE_PROVIDER = 'Zorg "Noord" \\ en\nZuid\x7f\u2028'
#: Escapes written by hand, so the scenario does not depend on the writer under test.
HOSTILE_SCENARIO = r'''
[population]
residents = 120

[alternatives."plan 😀\u0007 b"]
regime = "voorziening"

[[providers.organisations]]
name = "Zorg \"Noord\" \\ en\nZuid\u007F\u2028"
places_per_dagdeel = 40
'''
SMALL_RUN = ["--months", "6", "--replications", "2", "--workers", "1", "--quiet"]


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    """A comparison of a scenario whose alternative and provider have hostile names."""
    where = tmp_path_factory.mktemp("hostile")
    shutil.copy(BUILTIN / "baseline.toml", where)
    scenario = where / "hostile.toml"
    scenario.write_text(f'extends = "baseline.toml"\n{HOSTILE_SCENARIO}', encoding="utf-8")
    sc = load(scenario)
    assert HOSTILE_ALTERNATIVE in sc.alternatives
    assert [o["name"] for o in sc.organisations] == [HOSTILE_PROVIDER]
    out = where / "out"
    assert main(["compare", str(scenario), "--a", "indicatie", "--b", HOSTILE_ALTERNATIVE,
                 *SMALL_RUN, "--out", str(out)]) == 0
    return out


def test_a_results_folder_with_hostile_names_is_reproduced(hostile_folder, capsys):
    assert main(["reproduce", str(hostile_folder), "--workers", "1"]) == 0
    assert "reproduced" in capsys.readouterr().out


def test_a_run_of_an_alternative_with_any_name_lands_in_one_folder(tmp_path, monkeypatch):
    """Without --out the folder is named after the policy: a slash or NUL in the name must
    not make a path of it."""
    shutil.copy(BUILTIN / "baseline.toml", tmp_path)
    (tmp_path / "odd.toml").write_text('extends = "baseline.toml"\n[population]\n'
                                       'residents = 100\n[alternatives."a/b\\u0000c"]\n'
                                       'regime = "voorziening"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["run", "odd.toml", "--policy", "a/b\x00c", *SMALL_RUN]) == 0
    [folder] = (tmp_path / "results" / "odd").iterdir()
    assert folder.name.startswith("a-b-c-")
    assert main(["reproduce", str(folder), "--workers", "1"]) == 0


def _forge_record(field, value):
    def forge(folder):
        path = folder / "provenance.json"
        rec = json.loads(path.read_text(encoding="utf-8"))
        if field == "seed":
            rec["rerun"]["seed"] = value
        else:
            rec[field] = value
        path.write_text(json.dumps(rec), encoding="utf-8")
    return forge


def _edit_scenario(folder):
    path = folder / "scenario.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("residents = 120",
                                                             "residents = 121"),
                    encoding="utf-8")


@pytest.mark.parametrize("forge, words", [
    (_forge_record("fingerprint", "0" * 64), "provenance.json: its fingerprint 000000000000"),
    (_forge_record("code_sha256", "1" * 64), "provenance.json: its fingerprint"),
    (_forge_record("seed", 7), "provenance.json: its fingerprint"),
    (_forge_record("scenario_sha256", "2" * 64), "scenario.toml: its sha256"),
    (_edit_scenario, "scenario.toml: its sha256"),
], ids=["fingerprint", "code", "seed", "scenario-hash", "scenario-file"])
def test_a_forged_record_is_refused_before_anything_runs(hostile_folder, tmp_path, capsys,
                                                         forge, words):
    folder = shutil.copytree(hostile_folder, tmp_path / "copy")
    forge(folder)
    assert main(["reproduce", str(folder), "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert words in err and "changed after the run" in err


def test_a_changed_municipality_table_is_refused(tmp_path, capsys):
    table = tmp_path / "table.csv"
    table.write_text("code,name,province,inhabitants\nGM0001,Aa,P,3000\nGM0002,Bb,P,4000\n",
                     encoding="utf-8")
    shutil.copy(BUILTIN / "baseline.toml", tmp_path)
    scenario = tmp_path / "two.toml"
    scenario.write_text('extends = "baseline.toml"\n[national]\nmunicipalities = "table.csv"\n',
                        encoding="utf-8")
    out = tmp_path / "out"
    assert main(["compare", str(scenario), *SMALL_RUN, "--out", str(out)]) == 0
    with table.open("a", encoding="utf-8") as fh:
        fh.write("\n")  # the same municipalities, another file: still refused
    assert main(["reproduce", str(out), "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert f"municipality table {table}: its sha256 is" in err
    assert "the table changed since the run" in err


# --- sweeps ---------------------------------------------------------------------------

SWEEP = ["sweep", "scenarios/baseline.toml", "--param", "indicatie.term_months=12:24",
         "--method", "grid", "--samples", "2", "--replications", "1", "--set",
         "population.residents=100", "--months", "6", "--workers", "1"]


@pytest.fixture(scope="module")
def sweep_folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep") / "s"
    assert main([*SWEEP, "--out", str(out)]) == 0
    return out


def test_the_manifest_lists_each_part_and_merging_takes_only_those(sweep_folder, tmp_path,
                                                                   capsys):
    folder = shutil.copytree(sweep_folder, tmp_path / "copy")
    listed = json.loads((folder / "sweep.json").read_text(encoding="utf-8"))["parts"]
    assert sorted(listed) == ["sample-000000.parquet", "sample-000001.parquet"]
    assert listed["sample-000001.parquet"]["samples"] == [1, 1]
    assert listed["sample-000001.parquet"]["rows"] == 1
    assert len(listed["sample-000001.parquet"]["sha256"]) == 64
    planted = folder / "parts" / "sample-000007.parquet"
    pd.read_parquet(folder / "parts" / "sample-000000.parquet").assign(sample=7).to_parquet(
        planted)
    assert sorted(merge(folder)["sample"].unique()) == [0, 1]
    assert f"{planted} is not listed in sweep.json; left out" in capsys.readouterr().err


def test_a_truncated_part_is_refused_then_rerun_on_resume(sweep_folder, tmp_path, capsys):
    folder = shutil.copytree(sweep_folder, tmp_path / "copy")
    whole = pd.read_parquet(folder / "results.parquet")
    part = folder / "parts" / "sample-000001.parquet"
    part.write_bytes(part.read_bytes()[:100])
    assert main(["sensitivity", str(folder), "--metric", "jobs_started"]) == 2
    assert f"{part}: not the part sweep.json lists" in capsys.readouterr().err
    assert main([*SWEEP, "--out", str(folder), "--resume"]) == 0
    assert f"{part}: not the part sweep.json lists (truncated or changed); running its " \
        "samples again" in capsys.readouterr().err
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "results.parquet"), whole)


def test_a_corrupt_manifest_is_refused_naming_it(sweep_folder, tmp_path, capsys):
    folder = shutil.copytree(sweep_folder, tmp_path / "copy")
    manifest = folder / "sweep.json"
    manifest.write_text(manifest.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    assert main(["sensitivity", str(folder), "--metric", "jobs_started"]) == 2
    assert f"{manifest}: not readable as a sweep manifest" in capsys.readouterr().err
    assert main([*SWEEP, "--out", str(folder), "--resume"]) == 2
    assert f"{manifest}: not readable as a sweep manifest" in capsys.readouterr().err
