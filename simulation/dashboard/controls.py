"""The page's inputs, generated from the declarations, and the scenario they make.

``model_params`` describes an input per knob in the format of Mesa's ``model_params``
(type, label, value, range or choices), from the declared parameters (labels, units,
ranges) for the keys in ``SLIDER_KEYS`` and from the declared variants; the page draws
them (``viz.Inputs``) and, on Reset, passes their values to the twin model as keyword
arguments. The model turns them back into a validated scenario with ``build_setup``,
which never raises: a bad combination becomes a ``Problem`` the page shows in words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..declarations import BY_KEY, REGIME_NAMES, VARIANT_NAMES, Param
from ..errors import InputError
from ..presentation import regime_label, variant_label
from ..scenario import Scenario
from .texts import choice_label, param_label, text, translate_error

#: The knobs a council turns, in the order the page shows them: access and money first,
#: then who is in scope, then the horizon. Any registry key with a number can be added.
SLIDER_KEYS = (
    "indicatie.assessments_per_month",
    "indicatie.tariff_per_dagdeel_eur",
    "indicatie.term_months",
    "voorziening.budget_per_year_eur",
    "provider_cost.staff_wage_per_hour_eur",
    "help_seeking.latent_share",
    "participatiewet.reintegration_budget_per_year_eur",
    "providers.outcome_bonus_eur",
    "providers.capacity_scale",
    "population.residents",
    "employers.inclusiveness_mean",
    "simulation.months",
)
#: How the regimes pay, chosen from the registry's choices (a fixed tariff or budget takes
#: its slider above).
CHOICE_KEYS = ("indicatie.tariff_rule", "voorziening.budget_rule")
REGIME_KEY = "policy.regime"
SEED_KEY = "simulation.seed"
COMPARE_KEY = "compare_with"
VARIANT_PREFIX = "variant:"
#: A registry range wider than this many times the value is open-ended for a slider...
_WIDE = 10.0
#: ... and the slider then reaches this many times the value (rounded up to a nice number).
_REACH = 4.0
#: Steps a float slider has over its range, about (fine enough for a tariff in cents).
_STEPS = 1000


@dataclass(frozen=True)
class SliderSpec:
    """One slider: the registry's key, label and unit, a range within the registry's."""

    key: str
    label: str
    kind: str
    min: float
    max: float
    step: float
    value: float

    def as_model_param(self) -> dict[str, Any]:
        """This slider's entry of ``model_params``."""
        return {"type": "SliderInt" if self.kind == "int" else "SliderFloat",
                "label": self.label, "value": self.value, "min": self.min, "max": self.max,
                "step": self.step}

    def clean(self, value: Any) -> Any:
        """A value from the browser as the registry wants it: whole, or rounded to the step.

        Browsers add binary noise (0.1 + 13 x 0.02 = 0.36000000000000004); the scenario
        and its TOML should say 0.36.
        """
        if self.kind == "int":
            return int(round(float(value)))
        return round(float(value), _decimals(self.step))


@dataclass(frozen=True)
class Problem:
    """Why the settings cannot run, kept as a text key so it shows in the page's language."""

    key: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    detail: str = ""

    def message(self, lang: str) -> str:
        return text(lang, self.key, **self.fields, detail=translate_error(self.detail, lang))


@dataclass(frozen=True)
class Setup:
    """What the twin model runs: a scenario, the two policy sets and the seed (or a problem)."""

    scenario: Scenario | None
    policies: tuple[str, str]
    seed: int
    problem: Problem | None = None


def _nice_ceil(x: float) -> float:
    """The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least ``x``."""
    if x <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(x))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * power >= x * (1 - 1e-12):
            return m * power
    return 10.0 * power


def _decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step))) + 1 if step < 1 else 0


