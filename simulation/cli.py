"""The ``doorstroom`` command: parse arguments, call experiments, print, exit.

Exit status: 0 done; 2 the user's input is wrong (one plain message on stderr);
1 anything else. ``validate``, ``params`` and ``plan`` do not import the model, so
they answer at once.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path

from . import __version__
from .errors import InputError


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors: exit 2 with usage, no traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"doorstroom: error: {message}\n")


def _add_common(p: argparse.ArgumentParser, policy: bool) -> None:
    p.add_argument("scenario", help="scenario file (TOML), e.g. scenarios/baseline.toml")
    if policy:
        p.add_argument("--policy", help="indicatie, voorziening, REGIME+VARIANT or an alternative "
                       "named in the scenario (default: policy.regime)")
    p.add_argument("--seed", type=int, help="base seed (default: simulation.seed)")
    p.add_argument("--months", type=int, help="horizon (default: simulation.months)")
    p.add_argument("--replications", type=int,
                   help="replications (default: simulation.replications)")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override a scenario key, e.g. --set indicatie.assessments_per_month=20")
    p.add_argument("--out", type=Path, help="output folder (default: results/<scenario>/...)")
    _add_execution(p)
    p.add_argument("--force", action="store_true", help="replace an existing --out folder")
    p.add_argument("--quiet", action="store_true", help="print only where results are")
    p.add_argument("--psa", action="store_true",
                   help="probabilistic sensitivity analysis: each replication draws the "
                        "unmeasured parameters from their plausible ranges")


def _add_execution(p: argparse.ArgumentParser) -> None:
    """Where runs execute; results do not depend on it."""
    g = p.add_argument_group("execution (results do not depend on it)")
    g.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 4),
                   help="local worker processes (default: up to 4; 1 runs in this process)")
    g.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="run on a running Dask cluster (see docs/performance.md)")
    g.add_argument("--dask-local", type=int, metavar="N",
                   help="start a Dask LocalCluster with N worker processes and run on it")


def _executor(args):
    """The executor ``--workers``, ``--scheduler`` or ``--dask-local`` asks for."""
    from .execution import executor

    return executor(args.workers, args.scheduler, args.dask_local)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="doorstroom", description="Day activities in a Dutch municipality: "
                     "indicatie versus voorziening, simulated month by month.")
    parser.add_argument("--version", action="version", version=f"doorstroom {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("run", help="simulate one regime")
    _add_common(p, policy=True)
    p = sub.add_parser("compare", help="both regimes on the same residents and draws")
    _add_common(p, policy=False)
    p.add_argument("--a", default="indicatie", metavar="POLICY",
                   help="first policy set (default indicatie): a regime, REGIME+VARIANT... "
                        "or an alternative named in the scenario")
    p.add_argument("--b", default="voorziening", metavar="POLICY",
                   help="second policy set (default voorziening); differences are b minus a")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="report language")
    p.add_argument("--sensitivity", action="store_true",
                   help="also run the tornado chart and the break-even (paired runs per "
                        "assumption; takes a minute)")
    p.add_argument("--sensitivity-replications", type=int, default=6, metavar="N",
                   help="replications per point of the sensitivity runs (default 6)")
    p = sub.add_parser("validate", help="check a scenario file and say what is wrong")
    p.add_argument("scenario")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    p = sub.add_parser("check-targets", help="run a scenario and compare it with Dutch figures")
    p.add_argument("scenario")
    p.add_argument("--targets", type=Path, default=Path("scenarios/targets/netherlands.toml"),
                   help="targets file (default: scenarios/targets/netherlands.toml)")
    p.add_argument("--replications", type=int, help="replications (default: the scenario's)")
    p.add_argument("--seed", type=int)
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    _add_execution(p)
    p = sub.add_parser("sweep", help="run a scenario over parameter samples (resumable)")
    p.add_argument("scenario")
    p.add_argument("--param", action="append", default=[], metavar="KEY=LOW:HIGH",
                   help="a parameter and its range (KEY alone: its plausible range)")
    p.add_argument("--method", choices=("grid", "lhs", "sobol", "morris"), default="lhs")
    p.add_argument("--samples", type=int, default=16,
                   help="grid: points per parameter; lhs: samples; sobol/morris: base samples")
    p.add_argument("--replications", type=int, default=3)
    p.add_argument("--months", type=int, help="horizon (default: simulation.months)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--policy", help="policy set to run (default: policy.regime)")
    group.add_argument("--compare", action="store_true",
                       help="run indicatie and voorziening on every sample")
    p.add_argument("--seed", type=int)
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--out", type=Path, help="sweep folder (default: results/<scenario>/sweep-...)")
    _add_execution(p)
    p.add_argument("--resume", action="store_true", help="finish an interrupted sweep in --out")
    p = sub.add_parser("sensitivity", help="Sobol' or Morris indices from a sweep folder")
    p.add_argument("folder")
    p.add_argument("--metric", required=True, help="a metric, e.g. net_cost_eur")
    p.add_argument("--difference", action="store_true",
                   help="of the paired difference (voorziening minus indicatie), for --compare "
                        "sweeps")
    p = sub.add_parser("discover", help="PRIM scenario discovery on a sweep folder")
    p.add_argument("folder")
    p.add_argument("--metric", default="net_cost_eur")
    p.add_argument("--above", type=float, default=0.0,
                   help="find where the metric (difference) is above this (default 0)")
    p.add_argument("--levels", action="store_true",
                   help="use the metric of the first policy set, not the paired difference")
    p = sub.add_parser("calibrate", help="fit parameters to observed figures or series")
    p.add_argument("scenario")
    p.add_argument("--targets", type=Path, required=True,
                   help="a targets TOML (observable ranges) or a CSV of monthly series")
    p.add_argument("--param", action="append", default=[], metavar="KEY=LOW:HIGH",
                   help="a parameter to fit and its range (KEY alone: its plausible range)")
    p.add_argument("--policy", help="policy set the series were observed under "
                                    "(default: policy.regime)")
    p.add_argument("--replications", type=int, default=3)
    p.add_argument("--seed", type=int)
    p.add_argument("--maxiter", type=int, default=12, help="generations of the optimiser")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--out", type=Path, help="fitted scenario file to write "
                                            "(default: <scenario>-calibrated.toml in results/)")
    p = sub.add_parser("reproduce", help="rerun a results folder and confirm identical results")
    p.add_argument("folder", help="a folder written by run or compare")
    _add_execution(p)
    p = sub.add_parser("params", help="every parameter: name, unit, default, range, source")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    sub.add_parser("plan", help="the phases of one simulated month, in order")
    p = sub.add_parser("dashboard", help="what-if in the browser: both regimes side by side")
    p.add_argument("scenario", nargs="?", default="scenarios/baseline.toml",
                   help="scenario to start from (default: scenarios/baseline.toml); the page "
                        "also lists the other scenario files in its folder")
    p.add_argument("--port", type=int, default=8765, help="port to serve on (default 8765)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="page language at start")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    args.argv = argv
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        print(f"doorstroom: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("doorstroom: interrupted; no results were written", file=sys.stderr)
        return 130
    except Exception as exc:  # a fault of ours: say so plainly, details on request
        if os.environ.get("DOORSTROOM_DEBUG"):
            raise
        print(f"doorstroom: internal error: {type(exc).__name__}: {exc}\n"
              "(set DOORSTROOM_DEBUG=1 to see where)", file=sys.stderr)
        return 1


def _scenario(args):
    from .scenario import load, parse_overrides

    over = parse_overrides(args.overrides)
    for flag, key in (("seed", "simulation.seed"), ("months", "simulation.months"),
                      ("replications", "simulation.replications")):
        value = getattr(args, flag, None)
        if value is not None:
            over[key] = value
    return load(args.scenario, over)


def _default_out(scenario, label: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return Path("results") / scenario.name / f"{label}-{stamp}"


def cmd_validate(args) -> int:
    sc = _scenario(args)
    if sc.municipalities:
        from .national import municipality_values

        residents = sum(municipality_values(sc, m)["population.residents"]
                        for m in sc.municipalities)
        print(f"OK: {args.scenario}: {len(sc.municipalities)} municipalities, "
              f"{sum(m.inhabitants for m in sc.municipalities):,} inhabitants, "
              f"{residents:,} residents in scope (scaled by inhabitants), "
              f"{sc['simulation.months']} months, regime {sc['policy.regime']}")
        return 0
    print(f"OK: {args.scenario}: {sc['population.residents']:,} residents in scope, "
          f"{sc['simulation.months']} months, regime {sc['policy.regime']}, "
          f"{len(sc.organisations)} providers, {sc['employers.count']} employers")
    return 0


def cmd_params(args) -> int:
    from .params import PARAMS

    if args.format == "json":
        import json
        from dataclasses import asdict

        print(json.dumps([asdict(p) for p in PARAMS], indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(params_markdown(), end="")
    else:
        for p in PARAMS:
            rng = "" if p.low is None else f"[{p.low:g} .. {p.high:g}]"
            if p.choices:
                rng = "{" + ", ".join(p.choices) + "}"
            print(f"{p.key:48} {p.unit:18} {str(p.default):24} {rng:24} {p.source}")
    return 0


def params_markdown() -> str:
    """``docs/parameters.md``: generated from the registry (``make docs`` rewrites it)."""
    from .params import ORGANISATION_FIELDS, PARAMS

    def cell(x) -> str:
        return str(x).replace("|", "\\|")

    lines = ["# Parameters", "",
             "Generated from `simulation/params.py` by `doorstroom params --format markdown`; "
             "do not edit by hand. Every scenario key, its unit, default, allowed range and "
             "source. *Uncertain* marks what FACTS.md §11 says nobody has measured.", "",
             "| key | label (nl) | unit | default | range | source | meaning |",
             "|---|---|---|---|---|---|---|"]
    for p in PARAMS:
        rng = ", ".join(p.choices) if p.choices else (
            "" if p.low is None else f"{p.low:g} – {p.high:g}")
        flag = " *(uncertain)*" if p.uncertain else ""
        lines.append(f"| `{p.key}` | {cell(p.label_nl)} | {cell(p.unit)} | "
                     f"{cell(p.default)} | {cell(rng)} | {cell(p.source)}{flag} | "
                     f"{cell(p.meaning)} |")
    lines += ["", "## Provider organisations (`[[providers.organisations]]`)", "",
              "| field | label (nl) | unit | default | range | meaning |",
              "|---|---|---|---|---|---|"]
    for f in ORGANISATION_FIELDS:
        rng = ", ".join(f.choices) if f.choices else (
            "" if f.low is None else f"{f.low:g} – {f.high:g}")
        lines.append(f"| `{f.key}` | {f.label_nl} | {f.unit} | {f.default} | {rng} | "
                     f"{f.meaning} |")
    return "\n".join(lines) + "\n"


def cmd_plan(args) -> int:
    from .phases import PLAN

    for i, (name, _, doc) in enumerate(PLAN, 1):
        print(f"{i}. {name:16} {doc}")
    return 0


def write_results(folder: Path, res, command: str, lang: str = "nl",
                  sensitivity: dict | None = None) -> None:
    """Every result file of ``run`` or ``compare`` into ``folder`` (no provenance)."""
    from . import experiment
    from .output import write_csv, write_json, write_text

    if command == "run":
        policy = res.policies[0]
        write_json(folder / "summary.json", experiment.summary_json(res, policy, __version__))
        tables = {name: df.drop(columns="policy") for name, df in (
            ("replications", res.metrics), ("timeseries", res.timeseries),
            ("ledger", res.ledger))}
    else:
        from .report import write_report

        data = experiment.comparison_json(res, __version__)
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
        from .national import municipality_comparison

        tables["municipalities"] = res.municipalities
        if command != "run":
            tables["municipalities_comparison"] = municipality_comparison(res)
    for name, df in tables.items():
        write_csv(folder / f"{name}.csv", df)
    write_text(folder / "scenario.toml", res.scenario.to_toml())


def _simulate_and_write(args, command: str) -> int:
    from . import experiment, provenance
    from .output import check_target, output_dir, write_json

    sc = _scenario(args)
    labels = (args.policy,) if command == "run" else (args.a, args.b)
    policies = tuple(sc.policy(label).label for label in labels)  # refuses unknown ones
    if len(set(policies)) < len(policies):
        raise InputError(f"--a and --b name the same policy set '{policies[0]}'")
    out = args.out or _default_out(sc, policies[0] if command == "run" else "compare")
    check_target(out, args.force)
    lang = getattr(args, "lang", None)
    sens_reps = getattr(args, "sensitivity_replications", None) if getattr(
        args, "sensitivity", False) else None
    with _executor(args) as ex:
        res = experiment.run_replications(sc, policies, sc["simulation.replications"],
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


def _sensitivity(sc, policies, replications: int | None, seed: int, executor) -> dict | None:
    """Tornado and break-even for a comparison, when asked for (``--sensitivity``)."""
    if not replications:
        return None
    if replications < 2:
        raise InputError(f"--sensitivity-replications must be at least 2, got {replications}")
    from . import economics

    a, b = policies
    print("doorstroom: sensitivity runs (tornado and break-even) ...", file=sys.stderr)
    return {"tornado": economics.tornado(sc, a, b, replications, seed, executor=executor),
            "break_even": economics.break_even(sc, a, b, replications, seed,
                                               executor=executor)}


def cmd_dashboard(args) -> int:
    """Serve the browser dashboard until interrupted (needs the dashboard extras)."""
    from .dashboard import serve

    return serve(args.scenario, host=args.host, port=args.port, lang=args.lang)


def cmd_run(args) -> int:
    return _simulate_and_write(args, "run")


def cmd_compare(args) -> int:
    return _simulate_and_write(args, "compare")


def cmd_reproduce(args) -> int:
    """Rerun a results folder from its provenance and scenario; compare every file."""
    import json
    import tempfile

    from . import experiment, provenance
    from .scenario import load

    folder = Path(args.folder)
    rec_path = folder / provenance.FILE
    if not rec_path.is_file() or not (folder / "scenario.toml").is_file():
        raise InputError(f"{folder}: not a doorstroom results folder (needs {provenance.FILE} "
                         "and scenario.toml)")
    try:
        rec = json.loads(rec_path.read_text(encoding="utf-8"))
        rerun = rec["rerun"]
        command, policies = rerun["command"], tuple(rerun["policies"])
        seed, reps = int(rerun["seed"]), int(rerun["replications"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{rec_path}: unreadable provenance record ({exc})") from None
    sc = load(folder / "scenario.toml")
    sc = dataclasses.replace(sc, name=rerun["scenario_name"])
    if rec.get("code_sha256") != provenance.code_sha256():
        made = str(rec.get("code_sha256"))[:12]
        print(f"note: made with doorstroom {rec.get('version')} (code {made}); "
              f"this is {__version__} (code {provenance.code_sha256()[:12]})", file=sys.stderr)
    with _executor(args) as ex:
        res = experiment.run_replications(sc, policies, reps, seed=seed,
                                          psa=bool(rerun.get("psa")), executor=ex)
        sensitivity = _sensitivity(sc, policies, rerun.get("sensitivity_replications"), seed,
                                   ex)
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
          f"(fingerprint {rec.get('fingerprint', '')[:12]})")
    return 0


def cmd_check_targets(args) -> int:
    """Each validation target beside the model's value: PASS, OFF, or N/A (not modelled)."""
    from . import experiment
    from .targets import evaluate, load_targets

    targets = load_targets(args.targets)
    sc = _scenario(args)
    labels = tuple(dict.fromkeys(sc.policy(t.policy).label for t in targets if t.modelled))
    with _executor(args) as ex:
        res = experiment.run_replications(sc, labels, sc["simulation.replications"],
                                          executor=ex)
    rows = evaluate(targets, res, sc)
    print(f"{sc.name}: {res.replications} replications, {sc['simulation.months']} months, "
          f"targets from {args.targets}")
    for r in rows:
        value = "–" if r["value"] != r["value"] else f"{r['value']:.3g}"
        print(f"  {r['status']:4}  {r['observable']:40} {r['policy']:12} {value:>9}  "
              f"[{r['low']:g} .. {r['high']:g}]  {r['source']}")
        if r["reason"]:
            print(f"        not modelled: {r['reason']}")
    off = [r["observable"] for r in rows if r["status"] == "OFF"]
    print(f"{sum(r['status'] == 'PASS' for r in rows)} PASS, {len(off)} OFF, "
          f"{sum(r['status'] == 'N/A' for r in rows)} N/A")
    return 0


