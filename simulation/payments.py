"""The money phase: every euro of the month, booked to the payer that pays it by law.

- Day activities: the regime pays (per dagdeel or a lump sum); transport under both.
- Work, for a Participatiewet client (bijstand or no benefit): the municipality's wage
  subsidy (loonkostensubsidie) on rung 5, its job coaching, trial placements and
  activation routes.
- Work, for a UWV client (Wajong, WIA): the employer pays the loonwaarde and UWV
  supplements the benefit (loondispensatie); UWV pays coaching and trial placements, by
  the category's declaration (``Policy.payers``).
- On rung 6 the worker earns the full wage without wage support or coaching.
- Benefits: bijstand less earnings above the earnings disregard; a UWV benefit less a
  share of earnings. What work saves of a benefit is the payer's saving (for bijstand the
  municipality's net saving, ``benefits.net_saving_share``).

Everything but the regime's own payments is one compiled pass over the residents (a
month's bookings are a few dozen NumPy calls otherwise, the most of a small
municipality's month). It keeps NumPy's arithmetic: the loonwaarde and what follows from
it in single precision, as the population stores skills.
"""

from __future__ import annotations

import numba
import numpy as np

from . import threads
from .ledger import Ledger
from .population import Benefit, Status

#: The categories the pass books per resident, in the order the pass books them.
RESIDENT_CATEGORIES = ("transport", "trial_placement", "activation", "wage_subsidy",
                       "sheltered_work", "job_coaching", "home_support", "benefits_paid",
                       "benefits_saved")
(_TRANSPORT, _TRIAL, _ACTIVATION, _WAGE_SUBSIDY, _SHELTERED, _COACHING, _HOME, _PAID,
 _SAVED) = range(len(RESIDENT_CATEGORIES))
_NONE, _DAY, _IN_TRIAL, _WORKING, _EXITED, _SHELTERED_WORK, _ACTIVE = (
    int(Status.NONE), int(Status.DAY_ACTIVITY), int(Status.TRIAL_PLACEMENT),
    int(Status.PAID_WORK), int(Status.EXITED), int(Status.SHELTERED_WORK),
    int(Status.ACTIVATION))
_BIJSTAND, _UWV = int(Benefit.BIJSTAND), int(Benefit.UWV)


#: The columns of the pass's prices and rules (``rates``: a row per municipality of the
#: model, its residents' prices their municipality's): weeks a month x attendance, the
#: employer-cost factor (1 + allowance), home-support hours a month, the factor of home
#: support for residents doing unpaid work, and the prices and benefit rules by name.
RATE_COLUMNS = (
    "attended_per_dagdeel", "trial_eur", "activation_eur", "wage", "loonwaarde_per_skill",
    "wage_subsidy_cap", "employer_cost_factor", "sheltered_eur", "hours_per_week",
    "coaching_price", "home_hours", "volunteer_factor", "home_price", "bijstand_eur", "uwv_eur",
    "disregard_lks_share", "disregard_lks_cap", "disregard_months", "disregard_share",
    "disregard_cap")
(_R_ATTENDED_PER_DAGDEEL, _R_TRIAL_EUR, _R_ACTIVATION_EUR, _R_WAGE, _R_LOONWAARDE_PER_SKILL,
 _R_WAGE_SUBSIDY_CAP, _R_EMPLOYER_COST_FACTOR, _R_SHELTERED_EUR, _R_HOURS_PER_WEEK,
 _R_COACHING_PRICE, _R_HOME_HOURS, _R_VOLUNTEER_FACTOR, _R_HOME_PRICE, _R_BIJSTAND_EUR,
 _R_UWV_EUR, _R_DISREGARD_LKS_SHARE, _R_DISREGARD_LKS_CAP, _R_DISREGARD_MONTHS,
 _R_DISREGARD_SHARE, _R_DISREGARD_CAP) = range(len(RATE_COLUMNS))


