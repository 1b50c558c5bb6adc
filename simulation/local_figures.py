"""Each municipality's own social figures, as ratios to the country's.

``national.social_figures`` names a table with, per municipality, its bijstand clients,
its disability-benefit clients (WIA, WAO, Wajong, WAZ), its Wmo clients per 1,000 and its
inhabitants in 2021 (``data/municipal_social_2021.csv``: CBS StatLine 85039NED, evidence
§16). Each figure becomes a rate per 1,000 inhabitants and a ratio to the national rate:
that of every municipality in the table together, so a municipality's inputs do not
depend on which others are selected. ``municipalities`` turns the ratios into who is in
scope and how many use day activities.

A missing figure (CBS leaves some out) is filled with its province's rate (the province's
municipalities that have the figure, weighted by inhabitants), or the national rate where
no municipality of the province has it; ``LocalFigures.filled`` says which and from where.
This is input: reading and checking the table, never running anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .errors import InputError, brief
from .input_files import read_csv_rows

#: The table's columns the model uses (it may have more).
COLUMNS = ("code", "inhabitants_2021", "bijstand_persons_2021", "ao_uitkering_persons_2021",
           "wmo_clients_per_1000_2021")
#: Each figure the model uses: its column, and whether the column counts persons (made a
#: rate per 1,000 inhabitants here) or is already a rate per 1,000.
FIGURES = {"bijstand": ("bijstand_persons_2021", "persons"),
           "disability": ("ao_uitkering_persons_2021", "persons"),
           "wmo": ("wmo_clients_per_1000_2021", "per_1000")}
#: How many codes a message names before it counts the rest.
_NAMED_CODES = 10


@dataclass(frozen=True)
class LocalFigures:
    """One municipality's rates per 1,000 inhabitants (2021), each beside its ratio to the
    national rate (1: as the country), and the figures filled by rule."""

    bijstand_per_1000: float
    bijstand_ratio: float
    disability_per_1000: float
    disability_ratio: float
    wmo_per_1000: float
    wmo_ratio: float
    filled: str = ""  # e.g. "wmo_clients_per_1000_2021 from Overijssel"


def load_figures(path: Path, provinces: dict[str, str], table: Path,
                 where: str) -> dict[str, LocalFigures]:
    """Every municipality's figures from the table at ``path``, by code. ``provinces``:
    each code of the table of municipalities (``table``) and its province; the two tables
    must hold the same codes."""
    where = f"{where}national.social_figures: "
    rows = read_csv_rows(path, "a table of social figures", COLUMNS, where)
    found: dict[str, tuple[float, dict[str, float | None]]] = {}
    for line, row in rows:
        at = f"{where}{path} line {line}: "
        code = row["code"].strip()
        if code in found:
            raise InputError(f"{at}code {code} appears twice")
        found[code] = (_number(row, "inhabitants_2021", at, low=1.0),
                       {name: _number(row, column, at, optional=True)
                        for name, (column, _) in FIGURES.items()})
    _same_codes(path, table, set(provinces), set(found), where)
    rates = {code: {name: _per_1000(value, inhabitants, FIGURES[name][1])
                    for name, value in figures.items()}
             for code, (inhabitants, figures) in found.items()}
    weights = {code: inhabitants for code, (inhabitants, _) in found.items()}
    national = {name: _national(name, rates, weights, path, where) for name in FIGURES}
    out = {}
    for code, own in rates.items():
        filled, values = [], {}
        for name in FIGURES:
            value = own[name]
            if value is None:
                value, area = _fill(name, provinces[code], rates, weights, provinces, path,
                                    where)
                filled.append(f"{FIGURES[name][0]} from {area}")
            values[name] = value
        out[code] = LocalFigures(filled="; ".join(filled), **{
            field: value for name in FIGURES for field, value in (
                (f"{name}_per_1000", values[name]),
                (f"{name}_ratio", values[name] / national[name]))})
    return out


def _number(row: dict, column: str, at: str, low: float = 0.0,
            optional: bool = False) -> float | None:
    """A field as a number of at least ``low`` (empty: ``None`` where ``optional``)."""
    text = row[column].strip()
    if not text and optional:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < low:
        empty = " or empty" if optional else ""
        raise InputError(f"{at}{column} {brief(row[column])} must be a number of at least "
                         f"{low:g}{empty}")
    return value


def _per_1000(value: float | None, inhabitants: float, kind: str) -> float | None:
    if value is None or kind == "per_1000":
        return value
    return 1000.0 * value / inhabitants


def _same_codes(path: Path, table: Path, wanted: set[str], found: set[str],
                where: str) -> None:
    """Refuse a table whose codes are not those of the table of municipalities (another
    year's classification, say), naming the codes that differ."""
    missing, extra = sorted(wanted - found), sorted(found - wanted)
    if not missing and not extra:
        return
    parts = [f"{what} {_named(codes)}" for what, codes in (
        (f"missing {table.name}'s", missing), (f"not in {table.name}:", extra)) if codes]
    raise InputError(f"{where}{path}: its codes are not those of {table} (both tables need "
                     f"the same classification of municipalities): {'; '.join(parts)}")


def _named(codes: Sequence[str]) -> str:
    shown = ", ".join(codes[:_NAMED_CODES])
    more = len(codes) - _NAMED_CODES
    return shown + (f" and {more} more" if more > 0 else "")


def _rate(name: str, codes, rates, weights) -> float | None:
    """The rate of ``codes`` together: their municipalities with the figure, weighted by
    inhabitants (for a count, the persons over the inhabitants)."""
    having = [c for c in codes if rates[c][name] is not None]
    total = sum(weights[c] for c in having)
    return sum(rates[c][name] * weights[c] for c in having) / total if having else None


def _national(name: str, rates, weights, path: Path, where: str) -> float:
    rate = _rate(name, rates, rates, weights)
    if not rate:
        raise InputError(f"{where}{path}: no municipality has a {FIGURES[name][0]} above "
                         "zero, so there is no national rate to compare with")
    return rate


def _fill(name: str, province: str, rates, weights, provinces, path: Path,
          where: str) -> tuple[float, str]:
    """A missing figure: the province's rate, else the national one; and where it is from."""
    rate = _rate(name, [c for c, p in provinces.items() if p == province], rates, weights)
    if rate is not None:
        return rate, province
    return _national(name, rates, weights, path, where), "the national rate"
