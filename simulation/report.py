"""The comparison report: an HTML page with its charts, Dutch by default.

The charts are PNG files next to ``report.html`` (drawn by ``simulation.charts``, which
the dashboard shares), so the page works offline and prints to PDF from any browser. Its
sentences are in ``report_texts``; every name of a metric, category, payer or target
group comes from the declarations through ``presentation``.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import charts, economics, funding, targets
from .declarations import BY_KEY, GROUPS, PAYER_NAMES, payer_column, uncertain_params
from .output import write_text
from .presentation import (
    MAIN_METRICS,
    fmt,
    fmt_range,
    group_label,
    is_money,
    metric_label,
    param_name,
)
from .report_texts import LABELS

__all__ = ["LABELS", "cumulative_band", "figures", "monthly_means", "write_report"]


def write_report(results, out: Path, lang: str = "nl", sensitivity: dict | None = None,
                 ) -> list[str]:
    """Write ``report.html`` and its PNG plots into ``out``; return the file names.

    ``sensitivity`` (from ``economics.tornado`` and ``economics.break_even``) adds the
    tornado chart and the break-even section.
    """
    t = LABELS[lang]
    a, b = results.policies[:2]
    files = {name: charts.png(fig) for name, fig in figures(results, lang, sensitivity).items()}
    for name, png in files.items():
        (out / name).write_bytes(png)
    table = results.comparison(a, b)
    extra = {"cost_effectiveness": economics.cost_effectiveness(results, a, b, results.seed),
             "sensitivity": sensitivity, "charts": files}
    write_text(out / "report.html", _html(results, table, (a, b), t, lang, extra))
    return [*files, "report.html"]


def figures(results, lang: str = "nl", sensitivity: dict | None = None) -> dict[str, Figure]:
    """The report's charts by file name, for the first two policy sets of ``results``:
    means over the replications (the jobs with the 95% band between them)."""
    t = LABELS[lang]
    a, b = results.policies[:2]
    ts = results.timeseries
    months = monthly_means(ts, (a, b))
    out = {
        "ladder.png": charts.ladder(months, lang, t["ladder"]),
        "jobs.png": charts.jobs(months, lang, t["jobs"],
                                band=cumulative_band(ts, (a, b), "jobs_started")),
        "costs.png": charts.costs({p: results.of(p).mean() for p in (a, b)}, lang, t["costs"]),
        "waiting.png": charts.waiting(months, lang, t["waiting"]),
        "ce_plane.png": charts.ce_plane(economics.paired(results, a, b, economics.EFFECT),
                                        economics.paired(results, a, b, economics.COST),
                                        economics.EFFECT, economics.COST, lang, t["ce_plane"]),
        "ceac.png": charts.ceac(economics.acceptability(results, a, b), lang, t["ceac"]),
    }
    if ts["after_switch"].any():
        out["transition.png"] = charts.transition(months, lang, t["transition"])
    if sensitivity:
        be = sensitivity["break_even"]
        out["tornado.png"] = charts.tornado(sensitivity["tornado"], lang, t["tornado"])
        out["tornado_jobs.png"] = charts.tornado(sensitivity["tornado"], lang,
                                                 t["tornado_jobs"], prefix="jobs_")
        out["break_even.png"] = charts.break_even(be["grid"], be["difference"], be["parameter"],
                                                  be["break_even"], lang, t["break_even"])
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


def _html(results, table: pd.DataFrame, policies, t, lang, extra) -> str:
    a, b = policies
    sc = results.scenario
    esc = html.escape
    one = results.replications < 2

    def interval(lo, hi, money=False) -> str:
        return (None if one else fmt_range(lo, hi, lang, money)) or t["no_interval"]

    def row(r) -> str:
        money = is_money(r.metric)
        return (f"<tr><td>{esc(metric_label(r.metric, lang))}</td><td>{fmt(r[1], lang, money)}</td>"
                f"<td>{fmt(r[2], lang, money)}</td><td>{fmt(r.difference, lang, money)}</td>"
                f"<td>{esc(interval(r.ci95_low, r.ci95_high, money))}</td></tr>")

    head = (f"<tr><th>{t['metric']}</th><th>{esc(a)}</th><th>{esc(b)}</th>"
            f"<th>{t['difference']}</th><th>{t['interval']}</th></tr>")
    by = table.set_index("metric")
    main = by.loc[list(MAIN_METRICS)].reset_index()
    main_rows = "".join(row(r) for r in main.itertuples(index=False))
    all_rows = "".join(row(r) for r in table.itertuples(index=False))
    payer_rows = "".join(row(r) for r in by.loc[[payer_column(p) for p in PAYER_NAMES] + [
        "benefits_saved_eur", "net_cost_municipality_eur", "net_cost_eur"]].reset_index()
        .itertuples(index=False) if not (r[1] == 0 and r[2] == 0))
    equity = "".join(
        f"<tr><td>{esc(group_label(g, lang))}</td>"
        f"<td>{fmt(by.loc[f'participants_served_{g}', a], lang)}</td>"
        f"<td>{fmt(by.loc[f'participants_served_{g}', b], lang)}</td>"
        f"<td>{fmt(by.loc[f'jobs_started_{g}', a], lang)}</td>"
        f"<td>{fmt(by.loc[f'jobs_started_{g}', b], lang)}</td></tr>" for g in GROUPS)
    ce = extra["cost_effectiveness"]
    over_time = "".join(_figure(name, t[name.removesuffix(".png")]) for name in (
        "ladder.png", "jobs.png", "costs.png", "waiting.png", "transition.png")
        if name in extra["charts"])
    sens = _sensitivity_html(extra.get("sensitivity"), t, lang, a, b)
    if results.psa:
        sens += _psa_turns_html(economics.psa_thresholds(results, a, b), t, lang, a, b)
    assumptions = "".join(
        f"<li>{esc(p.label_nl if lang == 'nl' else p.meaning)} (<code>{p.key}</code>): "
        f"{esc(_value(sc[p.key], lang))}; {t['plausible']} {fmt(p.plausible[0], lang)} – "
        f"{fmt(p.plausible[1], lang)}</li>" for p in uncertain_params())
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{esc(t['title'])} – {esc(sc.name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }}
table {{ border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.92rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: right; }}
th:first-child, td:first-child {{ text-align: left; }}
td:not(:first-child) {{ white-space: nowrap; }}
figure {{ margin: 1.5rem 0; page-break-inside: avoid; }} img {{ max-width: 100%; }}
.answer {{ background: #f4f7fb; border-left: 4px solid #1f77b4; padding: 0.6rem 1rem; }}
.note {{ color: #555; font-size: 0.9rem; }}
h2 {{ page-break-after: avoid; }} table {{ page-break-inside: avoid; }}
@media print {{ body {{ margin: 0; max-width: none; font-size: 10pt; }}
               table {{ font-size: 8.5pt; }} details {{ display: block; }} }}
</style></head><body>
<h1>{esc(t['title'])}</h1>
<p>{esc(t['question'])}</p>
<p class="note">{t['scenario']}: <b>{esc(sc.name)}</b> · {results.replications} {t['runs']} ·
{t['seed']} {results.seed} · {sc['simulation.months']} {t['months']} ·
scenario sha256 {sc.sha256[:12]}{' · ' + t['psa_on'] if results.psa else ''}</p>
<h2>{t['answer']}</h2>
<div class="answer">{_answer(by, a, b, t, lang, sc['simulation.months'], interval)}
<p>{esc(_verdict_text(ce, t, a, b))}</p></div>
<h2>{t['main']}</h2>
<table>{head}{main_rows}</table>
<p class="note">{esc(t['interval_note'].format(a=a, b=b))}</p>
<h2>{t['payers']}</h2>
<p>{esc(t['payers_text'])}</p>
<table>{head}{payer_rows}</table>
<h2>{t['funding']}</h2>
<p>{esc(_funding_text(sc, t, lang))}</p>
{_municipalities_html(results, t, lang, interval)}
<h2>{t['ce']}</h2>
<p>{esc(_icer_text(ce, t, lang, a, b))}</p>
{_figure("ce_plane.png", t["ce_plane"])}{_figure("ceac.png", t["ceac"])}
<h2>{t['equity']}</h2>
<table><tr><th>{t['group']}</th><th>{t['served']} {esc(a)}</th><th>{t['served']} {esc(b)}</th>
<th>{t['jobs_short']} {esc(a)}</th><th>{t['jobs_short']} {esc(b)}</th></tr>{equity}</table>
<h2>{t['over_time']}</h2>
<p class="note">{esc(t['figures_note'].format(n=results.replications))}</p>
{over_time}
{sens}
{_checked_html(t, lang)}
<h2>{t['assumptions']}</h2>
<p>{esc(t['assumptions_text'])}</p><ul>{assumptions}</ul>
<details><summary><h2 style="display:inline">{t['all']}</h2></summary>
<table>{head}{all_rows}</table></details>
<p class="note">{esc(t['caveat'])}</p>
</body></html>
"""


