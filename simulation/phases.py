"""The monthly process of docs/model.md §1.3, one function per phase, in order.

Each phase takes the model and the month. Resident rules run vectorised over the
population arrays; providers and employers act through their own methods in a
fixed order (by index), so nothing depends on shuffling. Every random decision
goes through ``model.draw`` (keyed by seed, resident, decision, month).
"""

from __future__ import annotations

import numba
import numpy as np

from . import rng, threads
from .access import held_at_providers
from .payments import money
from .work_pathway import work_pathway
from .population import AGE_EXIT_YEARS, BLOCK, Status, draw_room, with_room

NONE, DAY_ACTIVITY, EXITED = int(Status.NONE), int(Status.DAY_ACTIVITY), int(Status.EXITED)
ACTIVATION = int(Status.ACTIVATION)


def population_flow(model, month: int) -> None:
    """Residents age, leave scope (AOW age, moving away, long-term care) and enter it."""
    pop, n, local = model.population, model.population.n, model.local
    # each municipality's monthly chances (Python's power, as ever: NumPy's may differ)
    monthly = [local.derived(key, lambda key=key: np.array(
        [1.0 - (1.0 - q[key]) ** (1.0 / 12.0) for q in local.values]))
        for key in ("population.move_away_per_year", "population.wlz_per_year")]
    move_keys = model.local.streams("move_away", month)
    wlz_keys = model.local.streams("wlz", month)
    leave = threads.joined(threads.over_rows(n, lambda a, b: _age_and_leave(
        pop.status[a:b], pop.age_months[a:b], pop.id[a:b], pop.municipality[a:b],
        AGE_EXIT_YEARS * 12, monthly[0], move_keys, monthly[1], wlz_keys)))
    model.exit(leave, month)

    count = int(model.entering[month]) if month < model.entering.size else 0
    if count:
        rows = pop.admit(count, month)
        model.count("entries", rows)
        model.make_handles(rows)


@numba.njit(cache=True, nogil=True)
def _age_and_leave(status, age_months, ids, municipality, exit_age_months, move_away,
                   move_keys, wlz, wlz_keys):
    """Everyone in scope ages a month; the rows leaving scope: AOW age, or a keyed draw
    for moving away and one for long-term care (Wlz) below their monthly chances (keys and
    chances by municipality)."""
    out = np.empty(BLOCK, dtype=np.int64)
    k = 0
    rows_in_scope, scratch, u_move = draw_room()
    u_wlz = np.empty(BLOCK, dtype=np.float64)
    # (where every municipality has the same chances, one for all at hand: no row's asked)
    many = threads.differ(move_away) or threads.differ(wlz)
    move_one, wlz_one = move_away[0], wlz[0]
    for start in range(0, status.size, BLOCK):
        out = with_room(out, k, BLOCK)
        c = 0
        for i in range(start, min(start + BLOCK, status.size)):
            in_scope = status[i] != EXITED
            age_months[i] += in_scope
            rows_in_scope[c] = i
            c += in_scope
        rng.units_at(rows_in_scope[:c], ids, municipality, move_keys, scratch, u_move)
        rng.units_at(rows_in_scope[:c], ids, municipality, wlz_keys, scratch, u_wlz)
        for j in range(c):
            i = rows_in_scope[j]
            out[k] = i
            if many:
                m = municipality[i]
                k += ((age_months[i] >= exit_age_months) | (u_move[j] < move_away[m])
                      | (u_wlz[j] < wlz[m]))
            else:
                k += ((age_months[i] >= exit_age_months) | (u_move[j] < move_one)
                      | (u_wlz[j] < wlz_one))
    return out[:k]


def help_seeking(model, month: int) -> None:
    """Residents without support ask for it. The latent share asks only where no
    assessment is needed; the others ask at a rate that keeps ``help_seeking.per_month``
    the rate over everyone in scope where an assessment is needed."""
    pop, n, local = model.population, model.population.n, model.local
    latent = local.array("help_seeking.latent_share")
    hazard = local.array("help_seeking.per_month") / (1.0 - latent)
    latent_asks = model.policy.reaches_latent_demand()
    keys = local.streams("help_seeking", month)
    model.requests = threads.joined(threads.over_rows(n, lambda a, b: _asking(
        pop.status[a:b], pop.retry_after[a:b], pop.latent[a:b], pop.id[a:b],
        pop.municipality[a:b], month, latent_asks, hazard, keys)))
    pop.requested[model.requests] = month


@numba.njit(cache=True, nogil=True)
def _asking(status, retry_after, latent, ids, municipality, month, latent_asks, hazard, keys):
    """The rows that ask this month, in row order: without support, not refused lately
    (and not the latent share unless ``latent_asks``), whose keyed draw falls below their
    municipality's ``hazard``."""
    out = np.empty(BLOCK, dtype=np.int64)
    k = 0
    asking, scratch, u = draw_room()
    for start in range(0, status.size, BLOCK):
        out = with_room(out, k, BLOCK)
        c = 0
        for i in range(start, min(start + BLOCK, status.size)):
            asking[c] = i  # kept when it asks: no branch to mispredict
            c += (status[i] == NONE) & (retry_after[i] <= month) & (latent_asks | (latent[i] == 0))
        rng.units_at(asking[:c], ids, municipality, keys, scratch, u)
        for j in range(c):
            if u[j] < hazard[municipality[asking[j]]]:
                out[k] = asking[j]
                k += 1
    return out[:k]


def access_phase(model, month: int) -> None:
    """The regime's access route: assessment queue and decision, or walk-in; placement."""
    model.policy.access(model, month, model.requests)


