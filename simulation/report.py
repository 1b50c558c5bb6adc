"""The comparison report: an HTML page with its charts, Dutch by default.

The charts are PNG files next to ``report.html`` (drawn by ``simulation.charts``, which
the dashboard shares), so the page works offline and prints to PDF from any browser. Its
sentences are in ``report_texts``; every name of a metric, category, payer, policy set or
target group comes from the declarations through ``presentation``. The page is put
together here; the outcome parts are in ``report_outcomes``, the assumption parts in
``report_assumptions``, a national run's spread over municipalities in ``report_national``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import charts, economics, funding
from .declarations import GROUPS, PAYER_NAMES, payer_column
from .output import write_text
from .presentation import MAIN_METRICS, fmt, group_label, policy_name
from .report_assumptions import assumptions_html, checked_html, deciding_html
from .report_national import municipalities_html
from .report_outcomes import (
    Page,
    answer_html,
    ceac_note,
    compared_html,
    esc,
    figure,
    icer_text,
    outcome_table,
    verdict_text,
    wide,
)
from .report_texts import LABELS

__all__ = ["LABELS", "cumulative_band", "figures", "monthly_means", "page_of",
           "write_report"]


def write_report(results, out: Path, lang: str = "nl", sensitivity: dict | None = None,
                 ) -> list[str]:
    """Write ``report.html`` and its PNG plots into ``out``; return the file names.

    ``sensitivity`` (from ``economics.tornado`` and ``economics.break_even``) adds the
    tornado chart and the break-even section.
    """
    files = {name: charts.png(fig) for name, fig in figures(results, lang, sensitivity).items()}
    for name, png in files.items():
        (out / name).write_bytes(png)
    write_text(out / "report.html", _html(results, page_of(results, lang), files, sensitivity))
    return [*files, "report.html"]


def page_of(results, lang: str = "nl") -> Page:
    """The report's words and the names of its first two policy sets in ``lang`` (their
    labels where two sets would read alike)."""
    labels = results.policies[:2]
    names = tuple(policy_name(p, lang, results.scenario.alternatives) for p in labels)
    return Page(LABELS[lang], lang, labels, names if names[0] != names[1] else labels,
                results.scenario["simulation.months"], results.replications, results.psa)


def figures(results, lang: str = "nl", sensitivity: dict | None = None) -> dict[str, Figure]:
    """The report's charts by file name, for the first two policy sets of ``results``:
    means over the replications (the jobs with the band between replications), every
    word on them in ``lang`` and the policy sets by their names."""
    page = page_of(results, lang)
    a, b = page.labels
    named = dict(zip(page.labels, page.names))
    ts = results.timeseries
    months = {named[p]: frame for p, frame in monthly_means(ts, (a, b)).items()}
    band = {named[p]: edges for p, edges in cumulative_band(ts, (a, b), "jobs_started").items()}
    out = {
        "ladder.png": charts.ladder(months, lang, page.say("ladder")),
        "jobs.png": charts.jobs(months, lang, page.say("jobs"), band=band),
        "costs.png": charts.costs({named[p]: results.of(p).mean() for p in (a, b)}, lang,
                                  page.say("costs")),
        "waiting.png": charts.waiting(months, lang, page.say("waiting")),
        "ce_plane.png": charts.ce_plane(economics.paired(results, a, b, economics.EFFECT),
                                        economics.paired(results, a, b, economics.COST),
                                        economics.EFFECT, economics.COST, lang,
                                        page.say("ce_plane")),
        "ceac.png": charts.ceac(economics.acceptability(results, a, b), lang, page.say("ceac")),
    }
    if ts["after_switch"].any():
        out["transition.png"] = charts.transition(months, lang, page.say("transition"))
    if sensitivity:
        be = sensitivity["break_even"]
        out["tornado.png"] = charts.tornado(sensitivity["tornado"], lang, page.say("tornado"))
        out["tornado_jobs.png"] = charts.tornado(sensitivity["tornado"], lang,
                                                 page.say("tornado_jobs"), prefix="jobs_")
        out["break_even.png"] = charts.break_even(be["grid"], be["difference"], be["parameter"],
                                                  be["break_even"], lang, page.say("break_even"))
    return out


def monthly_means(ts: pd.DataFrame, policies) -> dict[str, pd.DataFrame]:
    """Per policy set, the mean over replications of every column, month by month."""
    return {p: ts[ts["policy"] == p].drop(columns=["policy", "replication"])
            .groupby("month").mean() for p in policies}


def cumulative_band(ts: pd.DataFrame, policies, column: str) -> charts.Band:
    """Per policy set, the 2.5th and 97.5th percentile between replications of a flow
    summed over the months so far."""
    band = {}
    for p in policies:
        wide = ts[ts["policy"] == p].pivot(index="month", columns="replication",
                                           values=column).cumsum()
        low, high = np.percentile(wide.to_numpy(), [2.5, 97.5], axis=1)
        band[p] = (pd.Series(low, wide.index), pd.Series(high, wide.index))
    return band


def _html(results, page: Page, files, sensitivity) -> str:
    sc, t, lang = results.scenario, page.t, page.lang
    a, b = page.labels
    table = results.comparison(a, b)
    by = table.set_index("metric")
    ce = economics.cost_effectiveness(results, a, b, results.seed)
    payers = [payer_column(p) for p in PAYER_NAMES if by.loc[payer_column(p), [a, b]].any()]
    payer_rows = by.loc[[*payers, "benefits_saved_eur", "net_cost_municipality_eur",
                         "net_cost_eur"]].reset_index()
    psa = economics.psa_thresholds(results, a, b) if results.psa else None
    meta = " · ".join([f"{esc(t['scenario'])}: <b>{esc(sc.name)}</b>",
                       f"{results.replications} {esc(t['runs'])}",
                       f"{esc(t['seed'])} {results.seed}", f"{page.months} {esc(t['months'])}",
                       f"scenario sha256 {sc.sha256[:12]}",
                       *([esc(t["psa_on"])] if results.psa else [])])
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{esc(t['title'])} – {esc(sc.name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }}
table {{ border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.92rem; }}
.wide {{ overflow-x: auto; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: right;
         vertical-align: top; }}
th:first-child, td:first-child {{ text-align: left; }}
td:not(:first-child) {{ white-space: nowrap; }}
.year, .unclear {{ color: #666; font-size: 0.85em; }}
figure {{ margin: 1.5rem 0 0.3rem; page-break-inside: avoid; }} img {{ max-width: 100%; }}
figcaption {{ font-weight: 600; }}
.answer {{ background: #f4f7fb; border-left: 4px solid #1f77b4; padding: 0.6rem 1rem; }}
.note {{ color: #555; font-size: 0.9rem; }}
h2 {{ page-break-after: avoid; }} table {{ page-break-inside: avoid; }}
@media print {{ body {{ margin: 0; max-width: none; font-size: 10pt; }}
               .wide {{ overflow: visible; }} table {{ font-size: 8.5pt; }}
               details {{ display: block; }} }}
</style></head><body>
<h1>{esc(t['title'])}</h1>
<p>{esc(t['question'])}</p>
<p class="note">{meta}</p>
{compared_html(page, sc)}
<h2>{esc(t['answer'])}</h2>
<div class="answer">{answer_html(page, by, sc)}
<p><b>{esc(verdict_text(page, ce, by))}</b></p></div>
<h2>{esc(t['main'])}</h2>
{outcome_table(page, by.loc[list(MAIN_METRICS)].reset_index())}
{page.p('interval_note_psa' if page.psa else 'interval_note', css='note', n=page.replications)}
<h2>{esc(t['payers'])}</h2>
{page.p('payers_text')}
{outcome_table(page, payer_rows)}
{page.p('interval_note_short', css='note')}
<h2>{esc(t['funding'])}</h2>
<p>{esc(_funding_text(sc, page))}</p>
{municipalities_html(results, page)}
<h2>{esc(t['ce'])}</h2>
<p>{esc(verdict_text(page, ce, by))} {esc(icer_text(page, ce))}</p>
{figure("ce_plane.png", page.say("ce_plane"), page.say("ce_plane_note"))}
{figure("ceac.png", page.say("ceac"),
        ceac_note(page, results, economics.acceptability(results, a, b)))}
<h2>{esc(t['equity'])}</h2>
{_equity_html(page, by)}
<h2>{esc(t['over_time'])}</h2>
{page.p('figures_note', css='note', n=results.replications)}
{_over_time_html(page, files)}
{deciding_html(page, sensitivity, psa)}
{checked_html(page)}
{assumptions_html(page, sc)}
<details><summary><h2 style="display:inline">{esc(t['all'])}</h2></summary>
{outcome_table(page, table)}
{page.p('interval_note_short', css='note')}</details>
{page.p('caveat', css='note')}
</body></html>
"""


