"""Every municipality in the Netherlands: each its own model, summed nationally.

A national scenario is an ordinary scenario whose values describe a reference
municipality of ``population.inhabitants`` inhabitants, plus ``national.municipalities``,
a table of municipalities (CBS code, name, province, inhabitants). Each municipality
runs as its own model with its own providers and employers; the quantities in
``SCALED`` are the reference's scaled by the municipality's inhabitants. Those are
FACTS.md figures per inhabitant, not local data, and the output says so
(``municipalities.csv`` has them as ``input:`` columns).

Seeds: municipality ``code`` runs with ``derive_seed(seed, "municipality", code)``, so
its results do not depend on which other municipalities are selected, and both
regimes share its draws. National figures are the municipalities' sums (a mean or a
ratio is weighted by what it is a mean over, ``metrics.WEIGHTED_BY``); the time series
and the ledger are summed in whole cents and counts, so the totals are exact and do not
depend on the order in which municipalities finish.
"""

from __future__ import annotations

import csv
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import rng
from .errors import InputError

#: Per-municipality quantities taken from the reference in proportion to inhabitants.
SCALED = {
    "population.residents": "FACTS §4 (day activities 4-6 per 1,000 inhabitants) and §8 "
                            "(bijstand 2.3%), per inhabitant as derived in baseline.toml",
    "indicatie.assessments_per_month": "assumption: consultant time per inhabitant",
    "voorziening.budget_per_year_eur": "assumption: open-access budget per inhabitant",
    "participatiewet.reintegration_budget_per_year_eur":
        "assumption: re-integration budget per inhabitant",
    "providers.capacity_scale": "assumption: provider places per inhabitant",
    "employers.count": "assumption: employers within reach per inhabitant",
    "employers.vacancies_per_month": "assumption: entry-level vacancies per inhabitant",
}
#: Counts that stay at least 1 when scaled down (a municipality has someone to assess).
_AT_LEAST_ONE = ("population.residents", "indicatie.assessments_per_month", "employers.count")
_CODE = re.compile(r"GM\d{4}")
_COLUMNS = ("code", "name", "province", "inhabitants")
MAX_TABLE_BYTES = 2_000_000


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    province: str
    inhabitants: int


def load_table(path: Path, select: Sequence[str], where: str) -> tuple[Municipality, ...]:
    """The municipalities of a table, checked, in table order (``select``: codes or
    province names to keep; empty keeps all)."""
    if not path.is_file():
        raise InputError(f"{where}national.municipalities: table '{path}' not found")
    if path.stat().st_size > MAX_TABLE_BYTES:
        raise InputError(f"{where}national.municipalities: '{path}' is larger than "
                         f"{MAX_TABLE_BYTES:,} bytes")
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{where}{path}: needs the columns {', '.join(_COLUMNS)}; "
                                 f"missing {', '.join(missing)}")
            rows = list(reader)
    except UnicodeDecodeError:
        raise InputError(f"{where}{path}: not a UTF-8 text file") from None
    out, seen = [], set()
    for line, row in enumerate(rows, start=2):
        code = (row["code"] or "").strip()
        if not _CODE.fullmatch(code):
            raise InputError(f"{where}{path} line {line}: code {code!r} is not a CBS "
                             "municipality code (GM and four digits, e.g. GM0363)")
        if code in seen:
            raise InputError(f"{where}{path} line {line}: code {code} appears twice")
        seen.add(code)
        try:
            inhabitants = int(row["inhabitants"])
        except (TypeError, ValueError):
            inhabitants = 0
        if inhabitants < 1:
            raise InputError(f"{where}{path} line {line}: inhabitants {row['inhabitants']!r} "
                             "must be a whole number of at least 1")
        out.append(Municipality(code, row["name"].strip(), row["province"].strip(), inhabitants))
    if not out:
        raise InputError(f"{where}{path}: the table has no municipalities")
    if select:
        known = {m.code for m in out} | {m.province for m in out}
        unknown = [s for s in select if s not in known]
        if unknown:
            provinces = sorted({m.province for m in out})
            raise InputError(f"{where}national.select: {', '.join(map(repr, unknown))} is "
                             f"neither a code in {path.name} nor a province "
                             f"({', '.join(provinces)})")
        out = [m for m in out if m.code in select or m.province in select]
    return tuple(out)


