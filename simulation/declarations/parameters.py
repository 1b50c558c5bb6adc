"""The core parameters, section by section: unit, default, range, source, Dutch label.

Sources cite a section of docs/evidence.md ("evidence §2: ..."), one of the five source
articles ("article 004 (Oldenzaal): ...", listed in evidence §14), or say
"assumption: <why>".
Parameters that only a variant uses are declared with the variant (``variants.py``), the
national scenario's in ``country.py``; ``declarations/__init__.py`` puts them all into the
one registry.
"""

from __future__ import annotations

from .records import Label
from .records import param as _p
from .variants import REGIMES, VARIANTS

#: The target groups, in the order of every per-group list (``population.group_shares``).
GROUP_LABELS: dict[str, Label] = {
    "intellectual_disability": Label("verstandelijke beperking", "intellectual disability"),
    "mild_intellectual_disability": Label("licht verstandelijke beperking",
                                          "mild intellectual disability"),
    "mental_health": Label("psychische aandoening (GGZ)", "mental health condition"),
    "acquired_brain_injury": Label("niet-aangeboren hersenletsel", "acquired brain injury"),
    "autism": Label("autisme", "autism"),
    "long_term_unemployed": Label("langdurig werkloos, meervoudige problemen",
                                  "long-term unemployed with multiple problems"),
}
GROUPS = tuple(GROUP_LABELS)
PROVIDER_KINDS = ("care", "sheltered_company", "social_enterprise")
#: The target groups each kind of provider is made for (assumption: care providers for
#: disabilities and brain injury, work-like companies for those who can work in a group;
#: articles 002 and 004: Carrousel Groen took long-term bijstand clients, Oldenzaal's
#: workshop young people with autism). A decision places a resident where the group fits;
#: open access lets residents walk in anywhere.
KIND_FITS = {
    "care": ("intellectual_disability", "mild_intellectual_disability", "mental_health",
             "acquired_brain_injury", "autism"),
    "sheltered_company": ("mild_intellectual_disability", "mental_health", "autism",
                          "long_term_unemployed"),
    "social_enterprise": ("mild_intellectual_disability", "mental_health", "autism",
                          "long_term_unemployed"),
}
_REGIME_NAMES = tuple(r.name for r in REGIMES)
_VARIANT_NAMES = tuple(v.name for v in VARIANTS)

