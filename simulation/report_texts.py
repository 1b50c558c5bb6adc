"""Every sentence of the comparison report, in Dutch (the default) and English.

Names of metrics, categories, payers and target groups are not here: they come from the
declarations (``simulation.presentation``); the words on the charts' axes are in
``simulation.charts``. A key used with ``str.format`` names its fields in braces.
"""

from __future__ import annotations

LABELS = {
    "nl": {
        "title": "Dagbesteding: indicatie of algemene voorziening?",
        "question": "Wat kost elk regime, wie betaalt, en hoeveel inwoners stromen door naar "
                    "betaald werk? Beide regimes zijn doorgerekend voor dezelfde inwoners met "
                    "dezelfde toevalstrekkingen, zodat verschillen door het beleid komen.",
        "scenario": "Scenario", "runs": "herhalingen", "seed": "startgetal",
        "months": "maanden", "metric": "Uitkomst", "difference": "Verschil",
        "interval": "95%-interval", "main": "Belangrijkste uitkomsten",
        "all": "Alle uitkomsten", "ladder": "Participatieladder per maand (gemiddelde)",
        "jobs": "Gestarte banen, opgeteld (gemiddelde en 95%-band)",
        "costs": "Kosten over de hele looptijd per categorie (gemiddelde)",
        "waiting": "Wachtenden per maand (gemiddelde)",
        "caveat": "Dit zijn schattingen uit een simulatiemodel. Intervallen tonen alleen de "
                  "toevalsvariatie tussen herhalingen, niet de onzekerheid in de aannames; "
                  "parameters zonder bron staan als aanname in docs/parameters.md.",
        "interval_note": "Het verschil is {b} min {a} per herhaling; het interval komt uit "
                         "de gepaarde verschillen (t-verdeling).",
        "no_interval": "geen interval (1 herhaling)",
        "transition": "Overgang na de beleidswijziging: kosten per maand, deelnemers en "
                      "lopende beschikkingen (gemiddelde)",
        "answer": "Het antwoord in het kort",
        "answer_cost": "Met {b} zijn de netto kosten over {years} jaar {amount} {word} dan met "
                       "{a} (95%-interval {ci}).",
        "answer_jobs": "Er starten gemiddeld {n} {word} banen ({ci}); {kept} {kept_word} banen "
                       "houden 12 maanden stand ({kept_ci}).",
        "answer_reach": "Er worden {n} {word} deelnemers bereikt ({ci}); van aanvraag tot "
                        "plek wachten inwoners gemiddeld {wait} maanden {wait_word} ({wait_ci}) "
                        "en {late} {late_word} aanvragen wachten langer dan de wettelijke "
                        "termijn van 8 weken ({late_ci}).",
        "less": "minder", "more": "meer", "shorter": "korter", "longer": "langer",
        "payers": "Wie betaalt, wie wint",
        "payers_text": "Kosten per geldstroom, zoals de wet ze toewijst: Wmo, "
                       "Participatiewet uitkeringen (BUIG, ook loonkostensubsidie), "
                       "Participatiewet re-integratie (bij een ontschot budget samen met de Wmo "
                       "één pot) en UWV (uitkering, loondispensatie, jobcoaching en "
                       "proefplaatsing van inwoners met Wajong of WIA). De gemeente ziet haar "
                       "eigen potten (netto kosten voor de gemeente), de samenleving alle "
                       "betalers (netto kosten). Een negatief verschil is een besparing.",
        "funding": "Hoe de dagbesteding is betaald",
        "funding_text": "Onder indicatie krijgt een zorgaanbieder {tariff} per bijgewoond "
                        "dagdeel ({tariff_how}; een sociale onderneming of SW-bedrijf minder, "
                        "naar zijn kosten). Onder de algemene voorziening is het budget het "
                        "eerste jaar {budget} ({budget_how}); dat betaalt {places} "
                        "dagdeelplaatsen per week tegen gemiddeld {place} per plaats per "
                        "dagdeel.",
        "tariff_cost_price": "de kostprijs: begeleiding, overhead en de administratie per "
                             "cliënt die declareren per dagdeel meebrengt",
        "tariff_fixed": "een vast tarief",
        "budget_cost_price": "de plaatsen van nu tegen kostprijs, zonder administratie per "
                             "cliënt",
        "budget_fixed": "een vast bedrag",
        "budget_follow_attendance": "daarna volgt het de opkomst van het jaar ervoor, tot een "
                                    "plafond van {ceiling} per jaar",
        "ce": "Kosten tegenover effect",
        "by_muni": "Per gemeente",
        "by_muni_text": "Elke gemeente is een eigen model. Inwoners in beeld, consulenten, "
                        "budgetten, plekken bij aanbieders en werkgevers zijn landelijke "
                        "cijfers per inwoner (FACTS.md), geen gegevens van de gemeente zelf. "
                        "De {k} grootste van {n} gemeenten; alle staan in "
                        "municipalities_comparison.csv.",
        "muni": "Gemeente",
        "inhabitants": "Inwoners",
        "net_diff": "Verschil netto kosten",
        "jobs_diff": "Verschil banen gestart",
        "verdict_dominant": "{b} levert minstens evenveel duurzame banen op voor minder geld "
                            "dan {a}, zonder duidelijk slechtere dienstverlening.",
        "verdict_dominated": "{b} levert niet meer duurzame banen op voor meer geld dan {a}, "
                             "zonder duidelijk betere dienstverlening.",
        "verdict_cheaper_worse_service": "{b} is goedkoper dan {a}, maar die besparing gaat ten "
                                         "koste van de dienstverlening: {worse}.",
        "verdict_trade-off": "{b} en {a} ruilen geld tegen banen of dienstverlening.",
        "worse_participants_served": "er worden minder inwoners bereikt",
        "worse_mean_access_wait_months": "inwoners wachten langer op een plek",
        "worse_waits_beyond_legal_term": "meer aanvragen wachten langer dan de wettelijke "
                                         "termijn",
        "and": "en",
        "icer_text": "Extra netto kosten per extra baan die 12 maanden standhoudt: {icer} "
                     "(95%-interval {ci}; een negatief bedrag is een besparing per extra baan).",
        "ce_plane": "Kosten-effectvlak: verschil in netto kosten tegen verschil in duurzame "
                    "banen, één punt per herhaling",
        "ceac": "Kans dat het tweede beleid de betere keuze is, per bedrag dat de raad over "
                "heeft voor een extra duurzame baan",
        "equity": "Per doelgroep", "group": "Doelgroep", "served": "bereikt",
        "jobs_short": "banen",
        "over_time": "Verloop in de tijd",
        "sensitivity": "Welke aannames het verschil bepalen",
        "tornado_text": "Elke onbekende parameter apart op de onder- en bovenkant van zijn "
                        "plausibele bereik; de balk toont het verschil in netto kosten ({b} min "
                        "{a}) bij beide uitersten.",
        "tornado": "Tornadodiagram: verschil in netto kosten per aanname",
        "tornado_jobs": "Tornadodiagram: verschil in banen die 12 maanden standhouden per "
                        "aanname",
        "turns": "Waar het antwoord omslaat",
        "turns_text": "Per aanname het verschil ({b} min {a}) in netto kosten en in banen die "
                      "12 maanden standhouden aan de onder- en bovenkant van het plausibele "
                      "bereik; 'slaat om bij' is de waarde waarbij het verschil van teken "
                      "wisselt (– als dat binnen het bereik niet gebeurt); 'draagt' is hoeveel "
                      "van het verschil in banen verdwijnt als de aanname op geen effect (0) "
                      "staat.",
        "turn_assumption": "Aanname", "turn_range": "Bereik", "turn_cost": "Netto kosten",
        "turn_jobs": "Banen", "turn_cost_flips": "Kosten slaan om bij",
        "turn_jobs_flips": "Banen slaan om bij", "turn_carried": "Draagt van het banenverschil",
        "psa_turns": "Waar het antwoord omslaat in de trekkingen",
        "psa_turns_text": "Uit de trekkingen van de probabilistische gevoeligheidsanalyse: "
                          "per aanname de grens die het best scheidt waar het verschil ({b} "
                          "min {a}) positief is en waar negatief, met het aandeel trekkingen "
                          "dat die grens goed indeelt en het aandeel dat het vaker voorkomende "
                          "teken alleen al goed heeft. Alleen grenzen die meer goed indelen "
                          "dan de beste aanname doet als de tekens geschud worden (in 95% van "
                          "de keren): meer dan toeval.",
        "psa_turns_none": "Geen aanname scheidt de trekkingen beter dan toeval: het antwoord "
                          "hangt niet aan één aanname (of er zijn te weinig trekkingen om het "
                          "te zien).",
        "psa_outcome": "Uitkomst", "psa_threshold": "Grens", "psa_above": "Boven de grens",
        "psa_right": "Goed ingedeeld", "psa_common": "Zonder de aanname",
        "psa_chance": "Bij toeval",
        "psa_cost_up": "{b} duurder", "psa_cost_down": "{b} goedkoper",
        "psa_jobs_up": "meer banen met {b}", "psa_jobs_down": "minder banen met {b}",
        "break_even": "Omslagpunt: verschil in netto kosten bij oplopend budget",
        "break_even_at": "Bij een vast budget van {value} per jaar kosten beide "
                         "beleidskeuzes netto evenveel.",
        "break_even_none": "Bij een vast budget tussen {low} en {high} per jaar wisselt het "
                           "verschil in netto kosten niet van teken.",
        "equal_service_at": "Bij een vast budget van {value} per jaar wachten inwoners met {b} "
                            "niet langer op een plek dan met {a}: het budget voor gelijke "
                            "dienstverlening.",
        "equal_service_none": "Bij een vast budget tussen {low} en {high} per jaar wisselt het "
                              "verschil in wachttijd op een plek niet van teken.",
        "no_sensitivity": "Draai met --sensitivity voor het tornadodiagram en het omslagpunt.",
        "checked": "Waaraan het model is getoetst",
        "checked_text": "Nederlandse cijfers spelen vier rollen. Draai doorstroom "
                        "check-targets voor de uitkomsten; docs/validation.md geeft bronnen "
                        "en redenen.",
        "checked_validation": "Validatie (niet gebruikt om iets in te stellen, kan dus "
                              "falen):",
        "checked_calibration": "IJking (een invoer is zo gekozen dat het model hier uitkomt; "
                               "dat het klopt is geen bewijs):",
        "checked_consistency": "Consistentie (volgt uit de invoer; toont alleen dat de "
                               "rekensom klopt):",
        "checked_not_modelled": "Niet in het model (het gat blijft zichtbaar):",
        "assumptions": "Belangrijkste aannames",
        "assumptions_text": "Niemand heeft deze grootheden gemeten; de waarden hieronder zijn "
                            "aannames met hun plausibele bereik.",
        "plausible": "plausibel", "psa_on": "probabilistische gevoeligheidsanalyse aan",
        "figures_note": "Lijnen zijn gemiddelden over {n} herhalingen; de band bij de banen is "
                        "de 95%-band tussen herhalingen. Aannames: zie onderaan.",
    },
    "en": {
        "title": "Day activities: individual assessment or open access?",
        "question": "What does each regime cost, who pays, and how many residents move on to "
                    "paid work? Both regimes were run for the same residents with the same "
                    "random draws, so differences come from the policy.",
        "scenario": "Scenario", "runs": "replications", "seed": "seed", "months": "months",
        "metric": "Outcome", "difference": "Difference", "interval": "95% interval",
        "main": "Main outcomes", "all": "All outcomes",
        "ladder": "Participation ladder by month (mean)",
        "jobs": "Jobs started, cumulative (mean and 95% band)",
        "costs": "Costs over the whole horizon by category (mean)",
        "waiting": "Residents waiting by month (mean)",
        "caveat": "These are estimates from a simulation model. Intervals show only the random "
                  "variation between replications, not the uncertainty in the assumptions; "
                  "parameters without a source are marked as assumptions in "
                  "docs/parameters.md.",
        "interval_note": "The difference is {b} minus {a} per replication; the interval "
                         "comes from the paired differences (t distribution).",
        "no_interval": "no interval (1 replication)",
        "transition": "Transition after the policy change: cost per month, participants and "
                      "decisions still running (mean)",
        "answer": "The answer in brief",
        "answer_cost": "With {b}, net costs over {years} years are {amount} {word} than with "
                       "{a} (95% interval {ci}).",
        "answer_jobs": "On average {n} {word} jobs start ({ci}); {kept} {kept_word} jobs last "
                       "12 months ({kept_ci}).",
        "answer_reach": "{n} {word} participants are reached ({ci}); from request to a place "
                        "residents wait {wait} months {wait_word} on average ({wait_ci}), and "
                        "{late} {late_word} requests wait beyond the legal term of 8 weeks "
                        "({late_ci}).",
        "less": "less", "more": "more", "shorter": "shorter", "longer": "longer",
        "payers": "Who pays, who gains",
        "payers_text": "Costs by pot, as the law assigns them: Wmo, Participatiewet "
                       "benefits (BUIG, including wage subsidy), Participatiewet "
                       "re-integration (one pot with the Wmo when ontschot) and UWV (benefit, "
                       "loondispensatie, job coaching and trial placements of residents on "
                       "Wajong or WIA). The municipality sees its own pots (net cost to the "
                       "municipality), society every payer (net cost). A negative difference "
                       "is a saving.",
        "funding": "How day activities are paid for",
        "funding_text": "Under indicatie a care provider gets {tariff} per attended dagdeel "
                        "({tariff_how}; a social enterprise or sheltered company less, by its "
                        "costs). Under open access the budget is {budget} in the first year "
                        "({budget_how}); it pays for {places} dagdeel places a week at "
                        "{place} a place a dagdeel on average.",
        "tariff_cost_price": "the cost price: staff, overhead and the per-client "
                             "administration that billing per dagdeel brings",
        "tariff_fixed": "a fixed tariff",
        "budget_cost_price": "today's places at cost price, without per-client administration",
        "budget_fixed": "a fixed amount",
        "budget_follow_attendance": "after that it follows last year's attendance, up to a "
                                    "ceiling of {ceiling} a year",
        "ce": "Costs against effects",
        "by_muni": "By municipality",
        "by_muni_text": "Every municipality is a model of its own. Residents in scope, "
                        "consultants, budgets, provider places and employers are national "
                        "figures per inhabitant (FACTS.md), not the municipality's own data. "
                        "The {k} largest of {n} municipalities; all are in "
                        "municipalities_comparison.csv.",
        "muni": "Municipality",
        "inhabitants": "Inhabitants",
        "net_diff": "Difference in net cost",
        "jobs_diff": "Difference in jobs started",
        "verdict_dominant": "{b} gives at least as many sustained jobs for less money than "
                            "{a}, with no clearly worse service.",
        "verdict_dominated": "{b} gives no more sustained jobs for more money than {a}, with "
                             "no clearly better service.",
        "verdict_cheaper_worse_service": "{b} is cheaper than {a}, but the saving is bought "
                                         "with service: {worse}.",
        "verdict_trade-off": "{b} and {a} trade money against jobs or service.",
        "worse_participants_served": "fewer residents are reached",
        "worse_mean_access_wait_months": "residents wait longer for a place",
        "worse_waits_beyond_legal_term": "more requests wait beyond the legal term",
        "and": "and",
        "icer_text": "Extra net cost per extra job lasting 12 months: {icer} (95% interval {ci}; "
                     "a negative amount is a saving per extra job).",
        "ce_plane": "Cost-effectiveness plane: difference in net cost against difference in "
                    "sustained jobs, one point per replication",
        "ceac": "Probability that the second policy is the better buy, by what the council is "
                "willing to pay per extra sustained job",
        "equity": "By target group", "group": "Target group", "served": "reached",
        "jobs_short": "jobs",
        "over_time": "Over time",
        "sensitivity": "Which assumptions drive the difference",
        "tornado_text": "Each unmeasured parameter on its own at the low and the high end of its "
                        "plausible range; the bar shows the difference in net cost ({b} minus "
                        "{a}) at both ends.",
        "tornado": "Tornado chart: difference in net cost by assumption",
        "tornado_jobs": "Tornado chart: difference in jobs lasting 12 months by assumption",
        "turns": "Where the answer turns",
        "turns_text": "Per assumption the difference ({b} minus {a}) in net cost and in jobs "
                      "lasting 12 months at the low and the high end of its plausible range; "
                      "'turns at' is the value where the difference changes sign (– where it "
                      "does not within the range); 'carries' is how much of the jobs "
                      "difference is gone with the assumption at no effect (0).",
        "turn_assumption": "Assumption", "turn_range": "Range", "turn_cost": "Net cost",
        "turn_jobs": "Jobs", "turn_cost_flips": "Cost turns at",
        "turn_jobs_flips": "Jobs turn at", "turn_carried": "Carries of the jobs difference",
        "psa_turns": "Where the answer turns in the draws",
        "psa_turns_text": "From the draws of the probabilistic sensitivity analysis: per "
                          "assumption the threshold that best separates the draws where the "
                          "difference ({b} minus {a}) is positive from those where it is "
                          "negative, with the share of draws it places right and the share the "
                          "more common sign alone gets right. Only thresholds that place more "
                          "draws right than the best assumption does with the signs shuffled "
                          "(in 95% of shuffles): more than luck.",
        "psa_turns_none": "No assumption separates the draws better than luck: the answer "
                          "does not hang on one assumption (or there are too few draws to "
                          "see it).",
        "psa_outcome": "Outcome", "psa_threshold": "Threshold", "psa_above": "Above it",
        "psa_right": "Placed right", "psa_common": "Without the assumption",
        "psa_chance": "By luck",
        "psa_cost_up": "{b} costs more", "psa_cost_down": "{b} costs less",
        "psa_jobs_up": "more jobs with {b}", "psa_jobs_down": "fewer jobs with {b}",
        "break_even": "Break-even: difference in net cost as the budget rises",
        "break_even_at": "With a fixed budget of {value} a year both policies cost the same, "
                         "net.",
        "break_even_none": "With a fixed budget between {low} and {high} a year the difference "
                           "in net cost does not change sign.",
        "equal_service_at": "With a fixed budget of {value} a year residents wait no longer for "
                            "a place with {b} than with {a}: the equal-service budget.",
        "equal_service_none": "With a fixed budget between {low} and {high} a year the "
                              "difference in the wait for a place does not change sign.",
        "no_sensitivity": "Run with --sensitivity for the tornado chart and the break-even.",
        "checked": "What the model was checked against",
        "checked_text": "Dutch figures play four roles. Run doorstroom check-targets for the "
                        "results; docs/validation.md gives sources and reasons.",
        "checked_validation": "Validation (not used to set anything, so it can fail):",
        "checked_calibration": "Calibration (an input was chosen to land here; that it does "
                               "is no evidence):",
        "checked_consistency": "Consistency (follows from the inputs; shows only that the "
                               "arithmetic is right):",
        "checked_not_modelled": "Not in the model (the gap stays visible):",
        "assumptions": "Main assumptions",
        "assumptions_text": "Nobody has measured these; the values below are assumptions with "
                            "their plausible range.",
        "plausible": "plausible", "psa_on": "probabilistic sensitivity analysis on",
        "figures_note": "Lines are means over {n} replications; the band around jobs is the "
                        "95% band between replications. Assumptions: see below.",
    },
}
