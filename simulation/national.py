"""Every municipality in the Netherlands, summed nationally.

A national run is a plan of tasks like any other (``execution.run_plan``). Each
municipality is made from the reference by its inhabitants and, where given, its own
figures (``simulation.municipalities``), with its own providers and employers. The
municipalities that run alone are split into a few shares of about equal size
(``budget.SHARES_PER_WORKER`` a worker), and a share's municipalities under one policy set
run as one model (``DoorstroomModel.together``: one population stepped once a month, the
month's fixed cost paid once, each municipality exactly as it would run by itself). The
municipalities of a region (``national.regions``) are one task: each its own model,
stepped together, sharing their providers' places (``regions``). The policy set ``own``
runs each municipality under its own policy set (``national.regimes``).

Seeds: municipality ``code`` runs with ``derive_seed(seed, "municipality", code)``, so
its draws do not depend on which other municipalities are selected (its results do not
either, unless it shares a region with them), and both regimes share its draws.
National figures are the municipalities' sums (a mean or a ratio is weighted by what it
is a mean over, ``Metric.weighted_by``); the time series and the ledger are summed in
whole cents and counts, so the totals are exact and do not depend on the order in which
municipalities finish.
"""

from __future__ import annotations

import gc
from dataclasses import replace
from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import rng
from .building import Residents
from .errors import option
from .budget import SHARES_PER_WORKER
from .execution import chunks
from .ledger import totals_frame
from .metrics import combine, compute
from .monthly import FRACTIONAL, series_columns, series_frame
from .declarations import OWN_POLICY
from .municipalities import TABLES, Municipality, municipality_values
from .model import DoorstroomModel
from .regions import Region
from .runs import RunResult, replication_scenarios, replication_seed
from .scenario import Scenario, build
from .toml_text import ALTERNATIVES


#: Keys of a municipality's values that say what it is rather than what it runs with.
_BOOKKEEPING = ("population.inhabitants", "national.select", *TABLES)


def municipality_scenario(reference: Scenario, m: Municipality) -> Scenario:
    """Municipality ``m`` as a scenario of its own (named by its CBS code). An alternative
    that sets a quantity the municipality has its own of (a bigger budget, say) is made
    the municipality's the same way."""
    data = reference.as_dict()
    for alternative in data.get(ALTERNATIVES, {}).values():
        # a copy: the reference's own overrides stay the reference's
        overrides = alternative["overrides"] = dict(alternative.get("overrides", {}))
        local = municipality_values({**reference.values, **overrides}, m)
        for key in local.keys() & overrides.keys():
            overrides[key] = local[key]
    return build(data, name=m.code, origin=m.code, source=reference.source,
                 overrides=municipality_values(reference, m))


def own_policy(policy: str, m: Municipality, reference: Scenario) -> str:
    """The policy set municipality ``m`` runs for ``policy``: its own for ``own``."""
    return (m.regime or reference["policy.regime"]) if policy == OWN_POLICY else policy


def municipality_seed(seed: int, code: str) -> int:
    return rng.derive_seed(seed, "municipality", code)