WHO_AND_HOW = (
    # --- simulation -------------------------------------------------------
    _p("simulation.months", "int", "months", 60, 1, 600,
       "assumption: five years covers a council term plus the first re-assessments",
       "Looptijd", "Horizon of one run in months."),
    _p("simulation.seed", "int", "-", 20251123, 0, 2**63 - 1,
       "assumption: any fixed number; replication r uses a seed derived from it",
       "Startgetal toeval", "Base seed of the counter-based random draws."),
    _p("simulation.replications", "int", "runs", 30, 1, 100_000,
       "assumption: 30 paired replications give intervals a council can read",
       "Herhalingen", "Default number of replications."),
    # --- policy -----------------------------------------------------------
    _p("policy.regime", "str", "-", "indicatie", None, None,
       "article 004 (Oldenzaal) names the change from indicatie to voorziening",
       "Toegangsregime", "How day activities are accessed and paid.", choices=_REGIME_NAMES),
    _p("policy.variants", "list[str]", "-", [], None, None,
       "articles 000-004: the experiments Ommen, Oldenzaal, Landerd and Oudewater describe",
       "Varianten", "Policy variants switched on besides the regime.",
       choices=_VARIANT_NAMES),
    # --- population -------------------------------------------------------
    _p("population.inhabitants", "int", "persons", 30_000, 100, 2_000_000,
       "assumption: a typical municipality; the scenario municipalities have 10,000 to "
       "32,000 inhabitants (evidence §9, §12)",
       "Inwoners", "Inhabitants; used to express results per 10,000 inhabitants."),
    _p("population.residents", "int", "persons", 400, 1, 50_000_000,
       "evidence §4 and §8, derived: 75 working-age day-activity users (5 per 1,000 x 50%) "
       "plus about 325 bijstand and Wajong clients with a large distance to work",
       "Inwoners in beeld", "Working-age residents in scope at the start."),
    _p("population.group_shares", "list[float]", "share", [0.20, 0.20, 0.20, 0.08, 0.12, 0.20],
       0.0, 1.0,
       "assumption: mix of target groups in day activities and Participatiewet; no source found",
       "Verdeling doelgroepen",
       "Shares of the six target groups: " + ", ".join(GROUPS) + ".", length=len(GROUPS)),
    _p("population.share_working_age_of_users", "float", "share", 0.5, 0.1, 1.0,
       "evidence §4 and §12: working-age, work-oriented share of all day-activity users "
       "(assumption 40-60%)",
       "Aandeel werkleeftijd in dagbesteding",
       "Share of all day-activity users the model's scope covers (for validation only)."),
    _p("population.share_in_day_activity_start", "float", "share", 0.19, 0.0, 1.0,
       "evidence §4, derived: 75 of 400 residents in scope use day activities",
       "Aandeel in dagbesteding bij start", "Residents in day activities at month 0."),
    _p("population.share_in_paid_work_start", "float", "share", 0.05, 0.0, 1.0,
       "assumption: a few residents in scope already work with wage subsidy",
       "Aandeel in betaald werk bij start", "Residents in subsidised work at month 0."),
    _p("population.bijstand_share_by_group", "list[float]", "share",
       [0.20, 0.45, 0.60, 0.50, 0.45, 0.95], 0.0, 1.0,
       "assumption: bijstand for those who became unable to work as adults without a work "
       "history and for the long-term unemployed (evidence §8); with the group shares about 53% "
       "of residents in scope (baseline.toml derives about 55%)",
       "Aandeel bijstand per doelgroep",
       "Share of each target group whose income is a municipal bijstand benefit.",
       length=len(GROUPS)),
    _p("population.uwv_share_by_group", "list[float]", "share",
       [0.65, 0.40, 0.25, 0.30, 0.40, 0.0], 0.0, 1.0,
       "assumption: Wajong for those disabled before 18 (intellectual disability, autism), WIA "
       "after work (brain injury), none for the long-term unemployed (evidence §8); with the "
       "group shares about 33% of residents in scope",
       "Aandeel Wajong/WIA per doelgroep",
       "Share of each target group on a UWV benefit (Wajong or WIA, paid by UWV).",
       length=len(GROUPS)),
    _p("population.entries_per_year", "float", "share/yr", 0.06, 0.0, 1.0,
       "assumption: school leavers and new cases roughly balance exits (stock roughly flat, "
       "evidence §13: small-municipality bijstand stock +-1%/yr)",
       "Instroom per jaar", "New residents in scope per year, as a share of the start population."),
    _p("population.move_away_per_year", "float", "share/yr", 0.02, 0.0, 1.0,
       "assumption: residential mobility of a settled, mostly low-income group",
       "Verhuizing per jaar", "Yearly hazard of moving out of the municipality."),
    _p("population.wlz_per_year", "float", "share/yr", 0.01, 0.0, 1.0,
       "assumption: some residents move to long-term care (Wlz) each year",
       "Uitstroom naar Wlz per jaar", "Yearly hazard of leaving scope for long-term care."),
    _p("population.rung_shares_without_support", "list[float]", "share",
       [0.36, 0.39, 0.21, 0.04],
       0.0, 1.0,
       "assumption: residents without support sit on rungs 1-3 (evidence §5 definitions); "
       "Divosa 2013: support for clients on rungs 1-2 was being cut",
       "Ladderverdeling zonder ondersteuning", "Shares on rungs 1-4 of residents without "
       "support at the start and of entrants (near the no-support steady state).", length=4),
    _p("population.rung4_share_in_day_activity", "float", "share", 0.30, 0.0, 1.0,
       "evidence §5: arbeidsmatige dagbesteding sits at rungs 3-4; assumption 30% on rung 4",
       "Aandeel trede 4 in dagbesteding", "Share of day-activity users on rung 4 at the start "
       "(the rest on rung 3)."),
    _p("population.stability_by_group", "list[float]", "share", [0.7, 0.6, 0.4, 0.5, 0.6, 0.5],
       0.0, 1.0,
       "assumption: mental health and brain injury least stable; no source found",
       "Stabiliteit per doelgroep", "Mean health stability per target group (1 = stable).",
       length=6),
    _p("population.loonwaarde_by_group", "list[float]", "share",
       [0.10, 0.25, 0.25, 0.20, 0.30, 0.30], 0.0, 1.0,
       "assumption: starting loonwaarde before development; evidence §7 mean of placed workers 51%",
       "Loonwaarde per doelgroep", "Mean starting loonwaarde per target group.", length=6),
    _p("population.entrant_max_age", "int", "years", 30, 18, 66,
       "assumption: most entrants are school leavers from practical and special schools",
       "Maximale leeftijd instromers", "Entrants are aged 18 to this age."),
    # --- help seeking ------------------------------------------------------
    _p("help_seeking.per_month", "float", "1/month", 0.0035, 0.0, 1.0,
       "assumption: calibrated so day-activity use stays within 4-6 per 1,000 inhabitants "
       "(evidence §4) under indicatie",
       "Hulpvraag per maand",
       "Monthly chance that a resident without support asks for it, over everyone in scope "
       "where an assessment is needed (the latent share does not ask there).",
       plausible=(0.0025, 0.0045)),
    _p("help_seeking.latent_share", "float", "share", 0.17, 0.0, 0.9,
       "evidence §3 and §11: no evaluation of uptake under open access found; assumption +20% "
       "(range 0 to +50%): a latent share s gives 1 / (1 - s) times the requests, so 0.17 "
       "is about +20% and 0.33 about +50%",
       "Latente vraag",
       "Share of residents in scope who ask for day activities only where no assessment is "
       "needed (latent demand, with their own needs).",
       plausible=(0.0, 0.33)),
    _p("help_seeking.retry_after_months", "int", "months", 12, 0, 120,
       "assumption: a refused resident tries again after about a year",
       "Opnieuw aanvragen na", "Months before a refused resident may ask again."),
    # --- indicatie ---------------------------------------------------------
    _p("indicatie.assessments_per_month", "int", "assessments/month", 6, 0, 1_000_000,
       "assumption: consultant time for this group in a 30,000 municipality; evidence §1 puts "
       "an assessment at about 8 consultant hours",
       "Onderzoeken per maand", "Consultant capacity: assessments completed per month."),
    _p("indicatie.min_processing_months", "int", "months", 2, 0, 24,
       "evidence §1: 6 weeks investigation + 2 weeks decision (Wmo 2015)",
       "Minimale doorlooptijd", "Months an assessment takes at least, queue aside."),
    _p("indicatie.cost_per_assessment_eur", "float", "EUR", 592.0, 0.0, 5_000.0,
       "evidence §1: Berenschot ~2018, EUR 592 execution cost per Wmo beschikking "
       "(range 500-1,400)",
       "Kosten per onderzoek", "Cost of one assessment or re-assessment."),
    _p("indicatie.eligibility_probability", "float", "share", 0.85, 0.0, 1.0,
       "assumption: most who ask are found eligible for day activities",
       "Kans op toekenning", "Chance an assessment grants day activities."),
    _p("indicatie.continuation_probability", "float", "share", 0.90, 0.0, 1.0,
       "assumption: most re-assessments renew the decision",
       "Kans op verlenging", "Chance a re-assessment renews the decision."),
    _p("indicatie.term_months", "int", "months", 24, 1, 120,
       "evidence §12: re-assessment interval 24 months (range 12-60, assumption)",
       "Looptijd beschikking", "Term of a decision; re-assessment at its end."),
    _p("indicatie.tariff_rule", "str", "-", "cost_price", None, None,
       "evidence §2: Wmo 2015 art. 2.6.6, a municipality pays "
       "providers a reële prijs, set from the cost price (wages by the CAO, overhead)",
       "Tariefregel",
       "How the tariff per dagdeel is set: the cost price of the provider cost model "
       "(provider_cost.*), or a fixed price (indicatie.tariff_per_dagdeel_eur).",
       choices=("cost_price", "fixed")),
    _p("indicatie.tariff_per_dagdeel_eur", "float", "EUR/dagdeel", 46.15, 1.0, 500.0,
       "evidence §2: Westerveld 2023 begeleiding groep medium EUR 46.15 (light 35.76, heavy 65.57)",
       "Tarief per dagdeel",
       "Price paid to a provider per dagdeel attended, when indicatie.tariff_rule is fixed."),
    _p("indicatie.billing_overhead_share", "float", "share", 0.05, 0.0, 0.5,
       "assumption: invoicing and checking declarations per dagdeel, by municipality and provider",
       "Administratieve last declaraties", "Billing overhead as a share of per-dagdeel payments."),
    _p("indicatie.revenue_aversion", "float", "share", 0.5, 0.0, 1.0,
       "assumption: evidence §3 (Movisie) names the negative financial incentive of "
       "per-dagdeel pay",
       "Omzetprikkel aanbieder",
       "How much less a per-dagdeel-paid provider refers clients to work.",
       plausible=(0.0, 0.8)),
    _p("indicatie.fear_of_losing_decision", "float", "share", 0.3, 0.0, 1.0,
       "assumption: evidence §6 (beleidsonderzoekers) names the risk of losing income and support",
       "Angst beschikking te verliezen", "How much less a resident with a decision tries work.",
       plausible=(0.0, 0.5)),
    # --- voorziening -------------------------------------------------------
    _p("voorziening.productive_retention", "float", "share", 0.2, 0.0, 1.0,
       "assumption: a provider funded as a whole loses no revenue when a client leaves, but a "
       "work-like provider relies on its most productive participants (article 004: "
       "Oldenzaal's workshop); no measurement found",
       "Vasthouden productieve deelnemers",
       "How much less a provider funded as a whole refers its productive clients to work.",
       plausible=(0.0, 0.5)),
    _p("voorziening.light_case_preference", "float", "share", 0.2, 0.0, 1.0,
       "assumption: with a fixed number of places a provider funded as a whole may take "
       "residents who need little guidance first; no measurement found",
       "Voorkeur lichte deelnemers",
       "How strongly a provider funded as a whole places stable residents first (1: a year "
       "ahead on the placement list for the most stable).", plausible=(0.0, 0.5)),
    _p("voorziening.budget_rule", "str", "-", "cost_price", None, None,
       "article 001 (Oldenzaal): 'keep a de-compartmentalised budget manageable'; default: like "
       "with like, today's contracted places at cost price without per-client administration",
       "Budgetregel",
       "How the lump sum is set: today's contracted places at cost price (cost_price), a fixed "
       "amount (fixed: voorziening.budget_per_year_eur), or last year's attendance at cost "
       "price, with a lag and a ceiling (follow_attendance).",
       choices=("cost_price", "fixed", "follow_attendance")),
    _p("voorziening.budget_per_year_eur", "float", "EUR/yr", 480_000.0, 0.0, 1e10,
       "assumption: a council's fixed amount; 480,000 is about 75% of today's places at cost "
       "price",
       "Vast budget algemene voorziening",
       "Lump-sum budget for the open-access provision, when voorziening.budget_rule is fixed."),
    _p("voorziening.budget_lag_months", "int", "months", 6, 0, 24,
       "assumption: next year's budget is set in the autumn, from attendance up to the summer",
       "Vertraging budget",
       "Months between the end of the year of attendance a budget follows and the budget's "
       "year (voorziening.budget_rule follow_attendance)."),
    _p("voorziening.budget_ceiling_share", "float", "-", 1.2, 0.0, 100.0,
       "article 001 (Oldenzaal): the council keeps the budget manageable; assumption: at most 120% "
       "of today's places at cost price",
       "Plafond budget",
       "Ceiling of a budget that follows attendance, as a multiple of today's places at cost "
       "price."),
    _p("voorziening.intake_cost_eur", "float", "EUR", 75.0, 0.0, 2_000.0,
       "assumption: a light intake of about one hour at ~EUR 75/h (evidence §1 derived rate)",
       "Kosten lichte intake", "Cost of the light intake at the door."),
    _p("voorziening.admin_share", "float", "share", 0.02, 0.0, 0.5,
       "assumption: subsidy administration is lighter than per-dagdeel billing",
       "Administratieve last subsidie", "Grant administration as a share of the budget."),
    _p("voorziening.crowding_elasticity", "float", "-", 1.0, 0.0, 3.0,
       "assumption: guidance per participant falls in proportion to overcrowding "
       "(evidence §2 norm 1 staff per 8, max 10)",
       "Verdunning begeleiding", "How fast guidance falls when attendance exceeds staffed places.",
       plausible=(0.5, 1.5)),
    _p("voorziening.max_crowding", "float", "-", 1.25, 1.0, 5.0,
       "evidence §2: 1 staff per average 8, maximum 10 clients, i.e. 1.25 x the norm",
       "Maximale bezetting", "Attendance allowed as a multiple of staffed places."),
    # --- service -------------------------------------------------------------
    _p("service.legal_term_months", "int", "months", 2, 0, 24,
       "evidence §1: 6 weeks investigation + 2 weeks decision (Wmo 2015), in whole months as the "
       "model steps",
       "Wettelijke termijn",
       "Legal term from a request to a decision (Wmo); a wait from a request to a place "
       "longer than this counts as a service failure under either regime."),
    # --- day activities ------------------------------------------------------
    _p("day_activity.dagdelen_per_week", "float", "dagdelen/week", 4.0, 1.0, 10.0,
       "evidence §4: no source; assumption typical 4 (range 2-8)",
       "Dagdelen per week", "Mean dagdelen per week granted or attended.", plausible=(3.0, 5.0)),
    _p("day_activity.dagdelen_sd", "float", "dagdelen/week", 1.5, 0.0, 5.0,
       "assumption: spread so that most residents get 2 to 6 dagdelen",
       "Spreiding dagdelen", "Spread of dagdelen per week between residents."),
    _p("day_activity.attendance_rate", "float", "share", 0.90, 0.0, 1.0,
       "assumption: illness and holidays; only attended dagdelen are paid",
       "Opkomst", "Share of indicated dagdelen actually attended."),
    _p("day_activity.weeks_per_year", "float", "weeks", 48.0, 1.0, 52.0,
       "evidence §2 derived: 48 weeks a year",
       "Weken per jaar", "Weeks a year day activities run."),
    _p("day_activity.transport_per_day_eur", "float", "EUR/day", 14.79, 0.0, 200.0,
       "evidence §2: Westerveld 2023 EUR 14.79 per day (26.60 wheelchair)",
       "Vervoer per dag", "Transport cost per attendance day (two dagdelen)."),
    _p("day_activity.transport_share", "float", "share", 0.5, 0.0, 1.0,
       "assumption: half of the participants need organised transport",
       "Aandeel met vervoer", "Share of participants who use organised transport."),
    _p("day_activity.transport_factor_elsewhere", "float", "x", 1.5, 1.0, 5.0,
       "assumption: a trip to another municipality of the region is longer than one within "
       "the municipality that Westerveld's day rate covers (evidence §2); half as dear "
       "again, up to the wheelchair rate's 1.8 times and beyond for far trips",
       "Vervoer andere gemeente", "Transport cost of a day at a place in another "
       "municipality of the region, as a multiple of day_activity.transport_per_day_eur "
       "(national.regions)."),
    # --- providers -----------------------------------------------------------
    _p("providers.capacity_scale", "float", "-", 1.0, 0.0, 100_000.0,
       "assumption: 1 keeps the places each organisation declares",
       "Schaal capaciteit", "Multiplies every provider's places (for what-ifs and sweeps)."),
    _p("providers.referral_per_month", "float", "1/month", 0.25, 0.0, 1.0,
       "assumption: calibrated so that low single-digit % of participants move to work per "
       "year (evidence §13)",
       "Doorverwijzing per maand", "Monthly chance a provider proposes a ready client for a trial.",
       plausible=(0.1, 0.4)),
    _p("providers.partner_employers", "int", "employers", 3, 0, 1_000,
       "assumption: a provider works with a few partner employers (articles 000 and 002: "
       "Ommen, Landerd)",
       "Partnerwerkgevers per aanbieder", "Employers a provider sends trial candidates to."),
    _p("providers.place_cost_by_kind", "list[float]", "-", [1.0, 0.85, 0.7], 0.1, 3.0,
       "evidence §2: Venray's pilot paid work-like day activities at firms 50% below the regular "
       "tariff; assumption: a social enterprise's place costs 70% of a care provider's, a "
       "sheltered company's 85% (its production carries part of the cost)",
       "Kosten plaats per soort aanbieder",
       "Place cost of a care provider, a sheltered company and a social enterprise, relative "
       "to the provider cost model (which describes a care provider).", length=3),
    _p("providers.partners_by_kind", "list[float]", "-", [1.0, 2.0, 2.0], 0.0, 10.0,
       "assumption: work-like companies bring their own business contacts (articles 000, 002 "
       "and 004: Ommen, Landerd, Oldenzaal's workshop with local business)",
       "Partnerwerkgevers per soort aanbieder",
       "Partner employers of a care provider, a sheltered company and a social enterprise, as "
       "a multiple of providers.partner_employers.", length=3),
    _p("providers.mixed_group_effect", "float", "-", 0.0, -0.9, 2.0,
       "article 004 (Oldenzaal): open access lets target groups be combined; no evaluation "
       "found, so "
       "the effect may run both ways (peers who work against a group that does not fit)",
       "Effect gemengde groepen",
       "Change in development speed for a resident at a provider not made for the resident's "
       "group (under either regime).", plausible=(-0.2, 0.2)),
    _p("providers.work_orientation_effect", "float", "-", 1.0, 0.0, 4.0,
       "assumption: work-like day activities speed development (articles 004 "
       "and 000: Oldenzaal, Ommen)",
       "Effect arbeidsmatigheid", "How much a provider's work orientation speeds development."),
    # --- development -------------------------------------------------------
    _p("development.up_per_month", "list[float]", "1/month", [0.05, 0.025, 0.012], 0.0, 1.0,
       "evidence §5 and §11: transition rates not found; assumption",
       "Stijgen op de ladder", "Monthly chance to move up from rung 1, 2, 3 with full guidance.",
       length=3, plausible=(0.5, 1.5)),
    _p("development.unsupported_factor", "float", "-", 0.25, 0.0, 1.0,
       "assumption: without day activities residents develop more slowly",
       "Ontwikkeling zonder ondersteuning", "Development without support, relative to with it."),
    _p("development.relapse_per_month", "float", "1/month", 0.008, 0.0, 1.0,
       "evidence §5 and §11: not found; assumption",
       "Terugval per maand", "Monthly chance to move one rung down.", plausible=(0.004, 0.012)),
    _p("development.relapse_instability_effect", "float", "-", 1.0, 0.0, 5.0,
       "assumption: unstable health makes relapse more likely",
       "Effect instabiliteit", "Extra relapse per unit of health instability."),
    _p("development.abrupt_stop_multiplier", "float", "-", 3.0, 1.0, 20.0,
       "assumption: relapse is higher when support stops abruptly (a design choice, "
       "docs/model.md §3.3)",
       "Terugval na abrupt stoppen", "Relapse multiplier in the 6 months after support stops."),
    _p("development.skill_gain_per_month", "float", "1/month", 0.03, 0.0, 1.0,
       "assumption: work skills build over years of work-like day activities",
       "Groei vaardigheden", "Monthly skill gain with full guidance (saturating at 1)."),
    _p("development.loonwaarde_per_skill", "float", "share", 0.35, 0.0, 1.0,
       "assumption: evidence §7 loonwaarde of placed workers mostly 50-75%",
       "Loonwaarde per vaardigheid", "Loonwaarde gained at full skills."),
    _p("development.motivation_sd", "float", "-", 0.25, 0.0, 2.0,
       "assumption: motivation differs between residents (mean 1)",
       "Spreiding motivatie", "Spread of motivation; 0 makes everyone equal."),
)

