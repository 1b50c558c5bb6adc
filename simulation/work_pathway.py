"""Phase 5, the work pathway: the labour market, jobs, trials and who is proposed for one.

Two roads lead to a trial placement: a provider proposes a ready client in day
activities, or the municipality's klantmanager proposes a ready Participatiewet client
without day activities, often after an activation route (social activation, a
work-experience place at a social enterprise) paid from the re-integration budget. Both
ask the resident, who may fear losing income (and, with a decision, losing it); both
wait when the re-integration budget is spent while the pots are separate.
"""

from __future__ import annotations

import numpy as np

from . import access, rng
from .population import NEVER, Benefit, Status

#: The loonwaarde an employer weighs a candidate's against: evidence §7, the mean of workers
#: with wage subsidy (51%).
LOONWAARDE_REFERENCE = 0.51


def work_pathway(model, month: int) -> None:
    """Vacancies, job loss and retention, trial outcomes, new referrals to trials (by
    providers and by the klantmanager), activation routes, then each policy part's own
    monthly work (sheltered work, say)."""
    _labour_market(model, month)
    _jobs(model, month)
    _trial_outcomes(model, month)
    _provider_referrals(model, month)
    _klantmanager_referrals(model, month)
    _activation(model, month)
    model.policy.step(model, month)


def _labour_market(model, month: int) -> None:
    """Open vacancies at the municipality's own employers are filled by other applicants;
    new ones open (keyed per employer)."""
    own = model.own_employers
    ids = model.employer_ids[own]
    filled = rng.binomial_ppf(rng.uniform(model.seed, "vacancy_filled", month, ids),
                              model.open_vacancies[own],
                              model.p["employers.vacancy_fill_per_month"])
    new = rng.poisson_ppf(rng.uniform(model.seed, "vacancy_new", month, ids),
                          model.vacancy_rates[own])
    model.open_vacancies[own] += new - filled


def _jobs(model, month: int) -> None:
    p, pop = model.p, model.population
    rows = model.rows_with(Status.PAID_WORK)
    tenure = month - pop.job_start[rows]
    coached = tenure < 12 * len(p["jobcoach.intensity_by_year"])
    established = tenure >= p["work.established_after_months"]
    hazard = p["work.job_loss_per_month"] * np.where(
        coached, 1.0 - p["jobcoach.hazard_reduction"], 1.0) * np.where(
        established, p["work.established_hazard_factor"], 1.0) * (1.5 - pop.stability[rows])
    lost = model.draw("job_loss", rows) < hazard
    kept = rows[~lost]
    _learn_at_work(model, kept, ~coached[~lost])
    six = kept[tenure[~lost] == 6]
    twelve = kept[tenure[~lost] == 12]
    # Jobs held at month 0 are the starting state: the counts are of jobs started since.
    model.stats["jobs_sustained_6m"] += int((pop.job_start[six] >= 1).sum())
    model.stats["jobs_sustained_12m"] += int((pop.job_start[twelve] >= 1).sum())
    for row in six:
        if pop.employer[row] >= 0:
            model.employers[pop.employer[row]].learn(success=True)
    model.policy.on_job_sustained(model, six, month)

    ended = rows[lost]
    if ended.size == 0:
        return
    model.stats["jobs_ended"] += ended.size
    for row, t in zip(ended, tenure[lost]):
        e = pop.employer[row]
        if e >= 0:
            model.employers[e].target_group_employees -= 1
            if t < 12:
                model.employers[e].learn(success=False)
    pop.employer[ended] = -1
    pop.referred_by[ended] = -1
    pop.rung[ended] = 4
    pop.support_stopped[ended] = month
    pop.requested[ended] = month  # back to the regime's route: a new request
    model.policy.on_job_loss(model, ended, month)


