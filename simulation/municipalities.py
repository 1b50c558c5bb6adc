"""A national scenario's table of municipalities, and what each takes from the reference.

A national scenario's values describe a reference municipality of
``population.inhabitants`` inhabitants; ``national.municipalities`` names a table of
municipalities (CBS code, name, province, inhabitants). The quantities in ``SCALED`` are
the reference's scaled by a municipality's inhabitants: national figures per inhabitant
(docs/evidence.md), not local data (``municipalities.csv`` in the results lists them as
``input:`` columns).
This is input: reading and checking the table, never running anything.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .errors import InputError, brief
from .input_files import read_text

#: Per-municipality quantities taken from the reference in proportion to inhabitants.
SCALED = {
    "population.residents": "evidence §4 (day activities 4-6 per 1,000 inhabitants) and §8 "
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
    try:
        text = read_text(path, MAX_TABLE_BYTES, "a table of municipalities")
    except InputError as exc:
        raise InputError(f"{where}national.municipalities: {exc}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    out, seen = [], set()
    try:
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{where}{path}: needs the columns {', '.join(_COLUMNS)}; "
                             f"missing {', '.join(missing)}")
        for row in reader:
            out.append(_municipality(row, seen, f"{where}{path} line {reader.line_num}: "))
    except csv.Error as exc:  # a field beyond the csv module's limit, say
        raise InputError(f"{where}{path} line {reader.line_num + 1}: {exc}") from None
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


def _municipality(row: dict, seen: set[str], where: str) -> Municipality:
    """One row of the table, checked (``seen``: the codes of the rows before it)."""
    if any(row.get(c) is None for c in _COLUMNS):
        raise InputError(f"{where}has {sum(v is not None for v in row.values())} fields; "
                         f"every row needs {', '.join(_COLUMNS)}")
    code = row["code"].strip()
    if not _CODE.fullmatch(code):
        raise InputError(f"{where}code {brief(code)} is not a CBS municipality code (GM and "
                         "four digits, e.g. GM0363)")
    if code in seen:
        raise InputError(f"{where}code {code} appears twice")
    seen.add(code)
    try:
        inhabitants = int(row["inhabitants"])
    except ValueError:
        inhabitants = 0
    if inhabitants < 1:
        raise InputError(f"{where}inhabitants {brief(row['inhabitants'])} must be a whole "
                         "number of at least 1")
    return Municipality(code, row["name"].strip(), row["province"].strip(), inhabitants)


def require_one_municipality(scenario, what: str) -> None:
    """Refuse a national scenario where only one municipality makes sense."""
    if scenario.municipalities:
        raise InputError(f"{scenario.name}: a national scenario ({len(scenario.municipalities)}"
                         f" municipalities); {what} takes one municipality's scenario, e.g. "
                         "baseline (run the country with doorstroom compare)")


def municipality_values(reference, m: Municipality) -> dict[str, Any]:
    """The keys that make the reference scenario into municipality ``m``."""
    factor = m.inhabitants / reference["population.inhabitants"]
    out: dict[str, Any] = {"population.inhabitants": m.inhabitants,
                           "national.municipalities": "", "national.select": []}
    for key in SCALED:
        if key == "voorziening.budget_per_year_eur" and \
                reference["voorziening.budget_rule"] != "fixed":
            continue  # a budget by another rule follows from the places, already scaled
        out[key] = scaled(key, reference[key], factor)
    return out


def scaled(key: str, value, factor: float):
    if isinstance(value, int) and not isinstance(value, bool):
        whole = int(round(value * factor))
        return max(1, whole) if key in _AT_LEAST_ONE else whole
    return value * factor