def cmd_sweep(args) -> int:
    from .sweep import parse_params, run_sweep

    sc = _scenario(args)
    keys, bounds = parse_params(args.param, sc)
    policies = ("indicatie", "voorziening") if args.compare else (
        sc.policy(args.policy).label,)
    out = args.out or _default_out(sc, f"sweep-{args.method}")
    with _executor(args) as ex:
        df = run_sweep(sc, keys, bounds, args.method, args.samples, args.replications,
                       policies, out, resume=args.resume, seed=args.seed, executor=ex)
    print(f"{df['sample'].nunique()} samples x {args.replications} replications x "
          f"{len(policies)} policies: {out / 'results.parquet'}")
    return 0


def cmd_sensitivity(args) -> int:
    from .output import write_csv
    from .sweep import sensitivity, sensitivity_plot

    folder = Path(args.folder)
    table = sensitivity(folder, args.metric, args.difference)
    name = f"sensitivity-{args.metric}{'-difference' if args.difference else ''}"
    write_csv(folder / f"{name}.csv", table)
    sensitivity_plot(table, folder / f"{name}.png", args.metric)
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print(f"written: {folder / (name + '.csv')}, {folder / (name + '.png')}")
    return 0


def cmd_discover(args) -> int:
    from .ema import discover, discovery_plot, discovery_table
    from .output import write_csv

    folder = Path(args.folder)
    found = discover(folder, args.metric, difference=not args.levels, above=args.above)
    what = f"{args.metric}{'' if args.levels else ' difference'} above {args.above:g}"
    print(f"{found['cases']} of {found['samples']} samples have {what}.")
    print(f"Rule: {found['rule']}")
    print(f"  coverage {found['coverage']:.2f} (share of those cases inside the box), "
          f"density {found['density']:.2f} (share of the box that are such cases)")
    name = f"discovery-{args.metric}"
    write_csv(folder / f"{name}.csv", discovery_table(found))
    discovery_plot(found, folder / f"{name}.png", what)
    print(f"written: {folder / (name + '.csv')}, {folder / (name + '.png')}")
    return 0


