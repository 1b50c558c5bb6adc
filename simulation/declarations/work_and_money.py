"""The core parameters of work and money: the work pathway, job coaching, employers,
benefits, support at home, the Participatiewet's budgets, and what providers cost.

Sources cite a section of docs/evidence.md ("evidence §2: ..."), one of the five source
articles ("article 002 (Landerd): ...", listed in evidence §14), or say
"assumption: <why>".
"""

from __future__ import annotations

from .records import param as _p

WORK_AND_MONEY = (
    # --- work pathway ------------------------------------------------------
    _p("work.min_loonwaarde", "float", "share", 0.35, 0.0, 1.0,
       "evidence §7: jobcoaching needs at least 35% of the minimum wage",
       "Minimale loonwaarde", "Loonwaarde a resident needs to be ready for a trial."),
    _p("work.willingness_per_month", "float", "share", 0.6, 0.0, 1.0,
       "assumption: most ready residents agree when proposed",
       "Bereidheid werk te proberen", "Chance a ready resident agrees to try work."),
    _p("work.fear_of_losing_income", "float", "share", 0.2, 0.0, 1.0,
       "evidence §6 (beleidsonderzoekers): net income can fall when moving from a benefit to a "
       "wage; how much that holds residents back was not measured",
       "Angst inkomen te verliezen",
       "How much less a resident tries work for fear of losing income (under either regime).",
       plausible=(0.0, 0.4)),
    _p("work.trial_months", "int", "months", 2, 1, 24,
       "evidence §7: proefplaatsing 2 months (up to 6)",
       "Duur proefplaatsing", "Length of a trial placement."),
    _p("work.trial_cost_per_month_eur", "float", "EUR/month", 250.0, 0.0, 10_000.0,
       "assumption: guidance and insurance during a trial placement",
       "Kosten proefplaatsing",
       "Cost per month of a trial placement (UWV pays for its own clients' proefplaatsing)."),
    _p("work.hire_probability", "float", "share", 0.8, 0.0, 1.0,
       "assumption: calibrated to evidence §6 and §13 (low single-digit % per year into work)",
       "Kans op aanname", "Base chance an employer hires after a good trial.",
       plausible=(0.6, 1.0)),
    _p("work.hire_loonwaarde_effect", "float", "-", 1.0, 0.0, 4.0,
       "assumption: hiring rises in loonwaarde and the wage subsidy (a design choice, "
       "docs/model.md §2), in proportion to loonwaarde relative to evidence §7's mean of 51% "
       "(0: loonwaarde does not matter)",
       "Effect loonwaarde op aanname",
       "How strongly an employer's chance to hire after a trial rises with the loonwaarde.",
       plausible=(0.0, 2.0)),
    _p("work.hours_per_week", "float", "hours/week", 20.0, 1.0, 40.0,
       "assumption: part-time; evidence §7 jobcoaching needs at least 12 h/week",
       "Uren per week", "Contract hours of a placed worker."),
    _p("work.minimum_wage_per_hour_eur", "float", "EUR/h", 14.40, 0.0, 100.0,
       "evidence §8: WML 21+ EUR 14.40/h (July 2025)",
       "Minimumloon per uur", "Statutory minimum wage per hour."),
    _p("work.wage_subsidy_cap_share", "float", "share", 0.70, 0.0, 1.0,
       "evidence §7: loonkostensubsidie at most 70% of WML",
       "Maximum loonkostensubsidie", "Cap on the wage subsidy as a share of the minimum wage."),
    _p("work.employer_cost_allowance", "float", "share", 0.235, 0.0, 1.0,
       "evidence §7: +23.5% employer costs on the subsidised wage (2014 regulation)",
       "Opslag werkgeverslasten", "Employer-cost allowance on the wage subsidy."),
    _p("work.loonwaarde_without_support", "float", "share", 0.7, 0.0, 1.0,
       "assumption: after coaching ends, an employer pays the full wage without wage "
       "support once the loonwaarde is high enough; then the worker is on rung 6 (evidence §5); "
       "evidence §7: most subsidised workers are at 50-75%",
       "Loonwaarde zonder ondersteuning",
       "Loonwaarde at which a worker whose coaching has ended works without wage support.",
       plausible=(0.6, 0.8)),
    _p("work.job_loss_per_month", "float", "1/month", 0.049, 0.0, 1.0,
       "evidence §6, derived: 12-month retention 70% with coaching, "
       "(1 - 0.049 x 0.6)^12 = 0.70",
       "Baanverlies per maand", "Monthly chance to lose a job without job coaching.",
       plausible=(0.03, 0.07)),
    _p("work.established_after_months", "int", "months", 24, 1, 600,
       "assumption: after two years a job is established",
       "Vaste baan na",
       "Tenure after which the lower job-loss hazard of established jobs applies."),
    _p("work.established_hazard_factor", "float", "-", 0.33, 0.0, 1.0,
       "evidence §6, derived: the register stock loses ~4.7% a quarter (~1.6%/month, Amersfoort "
       "Q3 2023), a third of the uncoached new-job hazard",
       "Baanverlies vaste baan", "Job-loss hazard of established jobs relative to new ones."),
    _p("jobcoach.hazard_reduction", "float", "share", 0.4, 0.0, 1.0,
       "assumption: coaching lowers the job-loss hazard; with it retention is 70% (evidence §6)",
       "Effect jobcoach", "Share by which job coaching lowers the job-loss hazard."),
    _p("jobcoach.intensity_by_year", "list[float]", "share of hours", [0.15, 0.075, 0.06],
       0.0, 1.0,
       "evidence §7: UWV internal jobcoach rule yr1 15%, yr2 7.5%, yr3 6% of hours worked",
       "Inzet jobcoach per jaar", "Coaching hours as a share of hours worked, years 1-3.",
       length=3),
    _p("jobcoach.use_of_maximum", "float", "share", 0.5, 0.0, 1.0,
       "assumption: evidence §7 gives the maximum hours (15%, 7.5%, 6% of hours worked); "
       "coaching is usually given below it, about half on average (no source found)",
       "Gebruik maximale jobcoaching",
       "Coaching hours given as a share of the maximum in jobcoach.intensity_by_year.",
       plausible=(0.25, 1.0)),
    _p("jobcoach.price_per_hour_eur", "float", "EUR/h", 85.0, 0.0, 500.0,
       "evidence §7 and §12: price not found; EUR 85/h suggested (range 70-100, assumption)",
       "Uurprijs jobcoach", "Price of one hour of job coaching."),
    # --- home support and the Participatiewet budgets ------------------------
    _p("home_support.share_with_support", "float", "share", 0.0, 0.0, 1.0,
       "assumption: off by default, so costs are those of day activities and work; set it "
       "(about 0.2; evidence §4: begeleiding reaches 12 per 1,000 inhabitants) to count support "
       "at home, which the variant volunteer_offset reduces",
       "Aandeel met begeleiding thuis", "Residents with an individual support decision at home."),
    _p("home_support.hours_per_week", "float", "hours/week", 1.5, 0.0, 40.0,
       "assumption: light individual support",
       "Uren begeleiding thuis", "Hours of individual support at home per week."),
    _p("home_support.price_per_hour_eur", "float", "EUR/h", 55.80, 0.0, 500.0,
       "evidence §2: Westerveld 2023 individuele begeleiding basis EUR 55.80/h (plus 85.20)",
       "Uurprijs begeleiding thuis", "Price of one hour of individual support at home."),
    _p("participatiewet.reintegration_budget_per_year_eur", "float", "EUR/yr", 120_000.0, 0.0,
       1e10,
       "assumption: the part of the werkdeel (about EUR 12 per inhabitant for all clients) "
       "spent on this group, about EUR 4 per inhabitant; with separate pots new routes and "
       "trial placements wait when it is spent (pro rata over the year), so it binds",
       "Re-integratiebudget per jaar", "Participatiewet re-integration pot for activation, "
       "job coaching and trial placements; without walls (ontschot) Wmo money may pay too."),
    _p("participatiewet.activation_per_month", "float", "1/month", 0.02, 0.0, 1.0,
       "assumption: a klantmanager offers about one in four Participatiewet clients without "
       "support a route each year (social activation, a work-experience place at a social "
       "enterprise), as far as places allow; articles 002 and 003 (Landerd, Oudewater)",
       "Activering per maand",
       "Monthly chance a Participatiewet client without support starts an activation route."),
    _p("participatiewet.activation_months", "int", "months", 12, 1, 60,
       "assumption: a work-experience place or social-activation route of up to a year",
       "Duur activering", "Months an activation route lasts."),
    _p("participatiewet.activation_cost_per_month_eur", "float", "EUR/month", 400.0, 0.0,
       10_000.0,
       "assumption: a trajectory price at a social enterprise; no source found",
       "Kosten activering per maand", "Cost of an activation route a month (re-integration)."),
    _p("participatiewet.activation_places_per_10000", "float", "places/10,000 inhabitants",
       6.0, 0.0, 1_000.0,
       "article 002 (Landerd): Carrousel Groen keeps 28 long-term bijstand clients active, 17.7 "
       "per 10,000 inhabitants (evidence §14); assumption: a third of that where no such "
       "enterprise leads",
       "Activeringsplaatsen",
       "Places for activation routes at social enterprises per 10,000 inhabitants."),
    _p("participatiewet.activation_work_orientation", "float", "share", 0.8, 0.0, 1.0,
       "article 002 (Landerd): meaningful activity at a social enterprise (Carrousel Groen); as "
       "work-like as the baseline's social enterprise",
       "Arbeidsmatigheid activering",
       "How work-like an activation route is (0 care, 1 work), for the speed of development."),
    _p("participatiewet.referral_per_month", "float", "1/month", 0.25, 0.0, 1.0,
       "assumption: a klantmanager proposes a ready client for a trial as often as a provider "
       "without a financial stake (providers.referral_per_month)",
       "Doorverwijzing klantmanager",
       "Monthly chance a klantmanager proposes a ready client without day activities for a "
       "trial placement."),
    _p("participatiewet.walls_eligibility_factor", "float", "share", 0.5, 0.0, 1.0,
       "assumption: article 002 (Landerd): with separate pots Wmo sees a long-term bijstand "
       "client's need as the Participatiewet's; one pot (ontschot) removes the wall",
       "Toekenning bijstandsclient met schotten", "Eligibility for day activities of long-term "
       "unemployed bijstand clients under indicatie with separate pots, relative to others."),
    # --- benefits ------------------------------------------------------------
    _p("benefits.bijstand_per_month_eur", "float", "EUR/month", 1308.45, 0.0, 10_000.0,
       "evidence §8: bijstand norm single 21-AOW July 2024",
       "Bijstandsuitkering per maand", "Net bijstand benefit for a single adult."),
    _p("benefits.net_saving_share", "float", "share", 0.70, 0.0, 1.0,
       "evidence §8: saving is less than the benefit (AEF for Divosa); evidence §12 suggests "
       "70% (40-100%)",
       "Netto besparing uitkering",
       "Share of the benefit no longer paid saved by the municipality.",
       plausible=(0.4, 1.0)),
    _p("benefits.disregard_share", "float", "share", 0.25, 0.0, 1.0,
       "evidence §8: earnings disregard 25% up to EUR 269/month (Participatiewet art. 31, for "
       "six months)",
       "Vrijlating inkomsten", "Share of earnings a bijstand client keeps beside the benefit."),
    _p("benefits.disregard_cap_eur", "float", "EUR/month", 269.0, 0.0, 5_000.0,
       "evidence §8: at most EUR 269 a month (July 2024)",
       "Maximale vrijlating", "Most of the earnings kept beside the benefit, per month."),
    _p("benefits.disregard_months", "int", "months", 6, 0, 600,
       "evidence §8 (Participatiewet art. 31): the general disregard holds for six months",
       "Duur vrijlating", "Months the general earnings disregard holds after work starts."),
    _p("benefits.disregard_lks_share", "float", "share", 0.15, 0.0, 1.0,
       "evidence §8: 15% for the wage-subsidy (LKS) target group, without a time limit",
       "Vrijlating loonkostensubsidie",
       "Share of earnings kept beside the benefit by a worker with wage subsidy."),
    _p("benefits.disregard_lks_cap_eur", "float", "EUR/month", 170.18, 0.0, 5_000.0,
       "evidence §8: at most EUR 170.18 a month for the LKS target group (July 2024)",
       "Maximale vrijlating loonkostensubsidie",
       "Most of the earnings a worker with wage subsidy keeps beside the benefit."),
    _p("benefits.uwv_per_month_eur", "float", "EUR/month", 1572.0, 0.0, 10_000.0,
       "evidence §8: Wajong 70% of the minimum wage with work capacity (75% without); 70% of "
       "WML EUR 2,246/month (July 2025) is EUR 1,572",
       "Wajong/WIA-uitkering per maand", "UWV benefit of a resident on Wajong or WIA."),
    _p("benefits.uwv_earnings_offset", "float", "share", 0.7, 0.0, 1.0,
       "assumption: UWV lowers a working Wajong/WIA benefit by most of the earnings, so that "
       "work still pays (Wajong rules since 2021); no figure found",
       "Korting uitkering UWV op loon",
       "Share of earnings by which UWV lowers a Wajong/WIA benefit.", plausible=(0.5, 1.0)),
    # --- what providers cost -------------------------------------------------
    _p("provider_cost.staff_wage_per_hour_eur", "float", "EUR/h", 42.0, 1.0, 500.0,
       "assumption: a begeleider in the CAO Gehandicaptenzorg (about EUR 3,900 a month at the "
       "top of the scale for 36 hours), with about 30% employer costs over about 1,450 "
       "productive hours a year (derived, not sourced)",
       "Loonkosten begeleider per uur",
       "Cost of one hour of a begeleider, employer costs included.", plausible=(36.0, 50.0)),
    _p("provider_cost.clients_per_staff", "float", "clients", 8.0, 1.0, 30.0,
       "evidence §2: Stadskanaal 2024, one begeleider per 8 clients on average, at most 10",
       "Deelnemers per begeleider", "Clients in a group with one begeleider (the staffing norm)."),
    _p("provider_cost.hours_per_dagdeel", "float", "hours", 4.0, 1.0, 12.0,
       "evidence §2: a dagdeel is 4 consecutive hours (Maastricht 2026)",
       "Uren per dagdeel", "Hours of one dagdeel."),
    _p("provider_cost.overhead_share", "float", "share", 0.77, 0.0, 5.0,
       "assumption: location, materials, management and staff time away from the group, set so "
       "that the tariff's cost price at the defaults is Westerveld's 2023 medium tariff, "
       "EUR 46.15 (evidence §2)",
       "Opslag overhead",
       "Overhead on top of the staff cost of a group, as a share of that staff cost.",
       plausible=(0.5, 1.0)),
    _p("provider_cost.billing_per_client_month_eur", "float", "EUR/month", 35.0, 0.0, 1_000.0,
       "assumption: per-client registration, declarations (iWmo messages) and reports to the "
       "consultant under maatwerk; a lump sum has none (no source found)",
       "Administratie per cliënt per maand",
       "Provider's cost per client a month of billing per dagdeel and of the registration "
       "that goes with a decision.", plausible=(15.0, 60.0)),
    _p("provider_cost.occupancy_norm", "float", "share", 0.85, 0.1, 1.0,
       "assumption: tariff models pay for staffed places at 85-90% occupancy, since paid "
       "dagdelen fall short of places by absence and gaps between clients",
       "Bezettingsnorm",
       "Share of staffed place-dagdelen a tariff per attended dagdeel assumes is paid."),
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
       "evidence §7: SCP 2022, 11% willing and 49% maybe willing to hire",
       "Inclusiviteit werkgevers", "Mean willingness to host and hire."),
    _p("employers.learning_rate", "float", "share", 0.10, 0.0, 1.0,
       "assumption: one experience moves willingness a tenth of the way",
       "Leersnelheid werkgevers", "How far a good or bad experience moves willingness."),
    _p("employers.trial_slots", "int", "places", 1, 0, 1_000,
       "assumption: one trial place per employer at a time",
       "Stageplekken per werkgever", "Trial placements an employer hosts at once."),
    _p("employers.share_with_target_group_start", "float", "share", 0.065, 0.0, 1.0,
       "evidence §7: SCP 15-18% of employers employ someone with an arbeidsbeperking; 6.5% from "
       "outside scope, so that with the residents in scope who work the share lands there "
       "(calibrated)",
       "Werkgevers met doelgroep bij start", "Employers with at least one such employee at start."),
)
