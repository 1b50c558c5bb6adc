"""``run``, ``compare``, ``reproduce`` and ``check-targets``: simulate and write results."""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path

from .. import budget, economics, provenance
from ..errors import InputError, option
from ..experiment import run_replications
from ..input_files import read_json
from ..output import claim, output_dir, write_json
from ..presentation import MAIN_METRICS, fmt
from ..results_folder import write_results
from ..scenario import load
from ..scenario_checks import idle_variants
from ..targets import (
    DEFAULT_FILE,
    GROUP_MEANING,
    GROUPS,
    evaluate,
    load_targets,
    policies_needed,
    tally,
)
from .common import default_out, executor_from, scenario_from, workers_from


def run(args) -> int:
    return _simulate_and_write(args, "run")


def compare(args) -> int:
    return _simulate_and_write(args, "compare")


def _simulate_and_write(args, command: str) -> int:
    sc = scenario_from(args)
    for note in idle_variants(sc):
        print(f"doorstroom: note: {note}", file=sys.stderr)
    labels = (args.policy,) if command == "run" else (args.a, args.b)
    policies = tuple(sc.policy(label).label for label in labels)  # refuses unknown ones
    if len(set(policies)) < len(policies):
        raise InputError(f"--a and --b name the same policy set '{policies[0]}'")
    out = args.out or default_out(sc, policies[0] if command == "run" else "compare")
    lang = getattr(args, "lang", None)
    sens_reps = getattr(args, "sensitivity_replications", None) if getattr(
        args, "sensitivity", False) else None
    if sens_reps is not None:
        _check_sensitivity(sc, policies, sens_reps, workers_from(args))
    with claim(out, args.force):  # before the runs: a bad --out is said at once
        with executor_from(args) as ex:
            res = run_replications(sc, policies, sc["simulation.replications"],
                                   psa=args.psa, executor=ex)
            sensitivity = _sensitivity(sc, policies, sens_reps, res.seed, ex)
        with output_dir(out, args.force) as tmp:
            write_results(tmp, res, command, lang or "nl", sensitivity)
            write_json(tmp / provenance.FILE, provenance.record(
                args.argv, command, sc, res.seed, res.replications, policies, lang,
                psa=args.psa, sensitivity_replications=sens_reps))
    if not args.quiet:
        if command == "run":
            _print_run(res, policies[0])
        else:
            _print_comparison(res)
            _precision_note(res)
    print(f"results: {out}" if command == "run" else f"report: {out / 'report.html'}")
    return 0


def _check_sensitivity(sc, policies, replications: int, workers: int) -> None:
    """Refuse ``--sensitivity`` runs that give no interval or are too big, before any run."""
    if replications < 2:
        raise InputError(f"{option('sensitivity_replications', replications)}: choose 2 or "
                         "more (an interval at each point needs two replications)")
    budget.check(sc.values, sc.municipalities, len(policies), replications,
                 samples=economics.sensitivity_points(), workers=workers, unit="points",
                 origin="--sensitivity: ")


def _sensitivity(sc, policies, replications: int | None, seed: int, executor) -> dict | None:
    """Tornado and break-even for a comparison, when asked for (``--sensitivity``)."""
    if not replications:
        return None
    a, b = policies
    print("doorstroom: sensitivity runs (tornado and break-even) ...", file=sys.stderr)
    return {"tornado": economics.tornado(sc, a, b, replications, seed, executor=executor),
            "break_even": economics.break_even(sc, a, b, replications, seed,
                                               executor=executor)}


