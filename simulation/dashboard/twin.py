"""Both regimes side by side as one Mesa model, so SolaraViz can step them together.

SolaraViz drives one ``mesa.Model``: it builds it from the page's inputs on Reset and
calls ``step()`` on Step and Play. ``TwinModel`` holds one ``DoorstroomModel`` per policy
set, built from the same scenario and seed, so they share residents and random draws
(common random numbers): any difference between the two panels is the policy's.

It never raises for what a user can set: a bad combination leaves ``problem`` set and
nothing to step, and the page shows the problem in words.
"""

from __future__ import annotations

import logging
from typing import Any

import mesa
import pandas as pd

from ..model import DoorstroomModel
from ..scenario import Scenario, default_scenario
from .controls import Problem, Setup, build_setup, initial_inputs

log = logging.getLogger(__name__)
_BOUND: dict[int, type] = {}


class TwinModel(mesa.Model):
    """Two policy sets on one scenario, stepped month by month together.

    Args:
        base: the scenario the inputs start from (default: the class's, see ``on``).
        **kwargs: the page's inputs, keyed as ``controls.model_params`` names them
            (``"policy.regime"``, ``"compare_with"``, ``"simulation.seed"``, slider keys,
            ``"variant:NAME"``). Mesa 3.5 also passes a ``scenario`` of its own; it is
            not ours and is ignored.

    Example::

        from simulation.scenario import load
        twin = TwinModel(load("scenarios/baseline.toml"))
        twin.step()
        twin.timeseries()["policy"].unique()   # ['indicatie', 'voorziening']
    """

    #: The scenario inputs start from when ``base`` is not given (see ``on``).
    base_scenario: Scenario | None = None

    @classmethod
    def on(cls, base: Scenario) -> type["TwinModel"]:
        """This class bound to a scenario: what SolaraViz rebuilds on Reset.

        SolaraViz resets with ``type(model)(**inputs)`` and passes only the inputs it has
        seen; the bound class fills in the rest from its scenario, so a page that swaps
        the scenario (and its inputs) never mixes one scenario's values into another's.
        """
        bound = _BOUND.get(id(base))
        if bound is None or bound.base_scenario is not base:
            if len(_BOUND) > 64:  # uploads come and go; keep the few recent ones
                _BOUND.clear()
            bound = type(cls.__name__, (cls,), {"base_scenario": base})
            _BOUND[id(base)] = bound
        return bound

    def __init__(self, base: Scenario | None = None, **kwargs: Any):
        kwargs.pop("scenario", None)  # Mesa 3.5's experiment object, not a doorstroom one
        base = base if base is not None else (self.base_scenario or default_scenario())
        inputs = {**initial_inputs(base), **kwargs}
        setup = build_setup(base, inputs)
        super().__init__(rng=setup.seed % 2**32)
        self.base = base
        self.setup: Setup = setup
        self.problem: Problem | None = setup.problem
        self.models: dict[str, DoorstroomModel] = {}
        if self.problem is None:
            try:
                self.models = {label: DoorstroomModel(setup.scenario, policy=label,
                                                      seed=setup.seed)
                               for label in setup.policies}
            except Exception as exc:  # a fault of ours; the page says so, the log has where
                log.exception("building the twin model failed")
                self.problem = Problem("internal", {"month": 0},
                                       f"{type(exc).__name__}: {exc}")
        self.running = self.problem is None and self.month < self.months

    @property
    def scenario_used(self) -> Scenario | None:
        """The validated scenario both regimes run (``None`` when the inputs are bad).

        (Not ``scenario``: Mesa 3.5 reserves that name.)
        """
        return self.setup.scenario

    @property
    def policies(self) -> tuple[str, str]:
        return self.setup.policies

    @property
    def month(self) -> int:
        return min((m.month for m in self.models.values()), default=0)

    @property
    def months(self) -> int:
        return self.setup.scenario["simulation.months"] if self.setup.scenario else 0

    def step(self) -> None:
        """One month for both regimes; stops at the horizon or at a fault."""
        if not self.models or self.month >= self.months:
            self.running = False
            return
        try:
            for model in self.models.values():
                model.step()
        except Exception as exc:  # never a traceback in the page; the log has it
            log.exception("month %s failed", self.month)
            self.problem = Problem("internal", {"month": self.month},
                                   f"{type(exc).__name__}: {exc}")
            self.models = {}
        self.running = self.problem is None and self.month < self.months

    def timeseries(self) -> pd.DataFrame:
        """Both regimes' months so far, one row per (policy, month)."""
        parts = []
        for label, model in self.models.items():
            ts = model.timeseries()
            ts.insert(0, "policy", label)
            parts.append(ts)
        if not parts:
            return pd.DataFrame(columns=["policy", "month"])
        return pd.concat(parts, ignore_index=True)
