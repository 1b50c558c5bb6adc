"""doorstroom: day activities in a Dutch municipality, indicatie versus voorziening.

The Python API for notebooks::

    import simulation as ds
    sc = ds.load_scenario("scenarios/baseline.toml", {"population.residents": 800})
    res = ds.compare(sc, replications=10)
    res.comparison()          # per metric: both means, paired difference, 95% interval
    res.timeseries            # one row per replication, policy and month

Importing this package does not import Mesa; the model loads when a run starts.
"""

__version__ = "0.2.0"

from .errors import InputError  # noqa: E402
from .experiment import compare, run, simulate  # noqa: E402
from .scenario import Scenario, default_scenario  # noqa: E402
from .scenario import load as load_scenario  # noqa: E402

__all__ = ["InputError", "Scenario", "compare", "default_scenario", "load_scenario", "run",
           "simulate", "__version__"]