#: Fields of one provider organisation (``[[providers.organisations]]``).
ORGANISATION_FIELDS = (
    _p("name", "str", "-", None, None, None, "scenario file", "Naam", "Name of the provider."),
    _p("kind", "str", "-", "care", None, None, "articles 000, 002 and 003: care providers, "
       "a sheltered-employment company and social enterprises", "Soort",
       "Care provider, sheltered-employment company or social enterprise.",
       choices=PROVIDER_KINDS),
    _p("places_per_dagdeel", "int", "places", 10, 0, 10_000_000,
       "scenario file", "Plaatsen per dagdeel", "Staffed places per dagdeel (10 dagdelen/week)."),
    _p("work_orientation", "float", "share", 0.5, 0.0, 1.0,
       "scenario file", "Arbeidsmatigheid", "How work-like the offer is (0 care, 1 work)."),
)

ORGANISATIONS_KEY = "providers.organisations"
DEFAULT_ORGANISATIONS = (
    {"name": "Zorgaanbieder Noord", "kind": "care", "places_per_dagdeel": 14,
     "work_orientation": 0.3},
    {"name": "Zorgaanbieder Zuid", "kind": "care", "places_per_dagdeel": 10,
     "work_orientation": 0.4},
    {"name": "Sociale onderneming De Werkplaats", "kind": "social_enterprise",
     "places_per_dagdeel": 6, "work_orientation": 0.8},
    {"name": "SW-bedrijf Regio", "kind": "sheltered_company", "places_per_dagdeel": 5,
     "work_orientation": 0.9},
)

