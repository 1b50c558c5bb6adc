"""Scenario files: TOML in, one validated ``Scenario`` out, with clear errors.

A scenario is data. It is parsed with ``tomllib`` (never evaluated), every key is
checked against the parameter registry, and a mistake becomes one ``InputError``
naming the file, the key, the value and what is allowed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

from .declarations import (
    BY_KEY,
    DEFAULT_ORGANISATIONS,
    ORGANISATIONS_KEY,
    OWN_POLICY,
    REGIME_NAMES,
    defaults,
)
from .errors import InputError
from .input_files import file_below, parse_toml, read_text
from .municipalities import load_country, municipality_values
from .scenario_checks import (
    check_consistency,
    check_organisations,
    check_rules,
    check_value,
    suggest,
)
from .toml_text import ALTERNATIVES, dumps_key, dumps_toml, representable

#: Largest scenario file we read; anything bigger is not a hand-written scenario.
MAX_FILE_BYTES = 1_000_000
EXTENDS = "extends"


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: every parameter resolved, plus the provider organisations.

    Attributes:
        name: short name (the file's stem), used in output paths.
        values: every registry key with its resolved value.
        organisations: one dict per provider organisation, every field filled in.
        source: the file it came from, if any.
    """

    name: str
    values: Mapping[str, Any]
    organisations: tuple[Mapping[str, Any], ...]
    source: str | None = None
    overrides: Mapping[str, Any] = field(default_factory=dict)
    alternatives: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    municipalities: tuple = ()  # national scenarios: ``national.Municipality`` rows

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def with_overrides(self, overrides: Mapping[str, Any], given: bool = False) -> "Scenario":
        """A new scenario with some keys replaced, validated like the file was (``given``:
        the overrides are a user's, so a value the rules do not use is refused too)."""
        return build(self.as_dict(), name=self.name, origin=self.source or "scenario",
                     overrides=overrides, source=self.source, given=given)

    def as_dict(self) -> dict[str, Any]:
        """Plain nested data: what ``to_toml`` writes and workers receive."""
        data = _nest(dict(self.values))
        data.setdefault("providers", {})["organisations"] = [dict(o) for o in self.organisations]
        if self.alternatives:
            data[ALTERNATIVES] = {k: dict(v) for k, v in self.alternatives.items()}
        return data

    def policy(self, label: str | None = None) -> "PolicySpec":
        """Resolve a policy label (see ``resolve_policy``) against this scenario."""
        return resolve_policy(self.values["policy.regime"] if label is None else label, self)

    @property
    def sha256(self) -> str:
        """Fingerprint of the resolved scenario (independent of key order)."""
        blob = json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()

    def to_toml(self) -> str:
        """The resolved scenario as TOML, so a run can be repeated from its output."""
        return dumps_toml(self.as_dict(), header=f"resolved scenario '{self.name}'")


# --- loading ----------------------------------------------------------------------


#: The built-in scenarios and their ``targets/``: ``simulation/scenarios`` in an installed
#: package (pyproject.toml maps ``scenarios/`` and ``data/`` there), else the repository's.
_HERE = Path(__file__).resolve().parent
BUILTIN = _HERE / "scenarios" if (_HERE / "scenarios").is_dir() else _HERE.parent / "scenarios"


def builtin_names() -> list[str]:
    """The built-in scenarios, by name (``doorstroom scenarios`` lists them)."""
    return sorted(p.stem for p in BUILTIN.glob("*.toml"))


def locate(scenario: str | os.PathLike) -> Path:
    """The scenario file meant: ``scenario`` itself if it is a file, else the built-in of
    that name, so ``doorstroom compare baseline`` works from any folder."""
    p = Path(scenario)
    return BUILTIN / f"{p}.toml" if not p.is_file() and str(p) in builtin_names() else p