def attended_per_dagdeel(local) -> np.ndarray:
    """Dagdelen attended a month per dagdeel a week in each municipality (weeks a month x
    attendance), made once for the model."""
    return local.derived("attended_per_dagdeel", lambda: local.array(
        "day_activity.weeks_per_year") / 12.0 * local.array("day_activity.attendance_rate"))


def rates(local, home_support_reduction: np.ndarray) -> np.ndarray:
    """The pass's prices and rules (``RATE_COLUMNS``) for each municipality of ``local``
    (``municipal.Local``), a row each; ``home_support_reduction`` the policy's for each."""
    a = local.array
    columns = {
        "attended_per_dagdeel": attended_per_dagdeel(local),
        "trial_eur": a("work.trial_cost_per_month_eur"),
        "activation_eur": a("participatiewet.activation_cost_per_month_eur"),
        "wage": a("work.minimum_wage_per_hour_eur") * a("work.hours_per_week") * 52.0 / 12.0,
        "loonwaarde_per_skill": a("development.loonwaarde_per_skill"),
        "wage_subsidy_cap": a("work.wage_subsidy_cap_share"),
        "employer_cost_factor": 1.0 + a("work.employer_cost_allowance"),
        "sheltered_eur": a("sheltered_work.support_cost_per_month_eur"),
        "hours_per_week": a("work.hours_per_week"),
        "coaching_price": a("jobcoach.price_per_hour_eur"),
        "home_hours": a("home_support.hours_per_week") * 52.0 / 12.0,
        "volunteer_factor": 1.0 - home_support_reduction,
        "home_price": a("home_support.price_per_hour_eur"),
        "bijstand_eur": a("benefits.bijstand_per_month_eur"),
        "uwv_eur": a("benefits.uwv_per_month_eur"),
        "disregard_lks_share": a("benefits.disregard_lks_share"),
        "disregard_lks_cap": a("benefits.disregard_lks_cap_eur"),
        "disregard_months": a("benefits.disregard_months"),
        "disregard_share": a("benefits.disregard_share"),
        "disregard_cap": a("benefits.disregard_cap_eur")}
    return np.column_stack([np.broadcast_to(np.asarray(columns[c], dtype=np.float64),
                                            (local.count,)) for c in RATE_COLUMNS])


def money(model, month: int) -> None:
    """Book the month's money: day activities (by regime), then every resident's transport,
    work, support at home and benefit."""
    p, pop, n = model.p, model.population, model.population.n
    model.policy.pay(model, month)
    _attended(model, month)
    local = model.local  # what differs by municipality: a row each
    fare = local.derived("fare", lambda: local.array("day_activity.transport_per_day_eur")[
        model.provider_municipality].astype(np.float64))  # by provider
    if model.elsewhere is not None:  # a place in another municipality is a longer trip
        own = model.policy.capacities(model)
        fare = fare * model.elsewhere.transport_factor(
            own, p["day_activity.transport_factor_elsewhere"])
    coaching = (np.array([*p["jobcoach.intensity_by_year"], 0.0])
                * local.array("jobcoach.use_of_maximum")[:, None])
    shares = np.column_stack([local.array("benefits.uwv_earnings_offset"),
                              local.array("benefits.net_saving_share")])
    detail = np.full((n if model.ledger.detail else 0, len(RESIDENT_CATEGORIES)), -1,
                     dtype=np.int64)
    reduction = model.policy.each("home_support_reduction", local.values)
    r, alike, which = local.derived(("rates", model.policy.name),
                                    lambda: _priced(local, reduction))

    def part(a: int, b: int) -> np.ndarray:
        sums = np.zeros((model.local.count, len(RESIDENT_CATEGORIES), 2), dtype=np.int64)
        _resident_cents(pop.status[a:b], pop.benefit[a:b], pop.needs_transport[a:b],
                        pop.dagdelen[a:b], pop.provider[a:b], pop.rung[a:b], pop.skills[a:b],
                        pop.loonwaarde_base[a:b], pop.home_support[a:b], pop.job_start[a:b],
                        pop.municipality[a:b], month, fare, coaching, r, alike, which,
                        shares, sums, detail[a:b])
        return sums

    sums = threads.summed(threads.over_rows(n, part))
    if not detail.size:
        model.ledger.add_cells(month, _cells(model.policy), sums)
        return
    uwv = pop.benefit[:n] == int(Benefit.UWV)
    for c, category in enumerate(RESIDENT_CATEGORIES):
        for column, payer in enumerate(model.policy.payers(category)):
            rows = np.flatnonzero((detail[:, c] >= 0) & (uwv == bool(column)))
            model.ledger.add(month, payer, category, sums[:, c, column], detail[rows, c],
                             pop.id[rows])


