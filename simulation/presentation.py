"""What the report, the dashboard and the command line show alike: numbers as a reader
writes them, names of things in Dutch or English, the colours of the two policy sets.

Names come from the declarations (``simulation.declarations``, ``simulation.metrics``);
nothing here declares a label of its own.
"""

from __future__ import annotations

import math
import numbers
import re

from .declarations import (
    CATEGORIES,
    GROUP_LABELS,
    OWN_POLICY,
    OWN_POLICY_LABEL,
    PAYER_BY_NAME,
    REGIME_BY_NAME,
    VARIANT_BY_NAME,
    Param,
)
from .metrics import BY_NAME as METRIC_BY_NAME

#: The first and the second policy set of a comparison, in every chart.
COLORS = ("#1f77b4", "#d95f02")
#: The outcomes a council asks about first, in the order the report and dashboard show them.
MAIN_METRICS = (
    "net_cost_eur", "cost_total_eur", "cost_day_activity_eur", "cost_assessment_eur",
    "benefits_saved_eur", "jobs_started", "jobs_sustained_12m", "participants_served",
    "mean_in_day_activity", "mean_access_wait_months", "waits_beyond_legal_term",
    "waiting_end", "cost_per_participant_year_eur", "job_retention_12m",
)


def fmt(x, lang: str = "nl", money: bool = False) -> str:
    """A number as users read it (Dutch: 1.234,5; English: 1,234.5), with the digits it
    needs: whole euros and whole numbers from 100, one decimal from 10, two below that,
    and two significant digits below 0.01, so a small value never reads as 0."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    size = abs(x)
    if money or size >= 100 or size < 1e-9:
        digits = 0
    elif size >= 0.01:
        digits = 1 if size >= 10 else 2
    else:
        digits = 1 - math.floor(math.log10(size))
    text = f"{x:,.{digits}f}"
    if digits > 2:  # two significant digits: no zeros after them
        text = text.rstrip("0")
    return _localised(text, lang, money)


def _localised(text: str, lang: str, money: bool = False) -> str:
    """English digits as the language writes them, without a minus before a zero."""
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return ("€ " + text) if money else text


def fmt_range(low, high, lang: str = "nl", money: bool = False) -> str | None:
    """An interval as "low … high", or ``None`` when there is none (one replication, or
    no ratio to take); the caller says in its own words that there is none."""
    if low is None or high is None or low != low:
        return None
    return f"{fmt(low, lang, money)} … {fmt(high, lang, money)}"


def fmt_percent(share: float, lang: str = "nl") -> str:
    """A share as a whole percentage ("85%"): how often, of a few dozen draws."""
    return fmt_input(round(100 * share), lang) + "%"


def fmt_input(x: float, lang: str = "nl") -> str:
    """An input value as it was set (up to four significant digits, no trailing zeros):
    0.0035 stays 0,0035 and 480000 reads 480.000."""
    if not math.isfinite(x):
        return "–"
    if x == int(x):
        return _localised(f"{int(x):,}", lang)
    digits = max(0, 3 - math.floor(math.log10(abs(x))))
    return _localised(f"{x:,.{digits}f}".rstrip("0").rstrip("."), lang)


def fmt_param(param: Param, value, lang: str = "nl", multiplier: bool = False) -> str:
    """A parameter's value in its unit: euros, a share as a percentage, a list as its
    values; with ``multiplier`` a factor on the declared values (how the plausible
    range of a list and its draws are given), written "× 1,2"."""
    if multiplier:
        return "× " + fmt_input(value, lang)
    if isinstance(value, (list, tuple)):
        return " / ".join(fmt_param(param, v, lang) for v in value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    if param.unit.startswith("EUR"):
        return "€ " + fmt_input(value, lang)
    if param.unit == "share":
        return fmt_input(100 * value, lang) + "%"
    return fmt_input(value, lang)


def is_total_money(name: str) -> bool:
    """Money summed over the horizon (a cost, a payer's share, benefits), which a council
    also wants per year; a ratio such as cost per participant-year is not."""
    metric = METRIC_BY_NAME.get(name)
    return metric is not None and metric.unit == "EUR" and metric.weighted_by is None


def policy_name(label: str, lang: str = "nl", alternatives=()) -> str:
    """A policy set as readers call it: the regime's and the variants' short declared
    names ("algemene voorziening + vangnet na baanverlies"), a named alternative's
    name in words (``switch_to_open_access`` -> "switch to open access"), or what ``own``
    stands for."""
    if label == OWN_POLICY:
        return OWN_POLICY_LABEL(lang)
    if label in alternatives:
        return label.replace("_", " ")
    regime, *variants = (part.strip() for part in label.split("+"))
    if regime not in REGIME_BY_NAME or any(v not in VARIANT_BY_NAME for v in variants):
        return label
    return " + ".join([_short(regime_label(regime, lang)),
                       *(_short(variant_label(v, lang)) for v in variants)])


def _short(name: str) -> str:
    """A declared name without its explanation in brackets."""
    return name.split(" (", 1)[0]


def metric_label(name: str, lang: str = "nl") -> str:
    """A metric's name for readers (a PSA column or unknown name as it is)."""
    metric = METRIC_BY_NAME.get(name)
    return metric.label(lang) if metric else name


def is_money(name: str) -> bool:
    metric = METRIC_BY_NAME.get(name)
    return metric is not None and metric.unit == "EUR"


def category_label(name: str, lang: str = "nl") -> str:
    return CATEGORIES[name].label(lang)


def payer_label(name: str, lang: str = "nl", short: bool = False) -> str:
    payer = PAYER_BY_NAME[name]
    return (payer.short if short else payer.label)(lang)


def group_label(name: str, lang: str = "nl") -> str:
    return GROUP_LABELS[name](lang)


def variant_label(name: str, lang: str = "nl") -> str:
    return VARIANT_BY_NAME[name].label(lang)


def regime_label(name: str, lang: str = "nl") -> str:
    return REGIME_BY_NAME[name].label(lang)


def param_name(param: Param, lang: str = "nl") -> str:
    """A parameter's name for readers: its declared Dutch label, or in English the first
    clause of its one-line ``meaning`` (up to ``;`` or a parenthesis, no full stop), with
    a leading "X: y" shortened to "X" when X is a noun phrase of its own.

    The declarations keep one English sentence per parameter rather than a second label,
    so the English name is taken from that sentence.
    """
    if lang == "nl":
        return param.label_nl
    head = re.split(r";|\s\(", param.meaning, maxsplit=1)[0].strip().rstrip(".")
    head = _CODE_CLAUSE.sub("", head)
    before, colon, _ = head.partition(": ")
    return before if colon and len(before.split()) >= 2 else head


#: A clause of a ``meaning`` that names another parameter by its key (", when
#: voorziening.budget_rule is fixed", " in jobcoach.intensity_by_year"): readers get none.
_CODE_CLAUSE = re.compile(r"(?:,[^,]*?|\s(?:in|of))\s[a-z_]+\.[a-z_]+(?:\sis\s\w+)?")
