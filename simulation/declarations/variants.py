"""The regimes and the variants from practice, each declared once.

A variant here has a class of the same name in ``simulation/policies/variants.py``; the tests
check both directions. Parameters and ledger categories that only a variant uses are
declared with it.
"""

from __future__ import annotations

from .records import Category, Label, Regime, Variant, param

REGIMES: tuple[Regime, ...] = (
    Regime("indicatie", Label("indicatie (beschikking per inwoner)",
                              "individual assessment (indicatie)"),
           "a consultant assesses each resident; a decision grants N dagdelen a week at one "
           "provider for a term; the provider is paid per dagdeel attended"),
    Regime("voorziening", Label("algemene voorziening (vrij toegankelijk)",
                                "open access (algemene voorziening)"),
           "residents walk in after a light intake; providers are funded as a whole from a "
           "budget for staffed places"),
)
#: The policy set of a national scenario in which each municipality runs its own policy set
#: (``national.regimes``; the others ``policy.regime``), and its name for readers.
OWN_POLICY = "own"
OWN_POLICY_LABEL = Label("elke gemeente haar eigen regime", "each municipality its own regime")

VARIANTS: tuple[Variant, ...] = (
    Variant("ontschot", Label("ontschot budget (één pot)", "one pot without walls (ontschot)"),
            "articles 000 and 002 (Ommen, Landerd): 'solutions before rules and budgets'",
            "one pot for Wmo and re-integration money: no cap on activation routes and trials "
            "from the re-integration budget, no wall at the Wmo door for long-term unemployed "
            "bijstand clients, and activation routes open to every resident without support "
            "and held in free places at social enterprises made for the resident's group, "
            "without a Wmo decision (Landerd: Wmo and Participatiewet clients together at "
            "Carrousel Groen, one budget for one person)"),
    Variant("trial_placements",
            Label("extra proefplaatsen (wen-stages)", "extra trial placements"),
            "articles 000 and 002 (Ommen: a wen-stage in a care provider's catering; Landerd)",
            "`trial_placements.extra_slots_per_employer` more trial places; stages in each "
            "provider's own business (`trial_placements.internal_slots_per_provider`, hiring "
            "chance `trial_placements.internal_hire_probability`); stages from rung "
            "`trial_placements.min_rung`; a stage without a job adds "
            "`trial_placements.skill_boost` skills and lifts to rung 4",
            params=(
                param("trial_placements.extra_slots_per_employer", "int", "places", 1, 0, 100,
                      "assumption: articles 000 and 002 (Ommen, Landerd): partner "
                      "employers agree extra "
                      "wen-stages",
                      "Extra stageplekken",
                      "Extra trial places per employer (variant trial_placements)."),
                param("trial_placements.internal_slots_per_provider", "int", "places", 2, 0,
                      1_000,
                      "article 000 (Ommen): a wen-stage in a care provider's own catering "
                      "business",
                      "Stageplekken bij aanbieder",
                      "Trial places in each provider's own business."),
                param("trial_placements.min_rung", "int", "rung", 3, 1, 4,
                      "article 000 (Ommen): a wen-stage is a step from work-like day activities "
                      "towards a job, so it starts before a resident is ready for a regular "
                      "trial (rung 4)",
                      "Stage vanaf trede",
                      "Lowest ladder rung for a stage (variant trial_placements)."),
                param("trial_placements.internal_hire_probability", "float", "share", 0.1, 0.0,
                      1.0,
                      "assumption: a provider's own business seldom has a paid job to offer",
                      "Aanname na interne stage", "Chance an internal stage ends in a job there."),
                param("trial_placements.skill_boost", "float", "share", 0.15, 0.0, 1.0,
                      "assumption: a stage builds work skills even without a job",
                      "Vaardigheden door stage",
                      "Skills gained from a stage that ends without a job."),
            ),
            idle=lambda p: None if (p["trial_placements.extra_slots_per_employer"]
                                    or p["trial_placements.internal_slots_per_provider"]) else
            "no extra trial places at employers or providers (trial_placements.*_slots = 0)"),
    Variant("single_front_door",
            Label("één loket Wmo en Participatiewet", "single front door"),
            "article 003 (Oudewater): 'residents tell their story once'",
            "one intake for Wmo and Participatiewet: assessment and intake cost x "
            "`single_front_door.assessment_cost_share`; minimum processing time less "
            "`single_front_door.months_saved`; the social town team reaches residents who ask "
            "nobody today (the latent share asks too), starts activation routes for UWV's "
            "clients as for the municipality's (UWV sits at the same table), and sees support "
            "at home and volunteering together (Theo: `volunteer_offset.support_reduction` "
            "applies)",
            params=(
                param("single_front_door.assessment_cost_share", "float", "share", 0.6, 0.0,
                      1.0,
                      "assumption: article 003 (Oudewater): one conversation for Wmo and "
                      "Participatiewet instead of two",
                      "Kosten onderzoek bij een loket",
                      "Assessment and intake cost with one front door, relative to separate "
                      "doors; variant single_front_door."),
                param("single_front_door.months_saved", "int", "months", 1, 0, 12,
                      "assumption: the resident tells the story once; no hand-over between "
                      "teams",
                      "Snellere toegang een loket",
                      "Months the single front door takes off the minimum processing time."),
            )),
    Variant("safety_net", Label("vangnet na baanverlies", "safety net after job loss"),
            "evidence §3 and §6: Movisie, 'simpel switchen' between day activities and work",
            "fear of losing the decision is 0; a resident whose job ends gets the decision "
            "back and goes to the placement list without assessment"),
    Variant("outcome_bonus",
            Label("uitstroombonus voor aanbieders", "outcome bonus for providers"),
            "evidence §3: a trend to outcome-based purchasing (Movisie)",
            "revenue aversion x (1 - `providers.outcome_bonus_referral_effect`); "
            "`providers.outcome_bonus_eur` per job lasting six months, paid to the referring "
            "provider",
            params=(
                param("providers.outcome_bonus_eur", "float", "EUR", 2_500.0, 0.0, 50_000.0,
                      "assumption: about three months of per-dagdeel revenue (evidence §2: ~EUR "
                      "860/month)",
                      "Uitstroombonus",
                      "Bonus per job sustained 6 months (variant outcome_bonus)."),
                param("providers.outcome_bonus_referral_effect", "float", "-", 0.5, 0.0, 1.0,
                      "assumption: a bonus offsets half of the revenue aversion",
                      "Effect uitstroombonus",
                      "Share of revenue aversion the outcome bonus removes."),
            ),
            idle=lambda p: None if (p["providers.outcome_bonus_eur"]
                                    or p["providers.outcome_bonus_referral_effect"]) else
            "no bonus and no effect on referral (providers.outcome_bonus_* = 0)",
            categories=(
                Category("outcome_bonus", "cost", "wmo",
                         Label("uitstroombonus", "outcome bonus"),
                         "`providers.outcome_bonus_eur` per job lasting six months, to the "
                         "referring provider"),
            )),
    Variant("sheltered_work", Label("beschut werk", "sheltered work"),
            "article 004 (Oldenzaal): integrate day activities and beschut werk; evidence §6",
            "`sheltered_work.places_per_10000` places; residents on rung 4 with loonwaarde "
            "between `sheltered_work.min_loonwaarde` and `work.min_loonwaarde` move in when "
            "proposed; wage subsidy at the cap plus `sheltered_work.support_cost_per_month_eur`; "
            "rarely ends",
            params=(
                param("sheltered_work.places_per_10000", "float", "places/10,000 inhabitants",
                      2.2, 0.0, 100.0,
                      "evidence §6: 4,004 people in beschut werk at end 2019 = 2.2 per 10,000 "
                      "inhabitants",
                      "Plaatsen beschut werk",
                      "Sheltered-work places per 10,000 inhabitants (variant sheltered_work)."),
                param("sheltered_work.min_loonwaarde", "float", "share", 0.15, 0.0, 1.0,
                      "assumption: beschut werk is for those with some but limited work "
                      "capacity",
                      "Minimale loonwaarde beschut", "Loonwaarde needed for sheltered work."),
                param("sheltered_work.support_cost_per_month_eur", "float", "EUR/month", 800.0,
                      0.0, 10_000.0,
                      "assumption: supervision and adjustments in a protected workplace",
                      "Begeleidingskosten beschut werk",
                      "Monthly cost of supervision in sheltered work."),
                param("sheltered_work.exit_per_month", "float", "1/month", 0.005, 0.0, 1.0,
                      "assumption: sheltered jobs are protected and rarely end",
                      "Uitval beschut werk", "Monthly chance a sheltered job ends."),
            ),
            categories=(
                Category("sheltered_work", "cost", "pw_reintegration",
                         Label("beschut werk", "sheltered work"),
                         "`sheltered_work.support_cost_per_month_eur` per sheltered worker "
                         "(the wage subsidy is booked as wage subsidy)"),
            ),
            idle=lambda p: None if round(p["sheltered_work.places_per_10000"]
                                         * p["population.inhabitants"] / 1e4) else
            "no sheltered places here (sheltered_work.places_per_10000 gives 0 places)"),
    Variant("volunteer_offset",
            Label("vrijwilligerswerk vermindert begeleiding thuis",
                  "volunteering reduces home support"),
            "article 003 (Oudewater): Theo volunteers, and his support at home is reduced",
            "residents with support at home who do unpaid work (rung 4, not in a job) need "
            "`volunteer_offset.support_reduction` less of it; acts only when "
            "`home_support.share_with_support` > 0 (support at home is off by default)",
            params=(
                param("volunteer_offset.support_reduction", "float", "share", 0.5, 0.0, 1.0,
                      "assumption: article 003 (Oudewater, Theo): volunteering reduced his support "
                      "at "
                      "home",
                      "Minder begeleiding door vrijwilligerswerk",
                      "Share of home support dropped for residents doing unpaid work (rung 4); "
                      "variant volunteer_offset."),
            ),
            idle=lambda p: None if p["home_support.share_with_support"] else
            "no resident has support at home (home_support.share_with_support = 0)"),
)