def day_activities(model, month: int) -> None:
    """Providers set guidance; residents develop skills and move on the ladder."""
    pop = model.population
    model.provider_month = provider_attendance(model)
    model.guidance = model.policy.guidances(model, model.policy.capacities(model),
                                            model.provider_month["attendance"])

    speed, keys = model.development_speed(), model.local.streams("ladder", month)
    # a row per municipality (their chances may differ, a PSA's draws say)
    up_table = np.hstack([model.local.array("development.up_per_month"),
                          np.zeros((model.local.count, 4))])
    local = model.local
    relapse = local.array("development.relapse_per_month")
    unsupported, effect, abrupt, gain = map(local.array, (
        "development.unsupported_factor", "development.relapse_instability_effect",
        "development.abrupt_stop_multiplier", "development.skill_gain_per_month"))

    def part(a: int, b: int) -> np.ndarray:
        steps = np.zeros((2, model.local.count), dtype=np.int64)  # up, down
        _develop(
            pop.status[a:b], pop.rung[a:b], pop.provider[a:b], pop.group[a:b],
            pop.motivation[a:b], pop.stability[a:b], pop.support_stopped[a:b], pop.skills[a:b],
            pop.id[a:b], pop.municipality[a:b], speed, up_table, unsupported, relapse, effect,
            abrupt, gain, month, keys, steps)
        return steps

    steps = threads.summed(threads.over_rows(pop.n, part))
    model.add_counts("ladder_up", steps[0])
    model.add_counts("ladder_down", steps[1])


def provider_attendance(model) -> dict[str, np.ndarray]:
    """Per provider, the dagdelen a week its clients attend and how many they are
    (activation clients at a provider take a place and staff time too, paid apart)."""
    attendance, clients = held_at_providers(model, (Status.DAY_ACTIVITY, Status.ACTIVATION))
    return {"attendance": attendance, "clients": clients}


@numba.njit(cache=True, nogil=True)
def _develop(status, rung, provider, group, motivation, stability, support_stopped, skills,
             ids, municipality, speed, up_table, unsupported, relapse, instability_effect,
             abrupt_stop_multiplier, skill_gain, month, keys, steps):
    """The ladder and skills of every resident not in a trial or job, in one pass.

    Development speed is ``speed[provider, group]`` in day activities (the provider's
    guidance x work orientation, and whether it is made for the group), the municipality's
    row after the providers' in an activation route (the provider's row where it is held
    at one), and
    ``unsupported`` otherwise; times motivation. A step up has chance
    ``up_table[municipality, rung] x speed``; a relapse (rung > 1) has chance
    ``relapse x (1 + effect x instability)``, times ``abrupt_stop_multiplier`` within 6
    months after support stopped, capped so that up and down never overlap (every value
    but speed its municipality's). One keyed draw ("ladder") decides both. Residents in day
    activities or activation also gain skills. Arithmetic follows NumPy's float32 and
    float64 rules exactly, so the numbers match the array formulation of docs/model.md §3.3.
    Adds the steps up and down to ``steps`` (two rows, a column per municipality).
    """
    one32 = np.float32(1.0)
    effect32 = instability_effect.astype(np.float32)
    relapse32 = relapse.astype(np.float32)
    routes = speed.shape[0] - up_table.shape[0]  # the activation routes' rows from here
    # Per block: the rows without support, then those supported, each picked without a
    # branch (statuses come mixed), so that the loop below asks no row's status (the first
    # ``alone`` are without support: a branch the processor foresees).
    rows, scratch, draws = draw_room()
    supported = np.empty(BLOCK, dtype=np.int64)
    for start in range(0, status.size, BLOCK):
        alone = 0
        guided = 0
        for i in range(start, min(start + BLOCK, status.size)):
            rows[alone] = i
            alone += status[i] < DAY_ACTIVITY
            supported[guided] = i
            guided += (status[i] == DAY_ACTIVITY) | (status[i] == ACTIVATION)
        rows[alone: alone + guided] = supported[:guided]
        c = alone + guided
        rng.units_at(rows[:c], ids, municipality, keys, scratch, draws)
        for j in range(c):
            i = rows[j]
            r, m = rung[i], municipality[i]
            if j < alone:
                factor = unsupported[m] * np.float64(motivation[i])
            else:
                at = provider[i]  # an activation route without a work-experience place: < 0
                factor = speed[at if at >= 0 else routes + m, group[i]] * np.float64(
                    motivation[i])
                sk = skills[i]
                skills[i] = sk + np.float32(skill_gain[m] * factor * np.float64(one32 - sk))
            p_up = min(up_table[m, r - 1] * factor, 1.0)
            p_down32 = relapse32[m] * (one32 + effect32[m] * (one32 - stability[i]))
            p_down = np.float64(p_down32) * (
                abrupt_stop_multiplier[m] if month - support_stopped[i] < 6 else 1.0)
            p_down = min(p_down, 1.0 - p_up) if r > 1 else 0.0
            if draws[j] < p_up:
                rung[i] += 1
                steps[0, m] += 1
            if draws[j] >= 1.0 - p_down:
                rung[i] -= 1
                steps[1, m] += 1


def observe(model, month: int) -> None:
    """Record the month's counts, flows and money in the model's time series."""
    model.record(month)


#: The monthly plan, in order (docs/model.md §1.3). ``doorstroom plan`` prints it.
PLAN = (
    ("population_flow", population_flow, "residents enter and leave scope"),
    ("help_seeking", help_seeking, "residents without support ask for it"),
    ("access", access_phase, "assessment queue and decision, or walk-in; placement"),
    ("day_activities", day_activities, "guidance, skills, ladder moves and relapse"),
    ("work_pathway", work_pathway, "referral, trial, hire, job loss, employer learning"),
    ("money", money, "every euro booked in the ledger"),
    ("observe", observe, "monthly counts, flows and costs"),
)
