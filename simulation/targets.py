"""Targets: Dutch figures beside the model's values, each saying what a PASS is worth.

A targets file lists observables with a range, a source and a kind:

- ``validation``: the value emerges from the model's behaviour and no input was set from
  the figure, so it can fail. The file names the perturbation (``off_when``) that pushes
  the input it rests on out of its range; the tests apply it and expect OFF.
- ``calibration``: an input (``tuned``) was set so that the model lands on the figure; a
  PASS shows the calibration still holds, not that the model is right.
- ``consistency``: the value is arithmetic of inputs or true by construction; a PASS
  shows the code computes what it says, and is no evidence about the world.

Keeping them apart is the point: a council must not read restated inputs as evidence.
``evaluate`` puts the value of each observable under its target's policy beside the range
and says PASS, OFF or N/A (not modelled); the observables are computed here from a run's
mean metrics and the scenario's values, in the units of the source. A value that cannot
be computed (nothing to divide by) is ``nan`` and OFF.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable, Mapping

from .declarations import BY_KEY, Label
from .errors import InputError
from .funding import DAGDELEN_PER_PLACE_WEEK
from .input_files import parse_toml, read_text
from .scenario import BUILTIN, MAX_FILE_BYTES
from .scenario_checks import check_value

WEEKS_PER_MONTH = 52 / 12
#: The Dutch figures shipped with the package, beside the built-in scenarios.
DEFAULT_FILE = BUILTIN / "targets" / "netherlands.toml"
KINDS = ("validation", "calibration", "consistency")
#: How ``check-targets`` groups the rows: by kind, and the figures not modelled apart.
GROUPS = (*KINDS, "not modelled")
#: What a PASS in each group shows, for the command line and the report.
GROUP_MEANING = {
    "validation": "emerges from the model, no input set from the figure: can fail",
    "calibration": "an input was tuned to land here: shows the tuning holds, not that the "
                   "model is right",
    "consistency": "arithmetic of inputs or true by construction: shows the code computes "
                   "what it says, no evidence about the world",
    "not modelled": "no value: the gap stays visible",
}


class Means(dict):
    """One policy's mean metrics (and ``months``); ``reference`` holds another policy's
    when the observable compares the two."""

    reference: "Means | None" = None


@dataclass(frozen=True)
class Observable:
    """How an observable follows from a run's mean metrics and the scenario's values.

    ``reference``: a policy whose metrics ``compute`` reads too (as ``m.reference``).
    """

    label: Label
    compute: Callable[[Means, Mapping[str, Any]], float]
    reference: str | None = None


def _ratio(num: float, den: float) -> float:
    return num / den if den else float("nan")


def _years(m: Means) -> float:
    return m["months"] / 12


def _day_activity_cost_per_participant_year(m: Means) -> float:
    return _ratio(m["cost_day_activity_eur"], m["mean_in_day_activity"] * _years(m))


def _residents_at_start(m: Means) -> float:
    """Start = present at the end + those who left - those who entered (conservation)."""
    return m["residents_end"] + m["residents_exited"] - m["residents_entered"]


OBSERVABLES: dict[str, Observable] = {
    "day_activity_users_per_10000_all_ages": Observable(
        Label("gebruikers van dagbesteding per 10.000 inwoners, alle leeftijden, gemiddeld "
              "over de looptijd",
              "day-activity users per 10,000 inhabitants, all ages, mean over the run"),
        lambda m, p: m["day_activity_users_per_10000"]
        / p["population.share_working_age_of_users"]),
    "day_activity_users_per_10000_all_ages_end": Observable(
        Label("gebruikers van dagbesteding per 10.000 inwoners, alle leeftijden, aan het eind",
              "day-activity users per 10,000 inhabitants, all ages, at the end of the run"),
        lambda m, p: _ratio(m["day_activity_users_per_10000"] * m["in_day_activity_end"],
                            m["mean_in_day_activity"])
        / p["population.share_working_age_of_users"]),
    "assessment_lead_time_weeks": Observable(
        Label("gemiddelde tijd van aanvraag tot beschikking, in weken",
              "mean time from request to decision, in weeks"),
        lambda m, p: m["mean_assessment_wait_months"] * WEEKS_PER_MONTH),
    "assessment_share_of_first_year_cost": Observable(
        Label("één onderzoek als deel van de kosten van een deelnemer in het eerste jaar",
              "one assessment as a share of a participant's first-year day-activity cost"),
        lambda m, p: p["indicatie.cost_per_assessment_eur"] * _ratio(
            m["mean_in_day_activity"] * _years(m),
            m["cost_day_activity_eur"] + m["cost_transport_eur"])),
    "doorstroom_to_work_per_year_pct": Observable(
        Label("banen per jaar per 100 deelnemers aan dagbesteding",
              "jobs started per year per 100 day-activity participants"),
        lambda m, p: m["doorstroom_to_work_per_year_pct"]),
    "job_retention_12m": Observable(
        Label("deel van de nieuwe banen dat na 12 maanden nog bestaat",
              "share of new jobs still held after 12 months"),
        lambda m, p: m["job_retention_12m"]),
    "employers_with_target_group_share": Observable(
        Label("deel van de werkgevers met minstens één werknemer uit de doelgroep",
              "share of employers with at least one employee from the target group"),
        lambda m, p: m["employers_with_target_group_share_end"]),
    "mean_loonwaarde_in_work": Observable(
        Label("gemiddelde loonwaarde van inwoners in werk met loonkostensubsidie aan het "
              "eind",
              "mean loonwaarde of residents in subsidised work at the end"),
        lambda m, p: m["mean_loonwaarde_in_work_end"]),
    "residents_in_scope_change_per_year_pct": Observable(
        Label("verandering van het aantal inwoners in de doelgroep, % van de start per jaar",
              "change of the residents in scope, % of the start a year"),
        lambda m, p: 100 * (_ratio(m["residents_end"], _residents_at_start(m)) - 1)
        / _years(m)),
    "open_access_no_assessment_cost": Observable(
        Label("kosten van onderzoek bij vrije toegang (euro)",
              "assessment cost under open access (EUR)"),
        lambda m, p: m["cost_assessment_eur"]),
    "open_access_cost_per_participant_share_of_indicatie": Observable(
        Label("kosten van dagbesteding per deelnemersjaar, als deel van die bij indicatie "
              "(per dagdeel betaald tegen het tarief)",
              "day-activity cost per participant-year under this policy, as a share of the "
              "same under indicatie (paid per dagdeel at the tariff)"),
        lambda m, p: _ratio(_day_activity_cost_per_participant_year(m),
                            _day_activity_cost_per_participant_year(m.reference)),
        reference="indicatie"),
    "open_access_clients_per_funded_place": Observable(
        Label(f"deelnemers per gefinancierde plek van {DAGDELEN_PER_PLACE_WEEK} dagdelen per "
              "week",
              f"participants per funded place of {DAGDELEN_PER_PLACE_WEEK} dagdelen a week"),
        lambda m, p: _ratio(m["mean_in_day_activity"],
                            m["mean_funded_places_per_week"] / DAGDELEN_PER_PLACE_WEEK)),
    "bijstand_outflow_share": Observable(
        Label("jaarlijkse uitstroom uit de bijstand als deel van het bestand",
              "yearly bijstand outflow as a share of the stock"),
        lambda m, p: float("nan")),
}


@dataclass(frozen=True)
class Target:
    """One row of a targets file (``[[target]]``); see ``docs/validation.md``."""

    observable: str
    policy: str
    kind: str
    low: float
    high: float
    source: str
    evidence: str
    inputs: tuple[str, ...] = ()
    tuned: tuple[str, ...] = ()
    off_when: tuple[Mapping[str, Any], ...] = ()
    why_range: str = ""
    modelled: bool = True
    reason: str = ""
    note: str = ""


REQUIRED = ("observable", "policy", "kind", "low", "high", "source", "evidence")


def load_targets(path: str | Path) -> list[Target]:
    """Read and check a targets file (``[[target]]`` tables)."""
    p = Path(path)
    raw = parse_toml(read_text(p, MAX_FILE_BYTES, "a targets file"), str(p))
    rows = raw.get("target")
    if not isinstance(rows, list) or not rows:
        raise InputError(f"{p}: needs [[target]] tables with " + ", ".join(REQUIRED))
    return [_target(row, f"{p}: target {i + 1}") for i, row in enumerate(rows)]


def _target(row: Mapping[str, Any], where: str) -> Target:
    names = [f.name for f in fields(Target)]
    unknown = sorted(set(row) - set(names))
    if unknown:
        raise InputError(f"{where}: unknown field '{unknown[0]}'; fields are "
                         + ", ".join(names))
    missing = [k for k in REQUIRED if k not in row]
    if missing:
        raise InputError(f"{where}: missing field '{missing[0]}'; every target needs "
                         + ", ".join(REQUIRED))
    if row["observable"] not in OBSERVABLES:
        raise InputError(f"{where}: observable {row['observable']!r} is not known; "
                         "choose from " + ", ".join(OBSERVABLES))
    where = f"{where} ({row['observable']})"
    if row["kind"] not in KINDS:
        raise InputError(f"{where}: kind {row['kind']!r} is not known; choose from "
                         + ", ".join(KINDS))
    try:
        low, high = float(row["low"]), float(row["high"])
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where}: low and high must be numbers: {exc}") from None
    if low > high:
        raise InputError(f"{where}: low {low} is above high {high}")
    inputs = _keys(row.get("inputs", []), f"{where}: inputs")
    tuned = _keys(row.get("tuned", []), f"{where}: tuned")
    off_when = _perturbations(row.get("off_when", []), f"{where}: off_when")
    t = Target(**{**row, "low": low, "high": high, "inputs": inputs, "tuned": tuned,
                  "off_when": off_when})
    _check_roles(t, where)
    return t


def _keys(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise InputError(f"{where}: must be a list of scenario keys, e.g. "
                         '["help_seeking.per_month"]')
    for k in value:
        if k not in BY_KEY:
            raise InputError(f"{where}: '{k}' is not a scenario key (doorstroom params "
                             "lists them)")
    return tuple(value)


def _perturbations(value: Any, where: str) -> tuple[Mapping[str, Any], ...]:
    """``off_when``: one table of scenario keys and values, or a list of such tables."""
    tables = [value] if isinstance(value, dict) else value
    if not isinstance(tables, list) or not all(isinstance(t, dict) and t for t in tables):
        raise InputError(f"{where}: must be a table such as "
                         '{ "help_seeking.per_month" = 0.0 } or a list of such tables')
    for table in tables:
        _keys(list(table), where)
        for k, v in table.items():
            check_value(BY_KEY[k], v, f"{where}: ")
    return tuple(dict(t) for t in tables)


def _check_roles(t: Target, where: str) -> None:
    """What each kind must say to be honest about itself."""
    if not t.modelled:
        if not t.reason:
            raise InputError(f"{where}: a target with modelled = false needs a reason")
        return
    if not t.inputs:
        raise InputError(f"{where}: needs inputs, the scenario keys that set it")
    outside = [k for table in t.off_when for k in table if k not in t.inputs]
    outside += [k for k in t.tuned if k not in t.inputs]
    if outside:
        raise InputError(f"{where}: '{outside[0]}' is not among its inputs; a target can "
                         "only be tuned to, or pushed off by, the inputs that set it")
    if t.kind == "validation" and not t.off_when:
        raise InputError(f"{where}: a validation target needs off_when, the perturbation "
                         "of its inputs that should push it out of range")
    if t.kind == "calibration" and not t.tuned:
        raise InputError(f"{where}: a calibration target needs tuned, the inputs set so "
                         "that the model lands in its range")


def policy_names(targets: list[Target]) -> list[str]:
    """The policy sets the modelled targets are observed under, as the targets name them."""
    return list(dict.fromkeys(name for t in targets if t.modelled
                              for name in (t.policy, OBSERVABLES[t.observable].reference)
                              if name))


def policies_needed(targets: list[Target], scenario) -> tuple[str, ...]:
    """The policy labels a run must hold to evaluate the modelled targets."""
    return tuple(dict.fromkeys(scenario.policy(name).label for name in policy_names(targets)))


def evaluate(targets: list[Target], results, scenario) -> list[dict]:
    """One row per target: the model's value beside the range, with PASS, OFF or N/A."""
    rows = []
    for t in targets:
        value = float("nan")
        if t.modelled:
            obs = OBSERVABLES[t.observable]
            means = _means(results, scenario, t.policy)
            if obs.reference:
                means.reference = _means(results, scenario, obs.reference)
            value = obs.compute(means, scenario.values)
        status = ("N/A" if not t.modelled else
                  "PASS" if t.low - 1e-12 <= value <= t.high + 1e-12 else "OFF")
        rows.append({"observable": t.observable, "policy": t.policy, "kind": t.kind,
                     "group": _group(t), "value": value, "low": t.low, "high": t.high,
                     "status": status, "source": t.source, "evidence": t.evidence,
                     "inputs": t.inputs, "reason": t.reason})
    return rows


