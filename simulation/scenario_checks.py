"""Checks of scenario values against their declarations, and across keys.

Every mistake becomes one ``InputError`` naming the key (or file), the value and what
is allowed. Pure functions of values: nothing here reads files or runs the model.
"""

from __future__ import annotations

import difflib
import math
from typing import Any, Iterable, Mapping

import numpy as np

from . import budget
from .declarations import (
    BY_KEY,
    GROUPS,
    ORGANISATION_FIELDS,
    ORGANISATIONS_KEY,
    VARIANT_BY_NAME,
    Param,
)
from .errors import InputError, brief
from .toml_text import dumps_value, representable


def check_value(param: Param, value: Any, where: str = "") -> Any:
    """Check one value against its declaration; return it normalised (ints as float etc.)."""
    key = param.key
    if param.kind == "int":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"{where}{key} = {brief(value)}: must be a whole number "
                             f"({_range_text(param)})")
        if isinstance(value, float):
            if not math.isfinite(value) or value != int(value):
                raise InputError(f"{where}{key} = {brief(value)}: must be a whole number "
                                 f"({_range_text(param)})")
            value = int(value)
        _check_range(param, value, where)
        return value
    if param.kind == "float":
        value = _number(param, value, where)
        _check_range(param, value, where)
        return value
    if param.kind == "str":
        if not isinstance(value, str):
            raise InputError(f"{where}{key} = {brief(value)}: must be text, one of "
                             f"{_choices_text(param)}")
        if param.choices and value not in param.choices:
            raise InputError(f"{where}{key} = {brief(value)}: not allowed; choose one of "
                             f"{_choices_text(param)}{suggest(value, param.choices)}")
        if not representable(value):
            raise InputError(f"{where}{key} = {brief(value)}: holds a lone surrogate, which no "
                             "file can hold")
        return value
    if param.kind.startswith("list["):
        if not isinstance(value, list):
            raise InputError(f"{where}{key} = {brief(value)}: must be a list, e.g. "
                             f"{dumps_value(param.default)}")
        if param.length is not None and len(value) != param.length:
            raise InputError(f"{where}{key}: needs exactly {param.length} values, got "
                             f"{len(value)}")
        if param.kind == "list[float]":
            out = [_number(param, v, where) for v in value]
            for v in out:
                _check_range(param, v, where)
            return out
        out = []
        for v in value:
            if not isinstance(v, str) or (param.choices and v not in param.choices):
                raise InputError(f"{where}{key}: {brief(v)} is not allowed; choose from "
                                 f"{_choices_text(param)}")
            if v in out:
                raise InputError(f"{where}{key}: {brief(v)} is listed twice")
            out.append(v)
        return out
    raise AssertionError(f"unknown kind {param.kind}")  # a registry bug, not user input


def _number(param: Param, value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{where}{param.key} = {brief(value)}: must be a number "
                         f"({_range_text(param)})")
    try:
        number = float(value)
    except OverflowError:  # a whole number of more than 308 digits
        number = math.inf if value > 0 else -math.inf
    if not math.isfinite(number):
        raise InputError(f"{where}{param.key} = {brief(value)}: must be a finite number "
                         f"({_range_text(param)}; beyond 1.8e308 a number is infinite)")
    return number


def _check_range(param: Param, value: float, where: str) -> None:
    if (param.low is not None and value < param.low) or (
            param.high is not None and value > param.high):
        raise InputError(f"{where}{param.key} = {brief(value)} is out of range: "
                         f"{_range_text(param)}")


def _range_text(param: Param) -> str:
    unit = "" if param.unit in ("-", "share") else f" {param.unit}"
    return f"allowed {_num(param.low)} to {_num(param.high)}{unit}"


def _num(x: float | None) -> str:
    if x is None:
        return "any"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _choices_text(param: Param) -> str:
    return ", ".join(f"'{c}'" for c in (param.choices or ()))