def slider_spec(param: Param, value: float, lang: str = "nl") -> SliderSpec:
    """A slider for one registry parameter, around a scenario's value.

    The range is the registry's, except that an open-ended one (the high end more than
    ``_WIDE`` times the larger of default and value) is cut to ``_REACH`` times that, on a
    round number: a budget allowed up to EUR 10 billion gets a slider to EUR 2 million.
    """
    if param.kind not in ("int", "float") or param.low is None or param.high is None:
        raise ValueError(f"{param.key}: only numbers with a range can be sliders")
    low, high = float(param.low), float(param.high)
    ref = max(abs(float(param.default)), abs(float(value)), 1.0 if param.kind == "int" else 0.0)
    if ref > 0 and high > _WIDE * ref:
        high = min(high, _nice_ceil(_REACH * ref))
    if param.kind == "int":
        step = 1 if high - low <= 5000 else int(_nice_ceil((high - low) / _STEPS))
        return SliderSpec(param.key, param_label(param, lang), "int", int(low), int(high),
                          step, int(min(max(value, low), high)))
    step = _nice_ceil((high - low) / _STEPS) if high > low else 1.0
    if step >= 1:
        step = float(int(step))
    spec = SliderSpec(param.key, param_label(param, lang), "float", low, high, step, 0.0)
    return SliderSpec(**{**spec.__dict__, "value": spec.clean(min(max(value, low), high))})


def slider_specs(scenario: Scenario, lang: str = "nl") -> list[SliderSpec]:
    """The page's sliders, at the scenario's values."""
    return [slider_spec(BY_KEY[k], scenario[k], lang) for k in SLIDER_KEYS]


def policy_choices(scenario: Scenario) -> list[str]:
    """What a regime can be compared with: the other regime or one of the scenario's
    alternatives."""
    return [*REGIME_NAMES, *scenario.alternatives]


def _items(values: list[str], label) -> list[dict[str, str]]:
    """Choices of a select as names with the words the page shows for them."""
    return [{"text": label(v), "value": v} for v in values]


def default_compare_with(scenario: Scenario) -> str:
    regime = scenario["policy.regime"]
    return next(r for r in REGIME_NAMES if r != regime)


def model_params(scenario: Scenario, lang: str = "nl") -> dict[str, Any]:
    """An input for each knob, at the scenario's values, as Mesa's ``model_params``.

    Inputs: the regime (registry choices), what to compare it with, the seed box, the
    sliders of ``SLIDER_KEYS`` and a checkbox per policy variant. A select's ``values``
    are items with the name the model gets (``value``) and the words shown (``text``).
    """
    regime = BY_KEY[REGIME_KEY]
    seed = BY_KEY[SEED_KEY]

    def policy_label(name: str) -> str:  # an alternative is named by the scenario
        return regime_label(name, lang) if name in REGIME_NAMES else name

    out: dict[str, Any] = {}
    out[REGIME_KEY] = {"type": "Select", "label": param_label(regime, lang),
                       "value": scenario[REGIME_KEY],
                       "values": _items(list(regime.choices), policy_label)}
    out[COMPARE_KEY] = {"type": "Select", "label": text(lang, "compare_with"),
                        "value": default_compare_with(scenario),
                        "values": _items(policy_choices(scenario), policy_label)}
    out[SEED_KEY] = {"type": "InputText", "label": param_label(seed, lang),
                     "value": str(scenario[SEED_KEY])}
    for key in CHOICE_KEYS:
        out[key] = {"type": "Select", "label": param_label(BY_KEY[key], lang),
                    "value": scenario[key],
                    "values": _items(list(BY_KEY[key].choices), lambda c: choice_label(c, lang))}
    for spec in slider_specs(scenario, lang):
        out[spec.key] = spec.as_model_param()
    chosen = set(scenario["policy.variants"])
    for v in VARIANT_NAMES:
        out[VARIANT_PREFIX + v] = {"type": "Checkbox", "value": v in chosen,
                                   "label": text(lang, "variant", label=variant_label(v, lang))}
    return out