def _municipalities_html(results, t, lang, interval, largest: int = 15) -> str:
    """National runs: the paired differences of the largest municipalities."""
    if results.municipalities is None:
        return ""
    cmp = results.by_municipality(("net_cost_eur", "jobs_started"))
    munis = cmp.drop_duplicates("code").sort_values("inhabitants", ascending=False)
    by = cmp.set_index(["code", "metric"])
    esc = html.escape

    def cells(code: str, metric: str, money: bool = False) -> str:
        r = by.loc[(code, metric)]
        return (f"<td>{fmt(r.difference, lang, money)}</td>"
                f"<td>{esc(interval(r.ci95_low, r.ci95_high, money))}</td>")

    rows = "".join(
        f"<tr><td>{esc(m.name)} ({esc(m.province)})</td><td>{fmt(m.inhabitants, lang)}</td>"
        f"{cells(m.code, 'net_cost_eur', True)}{cells(m.code, 'jobs_started')}</tr>"
        for m in munis.head(largest).itertuples(index=False))
    n = len(munis)
    return (f"<h2>{t['by_muni']}</h2><p>{esc(t['by_muni_text'].format(k=min(largest, n), n=n))}"
            f"</p><table><tr><th>{t['muni']}</th><th>{t['inhabitants']}</th>"
            f"<th>{t['net_diff']}</th><th>{t['interval']}</th><th>{t['jobs_diff']}</th>"
            f"<th>{t['interval']}</th></tr>{rows}</table>")