def load(path: str | os.PathLike, overrides: Mapping[str, Any] | Iterable[str] = ()) -> Scenario:
    """Read and validate a scenario file, or a built-in scenario by name (``locate``).

    Args:
        path: a TOML file, or a built-in's name such as ``"baseline"``.
        overrides: ``{"key": value}`` or ``["key=value", ...]`` as given to ``--set``.

    Example::

        sc = load("baseline", {"population.residents": 800})
    """
    p = locate(path)
    raw = _read(p, seen=())
    return build(raw, name=p.stem, origin=str(p), overrides=overrides, source=str(p),
                 given=True)


def _read(p: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    """A scenario file's tables; ``extends = "other.toml"`` starts from that file's (in this
    file's folder or one below it), then this file's keys replace its keys one by one."""
    if not p.exists() and not p.is_symlink():  # a link loop is said by read_text
        names = "" if seen else f"; the built-in scenarios are {', '.join(builtin_names())}"
        raise InputError(f"scenario file '{p}' not found{names}")
    raw = parse_toml(read_text(p, MAX_FILE_BYTES, "a scenario"), str(p))
    parent = raw.pop(EXTENDS, None)
    if parent is None:
        return raw
    base = file_below(p, EXTENDS, parent)
    if base in seen or base == p.resolve() or len(seen) >= 5:
        raise InputError(f"{p}: extends = {parent!r} goes round in a circle or too deep")
    try:
        return _merge(_read(base, (*seen, p.resolve())), raw)
    except RecursionError:
        raise InputError(f"{p}: tables nested too deeply to be a scenario") from None


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        both = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = _merge(out[key], value) if both else value
    return out


def loads(text: str, name: str = "scenario", origin: str = "scenario",
          overrides: Mapping[str, Any] | Iterable[str] = (), source: str | None = None) -> Scenario:
    """Validate a scenario given as TOML text (``origin`` names it in messages).

    Text is data only: it cannot name other files (``extends``, a national table), so an
    uploaded scenario never makes doorstroom read anything else."""
    raw = parse_toml(text, origin)
    if EXTENDS in raw:
        raise InputError(f"{origin}: 'extends' works in scenario files only, not in "
                         "scenario text")
    return build(raw, name=name, origin=origin, overrides=overrides, source=source,
                 given=True)


def default_scenario(name: str = "defaults") -> Scenario:
    """Every parameter at its default, with the default provider organisations."""
    return build({}, name=name, origin="defaults")


def build(raw: Mapping[str, Any], name: str, origin: str,
          overrides: Mapping[str, Any] | Iterable[str] = (), source: str | None = None,
          given: bool = False) -> Scenario:
    """Turn parsed TOML plus overrides into a validated ``Scenario`` (``given``: a user's
    scenario, whose values must all be in use: ``scenario_checks.check_rules``)."""
    raw = dict(raw)
    alternatives = raw.pop(ALTERNATIVES, {})
    flat = _flatten(raw, origin)
    over = parse_overrides(overrides)
    flat.update({k: v for k, v in over.items()})
    values = defaults()
    organisations = [dict(o) for o in DEFAULT_ORGANISATIONS]
    for key, value in flat.items():
        where = f"{origin}: " if key not in over else "--set "
        if key == ORGANISATIONS_KEY:
            organisations = check_organisations(value, where)
            continue
        param = BY_KEY.get(key)
        if param is None:
            raise InputError(f"{where}unknown key '{key}'{suggest(key)}")
        values[key] = check_value(param, value, where)
    check_consistency(values, organisations, origin)
    if given:
        check_rules(values, origin)
    municipalities = _municipalities(values, origin, source)
    sc = Scenario(name=name, values=values, organisations=tuple(organisations),
                  source=source, overrides=over, municipalities=municipalities)
    sc = replace(sc, alternatives=_check_alternatives(alternatives, sc, origin))
    if given:  # a table of regimes comes from a file, which a user gives
        _check_own_policies(sc, origin)
    return sc


def _municipalities(values: dict[str, Any], origin: str, source: str | None) -> tuple:
    """A national scenario's municipalities, each checked now as when it runs."""
    municipalities = load_country(values, origin, source)
    for m in municipalities:
        for key, value in municipality_values(values, m).items():
            check_value(BY_KEY[key], value, f"{origin}: {values['national.municipalities']}: "
                                            f"{m.code} ({m.name}): ")
    return municipalities


def _check_own_policies(sc: Scenario, origin: str) -> None:
    """Refuse a municipality's own policy set that this scenario cannot run."""
    for label in sorted({m.regime for m in sc.municipalities} - {""}):
        try:
            resolve_policy(label, sc)
        except InputError as exc:
            raise InputError(f"{origin}: {sc['national.regimes']}: {exc}") from None


def parse_overrides(overrides: Mapping[str, Any] | Iterable[str]) -> dict[str, Any]:
    """``["a.b=3", "policy.regime=voorziening"]`` -> ``{"a.b": 3, ...}``.

    A value is read as a TOML value (``3``, ``0.5``, ``"text"``, ``["a", "b"]``); a bare
    word that is not valid TOML is taken as a string, so ``policy.regime=voorziening``
    works unquoted.
    """
    if isinstance(overrides, Mapping):
        return dict(overrides)
    out: dict[str, Any] = {}
    for item in overrides:
        key, sep, text = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError(f"--set '{item}': expected KEY=VALUE, e.g. "
                             "--set indicatie.assessments_per_month=20")
        out[key] = _toml_value(text.strip())
    return out


def _toml_value(text: str) -> Any:
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except (ValueError, RecursionError):  # not TOML, too many digits, nested too deeply
        return text


# --- policy sets ----------------------------------------------------------------------


@dataclass(frozen=True)
class PolicySpec:
    """A policy set: a regime, its variants, and parameter changes that come with it.

    ``label`` names it in outputs: a named alternative's name, or the text it was given
    as (``"voorziening+safety_net"``).
    """

    label: str
    regime: str
    variants: tuple[str, ...]
    overrides: Mapping[str, Any] = field(default_factory=dict)
    #: Policy change at a date: from ``switch_month`` on, ``switch_to`` applies; decisions
    #: already taken are honoured up to ``transition_months`` after the switch.
    switch_month: int = 0
    switch_to: "PolicySpec | None" = None
    transition_months: int = 0


def resolve_policy(label: str, scenario: Scenario) -> PolicySpec:
    """``NAME`` of an alternative in the scenario, ``REGIME[+VARIANT...]``, or ``own``
    (a national scenario's municipalities each under their own, ``national.regimes``).

    The scenario's own ``policy.variants`` are switched on in every policy set.
    """
    if not isinstance(label, str) or not label.strip():
        raise InputError("a policy must be named: a regime (indicatie, voorziening), "
                         "REGIME+VARIANT, or an alternative defined in the scenario")
    label = label.strip()
    base = tuple(scenario.values["policy.variants"])
    if label == OWN_POLICY:
        if not scenario.values["national.regimes"]:
            raise InputError(f"policy '{OWN_POLICY}' runs each municipality under its own "
                             "policy set from national.regimes, which this scenario lacks")
        return PolicySpec(OWN_POLICY, scenario.values["policy.regime"], base)
    alt = scenario.alternatives.get(label)
    if alt is not None:
        variants = tuple(dict.fromkeys([*base, *alt["variants"]]))
        after = resolve_policy(alt["switch_to"], scenario) if alt.get("switch_to") else None
        return PolicySpec(label, alt["regime"], variants, dict(alt["overrides"]),
                          alt.get("switch_month", 0), after, alt.get("transition_months", 0))
    regime, *extra = [part.strip() for part in label.split("+")]
    if regime not in REGIME_NAMES:
        names = ", ".join(f"'{n}'" for n in [*REGIME_NAMES, *scenario.alternatives])
        raise InputError(f"policy '{label}': '{regime}' is neither a regime nor an "
                         f"alternative of this scenario; choose from {names}, optionally "
                         f"with +VARIANT{suggest(regime, [*REGIME_NAMES, *scenario.alternatives])}")
    check_value(BY_KEY["policy.variants"], extra, f"policy '{label}': ")
    return PolicySpec(label, regime, tuple(dict.fromkeys([*base, *extra])))


def _check_alternatives(raw: Any, sc: Scenario, origin: str) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, dict):
        raise InputError(f"{origin}: '{ALTERNATIVES}' must hold tables like "
                         "[alternatives.NAME] with regime, variants and overrides")
    out = {}
    allowed = ("regime", "variants", "overrides", "switch_month", "switch_to",
               "transition_months")
    for name, body in raw.items():
        if not isinstance(name, str) or not representable(name):
            raise InputError(f"{origin}: {ALTERNATIVES}: the name {name!r} is not text a "
                             "file can hold")
        where = f"{origin}: {ALTERNATIVES}.{dumps_key(name)}"
        if name in (*REGIME_NAMES, OWN_POLICY) or "+" in name:
            raise InputError(f"{where}: the name may not be a regime, '{OWN_POLICY}' or contain "
                             "'+'")
        if not name.strip() or name != name.strip():
            raise InputError(f"{where}: the name may not be empty or start or end with a "
                             "space (a policy is chosen by its name without them)")
        if not isinstance(body, dict):
            raise InputError(f"{where}: must be a table with {', '.join(allowed)}")
        unknown = [k for k in body if k not in allowed]
        if unknown:
            raise InputError(f"{where}: unknown field '{unknown[0]}'"
                             f"{suggest(unknown[0], allowed)}; fields are {', '.join(allowed)}")
        regime = check_value(BY_KEY["policy.regime"], body.get("regime"), f"{where}.")
        variants = check_value(BY_KEY["policy.variants"], body.get("variants", []), f"{where}.")
        overrides = body.get("overrides", {})
        if not isinstance(overrides, dict):
            raise InputError(f"{where}.overrides: must be an inline table of scenario keys, "
                             'e.g. {"voorziening.budget_per_year_eur" = 600000.0}')
        for key in overrides:
            if key.startswith(("policy.", "simulation.")) or key not in BY_KEY:
                raise InputError(f"{where}.overrides: '{key}' cannot be set per alternative "
                                 f"(a model parameter is needed){suggest(key)}")
        if overrides:
            sc.with_overrides(overrides)  # refuses a value out of range, with its message
        entry = {"regime": regime, "variants": list(variants), "overrides": dict(overrides)}
        if "switch_to" in body or "switch_month" in body:
            entry.update(_check_switch(body, where, sc))
        out[name] = entry
    for name, entry in out.items():  # a switch may name another alternative, if it stays put
        target = entry.get("switch_to")
        if target in out and out[target].get("switch_to"):
            raise InputError(f"{origin}: {ALTERNATIVES}.{name}.switch_to: '{target}' switches "
                             "again; a policy set may change once")
        if target and target not in out:
            probe = replace(sc, alternatives=out)
            resolve_policy(target, probe)  # refuses an unknown label, with suggestions
    return out