def _learn_at_work(model, rows: np.ndarray, coaching_over: np.ndarray) -> None:
    """Workers build skills on the job (as with full guidance at an average provider); once
    coaching is over, a worker whose loonwaarde reaches ``work.loonwaarde_without_support``
    works without wage support: rung 6."""
    p, pop = model.p, model.population
    sk = pop.skills[rows]
    gain = p["development.skill_gain_per_month"] * pop.motivation[rows] * (1.0 - sk)
    pop.skills[rows] = np.minimum(1.0, sk + gain)
    lw = pop.loonwaarde(rows, p["development.loonwaarde_per_skill"])
    up = rows[coaching_over & (pop.rung[rows] == 5) & (lw >= p["work.loonwaarde_without_support"])]
    pop.rung[up] = 6
    model.stats["ladder_up"] += up.size


def _trial_outcomes(model, month: int) -> None:
    p, pop = model.p, model.population
    rows = pop.rows_with(Status.TRIAL_PLACEMENT)
    rows = rows[pop.trial_end[rows] <= month]
    if rows.size == 0:
        return
    lw = pop.loonwaarde(rows, p["development.loonwaarde_per_skill"])
    # What neither the loonwaarde nor wage support covers, for the employer: a UWV client's
    # employer pays only the loonwaarde (loondispensatie); others are topped up to the cap.
    uncovered = np.where(pop.benefit[rows] == int(Benefit.UWV), 0.0,
                         np.maximum(0.0, 1.0 - lw - p["work.wage_subsidy_cap_share"]))
    # An employer still prefers a more productive worker (relative to evidence §7's mean 51%).
    productive = (lw / LOONWAARDE_REFERENCE) ** p["work.hire_loonwaarde_effect"]
    hired_all = []
    for e in np.unique(pop.employer[rows]):
        mine = rows[pop.employer[rows] == e]
        mine = mine[np.argsort(access.tiebreak(model, mine), kind="stable")]
        employer = model.employers[e]
        employer.trials -= mine.size
        if employer.internal_of is not None:
            prob = np.full(mine.size, p["trial_placements.internal_hire_probability"])
        else:
            at = np.searchsorted(rows, mine)
            prob = np.minimum(1.0, p["work.hire_probability"] * (0.5 + employer.inclusiveness)
                              * (1.0 - uncovered[at]) * productive[at])
        hired_all.append(employer.hire(model, mine, prob))
    hired = np.concatenate(hired_all) if hired_all else rows[:0]
    failed = np.setdiff1d(rows, hired)
    model.stats["jobs_started"] += hired.size
    model.stats["jobs_from_day_activities"] += int((pop.referred_by[hired] >= 0).sum())
    model.jobs_by_group += np.bincount(pop.group[hired], minlength=model.jobs_by_group.size)
    if month <= model.months - 12:  # can be followed for a full year within the horizon
        model.stats["jobs_started_followed_12m"] += hired.size
    pop.job_start[hired] = month
    pop.rung[hired] = 5
    pop.provider[hired] = -1
    pop.has_decision[hired] = False
    pop.set_status(hired, Status.PAID_WORK, month)
    model.policy.on_hire(model, hired, month)
    pop.employer[failed] = -1
    pop.referred_by[failed] = -1
    pop.referral_blocked_until[failed] = month + 6
    boost = model.policy.stage_skill_boost()
    if boost:  # a stage counts as unpaid work: skills grow, and it is a step up to rung 4
        pop.skills[failed] = np.minimum(1.0, pop.skills[failed] + boost)
        pop.rung[failed] = np.maximum(pop.rung[failed], 4)
    # Back where the trial came from: the provider's day activities, or the klantmanager.
    with_provider = pop.provider[failed] >= 0
    pop.set_status(failed[with_provider], Status.DAY_ACTIVITY, month)
    pop.set_status(failed[~with_provider], Status.NONE, month)


