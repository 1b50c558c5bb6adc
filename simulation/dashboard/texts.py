"""Every sentence the dashboard shows, in Dutch (the default) and English.

Names of parameters, variants, payers, categories and metrics come from the
declarations through ``simulation.presentation``, and the words on the charts' axes from
``simulation.charts``; everything else the page says is here, so a translation is one
table.
"""

from __future__ import annotations

import re

from ..declarations import BY_KEY, Param
from ..presentation import param_name

TEXTS = {
    "nl": {
        "title": "Doorstroom: dagbesteding met indicatie of als algemene voorziening",
        "scenario_card": "Gemeente en scenario",
        "scenario": "Scenario",
        "upload": "Eigen scenario (TOML, hoogstens {kb} kB): sleep het bestand hierheen",
        "controls": "Maand voor maand",
        "restart": "Opnieuw",
        "play": "Afspelen",
        "pause": "Pauze",
        "step": "Volgende maand",
        "at_horizon": "Einde van de looptijd ({months} maanden). Opnieuw begint weer bij "
                      "maand 0.",
        "inputs": "Instellingen",
        "apply_hint": "Gewijzigde instellingen gelden na Opnieuw: beide regimes beginnen dan "
                      "weer bij maand 0.",
        "compare_with": "Vergelijken met",
        "variant": "Variant: {label}",
        "settings": "Instellingen van deze run",
        "none": "geen",
        "month_of": "{policy}: maand {month} van {months}",
        "residents_note": "{residents} inwoners in beeld ({inhabitants} inwoners), zelfde "
                          "inwoners en toevalstrekkingen in beide regimes.",
        "bad_setting": "Deze instellingen kunnen niet samen: {detail}",
        "internal": "Er ging iets mis bij maand {month} ({detail}); kies Opnieuw om weer bij "
                    "maand 0 te beginnen.",
        "ladder": "Participatieladder: inwoners per trede",
        "jobs": "Banen: gestart (opgeteld) en in betaald werk",
        "waiting": "Wachtlijsten",
        "waiting_mean": "Wachtlijsten (lijn: gemiddelde van {n} herhalingen; licht: deze ene "
                        "run)",
        "waiting_smooth": "Wachtlijsten (lijn: gemiddelde over {months} maanden; licht: elke "
                          "maand van deze run)",
        "costs": "Kosten per categorie, opgeteld tot nu",
        "payers": "Kosten per betaler, opgeteld tot nu",
        "no_data": "Nog geen maand gesimuleerd: kies Volgende maand of Afspelen.",
        "comparison": "Vergelijking over {n} herhalingen",
        "run": "{n} herhalingen draaien",
        "running": "Bezig: {done} van {total} runs klaar",
        "stale": "De instellingen zijn veranderd sinds deze herhalingen; draai ze opnieuw.",
        "no_results": "Nog geen herhalingen. De knop draait beide regimes {n} keer met "
                      "dezelfde inwoners en toevalstrekkingen en geeft 95%-intervallen.",
        "metric": "Uitkomst",
        "difference": "Verschil ({b} min {a})",
        "interval": "95%-interval",
        "no_interval": "geen interval",
        "saved": "Opgeslagen in {folder}",
        "run_failed": "De herhalingen zijn niet gelukt: {detail}",
        "downloads": "Downloaden",
        "download_toml": "Scenario (TOML)",
        "download_months": "Maandcijfers (CSV)",
        "download_csv": "Resultaten (CSV)",
        "download_report": "Rapport (HTML)",
        "toml_note": "Het scenario met deze instellingen; opnieuw te draaien met: {command}",
        "upload_too_big": "Het bestand is {size} kB; een scenario mag hoogstens {kb} kB zijn.",
        "upload_not_toml": "Alleen een scenario als .toml-bestand kan worden geladen, "
                           "niet '{name}'.",
        "upload_not_text": "Het bestand is geen UTF-8-tekst.",
        "upload_bad": "Het scenario kan niet worden geladen: {detail}",
        "same_policy": "Beide kanten zijn '{policy}'; kies bij 'Vergelijken met' een ander "
                       "beleid.",
        "seed_bad": "Het startgetal moet een geheel getal zijn (0 of groter), niet '{value}'.",
        "credit": "Gemaakt met Mesa en Solara.",
    },
    "en": {
        "title": "Doorstroom: day activities by individual assessment or open access",
        "scenario_card": "Municipality and scenario",
        "scenario": "Scenario",
        "upload": "Your own scenario (TOML, at most {kb} kB): drop the file here",
        "controls": "Month by month",
        "restart": "Reset",
        "play": "Play",
        "pause": "Pause",
        "step": "Next month",
        "at_horizon": "End of the horizon ({months} months). Reset starts again at month 0.",
        "inputs": "Settings",
        "apply_hint": "Changed settings apply after Reset: both regimes then start again at "
                      "month 0.",
        "compare_with": "Compare with",
        "variant": "Variant: {label}",
        "settings": "Settings of this run",
        "none": "none",
        "month_of": "{policy}: month {month} of {months}",
        "residents_note": "{residents} residents in scope ({inhabitants} inhabitants), the same "
                          "residents and random draws under both regimes.",
        "bad_setting": "These settings do not go together: {detail}",
        "internal": "Something went wrong in month {month} ({detail}); press Reset to start "
                    "again.",
        "ladder": "Participation ladder: residents per rung",
        "jobs": "Jobs: started (cumulative) and in paid work",
        "waiting": "Waiting lists",
        "waiting_mean": "Waiting lists (line: mean of {n} replications; faint: this single "
                        "run)",
        "waiting_smooth": "Waiting lists (line: {months}-month average; faint: each month of "
                          "this run)",
        "costs": "Costs by category, cumulative to date",
        "payers": "Costs per payer, cumulative to date",
        "no_data": "No month simulated yet: press Next month or Play.",
        "comparison": "Comparison over {n} replications",
        "run": "Run {n} replications",
        "running": "Running: {done} of {total} runs done",
        "stale": "The settings changed since these replications; run them again.",
        "no_results": "No replications yet. The button runs both regimes {n} times on the same "
                      "residents and random draws and gives 95% intervals.",
        "metric": "Outcome",
        "difference": "Difference ({b} minus {a})",
        "interval": "95% interval",
        "no_interval": "no interval",
        "saved": "Saved in {folder}",
        "run_failed": "The replications failed: {detail}",
        "downloads": "Download",
        "download_toml": "Scenario (TOML)",
        "download_months": "Monthly figures (CSV)",
        "download_csv": "Results (CSV)",
        "download_report": "Report (HTML)",
        "toml_note": "The scenario with these settings; rerun it with: {command}",
        "upload_too_big": "The file is {size} kB; a scenario may be at most {kb} kB.",
        "upload_not_toml": "Only a scenario as a .toml file can be loaded, not '{name}'.",
        "upload_not_text": "The file is not UTF-8 text.",
        "upload_bad": "The scenario cannot be loaded: {detail}",
        "same_policy": "Both sides are '{policy}'; choose another policy under 'Compare with'.",
        "seed_bad": "The seed must be a whole number (0 or more), not '{value}'.",
        "credit": "Built with Mesa and Solara.",
    },
}

