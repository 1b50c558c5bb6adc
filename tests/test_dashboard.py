"""The dashboard's logic without a browser: inputs, twin model, charts, files, command."""

import dataclasses
import importlib.util
import json
import socket
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import simulation.dashboard as dashboard
from simulation.commands import main
from simulation.dashboard import controls, files, replications, texts
from simulation.dashboard.charts import CHARTS, chart, chart_png
from simulation.dashboard.twin import TwinModel
from simulation.declarations import (
    BY_KEY,
    CATEGORIES,
    COST_CATEGORIES,
    LANGS,
    PAYER_BY_NAME,
    PAYER_NAMES,
    VARIANT_BY_NAME,
    VARIANT_NAMES,
    money_column,
    payer_column,
)
from simulation.experiment import run_replications
from simulation.metrics import BY_NAME
from simulation.model import DoorstroomModel
from simulation.presentation import param_name
from simulation.scenario import loads

#: A tariff moved while the tariff follows the cost price: the settings do not go together.
BAD_TARIFF = {"indicatie.tariff_per_dagdeel_eur": 60.0}


@pytest.fixture
def tiny(baseline):
    return baseline.with_overrides({"population.residents": 60, "simulation.months": 6})


# --- inputs from the registry --------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sliders_come_from_the_registry_within_its_ranges(baseline, lang):
    specs = controls.slider_specs(baseline, lang)
    assert [s.key for s in specs] == list(controls.SLIDER_KEYS)
    for s in specs:
        p = BY_KEY[s.key]
        assert s.kind == p.kind
        assert p.low <= s.min < s.max <= p.high, s.key
        assert s.min <= s.value <= s.max and s.value == pytest.approx(baseline[s.key])
        assert 0 < s.step <= (s.max - s.min) / 10
        name = param_name(p, lang)
        assert s.label.startswith(name), s.label
    wide = {s.key: s for s in specs}["voorziening.budget_per_year_eur"]
    assert wide.max == 2_000_000 and wide.step == 2_000  # open-ended range cut to 4x value


def test_labels_are_dutch_by_default_with_units_and_english_on_request(baseline):
    nl = {s.key: s.label for s in controls.slider_specs(baseline)}
    en = {s.key: s.label for s in controls.slider_specs(baseline, "en")}
    assert nl["voorziening.budget_per_year_eur"] == "Vast budget algemene voorziening (€ per jaar)"
    assert nl["indicatie.assessments_per_month"] == "Onderzoeken per maand"
    assert nl["simulation.months"] == "Looptijd (maanden)"
    assert en["indicatie.term_months"] == "Term of a decision (months)"
    assert en["voorziening.budget_per_year_eur"].endswith("(EUR per year)")
    params = controls.model_params(baseline)
    assert params["policy.regime"]["label"] == "Toegangsregime"
    assert params["compare_with"]["label"] == "Vergelijken met"
    assert params["simulation.seed"] == {"type": "InputText", "label": "Startgetal toeval",
                                         "value": "20251123"}
    assert {f"variant:{v}" for v in VARIANT_NAMES} <= set(params)
    assert controls.model_params(baseline, "en")["compare_with"]["label"] == "Compare with"
    assert params["voorziening.budget_rule"] == {
        "type": "Select", "label": "Budgetregel", "value": "cost_price",
        "values": ["cost_price", "fixed", "follow_attendance"]}
    assert texts.text("nl", "run", n=30) == "30 herhalingen draaien"