def _ready(model, rows: np.ndarray, month: int, min_rung: int) -> np.ndarray:
    """The rows ready to be proposed for a trial: rung, loonwaarde, not just back from one."""
    p, pop = model.p, model.population
    lw = pop.loonwaarde(rows, p["development.loonwaarde_per_skill"])
    return rows[(pop.rung[rows] >= min_rung) & (lw >= p["work.min_loonwaarde"])
                & (pop.referral_blocked_until[rows] <= month)]


def _willing(model, rows: np.ndarray, referral_chance: np.ndarray) -> np.ndarray:
    """Of those proposed this month (chance ``referral_chance``), the rows who agree: fear of
    losing income holds back under either regime, fear of losing a decision under one."""
    p = model.p
    willing = (p["work.willingness_per_month"] * (1.0 - model.policy.fear())
               * (1.0 - p["work.fear_of_losing_income"]))
    go = (model.draw("referral", rows) < referral_chance) & (
        model.draw("willing", rows) < willing)
    return rows[go]


def _provider_referrals(model, month: int) -> None:
    """Providers propose ready clients in day activities to one of their partner employers."""
    pop = model.population
    rows = _ready(model, model.rows_with(Status.DAY_ACTIVITY), month,
                  model.policy.stage_min_rung())
    rows = _willing(model, rows, model.referral_chance(rows))
    pick = model.draw("employer_choice", rows)
    target = np.empty(rows.size, dtype=np.int64)
    for k, row in enumerate(rows):
        partners = model.providers[pop.provider[row]].partner_employers
        pool = partners if partners.size else model.all_employers
        target[k] = pool[int(pick[k] * pool.size)] if pool.size else -1
    _start_trials(model, month, rows, target, pop.provider[rows])


def _klantmanager_referrals(model, month: int) -> None:
    """The klantmanager proposes ready clients without day activities (in an activation
    route, or without support) to any employer: the Participatiewet's own road to work."""
    p, pop = model.p, model.population
    # From a work-experience place as from a wen-stage (rung 3); without a route, rung 4.
    rows = np.sort(np.concatenate([
        _ready(model, model.rows_with(Status.ACTIVATION), month, 3),
        _ready(model, _route_clients(model, model.rows_with(Status.NONE)), month, 4)]))
    rows = _willing(model, rows, np.full(rows.size, p["participatiewet.referral_per_month"]))
    # The employer service matches candidates to employers with an open vacancy.
    market = model.all_employers
    open_now = market[model.open_vacancies[market] > 0]
    pool = open_now if open_now.size else market
    pick = model.draw("employer_choice", rows)
    target = pool[(pick * pool.size).astype(np.int64)] if pool.size else np.full(rows.size, -1)
    _start_trials(model, month, rows, target, np.full(rows.size, -1))
    ended = rows[pop.status[rows] == int(Status.TRIAL_PLACEMENT)]
    pop.activation_until[ended] = NEVER  # a trial ends the activation route and its place
    pop.provider[ended] = -1


def _start_trials(model, month: int, rows: np.ndarray, target: np.ndarray,
                  referred_by: np.ndarray) -> None:
    """Residents proposed to employers start a trial where the employer takes them on,
    while the re-integration budget lasts; ``referred_by`` is the proposing provider of
    each (-1: the klantmanager)."""
    p, pop = model.p, model.population
    if rows.size == 0:
        return
    model.stats["referrals"] += rows.size
    if not _reintegration_money_left(model, month):
        model.stats["referrals_held_for_budget"] += rows.size
        return
    proposer = dict(zip(rows.tolist(), referred_by.tolist()))
    for e in np.unique(target[target >= 0]):
        mine = rows[target == e]
        mine = mine[np.argsort(model.draw("trial_priority", mine), kind="stable")]
        taken = model.employers[e].host(model, mine)
        # A re-assessment still pending waits until the resident is back from the trial.
        access.leave_queue(model, taken[pop.queue_since[taken] != NEVER], month)
        pop.employer[taken] = e
        pop.referred_by[taken] = [proposer[row] for row in taken.tolist()]
        pop.trial_end[taken] = month + p["work.trial_months"]
        pop.set_status(taken, Status.TRIAL_PLACEMENT, month)
        model.stats["trials_started"] += taken.size
        model.policy.on_referral(model, taken, month)


