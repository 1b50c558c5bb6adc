"""The kinds of record a domain item is declared as: parameter, regime, variant, payer,
ledger category. Plain frozen data; the tables that hold them are the modules beside
this one, and ``declarations/__init__.py`` assembles them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

LANGS = ("nl", "en")


@dataclass(frozen=True)
class Label:
    """A name in Dutch (the default) and English."""

    nl: str
    en: str

    def __call__(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Param:
    """One declared parameter.

    Attributes:
        key: dotted name as it stands in a scenario TOML (``section.name``).
        kind: ``int``, ``float``, ``str``, ``list[float]`` or ``list[str]``.
        unit: unit of the value (``"-"`` for a pure number or share).
        default: value used when a scenario does not set it.
        low, high: allowed range (inclusive) for numbers and list elements.
        source: a section of docs/evidence.md (``"evidence §N: ..."``), a source
            article (``"article 00N (place): ..."``, evidence §14), or
            ``"assumption: why"``.
        label_nl: Dutch label for reports and the dashboard.
        meaning: one line in English on what it does in the model.
        choices: allowed values for ``str`` and ``list[str]``.
        length: required length for lists (``None``: any length).
        plausible: for what nobody has measured (evidence §11), the range the
            probabilistic sensitivity analysis draws from (for a list: multipliers of the
            default); ``None`` for what is known or is a policy lever.
    """

    key: str
    kind: str
    unit: str
    default: Any
    low: float | None
    high: float | None
    source: str
    label_nl: str
    meaning: str
    choices: tuple[str, ...] | None = None
    length: int | None = None
    plausible: tuple[float, float] | None = None

    @property
    def uncertain(self) -> bool:
        return self.plausible is not None

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]


def param(key, kind, unit, default, low, high, source, label_nl, meaning, **kw) -> Param:
    """A ``Param`` written positionally, as the parameter tables write them."""
    return Param(key, kind, unit, default, low, high, source, label_nl, meaning, **kw)


@dataclass(frozen=True)
class Payer:
    """Who pays a euro in Dutch law.

    Attributes:
        name: the ledger's name for it (``payer_<name>_eur`` in the metrics).
        label: full name, as a report's table says it.
        short: a few words, as a chart's axis says it.
        level: ``municipality`` (the council's own budgets) or ``national``.
        law: the law or budget it pays under.
    """

    name: str
    label: Label
    short: Label
    level: str
    law: str


@dataclass(frozen=True)
class Category:
    """A kind of payment in the ledger.

    Attributes:
        name: the ledger's name (``cost_<name>_eur`` in the metrics for a cost).
        kind: ``cost`` (adds to the total cost), ``saving`` (benefits no longer paid) or
            ``transfer`` (income support itself, reported apart).
        payer: who pays it unless a policy part says otherwise (``Payer.name``).
        label: what a report calls it.
        rule: how the model computes it, in a line (for docs/parameters.md).
        uwv_payer: who pays it for a resident on a UWV benefit (Wajong, WIA), where the law
            gives that to UWV rather than to ``payer``; ``None``: ``payer`` for everyone.
    """

    name: str
    kind: str
    payer: str
    label: Label
    rule: str
    uwv_payer: str | None = None


@dataclass(frozen=True)
class Regime:
    """A way of giving access to day activities and paying for them."""

    name: str
    label: Label
    meaning: str


@dataclass(frozen=True)
class Variant:
    """A policy variant a scenario can switch on beside its regime.

    Its class in ``simulation/policies.py`` has the same ``name``. A variant owns the
    parameters and ledger categories only it uses; they join the registry and the ledger
    like any other (``declarations/__init__.py``).
    """

    name: str
    label: Label
    source: str
    meaning: str
    params: tuple[Param, ...] = ()
    categories: tuple[Category, ...] = ()
    #: Given a scenario's values, why the variant has nothing to act on there (or ``None``).
    idle: Callable[[Mapping[str, Any]], str | None] | None = None
