"""Who pays and for what: the payers of Dutch law and the ledger's categories.

A variant's own categories are declared with the variant (``variants.py``); the ledger
holds these and those, in that order, followed by the categories that are not costs.
"""

from __future__ import annotations

from .records import Category, Label, Payer

#: The single pot that replaces the Wmo and re-integration pots when the budget is ontschot.
ONTSCHOT_PAYER = "ontschot"
#: UWV pays benefits, loondispensatie, job coaching and trial placements of its own clients.
UWV_PAYER = "uwv"

PAYERS: tuple[Payer, ...] = (
    Payer("wmo", Label("Wmo", "Wmo"), Label("Wmo", "Wmo"), "municipality",
          "Wmo 2015: the municipality's budget for support, day activities included"),
    Payer("pw_benefits",
          Label("Participatiewet: uitkeringen en loonkostensubsidie (BUIG)",
                "Participatiewet: benefits and wage subsidy (BUIG)"),
          Label("PW uitkeringen (BUIG)", "PW benefits (BUIG)"), "municipality",
          "Participatiewet: the BUIG budget pays bijstand and wage subsidy"),
    Payer("pw_reintegration",
          Label("Participatiewet: re-integratie", "Participatiewet: re-integration"),
          Label("PW re-integratie", "PW re-integration"), "municipality",
          "Participatiewet: the re-integration budget (werkdeel) pays coaching and trials"),
    Payer(ONTSCHOT_PAYER, Label("Ontschot budget (één pot)", "One pot without walls (ontschot)"),
          Label("één pot", "one pot"), "municipality",
          "a council's choice to pool the Wmo and re-integration budgets (variant ontschot)"),
    Payer(UWV_PAYER, Label("UWV: Wajong en WIA", "UWV: Wajong and WIA"),
          Label("UWV", "UWV"), "national",
          "Wajong and WIA (UWV, national funds): its clients' benefits, loondispensatie, job "
          "coaching and trial placements"),
)

#: The core categories: every policy books these. "cost" adds to the total cost.
CORE_CATEGORIES: tuple[Category, ...] = (
    Category("day_activity", "cost", "wmo", Label("dagbesteding", "day activity"),
             "indicatie: dagdelen x weeks/12 x attendance x tariff per resident; voorziening: "
             "budget / 12, shared by provider places, plus per-dagdeel pay for decisions on "
             "transitional rights"),
    Category("transport", "cost", "wmo", Label("vervoer", "transport"),
             "attended days x `day_activity.transport_per_day_eur` for those who need it "
             "(both regimes)"),
    Category("assessment", "cost", "wmo", Label("onderzoek", "assessment"),
             "per assessment (indicatie)"),
    Category("intake", "cost", "wmo", Label("intake", "intake"),
             "per light intake (voorziening)"),
    Category("admin", "cost", "wmo", Label("administratie", "admin"),
             "indicatie: `indicatie.billing_overhead_share` of per-dagdeel pay; voorziening: "
             "`voorziening.admin_share` of the budget"),
    Category("trial_placement", "cost", "pw_reintegration",
             Label("proefplaatsing", "trial placement"),
             "`work.trial_cost_per_month_eur` a month (UWV's proefplaatsing for its clients)",
             uwv_payer=UWV_PAYER),
    Category("wage_subsidy", "cost", "pw_benefits", Label("loonkostensubsidie", "wage subsidy"),
             "Participatiewet clients on rung 5 only: min(cap, 1 - loonwaarde) x minimum wage x "
             "hours x (1 + employer-cost allowance); a UWV client's employer pays the "
             "loonwaarde and UWV supplements the benefit instead (loondispensatie)"),
    Category("job_coaching", "cost", "pw_reintegration", Label("jobcoaching", "job coaching"),
             "`jobcoach.use_of_maximum` x the yearly maximum share of hours worked (15%, 7.5%, "
             "6%) x price per hour; UWV coaches its own clients",
             uwv_payer=UWV_PAYER),
    Category("activation", "cost", "pw_reintegration", Label("activering", "activation"),
             "`participatiewet.activation_cost_per_month_eur` a month of an activation route "
             "(social activation, a work-experience place)"),
    Category("home_support", "cost", "wmo", Label("begeleiding thuis", "home support"),
             "hours a week x price per hour for residents with support at home"),
)

#: Money that is not a cost of the policy: the benefit itself, and what work saves of it.
NON_COST_CATEGORIES: tuple[Category, ...] = (
    Category("benefits_paid", "transfer", "pw_benefits",
             Label("betaalde uitkeringen", "benefits paid"),
             "bijstand less earnings above the disregard; a UWV benefit less "
             "`benefits.uwv_earnings_offset` x earnings",
             uwv_payer=UWV_PAYER),
    Category("benefits_saved", "saving", "pw_benefits",
             Label("bespaarde uitkeringen", "benefits saved"),
             "the benefit no longer paid because of earnings: for bijstand x "
             "`benefits.net_saving_share` (the municipality's net saving), for UWV in full",
             uwv_payer=UWV_PAYER),
)
