"""The "run 30 replications" button: paired replications and the comparison table.

The button runs ``experiment.run_replications`` on the scenario and the two policy sets
the page shows, in two worker processes, reporting progress as runs finish. The table
it fills is ``Results.comparison``: both means, the paired difference and its 95%
interval, for the outcomes a council asks about first.
"""

from __future__ import annotations

import os
from typing import Callable

from ..experiment import Results, run_replications
from ..report import MAIN_METRICS, METRIC_LABELS_NL, fmt
from .controls import Setup
from .texts import text

DEFAULT_REPLICATIONS = 30
#: Tests and slow machines set fewer replications here (the page says how many it runs).
REPLICATIONS_ENV = "DOORSTROOM_DASHBOARD_REPLICATIONS"
WORKERS = 2
TABLE_METRICS = (*MAIN_METRICS, "payer_wmo_eur", "payer_pw_benefits_eur",
                 "payer_pw_reintegration_eur", "payer_ontschot_eur")


def replication_count() -> int:
    """How many replications the button runs: 30, or ``$DOORSTROOM_DASHBOARD_REPLICATIONS``."""
    raw = os.environ.get(REPLICATIONS_ENV, "")
    try:
        n = int(raw) if raw.strip() else DEFAULT_REPLICATIONS
    except ValueError:
        n = DEFAULT_REPLICATIONS
    return min(max(n, 2), 1000)


def key(setup: Setup) -> tuple:
    """What results belong to: the scenario's fingerprint, the policy pair and the seed."""
    sha = setup.scenario.sha256 if setup.scenario is not None else None
    return (sha, setup.policies, setup.seed)


def run(setup: Setup, replications: int,
        on_progress: Callable[[int, int], None] | None = None) -> Results:
    """Paired replications of both policy sets (common random numbers per replication)."""
    if setup.scenario is None:
        raise ValueError("no valid scenario to replicate")
    return run_replications(setup.scenario, setup.policies, replications, seed=setup.seed,
                            workers=WORKERS, progress=False, on_progress=on_progress)


def metric_label(metric: str, lang: str) -> str:
    if lang == "nl":
        return METRIC_LABELS_NL.get(metric, metric)
    words = metric.removesuffix("_eur").replace("_", " ")
    return f"{words[:1].upper()}{words[1:]}" + (" (EUR)" if metric.endswith("_eur") else "")


def table(results: Results, lang: str = "nl") -> list[list[str]]:
    """The comparison as rows of text, header first, numbers as the page's language writes
    them; payers that paid nothing under either policy are left out."""
    a, b = results.policies[:2]
    by = results.comparison(a, b).set_index("metric")
    one = results.replications < 2
    rows = [[text(lang, "metric"), a, b, text(lang, "difference", a=a, b=b),
             text(lang, "interval")]]
    for m in TABLE_METRICS:
        r = by.loc[m]
        if m.startswith("payer_") and not (r[a] or r[b]):
            continue
        money = m.endswith("_eur")
        low, high = r["ci95_low"], r["ci95_high"]
        interval = (text(lang, "no_interval") if one or low is None or low != low
                    else f"{fmt(low, lang, money)} … {fmt(high, lang, money)}")
        rows.append([metric_label(m, lang), fmt(r[a], lang, money), fmt(r[b], lang, money),
                     fmt(r["difference"], lang, money), interval])
    return rows
