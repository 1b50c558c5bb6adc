"""What a municipality in a region sees of the others it buys day activities with.

A region's municipalities under the same regime form a pool at the region's providers
(``regions``): the places each of them has there are open to the residents of all, so a
municipality's free places are its own plus the rest of the pool's (``access.free_slots``),
and crowding under open access counts the whole pool's attendance. A municipality alone
has no ``Elsewhere`` and runs exactly as before regions existed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Elsewhere:
    """Per provider of the region, what the rest of the municipality's pool holds.

    Attributes:
        away_share: the share of the provider's places that lie in the region's other
            municipalities (a place there is a longer trip).
        slots: dagdeel places a week the rest of the pool has there.
        committed: of those places, the ones the rest of the pool's residents hold.
        attendance: dagdelen a week the rest of the pool's residents attend there.
    """

    away_share: np.ndarray
    slots: np.ndarray
    committed: np.ndarray
    attendance: np.ndarray

    @classmethod
    def nothing_yet(cls, away_share: np.ndarray) -> "Elsewhere":
        zeros = np.zeros_like(away_share)
        return cls(away_share, zeros, zeros.copy(), zeros.copy())

    def transport_factor(self, factor_elsewhere: float) -> np.ndarray:
        """Per provider, the expected transport cost of a day against a day's trip within
        one's own municipality (``day_activity.transport_factor_elsewhere`` for a trip to
        another municipality, taken by the share of places that lie there)."""
        return 1.0 + (factor_elsewhere - 1.0) * self.away_share