def test_solaraviz_accepts_the_inputs_and_resets_the_model_from_them(baseline):
    from mesa.visualization import solara_viz  # deferred: imports Solara, an optional extra

    params = controls.model_params(baseline)
    user, fixed = solara_viz.split_model_params(params)
    assert fixed == {}
    assert {v["type"] for v in user.values()} <= {"SliderInt", "SliderFloat", "Select",
                                                  "Checkbox", "InputText"}
    bound = TwinModel.on(baseline)
    assert TwinModel.on(baseline) is bound and issubclass(bound, TwinModel)
    solara_viz._check_model_params(bound.__init__, params)  # what ModelCreator checks
    # On Reset SolaraViz calls type(model) with the inputs' values (Mesa 3.5 adds a
    # scenario of its own, which the twin ignores) ...
    twin = bound(**{k: v["value"] for k, v in user.items()}, scenario=object())
    assert twin.problem is None and twin.policies == ("indicatie", "voorziening")
    assert twin.scenario_used.sha256 == baseline.sha256
    # ... or with only those it has seen change: the rest is the bound scenario's.
    ommen = files.load("scenarios/ommen.toml")
    twin = TwinModel.on(ommen)(**{"indicatie.assessments_per_month": 7})
    assert twin.scenario_used["indicatie.assessments_per_month"] == 7
    assert twin.scenario_used["population.residents"] == ommen["population.residents"]
    assert type(twin).__name__ == "TwinModel"


def test_slider_values_are_cleaned_of_browser_noise(baseline):
    spec = controls.slider_spec(BY_KEY["help_seeking.latent_share"], 0.17)
    assert spec.clean(0.36000000000000004) == 0.36
    assert controls.slider_spec(BY_KEY["simulation.months"], 60).clean(24.0) == 24
    twin = TwinModel(baseline, **{"help_seeking.latent_share": 0.36000000000000004})
    assert twin.scenario_used["help_seeking.latent_share"] == 0.36


# --- bad settings are messages ---------------------------------------------------------


def test_a_bad_combination_is_a_message_in_both_languages_not_an_exception(baseline):
    twin = TwinModel(baseline, **BAD_TARIFF)
    assert twin.models == {} and not twin.running
    twin.step()  # nothing to step, nothing raised
    assert twin.month == 0 and twin.timeseries().empty
    nl, en = twin.problem.message("nl"), twin.problem.message("en")
    assert nl.startswith("Deze instellingen kunnen niet samen:")
    assert "'Tarief per dagdeel' geldt alleen als 'Tariefregel' = \"fixed\"" in nl
    assert "(nu \"cost_price\")" in nl and "indicatie." not in nl and "Traceback" not in nl
    assert en.startswith("These settings do not go together:") and "applies only when" in en
    fixed = TwinModel(baseline, **BAD_TARIFF, **{"indicatie.tariff_rule": "fixed"})
    assert fixed.problem is None
    assert fixed.models["indicatie"].tariffs[0] == 60.0  # a care provider's
    # the page's slider sits on its own grid (46.2 for 46.15): not moved, so not a problem
    snapped = TwinModel(baseline, **{"indicatie.tariff_per_dagdeel_eur": 46.2})
    assert snapped.problem is None
    assert snapped.scenario_used["indicatie.tariff_per_dagdeel_eur"] == 46.15
    for name in CHARTS:  # the charts still draw (a placeholder)
        assert chart_png(name, twin)[:4] == b"\x89PNG"


@pytest.mark.parametrize("inputs, key", [
    ({"simulation.seed": "abc"}, "seed_bad"),
    ({"simulation.seed": "-1"}, "seed_bad"),
    ({"compare_with": "indicatie"}, "same_policy"),
    ({"compare_with": "no_such_policy"}, "bad_setting"),
    ({"population.residents": "many"}, "bad_setting"),
])
def test_other_bad_inputs_become_problems(baseline, inputs, key):
    twin = TwinModel(baseline, **inputs)
    assert twin.problem is not None and twin.problem.key == key
    assert twin.problem.message("nl") and twin.problem.message("en")


def test_a_fault_while_stepping_is_a_message_too(baseline, monkeypatch):
    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(DoorstroomModel, "step", broken)  # Mesa binds step at __init__
    twin = TwinModel(baseline)
    twin.step()
    assert not twin.running and twin.problem.key == "internal"
    assert "boom" in twin.problem.message("nl") and "Reset" in twin.problem.message("nl")


# --- the twin model: both regimes on common random numbers -----------------------------


