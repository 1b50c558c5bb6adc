"""Every domain item declared once: parameters, regimes, variants, payers, ledger categories.

The tables live beside this module (``parameters.py``, ``country.py``, ``variants.py``,
``money.py``, record types in ``records.py``); here they are put together, and everything
else in the project reads them from here: scenario validation, ``doorstroom params``,
``docs/parameters.md``, the ledger, the policies, the report and the dashboard.
A table that is incomplete fails on import, not in a council's report.

This package imports nothing else of ``simulation``, so ``validate`` and ``params``
stay fast and inputs never depend on the model.
"""

from __future__ import annotations

from typing import Any

from .country import NATIONAL
from .money import CORE_CATEGORIES, NON_COST_CATEGORIES, ONTSCHOT_PAYER, PAYERS, UWV_PAYER
from .parameters import (
    DEFAULT_ORGANISATIONS,
    GROUP_LABELS,
    GROUPS,
    KIND_FITS,
    ORGANISATION_FIELDS,
    ORGANISATIONS_KEY,
    PROVIDER_KINDS,
    WHO_AND_HOW,
)
from .records import LANGS, Category, Label, Param, Payer, Regime, Variant
from .variants import OWN_POLICY, OWN_POLICY_LABEL, REGIMES, VARIANTS
from .work_and_money import WORK_AND_MONEY

#: Every parameter: the core ones, then each variant's own.
PARAMS: tuple[Param, ...] = (*WHO_AND_HOW, *NATIONAL, *WORK_AND_MONEY,
                             *(p for v in VARIANTS for p in v.params))
BY_KEY: dict[str, Param] = {p.key: p for p in PARAMS}

REGIME_NAMES: tuple[str, ...] = tuple(r.name for r in REGIMES)
VARIANT_NAMES: tuple[str, ...] = tuple(v.name for v in VARIANTS)
REGIME_BY_NAME: dict[str, Regime] = {r.name: r for r in REGIMES}
VARIANT_BY_NAME: dict[str, Variant] = {v.name: v for v in VARIANTS}

#: Every ledger category, in ledger order: core costs, the variants' own, then the rest.
CATEGORIES: dict[str, Category] = {c.name: c for c in (
    *CORE_CATEGORIES, *(c for v in VARIANTS for c in v.categories), *NON_COST_CATEGORIES)}
COST_CATEGORIES: tuple[str, ...] = tuple(c for c, r in CATEGORIES.items() if r.kind == "cost")
PAYER_BY_NAME: dict[str, Payer] = {p.name: p for p in PAYERS}
PAYER_NAMES: tuple[str, ...] = tuple(PAYER_BY_NAME)
#: Who pays each category unless a policy part says otherwise.
DEFAULT_PAYER: dict[str, str] = {c: r.payer for c, r in CATEGORIES.items()}


def money_column(category: str) -> str:
    """A category's column in metrics and series: ``cost_<name>_eur`` for a cost,
    ``<name>_eur`` for the rest (``benefits_saved_eur``)."""
    return f"cost_{category}_eur" if CATEGORIES[category].kind == "cost" else f"{category}_eur"


def payer_column(payer: str) -> str:
    """A payer's column in metrics and series: what it paid in costs."""
    return f"payer_{payer}_eur"


def defaults() -> dict[str, Any]:
    """Every parameter at its declared default (lists copied)."""
    return {p.key: (list(p.default) if isinstance(p.default, list) else p.default)
            for p in PARAMS}


def uncertain_params() -> list[Param]:
    """The parameters nobody has measured (evidence §11), for sensitivity analysis."""
    return [p for p in PARAMS if p.uncertain]


def _check() -> None:
    """The tables agree with each other (a mistake here is ours, found on import)."""
    names = [*REGIME_NAMES, *VARIANT_NAMES]
    owned = [c.name for v in VARIANTS for c in v.categories]
    problems = [
        *(["a parameter key is declared twice"] if len(BY_KEY) != len(PARAMS) else []),
        *(["a regime or variant name is declared twice"] if len(set(names)) != len(names)
          else []),
        *(["a ledger category is declared twice"]
          if len(CATEGORIES) != len(CORE_CATEGORIES) + len(owned) + len(NON_COST_CATEGORIES)
          else []),
        *(f"category {c.name}: kind {c.kind!r} is not cost, saving or transfer"
          for c in CATEGORIES.values() if c.kind not in ("cost", "saving", "transfer")),
        *(f"category {c.name}: unknown payer {c.payer!r}"
          for c in CATEGORIES.values() if c.payer not in PAYER_BY_NAME),
        *(f"category {c.name}: unknown UWV payer {c.uwv_payer!r}"
          for c in CATEGORIES.values() if c.uwv_payer not in (None, *PAYER_BY_NAME)),
    ]
    if problems:
        raise ValueError("declarations: " + "; ".join(problems))


_check()

__all__ = [
    "BY_KEY", "CATEGORIES", "COST_CATEGORIES", "Category", "DEFAULT_ORGANISATIONS",
    "DEFAULT_PAYER", "GROUPS", "GROUP_LABELS", "KIND_FITS", "LANGS", "Label", "ONTSCHOT_PAYER",
    "ORGANISATIONS_KEY", "ORGANISATION_FIELDS", "OWN_POLICY", "OWN_POLICY_LABEL", "PARAMS",
    "PAYERS", "PAYER_BY_NAME", "PAYER_NAMES", "PROVIDER_KINDS", "Param", "Payer", "REGIMES",
    "REGIME_BY_NAME", "REGIME_NAMES", "Regime", "UWV_PAYER", "VARIANTS", "VARIANT_BY_NAME",
    "VARIANT_NAMES", "Variant",
    "defaults", "money_column", "payer_column", "uncertain_params",
]
