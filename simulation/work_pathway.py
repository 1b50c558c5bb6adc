"""Phase 5, the work pathway: the labour market, jobs, trials and who is proposed for one.

Two roads lead to a trial placement: a provider proposes a ready client in day
activities, or the municipality's klantmanager proposes a ready Participatiewet client
without day activities, often after an activation route (social activation, a
work-experience place at a social enterprise) paid from the re-integration budget. Both
ask the resident, who may fear losing income (and, with a decision, losing it); both
wait when the re-integration budget is spent while the pots are separate.
"""

from __future__ import annotations

import numba
import numpy as np

from . import access, rng
from .population import NEVER, Benefit, Status

_NONE, _DAY, _WORKING, _ACTIVE = (int(Status.NONE), int(Status.DAY_ACTIVITY),
                                  int(Status.PAID_WORK), int(Status.ACTIVATION))
_UWV = int(Benefit.UWV)

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
    by_provider, by_klantmanager = _proposals(model, month)
    _provider_referrals(model, month, by_provider)
    _klantmanager_referrals(model, month, by_klantmanager)
    _activation(model, month)
    model.policy.step(model, month)


def _labour_market(model, month: int) -> None:
    """Open vacancies at the municipality's own employers are filled by other applicants;
    new ones open (keyed per employer)."""
    own = model.own_employers
    u_filled, u_new = rng.uniform_table(model.seed, ("vacancy_filled", "vacancy_new"), month,
                                        model.employer_ids[own])
    filled = rng.binomial_ppf(u_filled, model.open_vacancies[own],
                              model.p["employers.vacancy_fill_per_month"])
    new = rng.poisson_ppf(u_new, model.vacancy_rates[own])
    model.open_vacancies[own] += new - filled


def _jobs(model, month: int) -> None:
    """Jobs are lost (a keyed draw against the hazard) or kept, workers learn at work
    (``_work_month``); employers learn from jobs that lasted six months or ended early."""
    p, pop, n = model.p, model.population, model.population.n
    ended, six, sustained, ups = _work_month(
        pop.status[:n], pop.job_start[:n], pop.stability[:n], pop.skills[:n],
        pop.motivation[:n], pop.loonwaarde_base[:n], pop.rung[:n], pop.id[:n], month,
        12 * len(p["jobcoach.intensity_by_year"]), p["work.established_after_months"],
        p["work.job_loss_per_month"], 1.0 - p["jobcoach.hazard_reduction"],
        p["work.established_hazard_factor"], p["development.skill_gain_per_month"],
        p["development.loonwaarde_per_skill"], p["work.loonwaarde_without_support"],
        rng.stream(model.seed, "job_loss", month))
    # Jobs held at month 0 are the starting state: the counts are of jobs started since.
    model.stats["jobs_sustained_6m"] += int(sustained[0])
    model.stats["jobs_sustained_12m"] += int(sustained[1])
    model.stats["ladder_up"] += ups
    for row in six:
        if pop.employer[row] >= 0:
            model.employers[pop.employer[row]].learn(success=True)
    model.policy.on_job_sustained(model, six, month)
    if ended.size == 0:
        return
    model.stats["jobs_ended"] += ended.size
    for row in ended:
        e = pop.employer[row]
        if e >= 0:
            model.employers[e].target_group_employees -= 1
            if month - pop.job_start[row] < 12:
                model.employers[e].learn(success=False)
    pop.employer[ended] = -1
    pop.referred_by[ended] = -1
    pop.rung[ended] = 4
    pop.support_stopped[ended] = month
    pop.requested[ended] = month  # back to the regime's route: a new request
    model.policy.on_job_loss(model, ended, month)


@numba.njit(cache=True, nogil=True)
def _work_month(status, job_start, stability, skills, motivation, loonwaarde_base, rung, ids,
                month, coached_months, established_after, loss, coached_factor,
                established_factor, skill_gain, per_skill, without_support, key):
    """A month at work for every worker, in row order. The job is lost when the keyed draw
    falls below ``loss`` x ``coached_factor`` while coached x ``established_factor`` once
    established x (1.5 - stability). A kept job builds skills (``skill_gain`` x motivation x
    what is left to learn, as full guidance at an average provider); after coaching, a
    worker on rung 5 whose loonwaarde reaches ``without_support`` moves to rung 6. Returns
    the rows that lost their job, those six months in it, the jobs started since month 1
    now six and twelve months old, and the steps up. NumPy's arithmetic: the population's
    single precision where it has it."""
    lost = np.empty(status.size, dtype=np.int64)
    six = np.empty(status.size, dtype=np.int64)
    k_lost = 0
    k_six = 0
    sustained = np.zeros(2, dtype=np.int64)
    ups = 0
    one32, gain32 = np.float32(1.0), np.float32(skill_gain)
    per_skill32, without32 = np.float32(per_skill), np.float32(without_support)
    for i in range(status.size):
        if status[i] != _WORKING:
            continue
        tenure = month - job_start[i]
        coached = tenure < coached_months
        hazard = loss * (coached_factor if coached else 1.0) * (
            established_factor if tenure >= established_after else 1.0) * np.float64(
            np.float32(1.5) - stability[i])
        if rng.unit(ids[i], key) < hazard:
            lost[k_lost] = i
            k_lost += 1
            continue
        sk = skills[i]
        skills[i] = min(one32, sk + gain32 * motivation[i] * (one32 - sk))
        lw = min(loonwaarde_base[i] + per_skill32 * skills[i], one32)
        if not coached and rung[i] == 5 and lw >= without32:
            rung[i] = 6
            ups += 1
        if tenure == 6:
            six[k_six] = i
            k_six += 1
            if job_start[i] >= 1:
                sustained[0] += 1
        elif tenure == 12 and job_start[i] >= 1:
            sustained[1] += 1
    return lost[:k_lost], six[:k_six], sustained, ups


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


