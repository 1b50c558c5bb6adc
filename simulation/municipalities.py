"""A national scenario's table of municipalities, and what each takes from the reference.

A national scenario's values describe a reference municipality of
``population.inhabitants`` inhabitants; ``national.municipalities`` names a table of
municipalities (CBS code, name, province, inhabitants). The quantities in ``SCALED`` are
the reference's scaled by a municipality's inhabitants and, with
``national.social_figures`` (``local_figures``), by what each follows in the
municipality's own 2021 figures: its bijstand and disability-benefit clients set who is in
scope, its Wmo use how many of them use day activities (``municipality_values``).
``national.regimes`` gives municipalities a policy set of their own, which the policy set
``own`` runs; ``national.regions`` groups them into regions whose municipalities share
their providers' places (``regions``). ``municipalities.csv`` in the results lists
every input per municipality (``input:`` columns).
This is input: reading and checking the tables, never running anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping, Sequence

from .declarations import OWN_POLICY
from .errors import InputError, brief
from .input_files import read_csv_rows
from .local_figures import LocalFigures, load_figures

#: Per-municipality quantities taken from the reference: each in proportion to inhabitants
#: and, with social figures, to what it follows (``_follows``), with the reason.
SCALED = {
    "population.residents": ("in_scope", "evidence §4 (day activities 4-6 per 1,000 "
                             "inhabitants), §8 (bijstand 2.3%) and §16 (each municipality's "
                             "bijstand and disability benefits), as derived in baseline.toml"),
    "indicatie.assessments_per_month": ("use", "assumption: consultant time follows the "
                                        "requests, so day-activity use"),
    "voorziening.budget_per_year_eur": ("use", "assumption: the open-access budget buys "
                                        "today's places"),
    "participatiewet.reintegration_budget_per_year_eur": (
        "bijstand", "assumption: the re-integration budget follows the bijstand clients"),
    "providers.capacity_scale": ("use", "assumption: provider places follow day-activity "
                                 "use, as full as the reference's"),
    "employers.count": ("inhabitants", "assumption: employers within reach per inhabitant"),
    "employers.vacancies_per_month": ("inhabitants", "assumption: entry-level vacancies per "
                                      "inhabitant"),
}
#: What a municipality's social figures give it of its own besides ``SCALED``
#: (``_composition``): who is in scope, and the rates that follow its Wmo use.
COMPOSITION = ("population.group_shares", "population.bijstand_share_by_group",
               "population.uwv_share_by_group", "population.share_in_day_activity_start",
               "help_seeking.per_month")
#: Every value a municipality of a national scenario may hold of its own.
OWN_VALUES = ("population.inhabitants", *SCALED, *COMPOSITION)
#: What the quantities in ``SCALED`` may follow besides inhabitants.
FOLLOWS = ("inhabitants", "in_scope", "use", "bijstand")
#: Counts that stay at least 1 when scaled down (a municipality has someone to assess).
_AT_LEAST_ONE = ("population.residents", "indicatie.assessments_per_month", "employers.count")
_CODE = re.compile(r"GM\d{4}")
_COLUMNS = ("code", "name", "province", "inhabitants")
#: The tables a national scenario reads (each a path relative to the scenario file), and
#: what messages call them.
TABLES = {"national.municipalities": "municipality table",
          "national.social_figures": "table of social figures",
          "national.regimes": "table of regimes",
          "national.regions": "table of regions"}


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    province: str
    inhabitants: int
    regime: str = ""  # its own policy set (``national.regimes``); "": ``policy.regime``
    region: str = ""  # the region it buys day activities with (``national.regions``); "": alone
    figures: LocalFigures | None = None  # its own 2021 figures; None: inhabitants only

    def plain(self) -> tuple:
        """As plain values, the way a task carries it (``from_plain`` reads it back)."""
        figures = None if self.figures is None else tuple(vars(self.figures).values())
        return (self.code, self.name, self.province, self.inhabitants, self.regime,
                self.region, figures)

    @classmethod
    def from_plain(cls, values: Sequence) -> "Municipality":
        *fields, figures = values
        return cls(*fields, figures=None if figures is None else LocalFigures(*figures))


def load_table(path: Path, select: Sequence[str], where: str, social: Path | None = None,
               regimes: Path | None = None,
               regions: Path | None = None) -> tuple[Municipality, ...]:
    """The municipalities of a table, checked, in table order, with their own figures
    (``social``), policy sets (``regimes``) and regions (``regions``) where given;
    ``select``: codes, province names or region names to keep (empty keeps all)."""
    at = f"{where}national.municipalities: "
    rows = read_csv_rows(path, "a table of municipalities", _COLUMNS, at)
    out, seen = [], set()
    for line, row in rows:
        out.append(_municipality(row, seen, f"{at}{path} line {line}: "))
    if not out:
        raise InputError(f"{where}{path}: the table has no municipalities")
    if social is not None:
        figures = load_figures(social, {m.code: m.province for m in out}, path, where)
        out = [replace(m, figures=figures[m.code]) for m in out]
    if regimes is not None:
        own = _codes_to(regimes, "regime", {m.code for m in out}, path, where)
        out = [replace(m, regime=own.get(m.code, "")) for m in out]
    if regions is not None:
        grouped = _codes_to(regions, "region", {m.code for m in out}, path, where)
        out = [replace(m, region=grouped.get(m.code, "")) for m in out]
    if select:
        regions = sorted({m.region for m in out} - {""})
        known = {m.code for m in out} | {m.province for m in out} | set(regions)
        unknown = [s for s in select if s not in known]
        if unknown:
            provinces = sorted({m.province for m in out})
            raise InputError(f"{where}national.select: {', '.join(map(repr, unknown))} is "
                             f"neither a code in {path.name} nor a province "
                             f"({', '.join(provinces)})"
                             + (f" nor a region ({', '.join(regions)})" if regions else ""))
        chosen = set(select)
        out = [m for m in out if chosen & {m.code, m.province, m.region}]
    return tuple(out)


def load_country(values: dict[str, Any], origin: str, source: str | None) -> tuple:
    """A national scenario's municipalities from its tables (``TABLES``), whose paths
    (relative to the scenario file ``source``) are made absolute in ``values``; none for
    one municipality."""
    given = [key for key in TABLES if values[key]]
    if not values["national.municipalities"]:
        needs = [key for key in ("national.select", *given) if values[key]]
        if needs:
            raise InputError(f"{origin}: {needs[0]} needs national.municipalities (the table "
                             "of municipalities)")
        return ()
    if source is None:
        raise InputError(f"{origin}: {', '.join(given)} works in scenario files only (a table "
                         "path is read next to the file)")
    paths = {key: (Path(source).parent / values[key]).resolve() for key in given}
    values.update({key: str(path) for key, path in paths.items()})
    return load_table(paths["national.municipalities"], values["national.select"],
                      f"{origin}: ", paths.get("national.social_figures"),
                      paths.get("national.regimes"), paths.get("national.regions"))


def _municipality(row: dict, seen: set[str], where: str) -> Municipality:
    """One row of the table, checked (``seen``: the codes of the rows before it)."""
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


def _codes_to(path: Path, column: str, codes: set[str], table: Path,
              where: str) -> dict[str, str]:
    """A table of (code, ``column``): each listed municipality's own policy set (checked
    against the scenario's policy sets by ``scenario``, which knows them) or region."""
    out: dict[str, str] = {}
    key = "national.regimes" if column == "regime" else "national.regions"
    where = f"{where}{key}: "
    for line, row in read_csv_rows(path, f"a table of {column}s", ("code", column), where):
        at = f"{where}{path} line {line}: "
        code, value = row["code"].strip(), row[column].strip()
        if code not in codes:
            raise InputError(f"{at}code {brief(code)} is not a municipality of {table}")
        if code in out:
            raise InputError(f"{at}code {code} appears twice")
        if column == "region" and not value:
            raise InputError(f"{at}region is empty: name the region (leave the municipality "
                             "out of the table to keep it alone)")
        if column == "regime" and (not value or value == OWN_POLICY):
            raise InputError(f"{at}regime {brief(value)}: name a regime (indicatie, "
                             "voorziening), REGIME+VARIANT or an alternative of the scenario")
        out[code] = value
    return out


