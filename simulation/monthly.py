"""The monthly record of a run: counts, flows and money as series, and the timeseries table.

Stocks are recorded at month end; flows as running totals, differenced into monthly
flows in ``series_frame``; money by category and payer from the ledger's month. Mesa's
``DataCollector`` reads a few of them after each month (``MESA_REPORTERS``).
"""

from __future__ import annotations

from functools import partial
from typing import Mapping

import numba
import numpy as np
import pandas as pd

from . import access, threads
from .declarations import (
    CATEGORIES,
    COST_CATEGORIES,
    PAYER_NAMES,
    money_column,
    payer_column,
)
from .policies import all_counters
from .population import Status

#: Series that are not whole counts (besides money and the mean guidance).
FRACTIONAL = ("attended_dagdelen", "funded_places")

_STATUS_COLUMNS = {
    Status.NONE: "no_support",
    Status.WAITING_ASSESSMENT: "waiting_assessment",
    Status.WAITING_PLACEMENT: "waiting_placement",
    Status.DAY_ACTIVITY: "in_day_activity",
    Status.TRIAL_PLACEMENT: "in_trial_placement",
    Status.PAID_WORK: "in_paid_work",
    Status.SHELTERED_WORK: "in_sheltered_work",
    Status.ACTIVATION: "in_activation",
}
_RUNG_COLUMNS = tuple(f"rung_{r}" for r in range(1, 7))
_STATUS_ITEMS = tuple((int(status), column) for status, column in _STATUS_COLUMNS.items())
FLOW_COUNTERS = ("entries", "exits", "queue_arrivals", "assessments", "placements",
                  "referrals", "trials_started", "jobs_started", "jobs_ended",
                  "jobs_sustained_6m", "jobs_sustained_12m", "ladder_up", "ladder_down")
#: A model's counters (``DoorstroomModel.count``), the flows first, and where each is in
#: ``DoorstroomModel.counts``.
COUNTERS = tuple(dict.fromkeys((
    *FLOW_COUNTERS, "queue_departures", "queue_wait_sum", "assessment_wait_sum",
    "placement_wait_sum", "jobs_started_followed_12m", "referrals_held_for_budget",
    "switched_at", "access_placements", "access_wait_sum", "access_beyond_term",
    "jobs_at_start", "activations", "jobs_from_day_activities", *all_counters())))
COUNTER = {name: k for k, name in enumerate(COUNTERS)}
_FLOW_INDEX = np.arange(len(FLOW_COUNTERS))
_SWITCHED = COUNTER["switched_at"]


def series_columns() -> list[str]:
    """The names of the monthly series, in the order of the timeseries table."""
    return ["residents", *(f"rung_{r}" for r in range(1, 7)), *_STATUS_COLUMNS.values(),
            "assessment_queue", "on_transitional_rights", "after_switch",
            "attended_dagdelen", "funded_places",
            *FLOW_COUNTERS, "mean_guidance",
            "employers_with_target_group",
            "cost_total_eur", *(money_column(c) for c in COST_CATEGORIES),
            *(payer_column(p) for p in PAYER_NAMES),
            *(money_column(c) for c in CATEGORIES if c not in COST_CATEGORIES)]


#: Where each part of a month's record goes in ``series_columns`` order.
_COLUMN = {name: k for k, name in enumerate(series_columns())}
_AT_RUNGS = np.array([_COLUMN[c] for c in _RUNG_COLUMNS])
_AT_STATUS = np.array([_COLUMN[c] for _, c in _STATUS_ITEMS])
_STATUS_CODES = np.array([status for status, _ in _STATUS_ITEMS])
_AT_FLOWS = np.array([_COLUMN[c] for c in FLOW_COUNTERS])
_AT_CATEGORIES = np.array([_COLUMN[money_column(c)] for c in CATEGORIES])
_AT_PAYERS = np.array([_COLUMN[payer_column(p)] for p in PAYER_NAMES])
_COST_INDEX = np.array([list(CATEGORIES).index(c) for c in COST_CATEGORIES])


def new_series(months: int, municipalities: int = 1) -> tuple[np.ndarray, np.ndarray,
                                                              dict[str, np.ndarray]]:
    """Room for a run's series, months 0 to ``months``: a table (a row per series) for each
    municipality, the table over them all, and its rows by name."""
    each = np.zeros((municipalities, len(_COLUMN), months + 1))
    table = each[0] if municipalities == 1 else np.zeros((len(_COLUMN), months + 1))
    return each, table, dict(zip(_COLUMN, table))


