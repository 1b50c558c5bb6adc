"""Building a model: each municipality's residents, providers and employers, as it would be
built alone (its own values and seed), one after another in the model's arrays.

Residents: every municipality's starting residents, then every entrant of the run, staged
month by month (within a month, municipality by municipality) so that ``Population.admit``
lets a month's entrants in together. Providers: every municipality's organisations, its
provider j at ``municipality x organisations + j``. Employers: every municipality's
market employers, then its providers' own businesses (``employer_blocks``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import access, funding, rng
from .agents import Employer, Provider
from .budget import estimated_capacity
from .declarations import GROUPS, KIND_FITS, PROVIDER_KINDS
from .labour_market import own_employers_municipality
from .policies import Policy
from .population import WRITE_BLOCK, Population, Status, entrant_ids


class Residents(NamedTuple):
    """Residents as built from these values and seeds, before anyone is placed: a model of
    the same municipalities under another policy starts from a copy (``together``)."""

    values: list
    seeds: np.ndarray
    population: Population
    entrants: np.ndarray

    def fit(self, local) -> bool:
        """Whether these are the residents of a model of ``local``: the same values (the
        very same: a policy that changes a value builds its own) and seeds."""
        return (len(self.values) == local.count
                and all(a is b for a, b in zip(self.values, local.values))
                and np.array_equal(self.seeds, local.seeds))


def build_population(model, like: Residents | None = None,
                     keep: bool = False) -> Residents | None:
    """The residents in scope at the start and the entrants of every month: a copy of
    ``like`` where it fits, else built. Returns the residents for another model (``keep``),
    before the policy places anyone."""
    local = model.local
    if like is not None and like.fit(local):
        model.population, model.entrants = like.population.copy(), like.entrants.copy()
        model.entering = model.entrants.sum(axis=0)
        return like if keep else None
    pop = model.population = Population(sum(estimated_capacity(p) for p in local.values))
    months = np.arange(model.months + 1)
    model.entrants = np.zeros((local.count, months.size), dtype=np.int64)
    for m, (p, seed) in enumerate(zip(local.values, local.seeds)):
        n0 = int(p["population.residents"])
        # In the population's own blocks: the same residents, and no temporary array
        # the size of the population (a model's peak memory is its build).
        for first in range(0, n0, WRITE_BLOCK):
            ids = np.arange(first, min(first + WRITE_BLOCK, n0), dtype=np.uint64)
            pop.municipality[pop.add(ids, 0, int(seed), p, initial=True)] = m
        # Entrants: how many in each month is a keyed draw, who they are depends on their
        # id only, so all of them are made now and admitted month by month.
        model.entrants[m] = rng.poisson_ppf(rng.over_months(int(seed), "entries", months),
                                            n0 * p["population.entries_per_year"] / 12.0)
        model.entrants[m, 0] = 0
    entry_month = []
    for m, (p, seed) in enumerate(zip(local.values, local.seeds)):
        ids = np.concatenate([entrant_ids(t, int(c)) for t, c in enumerate(model.entrants[m])
                              if c] or [np.zeros(0, np.uint64)])
        for first in range(0, ids.size, WRITE_BLOCK):
            pop.municipality[pop.stage(ids[first: first + WRITE_BLOCK], int(seed), p)] = m
        if local.count > 1:
            entry_month.append(np.repeat(months, model.entrants[m]))
    if local.count > 1:
        entry_month = np.concatenate(entry_month)
        pop.order_staged(np.argsort(entry_month, kind="stable"))
    model.entering = model.entrants.sum(axis=0)
    if keep:
        return Residents(local.values, local.seeds, pop.copy(), model.entrants.copy())
    return None


def apply_policy_structures(model, spec) -> None:
    """Trial places, providers' own stages and sheltered places, as the policy (of
    ``spec``) sets them."""
    policy, k, values = model.policy, model.organisations, model.local.values
    whose = own_employers_municipality(model)  # each employer's municipality's numbers:
    extra = policy.each("extra_trial_slots", values)[whose]
    internal = policy.each("internal_trial_slots", values)
    own = model.own_employers
    model.trial_slots[own] = np.where(model.employer_internal[own], internal[whose],
                                      model.local.array("employers.trial_slots")[whose] + extra)
    partners = []
    for pr in model.providers:
        m = pr.municipality
        own = [model.own_employers.start + model.employer_starts[m] + model.market_sizes[m]
               + pr.index - m * k] if internal[m] else []
        partners.append(np.concatenate([own, pr.market_partners]).astype(np.int64))
    #: Each provider's partner employers, one after the other (``Provider.partner_employers``).
    model.partner_list = np.concatenate(partners)
    model.partner_first = np.cumsum([0, *map(len, partners)])
    # sheltered places follow each municipality's inhabitants
    model.sheltered_places = np.array([Policy(spec.regime, spec.variants, q).sheltered_places()
                                       for q in model.local.values])


def build_providers(model, organisations) -> None:
    """Every municipality's providers, with its own places (``providers.capacity_scale``)."""
    local, k = model.local, len(organisations)
    model.providers = [
        Provider(model, m * k + j, o["name"], o["kind"], o["work_orientation"], municipality=m)
        for m in range(local.count) for j, o in enumerate(organisations)]
    model.provider_municipality = np.repeat(np.arange(local.count), k)
    model.organisations = k
    model.provider_places = np.array([o["places_per_dagdeel"] * p["providers.capacity_scale"]
                                      for p in local.values for o in organisations])
    places = model.provider_places.reshape(local.count, k)
    model.total_places = np.where(places.sum(axis=1) > 0, places.sum(axis=1), 1.0)
    #: Whether each provider is made for each target group (``KIND_FITS``).
    model.provider_fit = np.array([[g in KIND_FITS[pr.kind] for g in GROUPS]
                                   for pr in model.providers], dtype=bool)
    #: The price per attended dagdeel at each provider (indicatie), and what a staffed place
    #: costs it a dagdeel (voorziening shares its budget by it): its municipality's own.
    model.tariffs = np.array([funding.tariff(local.values[pr.municipality], pr.kind)
                              for pr in model.providers])
    model.place_costs = np.array([funding.place_cost(local.values[pr.municipality], pr.kind)
                                  for pr in model.providers])
    # a year, under voorziening
    model.lump_sums = np.array([funding.first_budget(q, organisations) for q in local.values])
    model.funded_slots = np.array([funding.funded_places(q, organisations, budget)
                                   for q, budget in zip(local.values, model.lump_sums)])
    # What development speed takes from the providers beside their guidance
    # (``development_speed``): work orientation, fit, and the activation routes' rows.
    activation = [max(0.0, 1.0 + q["providers.work_orientation_effect"] * (
        q["participatiewet.activation_work_orientation"] - 0.5)) for q in local.values]
    model.development = (
        np.array([pr.development_factor for pr in model.providers]),
        1.0 + local.array("providers.mixed_group_effect")[model.provider_municipality][:, None]
        * ~model.provider_fit,
        np.repeat(np.array(activation)[:, None], len(GROUPS), axis=1))