def test_both_regimes_start_with_the_same_residents_and_draws(baseline):
    twin = TwinModel(baseline, **{"simulation.seed": "7"})
    a, b = twin.models.values()
    assert (a.seed, b.seed) == (7, 7)
    for field in ("id", "group", "age_months", "rung", "skills", "loonwaarde_base",
                  "motivation", "stability", "benefit", "status", "dagdelen"):
        assert np.array_equal(a.population.view(field), b.population.view(field)), field
    rows = np.arange(a.population.n)
    assert np.array_equal(a.draw("help_seeking", rows), b.draw("help_seeking", rows))


def test_stepping_the_twin_is_stepping_each_regime_alone(tiny):
    twin = TwinModel(tiny, **{"policy.regime": "voorziening", "compare_with": "indicatie",
                              "variant:ontschot": True})
    for _ in range(4):
        twin.step()
    assert twin.month == 4 and twin.steps == 4 and twin.running
    ts = twin.timeseries()
    sc = twin.scenario_used
    for policy in ("voorziening", "indicatie"):
        alone = DoorstroomModel(sc, policy=policy, seed=sc["simulation.seed"]).run(4)
        mine = ts[ts["policy"] == policy].drop(columns="policy").reset_index(drop=True)
        assert mine.equals(alone.timeseries())
    twin.step(), twin.step()
    assert twin.month == 6 and not twin.running
    twin.step()
    assert twin.month == 6


def test_each_chart_draws_a_whole_run_in_both_languages(baseline):
    """(How fast is measured in benchmarks/, beside its target.)"""
    twin = TwinModel(baseline)
    while twin.running:
        twin.step()
    assert twin.month == 60
    for name in CHARTS:
        nl, en = chart_png(name, twin, "nl"), chart_png(name, twin, "en")
        assert nl[:4] == en[:4] == b"\x89PNG" and nl != en, name


# --- names come from the declarations ----------------------------------------------------


