"""What day activities cost a provider, and how the municipality pays for them.

One staffed place for one dagdeel at a care provider is a client's share of a group with
one begeleider; other kinds of provider cost a share of that (``providers.place_cost_by_kind``:
a social enterprise's production carries part of its cost, evidence §2's Venray pilot):

    place cost = wage per hour x hours per dagdeel / clients per begeleider x (1 + overhead)
                 x the kind's factor

Under indicatie the provider is paid per attended dagdeel, so the tariff's cost price
covers the places it staffs at the occupancy a tariff model assumes, plus the per-client
administration that billing per dagdeel and a decision in a resident's name bring:

    tariff cost price = place cost / occupancy norm + billing per client-month
                        / dagdelen attended per client-month

Under voorziening the provider is funded as a whole. By the scenario's rule the lump sum
buys today's contracted places at place cost (like with like, no per-client
administration), is a fixed amount, or follows last year's attendance (with a lag and a
ceiling). Funded places are the lump sum divided by what a place costs a year.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from .declarations import PROVIDER_KINDS

#: Dagdelen in a week a staffed place is open (mornings and afternoons, five days).
DAGDELEN_PER_PLACE_WEEK = 10


def place_cost(p: Mapping[str, Any], kind: str = "care") -> float:
    """Cost of one staffed place for one dagdeel (no per-client administration)."""
    staff = p["provider_cost.staff_wage_per_hour_eur"] * p["provider_cost.hours_per_dagdeel"]
    factor = p["providers.place_cost_by_kind"][PROVIDER_KINDS.index(kind)]
    return (staff / p["provider_cost.clients_per_staff"]
            * (1.0 + p["provider_cost.overhead_share"]) * factor)


def mean_place_cost(p: Mapping[str, Any], organisations) -> float:
    """A place's cost averaged over today's places at every provider."""
    places = sum(o["places_per_dagdeel"] for o in organisations)
    if not places:
        return place_cost(p)
    return sum(o["places_per_dagdeel"] * place_cost(p, o["kind"])
               for o in organisations) / places


def attended_per_client_month(p: Mapping[str, Any]) -> float:
    """Dagdelen an average client attends in a month."""
    return (p["day_activity.dagdelen_per_week"] * p["day_activity.weeks_per_year"] / 12.0
            * p["day_activity.attendance_rate"])


def tariff_cost_price(p: Mapping[str, Any], kind: str = "care") -> float:
    """The cost price of a tariff per attended dagdeel under indicatie."""
    attended = attended_per_client_month(p)
    billing = p["provider_cost.billing_per_client_month_eur"] / attended if attended else 0.0
    return place_cost(p, kind) / p["provider_cost.occupancy_norm"] + billing


def tariff(p: Mapping[str, Any], kind: str = "care") -> float:
    """The price paid per attended dagdeel: the cost price, or the fixed tariff (a care
    provider's; another kind gets the same share of it as its place costs)."""
    if p["indicatie.tariff_rule"] == "fixed":
        share = p["providers.place_cost_by_kind"][PROVIDER_KINDS.index(kind)]
        return p["indicatie.tariff_per_dagdeel_eur"] * share
    return tariff_cost_price(p, kind)


def contracted_places(p: Mapping[str, Any], organisations: Sequence[Mapping[str, Any]]) -> float:
    """Today's staffed dagdeel places a week at all providers."""
    per_dagdeel = sum(o["places_per_dagdeel"] for o in organisations)
    return per_dagdeel * p["providers.capacity_scale"] * DAGDELEN_PER_PLACE_WEEK


def place_cost_per_year(p: Mapping[str, Any], organisations) -> float:
    """What one dagdeel place a week costs a year, on average over today's places."""
    return mean_place_cost(p, organisations) * p["day_activity.weeks_per_year"]


def cost_price_budget(p: Mapping[str, Any], organisations) -> float:
    """Today's contracted places at cost price, a year."""
    return contracted_places(p, organisations) * place_cost_per_year(p, organisations)


def first_budget(p: Mapping[str, Any], organisations) -> float:
    """The lump sum of the first year (and of every year unless it follows attendance)."""
    if p["voorziening.budget_rule"] == "fixed":
        return p["voorziening.budget_per_year_eur"]
    return cost_price_budget(p, organisations)


def following_budget(p: Mapping[str, Any], organisations, attended_a_year: float) -> float:
    """A lump sum that pays for the places last year's attendance needed (at the occupancy
    norm), up to the council's ceiling."""
    needed = attended_a_year / p["provider_cost.occupancy_norm"] * mean_place_cost(
        p, organisations)
    ceiling = p["voorziening.budget_ceiling_share"] * cost_price_budget(p, organisations)
    return min(needed, ceiling)


def funded_places(p: Mapping[str, Any], organisations, budget: float) -> float:
    """Dagdeel places a week that a lump sum buys, at today's mix of providers."""
    return budget / place_cost_per_year(p, organisations)


def attendance_year(attended_by_month: Sequence[float], month: int, lag: int) -> float | None:
    """Dagdelen attended in the year a budget starting in ``month`` follows: the 12 months
    ending ``lag`` months before that budget year, scaled to a year when fewer of them have
    been run; ``None`` when none have."""
    last = month - 1 - lag
    if last < 1:
        return None
    first = max(last - 11, 1)
    return float(sum(attended_by_month[first: last + 1])) * 12.0 / (last - first + 1)