def region_task(reference_data: dict, name: str, members: Sequence[tuple],
                policies: Sequence[str], seed: int, replications: Sequence[int],
                psa: bool) -> list[tuple]:
    """A worker's share: the municipalities of one region together (``regions``), or
    municipalities that run alone, each policy's in one model (``DoorstroomModel.together``:
    as if each ran by itself); some replications, every policy. Returns per municipality
    and run its code and metrics, and per run the sum over these municipalities of their
    series in whole units (see ``exact_series``) and ledger totals in cents (so that what
    travels back does not grow with the municipalities). Two policy sets that come to the
    same here (``own`` and the municipalities' own) run once."""
    munis = [Municipality.from_plain(m) for m in members]
    reference = build(reference_data, name=name, origin=name)
    used = _alternatives_used(reference, [own_policy(p, m, reference)
                                          for p in policies for m in munis])
    bases = [municipality_scenario(used, m) for m in munis]
    own_seeds = [municipality_seed(seed, m.code) for m in munis]
    region = len(munis) > 1 and len({m.region for m in munis}) == 1 and munis[0].region
    region_seed = rng.derive_seed(seed, "region", munis[0].region)
    rows, sums = [], []
    # The PSA draw is keyed by the national seed: every municipality gets the same one,
    # drawn for the reference and then made the municipality's like the reference's values.
    for r, drawn, extra in replication_scenarios(reference, seed, replications, psa):
        scenarios = [municipality_scenario(replace(drawn, alternatives=used.alternatives), m)
                     for m in munis] if psa else bases
        seeds = [replication_seed(s, r) for s in own_seeds]
        runs: dict[tuple, list] = {}
        built: dict[tuple[int, ...], Residents | None] = {}
        for i, policy in enumerate(policies):
            labels = tuple(own_policy(policy, m, reference) for m in munis)
            if labels not in runs:
                runs[labels] = (_region(scenarios, labels, seeds, replication_seed(region_seed, r))
                                if region else
                                _alone(scenarios, labels, seeds, built, i + 1 < len(policies)))
            done = runs[labels]
            rows.extend((m.code, r, policy, {**metrics, **extra})
                        for m, (metrics, _, _) in zip(munis, done))
            sums.append((r, policy, sum(run[1] for run in done), sum(run[2] for run in done)))
        del runs, built
        gc.collect()  # a replication's models go now, not at some later collection
    return rows, sums


def _alternatives_used(scenario: Scenario, labels: list[str]) -> Scenario:
    """``scenario`` with only the alternatives these policy sets use (and those they switch
    to): a municipality's scenario checks every alternative it carries, two thirds of the
    time of making it when the runs use none."""
    used: set[str] = set()
    todo = [label.strip() for label in labels]
    while todo:
        name = todo.pop()
        alternative = scenario.alternatives.get(name)
        if alternative is not None and name not in used:
            used.add(name)
            todo += [alternative["switch_to"]] if alternative.get("switch_to") else []
    return replace(scenario, alternatives={name: body for name, body
                                           in scenario.alternatives.items() if name in used})


def _region(scenarios: list[Scenario], labels: tuple[str, ...], seeds: list[int],
            seed: int) -> list[tuple]:
    """The municipalities of a region, each its own model, stepped together (``regions``)."""
    models = [DoorstroomModel(sc, policy=label, seed=s, resident_agents=False)
              for sc, label, s in zip(scenarios, labels, seeds)]
    Region(models, seed).run()
    out = [_result(model) for model in models]
    for model in models:
        model.release()
    return out


def _alone(scenarios: list[Scenario], labels: tuple[str, ...], seeds: list[int],
           built: dict[tuple[int, ...], Residents | None], more: bool) -> list[tuple]:
    """Municipalities that run alone: those under one policy set in one model. ``built``:
    the residents of each set of them made so far, which a model of the same set starts
    from (kept while ``more`` policy sets follow)."""
    out: list[tuple | None] = [None] * len(scenarios)
    for label in dict.fromkeys(labels):
        mine = tuple(k for k, own in enumerate(labels) if own == label)
        model = DoorstroomModel.together([scenarios[k] for k in mine], label,
                                         [seeds[k] for k in mine], built.get(mine),
                                         keep_residents=more)
        built[mine] = model.residents
        model.run()
        for k, run in zip(mine, model.municipalities()):
            out[k] = _result(run)
        model.release()
    return out


def _result(run) -> tuple:
    """A municipality's metrics, exact series and ledger totals (``region_task``)."""
    return compute(run), exact_series(run.series()), run.ledger.totals


#: Scale of each series in ``exact_series``: euros in cents; fractional counts (and the mean
#: guidance, carried as guidance x clients so that it can be re-weighted after summing) in
#: billionths.
_CENTS, _FINE = 100, 1_000_000_000