def _priced(local, home_support_reduction: np.ndarray) -> tuple[np.ndarray, ...]:
    """The distinct rows of the prices (``rates``; the municipalities of a model mostly
    share one), what residents of each kind get alike at each (``_kind_cents``) and which
    row is each municipality's: made once for a model and policy."""
    distinct, which = np.unique(rates(local, home_support_reduction), axis=0,
                                return_inverse=True)
    return distinct, _kind_cents(distinct), which.reshape(-1)


def _attended(model, month: int) -> None:
    """Dagdelen attended this month in each municipality (each summed as it would be alone)."""
    da = model.rows_with(Status.DAY_ACTIVITY)
    _sums_by(model.attended_dagdelen(da), model.population.municipality[da],
             model.attended_by_month[:, month])


@numba.njit(cache=True, nogil=True)
def _sums_by(values, group, out):
    """``out[g]``: the sum of the values of group ``g``, in their order, as NumPy sums them
    (``pairwise_sum``): the same number whichever other groups are in the arrays."""
    starts = np.zeros(out.size + 1, dtype=np.int64)
    for g in group:
        starts[g + 1] += 1
    starts = np.cumsum(starts)
    at = starts[:-1].copy()
    ordered = np.empty(values.size)
    for i in range(values.size):
        ordered[at[group[i]]] = values[i]
        at[group[i]] += 1
    for g in range(out.size):
        out[g] = pairwise_sum(ordered, starts[g], starts[g + 1] - starts[g])


@numba.njit(cache=True, nogil=True)
def pairwise_sum(a, first, n):
    """The sum of ``a[first: first + n]`` in NumPy's order (``ndarray.sum`` of float64:
    pairwise above 128 values, eight running sums within, one by one below eight), so
    that a compiled pass adds up to the bit what the array formulation did."""
    if n < 8:
        total = 0.0
        for i in range(first, first + n):
            total += a[i]
        return total
    if n <= 128:
        r = a[first: first + 8].copy()
        i = 8
        while i < n - n % 8:
            for j in range(8):
                r[j] += a[first + i + j]
            i += 8
        total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        for k in range(i, n):
            total += a[first + k]
        return total
    half = n // 2
    half -= half % 8
    return pairwise_sum(a, first, half) + pairwise_sum(a, first + half, n - half)


#: The ledger cells of the pass's sums by policy name (its parts decide the payers).
_CELLS: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def _cells(policy) -> tuple[np.ndarray, np.ndarray]:
    """The ledger's (payer, category) cell of each of the pass's sums (by category, then
    others and UWV clients) under a policy."""
    if policy.name not in _CELLS:
        _CELLS[policy.name] = Ledger.cells(
            [(payer, category) for category in RESIDENT_CATEGORIES
             for payer in policy.payers(category)], (len(RESIDENT_CATEGORIES), 2))
    return _CELLS[policy.name]


@numba.njit(cache=True, nogil=True)
def disregard(earned, lks, months_worked, r, m):
    """Earnings a bijstand client keeps beside the benefit (at the rules of row ``m`` of
    ``r``): with wage subsidy 15% up to a cap for as long as it lasts; otherwise 25% up to a
    cap in the first six months."""
    if lks:
        return min(r[m, _R_DISREGARD_LKS_SHARE] * earned, r[m, _R_DISREGARD_LKS_CAP])
    if months_worked < r[m, _R_DISREGARD_MONTHS]:
        return min(r[m, _R_DISREGARD_SHARE] * earned, r[m, _R_DISREGARD_CAP])
    return 0.0


