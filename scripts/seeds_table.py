"""The claims of the five source articles as experiments, and the table of what the runs
show (docs/model.md, "The five articles as tests").

Each claim names the mechanism that carries it in the model, the place's scenario, the two
policy sets (or settings) compared with common random numbers, what is measured, and the
direction the article reports (0: it gives none). Where a run does not show that
direction, ``why_not`` says which missing evidence keeps it from doing so; the tests
(tests/scenarios/test_seeds.py) hold every claim to this.

    python scripts/seeds_table.py [--replications N] [--months M] > table.md
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from simulation.experiment import ci95, run_replications
from simulation.population import Benefit, Status
from simulation.runs import replication_seed, run_model
from simulation.scenario import load

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Claim:
    article: str
    claim: str
    mechanism: str
    place: str
    a: str
    b: str
    measure: str
    expected: int
    overrides_b: dict = field(default_factory=dict)
    why_not: str = ""
    near: tuple[float, float] | None = None  # a number the article gives: where b must land


CLAIMS = (
    Claim("000 Ommen", "A wen-stage in a care provider's catering is a step from work-like "
          "day activities towards a job",
          "variant trial_placements: stages at partner employers and in providers' own "
          "business, from rung 3; a stage without a job adds skills",
          "ommen", "indicatie", "indicatie+trial_placements", "jobs_started", +1),
    Claim("000 Ommen", "Solutions before rules and budgets (ontschot)",
          "variant ontschot: one pot, so trials no longer wait for the re-integration budget",
          "ommen", "indicatie", "indicatie+ontschot", "referrals_held_for_budget", -1),
    Claim("000 Ommen", "Together: ways from day care to a job",
          "variants ontschot and trial_placements (Ommen's Village Deal)",
          "ommen", "indicatie", "village_deal", "jobs_sustained_12m", +1),
    Claim("001/004 Oldenzaal", "Open access: easier access",
          "regime voorziening: walk in after a light intake, no assessment queue",
          "oldenzaal", "indicatie", "village_deal", "mean_access_wait_months", -1),
    Claim("001/004 Oldenzaal", "Open access reaches more residents",
          "latent demand (help_seeking.latent_share) asks where no assessment is needed",
          "oldenzaal", "indicatie", "village_deal", "participants_served", +1),
    Claim("004 Oldenzaal", "Open access is probably cheaper",
          "lump sum at cost price for the same places (voorziening.budget_rule)",
          "oldenzaal", "indicatie", "village_deal", "net_cost_eur", -1,
          why_not="like with like, the lump sum buys today's places, more residents are "
          "reached and sheltered work adds places; the articles give no budget, so the run "
          "cannot show a saving that rests on a smaller one (the report's break-even budget "
          "says how small it must be)"),
    Claim("004 Oldenzaal", "Integrate day activities and sheltered work",
          "variant sheltered_work: beschut werk as a rung for those on rung 4 not yet ready",
          "oldenzaal", "voorziening", "voorziening+sheltered_work", "in_sheltered_work_end",
          +1),
    Claim("004 Oldenzaal", "Target groups can be combined",
          "providers.mixed_group_effect: development where a provider is not made for the "
          "group; no evaluation, so its range runs both ways and the default is no effect",
          "oldenzaal", "voorziening", "voorziening", "ladder_moves_up", 0,
          overrides_b={"providers.mixed_group_effect": 0.2}),
    Claim("002 Landerd", "Participatiewet and Wmo clients together: more residents "
          "meaningfully active",
          "variant ontschot: activation routes for everyone without support, held in free "
          "places at social enterprises without a Wmo decision; no wall at the Wmo door",
          "landerd", "indicatie", "van_zorg_naar_werk", "mean_active", +1),
    Claim("002 Landerd", "With Carrousel Groen 28 people are meaningfully active",
          "Carrousel Groen's places (11 per dagdeel at about 4 dagdelen each) were set from "
          "this number, so this is a consistency check; what the run adds is who they are",
          "landerd", "indicatie", "van_zorg_naar_werk", "active_at:Carrousel Groen", 0,
          near=(22.0, 34.0)),
    Claim("002 Landerd", "Almost all of them long-term Participatiewet clients",
          "who asks, whom an assessment lets in, and which groups a social enterprise is made "
          "for (providers.KIND_FITS)",
          "landerd", "indicatie", "van_zorg_naar_werk", "bijstand_share_at:Carrousel Groen",
          0, near=(0.8, 1.0),
          why_not="the article gives no composition of Landerd's residents in scope; with "
          "the assumed shares (a third long-term unemployed) about two in three at Carrousel "
          "Groen are on bijstand, a few more with one budget"),
    Claim("002 Landerd", "From care to work with both laws' instruments",
          "variant ontschot: one budget pays trials and coaching for day-activity clients",
          "landerd", "indicatie", "van_zorg_naar_werk", "jobs_started", +1),
    Claim("003 Oudewater", "One front door: residents tell their story once",
          "variant single_front_door: one intake for both laws, cheaper and shorter",
          "oudewater", "indicatie", "indicatie+single_front_door",
          "mean_assessment_wait_months", -1),
    Claim("003 Oudewater", "The front door brings demand and supply together; all forms of "
          "activity count",
          "variant single_front_door: the latent share asks too, and UWV's clients start "
          "activation routes here",
          "oudewater", "indicatie", "indicatie+single_front_door", "activations_started", +1),
    Claim("003 Oudewater", "Theo volunteers, and his support at home is reduced",
          "variant volunteer_offset: volunteering (rung 4) lowers support at home",
          "oudewater", "indicatie", "indicatie+volunteer_offset", "cost_home_support_eur", -1),
    Claim("003 Oudewater", "Johan learns work skills at Hotel Abrona to get a job",
          "providers.work_orientation_effect: work-like providers develop residents faster "
          "(compared: that effect at 0)",
          "oudewater", "indicatie", "indicatie", "ladder_moves_up", -1,
          overrides_b={"providers.work_orientation_effect": 0.0}),
)


def scenario(claim: Claim, months: int | None = None):
    sc = load(ROOT / "scenarios" / f"{claim.place}.toml")
    return sc.with_overrides({"simulation.months": months}) if months else sc


def values(claim: Claim, replications: int, seed: int, months: int | None = None
           ) -> tuple[np.ndarray, np.ndarray]:
    """The measure per replication under a and under b (common random numbers)."""
    sc = scenario(claim, months)
    sides = ((sc, claim.a), (sc.with_overrides(claim.overrides_b), claim.b))
    kind, _, name = claim.measure.partition(":")
    if kind in AT_PROVIDER:
        return tuple(np.array([AT_PROVIDER[kind](run_model(s, policy, replication_seed(seed, r)),
                                                 name) for r in range(replications)])
                     for s, policy in sides)
    return tuple(run_replications(s, (policy,), replications, seed).of(policy)[
        claim.measure].to_numpy(float) for s, policy in sides)


def _there(model, provider_name: str) -> np.ndarray:
    """Rows of residents in day activities or an activation route at a provider at the end."""
    pop = model.population
    index = [pr.name for pr in model.providers].index(provider_name)
    present = np.isin(pop.status[:pop.n], (Status.DAY_ACTIVITY, Status.ACTIVATION))
    return np.flatnonzero(present & (pop.provider[:pop.n] == index))


#: Measures of one provider at the end of a run, beside the metrics.
AT_PROVIDER = {
    "active_at": lambda model, name: _there(model, name).size,
    "bijstand_share_at": lambda model, name: float(np.mean(
        model.population.benefit[_there(model, name)] == Benefit.BIJSTAND)),
}


def result(claim: Claim, replications: int, seed: int, months: int | None = None) -> dict:
    """Both sides' means, the paired difference with its interval, and whether the run
    shows what the article reports (its direction, and where it gives a number, lands near
    it; None where it reports neither)."""
    a, b = values(claim, replications, seed, months)
    low, high = ci95(b - a)
    checks = []
    if claim.expected:
        checks.append(low > 0 if claim.expected > 0 else high < 0)
    if claim.near:
        checks.append(claim.near[0] <= b.mean() <= claim.near[1])
    return {"a": float(a.mean()), "b": float(b.mean()), "difference": float((b - a).mean()),
            "low": low, "high": high, "b_interval": ci95(b),
            "shown": all(checks) if checks else None}


def _number(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.2f}"


def table(replications: int, seed: int, months: int | None = None) -> str:
    lines = ["| Article | Claim | Mechanism in the model | Experiment | What the runs show "
             "(b less a, 95% interval) | As the article reports |",
             "|---|---|---|---|---|---|"]
    for c in CLAIMS:
        r = result(c, replications, seed, months)
        setting = ", ".join(f"`{k}` = {v}" for k, v in c.overrides_b.items())
        experiment = (f"`{c.place}`: {c.a} → {c.b}" + (f" with {setting}" if setting else "")
                      + f"; `{c.measure}`")
        shows = (f"{_number(r['a'])} → {_number(r['b'])}: {_number(r['difference'])} "
                 f"[{_number(r['low'])} … {_number(r['high'])}]")
        if c.near:
            lo, hi = r["b_interval"]
            shows += f"; with {c.b} {_number(r['b'])} [{_number(lo)} … {_number(hi)}]"
        direction = ("nothing to compare" if r["shown"] is None else
                     "as reported" if r["shown"] else f"not shown: {c.why_not}")
        lines.append(f"| {c.article} | {c.claim} | {c.mechanism} | {experiment} | {shows} | "
                     f"{direction} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20251123)
    parser.add_argument("--months", type=int, default=None)
    args = parser.parse_args()
    print(table(args.replications, args.seed, args.months))


if __name__ == "__main__":
    main()