def _equity_html(page: Page, by) -> str:
    """Whom each policy set reaches and who finds work, per target group."""
    a, b = page.labels
    t, lang = page.t, page.lang
    rows = "".join(
        f"<tr><td>{esc(group_label(g, lang))}</td>"
        + "".join(f"<td>{fmt(by.loc[f'{m}_{g}', p], lang)}</td>"
                  for m in ("participants_served", "jobs_started") for p in (a, b))
        + "</tr>" for g in GROUPS)
    heads = "".join(f"<th>{esc(t[w])}: {esc(n)}</th>" for w in ("served", "jobs_short")
                    for n in page.names)
    return (wide(f"<tr><th>{esc(t['group'])}</th>{heads}</tr>{rows}")
            + page.p("equity_note", css="note"))


def _over_time_html(page: Page, files) -> str:
    """The charts over time, each with what it shows below it."""
    rungs = "; ".join(f"{r} {name(page.lang)}" for r, name in zip(charts.RUNGS,
                                                                 charts.RUNG_NAMES))
    parts = [figure("ladder.png", page.say("ladder"), page.say("ladder_note", rungs=rungs)),
             figure("jobs.png", page.say("jobs"), page.say("jobs_note")),
             figure("costs.png", page.say("costs"), page.say("costs_note")),
             figure("waiting.png", page.say("waiting"), page.say("waiting_note"))]
    if "transition.png" in files:
        parts.append(figure("transition.png", page.say("transition")))
    return "".join(parts)



def _funding_text(sc, page: Page) -> str:
    """How each regime pays providers in this scenario, with the amounts."""
    p, t, lang = sc.values, page.t, page.lang
    rule = p["voorziening.budget_rule"]
    budget_how = t[f"budget_{rule}"].format(ceiling=fmt(
        p["voorziening.budget_ceiling_share"] * funding.cost_price_budget(p, sc.organisations),
        lang, money=True))
    first = funding.first_budget(p, sc.organisations)
    return page.say("funding_text",
                    tariff=fmt(funding.tariff(p), lang, money=True),
                    tariff_how=t[f"tariff_{p['indicatie.tariff_rule']}"],
                    budget=fmt(first, lang, money=True), budget_how=budget_how,
                    places=fmt(funding.funded_places(p, sc.organisations, first), lang),
                    place=fmt(funding.mean_place_cost(p, sc.organisations), lang, money=True))
