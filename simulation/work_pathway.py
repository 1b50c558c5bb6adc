"""Phase 5, the work pathway: the labour market, jobs, trials and who is proposed for one.

Two roads lead to a trial placement: a provider proposes a ready client in day
activities, or the municipality's klantmanager proposes a ready Participatiewet client
without day activities, often after an activation route (social activation, a
work-experience place at a social enterprise) paid from the re-integration budget. Both
ask the resident, who may fear losing income (and, with a decision, losing it); both
wait when the re-integration budget is spent while the pots are separate. Activation
routes and the budget they wait for are in ``activation``.
"""

from __future__ import annotations

import numba
import numpy as np

from . import access, rng, threads
from .access import rank_within
from .agents import learn
from .labour_market import labour_market
from .activation import activation, reintegration_money_left
from .population import BLOCK, NEVER, Benefit, Status, draw_room, with_room

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
    labour_market(model, month)
    _jobs(model, month)
    _trial_outcomes(model, month)
    by_provider, by_klantmanager = _proposals(model, month)
    _provider_referrals(model, month, by_provider)
    _klantmanager_referrals(model, month, by_klantmanager)
    activation(model, month)
    model.policy.step(model, month)


def _jobs(model, month: int) -> None:
    """Jobs are lost (a keyed draw against the hazard) or kept, workers learn at work
    (``_work_month``); employers learn from jobs that lasted six months or ended early."""
    p, pop, n, local = model.p, model.population, model.population.n, model.local
    keys = local.streams("job_loss", month)
    established_after, established_factor, gain, per_skill = map(local.array, (
        "work.established_after_months", "work.established_hazard_factor",
        "development.skill_gain_per_month", "development.loonwaarde_per_skill"))

    def part(a: int, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        counts = np.zeros((3, local.count), dtype=np.int64)
        ended, six = _work_month(
            pop.status[a:b], pop.job_start[a:b], pop.stability[a:b], pop.skills[a:b],
            pop.motivation[a:b], pop.loonwaarde_base[a:b], pop.rung[a:b], pop.id[a:b],
            pop.municipality[a:b], month, 12 * len(p["jobcoach.intensity_by_year"]),
            established_after, local.array("work.job_loss_per_month"),
            1.0 - local.array("jobcoach.hazard_reduction"), established_factor, gain,
            per_skill, local.array("work.loonwaarde_without_support").astype(np.float32),
            keys, counts)
        return ended, six, counts

    found = threads.over_rows(n, part)
    ended = threads.joined([(a, ended) for a, (ended, _, _) in found])
    six = threads.joined([(a, six) for a, (_, six, _) in found])
    counts = threads.summed([(a, counts) for a, (_, _, counts) in found])
    # Jobs held at month 0 are the starting state: the counts are of jobs started since.
    model.add_counts("jobs_sustained_6m", counts[0])
    model.add_counts("jobs_sustained_12m", counts[1])
    model.add_counts("ladder_up", counts[2])
    employer = pop.employer[six]
    learn(model, employer[employer >= 0], success=True)
    model.policy.on_job_sustained(model, six, month)
    if ended.size == 0:
        return
    model.count("jobs_ended", ended)
    employer = pop.employer[ended]
    working = employer >= 0
    np.subtract.at(model.target_group_employees, employer[working], 1)
    learn(model, employer[working & (month - pop.job_start[ended] < 12)], success=False)
    pop.employer[ended] = -1
    pop.referred_by[ended] = -1
    pop.rung[ended] = 4
    pop.support_stopped[ended] = month
    pop.requested[ended] = month  # back to the regime's route: a new request
    model.policy.on_job_loss(model, ended, month)


@numba.njit(cache=True, nogil=True)
def _work_month(status, job_start, stability, skills, motivation, loonwaarde_base, rung, ids,
                municipality, month, coached_months, established_after, loss, coached_factor,
                established_factor, skill_gain, per_skill, without_support, keys, counts):
    """A month at work for every worker, in row order. The job is lost when the keyed draw
    falls below ``loss`` x ``coached_factor`` while coached x ``established_factor`` once
    established x (1.5 - stability). A kept job builds skills (``skill_gain`` x motivation
    x what is left to learn, as full guidance at an average provider); after coaching, a
    worker on rung 5 whose loonwaarde reaches ``without_support`` moves to rung 6 (every
    value but ``coached_months`` its municipality's). Returns
    the rows that lost their job and those six months in it; adds to ``counts`` (a column
    per municipality) the jobs started since month 1 now six and twelve months old, and the
    steps up. NumPy's arithmetic: the population's single precision where it has it."""
    lost = np.empty(BLOCK, dtype=np.int64)
    six = np.empty(BLOCK, dtype=np.int64)
    k_lost = 0
    k_six = 0
    one32 = np.float32(1.0)
    gain32, per_skill32 = skill_gain.astype(np.float32), per_skill.astype(np.float32)
    working, scratch, draws = draw_room()
    for start in range(0, status.size, BLOCK):
        lost = with_room(lost, k_lost, BLOCK)
        six = with_room(six, k_six, BLOCK)
        c = 0
        for i in range(start, min(start + BLOCK, status.size)):
            working[c] = i  # kept when working: no branch to mispredict
            c += status[i] == _WORKING
        rng.units_at(working[:c], ids, municipality, keys, scratch, draws)
        for j in range(c):
            i = working[j]
            tenure = month - job_start[i]
            coached = tenure < coached_months
            m = municipality[i]
            hazard = loss[m] * (coached_factor[m] if coached else 1.0) * (
                established_factor[m] if tenure >= established_after[m] else 1.0) * np.float64(
                np.float32(1.5) - stability[i])
            if draws[j] < hazard:
                lost[k_lost] = i
                k_lost += 1
                continue
            sk = skills[i]
            skills[i] = min(one32, sk + gain32[m] * motivation[i] * (one32 - sk))
            lw = min(loonwaarde_base[i] + per_skill32[m] * skills[i], one32)
            if not coached and rung[i] == 5 and lw >= without_support[m]:
                rung[i] = 6
                counts[2, m] += 1
            if tenure == 6:
                six[k_six] = i
                k_six += 1
                if job_start[i] >= 1:
                    counts[0, m] += 1
            elif tenure == 12 and job_start[i] >= 1:
                counts[1, m] += 1
    return lost[:k_lost], six[:k_six]


def _trial_outcomes(model, month: int) -> None:
    pop = model.population
    rows = pop.rows_with(Status.TRIAL_PLACEMENT)
    rows = rows[pop.trial_end[rows] <= month]
    if rows.size == 0:
        return
    lw = model.loonwaarde(rows)
    # What neither the loonwaarde nor wage support covers, for the employer: a UWV client's
    # employer pays only the loonwaarde (loondispensatie); others are topped up to the cap
    # (its municipality's, in the loonwaarde's single precision).
    cap = model.local_value("work.wage_subsidy_cap_share", rows).astype(np.float32)
    uncovered = np.where(pop.benefit[rows] == int(Benefit.UWV), 0.0,
                         np.maximum(0.0, 1.0 - lw - cap))
    # An employer still prefers a more productive worker (relative to evidence §7's mean 51%;
    # the effect its municipality's, in the loonwaarde's single precision).
    local, whose = model.local, pop.municipality[rows]
    effect = local.array("work.hire_loonwaarde_effect").astype(np.float32)[whose]
    productive = (lw / LOONWAARDE_REFERENCE) ** effect
    # Each employer weighs its candidates in a keyed order and hires those it wants while
    # it has vacancies (a provider's own business has no vacancy market).
    rows = rows[np.lexsort((access.tiebreak(model, rows), pop.employer[rows]))]
    employer = pop.employer[rows].astype(np.int64)
    np.subtract.at(model.trials, employer, 1)
    at = np.searchsorted(np.sort(rows), rows)  # in the order of lw and the rest
    internal = model.employer_internal[employer]
    # (the employer's own chance in single precision, as the loonwaarde's arithmetic)
    own = (local.array("work.hire_probability")[pop.municipality[rows]]
           * (0.5 + model.inclusiveness[employer])).astype(np.float32)
    in_house = model.local_value("trial_placements.internal_hire_probability", rows)
    prob = np.where(internal, in_house.astype(np.float32),
                    np.minimum(1.0, own * (1.0 - uncovered[at]) * productive[at]))
    want = model.draw("hire", rows) < prob
    room = np.where(internal, rows.size, model.open_vacancies[employer])
    hiring = want & (rank_within(employer, want) < room)
    hired = rows[hiring]
    np.subtract.at(model.open_vacancies, employer[hiring & ~internal], 1)
    np.add.at(model.target_group_employees, employer[hiring], 1)
    failed = np.setdiff1d(rows, hired)
    model.count("jobs_started", hired)
    model.count("jobs_from_day_activities", hired[pop.referred_by[hired] >= 0])
    np.add.at(model.jobs_by_group, (pop.municipality[hired], pop.group[hired]), 1)
    if month <= model.months - 12:  # can be followed for a full year within the horizon
        model.count("jobs_started_followed_12m", hired)
    pop.job_start[hired] = month
    pop.rung[hired] = 5
    pop.provider[hired] = -1
    pop.has_decision[hired] = False
    pop.set_status(hired, Status.PAID_WORK, month)
    model.policy.on_hire(model, hired, month)
    pop.employer[failed] = -1
    pop.referred_by[failed] = -1
    pop.referral_blocked_until[failed] = month + 6
    boost = model.policy.each("stage_skill_boost", local.values).astype(np.float32)[
        pop.municipality[failed]]
    boosted, boost = failed[boost > 0], boost[boost > 0]
    if boosted.size:  # a stage counts as unpaid work: skills grow, and it is a step up to 4
        pop.skills[boosted] = np.minimum(1.0, pop.skills[boosted] + boost)
        pop.rung[boosted] = np.maximum(pop.rung[boosted], 4)
    # Back where the trial came from: the provider's day activities, or the klantmanager.
    with_provider = pop.provider[failed] >= 0
    pop.set_status(failed[with_provider], Status.DAY_ACTIVITY, month)
    pop.set_status(failed[~with_provider], Status.NONE, month)


def _proposals(model, month: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows proposed for a trial this month who agree: by their provider, and by the
    klantmanager (see ``_proposed``). Fear of losing income holds back under either regime,
    fear of losing a decision under one."""
    pop, n, local, policy = model.population, model.population.n, model.local, model.policy
    # by municipality:
    willing = (local.array("work.willingness_per_month")
               * (1.0 - policy.each("fear", local.values))
               * (1.0 - local.array("work.fear_of_losing_income")))
    stage_min_rung = policy.each("stage_min_rung", local.values)
    per_skill, lowest, klantmanager = map(local.array, (
        "development.loonwaarde_per_skill", "work.min_loonwaarde",
        "participatiewet.referral_per_month"))
    chances, everyone = model.referral_chances(), policy.activation_for_all()
    referral_keys = local.streams("referral", month)
    willing_keys = local.streams("willing", month)
    found = threads.over_rows(n, lambda a, b: _proposed(
        pop.status[a:b], pop.rung[a:b], pop.skills[a:b], pop.loonwaarde_base[a:b],
        pop.referral_blocked_until[a:b], pop.benefit[a:b], pop.provider[a:b], pop.id[a:b],
        month, stage_min_rung, per_skill, lowest, chances, klantmanager, willing, everyone,
        pop.municipality[a:b], referral_keys, willing_keys))
    return (threads.joined([(a, by_provider) for a, (by_provider, _) in found]),
            threads.joined([(a, by_klantmanager) for a, (_, by_klantmanager) in found]))


@numba.njit(cache=True, nogil=True)
def _proposed(status, rung, skills, loonwaarde_base, blocked_until, benefit, provider, ids,
              month, stage_min_rung, per_skill, min_loonwaarde, provider_chance,
              klantmanager_chance, willing, everyone, municipality, referral_keys,
              willing_keys):
    """Who is proposed and agrees, in row order: clients in day activities from rung
    ``stage_min_rung`` by their provider (its chance); the klantmanager's clients (in an
    activation route, from a work-experience place as from a wen-stage, rung 3; without
    support, rung 4; Participatiewet clients unless ``everyone``) at its chance. Each must
    reach ``min_loonwaarde`` and not be just back from a trial (every value but the
    provider's chance its municipality's). Keyed draws "referral" and "willing"; the
    loonwaarde in single precision, as the population keeps it."""
    by_provider = np.empty(BLOCK, dtype=np.int64)
    by_klantmanager = np.empty(BLOCK, dtype=np.int64)
    k_provider = 0
    k_klantmanager = 0
    one32 = np.float32(1.0)
    per_skill32, min32 = per_skill.astype(np.float32), min_loonwaarde.astype(np.float32)
    # (where every municipality has the same values, one for all at hand: no row's asked)
    many = (threads.differ(stage_min_rung) or threads.differ(per_skill)
            or threads.differ(min_loonwaarde))
    need_one, per_skill_one, lowest_one = stage_min_rung[0], per_skill32[0], min32[0]
    ready, scratch, referred = draw_room()
    agrees = np.empty(BLOCK, dtype=np.float64)
    for start in range(0, status.size, BLOCK):
        by_provider = with_room(by_provider, k_provider, BLOCK)
        by_klantmanager = with_room(by_klantmanager, k_klantmanager, BLOCK)
        c = 0
        for i in range(start, min(start + BLOCK, status.size)):
            st = status[i]
            if many:
                m = municipality[i]
                day_need, per_skill_m, lowest = stage_min_rung[m], per_skill32[m], min32[m]
            else:
                day_need, per_skill_m, lowest = need_one, per_skill_one, lowest_one
            klantmanager = (st == _ACTIVE) | ((st == _NONE) & (everyone | (benefit[i] != _UWV)))
            need = day_need if st == _DAY else (3 if st == _ACTIVE else 4)
            ready[c] = i  # kept when ready for a proposal: no branch to mispredict
            c += (((st == _DAY) | klantmanager) & (rung[i] >= need)
                  & (blocked_until[i] <= month)
                  & (min(loonwaarde_base[i] + per_skill_m * skills[i], one32) >= lowest))
        rng.units_at(ready[:c], ids, municipality, referral_keys, scratch, referred)
        rng.units_at(ready[:c], ids, municipality, willing_keys, scratch, agrees)
        for j in range(c):
            i = ready[j]
            if status[i] == _DAY:
                if (referred[j] < provider_chance[provider[i]]
                        and agrees[j] < willing[municipality[i]]):
                    by_provider[k_provider] = i
                    k_provider += 1
            elif (referred[j] < klantmanager_chance[municipality[i]]
                  and agrees[j] < willing[municipality[i]]):
                by_klantmanager[k_klantmanager] = i
                k_klantmanager += 1
    return by_provider[:k_provider], by_klantmanager[:k_klantmanager]


def _provider_referrals(model, month: int, rows: np.ndarray) -> None:
    """Providers propose ready clients in day activities to one of their partner employers."""
    pop = model.population
    if rows.size == 0:
        return
    pick = model.draw("employer_choice", rows)
    first = model.partner_first[pop.provider[rows]]
    partners = model.partner_first[pop.provider[rows] + 1] - first
    target = np.full(rows.size, -1, dtype=np.int64)
    known = partners > 0
    target[known] = model.partner_list[first[known]
                                       + (pick[known] * partners[known]).astype(np.int64)]
    for k in np.flatnonzero(~known):  # a provider without partners: any in the market
        market = model.markets[pop.municipality[rows[k]]]
        target[k] = market[int(pick[k] * market.size)] if market.size else -1
    _start_trials(model, month, rows, target, pop.provider[rows])


def _klantmanager_referrals(model, month: int, rows: np.ndarray) -> None:
    """The klantmanager proposes ready clients without day activities (in an activation
    route, or without support) to any employer: the Participatiewet's own road to work."""
    pop = model.population
    if rows.size == 0:
        return
    # The employer service matches candidates to employers with an open vacancy.
    pick = model.draw("employer_choice", rows)
    target = np.full(rows.size, -1, dtype=np.int64)
    if model.local.count == 1:  # its market, in a region the region's (``regions``), whose
        market = model.markets[0]  # employers the per-municipality arrays below do not span
        open_now = market[model.open_vacancies[market] > 0]
        pool = open_now if open_now.size else market
        if pool.size:
            target = pool[(pick * pool.size).astype(np.int64)]
    else:  # each municipality's market, its employers with a vacancy if any has one
        open_now = np.flatnonzero(model.in_market & (model.open_vacancies > 0))
        count = np.bincount(model.employer_municipality[open_now], minlength=model.local.count)
        m = pop.municipality[rows]
        has_open = count[m] > 0
        k = (pick * np.where(has_open, count[m], model.market_sizes[m])).astype(np.int64)
        target[has_open] = open_now[(np.cumsum(count) - count)[m[has_open]] + k[has_open]]
        market = ~has_open & (model.market_sizes[m] > 0)
        target[market] = model.employer_starts[m][market] + k[market]
    _start_trials(model, month, rows, target, np.full(rows.size, -1))
    ended = rows[pop.status[rows] == int(Status.TRIAL_PLACEMENT)]
    pop.activation_until[ended] = NEVER  # a trial ends the activation route and its place
    pop.provider[ended] = -1


def _start_trials(model, month: int, rows: np.ndarray, target: np.ndarray,
                  referred_by: np.ndarray) -> None:
    """Residents proposed to employers start a trial where the employer takes them on,
    while the re-integration budget lasts; ``referred_by`` is the proposing provider of
    each (-1: the klantmanager)."""
    pop = model.population
    if rows.size == 0:
        return
    model.count("referrals", rows)
    held = ~reintegration_money_left(model, month)[pop.municipality[rows]]
    if held.any():
        model.count("referrals_held_for_budget", rows[held])
        rows, target, referred_by = rows[~held], target[~held], referred_by[~held]
    proposed = target >= 0
    rows, target, referred_by = rows[proposed], target[proposed], referred_by[proposed]
    # Each employer considers its candidates in a keyed order and takes those it accepts
    # while it has trial places free.
    order = np.lexsort((model.draw("trial_priority", rows), target))
    rows, target, referred_by = rows[order], target[order], referred_by[order]
    accept = model.draw("host_trial", rows) < model.inclusiveness[target]
    free = np.maximum(model.trial_slots[target] - model.trials[target], 0)
    taken = accept & (rank_within(target, accept) < free)
    rows, target = rows[taken], target[taken]
    np.add.at(model.trials, target, 1)
    # A re-assessment still pending waits until the resident is back from the trial.
    access.leave_queue(model, rows[pop.queue_since[rows] != NEVER], month)
    pop.employer[rows] = target
    pop.referred_by[rows] = referred_by[taken]
    pop.trial_end[rows] = month + model.local_value("work.trial_months", rows)
    pop.set_status(rows, Status.TRIAL_PLACEMENT, month)
    model.count("trials_started", rows)
    model.policy.on_referral(model, rows, month)
