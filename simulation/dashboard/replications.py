"""The "run 30 replications" button: paired replications, their results folder and the
comparison table.

The button runs ``experiment.run_replications`` on the scenario and the two policy sets
the page shows, in two worker processes, reporting progress as runs finish, and saves
every result file (as ``doorstroom compare`` writes them) in a new folder under the
page's results root. The table it fills is ``Results.comparison``: both means, the
paired difference and its 95% interval, for the outcomes a council asks about first and
what each payer paid.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from .. import provenance
from ..declarations import PAYER_NAMES, payer_column
from ..experiment import Results, run_replications
from ..output import claim, output_dir, write_json
from ..presentation import MAIN_METRICS, fmt, fmt_range, is_money, metric_label
from ..results_folder import write_results
from .controls import Setup
from .files import new_folder, results_root
from .texts import text

DEFAULT_REPLICATIONS = 30
#: Tests and slow machines set fewer replications here (the page says how many it runs).
REPLICATIONS_ENV = "DOORSTROOM_DASHBOARD_REPLICATIONS"
WORKERS = 2
TABLE_METRICS = (*MAIN_METRICS, *(payer_column(p) for p in PAYER_NAMES))


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


def save(results: Results, lang: str, root: Path | None = None) -> Path:
    """Every result file of a comparison (as ``doorstroom compare`` writes them) in a new
    folder under the results root; ``doorstroom reproduce`` can rerun it."""
    root = results_root() if root is None else Path(root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    folder = new_folder(root, results.scenario.name)
    with claim(folder, label=str(folder)), output_dir(folder, label=str(folder)) as tmp:
        write_results(tmp, results, "compare", lang)
        write_json(tmp / provenance.FILE, provenance.record(
            ["dashboard"], "compare", results.scenario, results.seed, results.replications,
            results.policies, lang))
    return folder


def table(results: Results, lang: str = "nl") -> list[list[str]]:
    """The comparison as rows of text, header first, numbers as the page's language writes
    them; payers that paid nothing under either policy are left out."""
    a, b = results.policies[:2]
    by = results.comparison(a, b).set_index("metric")
    one = results.replications < 2
    rows = [[text(lang, "metric"), a, b, text(lang, "difference", a=a, b=b),
             text(lang, "interval")]]
    payers = {payer_column(p) for p in PAYER_NAMES}
    for m in TABLE_METRICS:
        r = by.loc[m]
        if m in payers and not (r[a] or r[b]):
            continue
        money = is_money(m)
        interval = ((None if one else fmt_range(r["ci95_low"], r["ci95_high"], lang, money))
                    or text(lang, "no_interval"))
        rows.append([metric_label(m, lang), fmt(r[a], lang, money), fmt(r[b], lang, money),
                     fmt(r["difference"], lang, money), interval])
    return rows