def suggest(word: str, options: Iterable[str] | None = None) -> str:
    pool = list(options) if options is not None else [*BY_KEY, ORGANISATIONS_KEY]
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_organisations(value: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InputError(f"{where}{ORGANISATIONS_KEY}: must be a list of tables "
                         "([[providers.organisations]] with name, kind, places_per_dagdeel, "
                         "work_orientation)")
    fields = {f.key: f for f in ORGANISATION_FIELDS}
    out = []
    for i, org in enumerate(value):
        label = f"{where}{ORGANISATIONS_KEY}[{i}]"
        unknown = [k for k in org if k not in fields]
        if unknown:
            raise InputError(f"{label}: unknown field '{unknown[0]}'"
                             f"{suggest(unknown[0], fields)}; fields are "
                             + ", ".join(fields))
        if "name" not in org:
            raise InputError(f"{label}: needs a name")
        checked = {}
        for fkey, fparam in fields.items():
            raw = org.get(fkey, fparam.default)
            checked[fkey] = check_value(fparam, raw, f"{label}.")
        if not checked["name"].strip():
            raise InputError(f"{label}.name = {checked['name']!r}: needs more than spaces")
        out.append(checked)
    names = [o["name"] for o in out]
    if len(set(names)) != len(names):
        raise InputError(f"{where}{ORGANISATIONS_KEY}: provider names must differ")
    return out


def check_consistency(values: dict[str, Any], organisations: list[dict], origin: str) -> None:
    """Checks that span several keys: shares, variants, and the size of one run."""
    shares = values["population.group_shares"]
    if abs(sum(shares) - 1.0) > 1e-6:
        raise InputError(f"{origin}: population.group_shares must add up to 1, "
                         f"they add up to {sum(shares):g}")
    start = values["population.share_in_day_activity_start"] + \
        values["population.share_in_paid_work_start"]
    if start > 1.0:
        raise InputError(f"{origin}: population.share_in_day_activity_start + "
                         f"population.share_in_paid_work_start = {start:g}; at most 1")
    for group, bijstand, uwv in zip(GROUPS, values["population.bijstand_share_by_group"],
                                    values["population.uwv_share_by_group"]):
        if bijstand + uwv > 1.0 + 1e-9:
            raise InputError(f"{origin}: population.bijstand_share_by_group + "
                             f"population.uwv_share_by_group for {group} = {bijstand + uwv:g}; "
                             "at most 1")
    low, high = values["national.wmo_ratio_bounds"]
    if low > high:
        raise InputError(f"{origin}: national.wmo_ratio_bounds = [{low:g}, {high:g}]: the "
                         "lowest first")
    if not organisations:
        raise InputError(f"{origin}: {ORGANISATIONS_KEY}: at least one provider is needed")
    budget.check(values, origin=f"{origin}: one run: ")  # the size of one model


#: A value that only one choice of a rule uses: (rule key, that choice, value key).
RULED_VALUES = (("indicatie.tariff_rule", "fixed", "indicatie.tariff_per_dagdeel_eur"),
                ("voorziening.budget_rule", "fixed", "voorziening.budget_per_year_eur"))


def check_rules(values: Mapping[str, Any], origin: str) -> None:
    """Refuse a value a user set that the chosen rule does not use (a tariff with the
    tariff following the cost price, say), rather than ignore it without a word.

    Checked where a user gives a scenario (a file, ``--set``, the dashboard), not when an
    alternative changes the rule: there the value stays in use by the scenario itself.
    """
    for rule, choice, value in RULED_VALUES:
        if values[rule] != choice and values[value] != BY_KEY[value].default:
            raise InputError(f'{origin}: {value} applies only when {rule} = "{choice}" '
                             f'(now "{values[rule]}"); set that too')


def idle_variants(sc) -> list[str]:
    """Notes on variants switched on somewhere in the scenario (for every policy, in an
    alternative, or in the policy set an alternative switches to) that have nothing to act
    on with its values, e.g. volunteering that lowers
    support at home where nobody has support at home."""
    uses = [("every policy set", sc["policy.variants"], {})]
    for name, alt in sc.alternatives.items():
        uses.append((f"alternative '{name}'", alt["variants"], alt["overrides"]))
        if alt.get("switch_to"):  # the policy set it switches to, with its own values
            after = sc.policy(alt["switch_to"])
            uses.append((f"alternative '{name}' after its switch", after.variants,
                         {**alt["overrides"], **after.overrides}))
    notes = []
    for where, names, overrides in uses:
        values = {**sc.values, **overrides}
        for name in names:
            idle = VARIANT_BY_NAME[name].idle
            reason = idle(values) if idle else None
            if reason:
                notes.append(f"variant {name} ({where}) has nothing to act on here: {reason}")
    return list(dict.fromkeys(notes))


def keyword_overrides(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword parameters as scenario overrides, each checked like a scenario value.

    A keyword is a scenario key with ``__`` for ``.`` (``help_seeking__latent_share``),
    the form ``mesa.batch_run`` can pass; NumPy numbers count as Python's. The run's seed
    is ``seed=``, not a key.
    """
    overrides = {}
    for name, value in parameters.items():
        value = value.item() if isinstance(value, np.generic) else value
        key = name.replace("__", ".")
        where = f"DoorstroomModel({name}=...): "
        if key == "simulation.seed":
            raise InputError(f"{where}give the run's seed as seed=")
        if key not in BY_KEY:
            keywords = [k.replace(".", "__") for k in BY_KEY]
            raise InputError(f"{where}not a parameter; give policy=, seed= or a scenario key "
                             f"with __ for . (help_seeking__latent_share){suggest(name, keywords)}")
        overrides[key] = check_value(BY_KEY[key], value, where)
    return overrides