def reproduce(args) -> int:
    """Rerun a results folder from its provenance and scenario; compare every file."""
    folder = Path(args.folder)
    rec_path = folder / provenance.FILE
    if not rec_path.is_file() or not (folder / "scenario.toml").is_file():
        raise InputError(f"{folder}: not a doorstroom results folder (needs {provenance.FILE} "
                         "and scenario.toml)")
    rec = read_json(rec_path, "a provenance record")
    try:
        rerun = rec["rerun"]
        command, policies = rerun["command"], tuple(rerun["policies"])
        seed, reps = int(rerun["seed"]), int(rerun["replications"])
        name = str(rerun["scenario_name"])
        sens_reps = rerun.get("sensitivity_replications")
        sens_reps = None if sens_reps is None else int(sens_reps)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{rec_path}: unreadable provenance record ({exc})") from None
    sc = load(folder / "scenario.toml", rerun.get("overrides") or {})
    sc = dataclasses.replace(sc, name=name)
    for note in provenance.verify(rec, sc, folder):  # recomputed, not taken on trust
        print(f"note: {note}", file=sys.stderr)
    if sens_reps is not None:
        _check_sensitivity(sc, policies, sens_reps, workers_from(args))
    with executor_from(args) as ex:
        res = run_replications(sc, policies, reps, seed=seed, psa=bool(rerun.get("psa")),
                               executor=ex)
        sensitivity = _sensitivity(sc, policies, sens_reps, seed, ex)
    different = []
    with tempfile.TemporaryDirectory() as tmp:
        write_results(Path(tmp), res, command, rerun.get("lang") or "nl", sensitivity)
        for path in sorted(Path(tmp).iterdir()):
            original = folder / path.name
            if not original.is_file() or original.read_bytes() != path.read_bytes():
                different.append(path.name)
    if different:
        print(f"NOT reproduced: {', '.join(different)} differ from {folder}")
        return 1
    print(f"reproduced: every result file in {folder} is identical "
          f"(fingerprint {rec['fingerprint'][:12]}, checked against the scenario, the code "
          "and the input tables)")
    return 0


def check_targets(args) -> int:
    """Each target beside the model's value (PASS, OFF, or N/A: not modelled), validation,
    calibration and consistency checks apart, so restated inputs are not read as evidence."""
    path = args.targets or DEFAULT_FILE
    targets = load_targets(path)
    sc = scenario_from(args)
    with executor_from(args) as ex:
        res = run_replications(sc, policies_needed(targets, sc), sc["simulation.replications"],
                               executor=ex)
    rows = evaluate(targets, res, sc)
    print(f"{sc.name}: {res.replications} replications, {sc['simulation.months']} months, "
          f"targets from {path}")
    for name in GROUPS:
        group = [r for r in rows if r["group"] == name]
        if group:
            print(f"\n{name} ({GROUP_MEANING[name]})")
        for r in group:
            value = "–" if r["value"] != r["value"] else f"{r['value']:.3g}"
            print(f"  {r['status']:4}  {r['observable']:52} {r['policy']:11} {value:>8} "
                  f"in [{r['low']:g} .. {r['high']:g}]")
            print(f"        evidence for: {r['evidence']}")
            print(f"        source: {r['source']}")
            if r["status"] == "N/A":
                print(f"        not modelled: {r['reason']}")
    print(f"\n{tally(rows)}")
    return 0


def _precision_note(res) -> None:
    """Say how many replications a tighter interval on the net-cost difference would need."""
    row = res.comparison().set_index("metric").loc["net_cost_eur"]
    if res.replications < 2 or row.ci95_low is None:
        print("note: one replication gives no interval; use --replications 30 or more",
              file=sys.stderr)
        return
    half = (row.ci95_high - row.ci95_low) / 2
    if row.difference and half > 0.1 * abs(row.difference):
        need = int(res.replications * (half / (0.1 * abs(row.difference))) ** 2) + 1
        print(f"note: the net-cost difference is known to ±{fmt(half, 'en', money=True)}; "
              f"about {need} replications would narrow that to ±10%", file=sys.stderr)


def _print_run(res, policy: str) -> None:
    summ = res.summary(policy)
    print(f"{res.scenario.name}: {policy}, {res.replications} replications, "
          f"{res.scenario['simulation.months']} months")
    for m in ("participants_served", "jobs_started", "jobs_sustained_12m", "cost_total_eur",
              "net_cost_eur", "mean_assessment_wait_months"):
        lo, hi = summ[m]["ci95"]
        ci = f"  [{fmt(lo, 'en')} .. {fmt(hi, 'en')}]" if lo is not None else ""
        print(f"  {m:32} {fmt(summ[m]['mean'], 'en'):>14}{ci}")


def _print_comparison(res) -> None:
    a, b = res.policies
    table = res.comparison(a, b).set_index("metric")
    print(f"{res.scenario.name}: {res.replications} paired replications, "
          f"{res.scenario['simulation.months']} months")
    print(f"  {'metric':32} {a:>14} {b:>14} {'difference':>14}  95% interval")
    for m in MAIN_METRICS:
        r = table.loc[m]
        ci = "" if r.ci95_low is None or r.ci95_low != r.ci95_low else (
            f"[{fmt(r.ci95_low, 'en')} .. {fmt(r.ci95_high, 'en')}]")
        print(f"  {m:32} {fmt(r[a], 'en'):>14} {fmt(r[b], 'en'):>14} "
              f"{fmt(r.difference, 'en'):>14}  {ci}")