def require_one_municipality(scenario, what: str) -> None:
    """Refuse a national scenario where only one municipality makes sense."""
    if scenario.municipalities:
        raise InputError(f"{scenario.name}: a national scenario ({len(scenario.municipalities)}"
                         f" municipalities); {what} takes one municipality's scenario, e.g. "
                         "scenarios/baseline.toml (run the country with doorstroom compare)")


def municipality_values(reference, m: Municipality) -> dict[str, Any]:
    """The keys that make the reference scenario into municipality ``m``."""
    factor = m.inhabitants / reference["population.inhabitants"]
    out: dict[str, Any] = {"population.inhabitants": m.inhabitants,
                           "national.municipalities": "", "national.select": []}
    for key in SCALED:
        out[key] = _scaled(key, reference[key], factor)
    return out


def _scaled(key: str, value, factor: float):
    if isinstance(value, int) and not isinstance(value, bool):
        whole = int(round(value * factor))
        return max(1, whole) if key in _AT_LEAST_ONE else whole
    return value * factor


def municipality_scenario(reference, m: Municipality):
    """Municipality ``m`` as a scenario of its own (named by its CBS code). An alternative
    that sets a scaled quantity (a bigger budget, say) is scaled the same way."""
    from .scenario import ALTERNATIVES, build

    factor = m.inhabitants / reference["population.inhabitants"]
    data = reference.as_dict()
    for alternative in data.get(ALTERNATIVES, {}).values():
        overrides = alternative.get("overrides", {})
        for key in SCALED.keys() & overrides.keys():
            overrides[key] = _scaled(key, overrides[key], factor)
    return build(data, name=m.code, origin=m.code, source=reference.source,
                 overrides=municipality_values(reference, m))


def municipality_seed(seed: int, code: str) -> int:
    return rng.derive_seed(seed, "municipality", code)


def _municipality_task(reference_data: dict, name: str, m: tuple, policies: Sequence[str],
                       seed: int, replications: Sequence[int], psa: bool) -> list[tuple]:
    """A worker's share: one municipality, some replications, every policy. Returns per
    run its metrics, its series in whole units (see ``exact_series``) and its ledger
    totals in cents."""
    from .experiment import replication_scenarios, replication_seed, run_model
    from .metrics import compute
    from .scenario import build

    muni = Municipality(*m)
    base = municipality_scenario(build(reference_data, name=name, origin=name), muni)
    own_seed = municipality_seed(seed, muni.code)
    out = []
    # The PSA draw is keyed by the national seed: every municipality gets the same one.
    for r, scenario, extra in replication_scenarios(base, seed, replications, psa):
        for policy in policies:
            model = run_model(scenario, policy, replication_seed(own_seed, r))
            out.append((r, policy, {**compute(model), **extra}, exact_series(model.series()),
                        model.ledger.totals))
    return out


#: Scale of each series in ``exact_series``: euros in cents; the mean guidance carried as
#: guidance x clients in billionths, so that it can be re-weighted after summing.
_CENTS, _GUIDANCE = 100, 1_000_000_000


def exact_series(series: dict[str, np.ndarray]) -> np.ndarray:
    """A model's series as whole numbers (one row per series), which add up exactly."""
    rows = []
    for name, values in series.items():
        if name.endswith("_eur"):
            values = values * _CENTS
        elif name == "mean_guidance":
            values = values * series["in_day_activity"] * _GUIDANCE
        rows.append(np.rint(values))
    return np.array(rows, dtype=np.int64)


def series_from_exact(names: Sequence[str], total: np.ndarray, parts: int) -> dict[str, np.ndarray]:
    """Summed whole-number series back in their units (``after_switch`` stays a flag)."""
    out = {}
    for k, name in enumerate(names):
        v = total[k].astype(np.float64)
        if name.endswith("_eur"):
            v = v / _CENTS
        elif name == "mean_guidance":
            clients = total[list(names).index("in_day_activity")].astype(np.float64)
            v = np.divide(v / _GUIDANCE, clients, out=np.ones_like(v), where=clients > 0)
        elif name == "after_switch":
            v = v / max(parts, 1)
        out[name] = v
    return out


