"""What ``run`` and ``compare`` write into a results folder, for the command line and the
dashboard alike: the contract's JSON, the tables, the report, the resolved scenario.

Writing is atomic per file; ``output.output_dir`` makes the folder appear whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import __version__
from .economics import acceptability, cost_effectiveness
from .experiment import Results
from .output import write_csv, write_json, write_text
from .report import write_report


def comparison_json(results: Results, version: str = __version__) -> dict[str, Any]:
    """The contract's ``comparison.json`` content."""
    a, b = results.policies[:2]
    table = results.comparison(a, b)
    metrics = {}
    for row in table.itertuples(index=False):
        metrics[row.metric] = {a: row[1], b: row[2], "difference": row.difference,
                               "ci95": [row.ci95_low, row.ci95_high]}
    return {"scenario": results.scenario.name, "seed": results.seed,
            "replications": results.replications, "version": version,
            "scenario_sha256": results.scenario.sha256, "policies": [a, b],
            "psa": results.psa, "metrics": metrics,
            "cost_effectiveness": cost_effectiveness(results, a, b, results.seed),
            "acceptability": acceptability(results, a, b).to_dict("list")}


def summary_json(results: Results, policy: str, version: str = __version__) -> dict[str, Any]:
    """The contract's ``summary.json`` content for one policy."""
    sc = results.scenario
    summ = results.summary(policy)
    params: dict[str, Any] = dict(sc.values)
    params["providers.organisations"] = [dict(o) for o in sc.organisations]
    return {"scenario": sc.name, "policy": policy, "seed": results.seed,
            "months": sc["simulation.months"], "replications": results.replications,
            "version": version, "scenario_sha256": sc.sha256, "parameters": params,
            "metrics": {m: v["mean"] for m, v in summ.items()},
            "metrics_ci95": {m: v["ci95"] for m, v in summ.items()}}


def write_results(folder: Path, res: Results, command: str, lang: str = "nl",
                  sensitivity: dict | None = None) -> None:
    """Every result file of ``run`` or ``compare`` into ``folder`` (no provenance)."""
    if command == "run":
        policy = res.policies[0]
        write_json(folder / "summary.json", summary_json(res, policy))
        tables = {name: df.drop(columns="policy") for name, df in (
            ("replications", res.metrics), ("timeseries", res.timeseries),
            ("ledger", res.ledger))}
    else:
        data = comparison_json(res)
        if sensitivity:
            data["sensitivity"] = {"tornado": sensitivity["tornado"].to_dict("records"),
                                   "break_even": sensitivity["break_even"]}
        write_json(folder / "comparison.json", data)
        tables = {"replications": res.metrics, "timeseries": res.timeseries,
                  "ledger": res.ledger}
        if sensitivity:
            tables["tornado"] = sensitivity["tornado"]
        write_report(res, folder, lang=lang, sensitivity=sensitivity)
    if res.municipalities is not None:  # a national scenario: every municipality's runs
        tables["municipalities"] = res.municipalities
        if command != "run":
            tables["municipalities_comparison"] = res.by_municipality()
    for name, df in tables.items():
        write_csv(folder / f"{name}.csv", df)
    write_text(folder / "scenario.toml", res.scenario.to_toml())
