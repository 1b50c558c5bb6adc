"""Shared fixtures: small scenarios that run in milliseconds."""

from __future__ import annotations

import pytest

from simulation.scenario import default_scenario, load


@pytest.fixture(scope="session")
def baseline():
    """The baseline scenario as shipped."""
    return load("scenarios/baseline.toml")


@pytest.fixture(scope="session")
def small(baseline):
    """A small municipality, two years: for fast behavioural tests."""
    return baseline.with_overrides({"population.residents": 200, "simulation.months": 24})


def make(overrides=None, base=None):
    """A scenario from defaults (or ``base``) with overrides."""
    return (base or default_scenario()).with_overrides(overrides or {})