def municipality_values(reference: Mapping[str, Any], m: Municipality) -> dict[str, Any]:
    """The keys that make the reference scenario (its values) into municipality ``m``."""
    factor = m.inhabitants / reference["population.inhabitants"]
    follows, local = dict.fromkeys(FOLLOWS, 1.0), {}
    if m.figures is not None:
        people, wmo = _people(reference, m.figures), _wmo_factor(reference, m.figures)
        follows = _follows(people, m.figures.bijstand_ratio, wmo)
        local = _composition(reference, people, wmo)
    out: dict[str, Any] = {"population.inhabitants": m.inhabitants, "national.select": [],
                           **dict.fromkeys(TABLES, "")}
    for key, (what, _) in SCALED.items():
        if key == "voorziening.budget_per_year_eur" and \
                reference["voorziening.budget_rule"] != "fixed":
            continue  # a budget by another rule follows from the places, already scaled
        out[key] = scaled(key, reference[key], factor * follows[what])
    return {**out, **local}


def _wmo_factor(reference: Mapping[str, Any], figures: LocalFigures) -> float:
    """The municipality's Wmo rate against the national one, within
    ``national.wmo_ratio_bounds`` (the Wmo rate counts all Wmo support)."""
    low, high = reference["national.wmo_ratio_bounds"]
    return min(high, max(low, figures.wmo_ratio))