@numba.njit(cache=True, nogil=True)
def _cents(amount):
    return np.int64(np.rint(np.float64(amount) * 100.0))


@numba.njit(cache=True, nogil=True)
def _book(sums, detail, municipality, row, category, column, amount):
    cents = _cents(amount)
    sums[municipality, category, column] += cents
    if detail.shape[0]:
        detail[row, category] = cents


#: A resident's kind for the pass: status, benefit, home support and unpaid work together.
_STATUSES, _BENEFITS = len(Status), len(Benefit)
_KINDS = _STATUSES * _BENEFITS * 4


@numba.njit(cache=True, nogil=True)
def _kind(status, benefit, home_support, volunteering):
    return ((status * _BENEFITS + benefit) * 2 + home_support) * 2 + volunteering


@numba.njit(cache=True, nogil=True)
def _benefit_of(kind):
    """The benefit of a kind of ``_kind``."""
    return kind // 4 % _BENEFITS


@numba.njit(cache=True, nogil=True)
def _kind_cents(r):
    """The bookings every resident of a kind gets alike (a trial, an activation route,
    support at home, a full benefit) in each municipality, in cents; -1 where a kind books
    nothing."""
    out = np.full((r.shape[0], _KINDS, len(RESIDENT_CATEGORIES)), -1, dtype=np.int64)
    for m in range(r.shape[0]):
        _kind_cents_of(r, m, out[m])
    return out


@numba.njit(cache=True, nogil=True)
def _kind_cents_of(r, m, out):
    for st in range(_STATUSES):
        if st == _EXITED:
            continue
        works = st == _WORKING or st == _SHELTERED_WORK
        for b in range(_BENEFITS):
            for home in range(2):
                for volunteering in range(2):
                    cents = out[_kind(st, b, home, volunteering)]
                    if st == _IN_TRIAL:
                        cents[_TRIAL] = _cents(r[m, _R_TRIAL_EUR])
                    elif st == _ACTIVE:
                        cents[_ACTIVATION] = _cents(r[m, _R_ACTIVATION_EUR])
                    if home:
                        hours = r[m, _R_HOME_HOURS] * (r[m, _R_VOLUNTEER_FACTOR] if volunteering
                                                   else 1.0)
                        cents[_HOME] = _cents(hours * r[m, _R_HOME_PRICE])
                    full = (r[m, _R_BIJSTAND_EUR] if b == _BIJSTAND else
                            r[m, _R_UWV_EUR] if b == _UWV else 0.0)
                    if full > 0 and not works:
                        cents[_PAID] = _cents(full)


