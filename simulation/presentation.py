"""What the report, the dashboard and the command line show alike: numbers as a reader
writes them, names of things in Dutch or English, the colours of the two policy sets.

Names come from the declarations (``simulation.declarations``, ``simulation.metrics``);
nothing here declares a label of its own.
"""

from __future__ import annotations

import math
import re

from .declarations import (
    CATEGORIES,
    GROUP_LABELS,
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
    """A number as users read it (Dutch: 1.234,5; English: 1,234.5)."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    digits = 0 if money or abs(x) >= 100 else (1 if abs(x) >= 10 else 2)
    text = f"{x:,.{digits}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return ("€ " + text) if money else text


def fmt_range(low, high, lang: str = "nl", money: bool = False) -> str | None:
    """An interval as "low … high", or ``None`` when there is none (one replication, or
    no ratio to take); the caller says in its own words that there is none."""
    if low is None or high is None or low != low:
        return None
    return f"{fmt(low, lang, money)} … {fmt(high, lang, money)}"


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
    before, colon, _ = head.partition(": ")
    return before if colon and len(before.split()) >= 2 else head