def _people(reference: Mapping[str, Any], figures: LocalFigures) -> list[tuple]:
    """Per target group, the residents in scope on bijstand, on a UWV benefit and on
    neither, per resident in scope of the reference: the first two times the
    municipality's ratios (the third as the reference's)."""
    bijstand, uwv = figures.bijstand_ratio, figures.disability_ratio
    return [(g * b * bijstand, g * u * uwv, g * (1.0 - b - u)) for g, b, u in zip(
        reference["population.group_shares"], reference["population.bijstand_share_by_group"],
        reference["population.uwv_share_by_group"])]


def _follows(people: list[tuple], bijstand: float, wmo: float) -> dict[str, float]:
    """What ``SCALED``'s quantities follow besides inhabitants, against the reference's:
    residents in scope, day-activity use (those in scope times the share that uses it) and
    bijstand clients."""
    in_scope = sum(map(sum, people))
    return {"inhabitants": 1.0, "in_scope": in_scope, "use": in_scope * wmo,
            "bijstand": bijstand}


def _composition(reference: Mapping[str, Any], people: list[tuple],
                 wmo: float) -> dict[str, Any]:
    """Who is in scope (target groups and their benefits) and the rates that follow the
    Wmo use, so that each group's bijstand and UWV clients are the reference's times the
    municipality's ratios."""
    sizes = [sum(group) for group in people]
    total = sum(sizes)
    if not total:  # nobody in scope: one resident (at least one), as the reference's
        return {}
    out: dict[str, Any] = {
        "population.group_shares": [size / total for size in sizes],
        "population.bijstand_share_by_group": [
            group[0] / size if size else share for group, size, share in zip(
                people, sizes, reference["population.bijstand_share_by_group"])],
        "population.uwv_share_by_group": [
            group[1] / size if size else share for group, size, share in zip(
                people, sizes, reference["population.uwv_share_by_group"])],
    }
    room = 1.0 - reference["population.share_in_paid_work_start"]
    out["population.share_in_day_activity_start"] = min(
        room, reference["population.share_in_day_activity_start"] * wmo)
    out["help_seeking.per_month"] = min(1.0, reference["help_seeking.per_month"] * wmo)
    return out


def scaled(key: str, value, factor: float):
    if isinstance(value, int) and not isinstance(value, bool):
        whole = int(round(value * factor))
        return max(1, whole) if key in _AT_LEAST_ONE else whole
    return value * factor
