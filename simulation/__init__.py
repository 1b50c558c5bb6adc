"""doorstroom: day activities in a Dutch municipality, indicatie versus voorziening.

The Python API for notebooks::

    import simulation as ds
    sc = ds.load_scenario("scenarios/baseline.toml", {"population.residents": 800})
    res = ds.compare(sc, replications=10)
    res.comparison()          # per metric: both means, paired difference, 95% interval
    res.timeseries            # one row per replication, policy and month

Importing this package does not import Mesa: ``compare``, ``run`` and ``simulate`` load
the model on first use (module ``__getattr__``), so checking a scenario stays fast.
"""

__version__ = "0.2.0"

from .errors import InputError  # noqa: E402
from .scenario import Scenario, default_scenario  # noqa: E402
from .scenario import load as load_scenario  # noqa: E402

#: Names that import the model when first asked for, and the module that holds each.
_DEFERRED = {"compare": "experiment", "run": "experiment", "simulate": "runs"}


def __getattr__(name: str):
    if name in _DEFERRED:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_DEFERRED[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["InputError", "Scenario", "compare", "default_scenario", "load_scenario", "run",
           "simulate", "__version__"]