def initial_inputs(scenario: Scenario) -> dict[str, Any]:
    """The inputs' values before anything moved; what the model takes for inputs not given."""
    return {k: v["value"] for k, v in model_params(scenario).items()}


def build_setup(base: Scenario, inputs: Mapping[str, Any]) -> Setup:
    """The scenario, policy pair and seed that the page's inputs describe.

    Never raises for anything a user can set: an unknown key, a value out of range or a
    combination the scenario checks refuse becomes a ``Problem``.
    """
    regime = inputs.get(REGIME_KEY, base[REGIME_KEY])
    other = inputs.get(COMPARE_KEY) or default_compare_with(base)
    policies = (str(regime), str(other))
    seed_text = str(inputs.get(SEED_KEY, base[SEED_KEY])).strip()
    seed_param = BY_KEY[SEED_KEY]
    try:
        seed = int(seed_text)
        if not seed_param.low <= seed <= seed_param.high:
            raise ValueError
    except ValueError:
        return Setup(None, policies, 0, Problem("seed_bad", {"value": seed_text[:40]}))
    # Only what differs from the scenario is an override, so the report lists what the
    # user changed and nothing the page merely showed.
    wanted: dict[str, Any] = {REGIME_KEY: regime, SEED_KEY: seed}
    wanted.update({k: str(inputs[k]) for k in CHOICE_KEYS if k in inputs})
    specs = {k: slider_spec(BY_KEY[k], base[k]) for k in SLIDER_KEYS}
    for key, value in inputs.items():
        if key in specs:
            try:
                cleaned = specs[key].clean(value)
            except (TypeError, ValueError):
                return Setup(None, policies, seed, Problem(
                    "bad_setting", detail=f"{key} = {value!r} is not a number"))
            if abs(cleaned - base[key]) > specs[key].step / 2:  # else where the page put it
                wanted[key] = cleaned
    overrides = {k: v for k, v in wanted.items() if v != base[k]}
    variants = [v for v in VARIANT_NAMES if inputs.get(VARIANT_PREFIX + v,
                                                       v in base["policy.variants"])]
    if set(variants) != set(base["policy.variants"]):
        overrides["policy.variants"] = variants
    try:
        scenario = base.with_overrides(overrides, given=True)
        labels = tuple(scenario.policy(p).label for p in policies)
    except InputError as exc:
        return Setup(None, policies, seed, Problem("bad_setting", detail=str(exc)))
    if labels[0] == labels[1]:
        return Setup(None, policies, seed, Problem("same_policy", {"policy": labels[0]}))
    return Setup(scenario, (labels[0], labels[1]), seed)


def settings_summary(twin, lang: str = "nl") -> list[tuple[str, str]]:
    """What the running model uses, as (label, value) lines: the policy pair, the
    variants, the seed and every slider's value (numbers as the language writes them)."""
    sc = twin.scenario_used
    if sc is None:
        return []
    variants = [variant_label(v, lang) for v in sc["policy.variants"]]
    lines = [(param_label(BY_KEY[REGIME_KEY], lang), twin.policies[0]),
             (text(lang, "compare_with"), twin.policies[1]),
             (param_label(BY_KEY["policy.variants"], lang),
              ", ".join(variants) or text(lang, "none")),
             (param_label(BY_KEY[SEED_KEY], lang), str(sc[SEED_KEY]))]
    lines += [(param_label(BY_KEY[k], lang), choice_label(sc[k], lang)) for k in CHOICE_KEYS]
    lines += [(spec.label, format_value(sc[spec.key], lang)) for spec in slider_specs(sc, lang)]
    return lines


def format_value(value: float, lang: str = "nl") -> str:
    """A setting as its language writes it, no more decimals than it has: 480.000, 46,15."""
    text_ = f"{value:,.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"
    if lang == "nl":
        text_ = text_.replace(",", "_").replace(".", ",").replace("_", ".")
    return text_