def _legend(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


@pytest.mark.parametrize("lang", LANGS)
def test_every_declared_variant_is_a_checkbox_named_as_declared(baseline, lang):
    """A variant added to the declarations gets its checkbox and its name on the page
    without an edit in the dashboard."""
    params = controls.model_params(baseline, lang)
    boxes = {k: v for k, v in params.items() if k.startswith(controls.VARIANT_PREFIX)}
    assert list(boxes) == [controls.VARIANT_PREFIX + v for v in VARIANT_NAMES]
    for v in VARIANT_NAMES:
        assert boxes[controls.VARIANT_PREFIX + v]["label"] == texts.text(
            lang, "variant", label=VARIANT_BY_NAME[v].label(lang))
    twin = TwinModel(baseline, **{f"{controls.VARIANT_PREFIX}{v}": True for v in VARIANT_NAMES})
    summary = dict(controls.settings_summary(twin, lang))
    chosen = summary[texts.param_label(BY_KEY["policy.variants"], lang)]
    assert chosen == ", ".join(VARIANT_BY_NAME[v].label(lang) for v in VARIANT_NAMES)


@pytest.mark.parametrize("lang", LANGS)
def test_every_declared_category_and_payer_shows_in_the_cost_charts(lang):
    """The page's cost charts split the money spent so far by every declared category and
    payer that paid something, named as declared."""
    money = {money_column(c): 10.0 for c in CATEGORIES} | {
        payer_column(p): 10.0 for p in PAYER_NAMES}
    months = pd.DataFrame([{"policy": p, "month": m, **money}
                           for p in ("indicatie", "voorziening") for m in (1, 2)])
    twin = SimpleNamespace(timeseries=lambda: months, policies=("indicatie", "voorziening"),
                           months=12)
    assert _legend(chart("costs", twin, lang)) == [CATEGORIES[c].label(lang)
                                                   for c in reversed(COST_CATEGORIES)]
    assert _legend(chart("payers", twin, lang)) == [PAYER_BY_NAME[p].short(lang)
                                                    for p in reversed(PAYER_NAMES)]
    bars = chart("costs", twin, lang).axes[0].patches
    assert bars[0].get_height() == pytest.approx(20.0 / 1e3)  # two months, in thousands


def test_the_page_draws_the_same_charts_as_the_report(tiny):
    """One function per chart: the twin's run drawn by the report's chart functions."""
    twin = TwinModel(tiny)
    for _ in range(3):
        twin.step()
    ladder = chart("ladder", twin, "en")
    assert [ax.get_title() for ax in ladder.axes] == list(twin.policies)
    assert ladder.axes[0].get_xlim() == (0, twin.months)  # the horizon, filled month by month
    jobs = chart("jobs", twin, "nl")
    assert _legend(jobs) == [f"{p}: {w}" for p in twin.policies
                             for w in ("gestart, opgeteld", "in betaald werk")]
    with pytest.raises(KeyError):
        chart("pie", twin)


# --- downloads, uploads and the results folder ----------------------------------------


def test_the_toml_download_reruns_the_same_scenario(baseline):
    inputs = {"policy.regime": "voorziening", "compare_with": "indicatie",
              "simulation.seed": "123", "voorziening.budget_rule": "fixed",
              "voorziening.budget_per_year_eur": 612_000.0,
              "indicatie.assessments_per_month": 9, "variant:ontschot": True,
              "variant:safety_net": True}
    twin = TwinModel(baseline, **inputs)
    text = files.toml_download(twin.scenario_used, twin.policies)
    assert "doorstroom compare baseline.toml --a voorziening --b indicatie" in text
    again = loads(text, name="baseline")
    assert dict(again.values) == dict(twin.scenario_used.values)
    assert again.sha256 == twin.scenario_used.sha256
    assert again["policy.variants"] == ["ontschot", "safety_net"]
    assert again["voorziening.budget_per_year_eur"] == 612_000.0
    assert again["simulation.seed"] == 123


def test_monthly_csv_has_both_regimes(tiny):
    twin = TwinModel(tiny)
    twin.step()
    twin.step()
    lines = files.months_csv(twin.timeseries()).splitlines()
    assert lines[0].startswith("policy,month,") and len(lines) == 1 + 2 * 2


def test_upload_limits_and_parsing(tmp_path):
    good = b'[population]\nresidents = 120\n'
    sc = files.read_upload("Mijn Gemeente.toml", len(good), lambda n: good[:n])
    assert sc.name == "upload-Mijn-Gemeente" and sc["population.residents"] == 120
    big = b"#" * (files.MAX_UPLOAD_BYTES + 1)
    for size in (len(big), 10):  # what the browser says, and a lie the read catches
        with pytest.raises(files.UploadRefused) as refused:
            files.read_upload("big.toml", size, lambda n: big[:n])
        assert refused.value.key == "upload_too_big"
    calls = []
    with pytest.raises(files.UploadRefused) as refused:
        files.read_upload("big.toml", 10**9, lambda n: calls.append(n) or b"")
    assert refused.value.key == "upload_too_big" and calls == []  # not even read
    cases = [("x.py", b"import os", "upload_not_toml"),
             ("x.toml", b"\xff\xfe", "upload_not_text"),
             ("x.toml", b'[population]\nresidents = "__import__(\'os\')"\n', "upload_bad"),
             ("x.toml", b"not = [valid", "upload_bad")]
    for name, data, key in cases:
        with pytest.raises(files.UploadRefused) as refused:
            files.read_upload(name, len(data), lambda n, d=data: d[:n])
        assert refused.value.key == key
    message = texts.text("nl", "upload_too_big", size=70, kb=64)
    assert "64 kB" in message


def test_a_hostile_scenario_name_writes_only_under_the_results_folder(tmp_path, monkeypatch):
    root = tmp_path / "results" / "dashboard"
    monkeypatch.setenv(files.RESULTS_ENV, str(root))
    data = b"[population]\nresidents = 40\n[simulation]\nmonths = 4\n"
    sc = files.read_upload("../../etc/x.toml", len(data), lambda n: data[:n])
    assert sc.name == "upload-x"
    assert files.safe_name("../../etc/x") == "etc-x" and files.safe_name("../..") == "scenario"
    sc = dataclasses.replace(sc, name="../../etc/x")  # even if a name got through unsanitised
    res = run_replications(sc, ("indicatie", "voorziening"), 2, workers=1, progress=False)
    folder = replications.save(res, "nl")
    assert folder.parent == root.resolve() and folder.name.startswith("etc-x-")
    assert {"report.html", "comparison.json", "replications.csv", "scenario.toml",
            "provenance.json"} <= {p.name for p in folder.iterdir()}
    assert [p for p in tmp_path.rglob("*") if p.is_file() and root not in p.parents] == []
    assert main(["reproduce", str(folder), "--workers", "1"]) == 0  # rerun from the CLI
    with pytest.raises(Exception, match="outside"):
        files.inside(root, root / ".." / "x")
    with pytest.raises(Exception, match="outside"):
        files.report_download(tmp_path)
    page = files.report_download(folder).decode("utf-8")
    assert 'src="data:image/png;base64,' in page and 'src="ladder.png"' not in page
    assert files.comparison_csv(res).startswith("metric,indicatie,voorziening,difference")


def test_scenario_catalog_lists_the_project_files():
    catalog = files.scenario_catalog(files.Path("scenarios"), files.Path("scenarios/ommen.toml"))
    assert list(catalog)[0] == "ommen"
    assert {"baseline", "oldenzaal", "ommen", "oudewater", "landerd"} <= set(catalog)
    assert all(path.suffix == ".toml" and path.is_absolute() for path in catalog.values())
    national = [p.stem for p in files.Path("scenarios").glob("*.toml")
                if files.is_national(files.load(p))]
    assert not set(national) & set(catalog)  # the page shows one municipality


def test_a_national_scenario_is_refused_plainly(tmp_path, capsys):
    table = tmp_path / "gemeenten.csv"
    table.write_text("code,name,province,inhabitants\nGM0001,Een,Utrecht,30000\n")
    national = tmp_path / "land.toml"
    national.write_text('[national]\nmunicipalities = "gemeenten.csv"\n')
    assert files.is_national(files.load(national))
    assert main(["dashboard", str(national)]) == 2
    assert "national scenario" in capsys.readouterr().err
    assert "land" not in files.scenario_catalog(tmp_path)


# --- the replications button's table ---------------------------------------------------


def test_comparison_table_and_when_results_are_stale(tiny):
    twin = TwinModel(tiny)
    res = run_replications(twin.scenario_used, twin.policies, 3, seed=twin.setup.seed,
                           workers=1, progress=False)
    rows = replications.table(res, "nl")
    assert rows[0] == ["Uitkomst", "indicatie", "voorziening",
                       "Verschil (voorziening min indicatie)", "95%-interval"]
    labels = [r[0] for r in rows[1:]]
    assert "Netto kosten (kosten min bespaarde uitkeringen)" in labels and "Wmo" in labels
    assert "Ontschot budget (één pot)" not in labels  # nobody paid from one pot
    assert all(len(r) == 5 for r in rows) and any("…" in r[4] for r in rows[1:])
    assert replications.table(res, "en")[1][0] == BY_NAME["net_cost_eur"].label("en")
    assert replications.table(res, "en")[1][0] == "Net cost (cost less benefits saved)"
    same = TwinModel(tiny)
    moved = TwinModel(tiny, **{"help_seeking.latent_share": 0.3})
    assert replications.key(same.setup) == replications.key(twin.setup)
    assert replications.key(moved.setup) != replications.key(twin.setup)


def test_replication_count_is_30_unless_the_environment_says(monkeypatch):
    monkeypatch.delenv(replications.REPLICATIONS_ENV, raising=False)
    assert replications.replication_count() == 30
    monkeypatch.setenv(replications.REPLICATIONS_ENV, "4")
    assert replications.replication_count() == 4
    monkeypatch.setenv(replications.REPLICATIONS_ENV, "lots")
    assert replications.replication_count() == 30


# --- the command ------------------------------------------------------------------------


def test_dashboard_help_and_plain_exit_2_on_bad_input(capsys):
    with pytest.raises(SystemExit) as done:
        main(["dashboard", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "--port" in out and "--host" in out and "127.0.0.1" in out
    for args, words in ((["dashboard", "scenarios/nope.toml"], "not found"),
                        (["dashboard", "scenarios/baseline.toml", "--port", "70000"], "--port"),
                        (["dashboard", "scenarios/baseline.toml", "--host", "no.such.host."],
                         "--host")):
        assert main(args) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("doorstroom: error:") and words in err
        assert "Traceback" not in err and len(err.splitlines()) == 1


def test_dashboard_without_its_extras_says_what_to_install(monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "solara" else real(name, *a))
    assert main(["dashboard"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'doorstroom[dashboard]'" in err and "Traceback" not in err


def test_dashboard_refuses_a_port_in_use(capsys):
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        assert main(["dashboard", "--port", str(port)]) == 2
    assert "choose another --port" in capsys.readouterr().err


def test_bad_scenario_in_a_real_process_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[population]\nbijstand_share_by_group = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9]\n"
                   "uwv_share_by_group = [0.5, 0.0, 0.0, 0.0, 0.0, 0.0]\n")
    done = subprocess.run([sys.executable, "-m", "simulation", "dashboard", str(bad)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "at most 1" in done.stderr


def test_the_server_environment_is_offline_and_quiet(monkeypatch, tmp_path):
    for name in ("SOLARA_ASSETS_PROXY_CACHE_DIR", "SOLARA_TELEMETRY_MIXPANEL_ENABLE",
                 dashboard.SCENARIO_ENV, dashboard.LANG_ENV, files.RESULTS_ENV):
        monkeypatch.setenv(name, "")  # restored after the test
    monkeypatch.delenv("SOLARA_ASSETS_PROXY_CACHE_DIR")
    monkeypatch.setattr(dashboard, "ASSET_CACHE", tmp_path / "none")
    monkeypatch.chdir(tmp_path)
    assert dashboard.asset_cache() is None  # nothing cached: Solara's own default
    (tmp_path / ".solara-cdn" / "requirejs@2.3.6").mkdir(parents=True)
    dashboard.configure(files.Path(__file__).parent.parent / "scenarios/ommen.toml", "en")
    env = dashboard.os.environ
    assert env["SOLARA_ASSETS_PROXY_CACHE_DIR"] == str(tmp_path / ".solara-cdn")
    assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
    assert env[dashboard.SCENARIO_ENV].endswith("scenarios/ommen.toml")
    assert env[dashboard.LANG_ENV] == "en"
    assert env[files.RESULTS_ENV] == str(tmp_path / "results" / "dashboard")


def _loaded_by_importing(modules: str, watched: tuple[str, ...]) -> list[str]:
    """The watched packages a fresh interpreter has loaded after importing ``modules``."""
    code = (f"import json, sys, {modules}; print(json.dumps(sorted(m for m in sys.modules "
            f"if m.startswith({watched!r}))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_importing_the_command_line_loads_neither_solara_nor_mesa():
    assert _loaded_by_importing("simulation.commands, simulation.dashboard",
                                ("solara", "mesa")) == []


def test_the_dashboard_package_does_not_import_the_command_line():
    assert _loaded_by_importing("simulation.dashboard", ("simulation.commands",)) == []


def test_fetch_assets_script_is_idempotent_and_plain_without_npm(tmp_path, monkeypatch,
                                                                capsys):
    sys.path.insert(0, "scripts")
    try:
        import fetch_solara_assets as fetch  # a script, not a module: found on the path
    finally:
        sys.path.remove("scripts")
    monkeypatch.setattr(fetch.shutil, "which", lambda name: None)
    assert fetch.main([str(tmp_path)]) == 1
    assert "npm is not installed" in capsys.readouterr().err
    for package in fetch.PACKAGES:  # everything present: nothing to fetch, npm never run
        (tmp_path / package).mkdir(parents=True)
        (tmp_path / package / "package.json").write_text("{}")
    monkeypatch.setattr(fetch.shutil, "which", lambda name: "/no/npm")
    assert fetch.main([str(tmp_path)]) == 0
    assert f"0 fetched, {len(fetch.PACKAGES)} already" in capsys.readouterr().out
