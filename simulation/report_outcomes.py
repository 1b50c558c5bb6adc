"""The parts of the report that state the comparison's outcomes: what was compared, the
answer in brief, the tables' rows, the verdict and the notes under the cost-effectiveness
charts. Every sentence comes from ``report_texts``; every name from the declarations.

A difference whose 95% interval includes zero is never given a direction in words: it is
"no clear difference", with its mean and interval beside it.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from . import economics
from .declarations import BY_KEY, ORGANISATIONS_KEY, OWN_POLICY
from .municipalities import TABLES
from .presentation import (
    fmt,
    fmt_input,
    fmt_param,
    fmt_percent,
    fmt_range,
    is_money,
    is_total_money,
    metric_label,
    param_name,
    policy_name,
    regime_label,
    variant_label,
)

esc = html.escape


@dataclass(frozen=True)
class Page:
    """What every part of one report needs: its words, the two policy sets (labels as in
    the results, names as readers say them) and the horizon money is totalled over."""

    t: Mapping[str, str]
    lang: str
    labels: tuple[str, str]
    names: tuple[str, str]
    months: int
    replications: int
    psa: bool

    @property
    def years(self) -> float:
        return self.months / 12

    def say(self, key: str, **fields: Any) -> str:
        """A sentence in plain text, with the policy sets' names (``a``, ``b``) and the
        horizon in years (``years``) at hand; one that opens with a name opens with a
        capital."""
        template = self.t[key]
        text = template.format(**{"a": self.names[0], "b": self.names[1],
                                  "years": fmt_input(self.years, self.lang), **fields})
        return text[:1].upper() + text[1:] if template.startswith("{") else text

    def p(self, key: str, css: str = "", **fields: Any) -> str:
        """``say`` as an HTML paragraph."""
        cls = f' class="{css}"' if css else ""
        return f"<p{cls}>{esc(self.say(key, **fields))}</p>"

    def listed(self, items) -> str:
        """Items inside a sentence: "a, b and c"."""
        items = list(items)
        return (", ".join(items[:-1]) + f" {self.t['and']} " + items[-1] if len(items) > 1
                else "".join(items))

    def interval(self, low, high, money: bool = False) -> str:
        """An interval as "low … high", or in words that one replication gives none."""
        return (None if self.replications < 2 else fmt_range(low, high, self.lang, money)
                ) or self.t["no_interval"]

    @property
    def per_year(self) -> bool:
        """Whether money is also given per year (not when the horizon is one year)."""
        return self.months != 12

    def money(self, value) -> str:
        """A total over the horizon with, on a line of its own, its mean per year."""
        if value is None or value != value:
            return "–"
        if not self.per_year:
            return fmt(value, self.lang, True)
        per_year = self.say("per_year", amount=fmt(value / self.years, self.lang, True))
        return (f'{fmt(value, self.lang, True)}<br><span class="year">{esc(per_year)}'
                "</span>")


def figure(name: str, caption: str, note: str = "") -> str:
    """A chart with its caption and, below it, what it shows and how to read it."""
    cap = esc(caption)
    below = f'<p class="note">{esc(note)}</p>' if note else ""
    return (f'<figure><img src="{name}" alt="{cap}"><figcaption>{cap}</figcaption>'
            f"</figure>{below}")


def table(page: Page, heads, rows: str) -> str:
    """A table with the labels ``heads`` over ready-made rows."""
    return wide("<tr>" + "".join(f"<th>{esc(page.t[k])}</th>" for k in heads) + "</tr>" + rows)


def wide(rows: str) -> str:
    """A table that scrolls sideways on a narrow screen instead of running off it."""
    return f'<div class="wide"><table>{rows}</table></div>'


def clear(low, high) -> bool | None:
    """Whether a 95% interval excludes zero (``None``: there is no interval)."""
    if low is None or low != low:
        return None
    return bool(low > 0 or high < 0)


# --- what was compared -----------------------------------------------------------------


def compared_html(page: Page, sc) -> str:
    """The two policy sets in words, the variants both have, and every value changed from
    the scenario file (``--set``, the options that stand for keys, or the dashboard)."""
    both = list(sc["policy.variants"])
    items = "".join(f"<li><b>{esc(name)}</b>: {esc(_policy_words(page, sc, label, both))}</li>"
                    for label, name in zip(page.labels, page.names))
    out = [f"<h2>{esc(page.t['compared'])}</h2><ul>{items}</ul>"]
    if both:
        out.append(page.p("both_variants", variants=", ".join(variant_label(v, page.lang)
                                                                for v in both)))
    if sc.overrides:
        changed = "".join(f"<li>{esc(_setting_name(key, page.lang))}: "
                          f"{esc(_setting(page, key, value))}</li>"
                          for key, value in sc.overrides.items())
        out.append(page.p("changed", name=sc.name) + f"<ul>{changed}</ul>")
    else:
        out.append(page.p("unchanged", name=sc.name))
    out.append(page.p("money_note" if page.per_year else "money_note_year", css="note",
                      months=page.months))
    return "".join(out)


def _policy_words(page: Page, sc, label: str, both: list[str]) -> str:
    """A policy set as a phrase: its regime, its own variants, the values it changes, and
    a change of policy at a date."""
    if label == OWN_POLICY:
        return page.t["own_words"].format(counts=_own_counts(page, sc))
    spec = sc.policy(label)
    words = [page.t.get(f"regime_{spec.regime}", regime_label(spec.regime, page.lang))]
    own = [variant_label(v, page.lang) for v in spec.variants if v not in both]
    if own:
        words.append(page.t["with"] + " " + ", ".join(own))
    if spec.overrides:
        words.append(page.t["own_settings"] + " " + "; ".join(
            f"{_setting_name(k, page.lang)}: {_setting(page, k, v)}"
            for k, v in spec.overrides.items()))
    text = ", ".join(words)
    if spec.switch_to is not None:
        text += "; " + page.t["switch"].format(
            month=spec.switch_month, months=spec.transition_months,
            to=policy_name(spec.switch_to.label, page.lang, sc.alternatives))
    return text


def _own_counts(page: Page, sc) -> str:
    """How many municipalities run each policy set of their own, most first."""
    counts = Counter(m.regime or sc["policy.regime"] for m in sc.municipalities)
    return page.listed(page.t["own_count"].format(
        name=policy_name(label, page.lang, sc.alternatives), n=fmt_input(n, page.lang))
        for label, n in counts.most_common())


def _setting_name(key: str, lang: str) -> str:
    return param_name(BY_KEY[key], lang) if key in BY_KEY else key.rsplit(".", 1)[-1]


def _setting(page: Page, key: str, value) -> str:
    """A scenario value as a reader knows it: a regime's or variant's name, a rule in
    words, a table's file name, a number in its unit."""
    lang = page.lang
    if key == ORGANISATIONS_KEY:
        return page.t["organisations_changed"].format(n=len(value))
    if key == "policy.regime":
        return regime_label(value, lang)
    if key == "policy.variants":
        return ", ".join(variant_label(v, lang) for v in value) or page.t["none"]
    if key in TABLES:
        return Path(value).name if value else page.t["none"]
    if BY_KEY[key].unit == "months":
        return f"{fmt_input(value, lang)} {page.t['months']}"
    if isinstance(value, str):
        return page.t.get(f"choice_{value}", value)
    if isinstance(value, list) and value and isinstance(value[0], str):
        return ", ".join(value)
    return fmt_param(BY_KEY[key], value, lang)


