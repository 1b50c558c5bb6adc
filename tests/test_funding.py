"""What providers cost and how the municipality pays them: the tariff's cost price and the
lump sum follow the same provider costs, and more demand costs money or service."""

import numpy as np
import pytest

from simulation import funding
from simulation.experiment import compare, run_replications

REPS = 4


def test_the_cost_price_at_the_defaults_is_westervelds_medium_tariff(baseline):
    p = baseline.values
    assert funding.place_cost(p) == pytest.approx(42 * 4 / 8 * 1.77)
    assert funding.tariff_cost_price(p) == pytest.approx(46.15, abs=0.05)  # evidence §2
    assert funding.tariff(p) == funding.tariff_cost_price(p)  # the reële prijs by default
    places = 35 * 10  # the baseline's 35 places per dagdeel, ten dagdelen a week
    assert funding.contracted_places(p, baseline.organisations) == places
    # 24 places at care providers, 5 at a sheltered company and 6 at a social enterprise
    weighted = 24 * 1.0 + 5 * 0.85 + 6 * 0.7
    assert funding.cost_price_budget(p, baseline.organisations) == pytest.approx(
        10 * weighted * 48 * funding.place_cost(p))
    assert funding.tariff(p, "social_enterprise") < funding.tariff(p, "care")


@pytest.mark.parametrize("key, value", [("provider_cost.staff_wage_per_hour_eur", 60.0),
                                        ("provider_cost.clients_per_staff", 6.0)])
def test_dearer_providers_raise_the_tariff_and_the_lump_sum_alike(baseline, key, value):
    dear = baseline.with_overrides({key: value}).values
    p = baseline.values
    staff_ratio = funding.place_cost(dear) / funding.place_cost(p)
    assert staff_ratio > 1.2
    assert funding.tariff_cost_price(dear) > funding.tariff_cost_price(p)
    # the lump sum of today's places grows exactly with the place cost
    orgs = baseline.organisations
    assert funding.cost_price_budget(dear, orgs) / funding.cost_price_budget(p, orgs) == \
        pytest.approx(staff_ratio)


def test_a_fixed_tariff_is_the_tariff_paid(baseline):
    p = baseline.with_overrides({"indicatie.tariff_rule": "fixed",
                                 "indicatie.tariff_per_dagdeel_eur": 60.0}).values
    assert funding.tariff(p) == 60.0


def test_dearer_staff_under_a_fixed_budget_buys_fewer_places_and_longer_waits(small):
    fixed = small.with_overrides({"voorziening.budget_rule": "fixed",
                                  "voorziening.budget_per_year_eur": 120_000.0})
    dear = fixed.with_overrides({"provider_cost.staff_wage_per_hour_eur": 60.0})
    base, high = (run_replications(sc, ("voorziening",), REPS, seed=5).of("voorziening")
                  for sc in (fixed, dear))
    assert (high["mean_funded_places_per_week"] < base["mean_funded_places_per_week"]).all()
    assert high["cost_day_activity_eur"].equals(base["cost_day_activity_eur"])  # fixed
    assert high["waiting_person_months"].sum() > base["waiting_person_months"].sum()
    assert high["mean_guidance"].mean() < base["mean_guidance"].mean()


def test_dearer_staff_under_cost_price_costs_both_regimes_more(small):
    dear = small.with_overrides({"provider_cost.staff_wage_per_hour_eur": 60.0})
    base, high = (compare(sc, replications=REPS, seed=5) for sc in (small, dear))
    for policy in ("indicatie", "voorziening"):
        more = high.of(policy)["cost_day_activity_eur"] - base.of(policy)["cost_day_activity_eur"]
        assert (more > 0).all(), policy
        # nobody behaves differently: the same residents reach the same places
        assert high.of(policy)["participants_served"].equals(
            base.of(policy)["participants_served"])


def test_more_uptake_under_open_access_costs_money_or_service_never_nothing(small):
    """Latent demand is real residents: following attendance it costs money; with the
    places fixed it costs service (crowding, waiting)."""
    def runs(rule, share):
        sc = small.with_overrides({"voorziening.budget_rule": rule,
                                   "voorziening.budget_ceiling_share": 3.0,
                                   "providers.capacity_scale": 0.3,  # places are scarce
                                   "help_seeking.latent_share": share,
                                   "simulation.months": 36})
        return run_replications(sc, ("voorziening",), REPS, seed=8).of("voorziening")

    low, high = runs("follow_attendance", 0.0), runs("follow_attendance", 0.33)
    assert high["cost_day_activity_eur"].mean() > low["cost_day_activity_eur"].mean()
    assert high["mean_funded_places_per_week"].mean() > low["mean_funded_places_per_week"].mean()
    low, high = runs("cost_price", 0.0), runs("cost_price", 0.33)
    assert high["cost_day_activity_eur"].equals(low["cost_day_activity_eur"])
    assert (high["mean_guidance"].mean() < low["mean_guidance"].mean()
            or high["waiting_person_months"].mean() > low["waiting_person_months"].mean())


def test_a_following_budget_stops_at_the_councils_ceiling(small):
    p = small.with_overrides({"voorziening.budget_ceiling_share": 1.1}).values
    orgs = small.organisations
    ceiling = 1.1 * funding.cost_price_budget(p, orgs)
    assert funding.following_budget(p, orgs, 1e9) == pytest.approx(ceiling)
    need = funding.following_budget(p, orgs, 10_000.0)
    assert need == pytest.approx(10_000 / 0.85 * funding.mean_place_cost(p, orgs))


def test_the_attendance_a_budget_follows_is_lagged_and_made_a_year():
    attended = np.arange(40, dtype=float)  # month m attended m dagdelen
    assert funding.attendance_year(attended, 13, lag=6) == pytest.approx(sum(range(1, 7)) * 2)
    assert funding.attendance_year(attended, 25, lag=6) == pytest.approx(sum(range(7, 19)))
    assert funding.attendance_year(attended, 13, lag=0) == pytest.approx(sum(range(1, 13)))
    assert funding.attendance_year(attended, 7, lag=6) is None  # nothing run yet