def exact_series(series: dict[str, np.ndarray]) -> np.ndarray:
    """A model's series as whole numbers (one row per series), which add up exactly."""
    rows = []
    for name, values in series.items():
        if name.endswith("_eur"):
            values = values * _CENTS
        elif name in FRACTIONAL:
            values = values * _FINE
        elif name == "mean_guidance":
            values = values * series["in_day_activity"] * _FINE
        rows.append(np.rint(values))
    return np.array(rows, dtype=np.int64)


def series_from_exact(names: Sequence[str], total: np.ndarray, parts: int) -> dict[str, np.ndarray]:
    """Summed whole-number series back in their units (``after_switch`` stays a flag)."""
    out = {}
    for k, name in enumerate(names):
        v = total[k].astype(np.float64)
        if name.endswith("_eur"):
            v = v / _CENTS
        elif name in FRACTIONAL:
            v = v / _FINE
        elif name == "mean_guidance":
            clients = total[list(names).index("in_day_activity")].astype(np.float64)
            v = np.divide(v / _FINE, clients, out=np.ones_like(v), where=clients > 0)
        elif name == "after_switch":
            v = v / max(parts, 1)
        out[name] = v
    return out


class NationalRuns:
    """Every municipality of a national scenario as a plan for ``execution.run_plan``.

    One task per municipality and batch of replications, big municipalities first so that
    the last tasks to finish are small. ``results`` gives the national runs (sums) in
    replication and policy order; ``by_municipality`` every municipality's runs.
    """

    function = staticmethod(region_task)
    unit = "run"

    def __init__(self, scenario: Scenario, policies: Sequence[str], replications: int,
                 seed: int, psa: bool, workers: int):
        self.scenario = scenario
        self.policies = tuple(policies)
        self.munis = scenario.municipalities
        reference = scenario.as_dict()
        reference["national"] = {"select": [], **{key.split(".")[1]: "" for key in TABLES}}
        # each task is a region, or municipalities that run alone (``_shares``), carrying
        # their own figures and policy sets
        regions: dict[str, list[Municipality]] = {}
        for m in self.munis:
            regions.setdefault(m.region or m.code, []).append(m)
        groups = [g for g in regions.values() if len(g) > 1]
        groups += _shares([g[0] for g in regions.values() if len(g) == 1], workers)
        # replications in batches too when the groups alone would leave workers idle
        batches = chunks(list(range(replications)),
                         workers if len(groups) < 2 * workers * SHARES_PER_WORKER else 1)
        order = sorted(groups, key=lambda g: -sum(m.inhabitants for m in g))
        self.tasks = [(reference, scenario.name, [m.plain() for m in group], list(policies),
                       seed, batch, psa) for group in order for batch in batches]
        self._by_code = {m.code: m for m in self.munis}
        self.total = len(self.munis) * replications * len(policies)
        self._sums: dict[tuple[int, str], list] = {}
        # each run's metrics as a row of numbers (a national PSA holds over 100,000 runs)
        self._runs: list[tuple[str, int, str]] = []
        self._values: list[np.ndarray] = []
        self._metrics: tuple[str, ...] = ()
        self._about: dict[str, tuple[dict, dict]] = {}  # each municipality, once

    def take(self, index: int, result: tuple[list, list]) -> int:
        rows, sums = result
        for r, policy, series, ledger in sums:
            acc = self._sums.setdefault((r, policy), [0, 0])
            acc[0] = acc[0] + series
            acc[1] = acc[1] + ledger
        for i, (code, r, policy, metrics) in enumerate(rows):
            if code not in self._about:
                m = self._by_code[code]
                inputs = municipality_values(self.scenario, m)
                self._about[code] = ({"code": m.code, "name": m.name, "province": m.province,
                                      "inhabitants": m.inhabitants,
                                      "employers": inputs["employers.count"]},
                                     self._described(m, inputs))
            if not self._metrics:
                self._metrics = tuple(metrics)
            elif i == 0 and tuple(metrics) != self._metrics:  # every task's, in one order
                raise AssertionError(f"{code}: metrics differ from the other runs'")
            self._runs.append((code, r, policy))
            self._values.append(np.fromiter(metrics.values(), dtype=np.float64,
                                            count=len(metrics)))
        return len(rows)

    def _described(self, m: Municipality, inputs: dict[str, Any]) -> dict[str, Any]:
        """What a municipality's rows say of it besides its metrics: its own figures (and
        which were filled), its own policy set, and every input it has of its own."""
        columns: dict[str, Any] = {}
        if m.figures is not None:
            columns.update({f"figure:{name}": value for name, value in vars(m.figures).items()
                            if name != "filled"})
            columns["filled"] = m.figures.filled
        if self.scenario["national.regimes"]:
            columns["own_policy"] = own_policy(OWN_POLICY, m, self.scenario)
        if self.scenario["national.regions"]:
            columns["region"] = m.region
        columns.update({f"input:{key}": _cell(value) for key, value in inputs.items()
                        if key not in _BOOKKEEPING})
        return columns

    def failure(self, index: int) -> str:
        members = [Municipality.from_plain(m) for m in self.tasks[index][2]]
        reps = self.tasks[index][5]
        region = len({m.region for m in members}) == 1 and members[0].region
        what = (f"{members[0].name} ({members[0].code})" if len(members) == 1 else
                f"region {members[0].region} ({len(members)} municipalities)" if region else
                f"{len(members)} municipalities from {members[0].name} ({members[0].code})")
        return (f"{what}, replications {reps[0]}-{reps[-1]}; rerun with "
                f"{option('workers', 1)} to see the error")

    def by_municipality(self) -> pd.DataFrame:
        """One row per (municipality, replication, policy), in table order."""
        code_index = {m.code: i for i, m in enumerate(self.munis)}
        policy_order = {p: i for i, p in enumerate(self.policies)}
        codes = [code for code, _, _ in self._runs]
        who = pd.DataFrame([self._about[c][0] for c in self._about]).set_index("code")
        described = pd.DataFrame([self._about[c][1] for c in self._about], index=who.index)
        df = pd.concat([
            who.loc[codes].reset_index(),
            pd.DataFrame(self._runs, columns=["code", "replication", "policy"]).drop(
                columns="code"),
            pd.DataFrame(np.vstack(self._values) if self._values else
                         np.zeros((0, len(self._metrics))), columns=list(self._metrics)),
            described.loc[codes].reset_index(drop=True)], axis=1)
        df["_m"] = df["code"].map(code_index)
        df["_p"] = df["policy"].map(policy_order)
        return df.sort_values(["_m", "replication", "_p"], kind="stable")

    def results(self) -> list[RunResult]:
        by_muni = self.by_municipality()
        names = series_columns()
        months = int(self.scenario["simulation.months"])
        out = []
        for (r, pi), group in by_muni.groupby(["replication", "_p"], sort=True):
            policy = self.policies[pi]
            series, ledger = self._sums[(r, policy)]
            frame = series_frame(series_from_exact(names, series, len(self.munis)), months)
            extra = {c: float(group[c].iloc[0]) for c in group.columns if c.startswith("psa:")}
            out.append((r, policy, {**combine(group), **extra}, frame, totals_frame(ledger)))
        return out

    def municipalities(self) -> pd.DataFrame:
        return self.by_municipality().drop(columns=["_m", "_p"]).reset_index(drop=True)


def _shares(munis: list[Municipality], workers: int) -> list[list[Municipality]]:
    """Municipalities that run alone in a few shares of about equal size (by inhabitants),
    each run as one model per policy set: one share in this process."""
    count = min(len(munis), 1 if workers <= 1 else workers * SHARES_PER_WORKER)
    shares: list[list[Municipality]] = [[] for _ in range(count)]
    sizes = [0] * count
    for m in sorted(munis, key=lambda m: -m.inhabitants):
        k = sizes.index(min(sizes))
        shares[k].append(m)
        sizes[k] += m.inhabitants
    return [sorted(share, key=lambda m: m.code) for share in shares if share]


def _cell(value: Any) -> Any:
    """An input as a table cell: a list as its values to four significant digits."""
    return " / ".join(f"{v:.4g}" for v in value) if isinstance(value, list) else value
