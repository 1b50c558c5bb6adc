"""Regimes and variants as policy objects with one small interface (``base``).

``Policy`` combines a regime (``regimes``) with variants (``variants``); the model asks it
and nothing else where the regimes differ. Every class registers under the name its
record has in ``simulation.declarations``.
"""

from . import regimes, variants  # noqa: F401  (the classes register on import)
from .base import (
    REGIME_CLASSES,
    VARIANT_CLASSES,
    Policy,
    PolicyPart,
    Regime,
    VariantPart,
    all_counters,
)

__all__ = ["REGIME_CLASSES", "VARIANT_CLASSES", "Policy", "PolicyPart", "Regime",
           "VariantPart", "all_counters"]
