"""Fuzzing the scenario loader and ``--set``: a clear refusal or success, never a crash.

Inputs are data: nothing a scenario or ``--set`` holds is evaluated, unpickled or used
as a path.
"""

import os
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulation.commands import main
from simulation.errors import InputError
from simulation.declarations import PARAMS
from simulation.scenario import loads, parse_overrides

EXAMPLES = int(os.environ.get("DOORSTROOM_FUZZ_EXAMPLES", "150"))
fuzz = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
BASE = Path("scenarios/baseline.toml").read_text(encoding="utf-8")
#: Numbers beyond a float (400 digits) and beyond Python's int-string limit (5,000
#: digits), and arrays nested deeper than the parser recurses.
EXTREMES = ["1" + "0" * 400, "1" + "0" * 400 + ".5", "-1" + "0" * 5000, "[" * 500 + "]" * 500,
            "[" + "1" + "0" * 400 + "]"]


def _only_input_errors(text: str, overrides=()) -> None:
    try:
        loads(text, overrides=overrides)
    except InputError as exc:
        assert str(exc).strip() and "\n" not in str(exc).strip()


@fuzz
@given(st.text(max_size=400))
def test_any_text_is_a_scenario_or_one_clear_error(text):
    _only_input_errors(text)


@fuzz
@given(key=st.sampled_from([p.key for p in PARAMS]), value=st.sampled_from(EXTREMES))
def test_extreme_values_in_a_file_are_one_clear_error(key, value):
    section, name = key.split(".", 1)
    _only_input_errors(f"[{section}]\n{name} = {value}\n")


@fuzz
@given(st.data())
def test_mutated_baseline_is_a_scenario_or_one_clear_error(data):
    lines = BASE.splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    junk = data.draw(st.text(alphabet=string.printable, max_size=30))
    lines[i] = data.draw(st.sampled_from([junk, lines[i] + junk, junk + lines[i], ""]))
    _only_input_errors("\n".join(lines))


toml_values = st.one_of(
    st.integers(-10**20, 10**20).map(str), st.floats(allow_nan=True).map(repr),
    st.text(max_size=20), st.sampled_from(["nan", "inf", "-inf", "true", "[]", "[1, 2]",
                                           '["safety_net"]', "{a = 1}", '"x"', "1e400",
                                           *EXTREMES]))


@fuzz
@given(key=st.sampled_from([p.key for p in PARAMS] + ["nope", "a.b.c", "", "="]),
       value=toml_values)
def test_any_set_value_is_accepted_or_refused_clearly(key, value):
    try:
        over = parse_overrides([f"{key}={value}"])
    except InputError:
        return
    _only_input_errors(BASE, over)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=toml_values)
def test_the_cli_exits_0_or_2_never_a_traceback(value, capsys):
    code = main(["validate", "scenarios/baseline.toml", "--set",
                 f"population.residents={value}"])
    err = capsys.readouterr().err
    assert code in (0, 2)
    assert "Traceback" not in err


def test_scenario_values_are_never_evaluated_or_used_as_paths(tmp_path):
    canary = tmp_path / "pwned"
    attempts = [
        f'policy.regime="__import__(\'os\').system(\'touch {canary}\')"',
        f"policy.regime=$(touch {canary})",
        f'providers.organisations=[{{name = "../../{canary.name}"}}]',
        "simulation.seed=1; touch pwned",
    ]
    for item in attempts:
        try:
            loads(BASE, overrides=[item])
        except InputError:
            pass
    assert not canary.exists() and not Path("pwned").exists()
    sc = loads(BASE, overrides=['providers.organisations=[{name = "../../etc/passwd"}]'])
    assert sc.organisations[0]["name"] == "../../etc/passwd"  # a name, nothing more


def test_output_goes_only_where_the_user_said(tmp_path, capsys):
    out = tmp_path / "here"
    code = main(["run", "scenarios/baseline.toml", "--set", "population.residents=30",
                 "--months", "3", "--replications", "1", "--workers", "1", "--out", str(out),
                 "--set", 'providers.organisations=[{name = "../../escape"}]', "--quiet"])
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here"]
    assert not (tmp_path.parent / "escape").exists()
