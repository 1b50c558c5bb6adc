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
        slots: dagdeel places a week the rest of the pool has there.
        committed: of those places, the ones the rest of the pool's residents hold.
        attendance: dagdelen a week the rest of the pool's residents attend there.
    """

    slots: np.ndarray
    committed: np.ndarray
    attendance: np.ndarray

    @classmethod
    def nothing_yet(cls, providers: int) -> "Elsewhere":
        return cls(np.zeros(providers), np.zeros(providers), np.zeros(providers))

    def transport_factor(self, own_slots: np.ndarray, factor_elsewhere: float) -> np.ndarray:
        """Per provider, the expected transport cost of a day against a trip within one's
        own municipality: a place lies in another municipality with the share of the
        pool's places there that are the others' (``own_slots``: this municipality's), and
        such a trip costs ``factor_elsewhere`` times as much."""
        pool = own_slots + self.slots
        away = np.divide(self.slots, pool, out=np.zeros_like(pool), where=pool > 0)
        return 1.0 + (factor_elsewhere - 1.0) * away