#: Units as a Dutch reader writes them; units not listed are shown as declared.
_UNITS = {
    "nl": {"months": "maanden", "EUR": "€", "EUR/yr": "€ per jaar",
           "EUR/dagdeel": "€ per dagdeel", "EUR/month": "€ per maand", "EUR/h": "€ per uur",
           "EUR/day": "€ per dag", "assessments/month": "per maand", "persons": "personen",
           "share": "fractie", "share/yr": "per jaar", "1/month": "kans per maand",
           "dagdelen/week": "per week", "hours/week": "uur per week", "weeks": "weken",
           "employers": "werkgevers", "places": "plaatsen", "years": "jaar", "rung": "trede",
           "runs": "runs", "-": ""},
    "en": {"EUR/yr": "EUR per year", "EUR/month": "EUR per month", "share": "fraction",
           "share/yr": "per year", "1/month": "chance per month", "-": ""},
}

#: The choices of the rule inputs (``controls.CHOICE_KEYS``) as a reader says them; the
#: registry declares them as bare names.
_CHOICES = {
    "nl": {"cost_price": "kostprijs van de aanbieder", "fixed": "vast bedrag",
           "follow_attendance": "opkomst van vorig jaar"},
    "en": {"cost_price": "the provider's cost price", "fixed": "a fixed amount",
           "follow_attendance": "last year's attendance"},
}

#: Phrases of the scenario checks' messages, for the Dutch page (the rest stays as is).
_PHRASES_NL = (
    ("must add up to 1, they add up to", "moeten samen 1 zijn, ze zijn samen"),
    ("is out of range: allowed", "valt buiten het bereik: toegestaan"),
    ("; at most 1", "; dat mag hoogstens 1 zijn"),
    ("at most", "hoogstens"),
    ("applies only when", "geldt alleen als"),
    ("(now ", "(nu "),
    ("; set that too", "; zet die ook zo"),
    (" for ", " voor "),
)


def text(lang: str, key: str, **fields) -> str:
    """One UI text in ``lang`` with its fields filled in."""
    return TEXTS[lang if lang in TEXTS else "nl"][key].format(**fields)


def unit(param: Param, lang: str) -> str:
    return _UNITS[lang].get(param.unit, param.unit)


def choice_label(choice: str, lang: str) -> str:
    """A rule's choice in words (``cost_price``: "kostprijs van de aanbieder")."""
    return _CHOICES[lang].get(choice, choice)


def param_label(param: Param, lang: str) -> str:
    """The label of an input: the registry's name for it plus its unit.

    What the name already says is left out of the unit ("Onderzoeken per maand").
    """
    name = param_name(param, lang)
    u = unit(param, lang)
    for phrase in re.findall(r"per \w+", u):  # "Tarief per dagdeel (€)", not "(€ per dagdeel)"
        if phrase in name.lower():
            u = u.replace(phrase, "").strip()
    said = ("aandeel", "share") if param.unit == "share" else (u.lower(),)
    if not u or any(word in name.lower() for word in said):
        return name
    return f"{name} ({u})"


def translate_error(message: str, lang: str) -> str:
    """A scenario check's message with parameter keys replaced by their labels.

    ``indicatie.tariff_per_dagdeel_eur applies only when indicatie.tariff_rule = "fixed"``
    reads on the Dutch page as ``'Tarief per dagdeel' geldt alleen als 'Tariefregel' =
    "fixed"``.
    """
    for key in sorted(BY_KEY, key=len, reverse=True):
        if key in message:
            message = message.replace(key, f"'{param_name(BY_KEY[key], lang)}'")
    message = re.sub(r"^(--set |[^\s:]+\.toml: |[\w-]+: )", "", message)
    if lang == "nl":
        for en, nl in _PHRASES_NL:
            message = message.replace(en, nl)
        message = re.sub(r"toegestaan (\S+) to (\S+)", r"toegestaan \1 tot \2", message)
    return message.strip()
