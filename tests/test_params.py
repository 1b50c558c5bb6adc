"""The registry: every parameter declared once, complete, and consistent with itself."""

import subprocess
import sys

from simulation.params import BY_KEY, ORGANISATION_FIELDS, PARAMS, defaults
from simulation.scenario import check_value, default_scenario

FACTS_OR_ASSUMPTION = ("FACTS", "assumption", "seeds", "MODEL.md", "scenario file",
                       "data/README.md")  # a better source: the CBS table and its provenance


def test_every_parameter_is_fully_declared():
    assert len(BY_KEY) == len(PARAMS)  # no key declared twice
    for p in PARAMS:
        assert p.unit and p.label_nl and p.meaning, p.key
        assert p.source.startswith(FACTS_OR_ASSUMPTION), p.key
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
    code = ("import sys; from simulation.cli import main; "
            "main(['validate', 'scenarios/baseline.toml']); main(['params']); "
            "sys.exit(1 if 'mesa' in sys.modules else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, "validate/params imported mesa"
