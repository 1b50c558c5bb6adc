"""``validate``, ``params``, ``plan``, ``scenarios`` and ``init``: what a scenario holds,
every parameter, the month, the built-in scenarios and a copy of one to edit.

None of these imports the model, so they answer at once.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict
from pathlib import Path

from .. import budget
from ..declarations import (
    CATEGORIES,
    ORGANISATION_FIELDS,
    PARAMS,
    PAYERS,
    REGIMES,
    VARIANTS,
)
from ..errors import InputError
from ..municipalities import TABLES, municipality_values
from ..scenario import BUILTIN, EXTENDS, builtin_names
from ..scenario_checks import idle_variants
from .common import scenario_from


def validate(args) -> int:
    sc = scenario_from(args)
    budget.check(sc.values, sc.municipalities, 2, sc["simulation.replications"],
                 origin=f"{args.scenario}: compare would run ")
    for note in idle_variants(sc):
        print(f"note: {note}")
    if sc.municipalities:
        residents = sum(municipality_values(sc, m)["population.residents"]
                        for m in sc.municipalities)
        how = ("from each one's 2021 figures" if sc["national.social_figures"]
               else "scaled by inhabitants")
        own = sum(bool(m.regime) for m in sc.municipalities)
        regions = {m.region for m in sc.municipalities} - {""}
        print(f"OK: {args.scenario}: {len(sc.municipalities)} municipalities, "
              f"{sum(m.inhabitants for m in sc.municipalities):,} inhabitants, "
              f"{residents:,} residents in scope ({how}), "
              f"{sc['simulation.months']} months, regime {sc['policy.regime']}"
              + (f" ({own} with a policy set of their own)" if own else "")
              + (f", {len(regions)} region{'s' * (len(regions) != 1)} sharing providers"
                 if regions else ""))
        return 0
    print(f"OK: {args.scenario}: {sc['population.residents']:,} residents in scope, "
          f"{sc['simulation.months']} months, regime {sc['policy.regime']}, "
          f"{len(sc.organisations)} providers, {sc['employers.count']} employers")
    return 0


def params(args) -> int:
    if args.format == "json":
        print(json.dumps([asdict(p) for p in PARAMS], indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(params_markdown(), end="")
    else:
        for p in PARAMS:
            span = "" if p.low is None else f"[{p.low:g} .. {p.high:g}]"
            if p.choices:
                span = "{" + ", ".join(p.choices) + "}"
            print(f"{p.key:48} {p.unit:18} {str(p.default):24} {span:24} {p.source}")
    return 0


def params_markdown() -> str:
    """``docs/parameters.md``: generated from the declarations (``make docs`` rewrites it)."""

    def cell(x) -> str:
        return str(x).replace("|", "\\|")

    lines = ["# Parameters", "",
             "Generated from `simulation/declarations/` by `doorstroom params --format "
             "markdown`; do not edit by hand. Every scenario key, its unit, default, allowed "
             "range and source. *Uncertain* marks what docs/evidence.md §11 says nobody has "
             "measured.", "",
             "| key | label (nl) | unit | default | range | source | meaning |",
             "|---|---|---|---|---|---|---|"]
    for p in PARAMS:
        span = ", ".join(p.choices) if p.choices else (
            "" if p.low is None else f"{p.low:g} – {p.high:g}")
        flag = " *(uncertain)*" if p.uncertain else ""
        lines.append(f"| `{p.key}` | {cell(p.label_nl)} | {cell(p.unit)} | "
                     f"{cell(p.default)} | {cell(span)} | {cell(p.source)}{flag} | "
                     f"{cell(p.meaning)} |")
    lines += ["", "## Provider organisations (`[[providers.organisations]]`)", "",
              "| field | label (nl) | unit | default | range | meaning |",
              "|---|---|---|---|---|---|"]
    for f in ORGANISATION_FIELDS:
        span = ", ".join(f.choices) if f.choices else (
            "" if f.low is None else f"{f.low:g} – {f.high:g}")
        lines.append(f"| `{f.key}` | {f.label_nl} | {f.unit} | {f.default} | {span} | "
                     f"{f.meaning} |")
    lines += ["", "## Regimes and variants (`policy.regime`, `policy.variants`)", "",
              "| name | label (nl) | label (en) | what it does in the model | source |",
              "|---|---|---|---|---|"]
    for r in REGIMES:
        lines.append(f"| `{r.name}` | {cell(r.label.nl)} | {cell(r.label.en)} | "
                     f"{cell(r.meaning)} | regime |")
    for v in VARIANTS:
        lines.append(f"| `{v.name}` | {cell(v.label.nl)} | {cell(v.label.en)} | "
                     f"{cell(v.meaning)} | {cell(v.source)} |")
    lines += ["", "## Payers", "", "| name | label (nl) | label (en) | level | pays under |",
              "|---|---|---|---|---|"]
    for p in PAYERS:
        lines.append(f"| `{p.name}` | {cell(p.label.nl)} | {cell(p.label.en)} | {p.level} | "
                     f"{cell(p.law)} |")
    lines += ["", "## Ledger categories", "",
              "Every cost category `c` is the metric `cost_c_eur`; the others are `c_eur`.", "",
              "| name | kind | payer | label (nl) | label (en) | rule |",
              "|---|---|---|---|---|---|"]
    for c in CATEGORIES.values():
        lines.append(f"| `{c.name}` | {c.kind} | `{c.payer}` | {cell(c.label.nl)} | "
                     f"{cell(c.label.en)} | {cell(c.rule)} |")
    return "\n".join(lines) + "\n"


def plan(args) -> int:
    from ..phases import PLAN  # the phases module compiles kernels: only when asked

    for i, (name, _, doc) in enumerate(PLAN, 1):
        print(f"{i}. {name:16} {doc}")
    return 0


def scenarios(args) -> int:
    names = builtin_names()
    width = max(map(len, names))
    for name in names:
        print(f"{name:{width}} {_first_comment(BUILTIN / f'{name}.toml')}")
    print(f"\nin {BUILTIN}: run one by name (doorstroom compare baseline) or copy it here "
          "to edit (doorstroom init baseline)")
    return 0


def _first_comment(path: Path) -> str:
    """A scenario file says what it is in its first comment line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((s.strip("# ") for s in lines if s.startswith("#") and s.strip("# ")), "")