# --- the answer in brief -----------------------------------------------------------------


def answer_html(page: Page, by, sc) -> str:
    """Money per year and over the horizon, jobs, reach and waiting: each a direction in
    words only where its interval excludes zero."""
    kept, started = by.loc[economics.EFFECT], by.loc["jobs_started"]
    sentences = [
        _cost_sentence(page, by.loc[economics.COST]),
        _sentence(page, started, "answer_jobs"),
        _sentence(page, kept, "answer_kept"),
    ]
    if abs(kept.difference) > abs(started.difference) or kept.difference * started.difference < 0:
        sentences.append(page.say("answer_kept_more"))
    sentences += [
        _sentence(page, by.loc["participants_served"], "answer_reach"),
        _sentence(page, by.loc["mean_access_wait_months"], "answer_wait",
                  words=("shorter", "longer")),
        _sentence(page, by.loc["waits_beyond_legal_term"], "answer_late",
                  term=fmt_input(sc["service.legal_term_months"], page.lang)),
    ]
    body = "".join(f"<p>{esc(s)}</p>" for s in sentences)
    return body + page.p("answer_note", css="note")


def _cost_sentence(page: Page, r) -> str:
    lang = page.lang
    fields = {"year": fmt(abs(r.difference) / page.years, lang, True),
              "total": fmt(abs(r.difference), lang, True),
              "word": page.t["lower" if r.difference < 0 else "higher"],
              "ci": page.interval(r.ci95_low, r.ci95_high, True)}
    unclear = clear(r.ci95_low, r.ci95_high) is False
    return page.say("answer_cost_unclear" if unclear else "answer_cost", **fields)


def _sentence(page: Page, r, key: str, words=("fewer", "more"), **extra) -> str:
    """One outcome's difference: in words where it is clear, else "no clear difference"
    with the mean and the interval."""
    money = is_money(r.name)
    ci = page.interval(r.ci95_low, r.ci95_high, money)
    if r.ci95_low == r.ci95_high == 0 or (r.difference == 0 and clear(r.ci95_low, r.ci95_high)
                                          is None):  # the same in every replication
        return page.say("same", label=metric_label(r.name, page.lang))
    if clear(r.ci95_low, r.ci95_high) is False:
        return page.say("unclear", label=metric_label(r.name, page.lang),
                        diff=fmt(r.difference, page.lang, money), ci=ci)
    word = page.t[words[0] if r.difference < 0 else words[1]]
    return page.say(key, n=fmt(abs(r.difference), page.lang, money), word=word, ci=ci, **extra)


