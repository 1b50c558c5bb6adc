"""The monthly process of MODEL.md §3, one function per phase, in order.

Each phase takes the model and the month. Resident rules run vectorised over the
population arrays; providers and employers act through their own methods in a
fixed order (by index), so nothing depends on shuffling. Every random decision
goes through ``model.draw`` (keyed by seed, resident, decision, month).
"""

from __future__ import annotations

import numba
import numpy as np

from . import access, rng
from .payments import money
from .population import AGE_EXIT_YEARS, NEVER, Status

DAY_ACTIVITY, EXITED = int(Status.DAY_ACTIVITY), int(Status.EXITED)


def population_flow(model, month: int) -> None:
    """Residents age, leave scope (AOW age, moving away, long-term care) and enter it."""
    p, pop, n = model.p, model.population, model.population.n
    monthly = [1.0 - (1.0 - p[key]) ** (1.0 / 12.0)
               for key in ("population.move_away_per_year", "population.wlz_per_year")]
    leave = _age_and_leave(pop.status[:n], pop.age_months[:n], pop.id[:n], AGE_EXIT_YEARS * 12,
                           monthly[0], rng.stream(model.seed, "move_away", month),
                           monthly[1], rng.stream(model.seed, "wlz", month))
    model.exit(leave, month)

    count = int(model.entrants[month]) if month < model.entrants.size else 0
    if count:
        rows = pop.admit(count, month)
        model.stats["entries"] += rows.size
        model.make_handles(rows)


@numba.njit(cache=True, nogil=True)
def _age_and_leave(status, age_months, ids, exit_age_months, move_away, move_key, wlz, wlz_key):
    """Everyone in scope ages a month; the rows leaving scope: AOW age, or a keyed draw
    for moving away and one for long-term care (Wlz) below their monthly chances."""
    out = np.empty(status.size, dtype=np.int64)
    k = 0
    for i in range(status.size):
        if status[i] == EXITED:
            continue
        age_months[i] += 1
        if (age_months[i] >= exit_age_months or rng.unit(ids[i], move_key) < move_away
                or rng.unit(ids[i], wlz_key) < wlz):
            out[k] = i
            k += 1
    return out[:k]


def help_seeking(model, month: int) -> None:
    """Residents without support ask for it. The latent share asks only where no
    assessment is needed; the others ask at a rate that keeps ``help_seeking.per_month``
    the rate over everyone in scope where an assessment is needed."""
    p, pop = model.p, model.population
    rows = pop.rows_with(Status.NONE)
    rows = rows[pop.retry_after[rows] <= month]
    if not model.policy.reaches_latent_demand():
        rows = rows[~pop.latent[rows]]
    hazard = p["help_seeking.per_month"] / (1.0 - p["help_seeking.latent_share"])
    model.requests = rows[model.draw("help_seeking", rows) < hazard]
    pop.requested[model.requests] = month


def access_phase(model, month: int) -> None:
    """The regime's access route: assessment queue and decision, or walk-in; placement."""
    model.policy.access(model, month, model.requests)


def day_activities(model, month: int) -> None:
    """Providers set guidance; residents develop skills and move on the ladder."""
    p, pop = model.p, model.population
    rows_da = model.rows_with(Status.DAY_ACTIVITY)
    n_prov = len(model.providers)
    model.provider_month = {
        "attendance": np.bincount(pop.provider[rows_da], weights=pop.dagdelen[rows_da],
                                  minlength=n_prov),
        "clients": np.bincount(pop.provider[rows_da], minlength=n_prov),
    }
    for provider in model.providers:
        provider.step()

    n = pop.n
    up, down = _develop(
        pop.status[:n], pop.rung[:n], pop.provider[:n], pop.motivation[:n], pop.stability[:n],
        pop.support_stopped[:n], pop.skills[:n], pop.id[:n], model.provider_factor(),
        np.array([*p["development.up_per_month"], 0.0, 0.0, 0.0, 0.0]),
        p["development.unsupported_factor"], p["development.relapse_per_month"],
        p["development.relapse_instability_effect"], p["development.abrupt_stop_multiplier"],
        p["development.skill_gain_per_month"], month, rng.stream(model.seed, "ladder", month))
    model.stats["ladder_up"] += up
    model.stats["ladder_down"] += down


@numba.njit(cache=True, nogil=True)
def _develop(status, rung, provider, motivation, stability, support_stopped, skills, ids,
             provider_factor, up_table, unsupported, relapse, instability_effect,
             abrupt_stop_multiplier, skill_gain, month, key):
    """The ladder and skills of every resident not in a trial or job, in one pass.

    Development speed is the provider's (guidance x work orientation) in day activities
    and ``unsupported`` otherwise, times motivation. A step up has chance
    ``up_table[rung] x speed``; a relapse (rung > 1) has chance ``relapse x (1 + effect x
    instability)``, times ``abrupt_stop_multiplier`` within 6 months after support stopped,
    capped so that up and down never overlap. One keyed draw ("ladder") decides both.
    Residents in day activities also gain skills. Arithmetic follows NumPy's float32 and
    float64 rules exactly, so the numbers match the array formulation of MODEL.md §3.
    Returns (steps up, steps down).
    """
    ups = 0
    downs = 0
    one32 = np.float32(1.0)
    effect32 = np.float32(instability_effect)
    relapse32 = np.float32(relapse)
    for i in range(status.size):
        st = status[i]
        if st > DAY_ACTIVITY:  # trial, work, exited, sheltered work
            continue
        in_da = st == DAY_ACTIVITY
        factor = provider_factor[provider[i]] if in_da else unsupported
        factor = factor * np.float64(motivation[i])
        r = rung[i]
        p_up = min(up_table[r - 1] * factor, 1.0)
        p_down32 = relapse32 * (one32 + effect32 * (one32 - stability[i]))
        p_down = np.float64(p_down32) * (
            abrupt_stop_multiplier if month - support_stopped[i] < 6 else 1.0)
        p_down = min(p_down, 1.0 - p_up) if r > 1 else 0.0
        u = rng.unit(ids[i], key)
        if u < p_up:
            rung[i] += 1
            ups += 1
        if u >= 1.0 - p_down:
            rung[i] -= 1
            downs += 1
        if in_da:
            sk = skills[i]
            skills[i] = sk + np.float32(skill_gain * factor * np.float64(one32 - sk))
    return ups, downs


