"""The parameter registry: the one declaration of every knob in the model.

Each parameter is declared here once, with its unit, default, plausible range,
source and Dutch label. Scenario validation, ``doorstroom params``,
``docs/parameters.md``, sweeps and the dashboard all read these declarations;
nothing else states a default. Sources cite a row of FACTS.md by section
("FACTS §2: ...") or say "assumption: <why>".

This module is pure data and imports nothing of the model, so ``validate`` and
``params`` stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

REGIMES = ("indicatie", "voorziening")
VARIANTS = (
    "ontschot",
    "trial_placements",
    "single_front_door",
    "safety_net",
    "outcome_bonus",
    "sheltered_work",
    "volunteer_offset",
)
GROUPS = (
    "intellectual_disability",
    "mild_intellectual_disability",
    "mental_health",
    "acquired_brain_injury",
    "autism",
    "long_term_unemployed",
)
PROVIDER_KINDS = ("care", "sheltered_company", "social_enterprise")


@dataclass(frozen=True)
class Param:
    """One declared parameter.

    Attributes:
        key: dotted name as it stands in a scenario TOML (``section.name``).
        kind: ``int``, ``float``, ``str``, ``list[float]`` or ``list[str]``.
        unit: unit of the value (``"-"`` for a pure number or share).
        default: value used when a scenario does not set it.
        low, high: allowed range (inclusive) for numbers and list elements.
        source: a FACTS.md row, or ``"assumption: why"``.
        label_nl: Dutch label for reports and the dashboard.
        meaning: one line in English on what it does in the model.
        choices: allowed values for ``str`` and ``list[str]``.
        length: required length for lists (``None``: any length).
        plausible: for what nobody has measured (FACTS.md §11), the range the
            probabilistic sensitivity analysis draws from (for a list: multipliers of the
            default); ``None`` for what is known or is a policy lever.
    """

    key: str
    kind: str
    unit: str
    default: Any
    low: float | None
    high: float | None
    source: str
    label_nl: str
    meaning: str
    choices: tuple[str, ...] | None = None
    length: int | None = None
    plausible: tuple[float, float] | None = None

    @property
    def uncertain(self) -> bool:
        return self.plausible is not None

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]


def _p(key, kind, unit, default, low, high, source, label_nl, meaning, **kw) -> Param:
    return Param(key, kind, unit, default, low, high, source, label_nl, meaning, **kw)


PARAMS: tuple[Param, ...] = (
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
       "seeds: Oldenzaal names the change from indicatie to voorziening",
       "Toegangsregime", "How day activities are accessed and paid.", choices=REGIMES),
    _p("policy.variants", "list[str]", "-", [], None, None,
       "seeds: the experiments Ommen, Oldenzaal, Landerd and Oudewater describe",
       "Varianten", "Policy variants switched on besides the regime.", choices=VARIANTS),
    # --- population -------------------------------------------------------
    _p("population.inhabitants", "int", "persons", 30_000, 100, 2_000_000,
       "assumption: a typical municipality; FACTS §9 places range 10,000-32,000",
       "Inwoners", "Inhabitants; used to express results per 10,000 inhabitants."),
    _p("population.residents", "int", "persons", 400, 1, 50_000_000,
       "FACTS §4 and §8, derived: 75 working-age day-activity users (5 per 1,000 x 50%) "
       "plus about 325 bijstand and Wajong clients with a large distance to work",
       "Inwoners in beeld", "Working-age residents in scope at the start."),
    _p("population.group_shares", "list[float]", "share", [0.20, 0.20, 0.20, 0.08, 0.12, 0.20],
       0.0, 1.0,
       "assumption: mix of target groups in day activities and Participatiewet; no source found",
       "Verdeling doelgroepen",
       "Shares of the six target groups: " + ", ".join(GROUPS) + ".", length=len(GROUPS)),
    _p("population.share_working_age_of_users", "float", "share", 0.5, 0.1, 1.0,
       "FACTS §4 and defaults: working-age, work-oriented share of all day-activity users "
       "(assumption 40-60%)",
       "Aandeel werkleeftijd in dagbesteding",
       "Share of all day-activity users the model's scope covers (for validation only)."),
    _p("population.share_in_day_activity_start", "float", "share", 0.19, 0.0, 1.0,
       "FACTS §4, derived: 75 of 400 residents in scope use day activities",
       "Aandeel in dagbesteding bij start", "Residents in day activities at month 0."),
    _p("population.share_in_paid_work_start", "float", "share", 0.05, 0.0, 1.0,
       "assumption: a few residents in scope already work with wage subsidy",
       "Aandeel in betaald werk bij start", "Residents in subsidised work at month 0."),
    _p("population.share_bijstand", "float", "share", 0.55, 0.0, 1.0,
       "FACTS §6 and §8, derived: about 60% of the bijstand group cannot work soon",
       "Aandeel met bijstand", "Residents whose income is a municipal bijstand benefit."),
    _p("population.share_uwv_benefit", "float", "share", 0.30, 0.0, 1.0,
       "assumption: Wajong/WIA through UWV for many with a lifelong disability (FACTS §8)",
       "Aandeel met Wajong/WIA", "Residents on a UWV benefit (not paid by the municipality)."),
    _p("population.entries_per_year", "float", "share/yr", 0.06, 0.0, 1.0,
       "assumption: school leavers and new cases roughly balance exits (stock roughly flat, "
       "FACTS validation: small-municipality bijstand stock +-1%/yr)",
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
       "assumption: residents without support sit on rungs 1-3 (FACTS §5 definitions); "
       "Divosa 2013 names many clients on rungs 1-2",
       "Ladderverdeling zonder ondersteuning", "Shares on rungs 1-4 of residents without "
       "support at the start and of entrants (near the no-support steady state).", length=4),
    _p("population.rung4_share_in_day_activity", "float", "share", 0.30, 0.0, 1.0,
       "FACTS §5: arbeidsmatige dagbesteding sits at rungs 3-4; assumption 30% on rung 4",
       "Aandeel trede 4 in dagbesteding", "Share of day-activity users on rung 4 at the start "
       "(the rest on rung 3)."),
    _p("population.stability_by_group", "list[float]", "share", [0.7, 0.6, 0.4, 0.5, 0.6, 0.5],
       0.0, 1.0,
       "assumption: mental health and brain injury least stable; no source found",
       "Stabiliteit per doelgroep", "Mean health stability per target group (1 = stable).",
       length=6),
    _p("population.loonwaarde_by_group", "list[float]", "share",
       [0.10, 0.25, 0.25, 0.20, 0.30, 0.30], 0.0, 1.0,
       "assumption: starting loonwaarde before development; FACTS §7 mean of placed workers 51%",
       "Loonwaarde per doelgroep", "Mean starting loonwaarde per target group.", length=6),
    _p("population.entrant_max_age", "int", "years", 30, 18, 66,
       "assumption: most entrants are school leavers from practical and special schools",
       "Maximale leeftijd instromers", "Entrants are aged 18 to this age."),
    # --- help seeking ------------------------------------------------------
    _p("help_seeking.per_month", "float", "1/month", 0.0035, 0.0, 1.0,
       "assumption: calibrated so day-activity use stays within 4-6 per 1,000 inhabitants "
       "(FACTS §4) under indicatie",
       "Hulpvraag per maand", "Monthly chance that a resident without support asks for it.",
       plausible=(0.0025, 0.0045)),
    _p("help_seeking.retry_after_months", "int", "months", 12, 0, 120,
       "assumption: a refused resident tries again after about a year",
       "Opnieuw aanvragen na", "Months before a refused resident may ask again."),
    # --- indicatie ---------------------------------------------------------
    _p("indicatie.assessments_per_month", "int", "assessments/month", 6, 0, 1_000_000,
       "assumption: consultant time for this group in a 30,000 municipality; FACTS §1 puts "
       "an assessment at about 8 consultant hours",
       "Onderzoeken per maand", "Consultant capacity: assessments completed per month."),
    _p("indicatie.min_processing_months", "int", "months", 2, 0, 24,
       "FACTS §1: 6 weeks investigation + 2 weeks decision (Wmo 2015)",
       "Minimale doorlooptijd", "Months an assessment takes at least, queue aside."),
    _p("indicatie.cost_per_assessment_eur", "float", "EUR", 592.0, 0.0, 5_000.0,
       "FACTS §1: Berenschot ~2018, EUR 592 execution cost per Wmo beschikking (range 500-1,400)",
       "Kosten per onderzoek", "Cost of one assessment or re-assessment."),
    _p("indicatie.eligibility_probability", "float", "share", 0.85, 0.0, 1.0,
       "assumption: most who ask are found eligible for day activities",
       "Kans op toekenning", "Chance an assessment grants day activities."),
    _p("indicatie.continuation_probability", "float", "share", 0.90, 0.0, 1.0,
       "assumption: most re-assessments renew the decision",
       "Kans op verlenging", "Chance a re-assessment renews the decision."),
    _p("indicatie.term_months", "int", "months", 24, 1, 120,
       "FACTS defaults: re-assessment interval 24 months (range 12-60, assumption)",
       "Looptijd beschikking", "Term of a decision; re-assessment at its end."),
    _p("indicatie.tariff_per_dagdeel_eur", "float", "EUR/dagdeel", 46.15, 1.0, 500.0,
       "FACTS §2: Westerveld 2023 begeleiding groep medium EUR 46.15 (light 35.76, heavy 65.57)",
       "Tarief per dagdeel", "Price paid to a provider per dagdeel attended."),
    _p("indicatie.billing_overhead_share", "float", "share", 0.05, 0.0, 0.5,
       "assumption: invoicing and checking declarations per dagdeel, by municipality and provider",
       "Administratieve last declaraties", "Billing overhead as a share of per-dagdeel payments."),
    _p("indicatie.revenue_aversion", "float", "share", 0.5, 0.0, 1.0,
       "assumption: FACTS §3 (Movisie) names the negative financial incentive of per-dagdeel pay",
       "Omzetprikkel aanbieder",
       "How much less a per-dagdeel-paid provider refers clients to work.",
       plausible=(0.2, 0.8)),
    _p("indicatie.fear_of_losing_decision", "float", "share", 0.3, 0.0, 1.0,
       "assumption: FACTS §6 (beleidsonderzoekers) names the risk of losing income and support",
       "Angst beschikking te verliezen", "How much less a resident with a decision tries work.",
       plausible=(0.1, 0.5)),
    # --- voorziening -------------------------------------------------------
    _p("voorziening.budget_per_year_eur", "float", "EUR/yr", 480_000.0, 0.0, 1e10,
       "assumption: 60% of the tariff (FACTS defaults) for today's 76 users x 4 dagdelen x 48 "
       "weeks, plus 20% uptake",
       "Budget algemene voorziening", "Lump-sum budget for the open-access provision."),
    _p("voorziening.place_cost_share_of_tariff", "float", "share", 0.60, 0.1, 2.0,
       "FACTS §2/§3: Venray pilot 50% below regular; defaults 60% (range 50-100%)",
       "Kosten plek t.o.v. tarief", "Cost of one staffed dagdeel place as a share of the tariff.",
       plausible=(0.5, 1.0)),
    _p("voorziening.uptake_elasticity", "float", "share", 0.20, 0.0, 1.0,
       "FACTS §3 and §11: no evaluation found; assumption +20% (range 0 to +50%)",
       "Extra toeloop open toegang", "Extra help seeking when no assessment is needed.",
       plausible=(0.0, 0.5)),
    _p("voorziening.intake_cost_eur", "float", "EUR", 75.0, 0.0, 2_000.0,
       "assumption: a light intake of about one hour at ~EUR 75/h (FACTS §1 derived rate)",
       "Kosten lichte intake", "Cost of the light intake at the door."),
    _p("voorziening.admin_share", "float", "share", 0.02, 0.0, 0.5,
       "assumption: subsidy administration is lighter than per-dagdeel billing",
       "Administratieve last subsidie", "Grant administration as a share of the budget."),
    _p("voorziening.crowding_elasticity", "float", "-", 1.0, 0.0, 3.0,
       "assumption: guidance per participant falls in proportion to overcrowding "
       "(FACTS §2 norm 1 staff per 8, max 10)",
       "Verdunning begeleiding", "How fast guidance falls when attendance exceeds staffed places.",
       plausible=(0.5, 1.5)),
    _p("voorziening.max_crowding", "float", "-", 1.25, 1.0, 5.0,
       "FACTS §2: 1 staff per average 8, maximum 10 clients, i.e. 1.25 x the norm",
       "Maximale bezetting", "Attendance allowed as a multiple of staffed places."),
    # --- day activities ------------------------------------------------------
    _p("day_activity.dagdelen_per_week", "float", "dagdelen/week", 4.0, 1.0, 10.0,
       "FACTS §4: no source; assumption typical 4 (range 2-8)",
       "Dagdelen per week", "Mean dagdelen per week granted or attended.", plausible=(3.0, 5.0)),
    _p("day_activity.dagdelen_sd", "float", "dagdelen/week", 1.5, 0.0, 5.0,
       "assumption: spread so that most residents get 2 to 6 dagdelen",
       "Spreiding dagdelen", "Spread of dagdelen per week between residents."),
    _p("day_activity.attendance_rate", "float", "share", 0.90, 0.0, 1.0,
       "assumption: illness and holidays; only attended dagdelen are paid",
       "Opkomst", "Share of indicated dagdelen actually attended."),
    _p("day_activity.weeks_per_year", "float", "weeks", 48.0, 1.0, 52.0,
       "FACTS §2 derived: 48 weeks a year",
       "Weken per jaar", "Weeks a year day activities run."),
    _p("day_activity.transport_per_day_eur", "float", "EUR/day", 14.79, 0.0, 200.0,
       "FACTS §2: Westerveld 2023 EUR 14.79 per day (26.60 wheelchair)",
       "Vervoer per dag", "Transport cost per attendance day (two dagdelen)."),
    _p("day_activity.transport_share", "float", "share", 0.5, 0.0, 1.0,
       "assumption: half of the participants need organised transport",
       "Aandeel met vervoer", "Share of participants who use organised transport."),
    # --- providers -----------------------------------------------------------
    _p("providers.capacity_scale", "float", "-", 1.0, 0.0, 100_000.0,
       "assumption: 1 keeps the places each organisation declares",
       "Schaal capaciteit", "Multiplies every provider's places (for what-ifs and sweeps)."),
    _p("providers.referral_per_month", "float", "1/month", 0.25, 0.0, 1.0,
       "assumption: calibrated so that low single-digit % of participants move to work per "
       "year (FACTS validation)",
       "Doorverwijzing per maand", "Monthly chance a provider proposes a ready client for a trial.",
       plausible=(0.1, 0.4)),
    _p("providers.partner_employers", "int", "employers", 3, 0, 1_000,
       "assumption: a provider works with a few partner employers (seeds: Ommen, Landerd)",
       "Partnerwerkgevers per aanbieder", "Employers a provider sends trial candidates to."),
    _p("providers.work_orientation_effect", "float", "-", 1.0, 0.0, 4.0,
       "assumption: work-like day activities speed development (seeds: Oldenzaal, Ommen)",
       "Effect arbeidsmatigheid", "How much a provider's work orientation speeds development."),
    _p("providers.outcome_bonus_eur", "float", "EUR", 2_500.0, 0.0, 50_000.0,
       "assumption: about three months of per-dagdeel revenue (FACTS §2: ~EUR 860/month)",
       "Uitstroombonus", "Bonus per job sustained 6 months (variant outcome_bonus)."),
    _p("providers.outcome_bonus_referral_effect", "float", "-", 0.5, 0.0, 1.0,
       "assumption: a bonus offsets half of the revenue aversion",
       "Effect uitstroombonus", "Share of revenue aversion the outcome bonus removes."),
    # --- development -------------------------------------------------------
    _p("development.up_per_month", "list[float]", "1/month", [0.05, 0.025, 0.012], 0.0, 1.0,
       "FACTS §5 and §11: transition rates not found; assumption",
       "Stijgen op de ladder", "Monthly chance to move up from rung 1, 2, 3 with full guidance.",
       length=3, plausible=(0.5, 1.5)),
    _p("development.unsupported_factor", "float", "-", 0.25, 0.0, 1.0,
       "assumption: without day activities residents develop more slowly",
       "Ontwikkeling zonder ondersteuning", "Development without support, relative to with it."),
    _p("development.relapse_per_month", "float", "1/month", 0.008, 0.0, 1.0,
       "FACTS §5 and §11: not found; assumption",
       "Terugval per maand", "Monthly chance to move one rung down.", plausible=(0.004, 0.012)),
    _p("development.relapse_instability_effect", "float", "-", 1.0, 0.0, 5.0,
       "assumption: unstable health makes relapse more likely",
       "Effect instabiliteit", "Extra relapse per unit of health instability."),
    _p("development.abrupt_stop_multiplier", "float", "-", 3.0, 1.0, 20.0,
       "assumption: MODEL.md: relapse is higher when support stops abruptly",
       "Terugval na abrupt stoppen", "Relapse multiplier in the 6 months after support stops."),
    _p("development.skill_gain_per_month", "float", "1/month", 0.03, 0.0, 1.0,
       "assumption: work skills build over years of work-like day activities",
       "Groei vaardigheden", "Monthly skill gain with full guidance (saturating at 1)."),
    _p("development.loonwaarde_per_skill", "float", "share", 0.35, 0.0, 1.0,
       "assumption: FACTS §7 loonwaarde of placed workers mostly 50-75%",
       "Loonwaarde per vaardigheid", "Loonwaarde gained at full skills."),
    _p("development.motivation_sd", "float", "-", 0.25, 0.0, 2.0,
       "assumption: motivation differs between residents (mean 1)",
       "Spreiding motivatie", "Spread of motivation; 0 makes everyone equal."),
    # --- work pathway ------------------------------------------------------
    _p("work.min_loonwaarde", "float", "share", 0.35, 0.0, 1.0,
       "FACTS §7: jobcoaching needs at least 35% of the minimum wage",
       "Minimale loonwaarde", "Loonwaarde a resident needs to be ready for a trial."),
    _p("work.willingness_per_month", "float", "share", 0.6, 0.0, 1.0,
       "assumption: most ready residents agree when proposed",
       "Bereidheid werk te proberen", "Chance a ready resident agrees to try work."),
    _p("work.trial_months", "int", "months", 2, 1, 24,
       "FACTS §7: proefplaatsing 2 months (up to 6)",
       "Duur proefplaatsing", "Length of a trial placement."),
    _p("work.trial_cost_per_month_eur", "float", "EUR/month", 250.0, 0.0, 10_000.0,
       "assumption: guidance and insurance during a trial placement",
       "Kosten proefplaatsing", "Municipal cost per month of trial placement."),
    _p("work.hire_probability", "float", "share", 0.8, 0.0, 1.0,
       "assumption: calibrated to FACTS §6 flows (low single-digit % per year into work)",
       "Kans op aanname", "Base chance an employer hires after a good trial.",
       plausible=(0.6, 1.0)),
    _p("work.hours_per_week", "float", "hours/week", 20.0, 1.0, 40.0,
       "assumption: part-time; FACTS §7 jobcoaching needs at least 12 h/week",
       "Uren per week", "Contract hours of a placed worker."),
    _p("work.minimum_wage_per_hour_eur", "float", "EUR/h", 14.40, 0.0, 100.0,
       "FACTS §8: WML 21+ EUR 14.40/h (July 2025)",
       "Minimumloon per uur", "Statutory minimum wage per hour."),
    _p("work.wage_subsidy_cap_share", "float", "share", 0.70, 0.0, 1.0,
       "FACTS §7: loonkostensubsidie at most 70% of WML",
       "Maximum loonkostensubsidie", "Cap on the wage subsidy as a share of the minimum wage."),
    _p("work.employer_cost_allowance", "float", "share", 0.235, 0.0, 1.0,
       "FACTS §7: +23.5% employer costs on the subsidised wage (2014 regulation)",
       "Opslag werkgeverslasten", "Employer-cost allowance on the wage subsidy."),
    _p("work.job_loss_per_month", "float", "1/month", 0.049, 0.0, 1.0,
       "FACTS §6 derived: 12-month retention 70% with coaching (0.951 x 0.6 reduction)",
       "Baanverlies per maand", "Monthly chance to lose a job without job coaching.",
       plausible=(0.03, 0.07)),
    _p("work.established_after_months", "int", "months", 24, 1, 600,
       "assumption: after two years a job is established",
       "Vaste baan na",
       "Tenure after which the lower job-loss hazard of established jobs applies."),
    _p("work.established_hazard_factor", "float", "-", 0.33, 0.0, 1.0,
       "FACTS §6 derived: the register stock loses ~4.7% a quarter (~1.6%/month, Amersfoort "
       "Q3 2023), a third of the uncoached new-job hazard",
       "Baanverlies vaste baan", "Job-loss hazard of established jobs relative to new ones."),
    _p("jobcoach.hazard_reduction", "float", "share", 0.4, 0.0, 1.0,
       "assumption: coaching lowers the job-loss hazard; with it retention is 70% (FACTS §6)",
       "Effect jobcoach", "Share by which job coaching lowers the job-loss hazard."),
    _p("jobcoach.intensity_by_year", "list[float]", "share of hours", [0.15, 0.075, 0.06],
       0.0, 1.0,
       "FACTS §7: UWV internal jobcoach rule yr1 15%, yr2 7.5%, yr3 6% of hours worked",
       "Inzet jobcoach per jaar", "Coaching hours as a share of hours worked, years 1-3.",
       length=3),
    _p("jobcoach.price_per_hour_eur", "float", "EUR/h", 85.0, 0.0, 500.0,
       "FACTS §7: price not found; defaults EUR 85/h (range 70-100, assumption)",
       "Uurprijs jobcoach", "Price of one hour of job coaching."),
    # --- home support and the variants' own parameters ------------------------
    _p("home_support.share_with_support", "float", "share", 0.0, 0.0, 1.0,
       "assumption: off by default, so costs are those of day activities and work; set it "
       "(about 0.2: FACTS §4, begeleiding reaches 12 per 1,000 inhabitants) to count support "
       "at home, which the variant volunteer_offset reduces",
       "Aandeel met begeleiding thuis", "Residents with an individual support decision at home."),
    _p("home_support.hours_per_week", "float", "hours/week", 1.5, 0.0, 40.0,
       "assumption: light individual support",
       "Uren begeleiding thuis", "Hours of individual support at home per week."),
    _p("home_support.price_per_hour_eur", "float", "EUR/h", 55.80, 0.0, 500.0,
       "FACTS §2: Westerveld 2023 individuele begeleiding basis EUR 55.80/h (plus 85.20)",
       "Uurprijs begeleiding thuis", "Price of one hour of individual support at home."),
    _p("volunteer_offset.support_reduction", "float", "share", 0.5, 0.0, 1.0,
       "assumption: seeds (Oudewater, Theo): volunteering reduced his support at home",
       "Minder begeleiding door vrijwilligerswerk",
       "Share of home support dropped for residents doing unpaid work (rung 4); variant "
       "volunteer_offset."),
    _p("single_front_door.assessment_cost_share", "float", "share", 0.6, 0.0, 1.0,
       "assumption: seeds (Oudewater): one conversation for Wmo and Participatiewet instead "
       "of two",
       "Kosten onderzoek bij een loket", "Assessment and intake cost with one front door, "
       "relative to separate doors; variant single_front_door."),
    _p("single_front_door.months_saved", "int", "months", 1, 0, 12,
       "assumption: the resident tells the story once; no hand-over between teams",
       "Snellere toegang een loket", "Months the single front door takes off the minimum "
       "processing time."),
    _p("participatiewet.reintegration_budget_per_year_eur", "float", "EUR/yr", 250_000.0, 0.0,
       1e10,
       "assumption: part of the werkdeel (~EUR 12 per inhabitant) for this group; with separate "
       "pots new trial placements stop when it is spent (pro rata over the year)",
       "Re-integratiebudget per jaar", "Participatiewet re-integration pot for job coaching "
       "and trial placements; without walls (ontschot) Wmo money may pay too."),
    _p("participatiewet.walls_eligibility_factor", "float", "share", 0.5, 0.0, 1.0,
       "assumption: seeds (Landerd): with separate pots Wmo sees a long-term bijstand client's "
       "need as the Participatiewet's; one pot (ontschot) removes the wall",
       "Toekenning bijstandsclient met schotten", "Eligibility for day activities of long-term "
       "unemployed bijstand clients under indicatie with separate pots, relative to others."),
    _p("trial_placements.extra_slots_per_employer", "int", "places", 1, 0, 100,
       "assumption: seeds (Ommen, Landerd): partner employers agree extra wen-stages",
       "Extra stageplekken", "Extra trial places per employer (variant trial_placements)."),
    _p("trial_placements.internal_slots_per_provider", "int", "places", 2, 0, 1_000,
       "seeds (Ommen): a wen-stage in a care provider's own catering business",
       "Stageplekken bij aanbieder", "Trial places in each provider's own business."),
    _p("trial_placements.min_rung", "int", "rung", 3, 1, 4,
       "seeds (Ommen): a wen-stage is a step from work-like day activities towards a job, so "
       "it starts before a resident is ready for a regular trial (rung 4)",
       "Stage vanaf trede", "Lowest ladder rung for a stage (variant trial_placements)."),
    _p("trial_placements.internal_hire_probability", "float", "share", 0.1, 0.0, 1.0,
       "assumption: a provider's own business seldom has a paid job to offer",
       "Aanname na interne stage", "Chance an internal stage ends in a job there."),
    _p("trial_placements.skill_boost", "float", "share", 0.15, 0.0, 1.0,
       "assumption: a stage builds work skills even without a job",
       "Vaardigheden door stage", "Skills gained from a stage that ends without a job."),
    _p("sheltered_work.places_per_10000", "float", "places/10,000 inhabitants", 2.2, 0.0, 100.0,
       "FACTS §6: 4,004 people in beschut werk at end 2019 = 2.2 per 10,000 inhabitants",
       "Plaatsen beschut werk", "Sheltered-work places per 10,000 inhabitants (variant "
       "sheltered_work)."),
    _p("sheltered_work.min_loonwaarde", "float", "share", 0.15, 0.0, 1.0,
       "assumption: beschut werk is for those with some but limited work capacity",
       "Minimale loonwaarde beschut", "Loonwaarde needed for sheltered work."),
    _p("sheltered_work.support_cost_per_month_eur", "float", "EUR/month", 800.0, 0.0, 10_000.0,
       "assumption: supervision and adjustments in a protected workplace",
       "Begeleidingskosten beschut werk", "Monthly cost of supervision in sheltered work."),
    _p("sheltered_work.exit_per_month", "float", "1/month", 0.005, 0.0, 1.0,
       "assumption: sheltered jobs are protected and rarely end",
       "Uitval beschut werk", "Monthly chance a sheltered job ends."),
    # --- benefits ------------------------------------------------------------
    _p("benefits.bijstand_per_month_eur", "float", "EUR/month", 1308.45, 0.0, 10_000.0,
       "FACTS §8: bijstand norm single 21-AOW July 2024",
       "Bijstandsuitkering per maand", "Net bijstand benefit for a single adult."),
    _p("benefits.net_saving_share", "float", "share", 0.70, 0.0, 1.0,
       "FACTS §8: saving is less than the benefit (AEF for Divosa); defaults 70% (40-100%)",
       "Netto besparing uitkering",
       "Share of the benefit no longer paid saved by the municipality.",
       plausible=(0.4, 1.0)),
    # --- employers -----------------------------------------------------------
    _p("employers.count", "int", "employers", 120, 0, 200_000,
       "assumption: employers within reach for this group in a 30,000 municipality "
       "(at most 200,000: room for benchmark populations far above any municipality)",
       "Aantal werkgevers", "Number of employer agents."),
    _p("employers.vacancies_per_month", "float", "vacancies/month", 40.0, 0.0, 1_000_000.0,
       "assumption: about 20% of the ~190 vacancies a month in a labour market of ~15,000 "
       "jobs (15% yearly turnover) are entry-level jobs a resident could fill",
       "Vacatures per maand", "Vacancies opening per month, all employers together."),
    _p("employers.vacancy_fill_per_month", "float", "share", 0.3, 0.0, 1.0,
       "assumption: open vacancies stay open about three months on average",
       "Vacatures elders vervuld", "Monthly share of open vacancies filled by others."),
    _p("employers.inclusiveness_mean", "float", "share", 0.30, 0.0, 1.0,
       "FACTS §7: SCP 2022, 11% willing and 49% maybe willing to hire",
       "Inclusiviteit werkgevers", "Mean willingness to host and hire."),
    _p("employers.learning_rate", "float", "share", 0.10, 0.0, 1.0,
       "assumption: one experience moves willingness a tenth of the way",
       "Leersnelheid werkgevers", "How far a good or bad experience moves willingness."),
    _p("employers.trial_slots", "int", "places", 1, 0, 1_000,
       "assumption: one trial place per employer at a time",
       "Stageplekken per werkgever", "Trial placements an employer hosts at once."),
    _p("employers.share_with_target_group_start", "float", "share", 0.10, 0.0, 1.0,
       "FACTS §7: SCP 15-18% of employers employ someone with an arbeidsbeperking; 10% from "
       "outside scope, so that with the residents in scope who work the share lands there",
       "Werkgevers met doelgroep bij start", "Employers with at least one such employee at start."),
    # --- national ------------------------------------------------------------
    _p("national.municipalities", "str", "-", "", None, None,
       "data/README.md: CBS StatLine 03759NED, inhabitants on 1 January 2025",
       "Gemeententabel", "A CSV of municipalities (code, name, province, inhabitants), "
       "relative to the scenario file: each runs as its own model, scaled from this scenario "
       "by inhabitants, and results are summed nationally; empty: one municipality."),
    _p("national.select", "list[str]", "-", [], None, None,
       "assumption: every municipality of the table unless a subset is asked for",
       "Selectie gemeenten", "CBS codes (GM0363) or province names to run from the table; "
       "empty: all of them."),
)

#: Fields of one provider organisation (``[[providers.organisations]]``).
ORGANISATION_FIELDS: tuple[Param, ...] = (
    _p("name", "str", "-", None, None, None, "scenario file", "Naam", "Name of the provider."),
    _p("kind", "str", "-", "care", None, None, "MODEL.md §2", "Soort",
       "Care provider, sheltered-employment company or social enterprise.",
       choices=PROVIDER_KINDS),
    _p("places_per_dagdeel", "int", "places", 10, 0, 10_000_000,
       "scenario file", "Plaatsen per dagdeel", "Staffed places per dagdeel (10 dagdelen/week)."),
    _p("work_orientation", "float", "share", 0.5, 0.0, 1.0,
       "scenario file", "Arbeidsmatigheid", "How work-like the offer is (0 care, 1 work)."),
)

BY_KEY: dict[str, Param] = {p.key: p for p in PARAMS}
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


def defaults() -> dict[str, Any]:
    """Every parameter at its declared default (lists copied)."""
    return {p.key: (list(p.default) if isinstance(p.default, list) else p.default)
            for p in PARAMS}


def uncertain_params() -> list[Param]:
    """The parameters nobody has measured (FACTS.md §11), for sensitivity analysis."""
    return [p for p in PARAMS if p.uncertain]
