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
    return poisson_ppf(uniform(seed, decision, month, ids), mean)


def poisson_ppf(u, mean) -> np.ndarray:
    """Smallest k with P(X <= k) > u for X ~ Poisson(mean), element by element.

    Exact (a walk up the CDF) for means up to 200; above that the normal limit.
    """
    u = np.asarray(u, dtype=np.float64)
    mean = np.broadcast_to(np.asarray(mean, dtype=np.float64), u.shape)
    out = np.zeros(u.shape, dtype=np.int64)
    big = mean > 200.0
    if big.any():
        from scipy.special import ndtri

        z = ndtri(u[big] + _TO_UNIT / 2)
        out[big] = np.maximum(0, np.rint(mean[big] + np.sqrt(mean[big]) * z)).astype(np.int64)
    idx = np.flatnonzero((mean > 0.0) & ~big)
    m, uu = mean.reshape(-1)[idx], u.reshape(-1)[idx]
    pk = np.exp(-m)
    cdf = pk.copy()
    k = np.zeros(idx.size)
    active = (uu >= cdf) & (pk > 0.0)
    while active.any():
        a = np.flatnonzero(active)
        k[a] += 1
        pk[a] *= m[a] / k[a]
        cdf[a] += pk[a]
        active[a] = (uu[a] >= cdf[a]) & (pk[a] > 0.0)
    out.reshape(-1)[idx] = k.astype(np.int64)
    return out


def binomial_ppf(u, n, p: float) -> np.ndarray:
    """Smallest k with P(X <= k) > u for X ~ Binomial(n, p), element by element.

    Exact for up to 1,000 trials; above that the normal limit.
    """
    u = np.asarray(u, dtype=np.float64)
    n = np.broadcast_to(np.asarray(n, dtype=np.int64), u.shape)
    out = np.zeros(u.shape, dtype=np.int64)
    if p <= 0.0:
        return out
    if p >= 1.0:
        return n.copy()
    big = n > 1000
    if big.any():
        from scipy.special import ndtri

        nb = n[big].astype(np.float64)
        z = ndtri(u[big] + _TO_UNIT / 2)
        out[big] = np.clip(np.rint(nb * p + z * np.sqrt(nb * p * (1.0 - p))), 0, nb)
    idx = np.flatnonzero((n > 0) & ~big)
    nn, uu = n.reshape(-1)[idx].astype(np.float64), u.reshape(-1)[idx]
    pk = (1.0 - p) ** nn
    ratio = p / (1.0 - p)
    k = np.zeros(idx.size)
    cdf = pk.copy()
    active = (uu >= cdf) & (k < nn)
    while active.any():
        a = np.flatnonzero(active)
        pk[a] *= ratio * (nn[a] - k[a]) / (k[a] + 1)
        k[a] += 1
        cdf[a] += pk[a]
        active[a] = (uu[a] >= cdf[a]) & (k[a] < nn[a])
    out.reshape(-1)[idx] = k.astype(np.int64)
    return out


def scalar(seed: int, decision: str, month: int, entity: int = MUNICIPALITY_ID) -> float:
    """One uniform number for a model-level decision (default: the municipality)."""
    return float(uniform(seed, decision, month, np.array([entity], dtype=np.uint64))[0])


def derive_seed(seed: int, *labels: object) -> int:
    """A 63-bit seed for a replication or sub-run, derived from a base seed and labels."""
    text = "\x1f".join(str(x) for x in (seed, *labels))
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1