def _proposals(model, month: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows proposed for a trial this month who agree: by their provider, and by the
    klantmanager (see ``_proposed``). Fear of losing income holds back under either regime,
    fear of losing a decision under one."""
    p, pop, n = model.p, model.population, model.population.n
    willing = (p["work.willingness_per_month"] * (1.0 - model.policy.fear())
               * (1.0 - p["work.fear_of_losing_income"]))
    return _proposed(
        pop.status[:n], pop.rung[:n], pop.skills[:n], pop.loonwaarde_base[:n],
        pop.referral_blocked_until[:n], pop.benefit[:n], pop.provider[:n], pop.id[:n], month,
        model.policy.stage_min_rung(), p["development.loonwaarde_per_skill"],
        p["work.min_loonwaarde"], model.referral_chances(),
        p["participatiewet.referral_per_month"], willing, model.policy.activation_for_all(),
        rng.stream(model.seed, "referral", month), rng.stream(model.seed, "willing", month))


@numba.njit(cache=True, nogil=True)
def _proposed(status, rung, skills, loonwaarde_base, blocked_until, benefit, provider, ids,
              month, stage_min_rung, per_skill, min_loonwaarde, provider_chance,
              klantmanager_chance, willing, everyone, referral_key, willing_key):
    """Who is proposed and agrees, in row order: clients in day activities from rung
    ``stage_min_rung`` by their provider (its chance); the klantmanager's clients (in an
    activation route, from a work-experience place as from a wen-stage, rung 3; without
    support, rung 4; Participatiewet clients unless ``everyone``) at its chance. Each must
    reach ``min_loonwaarde`` and not be just back from a trial. Keyed draws "referral" and
    "willing"; the loonwaarde in single precision, as the population keeps it."""
    by_provider = np.empty(status.size, dtype=np.int64)
    by_klantmanager = np.empty(status.size, dtype=np.int64)
    k_provider = 0
    k_klantmanager = 0
    one32, per_skill32 = np.float32(1.0), np.float32(per_skill)
    min32 = np.float32(min_loonwaarde)
    for i in range(status.size):
        st = status[i]
        if st == _DAY:
            need = stage_min_rung
            chance = provider_chance[provider[i]]
        elif st == _ACTIVE or (st == _NONE and (everyone or benefit[i] != _UWV)):
            need = 3 if st == _ACTIVE else 4
            chance = klantmanager_chance
        else:
            continue
        if rung[i] < need or blocked_until[i] > month:
            continue
        if min(loonwaarde_base[i] + per_skill32 * skills[i], one32) < min32:
            continue
        if rng.unit(ids[i], referral_key) < chance and rng.unit(ids[i], willing_key) < willing:
            if st == _DAY:
                by_provider[k_provider] = i
                k_provider += 1
            else:
                by_klantmanager[k_klantmanager] = i
                k_klantmanager += 1
    return by_provider[:k_provider], by_klantmanager[:k_klantmanager]


def _provider_referrals(model, month: int, rows: np.ndarray) -> None:
    """Providers propose ready clients in day activities to one of their partner employers."""
    pop = model.population
    if rows.size == 0:
        return
    pick = model.draw("employer_choice", rows)
    target = np.empty(rows.size, dtype=np.int64)
    for k, row in enumerate(rows):
        partners = model.providers[pop.provider[row]].partner_employers
        pool = partners if partners.size else model.all_employers
        target[k] = pool[int(pick[k] * pool.size)] if pool.size else -1
    _start_trials(model, month, rows, target, pop.provider[rows])


def _klantmanager_referrals(model, month: int, rows: np.ndarray) -> None:
    """The klantmanager proposes ready clients without day activities (in an activation
    route, or without support) to any employer: the Participatiewet's own road to work."""
    pop = model.population
    if rows.size == 0:
        return
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
    n = pop.n
    rows = _starting_routes(pop.status[:n], pop.benefit[:n], pop.rung[:n], pop.retry_after[:n],
                            pop.id[:n], month, model.policy.activation_for_all(),
                            p["participatiewet.activation_per_month"],
                            rng.stream(model.seed, "activation", month))
    if rows.size == 0:
        return
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


@numba.njit(cache=True, nogil=True)
def _starting_routes(status, benefit, rung, retry_after, ids, month, everyone, chance, key):
    """The rows that would start an activation route this month, in row order: the
    klantmanager's clients without support (Participatiewet clients unless ``everyone``)
    from rung 2, not refused lately, whose keyed draw falls below ``chance``."""
    out = np.empty(status.size, dtype=np.int64)
    k = 0
    for i in range(status.size):
        if (status[i] == _NONE and (everyone or benefit[i] != _UWV) and rung[i] >= 2
                and retry_after[i] <= month and rng.unit(ids[i], key) < chance):
            out[k] = i
            k += 1
    return out[:k]


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