def build_employers(model, agents: bool) -> None:
    """Every municipality's employers: its market (sizes, inclusiveness, whether one already
    employs the target group, each a keyed draw), then every provider's own business, which
    hosts stages only when a policy opens them (variant trial_placements). Their state is
    in the model's arrays; ``agents``: also an ``Employer`` agent (a view) for each."""
    local, k = model.local, model.organisations
    parts = [_market(p, int(seed)) for p, seed in zip(local.values, local.seeds)]
    sizes = np.array([part[0].size for part in parts])
    blocks = sizes + k
    starts = np.concatenate([[0], np.cumsum(blocks)[:-1]])
    total = int(blocks.sum())
    model.vacancy_rates = np.zeros(total)
    model.open_vacancies = np.zeros(total, dtype=np.int64)
    model.target_group_employees = np.zeros(total, dtype=np.int64)
    model.external_target_group = np.zeros(total, dtype=np.int64)
    model.employer_ids = np.zeros(total, dtype=np.uint64)
    model.inclusiveness = np.ones(total)  # a provider's own business takes anyone
    model.trial_slots = np.zeros(total, dtype=np.int64)  # set by the policy
    model.trials = np.zeros(total, dtype=np.int64)
    model.employer_internal = np.zeros(total, dtype=bool)
    model.employer_municipality = np.repeat(np.arange(local.count), blocks)
    model.in_market = np.zeros(total, dtype=bool)  # not a provider's own business
    model.employers = []
    model.markets = []
    for m, ((rate, incl, has_tg), start, n) in enumerate(zip(parts, starts, sizes)):
        start, n = int(start), int(n)
        market = slice(start, start + n)
        model.vacancy_rates[market] = rate
        model.inclusiveness[market] = incl
        model.employer_internal[start + n: start + n + k] = True
        model.in_market[market] = True
        model.external_target_group[market] = has_tg
        model.employer_ids[start: start + n + k] = np.uint64(rng.EMPLOYER_BASE) + np.arange(
            n + k, dtype=np.uint64)
        if agents:
            model.employers += [Employer(model, start + e) for e in range(n)]
            model.employers += [Employer(model, start + n + j, internal_of=m * k + j)
                                for j in range(k)]
        model.markets.append(np.arange(start, start + n))
        p, seed = local.values[m], int(local.seeds[m])
        ids = np.uint64(rng.EMPLOYER_BASE) + np.arange(n, dtype=np.uint64)
        for pr in model.providers[m * k: (m + 1) * k]:
            factor = p["providers.partners_by_kind"][PROVIDER_KINDS.index(pr.kind)]
            k_partners = min(int(round(p["providers.partner_employers"] * factor)), n)
            score = rng.uniform(seed, f"partner:{pr.index - m * k}", -1, ids)
            pr.market_partners = start + np.sort(np.argsort(score, kind="stable")[:k_partners])
    #: Where each municipality's employers start, and how many of them are market ones.
    model.employer_starts, model.market_sizes = starts, sizes
    #: The employers this model steps (in a region: its own block of the region's).
    model.own_employers = slice(0, total)


