"""Every sentence of the comparison report in Dutch (the default language).

``{a}`` and ``{b}`` are the two policy sets' names, ``{years}`` the horizon in years; other
fields in braces are named where the sentence is used (``report_outcomes``,
``report_assumptions``, ``report``).
"""

NL = {
    # --- heading and what was compared ---------------------------------------------------
    "title": "Dagbesteding: indicatie of algemene voorziening?",
    "question": "Wat kost elke beleidskeuze, wie betaalt, en hoeveel inwoners stromen door naar "
                "betaald werk? Beide zijn doorgerekend voor dezelfde inwoners met dezelfde "
                "toevalstrekkingen, zodat verschillen door het beleid komen.",
    "scenario": "Scenario", "runs": "herhalingen", "seed": "startgetal", "months": "maanden",
    "psa_on": "probabilistische gevoeligheidsanalyse aan",
    "compared": "Wat is vergeleken",
    "regime_indicatie": "een consulent onderzoekt elke aanvraag en geeft een beschikking voor "
                        "een aantal dagdelen per week bij één aanbieder, die per bijgewoond "
                        "dagdeel wordt betaald",
    "regime_voorziening": "inwoners komen na een lichte intake binnen, zonder beschikking; "
                          "aanbieders krijgen een budget voor hun plaatsen",
    "with": "met", "own_settings": "met eigen instellingen:", "none": "geen",
    "switch": "vanaf maand {month} {to}; wat al is toegekend, loopt nog tot {months} maanden "
              "na de overstap door",
    "both_variants": "In beide beleidskeuzes staat aan: {variants}.",
    "changed": "Gewijzigd ten opzichte van scenario {name}:",
    "unchanged": "Alle instellingen komen uit scenario {name}; er is niets gewijzigd.",
    "organisations_changed": "{n} aanbieders, aangepast",
    "choice_cost_price": "kostprijs", "choice_fixed": "vast bedrag",
    "choice_follow_attendance": "volgt de opkomst van het jaar ervoor",
    "money_note": "Bedragen zijn totalen over de looptijd van {months} maanden ({years} jaar). "
                  "Een raad begroot per jaar: onder elk bedrag staat daarom het gemiddelde "
                  "per jaar (het totaal gedeeld door {years}).",
    "money_note_year": "Bedragen gelden voor de looptijd van één jaar.",
    "per_year": "{amount} per jaar",
    # --- the answer in brief ---------------------------------------------------------------
    "answer": "Het antwoord in het kort",
    "answer_cost": "Met {b} zijn de netto kosten {year} per jaar {word} dan met {a}: {total} "
                   "over {years} jaar (95%-interval over {years} jaar: {ci}).",
    "answer_cost_unclear": "Netto kosten: geen duidelijk verschil tussen {b} en {a}. Gemiddeld "
                           "zijn ze met {b} {year} per jaar {word} ({total} over {years} "
                           "jaar), maar het 95%-interval over {years} jaar ({ci}) bevat nul.",
    "answer_jobs": "Met {b} starten in {years} jaar gemiddeld {n} {word} banen dan met {a} "
                   "({ci}).",
    "answer_kept": "Van de gestarte banen duren er met {b} {n} {word} binnen de looptijd 12 "
                   "maanden ({ci}).",
    "answer_kept_more": "Dat verschil kan groter zijn dan het verschil in gestarte banen: het "
                        "hangt ook af van hoe vaak een baan 12 maanden standhoudt, en banen uit "
                        "het laatste jaar van de looptijd tellen nog niet mee.",
    "answer_reach": "{b} bereikt {n} {word} inwoners dan {a} ({ci}).",
    "answer_wait": "Van aanvraag tot plek wachten inwoners met {b} gemiddeld {n} maanden "
                   "{word} dan met {a} ({ci}).",
    "answer_late": "Met {b} wachten {n} {word} aanvragen langer dan de wettelijke termijn van "
                   "{term} maanden ({ci}).",
    "unclear": "{label}: geen duidelijk verschil tussen {b} en {a} (gemiddeld {diff}; het "
               "95%-interval {ci} bevat nul).",
    "same": "{label}: geen verschil tussen {b} en {a}.",
    "answer_note": "Tussen haakjes staat het 95%-interval van het gemiddelde verschil; bevat "
                   "het nul, dan is er geen duidelijk verschil.",
    "lower": "lager", "higher": "hoger", "fewer": "minder", "more": "meer",
    "shorter": "korter", "longer": "langer", "and": "en",
    "no_interval": "geen interval (1 herhaling)",
    # --- tables ----------------------------------------------------------------------------
    "main": "Belangrijkste uitkomsten", "all": "Alle uitkomsten", "metric": "Uitkomst",
    "difference": "Verschil ({b} min {a})", "interval": "95%-interval van het verschil",
    "no_difference": "geen verschil", "no_clear_difference": "geen duidelijk verschil",
    "interval_note": "Verschil: {b} min {a}, gemiddeld over {n} herhalingen met dezelfde "
                     "inwoners en toevalstrekkingen voor beide. 95%-interval: het gepaarde "
                     "95%-interval van dat gemiddelde verschil (t-verdeling over de verschillen "
                     "per herhaling). Het toont alleen toevalsvariatie tussen herhalingen, niet "
                     "de onzekerheid in de aannames; bevat het nul, dan staat er 'geen "
                     "duidelijk verschil'. Een negatief verschil in geld is een besparing met "
                     "{b}.",
    "interval_note_psa": "Verschil: {b} min {a}, gemiddeld over {n} herhalingen met dezelfde "
                         "inwoners en toevalstrekkingen voor beide. 95%-interval: het gepaarde "
                         "95%-interval van dat gemiddelde verschil (t-verdeling over de "
                         "verschillen per herhaling). Omdat elke herhaling ook de onbekende "
                         "aannames uit hun bereik trekt, bevat het naast toeval ook die "
                         "onzekerheid; bevat het nul, dan staat er 'geen duidelijk verschil'. "
                         "Een negatief verschil in geld is een besparing met {b}.",
    "interval_note_short": "Verschil: {b} min {a}. 95%-interval: gepaard, van het gemiddelde "
                           "verschil (zie de toelichting onder 'Belangrijkste uitkomsten'). "
                           "Bedragen: totaal over {years} jaar, eronder per jaar.",
    "payers": "Wie betaalt, wie wint",
    "payers_text": "Kosten per geldstroom, zoals de wet ze toewijst: Wmo, Participatiewet "
                   "uitkeringen (BUIG, ook loonkostensubsidie), Participatiewet re-integratie "
                   "(bij een ontschot budget samen met de Wmo één pot) en UWV (uitkering, "
                   "loondispensatie, jobcoaching en proefplaatsing van inwoners met Wajong of "
                   "WIA). De gemeente ziet haar eigen potten (netto kosten voor de gemeente), "
                   "de samenleving alle betalers (netto kosten). Een negatief verschil is een "
                   "besparing.",
    "funding": "Hoe de dagbesteding is betaald",
    "funding_text": "Onder indicatie krijgt een zorgaanbieder {tariff} per bijgewoond dagdeel "
                    "({tariff_how}; een sociale onderneming of SW-bedrijf minder, naar zijn "
                    "kosten). Onder de algemene voorziening is het budget het eerste jaar "
                    "{budget} ({budget_how}); dat betaalt {places} dagdeelplaatsen per week "
                    "tegen gemiddeld {place} per plaats per dagdeel.",
    "tariff_cost_price": "de kostprijs: begeleiding, overhead en de administratie per cliënt "
                         "die declareren per dagdeel meebrengt",
    "tariff_fixed": "een vast tarief",
    "budget_cost_price": "de plaatsen van nu tegen kostprijs, zonder administratie per cliënt",
    "budget_fixed": "een vast bedrag",
    "budget_follow_attendance": "daarna volgt het de opkomst van het jaar ervoor, tot een "
                                "plafond van {ceiling} per jaar",
    "by_muni": "Per gemeente",
    "by_muni_scaled": "Elke gemeente is een eigen model. Inwoners in beeld, consulenten, "
                      "budgetten, plekken bij aanbieders en werkgevers zijn landelijke cijfers "
                      "per inwoner (docs/evidence.md §4 en §8, de rest aannames), geen gegevens "
                      "van de gemeente zelf.",
    "by_muni_local": "Elke gemeente is een eigen model. Wie in beeld is volgt de eigen cijfers "
                     "van de gemeente uit 2021: inwoners met bijstand en met een "
                     "arbeidsongeschiktheidsuitkering, tegenover het landelijke aandeel "
                     "(docs/evidence.md §16). Hoeveel van hen dagbesteding gebruiken volgt het "
                     "Wmo-gebruik van de gemeente tegenover het landelijke, tussen de helft en "
                     "anderhalf keer: dagbesteding per gemeente is niet bekend, het Wmo-gebruik "
                     "(alle Wmo-ondersteuning) staat ervoor in. Consulenten, budgetten en plekken "
                     "bij aanbieders volgen daaruit; werkgevers zijn landelijke cijfers per "
                     "inwoner.",
    "by_muni_regions": "De gemeenten kopen dagbesteding per regio samen in (regio's in de "
                       "tabel: {k}, gemeenten zonder regio: {alone}): gemeenten met hetzelfde "
                       "regime in een regio delen de plekken bij hun aanbieders, en alle "
                       "gemeenten in een regio delen één arbeidsmarkt. Elke gemeente houdt haar "
                       "eigen regime en budget en betaalt voor haar eigen inwoners; een plek in "
                       "een andere gemeente kost meer vervoer.",
    "by_muni_filled": "Bij {k} gemeenten ontbreekt een cijfer in de tabel van 2021; het is "
                      "aangevuld met het gemiddelde van hun provincie (het bestand "
                      "municipalities.csv zegt bij welke gemeenten en welk cijfer).",
    "spread_text": "Netto kosten (alle betalers) per gemeente, {b} tegenover {a}: ze dalen "
                   "duidelijk in {cheaper} van de {n} gemeenten en stijgen duidelijk in "
                   "{dearer}; in {unclear} is er geen duidelijk verschil (het 95%-interval van "
                   "de gemeente bevat nul).",
    "spread_cheapest": "Per inwoner dalen ze het meest in {names}.",
    "spread_dearest": "Per inwoner stijgen ze het meest in {names}.",
    "spread_size": "Naar grootte",
    "spread_bijstand": "Naar aandeel inwoners met bijstand (2021), in vijfden",
    "spread_province": "Per provincie",
    "spread_region": "Per regio (de tabel met regio's)", "no_region": "(geen regio)",
    "size_below": "minder dan {n} inwoners", "size_between": "{low} tot {high} inwoners",
    "size_from": "{n} inwoners of meer",
    "bijstand_group": "{low} tot {high} per 1.000 inwoners",
    "muni_group": "Groep", "munis": "Gemeenten",
    "net_diff_year": "Verschil netto kosten per jaar", "per_10000": "Per 10.000 inwoners per jaar",
    "cheaper": "Duidelijk goedkoper", "dearer": "Duidelijk duurder",
    "spread_note": "Een groep telt de verschillen van haar gemeenten per herhaling op; het "
                   "interval gaat over die sommen. Duidelijk goedkoper of duurder: het aantal "
                   "gemeenten waar het 95%-interval van het verschil in netto kosten onder of "
                   "boven nul ligt.",
    "largest": "De {k} grootste gemeenten",
    "largest_text": "Alle {n} gemeenten staan in municipalities_comparison.csv.",
    "bijstand_rate": "Bijstand per 1.000 inwoners (2021)",
    "own_words": "{counts} van de gemeenten, zoals de tabel met eigen regimes ze geeft",
    "own_count": "{name} in {n}",
    "muni": "Gemeente", "inhabitants": "Inwoners", "net_diff": "Verschil netto kosten",
    "jobs_diff": "Verschil gestarte banen",
    # --- costs against effects ---------------------------------------------------------------
    "ce": "Kosten tegenover effect",
    "verdict_dominant": "{b} levert minstens evenveel banen op die 12 maanden duren, voor "
                        "minder geld dan {a}, zonder duidelijk slechtere dienstverlening: {b} "
                        "is dominant.",
    "verdict_dominated": "{b} levert niet meer banen op die 12 maanden duren, voor meer geld "
                         "dan {a}, zonder duidelijk betere dienstverlening: {a} is dominant.",
    "verdict_cheaper_worse_service": "{b} is goedkoper dan {a}, maar die besparing gaat ten "
                                     "koste van de dienstverlening: {worse}.",
    "verdict_trade-off": "{b} en {a} ruilen geld tegen banen of dienstverlening: geen van "
                         "beide is op alle punten beter.",
    "worse_participants_served": "er worden minder inwoners bereikt",
    "worse_mean_access_wait_months": "inwoners wachten langer op een plek",
    "worse_waits_beyond_legal_term": "meer aanvragen wachten langer dan de wettelijke termijn",
    "vague_net_cost_eur": "de netto kosten", "vague_jobs_sustained_12m":
        "de banen die 12 maanden duren",
    "verdict_vague": "Let op: dit oordeel volgt alleen de gemiddelden. Voor {what} is er geen "
                     "duidelijk verschil (het 95%-interval bevat nul), dus met meer herhalingen "
                     "of andere aannames kan het anders uitvallen.",
    "icer_dearer": "Elke extra baan die 12 maanden duurt, kost met {b} netto {icer} extra "
                   "(95%-interval {ci}).",
    "icer_cheaper": "{b} bespaart netto {icer} per baan die 12 maanden duurt en die er met {b} "
                    "minder is (95%-interval {ci}).",
    "no_ratio_interval": "geen interval: het verschil in banen kan ook nul zijn",
    "dominant": "dominant", "dominated": "gedomineerd",
    "icer_beyond_dominant": "'Dominant' als grens: in een deel van de herhalingen is {b} "
                            "goedkoper én levert het meer banen op; een bedrag per baan zegt "
                            "dan niets.",
    "icer_beyond_dominated": "'Gedomineerd' als grens: in een deel van de herhalingen is {b} "
                             "duurder én levert het minder banen op; een bedrag per baan zegt "
                             "dan niets.",
    "ce_plane": "Kosten-effectvlak: {b} tegenover {a}, één punt per herhaling",
    "ce_plane_note": "Elk punt is één herhaling: naar rechts levert {b} meer banen op die 12 "
                     "maanden duren, naar boven kost {b} netto meer over {years} jaar. "
                     "Rechtsonder is {b} goedkoper én levert meer banen op, linksboven duurder "
                     "én minder banen. Het kruis is het gemiddelde; de spreiding van de punten "
                     "is de spreiding tussen de herhalingen, geen interval.",
    "ceac": "Kans dat {b} de betere keuze is dan {a}, per bedrag dat de raad over heeft voor "
            "een extra baan die 12 maanden duurt",
    "ceac_note": "Bij € 0 per baan telt alleen geld: de kans is dan het aandeel herhalingen "
                 "waarin {b} goedkoper is ({p0}). Hoe meer een extra baan de raad waard is, "
                 "hoe zwaarder de banen tellen; aan het eind van de lijn is de kans {p1}. Van "
                 "de {n} herhalingen is {b} in {always} goedkoper met minstens evenveel banen "
                 "(bij elk bedrag de betere keuze) en in {never} duurder zonder meer banen (bij "
                 "geen enkel bedrag); {trade} ruilen geld tegen banen.",
    "ceac_shape": "Alleen die laatste laten de lijn stijgen of dalen; boven {top} per baan "
                  "wisselt geen herhaling meer van kant, daarom loopt de lijn tot iets "
                  "voorbij dat bedrag.",
    "ceac_flat": "Geen enkele herhaling ruilt geld tegen banen, dus geen bedrag per baan "
                 "verandert de keuze: daarom is de lijn vlak.",
    # --- groups and time ---------------------------------------------------------------------
    "equity": "Per doelgroep", "group": "Doelgroep", "served": "Bereikt",
    "jobs_short": "Banen gestart",
    "equity_note": "Bereikt: inwoners die tijdens de looptijd in dagbesteding zaten. Banen "
                   "gestart: in de looptijd. Gemiddelden over de herhalingen.",
    "over_time": "Verloop in de tijd",
    "figures_note": "Lijnen zijn gemiddelden over {n} herhalingen, maand voor maand.",
    "ladder": "Participatieladder per maand (gemiddelde)",
    "ladder_note": "De participatieladder deelt inwoners in naar hoe ver ze meedoen, van "
                   "trede 1 tot 6: {rungs}. Dagbesteding staat meestal op trede 3 of 4 "
                   "(docs/evidence.md §5). Elke kleurlaag is het aantal inwoners in beeld op "
                   "die trede.",
    "jobs": "Gestarte banen, opgeteld (gemiddelde en band tussen herhalingen)",
    "jobs_note": "De lijn is het gemiddelde. De gekleurde band is de spreiding tussen de "
                 "herhalingen: 95% van de herhalingen ligt erbinnen (2,5e tot 97,5e "
                 "percentiel). Dat is geen interval van het gemiddelde; het interval in de "
                 "tabellen gaat over het gemiddelde verschil en is daarom veel smaller.",
    "costs": "Kosten over {years} jaar per categorie (gemiddelde)",
    "costs_note": "Alle kosten over de looptijd, opgebouwd uit hun categorieën; bespaarde "
                  "uitkeringen staan er niet in (zie 'Wie betaalt, wie wint').",
    "waiting": "Wachtenden per maand (gemiddelde)",
    "waiting_note": "Doorgetrokken: inwoners met een nieuwe aanvraag die wachten op een "
                    "onderzoek (alleen bij indicatie). Gestreept: inwoners die wachten op een "
                    "plek. Gestippeld: herindicaties die lopen; die inwoners houden hun plek, "
                    "dus dit is werk voor consulenten, geen wachten.",
    "transition": "Overgang na de beleidswijziging: kosten per maand, deelnemers en lopende "
                  "beschikkingen (gemiddelde)",
    # --- assumptions ---------------------------------------------------------------------
    "sensitivity": "Welke aannames het antwoord bepalen",
    "no_sensitivity": "Deze run heeft niet doorgerekend welke aannames het antwoord bepalen: "
                      "draai de vergelijking opnieuw met --sensitivity (elke aanname apart op "
                      "de randen van haar bereik, en het omslagpunt van het budget) of met --psa "
                      "(alle aannames tegelijk getrokken). Volgens de beschrijving van het model "
                      "(docs/model.md) hangt het verschil in kosten vooral af van {cost}, en "
                      "het verschil in banen van prikkels die niemand heeft gemeten: {jobs}.",
    "no_tornado": "Draai met --sensitivity voor elke aanname apart (tornadodiagram) en het "
                  "omslagpunt van het budget.",
    "tornado_text": "Elke onbekende aanname apart op de onder- en bovenkant van haar "
                    "plausibele bereik, de andere op hun standaardwaarde; de balken tonen het "
                    "verschil ({b} min {a}) bij beide uitersten.",
    "tornado": "Tornadodiagram: verschil in netto kosten over {years} jaar ({b} min {a}) per "
               "aanname",
    "tornado_jobs": "Tornadodiagram: verschil in banen die 12 maanden duren ({b} min {a}) per "
                    "aanname",
    "tornado_note": "De verticale lijn is het verschil bij de standaardwaarden. Elk punt is "
                    "doorgerekend met minder herhalingen dan de vergelijking zelf "
                    "(--sensitivity-replications), dus die lijn kan door toeval afwijken van "
                    "het verschil in de tabellen; vergelijk de balken vooral onderling.",
    "turns": "Waar het antwoord omslaat",
    "turns_text": "Per aanname het verschil ({b} min {a}) in netto kosten over {years} jaar en "
                  "in banen die 12 maanden duren, aan de onder- en bovenkant van het "
                  "plausibele bereik; 'slaat om bij' is de waarde waarbij het verschil van "
                  "teken wisselt (– als dat binnen het bereik niet gebeurt); 'draagt' is "
                  "hoeveel van het verschil in banen verdwijnt als de aanname op geen effect "
                  "(0) staat. Een factor (×) vermenigvuldigt de standaardwaarden.",
    "turn_assumption": "Aanname", "turn_range": "Bereik", "turn_cost": "Netto kosten",
    "turn_jobs": "Banen die 12 maanden duren", "turn_cost_flips": "Kosten slaan om bij",
    "turn_jobs_flips": "Banen slaan om bij", "turn_carried": "Draagt van het banenverschil",
    "psa_turns": "Waar het antwoord omslaat in de trekkingen",
    "psa_turns_text": "Uit de trekkingen van de probabilistische gevoeligheidsanalyse: per "
                      "aanname de grens die het best scheidt waar het verschil ({b} min {a}) "
                      "positief is en waar negatief, met het aandeel trekkingen dat die grens "
                      "goed indeelt en het aandeel dat het vaker voorkomende teken alleen al "
                      "goed heeft. Alleen grenzen die meer goed indelen dan de beste aanname "
                      "doet als de tekens geschud worden (in 95% van de keren): meer dan "
                      "toeval.",
    "psa_turns_none": "Geen aanname scheidt de trekkingen beter dan toeval: het antwoord hangt "
                      "niet aan één aanname (of er zijn te weinig trekkingen om het te zien).",
    "psa_outcome": "Uitkomst", "psa_threshold": "Grens", "psa_above": "Boven de grens",
    "psa_right": "Goed ingedeeld", "psa_common": "Zonder de aanname",
    "psa_chance": "Bij toeval",
    "psa_cost_up": "{b} duurder", "psa_cost_down": "{b} goedkoper",
    "psa_jobs_up": "meer banen met {b}", "psa_jobs_down": "minder banen met {b}",
    "break_even": "Omslagpunt: verschil in netto kosten over {years} jaar ({b} min {a}) bij "
                  "een oplopend vast budget",
    "break_even_note": "Elk punt is de vergelijking met het budget van de algemene voorziening "
                       "vast op dat bedrag per jaar; waar de lijn nul kruist, kosten beide "
                       "evenveel.",
    "break_even_at": "Bij een vast budget van {value} per jaar kosten beide beleidskeuzes "
                     "netto evenveel.",
    "break_even_none": "Bij een vast budget tussen {low} en {high} per jaar wisselt het "
                       "verschil in netto kosten niet van teken.",
    "equal_service_at": "Bij een vast budget van {value} per jaar wachten inwoners met {b} "
                        "niet langer op een plek dan met {a}: het budget voor gelijke "
                        "dienstverlening.",
    "equal_service_none": "Bij een vast budget tussen {low} en {high} per jaar wisselt het "
                          "verschil in wachttijd op een plek niet van teken.",
    "checked": "Waaraan het model is getoetst",
    "checked_text": "Nederlandse cijfers spelen vier rollen. Draai doorstroom check-targets "
                    "voor de uitkomsten; docs/validation.md geeft bronnen en redenen.",
    "checked_validation": "Validatie (niet gebruikt om iets in te stellen, kan dus falen):",
    "checked_calibration": "IJking (een invoer is zo gekozen dat het model hier uitkomt; dat "
                           "het klopt is geen bewijs):",
    "checked_consistency": "Consistentie (volgt uit de invoer; toont alleen dat de rekensom "
                           "klopt):",
    "checked_not_modelled": "Niet in het model (het gat blijft zichtbaar):",
    "assumptions": "Belangrijkste aannames",
    "assumptions_text": "Niemand heeft deze grootheden gemeten; de waarden hieronder zijn "
                        "aannames met hun plausibele bereik (daaruit trekt --psa, daarover "
                        "varieert --sensitivity). Bron en reden per parameter staan in "
                        "docs/parameters.md; wat er over deze grootheden bekend is en wat niet, "
                        "in docs/evidence.md §11.",
    "plausible": "plausibel {low} – {high}",
    "plausible_factor": "plausibel: deze waarden {low} tot {high} (vermenigvuldigd met een "
                        "factor)",
    "caveat": "Dit zijn schattingen uit een simulatiemodel, geen voorspellingen. Bronnen van "
              "de cijfers: docs/evidence.md; elke parameter met bron of reden: "
              "docs/parameters.md; hoe het model werkt: docs/model.md.",
}