def record(model, month: int) -> None:
    """Write the month's counts, flows and money into each municipality's series (and the
    model's: their sums, a mean guidance weighted by clients)."""
    pop, n, count = model.population, model.population.n, model.local.count
    values = np.empty((count, len(_COLUMN)))

    def part(a: int, b: int) -> np.ndarray:
        counted = np.zeros((count, _COUNTED), dtype=np.int64)
        _count(pop.status[a:b], pop.rung[a:b], pop.queue_since[a:b],
               pop.transitional_until[a:b], pop.municipality[a:b], month, counted)
        return counted

    counted = threads.summed(threads.over_rows(n, part))
    values[:, _COLUMN["residents"]] = counted[:, 0]
    values[:, _AT_RUNGS] = counted[:, 1:7]
    values[:, _AT_STATUS] = counted[:, 7:7 + len(Status)][:, _STATUS_CODES]
    values[:, _COLUMN["assessment_queue"]] = counted[:, -2]
    values[:, _COLUMN["on_transitional_rights"]] = counted[:, -1]
    values[:, _COLUMN["after_switch"]] = float(
        0 < model.counts[_SWITCHED, 0] <= month)
    values[:, _COLUMN["attended_dagdelen"]] = model.attended_by_month[:, month]
    values[:, _COLUMN["funded_places"]] = _by_municipality(model, model.policy.capacities(model))
    # cumulative; differenced in timeseries()
    values[:, _AT_FLOWS] = model.counts[_FLOW_INDEX].T
    clients = model.provider_month.get("clients")
    if clients is not None:
        g = model.guidance
        total_clients = _by_municipality(model, clients)
        guided = _by_municipality(model, g * clients)
        values[:, _COLUMN["mean_guidance"]] = np.divide(
            guided, total_clients, out=np.ones(count), where=total_clients > 0)
    else:
        values[:, _COLUMN["mean_guidance"]] = 1.0
    values[:, _COLUMN["employers_with_target_group"]] = model.employers_with_target_group()
    cents = model.ledger.by_municipality[:, month]  # (municipality, payer, category)
    by_category = cents.sum(axis=1)
    values[:, _COLUMN["cost_total_eur"]] = by_category[:, _COST_INDEX].sum(axis=1) / 100
    values[:, _AT_CATEGORIES] = by_category / 100
    values[:, _AT_PAYERS] = cents[:, :, _COST_INDEX].sum(axis=2) / 100
    model.series_by_municipality[:, :, month] = values
    if count > 1:
        total = values.sum(axis=0)
        total[_COLUMN["after_switch"]] = values[0, _COLUMN["after_switch"]]
        clients = values[:, _COLUMN["in_day_activity"]]
        total[_COLUMN["mean_guidance"]] = np.average(
            values[:, _COLUMN["mean_guidance"]], weights=clients + (clients.sum() == 0))
        model.series_table[:, month] = total


#: Columns of ``_count``: residents, rungs 1-6, every status, queue, transitional rights.
_COUNTED = 1 + 6 + len(Status) + 2
_EXITED, _DAY, _NEVER = int(Status.EXITED), int(Status.DAY_ACTIVITY), access.NEVER


@numba.njit(cache=True, nogil=True)
def _count(status, rung, queue_since, transitional_until, municipality, month, out):
    """Per municipality (a row of ``out``): residents in scope, those by rung, everyone by
    status, those in the assessment queue, and those in day activities on transitional
    rights."""
    queue, transitional = out.shape[1] - 2, out.shape[1] - 1
    for i in range(status.size):  # without branches: statuses come mixed, unpredictably
        m = municipality[i]
        st = status[i]
        in_scope = st != _EXITED
        r = rung[i]
        on_ladder = in_scope & (r >= 1) & (r <= 6)
        out[m, 7 + st] += 1
        out[m, 0] += in_scope
        out[m, r if on_ladder else 1] += on_ladder
        out[m, queue] += queue_since[i] != _NEVER
        out[m, transitional] += (st == _DAY) & (transitional_until[i] >= month)


def _by_municipality(model, per_provider: np.ndarray) -> np.ndarray:
    """A sum over each municipality's providers (in provider order, as alone)."""
    return per_provider.reshape(model.local.count, -1).sum(axis=1)


def series_frame(series: Mapping[str, np.ndarray], months: int) -> pd.DataFrame:
    """Recorded series as the ``timeseries`` table: months 1..months, flows differenced;
    counts as whole numbers. (Each column made first and the table once: a column set at a
    time took ~7 ms, more than a replication of the baseline.)"""
    columns = {"month": np.arange(1, months + 1)}
    for name, values in series.items():
        column = values[1: months + 1]
        if name in FLOW_COUNTERS:
            column = np.diff(np.concatenate([[0.0], column]))
        if not (name.endswith("_eur") or name in ("mean_guidance", *FRACTIONAL)):
            column = column.astype(np.int64)
        columns[name] = column
    return pd.DataFrame(columns)


def _month_end(model, columns: tuple[str, ...]) -> int:
    """Residents counted in these series at the end of the month just recorded."""
    return int(sum(model._series[c][model.month] for c in columns))


def _cost_so_far(model) -> float:
    """What the run has cost up to the month just recorded, to the cent."""
    return round(float(model._series["cost_total_eur"][1: model.month + 1].sum()), 2)


#: ``DoorstroomModel.datacollector``'s model reporters: which month and seed, the main
#: stocks, jobs started and the cost so far; scalar reads of the series just recorded, so
#: collecting costs nothing measurable (``jobs_started`` is recorded as a running total).
MESA_REPORTERS = {
    "month": "month",
    "seed": "seed",
    "in_day_activity": partial(_month_end, columns=("in_day_activity",)),
    "in_paid_work": partial(_month_end, columns=("in_paid_work",)),
    "waiting": partial(_month_end, columns=("waiting_assessment", "waiting_placement")),
    "jobs_started_so_far": partial(_month_end, columns=("jobs_started",)),
    "cost_so_far_eur": _cost_so_far,
}
