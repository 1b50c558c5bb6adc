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
        "answer": "Het antwoord in drie zinnen",
        "answer_cost": "Met {b} zijn de netto kosten over {years} jaar {amount} {word} dan met "
                       "{a} (95%-interval {ci}).",
        "answer_jobs": "Er starten gemiddeld {n} {word} banen ({ci}); {kept} {kept_word} banen "
                       "houden 12 maanden stand ({kept_ci}).",
        "answer_reach": "Er worden {n} {word} deelnemers bereikt ({ci}) en de wachttijd op een "
                        "plek is {wait} maanden {wait_word} ({wait_ci}).",
        "less": "minder", "more": "meer", "shorter": "korter", "longer": "langer",
        "payers": "Wie betaalt, wie wint",
        "payers_text": "Kosten per geldstroom: Wmo, Participatiewet uitkeringen (BUIG, ook "
                       "loonkostensubsidie) en Participatiewet re-integratie; bij een ontschot "
                       "budget één pot. Een negatief verschil is een besparing.",
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
        "verdict_dominant": "{b} levert meer duurzame banen op voor minder geld dan {a}.",
        "verdict_dominated": "{b} levert minder duurzame banen op voor meer geld dan {a}.",
        "verdict_trade-off": "{b} en {a} ruilen geld tegen banen.",
        "icer_text": "Extra netto kosten per extra baan die 12 maanden standhoudt: {icer} "
                     "(95%-interval {ci}; een negatief bedrag is een besparing per extra baan).",
        "icer_none": "Het verschil in duurzame banen is te klein om kosten per baan te geven.",
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
        "break_even": "Omslagpunt: verschil in netto kosten bij oplopend budget",
        "break_even_at": "Bij {key} = {value} kosten beide beleidskeuzes netto evenveel.",
        "break_even_none": "Tussen {key} = {low} en {high} wisselt het verschil in netto kosten "
                           "niet van teken.",
        "no_sensitivity": "Draai met --sensitivity voor het tornadodiagram en het omslagpunt.",
        "assumptions": "Belangrijkste aannames",
        "assumptions_text": "Niemand heeft deze grootheden gemeten (FACTS.md §11); de waarden "
                            "hieronder zijn aannames met hun plausibele bereik.",
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
        "answer": "The answer in three sentences",
        "answer_cost": "With {b}, net costs over {years} years are {amount} {word} than with "
                       "{a} (95% interval {ci}).",
        "answer_jobs": "On average {n} {word} jobs start ({ci}); {kept} {kept_word} jobs last "
                       "12 months ({kept_ci}).",
        "answer_reach": "{n} {word} participants are reached ({ci}) and the wait for a place is "
                        "{wait} months {wait_word} ({wait_ci}).",
        "less": "less", "more": "more", "shorter": "shorter", "longer": "longer",
        "payers": "Who pays, who gains",
        "payers_text": "Costs by pot: Wmo, Participatiewet benefits (BUIG, including wage "
                       "subsidy) and Participatiewet re-integration; one pot when ontschot. A "
                       "negative difference is a saving.",
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
        "verdict_dominant": "{b} gives more sustained jobs for less money than {a}.",
        "verdict_dominated": "{b} gives fewer sustained jobs for more money than {a}.",
        "verdict_trade-off": "{b} and {a} trade money against jobs.",
        "icer_text": "Extra net cost per extra job lasting 12 months: {icer} (95% interval {ci}; "
                     "a negative amount is a saving per extra job).",
        "icer_none": "The difference in sustained jobs is too small to give a cost per job.",
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
        "break_even": "Break-even: difference in net cost as the budget rises",
        "break_even_at": "At {key} = {value} both policies cost the same, net.",
        "break_even_none": "Between {key} = {low} and {high} the difference in net cost does not "
                           "change sign.",
        "no_sensitivity": "Run with --sensitivity for the tornado chart and the break-even.",
        "assumptions": "Main assumptions",
        "assumptions_text": "Nobody has measured these (FACTS.md §11); the values below are "
                            "assumptions with their plausible range.",
        "plausible": "plausible", "psa_on": "probabilistic sensitivity analysis on",
        "figures_note": "Lines are means over {n} replications; the band around jobs is the "
                        "95% band between replications. Assumptions: see below.",
    },
}
