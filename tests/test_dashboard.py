"""The dashboard's logic without a browser: inputs, twin model, charts, the comparison
table (the command and the files a page reads and writes: test_dashboard_command.py)."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from simulation.dashboard import charts as dash_charts
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
        "values": [{"text": "kostprijs van de aanbieder", "value": "cost_price"},
                   {"text": "vast bedrag", "value": "fixed"},
                   {"text": "opkomst van vorig jaar", "value": "follow_attendance"}]}
    assert params["policy.regime"]["values"][0] == {
        "text": "indicatie (beschikking per inwoner)", "value": "indicatie"}
    assert texts.text("nl", "run", n=30) == "30 herhalingen draaien"


@pytest.mark.parametrize("lang", LANGS)
def test_every_choice_shows_in_words_and_means_a_name_the_model_takes(baseline, lang):
    """A select shows words in the page's language; the model gets the registry's name."""
    params = controls.model_params(baseline, lang)
    for key in (controls.REGIME_KEY, controls.COMPARE_KEY, *controls.CHOICE_KEYS):
        items = params[key]["values"]
        assert params[key]["value"] in [i["value"] for i in items]
        for item in items:
            named = item["value"] in baseline.alternatives  # the scenario's own name for it
            assert named or (item["text"] and "_" not in item["text"]), (key, item)
            twin = TwinModel(baseline, **{key: item["value"]})
            assert twin.problem is None or twin.problem.key == "same_policy", (key, item)
    alternatives = [i for i in params[controls.COMPARE_KEY]["values"]
                    if i["value"] in baseline.alternatives]
    assert alternatives and all(i["text"] == i["value"] for i in alternatives)  # named so


def test_the_inputs_make_the_model_and_unmoved_ones_keep_the_scenario(baseline):
    """On Reset the page passes the moved inputs; the rest are the scenario's."""
    params = controls.model_params(baseline)
    assert {v["type"] for v in params.values()} <= {"SliderInt", "SliderFloat", "Select",
                                                    "Checkbox", "InputText"}
    twin = TwinModel(baseline, **{k: v["value"] for k, v in params.items()})
    assert twin.problem is None and twin.policies == ("indicatie", "voorziening")
    assert twin.scenario_used.sha256 == baseline.sha256
    ommen = files.load("scenarios/ommen.toml")
    twin = TwinModel(ommen, **{"indicatie.assessments_per_month": 7})
    assert twin.scenario_used["indicatie.assessments_per_month"] == 7
    assert twin.scenario_used["population.residents"] == ommen["population.residents"]
    assert twin.scenario_used.overrides == {"indicatie.assessments_per_month": 7}


def test_only_what_the_user_moved_is_a_change_the_report_lists(baseline):
    """Inputs left where the page put them are not overrides; the report lists overrides."""
    params = controls.model_params(baseline)
    untouched = TwinModel(baseline, **{k: v["value"] for k, v in params.items()})
    assert untouched.scenario_used.overrides == {}
    variant = next(k for k in params if k.startswith(controls.VARIANT_PREFIX))
    moved = TwinModel(baseline, **{**{k: v["value"] for k, v in params.items()},
                                   "simulation.seed": "7", variant: True})
    assert moved.scenario_used.overrides == {
        "simulation.seed": 7, "policy.variants": [variant[len(controls.VARIANT_PREFIX):]]}


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
    assert "boom" in twin.problem.message("nl") and "Opnieuw" in twin.problem.message("nl")
    assert "Reset" in twin.problem.message("en")


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
    assert twin.month == 6 and not twin.running  # the horizon: a play loop stops here
    at_horizon = twin.timeseries()
    twin.step()
    assert twin.month == 6 and not twin.running and twin.timeseries().equals(at_horizon)


def test_each_chart_draws_a_whole_run_in_both_languages(baseline):
    """(How fast is measured in benchmarks/, beside its target.)"""
    twin = TwinModel(baseline)
    while twin.running:
        twin.step()
    assert twin.month == 60
    for name in CHARTS:
        nl, en = chart_png(name, twin, "nl"), chart_png(name, twin, "en")
        assert nl[:4] == en[:4] == b"\x89PNG" and nl != en, name


def test_the_waiting_chart_draws_a_steady_line_with_the_run_faint_behind(tiny):
    """One run's waiting lists jump by chance; the page reads a moving average or, once
    the replications ran, their mean, and shows the run itself faintly."""
    twin = TwinModel(tiny)
    while twin.running:
        twin.step()
    ts = twin.timeseries()
    frames = {p: ts[ts["policy"] == p].set_index("month") for p in twin.policies}
    lines, title, fields = dash_charts.steady_queues(frames, None)
    assert title == "waiting_smooth" and fields == {"months": dash_charts.SMOOTH_MONTHS}
    frame = frames["indicatie"]["waiting_placement"]
    assert lines["indicatie"]["waiting_placement"].iloc[3] == pytest.approx(
        frame.iloc[0:7].mean())  # centred: three months either side
    fig = chart("waiting", twin, "nl")
    assert fig.texts[0].get_text().startswith("Wachtlijsten (lijn: gemiddelde over 7")
    faint = [line for line in fig.axes[0].get_lines() if line.get_alpha() == 0.3]
    steady = [line for line in fig.axes[0].get_lines() if line.get_alpha() is None]
    assert faint and len(faint) == len(steady) == len(_legend(fig))  # each line both ways
    res = run_replications(twin.scenario_used, twin.policies, 3, seed=twin.setup.seed,
                           workers=1, progress=False)
    lines, title, fields = dash_charts.steady_queues(frames, res)
    assert title == "waiting_mean" and fields == {"n": 3}
    mean = res.timeseries.groupby(["policy", "month"])["waiting_placement"].mean()
    assert lines["voorziening"]["waiting_placement"].tolist() == pytest.approx(
        mean.loc["voorziening"].tolist())
    assert "3 replications" in chart("waiting", twin, "en", res).texts[0].get_text()


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


# --- the months as CSV -------------------------------------------------------------------


def test_monthly_csv_has_both_regimes(tiny):
    twin = TwinModel(tiny)
    twin.step()
    twin.step()
    lines = files.months_csv(twin.timeseries()).splitlines()
    assert lines[0].startswith("policy,month,") and len(lines) == 1 + 2 * 2
