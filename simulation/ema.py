"""The model as an EMA Workbench model, and scenario discovery with PRIM.

EMA Workbench (``pip install ema-workbench``; 2.5 on Python 3.11, 3.x on newer) is an
optional extra. Uncertainties come from the parameters nobody has measured (their
plausible ranges), levers from the policy knobs a council sets, outcomes from the metrics
of a paired comparison (second policy set minus first).
"""

from __future__ import annotations

import inspect
import warnings
from pathlib import Path
from typing import Sequence

import pandas as pd

from .declarations import BY_KEY, uncertain_params
from .errors import InputError
from .experiment import run_replications
from .runs import plausible_value
from .scenario import Scenario
from .scenario_checks import RULED_VALUES
from .sweep import responses

LEVERS = ("voorziening.budget_per_year_eur", "indicatie.assessments_per_month")
OUTCOMES = ("net_cost_eur", "jobs_sustained_12m", "participants_served")


def _workbench():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns about optional parallel back-ends
        try:
            import ema_workbench
        except ImportError:
            raise InputError("EMA Workbench is not installed: pip install ema-workbench") \
                from None
    return ema_workbench


def ema_name(key: str) -> str:
    """EMA Workbench wants Python identifiers: ``a.b`` becomes ``a__b``."""
    return key.replace(".", "__")


def scenario_key(name: str) -> str:
    """The scenario key of an EMA Workbench name."""
    return name.replace("__", ".")


def ema_model(scenario: Scenario, policies: Sequence[str] = ("indicatie", "voorziening"),
              replications: int = 2, outcomes: Sequence[str] = OUTCOMES, seed: int = 1):
    """An ``ema_workbench.Model`` whose outcomes are the mean paired differences.

    Example::

        from ema_workbench import perform_experiments
        from simulation import load_scenario
        sc = load_scenario("scenarios/baseline.toml", {"simulation.months": 24})
        experiments, outcomes = perform_experiments(ema_model(sc), scenarios=8)
    """
    ema = _workbench()

    a, b = policies
    params = [p for p in uncertain_params() if p.kind in ("int", "float", "list[float]")]

    def run(**values) -> dict[str, float]:
        over = {}
        for name, x in values.items():
            key = scenario_key(name)
            p = BY_KEY[key]
            over[key] = plausible_value(p, scenario, x) if p.plausible else (
                int(round(x)) if p.kind == "int" else float(x))
        res = run_replications(scenario.with_overrides(over), (a, b), replications, seed,
                               progress=False)
        da, db = res.of(a), res.of(b)
        return {m: float((db[m] - da[m]).mean()) for m in outcomes}

    model = ema.Model("doorstroom", function=run)
    model.uncertainties = [ema.RealParameter(ema_name(p.key), *p.plausible) for p in params]
    levers = []
    unused = {value for rule, choice, value in RULED_VALUES if scenario[rule] != choice}
    for key in (k for k in LEVERS if k not in unused):  # a lever the rules use
        p = BY_KEY[key]
        lo, hi = scenario[key] * 0.5, scenario[key] * 1.5
        levers.append(
            ema.IntegerParameter(ema_name(key), int(max(lo, p.low)), int(max(hi, lo + 1)))
            if p.kind == "int" else ema.RealParameter(ema_name(key), lo, max(hi, lo + 1e-9)))
    model.levers = levers
    model.outcomes = [ema.ScalarOutcome(m) for m in outcomes]
    return model


def discover(folder: Path, metric: str, difference: bool = True,
             above: float = 0.0) -> dict:
    """PRIM on a sweep: which parameter ranges make ``metric`` exceed ``above``.

    With ``difference`` (a ``--compare`` sweep) the response is the mean paired difference
    (second policy set minus first) per sample, e.g. where voorziening costs more.
    """
    _workbench()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # optional interactive back-ends it cannot find
        from ema_workbench.analysis import prim

    spec, results, y = responses(Path(folder), metric, difference)
    x = results.drop_duplicates("sample").set_index("sample")[spec.params].loc[y.index]
    hit = (y.to_numpy() > above)
    if hit.all() or not hit.any():
        share = "every" if hit.all() else "no"
        return {"rule": f"{share} sample has {metric} above {above:g}", "coverage": 1.0,
                "density": float(hit.mean()), "limits": {}, "cases": int(hit.sum()),
                "samples": int(hit.size)}
    kwargs = {"peel_alpha": 0.1}
    if "threshold" in inspect.signature(prim.Prim.__init__).parameters:  # EMA 2.x
        kwargs["threshold"] = 0.6
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        algorithm = prim.Prim(x.reset_index(drop=True), hit, **kwargs)
        box = algorithm.find_box()
    # The box's limits on every parameter it restricts (both EMA 2.x and 3.x keep the
    # trajectory of boxes in ``box_lims`` and the unrestricted box in ``box_init``).
    lims, init = box.box_lims[box._cur_box], algorithm.box_init
    limits = {c: [float(lims[c].iloc[0]), float(lims[c].iloc[1])] for c in lims.columns
              if (lims[c].iloc[0], lims[c].iloc[1]) != (init[c].iloc[0], init[c].iloc[1])}
    rule = " and ".join(f"{k} in [{lo:.4g}, {hi:.4g}]" for k, (lo, hi) in limits.items()) \
        or "the whole range"
    return {"rule": rule, "coverage": float(box.coverage), "density": float(box.density),
            "limits": limits, "cases": int(hit.sum()), "samples": int(hit.size),
            "x": x, "hit": hit}


def discovery_table(found: dict) -> pd.DataFrame:
    return pd.DataFrame([{"parameter": k, "low": v[0], "high": v[1]}
                         for k, v in found["limits"].items()])