def cmd_calibrate(args) -> int:
    from .calibrate import calibrate, fitted_scenario_toml, load_observations
    from .output import write_text
    from .sweep import parse_params

    sc = _scenario(args)
    keys, bounds = parse_params(args.param, sc)
    if args.replications < 1 or args.maxiter < 1:
        raise InputError("--replications and --maxiter must be at least 1")
    seed = int(sc["simulation.seed"] if args.seed is None else args.seed)
    obs = load_observations(args.targets, args.policy, args.replications, seed)
    fit = calibrate(sc, obs, keys, bounds, args.policy, seed=seed, maxiter=args.maxiter)
    out = args.out or Path("results") / f"{sc.name}-calibrated.toml"
    if out.exists() and out.is_dir():
        raise InputError(f"--out {out}: is a folder; name a .toml file")
    out.parent.mkdir(parents=True, exist_ok=True)
    write_text(out, fitted_scenario_toml(sc, fit, obs))
    print(f"fitted against {obs.description} (distance {fit.distance:.4g}, "
          f"{fit.evaluations} evaluations):")
    for k, v, (lo, hi) in zip(fit.params, fit.values, fit.intervals):
        print(f"  {k:40} {v:12.6g}   about 95%: {lo:.6g} .. {hi:.6g}")
    print(f"scenario: {out}")
    return 0


def _precision_note(res) -> None:
    """Say how many replications a tighter interval on the net-cost difference would need."""
    from .report import fmt

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
    from .report import fmt

    summ = res.summary(policy)
    print(f"{res.scenario.name}: {policy}, {res.replications} replications, "
          f"{res.scenario['simulation.months']} months")
    for m in ("participants_served", "jobs_started", "jobs_sustained_12m", "cost_total_eur",
              "net_cost_eur", "mean_assessment_wait_months"):
        lo, hi = summ[m]["ci95"]
        ci = f"  [{fmt(lo, 'en')} .. {fmt(hi, 'en')}]" if lo is not None else ""
        print(f"  {m:32} {fmt(summ[m]['mean'], 'en'):>14}{ci}")


def _print_comparison(res) -> None:
    from .report import MAIN_METRICS, fmt

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


COMMANDS = {"run": cmd_run, "compare": cmd_compare, "validate": cmd_validate,
            "params": cmd_params, "plan": cmd_plan, "reproduce": cmd_reproduce,
            "check-targets": cmd_check_targets, "sweep": cmd_sweep,
            "sensitivity": cmd_sensitivity, "calibrate": cmd_calibrate,
            "discover": cmd_discover, "dashboard": cmd_dashboard}
