"""Both regimes side by side as one Mesa model, so the page steps them together.

The page builds a ``TwinModel`` from its inputs on Reset and calls ``step()`` on Next
month and while playing. It holds one ``DoorstroomModel`` per policy set, built from the
same scenario and the same explicit seed, so they share residents and random draws
(common random numbers): any difference between the two panels is the policy's.

It never raises for what a user can set: a bad combination leaves ``problem`` set and
nothing to step, and the page shows the problem in words. ``running`` turns False at the
horizon, where ``step()`` does nothing, so a play loop stops there.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import mesa
import pandas as pd

from ..model import DoorstroomModel
from ..scenario import Scenario
from .controls import Problem, Setup, build_setup, initial_inputs

log = logging.getLogger(__name__)


class TwinModel(mesa.Model):
    """Two policy sets on one scenario, stepped month by month together.

    Args:
        base: the scenario the inputs start from; inputs not given keep its values.
        **kwargs: the page's inputs, keyed as ``controls.model_params`` names them
            (``"policy.regime"``, ``"compare_with"``, ``"simulation.seed"``, slider keys,
            ``"variant:NAME"``).

    Example::

        from simulation.scenario import load
        twin = TwinModel(load("baseline"))
        twin.step()
        twin.timeseries()["policy"].unique()   # ['indicatie', 'voorziening']
    """

    def __init__(self, base: Scenario, **kwargs: Any):
        setup = build_setup(base, {**initial_inputs(base), **kwargs})
        super().__init__(rng=setup.seed % 2**32)
        self.setup: Setup = setup
        self.problem: Problem | None = setup.problem
        self.models: dict[str, DoorstroomModel] = {}
        # The play loop steps in a thread while the page may draw from another.
        self._lock = threading.Lock()
        if self.problem is None:
            try:  # the seed is always explicit: both regimes must draw the same numbers
                self.models = {label: DoorstroomModel(setup.scenario, policy=label,
                                                      seed=setup.seed)
                               for label in setup.policies}
            except Exception as exc:  # a fault of ours; the page says so, the log has where
                log.exception("building the twin model failed")
                self.problem = Problem("internal", {"month": 0},
                                       f"{type(exc).__name__}: {exc}")
        self.running = self._can_step()

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

    def _can_step(self) -> bool:
        """Whether a month is left: no problem, before the horizon, and neither regime has
        stopped by itself."""
        return (self.problem is None and bool(self.models) and self.month < self.months
                and all(m.running for m in self.models.values()))

    def step(self) -> None:
        """One month for both regimes; nothing at the horizon or after a fault."""
        with self._lock:
            if not self._can_step():
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
            self.running = self._can_step()

    def timeseries(self) -> pd.DataFrame:
        """Both regimes' months so far, one row per (policy, month)."""
        parts = []
        with self._lock:
            for label, model in self.models.items():
                ts = model.timeseries()
                ts.insert(0, "policy", label)
                parts.append(ts)
        if not parts:
            return pd.DataFrame(columns=["policy", "month"])
        return pd.concat(parts, ignore_index=True)