def init(args) -> int:
    """Copy a built-in scenario to edit, with the files it refers to beside it, and write
    nothing if any of them exists already."""
    if args.name not in builtin_names():
        raise InputError(f"init {args.name}: not a built-in scenario; choose from "
                         f"{', '.join(builtin_names())}")
    to = args.to if args.to.suffix == ".toml" else args.to / f"{args.name}.toml"
    copies = _copies(BUILTIN / f"{args.name}.toml", to, {})
    for path in copies:
        if path.exists():
            raise InputError(f"init {args.name}: {path} exists and is never overwritten; "
                             "move it away or choose another place with --to")
    to.parent.mkdir(parents=True, exist_ok=True)
    for path, content in copies.items():
        path.write_bytes(content)
    others = ", ".join(p.name for p in copies if p != to)
    print(f"wrote {to}" + (f" (with {others}, which it refers to)" if others else ""))
    print(f"edit it, then: doorstroom compare {to}")
    return 0


def _copies(source: Path, target: Path, out: dict[Path, bytes]) -> dict[Path, bytes]:
    """What ``init`` writes: the scenario, the scenario it extends (and so on) and its
    national tables, each beside ``target`` and referred to by name alone."""
    text = source.read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    national = raw.get("national", {})
    for ref in (raw.get(EXTENDS), *(national.get(key.split(".")[1]) for key in TABLES)):
        if not ref:
            continue
        local = target.parent / Path(ref).name
        text = text.replace(f'"{ref}"', f'"{local.name}"')
        if ref == raw.get(EXTENDS):
            _copies(source.parent / ref, local, out)
        else:
            out[local] = (source.parent / ref).read_bytes()
    if target in out:
        raise InputError(f"init: {target} would be written twice; give --to another name")
    out[target] = text.encode("utf-8")
    return out