def _market(p, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A municipality's market employers: vacancy rate, inclusiveness, and whether each
    already employs someone of the target group."""
    n = int(p["employers.count"])
    ids = np.uint64(rng.EMPLOYER_BASE) + np.arange(n, dtype=np.uint64)
    size = 0.2 + 1.6 * rng.uniform(seed, "employer_size", -1, ids)  # mean 1
    rate = p["employers.vacancies_per_month"] * size / size.sum() if n else size
    mean = p["employers.inclusiveness_mean"]
    incl = np.clip(mean + 0.4 * (rng.uniform(seed, "employer_inclusiveness", -1, ids) - 0.5),
                   0.0, 1.0)
    has_tg = rng.uniform(seed, "employer_target_group", -1, ids) < \
        p["employers.share_with_target_group_start"]
    return rate, incl, has_tg


def place_initial(model) -> None:
    """Residents in day activities or work at month 0 get a provider or an employer."""
    pop = model.population
    da = model.rows_with(Status.DAY_ACTIVITY)
    for first in range(0, da.size, WRITE_BLOCK):  # in blocks: a ranking is a row each
        # Today's participants came with a decision: where their group fits.
        some = da[first: first + WRITE_BLOCK]
        pop.provider[some] = access.preference_ranking(model, some, by_fit=True)[:, 0]
    work = model.rows_with(Status.PAID_WORK)
    model.count("jobs_at_start", work)
    for m in range(model.local.count):
        mine = work[pop.municipality[work] == m] if model.local.count > 1 else work
        market = model.markets[m]
        if mine.size and market.size:
            pick = rng.uniform(int(model.local.seeds[m]), "initial_employer", -1, pop.id[mine])
            pop.employer[mine] = market[(pick * market.size).astype(np.int64)]
            np.add.at(model.target_group_employees, pop.employer[mine], 1)
