"""Resident state: one NumPy array per attribute, one row per resident ever in scope.

Rows are never reused: a resident who leaves keeps its row with status EXITED, so
a row index is stable for the whole run and handles (``agents.Resident``) stay
valid. Capacity is preallocated for the expected entrants and grows if needed.

Every attribute a resident starts with is drawn from keyed draws on its id, so
the same resident is the same person under both regimes and whatever else is in
the population.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, Mapping

import numba
import numpy as np

from . import rng, threads
from .declarations import GROUPS

AGE_MIN_YEARS = 18  # scope: working age (docs/model.md §1.1)
AGE_EXIT_YEARS = 67  # AOW age: residents leave scope
INIT_MONTH = -1  # month key of the draws that set up a resident
ENTRANT_ID_BASE = 1 << 32  # entrant ids do not depend on the start population's size
ENTRANT_MONTH_STRIDE = 1 << 20
WRITE_BLOCK = 1 << 14  # residents made at once (bounds the memory of their draws)
#: The keyed draws that make a resident who it is (drawn together, one column each).
INIT_DECISIONS = ("init_group", "init_age", "init_stability", "init_loonwaarde", "init_skills",
                  "init_motivation", "init_benefit", "init_transport", "init_home_support",
                  "init_dagdelen", "init_status", "init_rung", "init_decision_end",
                  "init_job_start", "init_latent")


class Status(IntEnum):
    """Support status: every resident is in exactly one each month. (Compare arrays with
    ``int(Status.X)``: NumPy takes an IntEnum member far more slowly than an int.)"""

    NONE = 0
    WAITING_ASSESSMENT = 1
    WAITING_PLACEMENT = 2
    DAY_ACTIVITY = 3
    TRIAL_PLACEMENT = 4
    PAID_WORK = 5
    EXITED = 6
    SHELTERED_WORK = 7  # beschut werk (variant sheltered_work)
    ACTIVATION = 8  # a Participatiewet activation route (social activation, work experience)


class Benefit(IntEnum):
    NONE = 0
    BIJSTAND = 1  # paid by the municipality (Participatiewet)
    UWV = 2  # Wajong/WIA, paid by UWV


NEVER = -10_000  # month value meaning "not set"

#: attribute -> dtype. ``index`` order is row order.
FIELDS: dict[str, Any] = {
    "id": np.uint64,
    "group": np.int8,
    "age_months": np.int16,
    "rung": np.int8,
    "skills": np.float32,
    "loonwaarde_base": np.float32,
    "motivation": np.float32,
    "stability": np.float32,
    "benefit": np.int8,
    "needs_transport": np.bool_,
    "latent": np.bool_,  # asks for day activities only where no assessment is needed
    "home_support": np.bool_,
    "dagdelen": np.int8,
    "status": np.int8,
    "status_since": np.int16,
    "has_decision": np.bool_,
    "decision_end": np.int16,
    "transitional_until": np.int16,  # per-dagdeel decision honoured after a switch until
    "requested": np.int16,  # month of the request now being handled (NEVER: none)
    "queue_since": np.int16,  # in the assessment queue since (NEVER: not queued)
    "reassessment": np.bool_,
    "placement_since": np.int16,
    "retry_after": np.int16,
    "provider": np.int16,  # -1: none
    "employer": np.int32,  # -1: none
    "referred_by": np.int16,  # provider that proposed the current trial or job
    "referral_blocked_until": np.int16,
    "trial_end": np.int16,
    "activation_until": np.int16,  # an activation route ends (NEVER: none)
    "job_start": np.int16,
    "support_stopped": np.int16,
    "ever_served": np.bool_,
    "entered": np.int16,
    "exited": np.int16,
    "municipality": np.int16,  # which of the model's municipalities (0 when it has one)
}


class Population:
    """Structure of arrays for all residents; ``n`` rows are in use."""

    def __init__(self, capacity: int):
        self.capacity = max(int(capacity), 1)
        self.n = 0  # rows in use: residents in scope now or earlier
        self.staged = 0  # rows written after those: entrants still to come
        for name, dtype in FIELDS.items():
            setattr(self, name, np.zeros(self.capacity, dtype=dtype))
        self._rows: dict[int, np.ndarray] = {}  # rows by status, until a status changes

    def __len__(self) -> int:
        return self.n

    def view(self, name: str) -> np.ndarray:
        """The rows in use of one attribute."""
        return getattr(self, name)[: self.n]

    def present(self) -> np.ndarray:
        """Boolean mask over rows in use: residents still in scope."""
        return self.status[: self.n] != int(Status.EXITED)

    def loonwaarde(self, rows, per_skill) -> np.ndarray:
        """Loonwaarde now: the starting value plus what skills add (capped at 1)."""
        return np.minimum(self.loonwaarde_base[rows] + per_skill * self.skills[rows], 1.0)

    def _grow(self, needed: int) -> None:
        new = max(needed, int(self.capacity * 1.5) + 16)
        used = self.n + self.staged
        for name, dtype in FIELDS.items():
            old = getattr(self, name)
            arr = np.zeros(new, dtype=dtype)
            arr[:used] = old[:used]
            setattr(self, name, arr)
        self.capacity = new

    def add(self, ids: np.ndarray, month: int, seed: int, p: Mapping[str, Any],
            initial: bool) -> np.ndarray:
        """Append residents with these ids, in scope from ``month``; return their rows.
        ``initial`` residents get the start mix of statuses (day activities, work, none);
        entrants start without support as young adults."""
        if self.staged:
            raise RuntimeError("add residents before staging entrants")
        self.staged += self._write(ids, seed, p, initial).size
        return self.admit(len(ids), month)

    def stage(self, ids: np.ndarray, seed: int, p: Mapping[str, Any]) -> np.ndarray:
        """Write future entrants (in order of entry) behind the residents in scope; their
        rows. Who an entrant is depends only on its id, so all of a run's entrants are made
        when the model is built; ``admit`` brings them into scope month by month."""
        rows = self._write(ids, seed, p, initial=False)
        self.staged += rows.size
        return rows

    def order_staged(self, order: np.ndarray) -> None:
        """Put the staged entrants in this order (several municipalities' entrants, staged
        one municipality after another, admitted month by month)."""
        staged = slice(self.n, self.n + self.staged)
        for name in FIELDS:
            values = getattr(self, name)
            values[staged] = values[staged][order]

    def copy(self) -> "Population":
        """Another population the same as this one, written and staged rows alike."""
        out = Population.__new__(Population)
        out.capacity, out.n, out.staged = self.capacity, self.n, self.staged
        for name in FIELDS:
            setattr(out, name, getattr(self, name).copy())
        out._rows = {}
        return out

    def subset(self, rows: np.ndarray) -> "Population":
        """A population of these rows only (in scope or before), in their order."""
        out = Population(rows.size)
        for name in FIELDS:
            getattr(out, name)[:] = getattr(self, name)[rows]
        out.n = rows.size
        return out

    def admit(self, k: int, month: int) -> np.ndarray:
        """The next ``k`` written residents come into scope in ``month``; their rows."""
        if k > self.staged:
            raise RuntimeError(f"admit {k} residents, but only {self.staged} are staged")
        rows = np.arange(self.n, self.n + k)
        self.n += k
        self.staged -= k
        self.status_since[rows] = month
        self.entered[rows] = month
        for status in self._kept_up_to_date():  # the newcomers come last in row order
            self._keep(status, np.concatenate(
                [self._rows[status], rows[self.status[rows] == status]]))
        return rows

    def _write(self, ids: np.ndarray, seed: int, p: Mapping[str, Any],
               initial: bool) -> np.ndarray:
        """Every attribute of new residents, in the rows after those already written."""
        k = len(ids)
        start = self.n + self.staged
        if start + k > self.capacity:
            self._grow(start + k)
        ids = np.asarray(ids, dtype=np.uint64)
        for first in range(0, k, WRITE_BLOCK):  # in blocks: temporaries stay small
            block = ids[first: first + WRITE_BLOCK]
            self._write_block(np.arange(start + first, start + first + block.size), block,
                              seed, p, initial)
        return np.arange(start, start + k)

    def _write_block(self, rows: np.ndarray, ids: np.ndarray, seed: int,
                     p: Mapping[str, Any], initial: bool) -> None:
        k = rows.size
        at = slice(int(rows[0]), int(rows[0]) + k)  # the rows, consecutive: written as a slice
        self.id[at] = ids

        draws = rng.uniforms(seed, INIT_DECISIONS, INIT_MONTH, ids)

        def u(decision: str) -> np.ndarray:
            return draws[decision]

        group = np.searchsorted(np.cumsum(p["population.group_shares"]), u("init_group"),
                                side="right")
        group = np.minimum(group, len(GROUPS) - 1)
        self.group[at] = group
        max_age = AGE_EXIT_YEARS if initial else p["population.entrant_max_age"] + 1
        span = (max_age - AGE_MIN_YEARS) * 12
        self.age_months[at] = AGE_MIN_YEARS * 12 + (u("init_age") * span).astype(np.int16)
        stab = np.asarray(p["population.stability_by_group"])[group]
        self.stability[at] = np.clip(stab + 0.3 * (u("init_stability") - 0.5), 0.0, 1.0)
        lw = np.asarray(p["population.loonwaarde_by_group"])[group]
        self.loonwaarde_base[at] = np.clip(lw + 0.2 * (u("init_loonwaarde") - 0.5), 0.0, 1.0)
        self.skills[at] = 0.5 * u("init_skills")
        sd = p["development.motivation_sd"]
        z = rng.to_normal(u("init_motivation"))
        self.motivation[at] = np.exp(sd * z - 0.5 * sd * sd)  # lognormal, mean 1
        ub = u("init_benefit")
        bijstand = np.asarray(p["population.bijstand_share_by_group"])[group]
        uwv = np.asarray(p["population.uwv_share_by_group"])[group]
        self.benefit[at] = np.where(ub < bijstand, Benefit.BIJSTAND,
                                    np.where(ub < bijstand + uwv, Benefit.UWV, Benefit.NONE))
        self.latent[at] = u("init_latent") < p["help_seeking.latent_share"]
        self.needs_transport[at] = u("init_transport") < p["day_activity.transport_share"]
        self.home_support[at] = u("init_home_support") < p["home_support.share_with_support"]
        d = p["day_activity.dagdelen_per_week"] + p["day_activity.dagdelen_sd"] * \
            rng.to_normal(u("init_dagdelen"))
        self.dagdelen[at] = np.clip(np.rint(d), 1, 10).astype(np.int8)

        # Start status and rung (all regime-independent).
        us = u("init_status")
        share_da = p["population.share_in_day_activity_start"] if initial else 0.0
        share_work = p["population.share_in_paid_work_start"] if initial else 0.0
        in_da = us < share_da
        in_work = (us >= share_da) & (us < share_da + share_work)
        status = np.full(k, Status.NONE, dtype=np.int8)
        status[in_da] = Status.DAY_ACTIVITY
        status[in_work] = Status.PAID_WORK
        self.status[at] = status
        ur = u("init_rung")
        rung = 1 + np.searchsorted(np.cumsum(p["population.rung_shares_without_support"]), ur,
                                   side="right")
        rung = np.minimum(rung, 4)
        rung[in_da] = np.where(ur[in_da] < p["population.rung4_share_in_day_activity"], 4, 3)
        rung[in_work] = 5
        self.rung[at] = rung
        self.skills[rows[in_da]] += 0.3 * (rung[in_da] == 4)
        self.skills[rows[in_work]] = 0.6 + 0.4 * u("init_skills")[in_work]

        for name in ("requested", "queue_since", "placement_since", "retry_after", "trial_end",
                     "activation_until", "job_start",
                     "support_stopped", "referral_blocked_until", "decision_end", "exited",
                     "transitional_until"):
            getattr(self, name)[at] = NEVER
        self.provider[at] = -1
        self.employer[at] = -1
        self.referred_by[at] = -1
        self.has_decision[at] = in_da
        self.ever_served[at] = in_da
        if initial:
            # Decisions end spread over one cycle of a term and the re-assessment that
            # renews it (a decision renewed in month m ends at m + term, and a re-assessment
            # takes the minimum processing time), so re-assessments come as steadily as
            # they do later; jobs started up to three years ago.
            cycle = p["indicatie.term_months"] + p["indicatie.min_processing_months"]
            self.decision_end[rows[in_da]] = 1 + (u("init_decision_end")[in_da] * cycle).astype(
                np.int16)
            self.job_start[rows[in_work]] = -(u("init_job_start")[in_work] * 36).astype(np.int16)

    def set_status(self, rows: np.ndarray, status: Status, month: int) -> None:
        """These rows have ``status`` from ``month`` on; the kept row lists of the statuses
        they leave and enter are updated (``_kept_up_to_date``) or dropped, others stay."""
        if rows.size == 0:
            return  # the rows kept by status stay right
        status = int(status)  # a plain int: NumPy probes an IntEnum slowly
        rows = np.asarray(rows, dtype=np.int64)
        updated = self._kept_up_to_date()
        before = self.status[rows] if updated else None
        had = _set_status(self.status, self.status_since, rows, status, month)
        for kept in [s for s in self._rows if s == status or had >> s & 1]:
            if kept not in updated:
                del self._rows[kept]  # the rows of the other statuses stay right
            elif kept == status:
                self._keep(kept, _merged(self._rows[kept], _increasing(rows[before != status])))
            else:
                self._keep(kept, _without(self._rows[kept], _increasing(rows[before == kept])))

    def _kept_up_to_date(self) -> set[int]:
        """The statuses whose kept row lists a change updates rather than drops: in a large
        population (finding rows again is a pass over all), the lists short against it."""
        if self.n < KEEP_UPDATED_FROM:
            return set()
        return {s for s, rows in self._rows.items() if rows.size < self.n // 4}

    def _keep(self, status: int, rows: np.ndarray) -> None:
        rows.flags.writeable = False
        self._rows[status] = rows

    def rows_with(self, status: Status) -> np.ndarray:
        """The rows with this status now (read-only; kept until a status changes, since
        several phases ask for the same rows in a month)."""
        status = int(status)
        rows = self._rows.get(status)
        if rows is None:
            rows = threads.joined(threads.over_rows(
                self.n, lambda a, b: (self.status[a:b] == status).nonzero()[0]))
            self._keep(status, rows)
        return rows


#: Rows a compiled pass goes through between checks that its list of chosen rows has room.
BLOCK = 4096
#: Rows from which a change of status updates the kept row lists (``_kept_up_to_date``).
KEEP_UPDATED_FROM = 200_000


def _increasing(rows: np.ndarray) -> np.ndarray:
    """``np.unique(rows)`` by a sort (NumPy's unique hashes: ~20 times slower)."""
    out = np.sort(rows)
    return out[np.concatenate(([True], out[1:] != out[:-1]))] if out.size > 1 else out


@numba.njit(cache=True, nogil=True)
def _merged(rows, more):
    """Two increasing lists of rows without common rows, as one increasing list."""
    out = np.empty(rows.size + more.size, dtype=np.int64)
    i = j = 0
    for k in range(out.size):
        if j == more.size or (i < rows.size and rows[i] < more[j]):
            out[k] = rows[i]
            i += 1
        else:
            out[k] = more[j]
            j += 1
    return out


@numba.njit(cache=True, nogil=True)
def _without(rows, fewer):
    """An increasing list of rows without those of ``fewer`` (increasing)."""
    out = np.empty(rows.size, dtype=np.int64)
    j = k = 0
    for i in range(rows.size):
        while j < fewer.size and fewer[j] < rows[i]:
            j += 1
        out[k] = rows[i]
        k += j == fewer.size or fewer[j] != rows[i]
    return out[:k]


@numba.njit(cache=True, nogil=True)
def _set_status(status, status_since, rows, new, month):
    """These rows take the new status since this month; returns the statuses they had (a
    bit each)."""
    had = 0
    for row in rows:
        had |= 1 << np.int64(status[row])
        status[row] = new
        status_since[row] = month
    return had


@numba.njit(cache=True, nogil=True)
def with_room(rows, k, more):
    """``rows``, its first ``k`` kept, with room for ``more`` after them (at least doubled
    when it grows): a compiled pass collects the rows it chooses block by block
    (``BLOCK``) without a buffer the size of the population, and its inner loop writes
    without a check."""
    if k + more <= rows.size:
        return rows
    bigger = np.empty(max(2 * rows.size, k + more), dtype=rows.dtype)
    bigger[:k] = rows[:k]
    return bigger


def entrant_ids(month: int, count: int) -> np.ndarray:
    """Ids of the residents entering in a month: fixed by (month, k), not by population size."""
    return (ENTRANT_ID_BASE + month * ENTRANT_MONTH_STRIDE + np.arange(count)).astype(np.uint64)


@numba.njit(cache=True, nogil=True)
def draw_room():
    """Room for a block's keyed draws in a compiled pass: the rows that need one, the
    scratch of ``rng.units_at`` and the draws."""
    return (np.empty(BLOCK, dtype=np.int64), np.empty((3, BLOCK), dtype=np.uint64),
            np.empty(BLOCK, dtype=np.float64))
