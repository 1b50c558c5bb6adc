"""The ledger: every euro the model moves, by month, payer and category.

Nothing else adds up money. Amounts are rounded to whole cents when booked and
summed as integers, so the accounting identities (categories = payers = grand
total) hold exactly, to the cent. Totals per (month, payer, category) are always
kept; the individual entries (with resident and provider) are kept when asked
for, because at a million residents they would not fit in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .declarations import CATEGORIES, PAYER_NAMES

_CAT_INDEX = {c: i for i, c in enumerate(CATEGORIES)}
_PAYER_INDEX = {p: i for i, p in enumerate(PAYER_NAMES)}
_KIND_INDEX = {kind: np.array([i for c, i in _CAT_INDEX.items() if CATEGORIES[c].kind == kind])
               for kind in {c.kind for c in CATEGORIES.values()}}


@dataclass
class _Entries:
    month: list
    payer: list
    category: list
    cents: list
    resident: list
    provider: list


class Ledger:
    """Bookings in whole cents, by municipality when the model holds several.

    Args:
        months: horizon; months are numbered 1..months (0 holds set-up costs).
        detail: keep every entry with its resident and provider id (one municipality).
        municipalities: how many municipalities book here (``Ledger.of`` reads one).
    """

    def __init__(self, months: int, detail: bool = False, municipalities: int = 1):
        if detail and municipalities > 1:
            raise ValueError("a ledger keeps every entry for one municipality only")
        self.months = months
        self.by_municipality = np.zeros(
            (municipalities, months + 1, len(PAYER_NAMES), len(CATEGORIES)), dtype=np.int64)
        self.detail = detail
        self._entries = _Entries([], [], [], [], [], []) if detail else None

    @property
    def totals(self) -> np.ndarray:
        """Cents by (month, payer, category), over the municipalities."""
        if self.by_municipality.shape[0] == 1:
            return self.by_municipality[0]
        return self.by_municipality.sum(axis=0)

    @classmethod
    def of(cls, ledger: "Ledger", municipality: int) -> "Ledger":
        """One municipality's part of a ledger (its totals, not a copy)."""
        out = cls(ledger.months)
        out.by_municipality = ledger.by_municipality[municipality: municipality + 1]
        return out

    def book(self, month: int, payer: str, category: str, amount_eur,
             resident=None, provider=None, count: int | None = None,
             municipality=0) -> np.ndarray:
        """Book one amount or an array of amounts (one per resident or provider); with
        ``count``, a single amount is booked ``count`` times (the same for each resident).
        ``municipality``: whose it is (one for all, or one per amount or resident).

        Returns the booked total in cents of each municipality.
        """
        booked = np.zeros(self.by_municipality.shape[0], dtype=np.int64)
        if count == 0:
            return booked
        each = None
        if count is not None and np.ndim(amount_eur) == 0:
            each = int(np.rint(float(amount_eur) * 100.0))
            cents = np.full(count if self._entries is not None else 0, each, dtype=np.int64)
        else:
            cents = np.rint(np.asarray(amount_eur, dtype=np.float64) * 100.0).astype(np.int64)
        if np.ndim(municipality) == 0:
            booked[municipality] = each * count if each is not None else int(cents.sum())
        elif each is not None:
            booked += each * np.bincount(municipality, minlength=booked.size)
        else:
            booked += np.rint(np.bincount(municipality, weights=cents, minlength=booked.size)
                              ).astype(np.int64)
        self.add(month, payer, category, booked, np.atleast_1d(cents), resident, provider)
        return booked

    def add(self, month: int, payer: str, category: str, cents_each: np.ndarray,
            cents: np.ndarray | None = None, resident=None, provider=None) -> None:
        """Add totals already in cents (one per municipality); their entries (``cents``,
        one per resident or provider) are kept when the ledger keeps every entry."""
        p, c = _PAYER_INDEX[payer], _CAT_INDEX[category]
        self.by_municipality[:, month, p, c] += cents_each
        if self._entries is not None and cents is not None and cents.size:
            n = cents.size
            e = self._entries
            e.month.append(np.full(n, month, dtype=np.int32))
            e.payer.append(np.full(n, p, dtype=np.int8))
            e.category.append(np.full(n, c, dtype=np.int8))
            e.cents.append(cents)
            e.resident.append(_ids(resident, n))
            e.provider.append(_ids(provider, n))

    @staticmethod
    def cells(pairs, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
        """The (payer, category) cells of these name pairs, as index arrays of ``shape``
        (for ``add_cells``)."""
        payers, categories = zip(*pairs)
        return (np.array([_PAYER_INDEX[p] for p in payers]).reshape(shape),
                np.array([_CAT_INDEX[c] for c in categories]).reshape(shape))

    def add_cells(self, month: int, cells: tuple[np.ndarray, np.ndarray],
                  cents: np.ndarray) -> None:
        """Add totals already in cents, by municipality and then as ``cells``, each to its
        (payer, category) cell, when the ledger keeps totals only."""
        which = np.arange(cents.shape[0]).reshape((-1,) + (1,) * cells[0].ndim)
        np.add.at(self.by_municipality[:, month], (which, *cells), cents)

    def payer_cents_each(self, payer: str, kind: str = "cost",
                         months: slice = slice(None)) -> np.ndarray:
        """``payer_cents`` of each municipality."""
        return self.by_municipality[:, months, _PAYER_INDEX[payer]][:, :, _KIND_INDEX[kind]
                                                                     ].sum(axis=(1, 2))

    # --- reading -------------------------------------------------------------------

    def category_cents(self, category: str) -> int:
        return int(self.totals[:, :, _CAT_INDEX[category]].sum())

    def payer_cents(self, payer: str, kind: str = "cost", months: slice = slice(None)) -> int:
        """Cents of one kind paid by one payer (over some months: a slice of month numbers)."""
        return int(self.totals[months, _PAYER_INDEX[payer]][:, _KIND_INDEX[kind]].sum())

    def kind_cents(self, kind: str) -> int:
        return int(self.totals[:, :, _KIND_INDEX[kind]].sum())

    def summary_frame(self) -> pd.DataFrame:
        """Non-zero totals as rows (month, payer, category, kind, amount_eur)."""
        return totals_frame(self.totals)

    def entries_frame(self) -> pd.DataFrame:
        """Every entry (only with ``detail=True``): month, payer, category, amount, ids."""
        if self._entries is None:
            raise RuntimeError("this ledger keeps totals only; build it with detail=True")
        e = self._entries
        cat = np.concatenate(e.category) if e.category else np.array([], dtype=np.int8)
        pay = np.concatenate(e.payer) if e.payer else np.array([], dtype=np.int8)
        cats = np.array(list(CATEGORIES))
        return pd.DataFrame({
            "month": np.concatenate(e.month) if e.month else [],
            "payer": np.array(PAYER_NAMES)[pay],
            "category": cats[cat],
            "cents": np.concatenate(e.cents) if e.cents else [],
            "resident": np.concatenate(e.resident) if e.resident else [],
            "provider": np.concatenate(e.provider) if e.provider else [],
        })


def _ids(ids, n: int) -> np.ndarray:
    if ids is None:
        return np.full(n, -1, dtype=np.int64)
    return np.broadcast_to(np.asarray(ids, dtype=np.int64), (n,)).copy()


def totals_frame(totals: np.ndarray) -> pd.DataFrame:
    """Cents by (month, payer, category) as the ledger table: its non-zero cells in euros."""
    m, p, c = np.nonzero(totals)
    cats = list(CATEGORIES)
    return pd.DataFrame({
        "month": m,
        "payer": [PAYER_NAMES[i] for i in p],
        "category": [cats[i] for i in c],
        "kind": [CATEGORIES[cats[i]].kind for i in c],
        "amount_eur": totals[m, p, c] / 100.0,
    })