def work_pathway(model, month: int) -> None:
    """Vacancies, job loss and retention, trial outcomes, new referrals to trials, then each
    policy part's own monthly work (sheltered work, say)."""
    _labour_market(model, month)
    _jobs(model, month)
    _trial_outcomes(model, month)
    _referrals(model, month)
    model.policy.step(model, month)


def _labour_market(model, month: int) -> None:
    """Open vacancies are filled by other applicants; new ones open (keyed per employer)."""
    ids = model.employer_ids
    filled = rng.binomial_ppf(rng.uniform(model.seed, "vacancy_filled", month, ids),
                              model.open_vacancies, model.p["employers.vacancy_fill_per_month"])
    new = rng.poisson_ppf(rng.uniform(model.seed, "vacancy_new", month, ids), model.vacancy_rates)
    model.open_vacancies += new - filled


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
    uncovered = np.maximum(0.0, 1.0 - lw - p["work.wage_subsidy_cap_share"])
    hired_all = []
    for e in np.unique(pop.employer[rows]):
        mine = rows[pop.employer[rows] == e]
        mine = mine[np.argsort(access.tiebreak(model, mine), kind="stable")]
        employer = model.employers[e]
        employer.trials -= mine.size
        if employer.internal_of is not None:
            prob = np.full(mine.size, p["trial_placements.internal_hire_probability"])
        else:
            prob = p["work.hire_probability"] * (0.5 + employer.inclusiveness) * (
                1.0 - uncovered[np.searchsorted(rows, mine)])
        hired_all.append(employer.hire(mine, prob))
    hired = np.concatenate(hired_all) if hired_all else rows[:0]
    failed = np.setdiff1d(rows, hired)
    model.stats["jobs_started"] += hired.size
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
    pop.set_status(failed, Status.DAY_ACTIVITY, month)


def _referrals(model, month: int) -> None:
    p, pop = model.p, model.population
    rows = model.rows_with(Status.DAY_ACTIVITY)
    lw = pop.loonwaarde(rows, p["development.loonwaarde_per_skill"])
    min_rung = model.policy.stage_min_rung()
    ready = (pop.rung[rows] >= min_rung) & (lw >= p["work.min_loonwaarde"]) & (
        pop.referral_blocked_until[rows] <= month)
    rows = rows[ready]
    if rows.size == 0:
        return
    ref_p = model.referral_chance(rows)
    willing = p["work.willingness_per_month"] * (1.0 - model.policy.fear())
    go = (model.draw("referral", rows) < ref_p) & (model.draw("willing", rows) < willing)
    rows = rows[go]
    if rows.size == 0:
        return
    model.stats["referrals"] += rows.size
    if not _reintegration_money_left(model, month):
        model.stats["referrals_held_for_budget"] += rows.size
        return
    pick = model.draw("employer_choice", rows)
    target = np.empty(rows.size, dtype=np.int64)
    for k, row in enumerate(rows):
        partners = model.providers[pop.provider[row]].partner_employers
        pool = partners if partners.size else model.all_employers
        target[k] = pool[int(pick[k] * pool.size)] if pool.size else -1
    for e in np.unique(target[target >= 0]):
        mine = rows[target == e]
        mine = mine[np.argsort(model.draw("trial_priority", mine), kind="stable")]
        taken = model.employers[e].host(mine)
        # A re-assessment still pending waits until the resident is back from the trial.
        access.leave_queue(model, taken[pop.queue_since[taken] != NEVER], month)
        pop.employer[taken] = e
        pop.referred_by[taken] = pop.provider[taken]
        pop.trial_end[taken] = month + p["work.trial_months"]
        pop.set_status(taken, Status.TRIAL_PLACEMENT, month)
        model.stats["trials_started"] += taken.size
        model.policy.on_referral(model, taken, month)


def _reintegration_money_left(model, month: int) -> bool:
    """With separate pots, new trials wait once the year's re-integration budget is spent
    (pro rata: by month m of the year, m/12 of the budget); one pot never waits."""
    if not model.policy.separate_pots():
        return True
    start = (month - 1) // 12 * 12 + 1
    spent = model.ledger.payer_cents("pw_reintegration", months=slice(start, month)) / 100
    budget = model.p["participatiewet.reintegration_budget_per_year_eur"]
    return spent < budget * (month - start + 1) / 12


def observe(model, month: int) -> None:
    """Record the month's counts, flows and money in the model's time series."""
    model.record(month)


#: The monthly plan, in order (MODEL.md §3). ``doorstroom plan`` prints it.
PLAN = (
    ("population_flow", population_flow, "residents enter and leave scope"),
    ("help_seeking", help_seeking, "residents without support ask for it"),
    ("access", access_phase, "assessment queue and decision, or walk-in; placement"),
    ("day_activities", day_activities, "guidance, skills, ladder moves and relapse"),
    ("work_pathway", work_pathway, "referral, trial, hire, job loss, employer learning"),
    ("money", money, "every euro booked in the ledger"),
    ("observe", observe, "monthly counts, flows and costs"),
)