def run_replications(scenario, policies: tuple[str, ...], replications: int, seed: int,
                     progress: bool | None, psa: bool, executor, on_progress=None):
    """Every municipality of a national scenario on ``executor``; national ``Results`` with
    the per-municipality runs in ``Results.municipalities``."""
    from .experiment import _assemble, chunks, progress_bar
    from .ledger import totals_frame
    from .model import DoorstroomModel, series_frame

    munis = scenario.municipalities
    reference = scenario.as_dict()
    reference["national"] = {"municipalities": "", "select": []}  # each task is one of them
    reps = list(range(replications))
    # One task per municipality and batch of replications; big ones first, so that the
    # last tasks to finish are small.
    batches = chunks(reps, max(1, executor.workers // max(1, len(munis))))
    order = sorted(range(len(munis)), key=lambda i: -munis[i].inhabitants)
    tasks = [(reference, scenario.name, _as_tuple(munis[i]), list(policies), seed, batch, psa)
             for i in order for batch in batches]
    names = DoorstroomModel.series_columns()
    months = int(scenario["simulation.months"])
    sums: dict[tuple[int, str], list] = {}
    rows: list[dict[str, Any]] = []
    code_index = {m.code: i for i, m in enumerate(munis)}
    with progress_bar(len(munis) * replications * len(policies), scenario.name, progress,
                      on_progress) as advance, _naming_the_municipality(tasks):
        for k, part in executor.run(_municipality_task, tasks):
            m = Municipality(*tasks[k][2])
            inputs = municipality_values(scenario, m)
            for r, policy, metrics, series, ledger in part:
                acc = sums.setdefault((r, policy), [0, 0])
                acc[0] = acc[0] + series
                acc[1] = acc[1] + ledger
                rows.append({"code": m.code, "name": m.name, "province": m.province,
                             "inhabitants": m.inhabitants,
                             "employers": inputs["employers.count"],
                             "replication": r, "policy": policy, **metrics,
                             **{f"input:{key}": inputs[key] for key in SCALED}})
            advance(len(part))
    from .metrics import combine

    policy_order = {p: i for i, p in enumerate(policies)}
    by_muni = pd.DataFrame(rows)
    by_muni["_m"] = by_muni["code"].map(code_index)
    by_muni["_p"] = by_muni["policy"].map(policy_order)
    by_muni = by_muni.sort_values(["_m", "replication", "_p"], kind="stable")
    collected = []
    for (r, pi), group in by_muni.groupby(["replication", "_p"], sort=True):
        policy = policies[pi]
        series, ledger = sums[(r, policy)]
        frame = series_frame(series_from_exact(names, series, len(munis)), months)
        extra = {c: float(group[c].iloc[0]) for c in group.columns if c.startswith("psa:")}
        collected.append((r, policy, {**combine(group), **extra}, frame, totals_frame(ledger)))
    res = _assemble(scenario, policies, seed, replications, collected, psa)
    by_muni = by_muni.drop(columns=["_m", "_p"]).reset_index(drop=True)
    return replace(res, municipalities=by_muni)


@contextmanager
def _naming_the_municipality(tasks):
    """A worker that dies is reported with the municipality and replications it ran."""
    from .execution import WorkerDied

    try:
        yield
    except WorkerDied as exc:
        m, reps = Municipality(*tasks[exc.index][2]), tasks[exc.index][5]
        raise RuntimeError(f"a worker process died while running {m.name} ({m.code}), "
                           f"replications {reps[0]}-{reps[-1]}; rerun with --workers 1 "
                           "to see the error") from None


def _as_tuple(m: Municipality) -> tuple:
    return (m.code, m.name, m.province, m.inhabitants)


#: The metrics compared municipality by municipality in ``municipalities_comparison.csv``.
HEADLINE = ("net_cost_eur", "cost_total_eur", "payer_wmo_eur", "jobs_started",
            "in_paid_work_end", "participants_served", "mean_assessment_wait_months")


def municipality_comparison(results, metrics: Sequence[str] = HEADLINE) -> pd.DataFrame:
    """Per municipality and headline metric: both policies' means, the mean paired
    difference (second minus first) and its 95% interval over replications."""
    from .experiment import _mean, ci95

    a, b = results.policies[:2]
    df = results.municipalities
    keys = ["code", "name", "province", "inhabitants"]
    wide = df[df["policy"] == a].set_index([*keys, "replication"])[list(metrics)]
    other = df[df["policy"] == b].set_index([*keys, "replication"])[list(metrics)]
    diff = other - wide
    rows = []
    for key, group in diff.groupby(level=keys, sort=False):
        for m in metrics:
            low, high = ci95(group[m])
            rows.append({**dict(zip(keys, key)), "metric": m,
                         a: _mean(wide.loc[key][m]), b: _mean(other.loc[key][m]),
                         "difference": _mean(group[m]), "ci95_low": low, "ci95_high": high})
    return pd.DataFrame(rows)