def _means(results, scenario, policy: str) -> Means:
    summary = results.summary(scenario.policy(policy).label)
    means = Means({k: float("nan") if v["mean"] is None else v["mean"]
                   for k, v in summary.items()})
    means["months"] = scenario["simulation.months"]
    return means


def _group(t: Target) -> str:
    return t.kind if t.modelled else "not modelled"


def tally(rows: list[dict]) -> str:
    """The closing line: each kind's PASS and OFF apart, then the N/A."""
    counts = Counter((r["group"], r["status"]) for r in rows)
    parts = [f"{kind}: {counts[kind, 'PASS']} PASS, {counts[kind, 'OFF']} OFF"
             for kind in KINDS]
    return "; ".join(parts) + f"; {counts['not modelled', 'N/A']} N/A"


def roles(targets: list[Target]) -> dict[str, list[dict]]:
    """Which targets the defaults were calibrated on, which validate the model, which only
    check consistency, and which are not modelled: plain data for a report."""
    out: dict[str, list[dict]] = {name: [] for name in GROUPS}
    for t in targets:
        out[_group(t)].append({
            "observable": t.observable, "label": OBSERVABLES[t.observable].label,
            "policy": t.policy, "low": t.low, "high": t.high, "evidence": t.evidence,
            "inputs": list(t.inputs), "tuned": list(t.tuned), "source": t.source,
            "why_range": t.why_range, "reason": t.reason})
    return out