def _route_clients(model, rows: np.ndarray) -> np.ndarray:
    """The rows a klantmanager works with: Participatiewet clients (bijstand or no
    benefit), or everyone when one budget serves one person (ontschot)."""
    if model.policy.activation_for_all():
        return rows
    return rows[model.population.benefit[rows] != int(Benefit.UWV)]


def _activation(model, month: int) -> None:
    """Routes end after ``participatiewet.activation_months``; new ones start for clients
    without support from rung 2 up, each with a monthly chance, while the re-integration
    budget lasts (``participatiewet.activation_*``): in the municipality's activation places,
    or with one budget for one person first in a free place at a social enterprise made
    for the client's group, without a Wmo decision."""
    p, pop = model.p, model.population
    active = model.rows_with(Status.ACTIVATION)
    done = active[pop.activation_until[active] <= month]
    pop.activation_until[done] = NEVER
    pop.provider[done] = -1
    pop.set_status(done, Status.NONE, month)
    active = model.rows_with(Status.ACTIVATION)
    places = int(round(p["participatiewet.activation_places_per_10000"]
                       * p["population.inhabitants"] / 1e4))
    free = places - int((pop.provider[active] < 0).sum())
    if not _reintegration_money_left(model, month):
        return
    rows = _route_clients(model, model.rows_with(Status.NONE))
    rows = rows[(pop.rung[rows] >= 2) & (pop.retry_after[rows] <= month)]
    rows = rows[model.draw("activation", rows) < p["participatiewet.activation_per_month"]]
    rows = rows[np.argsort(access.tiebreak(model, rows), kind="stable")]
    where = (_work_experience_places(model, rows) if model.policy.activation_at_providers()
             else np.full(rows.size, -1))
    municipal = np.flatnonzero(where < 0)[:max(free, 0)]
    start = np.sort(np.concatenate([np.flatnonzero(where >= 0), municipal]))
    rows = rows[start]
    pop.provider[rows] = where[start]
    pop.activation_until[rows] = month + p["participatiewet.activation_months"]
    model.stats["ladder_up"] += int((pop.rung[rows] < 3).sum())
    pop.rung[rows] = np.maximum(pop.rung[rows], 3)  # organised activity (evidence §5)
    pop.set_status(rows, Status.ACTIVATION, month)
    model.stats["activations"] += rows.size


def _work_experience_places(model, rows: np.ndarray) -> np.ndarray:
    """For each candidate in turn, a social enterprise made for its group with room for its
    dagdelen (the one with most room), or -1."""
    pop = model.population
    social = np.array([pr.kind == "social_enterprise" for pr in model.providers])
    room = access.free_slots(model)
    where = np.full(rows.size, -1, dtype=np.int64)
    for k, row in enumerate(rows.tolist()):
        fits = social & model.provider_fit[:, pop.group[row]] & (room >= pop.dagdelen[row])
        if fits.any():
            where[k] = int(np.argmax(np.where(fits, room, -np.inf)))
            room[where[k]] -= pop.dagdelen[row]
    return where


def _reintegration_money_left(model, month: int) -> bool:
    """With separate pots, new trials wait once the year's re-integration budget is spent
    (pro rata: by month m of the year, m/12 of the budget); one pot never waits."""
    if not model.policy.separate_pots():
        return True
    start = (month - 1) // 12 * 12 + 1
    spent = model.ledger.payer_cents("pw_reintegration", months=slice(start, month)) / 100
    budget = model.p["participatiewet.reintegration_budget_per_year_eur"]
    return spent < budget * (month - start + 1) / 12
