"""Every sentence of the comparison report in English (``--lang en``), key by key as in
``report_texts_nl``."""

EN = {
    # --- heading and what was compared ---------------------------------------------------
    "title": "Day activities: individual assessment or open access?",
    "question": "What does each policy cost, who pays, and how many residents move on to paid "
                "work? Both were run for the same residents with the same random draws, so "
                "differences come from the policy.",
    "scenario": "Scenario", "runs": "replications", "seed": "seed", "months": "months",
    "psa_on": "probabilistic sensitivity analysis on",
    "compared": "What was compared",
    "regime_indicatie": "a consultant assesses each request and grants a decision for a "
                        "number of dagdelen a week at one provider, paid per dagdeel attended",
    "regime_voorziening": "residents walk in after a light intake, without a decision; "
                          "providers get a budget for their places",
    "with": "with", "own_settings": "with settings of its own:", "none": "none",
    "switch": "from month {month} {to}; what was already granted runs on for up to {months} "
              "months after the switch",
    "both_variants": "Both policies have: {variants}.",
    "changed": "Changed from scenario {name}:",
    "unchanged": "Every setting comes from scenario {name}; nothing was changed.",
    "organisations_changed": "{n} providers, changed",
    "choice_cost_price": "cost price", "choice_fixed": "fixed amount",
    "choice_follow_attendance": "follows last year's attendance",
    "money_note": "Amounts are totals over the horizon of {months} months ({years} years). A "
                  "council budgets per year, so below each amount is its mean per year (the "
                  "total divided by {years}).",
    "money_note_year": "Amounts are for the horizon of one year.",
    "per_year": "{amount} a year",
    # --- the answer in brief ---------------------------------------------------------------
    "answer": "The answer in brief",
    "answer_cost": "With {b}, net costs are {year} a year {word} than with {a}: {total} over "
                   "{years} years (95% interval over {years} years: {ci}).",
    "answer_cost_unclear": "Net cost: no clear difference between {b} and {a}. On average they "
                           "are {year} a year {word} with {b} ({total} over {years} years), "
                           "but the 95% interval over {years} years ({ci}) includes zero.",
    "answer_jobs": "With {b}, on average {n} {word} jobs start in {years} years than with {a} "
                   "({ci}).",
    "answer_kept": "Of the jobs started, {n} {word} last 12 months within the run with {b} "
                   "({ci}).",
    "answer_kept_more": "That difference can exceed the difference in jobs started: it also "
                        "depends on how often a job lasts 12 months, and jobs from the run's "
                        "last year do not count yet.",
    "answer_reach": "{b} reaches {n} {word} residents than {a} ({ci}).",
    "answer_wait": "From request to a place, residents wait {n} months {word} on average with "
                   "{b} than with {a} ({ci}).",
    "answer_late": "With {b}, {n} {word} requests wait beyond the legal term of {term} months "
                   "({ci}).",
    "unclear": "{label}: no clear difference between {b} and {a} (mean {diff}; the 95% "
               "interval {ci} includes zero).",
    "same": "{label}: no difference between {b} and {a}.",
    "answer_note": "In brackets: the 95% interval of the mean difference; where it includes "
                   "zero, there is no clear difference.",
    "lower": "lower", "higher": "higher", "fewer": "fewer", "more": "more",
    "shorter": "shorter", "longer": "longer", "and": "and",
    "no_interval": "no interval (1 replication)",
    # --- tables ----------------------------------------------------------------------------
    "main": "Main outcomes", "all": "All outcomes", "metric": "Outcome",
    "difference": "Difference ({b} minus {a})", "interval": "95% interval of the difference",
    "no_difference": "no difference", "no_clear_difference": "no clear difference",
    "interval_note": "Difference: {b} minus {a}, averaged over {n} replications with the same "
                     "residents and random draws for both. 95% interval: the paired 95% "
                     "interval of that mean difference (t distribution over the differences "
                     "per replication). It shows chance variation between replications only, "
                     "not the uncertainty in the assumptions; where it includes zero, the "
                     "table says 'no clear difference'. A negative difference in money is a "
                     "saving with {b}.",
    "interval_note_psa": "Difference: {b} minus {a}, averaged over {n} replications with the "
                         "same residents and random draws for both. 95% interval: the paired "
                         "95% interval of that mean difference (t distribution over the "
                         "differences per replication). As every replication also draws the "
                         "unmeasured assumptions from their ranges, it holds that uncertainty "
                         "besides chance; where it includes zero, the table says 'no clear "
                         "difference'. A negative difference in money is a saving with {b}.",
    "interval_note_short": "Difference: {b} minus {a}. 95% interval: paired, of the mean "
                           "difference (see the note under 'Main outcomes'). Amounts: total "
                           "over {years} years, below it per year.",
    "payers": "Who pays, who gains",
    "payers_text": "Costs by pot, as the law assigns them: Wmo, Participatiewet benefits "
                   "(BUIG, including wage subsidy), Participatiewet re-integration (one pot "
                   "with the Wmo when ontschot) and UWV (benefit, loondispensatie, job coaching "
                   "and trial placements of residents on Wajong or WIA). The municipality sees "
                   "its own pots (net cost to the municipality), society every payer (net "
                   "cost). A negative difference is a saving.",
    "funding": "How day activities are paid for",
    "funding_text": "Under individual assessment a care provider gets {tariff} per attended "
                    "dagdeel ({tariff_how}; a social enterprise or sheltered company less, by "
                    "its costs). Under open access the budget is {budget} in the first year "
                    "({budget_how}); it pays for {places} dagdeel places a week at {place} a "
                    "place a dagdeel on average.",
    "tariff_cost_price": "the cost price: staff, overhead and the per-client administration "
                         "that billing per dagdeel brings",
    "tariff_fixed": "a fixed tariff",
    "budget_cost_price": "today's places at cost price, without per-client administration",
    "budget_fixed": "a fixed amount",
    "budget_follow_attendance": "after that it follows last year's attendance, up to a ceiling "
                                "of {ceiling} a year",
    "by_muni": "By municipality",
    "by_muni_scaled": "Every municipality is a model of its own. Residents in scope, "
                      "consultants, budgets, provider places and employers are national "
                      "figures per inhabitant (docs/evidence.md §4 and §8, the rest "
                      "assumptions), not the municipality's own data.",
    "by_muni_local": "Every municipality is a model of its own. Who is in scope follows the "
                     "municipality's own figures for 2021: inhabitants on bijstand and on a "
                     "disability benefit, against the national share (docs/evidence.md §16). "
                     "How many of them use day activities follows the municipality's Wmo use "
                     "against the national rate, between half and one and a half times: "
                     "day-activity use per municipality is not published, so all Wmo support "
                     "stands in for it. Consultants, budgets and provider places follow from "
                     "these; employers are national figures per inhabitant.",
    "by_muni_regions": "The municipalities buy day activities together by region (regions in "
                       "the table: {k}, municipalities without one: {alone}): municipalities under "
                       "the same regime in a region share the places at their providers, and "
                       "all municipalities of a region share one labour market. Each keeps its "
                       "own regime and budget and pays for its own residents; a place in "
                       "another municipality costs more transport.",
    "by_muni_filled": "{k} municipalities lack a figure in the 2021 table; it is filled in "
                      "with their province's mean (the file municipalities.csv says where "
                      "and which figure).",
    "spread_text": "Net cost (all payers) per municipality, {b} against {a}: it falls "
                   "clearly in {cheaper} of the {n} municipalities and rises clearly in "
                   "{dearer}; in {unclear} there is no clear difference (the municipality's "
                   "95% interval includes zero).",
    "spread_cheapest": "Per inhabitant it falls most in {names}.",
    "spread_dearest": "Per inhabitant it rises most in {names}.",
    "spread_size": "By size",
    "spread_bijstand": "By share of inhabitants on bijstand (2021), in fifths",
    "spread_province": "By province",
    "spread_region": "By region (the table of regions)", "no_region": "(no region)",
    "size_below": "fewer than {n} inhabitants", "size_between": "{low} to {high} inhabitants",
    "size_from": "{n} inhabitants or more",
    "bijstand_group": "{low} to {high} per 1,000 inhabitants",
    "muni_group": "Group", "munis": "Municipalities",
    "net_diff_year": "Difference in net cost a year",
    "per_10000": "Per 10,000 inhabitants a year",
    "cheaper": "Clearly cheaper", "dearer": "Clearly dearer",
    "spread_note": "A group adds up its municipalities' differences replication by "
                   "replication; the interval is over those sums. Clearly cheaper or dearer: "
                   "the number of municipalities whose 95% interval of the difference in net "
                   "cost lies below or above zero.",
    "largest": "The {k} largest municipalities",
    "largest_text": "All {n} municipalities are in municipalities_comparison.csv.",
    "bijstand_rate": "Bijstand per 1,000 inhabitants (2021)",
    "own_words": "{counts} of the municipalities, as the table of own regimes gives them",
    "own_count": "{name} in {n}",
    "muni": "Municipality", "inhabitants": "Inhabitants",
    "net_diff": "Difference in net cost", "jobs_diff": "Difference in jobs started",
    # --- costs against effects ---------------------------------------------------------------
    "ce": "Costs against effects",
    "verdict_dominant": "{b} gives at least as many jobs lasting 12 months for less money "
                        "than {a}, with no clearly worse service: {b} is dominant.",
    "verdict_dominated": "{b} gives no more jobs lasting 12 months for more money than {a}, "
                         "with no clearly better service: {a} is dominant.",
    "verdict_cheaper_worse_service": "{b} is cheaper than {a}, but the saving is bought with "
                                     "service: {worse}.",
    "verdict_trade-off": "{b} and {a} trade money against jobs or service: neither is better "
                         "on every count.",
    "worse_participants_served": "fewer residents are reached",
    "worse_mean_access_wait_months": "residents wait longer for a place",
    "worse_waits_beyond_legal_term": "more requests wait beyond the legal term",
    "vague_net_cost_eur": "net cost", "vague_jobs_sustained_12m": "jobs lasting 12 months",
    "verdict_vague": "Note: this verdict follows the means only. For {what} there is no clear "
                     "difference (the 95% interval includes zero), so with more replications or "
                     "other assumptions it may come out otherwise.",
    "icer_dearer": "Each extra job lasting 12 months costs {icer} more, net, with {b} (95% "
                   "interval {ci}).",
    "icer_cheaper": "{b} saves {icer}, net, per job lasting 12 months that it has fewer of "
                    "(95% interval {ci}).",
    "no_ratio_interval": "no interval: the difference in jobs may be zero",
    "dominant": "dominant", "dominated": "dominated",
    "icer_beyond_dominant": "'Dominant' as a bound: in part of the replications {b} is cheaper "
                            "and gives more jobs; an amount per job means nothing there.",
    "icer_beyond_dominated": "'Dominated' as a bound: in part of the replications {b} costs "
                             "more and gives fewer jobs; an amount per job means nothing there.",
    "ce_plane": "Cost-effectiveness plane: {b} against {a}, one point per replication",
    "ce_plane_note": "Each point is one replication: to the right {b} gives more jobs lasting "
                     "12 months, upwards {b} costs more, net, over {years} years. Bottom right "
                     "{b} is cheaper and gives more jobs, top left it costs more and gives "
                     "fewer. The cross is the mean; the spread of the points is the spread "
                     "between replications, not an interval.",
    "ceac": "Probability that {b} is the better buy than {a}, by what the council is willing "
            "to pay for an extra job lasting 12 months",
    "ceac_note": "At € 0 a job only money counts: the probability is the share of "
                 "replications in which {b} is cheaper ({p0}). The more an extra job is worth "
                 "to the council, the more the jobs count; at the end of the line the "
                 "probability is {p1}. Of the {n} replications, {b} is cheaper with at least "
                 "as many jobs in {always} (the better buy at any amount) and costs more "
                 "without more jobs in {never} (at no amount); {trade} trade money against "
                 "jobs.",
    "ceac_shape": "Only those make the line rise or fall; above {top} a job no replication "
                  "changes side, so the line ends a little beyond that amount.",
    "ceac_flat": "No replication trades money against jobs, so no amount per job changes the "
                 "choice: that is why the line is flat.",
    # --- groups and time ---------------------------------------------------------------------
    "equity": "By target group", "group": "Target group", "served": "Reached",
    "jobs_short": "Jobs started",
    "equity_note": "Reached: residents in day activities during the run. Jobs started: during "
                   "the run. Means over the replications.",
    "over_time": "Over time",
    "figures_note": "Lines are means over {n} replications, month by month.",
    "ladder": "Participation ladder by month (mean)",
    "ladder_note": "The participation ladder places residents by how far they take part, from "
                   "rung 1 to 6: {rungs}. Day activities usually sit on rungs 3 and 4 "
                   "(docs/evidence.md §5). Each coloured layer is the number of residents in "
                   "scope on that rung.",
    "jobs": "Jobs started, cumulative (mean and band between replications)",
    "jobs_note": "The line is the mean. The shaded band is the spread between replications: "
                 "95% of the replications lie within it (2.5th to 97.5th percentile). It is "
                 "not an interval of the mean; the interval in the tables is about the mean "
                 "difference and so much narrower.",
    "costs": "Costs over {years} years by category (mean)",
    "costs_note": "All costs over the horizon, built up from their categories; benefits saved "
                  "are not in it (see 'Who pays, who gains').",
    "waiting": "Residents waiting by month (mean)",
    "waiting_note": "Solid: residents with a new request waiting for an assessment (under "
                    "individual assessment only). Dashed: residents waiting for a place. "
                    "Dotted: re-assessments under way; those residents keep their place, so "
                    "this is consultants' work, not waiting.",
    "transition": "Transition after the policy change: cost per month, participants and "
                  "decisions still running (mean)",
    # --- assumptions ---------------------------------------------------------------------
    "sensitivity": "Which assumptions decide the answer",
    "no_sensitivity": "This run did not work out which assumptions decide the answer: run the "
                      "comparison again with --sensitivity (each assumption on its own at the "
                      "ends of its range, and the budget's break-even) or with --psa (all "
                      "assumptions drawn together). By the model's description "
                      "(docs/model.md), the difference in cost rests mostly on {cost}, and the "
                      "difference in jobs on incentives nobody has measured: {jobs}.",
    "no_tornado": "Run with --sensitivity for each assumption on its own (tornado chart) and "
                  "the budget's break-even.",
    "tornado_text": "Each unmeasured assumption on its own at the low and the high end of its "
                    "plausible range, the others at their defaults; the bars show the "
                    "difference ({b} minus {a}) at both ends.",
    "tornado": "Tornado chart: difference in net cost over {years} years ({b} minus {a}) by "
               "assumption",
    "tornado_jobs": "Tornado chart: difference in jobs lasting 12 months ({b} minus {a}) by "
                    "assumption",
    "tornado_note": "The vertical line is the difference at the defaults. Each point was run "
                    "with fewer replications than the comparison itself "
                    "(--sensitivity-replications), so that line can differ by chance from the "
                    "difference in the tables; compare the bars with each other.",
    "turns": "Where the answer turns",
    "turns_text": "Per assumption the difference ({b} minus {a}) in net cost over {years} "
                  "years and in jobs lasting 12 months at the low and the high end of its "
                  "plausible range; 'turns at' is the value where the difference changes sign "
                  "(– where it does not within the range); 'carries' is how much of the jobs "
                  "difference is gone with the assumption at no effect (0). A factor (×) "
                  "multiplies the defaults.",
    "turn_assumption": "Assumption", "turn_range": "Range", "turn_cost": "Net cost",
    "turn_jobs": "Jobs lasting 12 months", "turn_cost_flips": "Cost turns at",
    "turn_jobs_flips": "Jobs turn at", "turn_carried": "Carries of the jobs difference",
    "psa_turns": "Where the answer turns in the draws",
    "psa_turns_text": "From the draws of the probabilistic sensitivity analysis: per assumption "
                      "the threshold that best separates the draws where the difference ({b} "
                      "minus {a}) is positive from those where it is negative, with the share "
                      "of draws it places right and the share the more common sign alone gets "
                      "right. Only thresholds that place more draws right than the best "
                      "assumption does with the signs shuffled (in 95% of shuffles): more than "
                      "luck.",
    "psa_turns_none": "No assumption separates the draws better than luck: the answer does not "
                      "hang on one assumption (or there are too few draws to see it).",
    "psa_outcome": "Outcome", "psa_threshold": "Threshold", "psa_above": "Above it",
    "psa_right": "Placed right", "psa_common": "Without the assumption",
    "psa_chance": "By luck",
    "psa_cost_up": "{b} costs more", "psa_cost_down": "{b} costs less",
    "psa_jobs_up": "more jobs with {b}", "psa_jobs_down": "fewer jobs with {b}",
    "break_even": "Break-even: difference in net cost over {years} years ({b} minus {a}) as a "
                  "fixed budget rises",
    "break_even_note": "Each point is the comparison with the open-access budget fixed at that "
                       "amount a year; where the line crosses zero, both cost the same.",
    "break_even_at": "With a fixed budget of {value} a year both policies cost the same, net.",
    "break_even_none": "With a fixed budget between {low} and {high} a year the difference in "
                       "net cost does not change sign.",
    "equal_service_at": "With a fixed budget of {value} a year residents wait no longer for a "
                        "place with {b} than with {a}: the equal-service budget.",
    "equal_service_none": "With a fixed budget between {low} and {high} a year the difference "
                          "in the wait for a place does not change sign.",
    "checked": "What the model was checked against",
    "checked_text": "Dutch figures play four roles. Run doorstroom check-targets for the "
                    "results; docs/validation.md gives sources and reasons.",
    "checked_validation": "Validation (not used to set anything, so it can fail):",
    "checked_calibration": "Calibration (an input was chosen to land here; that it does is no "
                           "evidence):",
    "checked_consistency": "Consistency (follows from the inputs; shows only that the "
                           "arithmetic is right):",
    "checked_not_modelled": "Not in the model (the gap stays visible):",
    "assumptions": "Main assumptions",
    "assumptions_text": "Nobody has measured these; the values below are assumptions with "
                        "their plausible range (--psa draws from it, --sensitivity varies over "
                        "it). Source and reason per parameter: docs/parameters.md; what is and "
                        "is not known about them: docs/evidence.md §11.",
    "plausible": "plausible {low} – {high}",
    "plausible_factor": "plausible: these values {low} to {high} (multiplied by a factor)",
    "caveat": "These are estimates from a simulation model, not forecasts. Sources of the "
              "figures: docs/evidence.md; every parameter with its source or reason: "
              "docs/parameters.md; how the model works: docs/model.md.",
}
