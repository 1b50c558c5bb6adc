"""The parts of the report about assumptions: which of them decide the answer (from
``--sensitivity`` or ``--psa`` when the run has them, else what a reader can do and what
the model's documentation says matters), what each is set to, and what the model was
checked against.
"""

from __future__ import annotations

import pandas as pd

from . import targets
from .declarations import BY_KEY, Param, uncertain_params
from .presentation import fmt, fmt_param, fmt_percent, param_name
from .report_outcomes import Page, esc, figure, table

#: The assumptions docs/model.md names as deciding: the lump sum's rule sets what open
#: access costs; the incentives nobody has measured carry the difference in jobs.
KNOWN_TO_MATTER = {
    "cost": ("voorziening.budget_rule",),
    "jobs": ("indicatie.revenue_aversion", "indicatie.fear_of_losing_decision",
             "voorziening.productive_retention", "voorziening.light_case_preference"),
}


def deciding_html(page: Page, sens: dict | None, psa: pd.DataFrame | None) -> str:
    """Which assumptions decide the answer: the tornado and break-even of
    ``--sensitivity``, the thresholds in the draws of ``--psa``; with neither, one
    sentence on how to find out and what the documentation says matters."""
    out = f"<h2>{esc(page.t['sensitivity'])}</h2>"
    if sens:
        out += _tornado_html(page, sens)
    if psa is not None:
        out += _psa_turns_html(page, psa)
    if not sens:
        names = {kind: page.listed(_in_sentence(param_name(BY_KEY[k], page.lang))
                                   for k in keys) for kind, keys in KNOWN_TO_MATTER.items()}
        out += page.p("no_sensitivity" if psa is None else "no_tornado", css="note", **names)
    return out


def _in_sentence(name: str) -> str:
    """A label inside a sentence: lower case, unless it is a name of its own ("Wmo")."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _tornado_html(page: Page, sens: dict) -> str:
    be = sens["break_even"]
    ends = {"low": fmt(be["grid"][0], page.lang, True),
            "high": fmt(be["grid"][-1], page.lang, True)}
    texts = []
    for found, at, none in (("break_even", "break_even_at", "break_even_none"),
                            ("equal_service", "equal_service_at", "equal_service_none")):
        value = be[found]
        texts.append(page.say(none, **ends) if value is None else
                     page.say(at, value=fmt(value, page.lang, True)))
    return (page.p("tornado_text")
            + figure("tornado.png", page.say("tornado"), page.say("tornado_note"))
            + figure("tornado_jobs.png", page.say("tornado_jobs"), page.say("tornado_note"))
            + _turns_html(page, sens["tornado"])
            + f"<p>{esc(' '.join(texts))}</p>"
            + figure("break_even.png", page.say("break_even"), page.say("break_even_note")))


def _value(p: Param, x, lang: str) -> str:
    """A point of a plausible range: a value in its unit, or for a list its factor."""
    if x != x:
        return "–"
    return fmt_param(p, x, lang, multiplier=p.kind == "list[float]")


def _turns_html(page: Page, tornado: pd.DataFrame) -> str:
    """Per assumption: both differences at the ends of its range, where each changes sign,
    and how much of the jobs difference it carries (the difference less that at "no
    effect")."""
    lang = page.lang
    rows = ""
    for r in tornado.itertuples(index=False):
        p = BY_KEY[r.parameter]
        rows += (f"<tr><td>{esc(param_name(p, lang))}</td>"
                 f"<td>{esc(_value(p, r.low, lang))} … {esc(_value(p, r.high, lang))}</td>"
                 f"<td>{fmt(r.difference_at_low, lang, True)} … "
                 f"{fmt(r.difference_at_high, lang, True)}</td>"
                 f"<td>{fmt(r.jobs_difference_at_low, lang)} … "
                 f"{fmt(r.jobs_difference_at_high, lang)}</td>"
                 f"<td>{esc(_value(p, r.flips_at, lang))}</td>"
                 f"<td>{esc(_value(p, r.jobs_flips_at, lang))}</td>"
                 f"<td>{fmt(r.jobs_carried, lang)}</td></tr>")
    return (f"<h3>{esc(page.t['turns'])}</h3>" + page.p("turns_text")
            + table(page, ("turn_assumption", "turn_range", "turn_cost", "turn_jobs",
                           "turn_cost_flips", "turn_jobs_flips", "turn_carried"), rows))


def _psa_turns_html(page: Page, found: pd.DataFrame) -> str:
    """The thresholds from the PSA draws that place more draws right than the best
    assumption does with the signs shuffled (more than luck)."""
    lang = page.lang
    found = found[found["right"] > found["chance"]]
    intro = f"<h3>{esc(page.t['psa_turns'])}</h3>" + page.p("psa_turns_text")
    if found.empty:
        return intro + page.p("psa_turns_none", css="note")
    rows = "".join(
        f"<tr><td>{esc(param_name(BY_KEY[r.parameter], lang))}</td>"
        f"<td>{esc(page.t['turn_' + r.outcome])}</td>"
        f"<td>{esc(_value(BY_KEY[r.parameter], r.threshold, lang))}</td>"
        f"<td>{esc(page.say(f'psa_{r.outcome}_' + ('up' if r.above > 0 else 'down')))}</td>"
        + "".join(f"<td>{fmt_percent(x, lang)}</td>" for x in (r.right, r.common, r.chance))
        + "</tr>" for r in found.itertuples(index=False))
    return intro + table(page, ("turn_assumption", "psa_outcome", "psa_threshold",
                                "psa_above", "psa_right", "psa_common", "psa_chance"), rows)


def assumptions_html(page: Page, sc) -> str:
    """Every unmeasured parameter with its value and plausible range; a list's range is a
    factor on its values, and says so."""
    lang = page.lang
    items = ""
    for p in uncertain_params():
        low, high = (_value(p, x, lang) for x in p.plausible)
        key = "plausible_factor" if p.kind == "list[float]" else "plausible"
        items += (f"<li>{esc(param_name(p, lang))}: {esc(fmt_param(p, sc[p.key], lang))}; "
                  f"{esc(page.say(key, low=low, high=high))}</li>")
    return (f"<h2>{esc(page.t['assumptions'])}</h2>" + page.p("assumptions_text")
            + f"<ul>{items}</ul>")


def checked_html(page: Page) -> str:
    """Which Dutch figures the defaults were tuned to and which test the model: a council
    must not read a restated input as evidence. Nothing where the targets file is absent."""
    if not targets.DEFAULT_FILE.exists():
        return ""
    roles = targets.roles(targets.load_targets(targets.DEFAULT_FILE))
    items = "".join(
        f"<li><b>{esc(page.t['checked_' + kind.replace(' ', '_')])}</b> "
        + "; ".join(esc(r["label"](page.lang)) for r in roles[kind]) + "</li>"
        for kind in targets.GROUPS if roles[kind])
    return (f"<h2>{esc(page.t['checked'])}</h2>" + page.p("checked_text")
            + f"<ul>{items}</ul>")
