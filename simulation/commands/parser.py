"""The command line's grammar: every command, its arguments and their help.

Only ``argparse`` here, so the parser builds in milliseconds whatever the command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import __version__


class Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors: exit 2 with usage, no traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"doorstroom: error: {message}\n")


def _add_scenario(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", help="a scenario file (TOML) or a built-in scenario's name, "
                   "e.g. baseline (doorstroom scenarios lists them)")


def _add_common(p: argparse.ArgumentParser, policy: bool) -> None:
    _add_scenario(p)
    if policy:
        p.add_argument("--policy", help="indicatie, voorziening, REGIME+VARIANT, an alternative "
                       "named in the scenario or own (national.regimes; default: policy.regime)")
    p.add_argument("--seed", type=int, help="base seed (default: simulation.seed)")
    p.add_argument("--months", type=int, help="horizon (default: simulation.months)")
    p.add_argument("--replications", type=int,
                   help="replications (default: simulation.replications)")
    _add_set(p)
    p.add_argument("--out", type=Path, help="output folder (default: results/<scenario>/...)")
    _add_execution(p)
    p.add_argument("--force", action="store_true",
                   help="replace an existing --out folder of earlier results (never a folder "
                        "holding anything else)")
    p.add_argument("--quiet", action="store_true", help="print only where results are")
    p.add_argument("--psa", action="store_true",
                   help="probabilistic sensitivity analysis: each replication draws the "
                        "unmeasured parameters from their plausible ranges")


def _add_set(p: argparse.ArgumentParser) -> None:
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override a scenario key, e.g. --set indicatie.assessments_per_month=20")


def _add_execution(p: argparse.ArgumentParser) -> None:
    """Where runs execute; results do not depend on it."""
    g = p.add_argument_group("execution (results do not depend on it)")
    g.add_argument("--workers", type=int,
                   help="local worker processes (default: one per core, up to 4; 1 runs in "
                        "this process; never more than cores unless DOORSTROOM_MAX_WORKERS "
                        "allows)")
    g.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="run on a running Dask cluster (see docs/performance.md)")
    g.add_argument("--dask-local", type=int, metavar="N",
                   help="start a Dask LocalCluster with N worker processes and run on it")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="doorstroom", description="Day activities in a Dutch municipality: "
                    "indicatie versus voorziening, simulated month by month.")
    parser.add_argument("--version", action="version", version=f"doorstroom {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    p = sub.add_parser("run", help="simulate one regime")
    _add_common(p, policy=True)
    p = sub.add_parser("compare", help="both regimes on the same residents and draws")
    _add_common(p, policy=False)
    p.add_argument("--a", default="indicatie", metavar="POLICY",
                   help="first policy set (default indicatie): a regime, REGIME+VARIANT..., "
                        "an alternative named in the scenario, or own (each municipality "
                        "under its own, national.regimes)")
    p.add_argument("--b", default="voorziening", metavar="POLICY",
                   help="second policy set (default voorziening); differences are b minus a")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="report language")
    p.add_argument("--sensitivity", action="store_true",
                   help="also run the tornado chart and the break-even (paired runs per "
                        "assumption; seconds for a municipality, together in few models)")
    p.add_argument("--sensitivity-replications", type=int, default=6, metavar="N",
                   help="replications per point of the sensitivity runs (default 6)")
    p = sub.add_parser("validate", help="check a scenario file and say what is wrong")
    _add_scenario(p)
    _add_set(p)
    p = sub.add_parser("check-targets", help="run a scenario and compare it with Dutch figures")
    _add_scenario(p)
    p.add_argument("--targets", type=Path,
                   help="targets file (default: the Dutch figures built into doorstroom)")
    p.add_argument("--replications", type=int, help="replications (default: the scenario's)")
    p.add_argument("--seed", type=int)
    _add_set(p)
    _add_execution(p)
    p = sub.add_parser("sweep", help="run a scenario over parameter samples (resumable)")
    _add_scenario(p)
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
    _add_set(p)
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
    _add_scenario(p)
    p.add_argument("--targets", type=Path, required=True,
                   help="a targets TOML (observable ranges) or a CSV of monthly series")
    p.add_argument("--param", action="append", default=[], metavar="KEY=LOW:HIGH",
                   help="a parameter to fit and its range (KEY alone: its plausible range)")
    p.add_argument("--policy", help="policy set the series were observed under "
                                    "(default: policy.regime)")
    p.add_argument("--replications", type=int, default=3)
    p.add_argument("--seed", type=int)
    p.add_argument("--maxiter", type=int, default=12, help="generations of the optimiser")
    _add_set(p)
    p.add_argument("--out", type=Path, help="fitted scenario file to write "
                                            "(default: <scenario>-calibrated.toml in results/)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing --out file that calibrate wrote")
    _add_execution(p)
    p = sub.add_parser("reproduce", help="rerun a results folder and confirm identical results")
    p.add_argument("folder", help="a folder written by run or compare")
    _add_execution(p)
    p = sub.add_parser("params", help="every parameter: name, unit, default, range, source")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    sub.add_parser("plan", help="the phases of one simulated month, in order")
    sub.add_parser("scenarios", help="the built-in scenarios, each with what it is")
    p = sub.add_parser("init", help="copy a built-in scenario here to edit")
    p.add_argument("name", help="a built-in scenario (doorstroom scenarios lists them)")
    p.add_argument("--to", type=Path, default=Path("."), metavar="PATH",
                   help="folder to copy into, or a .toml file name (default: this folder); "
                        "an existing file is never overwritten")
    p = sub.add_parser("dashboard", help="what-if in the browser: both regimes side by side")
    p.add_argument("scenario", nargs="?", default="baseline",
                   help="scenario file or built-in name to start from (default: baseline); "
                        "the page also lists the other scenario files in its folder")
    p.add_argument("--fetch-assets", action="store_true",
                   help="only fetch the page's scripts and styles with npm (about 100 MB, "
                        "once; the first start does it too) and exit")
    p.add_argument("--port", type=int, default=8765, help="port to serve on (default 8765)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="page language at start")
    return parser