def _check_switch(body: Mapping[str, Any], where: str, sc: Scenario) -> dict[str, Any]:
    if not isinstance(body.get("switch_to"), str) or not body["switch_to"].strip():
        raise InputError(f"{where}.switch_to: name the policy set that applies after the "
                         "switch (a regime, REGIME+VARIANT or another alternative)")
    out = {"switch_to": body["switch_to"].strip()}
    for key, low in (("switch_month", 1), ("transition_months", 0)):
        value = body.get(key, 0 if key == "transition_months" else None)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= 600:
            raise InputError(f"{where}.{key} = {value!r}: must be a whole number from {low} "
                             f"to 600 (months)")
        out[key] = value
    return out  # a switch after the horizon is allowed: it simply does not happen


# --- nesting and writing ---------------------------------------------------------------


def _flatten(raw: Mapping[str, Any], origin: str) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for section, body in raw.items():
        if not isinstance(body, dict):
            raise InputError(f"{origin}: '{section}' must be a table like [{section}] with keys "
                             f"under it{suggest(section, {k.split('.')[0] for k in BY_KEY})}")
        for key, value in body.items():
            dotted = f"{section}.{key}"
            if isinstance(value, dict):
                raise InputError(f"{origin}: unknown table '{dotted}'{suggest(dotted)}")
            flat[dotted] = value
    return flat


def _nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        section, _, name = key.partition(".")
        out.setdefault(section, {})[name] = value
    return out


