"""The resident step written the plain Mesa way: one Python agent per resident.

Kept only as a yardstick for ``run_benchmarks.py``: the same ladder and skill rule as
``simulation.phases.day_activities`` (development speed 1, relapse with instability),
one ``mesa.Agent.step`` per resident per month, Python's ``random``.
"""

from __future__ import annotations

import random
import time

import mesa

UP = (0.05, 0.025, 0.012, 0.0, 0.0, 0.0)
RELAPSE = 0.008
SKILL_GAIN = 0.03


class PlainResident(mesa.Agent):
    def __init__(self, model):
        super().__init__(model)
        self.rung = 1 + int(self.random.random() * 4)
        self.skills = 0.5 * self.random.random()
        self.motivation = 1.0
        self.stability = self.random.random()
        self.in_day_activity = self.random.random() < 0.2

    def step(self) -> None:
        speed = self.motivation * (1.0 if self.in_day_activity else 0.25)
        p_up = min(UP[self.rung - 1] * speed, 1.0)
        p_down = RELAPSE * (1.0 + (1.0 - self.stability)) if self.rung > 1 else 0.0
        p_down = min(p_down, 1.0 - p_up)
        u = self.random.random()
        if u < p_up:
            self.rung += 1
        elif u >= 1.0 - p_down:
            self.rung -= 1
        if self.in_day_activity:
            self.skills += SKILL_GAIN * speed * (1.0 - self.skills)


class PlainModel(mesa.Model):
    def __init__(self, residents: int, seed: int = 1):
        super().__init__(rng=seed)
        self.random = random.Random(seed)
        for _ in range(residents):
            PlainResident(self)

    def step(self) -> None:
        self.agents.do("step")


def resident_months_per_second(residents: int, months: int) -> float:
    """Throughput of the per-agent loop (model build excluded)."""
    model = PlainModel(residents)
    start = time.perf_counter()
    for _ in range(months):
        model.step()
    return residents * months / (time.perf_counter() - start)


def bytes_per_resident(residents: int) -> float:
    """Peak traced memory of the per-agent model (build and one month), per agent."""
    import tracemalloc

    tracemalloc.start()
    PlainModel(residents).step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / residents
