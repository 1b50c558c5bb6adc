"""Counter-based random draws keyed by (seed, entity, decision, month).

Every random decision in the model asks this module for its number. A draw is a
pure function of the key, so:

- a resident gets the same number for the same decision and month under both
  regimes (common random numbers): a comparison shows the policy, not luck;
- results do not depend on the order in which agents are processed, on how many
  residents there are, or on how replications are spread over workers;
- adding one resident changes nobody else's draws.

The hash is two rounds of the SplitMix64 finaliser (a bijection on 64-bit words)
over the packed (entity, month) counter, keyed by a BLAKE2 digest of
(seed, decision). It is vectorised over entities with NumPy's wrapping uint64
arithmetic, so one call costs a few dozen array operations whatever the subset.
"""

from __future__ import annotations

import hashlib
import math
from functools import lru_cache

import numpy as np

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_S30, _S27, _S31, _S11 = (np.uint64(s) for s in (30, 27, 31, 11))
_MONTH_SHIFT = np.uint64(40)
_TO_UNIT = 1.0 / float(1 << 53)

#: Entity-id ranges that never meet resident ids (resident ids stay below 2**40).
PROVIDER_BASE = 1 << 38
EMPLOYER_BASE = 1 << 39
MUNICIPALITY_ID = (1 << 40) - 1
#: Months are packed above the entity id; init draws use month -1.
MONTH_OFFSET = 1


@lru_cache(maxsize=4096)
def _keys(seed: int, decision: str) -> tuple[np.uint64, np.uint64]:
    digest = hashlib.blake2b(f"{seed}\x1f{decision}".encode(), digest_size=16).digest()
    return (np.uint64(int.from_bytes(digest[:8], "little")),
            np.uint64(int.from_bytes(digest[8:], "little")))


def _mix(x: np.ndarray) -> np.ndarray:
    x ^= x >> _S30
    x *= _M1
    x ^= x >> _S27
    x *= _M2
    x ^= x >> _S31
    return x


def bits(seed: int, decision: str, month: int, ids: np.ndarray) -> np.ndarray:
    """64 random bits per entity id for one decision in one month."""
    k1, k2 = _keys(int(seed), decision)
    counter = np.asarray(ids, dtype=np.uint64) | (np.uint64(month + MONTH_OFFSET) << _MONTH_SHIFT)
    x = counter * _GOLDEN  # uint64 array arithmetic wraps modulo 2**64, silently
    x += k1
    _mix(x)
    x ^= k2
    return _mix(x)


def uniform(seed: int, decision: str, month: int, ids: np.ndarray) -> np.ndarray:
    """One uniform number in [0, 1) per id, fixed by (seed, decision, month, id)."""
    return (bits(seed, decision, month, ids) >> _S11).astype(np.float64) * _TO_UNIT


def normal(seed: int, decision: str, month: int, ids: np.ndarray) -> np.ndarray:
    """One standard-normal number per id (inverse CDF of a keyed uniform)."""
    from scipy.special import ndtri

    return ndtri(uniform(seed, decision, month, ids) + _TO_UNIT / 2)


def poisson(seed: int, decision: str, month: int, ids: np.ndarray, mean) -> np.ndarray:
    """One Poisson count per id (inverse CDF of a keyed uniform); ``mean`` may be an array."""
    u = uniform(seed, decision, month, ids)
    means = np.broadcast_to(np.asarray(mean, dtype=np.float64), u.shape)
    return np.array([poisson_ppf(a, b) for a, b in zip(u.tolist(), means.tolist())],
                    dtype=np.int64)


def poisson_ppf(u: float, mean: float) -> int:
    """Smallest k with P(X <= k) > u for X ~ Poisson(mean): exact for small means."""
    if mean <= 0.0:
        return 0
    if mean > 200.0:  # the sum of many small counts: the normal limit is exact enough
        from scipy.special import ndtri

        return max(0, int(round(mean + math.sqrt(mean) * float(ndtri(u + _TO_UNIT / 2)))))
    k, pk = 0, math.exp(-mean)
    cdf = pk
    while u >= cdf and pk > 0.0:
        k += 1
        pk *= mean / k
        cdf += pk
    return k


def binomial_ppf(u: float, n: int, p: float) -> int:
    """Smallest k with P(X <= k) > u for X ~ Binomial(n, p)."""
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    if n > 1000:  # many trials: the normal limit, so the walk below never runs long
        from scipy.special import ndtri

        z = float(ndtri(u + _TO_UNIT / 2))
        return min(n, max(0, int(round(n * p + z * math.sqrt(n * p * (1.0 - p))))))
    k, pk = 0, (1.0 - p) ** n
    cdf, ratio = pk, p / (1.0 - p)
    while u >= cdf and k < n:
        pk *= ratio * (n - k) / (k + 1)
        k += 1
        cdf += pk
    return k


def scalar(seed: int, decision: str, month: int, entity: int = MUNICIPALITY_ID) -> float:
    """One uniform number for a model-level decision (default: the municipality)."""
    return float(uniform(seed, decision, month, np.array([entity], dtype=np.uint64))[0])


def derive_seed(seed: int, *labels: object) -> int:
    """A 63-bit seed for a replication or sub-run, derived from a base seed and labels."""
    text = "\x1f".join(str(x) for x in (seed, *labels))
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1