def _figure(name: str, caption: str) -> str:
    cap = html.escape(caption)
    return f'<figure><img src="{name}" alt="{cap}"><figcaption>{cap}</figcaption></figure>'


def _value(v, lang) -> str:
    if isinstance(v, list):
        return ", ".join(fmt(x, lang) for x in v)
    return fmt(v, lang)


def _answer(by, a, b, t, lang, months, interval) -> str:
    """Three sentences: money, work, reach and waiting, each with its interval."""
    years = months / 12

    def part(metric, money=False):
        r = by.loc[metric]
        word = t["less"] if r.difference < 0 else t["more"]
        return fmt(abs(r.difference), lang, money), word, interval(r.ci95_low, r.ci95_high, money)

    cost, cost_word, cost_ci = part("net_cost_eur", money=True)
    jobs, jobs_word, jobs_ci = part("jobs_started")
    kept, kept_word, kept_ci = part("jobs_sustained_12m")
    reach, reach_word, reach_ci = part("participants_served")
    wait, wait_word, wait_ci = part("mean_access_wait_months")
    late, late_word, late_ci = part("waits_beyond_legal_term")
    esc = html.escape
    return "<p>" + "</p><p>".join(esc(x) for x in (
        t["answer_cost"].format(b=b, a=a, years=f"{years:g}", amount=cost, word=cost_word,
                                ci=cost_ci),
        t["answer_jobs"].format(n=jobs, word=jobs_word, ci=jobs_ci, kept=kept,
                                kept_word=kept_word, kept_ci=kept_ci),
        t["answer_reach"].format(n=reach, word=reach_word, ci=reach_ci, wait=wait,
                                 wait_word=t["shorter"] if by.loc[
                                     "mean_access_wait_months"].difference < 0
                                 else t["longer"], wait_ci=wait_ci, late=late,
                                 late_word=late_word, late_ci=late_ci),
    )) + "</p>"


def _funding_text(sc, t, lang) -> str:
    """How each regime pays providers in this scenario, with the amounts."""
    p = sc.values
    rule = p["voorziening.budget_rule"]
    budget_how = t[f"budget_{rule}"].format(ceiling=fmt(
        p["voorziening.budget_ceiling_share"] * funding.cost_price_budget(p, sc.organisations),
        lang, money=True))
    first = funding.first_budget(p, sc.organisations)
    return t["funding_text"].format(
        tariff=fmt(funding.tariff(p), lang, money=True),
        tariff_how=t[f"tariff_{p['indicatie.tariff_rule']}"],
        budget=fmt(first, lang, money=True), budget_how=budget_how,
        places=fmt(funding.funded_places(p, sc.organisations, first), lang),
        place=fmt(funding.mean_place_cost(p, sc.organisations), lang, money=True))


def _verdict_text(ce, t, a, b) -> str:
    """The verdict in a sentence, naming what a saving costs in service."""
    worse = [t[f"worse_{m}"] for m, v in ce["service"].items() if v["judgement"] == "worse"]
    listed = ", ".join(worse[:-1]) + f" {t['and']} " + worse[-1] if len(worse) > 1 else (
        worse[0] if worse else "")
    return t[f"verdict_{ce['verdict']}"].format(a=a, b=b, worse=listed)


def _icer_text(ce, t, lang, a, b) -> str:
    """The verdict, and the cost per extra sustained job where money buys jobs."""
    verdict = _verdict_text(ce, t, a, b)
    if ce["icer"] is None:
        return verdict
    ci = fmt_range(*ce["icer_ci95"], lang, money=True) or t["no_interval"]
    return verdict + " " + t["icer_text"].format(icer=fmt(ce["icer"], lang, True), ci=ci)