@numba.njit(cache=True, nogil=True)
def _resident_cents(status, benefit, needs_transport, dagdelen, provider, rung, skills,
                    loonwaarde_base, home_support, job_start, municipality, month, fare,
                    coaching, r, alike, which, shares, sums, detail):
    """Each resident's bookings of the month, in whole cents, summed by municipality,
    category and column (0: others, 1: UWV clients); with ``detail`` rows, each
    resident's too.

    Transport: attended days x fare of the provider. Trials, activation, sheltered work:
    the month's price. Wage subsidy (Participatiewet clients on rung 5, sheltered work):
    min(cap, 1 - loonwaarde) x wage x (1 + allowance). Coaching (rung 5): the year's share
    of hours x price. Home support: its hours, fewer for residents doing unpaid work.
    Benefits: in full without work; less what earnings count (bijstand) or a share of them
    (UWV) with work, the rest saved (bijstand: the municipality's net share). ``coaching``
    (the year's share of hours) and ``shares`` (the UWV share, the net share) are a row
    per municipality; the prices are row ``which[m]`` of ``r`` (``rates``, its distinct
    rows: with one, that one at hand).
    What residents of a kind (``_kind``) get alike (``alike[which[m]]``, ``_kind_cents``)
    is counted, not booked row by row: most residents get only that, and counting needs no
    branch on their mixed statuses.
    """
    one = r.shape[0] == 1
    counted = np.zeros((sums.shape[0], _KINDS), dtype=np.int64)
    for i in range(status.size):
        st = status[i]
        volunteering = (rung[i] == 4) & ((st == _NONE) | (st == _DAY))
        kind = _kind(st, benefit[i], home_support[i], volunteering)
        m = municipality[i]
        counted[m, kind] += 1
        if detail.shape[0]:
            at = which[m]
            for c in range(alike.shape[2]):
                if alike[at, kind, c] >= 0:
                    detail[i, c] = alike[at, kind, c]
        works = (st == _WORKING) | (st == _SHELTERED_WORK)
        if not (works | ((st == _DAY) & needs_transport[i])):
            continue
        column = 1 if benefit[i] == _UWV else 0
        at = 0 if one else which[m]
        if st == _DAY:
            days = dagdelen[i] * r[at, _R_ATTENDED_PER_DAGDEEL] / 2.0
            _book(sums, detail, m, i, _TRANSPORT, column, days * fare[provider[i]])
        else:
            _work_cents(st, benefit[i], column, rung[i], skills[i], loonwaarde_base[i],
                        month - job_start[i], m, i, coaching, r, at, shares, sums, detail)
    for m in range(sums.shape[0]):
        for kind in range(_KINDS):
            if counted[m, kind]:
                column = 1 if _benefit_of(kind) == _UWV else 0
                at = which[m]
                for c in range(alike.shape[2]):
                    if alike[at, kind, c] >= 0:
                        sums[m, c, column] += counted[m, kind] * alike[at, kind, c]


@numba.njit(cache=True, nogil=True)
def _work_cents(st, benefit, column, rung, skills, loonwaarde_base, months_worked, m, i,
                coaching, r, at, shares, sums, detail):
    """A worker's bookings (of municipality ``m``, at the prices of row ``at``): wage
    subsidy, sheltered work or coaching, and the benefit less what earnings count, the
    rest saved."""
    one32 = np.float32(1.0)
    wage32 = np.float32(r[at, _R_WAGE])
    earned = r[at, _R_WAGE]
    supported = st == _WORKING and rung == 5
    lks = st == _SHELTERED_WORK or (supported and column == 0)
    lw32 = min(loonwaarde_base + np.float32(r[at, _R_LOONWAARDE_PER_SKILL]) * skills, one32)
    if lks:
        subsidy32 = (min(np.float32(r[at, _R_WAGE_SUBSIDY_CAP]), one32 - lw32) * wage32
                     * np.float32(r[at, _R_EMPLOYER_COST_FACTOR]))
        _book(sums, detail, m, i, _WAGE_SUBSIDY, column, subsidy32)
    if st == _SHELTERED_WORK:
        _book(sums, detail, m, i, _SHELTERED, column, r[at, _R_SHELTERED_EUR])
    elif supported:
        share = coaching[m, min(months_worked // 12, coaching.shape[1] - 1)]
        if share > 0:
            hours = share * r[at, _R_HOURS_PER_WEEK] * 52.0 / 12.0
            _book(sums, detail, m, i, _COACHING, column, hours * r[at, _R_COACHING_PRICE])
        if column == 1:  # loondispensatie: the employer pays the loonwaarde
            earned = np.float64(wage32 * lw32)
    full = (r[at, _R_BIJSTAND_EUR] if benefit == _BIJSTAND else r[at, _R_UWV_EUR] if column == 1
            else 0.0)
    if full <= 0:
        return
    bijstand = benefit == _BIJSTAND
    if bijstand:
        reduction = earned - disregard(earned, lks, months_worked, r, at)
    else:
        reduction = shares[m, 0] * earned
    remaining = max(0.0, full - reduction)
    _book(sums, detail, m, i, _PAID, column, remaining)
    _book(sums, detail, m, i, _SAVED, column,
          (full - remaining) * (shares[m, 1] if bijstand else 1.0))
