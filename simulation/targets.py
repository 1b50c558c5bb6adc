"""Validation targets: Dutch figures the model should reproduce, and the check.

A targets file lists observables with a range and a source; ``check`` runs the
scenario under each target's policy and says PASS or OFF per observable. The
observables are computed here from the run's metrics, in the units of the source.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from .errors import InputError

WEEKS_PER_MONTH = 52 / 12

#: observable -> (how it follows from the metrics and parameters, what it means)
OBSERVABLES: dict[str, tuple[Callable[[Mapping, Mapping], float], str]] = {
    "day_activity_users_per_10000_all_ages": (
        lambda m, p: m["day_activity_users_per_10000"] / p["population.share_working_age_of_users"],
        "day-activity users per 10,000 inhabitants, all ages"),
    "assessment_lead_time_weeks": (
        lambda m, p: m["mean_assessment_wait_months"] * WEEKS_PER_MONTH,
        "mean time from request to decision, in weeks"),
    "assessment_share_of_first_year_cost": (
        lambda m, p: p["indicatie.cost_per_assessment_eur"] / (
            m["cost_day_activity_eur"] + m["cost_transport_eur"]) * (
            m["mean_in_day_activity"] * m["months"] / 12),
        "one assessment as a share of a participant's first-year day-activity cost"),
    "doorstroom_to_work_per_year_pct": (
        lambda m, p: m["doorstroom_to_work_per_year_pct"],
        "jobs started per year per 100 day-activity participants"),
    "job_retention_12m": (lambda m, p: m["job_retention_12m"],
                          "share of new jobs still held after 12 months"),
    "employers_with_target_group_share": (
        lambda m, p: m["employers_with_target_group_share_end"],
        "share of employers with at least one employee from the target group"),
    "mean_loonwaarde_in_work": (lambda m, p: m["mean_loonwaarde_in_work_end"],
                                "mean loonwaarde of residents in subsidised work"),
    "open_access_no_assessment_cost": (lambda m, p: m["cost_assessment_eur"],
                                       "assessment cost under open access (EUR)"),
    "bijstand_outflow_share": (lambda m, p: float("nan"),
                               "yearly bijstand outflow as a share of the stock"),
}


@dataclass(frozen=True)
class Target:
    observable: str
    policy: str
    low: float
    high: float
    source: str
    modelled: bool = True
    reason: str = ""
    note: str = ""


def load_targets(path: str | Path) -> list[Target]:
    """Read and check a targets file (``[[target]]`` tables)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"targets file '{p}' not found")
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: not valid TOML: {exc}") from None
    rows = raw.get("target")
    if not isinstance(rows, list) or not rows:
        raise InputError(f"{p}: needs [[target]] tables with observable, policy, low, high, "
                         "source")
    out = []
    fields = set(Target.__dataclass_fields__)
    for i, row in enumerate(rows):
        where = f"{p}: target {i + 1}"
        unknown = set(row) - fields
        if unknown:
            raise InputError(f"{where}: unknown field '{sorted(unknown)[0]}'; fields are "
                             + ", ".join(sorted(fields)))
        if row.get("observable") not in OBSERVABLES:
            raise InputError(f"{where}: observable {row.get('observable')!r} is not known; "
                             "choose from " + ", ".join(OBSERVABLES))
        try:
            t = Target(**row)
            low, high = float(t.low), float(t.high)
        except (TypeError, ValueError) as exc:
            raise InputError(f"{where}: {exc}") from None
        if low > high:
            raise InputError(f"{where}: low {low} is above high {high}")
        out.append(t)
    return out


def evaluate(targets: list[Target], results, scenario) -> list[dict]:
    """One row per target: the model's value beside the range, with PASS, OFF or N/A."""
    rows = []
    for t in targets:
        value = float("nan")
        if t.modelled:
            summ = results.summary(scenario.policy(t.policy).label)
            means = {k: float("nan") if v["mean"] is None else v["mean"] for k, v in summ.items()}
            means["months"] = scenario["simulation.months"]
            value = OBSERVABLES[t.observable][0](means, scenario.values)
        status = ("N/A" if not t.modelled else
                  "PASS" if t.low - 1e-12 <= value <= t.high + 1e-12 else "OFF")
        rows.append({"observable": t.observable, "policy": t.policy, "value": value,
                     "low": t.low, "high": t.high, "status": status,
                     "source": t.source, "reason": t.reason})
    return rows
