"""``sweep``, ``sensitivity``, ``discover`` and ``calibrate``: the researcher's commands."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from ..calibrate import calibrate as fit_parameters
from ..calibrate import MADE_BY, fitted_scenario_toml, load_observations
from .. import charts
from ..ema import discover as find_box
from ..ema import discovery_table
from ..errors import InputError
from ..output import check_file_target, csv_bytes, lock, write_text
from ..sweep import UnstableIndicesWarning, parse_params, run_sweep
from ..sweep import sensitivity as indices
from ..sweep_folder import write_analysis
from .common import default_out, executor_from, scenario_from


def sweep(args) -> int:
    sc = scenario_from(args)
    keys, bounds = parse_params(args.param, sc)
    policies = ("indicatie", "voorziening") if args.compare else (
        sc.policy(args.policy).label,)
    out = args.out or default_out(sc, f"sweep-{args.method}")
    with executor_from(args) as ex:
        df = run_sweep(sc, keys, bounds, args.method, args.samples, args.replications,
                       policies, out, resume=args.resume, seed=args.seed, executor=ex)
    print(f"{df['sample'].nunique()} samples x {args.replications} replications x "
          f"{len(policies)} policies: {out / 'results.parquet'}")
    return 0


def sensitivity(args) -> int:
    folder = Path(args.folder)
    with warnings.catch_warnings():  # said once below, as one plain line
        warnings.simplefilter("ignore", UnstableIndicesWarning)
        table = indices(folder, args.metric, args.difference)
    if "warning" in table.attrs:
        print(f"doorstroom: warning: {table.attrs['warning']}", file=sys.stderr)
    name = f"sensitivity-{args.metric}{'-difference' if args.difference else ''}"
    written = write_analysis(folder, {
        f"{name}.csv": csv_bytes(table),
        f"{name}.png": charts.png(charts.sensitivity_indices(table, args.metric))})
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print(f"written: {', '.join(map(str, written))}")
    return 0


def discover(args) -> int:
    folder = Path(args.folder)
    found = find_box(folder, args.metric, difference=not args.levels, above=args.above)
    what = f"{args.metric}{'' if args.levels else ' difference'} above {args.above:g}"
    print(f"{found['cases']} of {found['samples']} samples have {what}.")
    print(f"Rule: {found['rule']}")
    print(f"  coverage {found['coverage']:.2f} (share of those cases inside the box), "
          f"density {found['density']:.2f} (share of the box that are such cases)")
    name = f"discovery-{args.metric}"
    written = write_analysis(folder, {f"{name}.csv": csv_bytes(discovery_table(found)),
                                      f"{name}.png": charts.png(charts.discovery(found, what))})
    print(f"written: {', '.join(map(str, written))}")
    return 0


def calibrate(args) -> int:
    sc = scenario_from(args)
    keys, bounds = parse_params(args.param, sc)
    if args.replications < 1 or args.maxiter < 1:
        raise InputError("--replications and --maxiter must be at least 1")
    seed = int(sc["simulation.seed"] if args.seed is None else args.seed)
    obs = load_observations(args.targets, args.policy, args.replications, seed)
    out = args.out or Path("results") / f"{sc.name}-calibrated.toml"
    with lock(out):  # before the fit: a bad --out is said at once
        check_file_target(out, args.force, f"# {MADE_BY}")
        with executor_from(args) as ex:
            fit = fit_parameters(sc, obs, keys, bounds, args.policy, seed=seed,
                                 maxiter=args.maxiter, executor=ex)
        write_text(out, fitted_scenario_toml(sc, fit, obs))
    print(f"fitted against {obs.description} (distance {fit.distance:.4g}, "
          f"{fit.evaluations} evaluations):")
    for k, v, (lo, hi) in zip(fit.params, fit.values, fit.intervals):
        print(f"  {k:40} {v:12.6g}   about 95%: {lo:.6g} .. {hi:.6g}")
    for note in fit.notes:
        print(f"  {note}")
    print(f"scenario: {out}")
    return 0
