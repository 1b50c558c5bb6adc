"""The declarations: every parameter, variant, payer, category and metric declared once,
complete in both directions, and consistent with itself."""

import subprocess
import sys

import pytest

from simulation.declarations import (
    BY_KEY,
    CATEGORIES,
    DEFAULT_PAYER,
    ORGANISATION_FIELDS,
    PARAMS,
    PAYER_NAMES,
    REGIME_NAMES,
    VARIANT_NAMES,
    VARIANTS,
    Category,
    Label,
    defaults,
    money_column,
    payer_column,
)
from simulation.metrics import METRICS
from simulation.scenario import default_scenario
from simulation.scenario_checks import check_value

#: A source cites docs/evidence.md by section, one of the five source articles (evidence
#: §14), the scenario file, or says "assumption: why".
EVIDENCE_OR_ASSUMPTION = ("evidence §", "article", "assumption", "scenario file")


def test_every_parameter_is_fully_declared():
    assert len(BY_KEY) == len(PARAMS)  # no key declared twice
    for p in PARAMS:
        assert p.unit and p.label_nl and p.meaning, p.key
        assert p.source.startswith(EVIDENCE_OR_ASSUMPTION), p.key
        if p.source.startswith("assumption"):
            assert len(p.source) > len("assumption: ") + 10, f"{p.key}: say why"
        assert p.kind in ("int", "float", "str", "list[float]", "list[str]"), p.key
        assert check_value(p, p.default) == p.default, p.key  # default within its range
        if p.kind in ("int", "float", "list[float]"):
            assert p.low is not None and p.high is not None and p.low <= p.high, p.key


def test_contract_keys_exist():
    for key in ("simulation.months", "simulation.seed", "simulation.replications",
                "policy.regime", "policy.variants", "population.residents",
                "indicatie.assessments_per_month", "indicatie.tariff_per_dagdeel_eur",
                "voorziening.budget_per_year_eur", "employers.count",
                "employers.vacancies_per_month"):
        assert key in BY_KEY, key


def test_defaults_make_a_valid_scenario():
    sc = default_scenario()
    assert dict(sc.values) == defaults()
    assert all(f.key in sc.organisations[0] for f in ORGANISATION_FIELDS)


def test_validate_and_params_do_not_import_the_model():
    code = ("import sys; from simulation.commands import main; "
            "main(['validate', 'scenarios/baseline.toml']); main(['params']); "
            "sys.exit(1 if 'mesa' in sys.modules else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, "validate/params imported mesa"


def test_every_variant_and_regime_has_a_class_and_every_class_a_declaration():
    from simulation.policies import REGIME_CLASSES, VARIANT_CLASSES

    assert set(VARIANT_CLASSES) == set(VARIANT_NAMES)
    assert set(REGIME_CLASSES) == set(REGIME_NAMES)
    for v in VARIANTS:
        assert v.label.nl and v.label.en and v.label.nl != v.label.en, v.name
        assert v.source and v.meaning, v.name
        for p in v.params:
            assert BY_KEY[p.key] is p  # a variant's own parameters are in the registry


def test_every_category_has_a_payer_labels_and_a_metric():
    metric_names = set(METRICS)
    for c in CATEGORIES.values():
        assert c.payer in PAYER_NAMES and DEFAULT_PAYER[c.name] == c.payer
        assert c.label.nl and c.label.en and c.rule
        assert money_column(c.name) in metric_names
    for p in PAYER_NAMES:
        assert payer_column(p) in metric_names


def test_a_mistake_in_the_tables_fails_on_import(monkeypatch):
    import simulation.declarations as d

    bad = Category("bonus", "cost", "the_mayor", Label("bonus", "bonus"), "per hire")
    monkeypatch.setitem(d.CATEGORIES, "bonus", bad)
    with pytest.raises(ValueError, match="category bonus: unknown payer 'the_mayor'"):
        d._check()


def test_compute_yields_exactly_the_declared_metrics(small):
    from simulation.metrics import ALL, compute
    from simulation.model import DoorstroomModel

    model = DoorstroomModel(small, policy="voorziening+sheltered_work", seed=2).run()
    out = compute(model)
    assert list(out) == list(METRICS)
    assert all(isinstance(v, float) for v in out.values())
    for m in ALL:
        assert m.label.nl and m.label.en, m.name
        assert m.unit in ("EUR", "count", "months", "share", "pct", "-"), m.name
        assert m.weighted_by is None or m.weighted_by in (*METRICS, "inhabitants",
                                                          "employers"), m.name


def test_every_answer_a_part_can_give_is_asked_by_the_policy():
    """A part's answer method is only heard if ``Policy`` asks it with a start value."""
    from simulation.policies import Policy, PolicyPart

    answers = [name for name, f in vars(PolicyPart).items()
               if callable(f) and not name.startswith(("_", "on_")) and name != "step"]
    assert answers and all(callable(getattr(Policy, name, None)) for name in answers)