def _sensitivity_html(sens, t, lang, a, b) -> str:
    if not sens:
        note = html.escape(t["no_sensitivity"])
        return f"<h2>{t['sensitivity']}</h2><p class=\"note\">{note}</p>"
    be = sens["break_even"]
    ends = {"low": fmt(be["grid"][0], lang, money=True),
            "high": fmt(be["grid"][-1], lang, money=True)}
    texts = []
    for found, at, none in (("break_even", "break_even_at", "break_even_none"),
                            ("equal_service", "equal_service_at", "equal_service_none")):
        value = be[found]
        texts.append(t[none].format(**ends) if value is None else
                     t[at].format(value=fmt(value, lang, money=True), a=a, b=b))
    be_text = " ".join(texts)
    return (f"<h2>{t['sensitivity']}</h2><p>{html.escape(t['tornado_text'].format(a=a, b=b))}</p>"
            + _figure("tornado.png", t["tornado"]) + _figure("tornado_jobs.png", t["tornado_jobs"])
            + _turns_html(sens["tornado"], t, lang, a, b)
            + f"<p>{html.escape(be_text)}</p>" + _figure("break_even.png", t["break_even"]))


def _turns_html(table: pd.DataFrame, t, lang, a, b) -> str:
    """Per assumption: both differences at the ends of its range, where each changes sign,
    and how much of the jobs difference it carries (the difference less that at "no
    effect")."""
    esc = html.escape

    def at(value) -> str:
        return "–" if value != value else fmt(value, lang)

    rows = "".join(
        f"<tr><td>{esc(param_name(BY_KEY[r.parameter], lang))}</td>"
        f"<td>{esc(fmt(r.low, lang))} … {esc(fmt(r.high, lang))}</td>"
        f"<td>{fmt(r.difference_at_low, lang, True)} … {fmt(r.difference_at_high, lang, True)}"
        f"</td><td>{fmt(r.jobs_difference_at_low, lang)} … "
        f"{fmt(r.jobs_difference_at_high, lang)}</td><td>{at(r.flips_at)}</td>"
        f"<td>{at(r.jobs_flips_at)}</td><td>{at(r.jobs_carried)}</td></tr>"
        for r in table.itertuples(index=False))
    return (f"<h3>{esc(t['turns'])}</h3><p>{esc(t['turns_text'].format(a=a, b=b))}</p>"
            + _table(t, ("turn_assumption", "turn_range", "turn_cost", "turn_jobs",
                         "turn_cost_flips", "turn_jobs_flips", "turn_carried"), rows))


def _table(t, heads, rows: str) -> str:
    """A table with the labels ``heads`` over ready-made rows."""
    head = "".join(f"<th>{html.escape(t[k])}</th>" for k in heads)
    return f"<table><tr>{head}</tr>{rows}</table>"


def _psa_turns_html(table: pd.DataFrame, t, lang, a, b) -> str:
    """The thresholds from the PSA draws that place more draws right than the best
    assumption does with the signs shuffled (more than luck)."""
    esc = html.escape
    table = table[table["right"] > table["chance"]]
    intro = f"<h3>{esc(t['psa_turns'])}</h3><p>{esc(t['psa_turns_text'].format(a=a, b=b))}</p>"
    if table.empty:
        return intro + f"<p class=\"note\">{esc(t['psa_turns_none'])}</p>"
    rows = "".join(
        f"<tr><td>{esc(param_name(BY_KEY[r.parameter], lang))}</td>"
        f"<td>{esc(t['turn_' + r.outcome])}</td><td>{fmt(r.threshold, lang)}</td>"
        f"<td>{esc(t[f'psa_{r.outcome}_' + ('up' if r.above > 0 else 'down')].format(b=b))}"
        f"</td><td>{fmt(100 * r.right, lang)}%</td><td>{fmt(100 * r.common, lang)}%</td>"
        f"<td>{fmt(100 * r.chance, lang)}%</td></tr>" for r in table.itertuples(index=False))
    return intro + _table(t, ("turn_assumption", "psa_outcome", "psa_threshold", "psa_above",
                              "psa_right", "psa_common", "psa_chance"), rows)


def _checked_html(t, lang) -> str:
    """Which Dutch figures the defaults were tuned to and which test the model: a council
    must not read a restated input as evidence. Nothing where the targets file is absent."""
    if not targets.DEFAULT_FILE.exists():
        return ""
    roles = targets.roles(targets.load_targets(targets.DEFAULT_FILE))
    items = "".join(
        f"<li><b>{html.escape(t['checked_' + kind.replace(' ', '_')])}</b> "
        + "; ".join(html.escape(r["label"](lang)) for r in roles[kind]) + "</li>"
        for kind in targets.GROUPS if roles[kind])
    return (f"<h2>{html.escape(t['checked'])}</h2><p>{html.escape(t['checked_text'])}</p>"
            f"<ul>{items}</ul>")