# --- tables ------------------------------------------------------------------------------


def outcome_table(page: Page, rows) -> str:
    """Outcomes with both means, the difference and its interval; money as a total with
    its mean per year below, and "no clear difference" where the interval holds zero."""
    t = page.t
    head = (f"<tr><th>{esc(t['metric'])}</th><th>{esc(page.names[0])}</th>"
            f"<th>{esc(page.names[1])}</th><th>{esc(page.say('difference'))}</th>"
            f"<th>{esc(t['interval'])}</th></tr>")
    return wide(head + "".join(_row(page, r) for r in rows.itertuples(index=False)))


def _row(page: Page, r) -> str:
    lang, name = page.lang, r.metric
    money = is_money(name)

    def cell(value) -> str:
        return page.money(value) if is_total_money(name) else fmt(value, lang, money)

    interval = interval_cell(page, r.ci95_low, r.ci95_high, money, is_total_money(name))
    return (f"<tr><td>{esc(metric_label(name, lang))}</td><td>{cell(r[1])}</td>"
            f"<td>{cell(r[2])}</td><td>{cell(r.difference)}</td><td>{interval}</td></tr>")


def interval_cell(page: Page, low, high, money: bool = False, total: bool = False) -> str:
    """An interval (of a total over the horizon also per year), and below it whether it
    shows a difference at all."""
    text = esc(page.interval(low, high, money))
    if total and page.per_year and clear(low, high) is not None:
        per_year = page.interval(low / page.years, high / page.years, money)
        text += f'<br><span class="year">{esc(page.say("per_year", amount=per_year))}</span>'
    if clear(low, high) is False:
        word = "no_difference" if low == high == 0 else "no_clear_difference"
        text += f'<br><span class="unclear">{esc(page.t[word])}</span>'
    return text


# --- costs against effects ---------------------------------------------------------------


def verdict_text(page: Page, ce: Mapping[str, Any], by) -> str:
    """The verdict, naming what a saving costs in service, and saying where it rests on
    means whose intervals include zero."""
    t = page.t
    worse = [t[f"worse_{m}"] for m, v in ce["service"].items() if v["judgement"] == "worse"]
    text = page.say(f"verdict_{ce['verdict']}", worse=page.listed(worse))
    vague = [t[f"vague_{m}"] for m in (economics.COST, economics.EFFECT)
             if clear(by.loc[m].ci95_low, by.loc[m].ci95_high) is False]
    if vague:
        text += " " + page.say("verdict_vague", what=page.listed(vague))
    return text


def icer_text(page: Page, ce: Mapping[str, Any]) -> str:
    """Where money buys jobs: the extra net cost per extra job lasting 12 months, or the
    saving per job fewer. A bound of the interval past zero is named for what it is
    (dominant, dominated), never printed as a negative amount per job."""
    if ce["icer"] is None:
        return ""
    dearer = ce["delta_cost"] > 0
    low, high = ce["icer_ci95"]
    if low is None:
        ci = page.t["no_interval" if page.replications < 2 else "no_ratio_interval"]
    else:
        beyond = page.t["dominant" if dearer else "dominated"]
        ci = " … ".join(beyond if x < 0 else fmt(x, page.lang, True) for x in (low, high))
    key = "icer_dearer" if dearer else "icer_cheaper"
    text = page.say(key, icer=fmt(ce["icer"], page.lang, True), ci=ci)
    if low is not None and low < 0:
        text += " " + page.say("icer_beyond_dominant" if dearer else "icer_beyond_dominated")
    return text


def ceac_note(page: Page, results, curve) -> str:
    """Why the acceptability curve has the shape it has: how many replications are always,
    never or sometimes the better buy, and so when the line is flat."""
    a, b = page.labels
    d_cost = economics.paired(results, a, b, economics.COST)
    d_jobs = economics.paired(results, a, b, economics.EFFECT)
    never = int(((d_cost >= 0) & (d_jobs <= 0)).sum())
    trade = int((d_cost * d_jobs > 0).sum())
    prob = curve.iloc[:, 1].to_numpy()
    text = page.say("ceac_note", n=d_cost.size, always=d_cost.size - never - trade,
                    never=never, trade=trade, p0=fmt_percent(prob[0], page.lang),
                    p1=fmt_percent(prob[-1], page.lang))
    if trade:
        turns = economics.turning_points(d_cost, d_jobs)
        return text + " " + page.say("ceac_shape", top=fmt(np.max(turns), page.lang, True))
    return text + " " + page.say("ceac_flat")
