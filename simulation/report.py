"""The comparison report: an HTML page with four plots, Dutch by default.

The plots are PNG files next to ``report.html`` (matplotlib, Agg backend), so the
page works offline and prints to PDF from any browser.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

import numpy as np
import pandas as pd

from . import economics
from .ledger import COST_CATEGORIES, PAYERS
from .output import write_text
from .params import GROUPS, uncertain_params

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
        "waiting": "Wachtenden per maand (gemiddelde)", "month": "maand",
        "residents": "inwoners", "eur": "euro", "rung": "trede",
        "wait_assessment": "wacht op onderzoek", "wait_placement": "wacht op plek",
        "caveat": "Dit zijn schattingen uit een simulatiemodel. Intervallen tonen alleen de "
                  "toevalsvariatie tussen herhalingen, niet de onzekerheid in de aannames; "
                  "parameters zonder bron staan als aanname in docs/parameters.md.",
        "interval_note": "Het verschil is {b} min {a} per herhaling; het interval komt uit "
                         "de gepaarde verschillen (t-verdeling).",
        "no_interval": "geen interval (1 herhaling)",
        "transition": "Overgang na de beleidswijziging: kosten per maand, deelnemers en "
                      "lopende beschikkingen (gemiddelde)",
        "cost_month": "kosten per maand (euro)", "participants": "in dagbesteding",
        "rights": "met lopende beschikking",
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
        "waiting": "Residents waiting by month (mean)", "month": "month",
        "residents": "residents", "eur": "euro", "rung": "rung",
        "wait_assessment": "waiting for assessment", "wait_placement": "waiting for a place",
        "caveat": "These are estimates from a simulation model. Intervals show only the random "
                  "variation between replications, not the uncertainty in the assumptions; "
                  "parameters without a source are marked as assumptions in "
                  "docs/parameters.md.",
        "interval_note": "The difference is {b} minus {a} per replication; the interval "
                         "comes from the paired differences (t distribution).",
        "no_interval": "no interval (1 replication)",
        "transition": "Transition after the policy change: cost per month, participants and "
                      "decisions still running (mean)",
        "cost_month": "cost per month (euro)", "participants": "in day activities",
        "rights": "on transitional rights",
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
METRIC_LABELS_NL = {
    "net_cost_eur": "Netto kosten (kosten min bespaarde uitkeringen)",
    "cost_total_eur": "Totale kosten",
    "cost_day_activity_eur": "Kosten dagbesteding",
    "cost_assessment_eur": "Kosten onderzoek (indicatie)",
    "benefits_saved_eur": "Bespaarde uitkeringen",
    "jobs_started": "Gestarte banen",
    "jobs_sustained_12m": "Banen die 12 maanden standhielden",
    "participants_served": "Bereikte deelnemers",
    "mean_in_day_activity": "Gemiddeld aantal in dagbesteding",
    "mean_assessment_wait_months": "Gemiddelde wachttijd onderzoek (maanden)",
    "mean_placement_wait_months": "Gemiddelde wachttijd plek (maanden)",
    "cost_per_participant_year_eur": "Kosten per deelnemersjaar",
    "job_retention_12m": "Aandeel nieuwe banen dat 12 maanden standhoudt",
    "payer_wmo_eur": "Wmo",
    "payer_pw_benefits_eur": "Participatiewet: uitkeringen en loonkostensubsidie (BUIG)",
    "payer_pw_reintegration_eur": "Participatiewet: re-integratie",
    "payer_ontschot_eur": "Ontschot budget (één pot)",
}
MAIN_METRICS = tuple(m for m in METRIC_LABELS_NL if not m.startswith("payer_"))
CATEGORY_LABELS = {
    "nl": {"day_activity": "dagbesteding", "transport": "vervoer", "assessment": "onderzoek",
           "intake": "intake", "admin": "administratie", "trial_placement": "proefplaatsing",
           "wage_subsidy": "loonkostensubsidie", "job_coaching": "jobcoaching",
           "outcome_bonus": "uitstroombonus", "home_support": "begeleiding thuis",
           "sheltered_work": "beschut werk"},
    "en": {c: c.replace("_", " ") for c in COST_CATEGORIES},
}
COLORS = ("#1f77b4", "#d95f02")  # first and second policy set
GROUP_LABELS = {
    "nl": {"intellectual_disability": "verstandelijke beperking",
           "mild_intellectual_disability": "licht verstandelijke beperking",
           "mental_health": "psychische aandoening (GGZ)",
           "acquired_brain_injury": "niet-aangeboren hersenletsel",
           "autism": "autisme",
           "long_term_unemployed": "langdurig werkloos, meervoudige problemen"},
    "en": {g: g.replace("_", " ") for g in GROUPS},
}


def fmt(x, lang: str = "nl", money: bool = False) -> str:
    """A number as users read it (Dutch: 1.234,5; English: 1,234.5)."""
    if x is None or (isinstance(x, float) and not np.isfinite(x)):
        return "–"
    digits = 0 if money or abs(x) >= 100 else (1 if abs(x) >= 10 else 2)
    text = f"{x:,.{digits}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return ("€ " + text) if money else text


def write_report(results, out: Path, lang: str = "nl", sensitivity: dict | None = None,
                 ) -> list[str]:
    """Write ``report.html`` and its PNG plots into ``out``; return the file names.

    ``sensitivity`` (from ``economics.tornado`` and ``economics.break_even``) adds the
    tornado chart and the break-even section.
    """
    import matplotlib

    matplotlib.use("Agg")
    t = LABELS[lang]
    a, b = results.policies[:2]
    ts = results.timeseries
    files = {
        "ladder.png": _plot_ladder(ts, (a, b), t),
        "jobs.png": _plot_jobs(ts, (a, b), t),
        "costs.png": _plot_costs(results.metrics, (a, b), t, lang),
        "waiting.png": _plot_waiting(ts, (a, b), t),
        "ce_plane.png": _plot_ce_plane(results, a, b, t),
        "ceac.png": _plot_ceac(results, a, b, t),
    }
    if ts["after_switch"].any():
        files["transition.png"] = _plot_transition(ts, (a, b), t)
    if sensitivity:
        files["tornado.png"] = _plot_tornado(sensitivity["tornado"], t, lang)
        files["break_even.png"] = _plot_break_even(sensitivity["break_even"], t)
    for name, png in files.items():
        (out / name).write_bytes(png)
    table = results.comparison(a, b)
    extra = {"cost_effectiveness": economics.cost_effectiveness(results, a, b, results.seed),
             "sensitivity": sensitivity}
    write_text(out / "report.html", _html(results, table, (a, b), t, lang, extra))
    return [*files, "report.html"]


def _plot_ce_plane(results, a, b, t) -> bytes:
    import matplotlib.pyplot as plt

    d_cost = economics.paired(results, a, b, economics.COST) / 1e3
    d_jobs = economics.paired(results, a, b, economics.EFFECT)
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.axhline(0, color="#999", linewidth=0.8)
    ax.axvline(0, color="#999", linewidth=0.8)
    ax.scatter(d_jobs, d_cost, s=18, color=COLORS[1], alpha=0.7)
    ax.scatter([d_jobs.mean()], [d_cost.mean()], s=60, color="black", marker="x")
    ax.set_xlabel(f"{t['difference']}: {economics.EFFECT}")
    ax.set_ylabel(f"{t['difference']}: {economics.COST} (x 1.000)")
    ax.set_title(t["ce_plane"], fontsize=9, wrap=True)
    return _png(fig)


def _plot_ceac(results, a, b, t) -> bytes:
    import matplotlib.pyplot as plt

    curve = economics.acceptability(results, a, b)
    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.plot(curve.iloc[:, 0] / 1e3, curve.iloc[:, 1], color=COLORS[1])
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("euro x 1.000 / baan (job)")
    ax.set_ylabel("P")
    ax.set_title(t["ceac"], fontsize=9, wrap=True)
    return _png(fig)


def _plot_tornado(df: pd.DataFrame, t, lang) -> bytes:
    import matplotlib.pyplot as plt

    df = df.iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(df) + 1.2))
    centre = df["difference_at_default"].iloc[0] / 1e3
    labels = df["label_nl"] if lang == "nl" else df["parameter"]
    lo, hi = df["difference_at_low"] / 1e3, df["difference_at_high"] / 1e3
    y = np.arange(len(df))
    ax.barh(y, lo - centre, left=centre, color="#9ecae1", label="laag / low")
    ax.barh(y, hi - centre, left=centre, color="#3182bd", label="hoog / high")
    ax.axvline(centre, color="black", linewidth=0.8)
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlabel("euro x 1.000")
    ax.legend(frameon=False, fontsize=8)
    ax.set_title(t["tornado"], fontsize=10)
    return _png(fig)


def _plot_break_even(be: dict, t) -> bytes:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.4))
    ax.plot(np.array(be["grid"]) / 1e3, np.array(be["difference"]) / 1e3, marker="o",
            color=COLORS[1])
    ax.axhline(0, color="#999", linewidth=0.8)
    if be["break_even"] is not None:
        ax.axvline(be["break_even"] / 1e3, color="black", linestyle="--", linewidth=0.8)
    ax.set_xlabel(f"{be['parameter']} (x 1.000)")
    ax.set_ylabel("euro x 1.000")
    ax.set_title(t["break_even"], fontsize=10)
    return _png(fig)


def _png(fig) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight",
                metadata={"Software": None})  # no version stamp: same inputs, same bytes
    plt.close(fig)
    return buf.getvalue()


def _mean_by_month(ts: pd.DataFrame, policy: str, column: str) -> pd.Series:
    return ts[ts["policy"] == policy].groupby("month")[column].mean()


def _plot_ladder(ts, policies, t) -> bytes:
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
    cols = [f"rung_{r}" for r in range(1, 7)]
    for ax, policy in zip(axes, policies):
        sub = ts[ts["policy"] == policy].groupby("month")[cols].mean()
        ax.stackplot(sub.index, sub.T.to_numpy(), labels=[f"{t['rung']} {r}" for r in range(1, 7)],
                     colors=plt.cm.viridis(np.linspace(0.1, 0.95, 6)))
        ax.set_title(policy)
        ax.set_xlabel(t["month"])
    axes[0].set_ylabel(t["residents"])
    axes[1].legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    fig.suptitle(t["ladder"])
    return _png(fig)


def _plot_jobs(ts, policies, t) -> bytes:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.6))
    for policy, color in zip(policies, COLORS):
        sub = ts[ts["policy"] == policy]
        wide = sub.pivot(index="month", columns="replication", values="jobs_started").cumsum()
        lo, hi = np.percentile(wide.to_numpy(), [2.5, 97.5], axis=1)
        ax.fill_between(wide.index, lo, hi, alpha=0.2, color=color)
        ax.plot(wide.index, wide.mean(axis=1), label=policy, color=color)
    ax.set_xlabel(t["month"])
    ax.set_ylabel(t["jobs"].split(",")[0])
    ax.legend(frameon=False)
    ax.set_title(t["jobs"])
    return _png(fig)


def _plot_costs(metrics, policies, t, lang) -> bytes:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.8))
    colors = plt.cm.tab20(np.arange(len(COST_CATEGORIES)))
    bottom = np.zeros(len(policies))
    for c, color in zip(COST_CATEGORIES, colors):
        vals = np.array([metrics.loc[metrics["policy"] == p, f"cost_{c}_eur"].mean()
                         for p in policies])
        if not vals.any():
            continue
        ax.bar(policies, vals / 1e6, bottom=bottom, label=CATEGORY_LABELS[lang][c], color=color)
        bottom += vals / 1e6
    ax.set_ylabel(f"{t['eur']} (mln)")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    ax.set_title(t["costs"])
    return _png(fig)


def _plot_waiting(ts, policies, t) -> bytes:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.6))
    for policy, color in zip(policies, COLORS):
        ax.plot(_mean_by_month(ts, policy, "assessment_queue"), color=color,
                label=f"{policy}: {t['wait_assessment']}")
        ax.plot(_mean_by_month(ts, policy, "waiting_placement"), color=color, linestyle="--",
                label=f"{policy}: {t['wait_placement']}")
    ax.set_xlabel(t["month"])
    ax.set_ylabel(t["residents"])
    ax.legend(frameon=False, fontsize=8)
    ax.set_title(t["waiting"])
    return _png(fig)


def _plot_transition(ts, policies, t) -> bytes:
    """Month by month around a switch: the double running costs, reach, who is on which terms."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    for policy, color in zip(policies, COLORS):
        axes[0].plot(_mean_by_month(ts, policy, "cost_total_eur"), color=color, label=policy)
        axes[1].plot(_mean_by_month(ts, policy, "in_day_activity"), color=color,
                     label=f"{policy}: {t['participants']}")
        axes[1].plot(_mean_by_month(ts, policy, "on_transitional_rights"), color=color,
                     linestyle=":", label=f"{policy}: {t['rights']}")
        switched = ts[(ts["policy"] == policy) & (ts["after_switch"] == 1)]["month"]
        if len(switched):
            for ax in axes:
                ax.axvline(switched.min(), color=color, linewidth=0.8, linestyle="--")
    axes[0].set_ylabel(t["cost_month"])
    axes[1].set_ylabel(t["residents"])
    for ax in axes:
        ax.set_xlabel(t["month"])
        ax.legend(frameon=False, fontsize=8)
    fig.suptitle(t["transition"])
    return _png(fig)


def _html(results, table: pd.DataFrame, policies, t, lang, extra) -> str:
    a, b = policies
    sc = results.scenario
    esc = html.escape
    one = results.replications < 2

    def interval(lo, hi, money=False) -> str:
        if one or lo is None or lo != lo:
            return t["no_interval"]
        return f"{fmt(lo, lang, money)} … {fmt(hi, lang, money)}"

    def row(r) -> str:
        money = r.metric.endswith("_eur")
        label = METRIC_LABELS_NL.get(r.metric, r.metric) if lang == "nl" else r.metric
        return (f"<tr><td>{esc(label)}</td><td>{fmt(r[1], lang, money)}</td>"
                f"<td>{fmt(r[2], lang, money)}</td><td>{fmt(r.difference, lang, money)}</td>"
                f"<td>{esc(interval(r.ci95_low, r.ci95_high, money))}</td></tr>")

    head = (f"<tr><th>{t['metric']}</th><th>{esc(a)}</th><th>{esc(b)}</th>"
            f"<th>{t['difference']}</th><th>{t['interval']}</th></tr>")
    by = table.set_index("metric")
    main = by.loc[list(MAIN_METRICS)].reset_index()
    main_rows = "".join(row(r) for r in main.itertuples(index=False))
    all_rows = "".join(row(r) for r in table.itertuples(index=False))
    payer_rows = "".join(row(r) for r in by.loc[[f"payer_{p}_eur" for p in PAYERS] + [
        "benefits_saved_eur", "net_cost_eur"]].reset_index().itertuples(index=False)
        if not (r[1] == 0 and r[2] == 0))
    equity = "".join(
        f"<tr><td>{esc(GROUP_LABELS[lang][g])}</td>"
        f"<td>{fmt(by.loc[f'participants_served_{g}', a], lang)}</td>"
        f"<td>{fmt(by.loc[f'participants_served_{g}', b], lang)}</td>"
        f"<td>{fmt(by.loc[f'jobs_started_{g}', a], lang)}</td>"
        f"<td>{fmt(by.loc[f'jobs_started_{g}', b], lang)}</td></tr>" for g in GROUPS)
    ce = extra["cost_effectiveness"]
    plots = [("ladder.png", "ladder"), ("jobs.png", "jobs"), ("costs.png", "costs"),
             ("waiting.png", "waiting")]
    if results.timeseries["after_switch"].any():
        plots.append(("transition.png", "transition"))
    figures = "".join(_figure(f, t[k]) for f, k in plots)
    sens = _sensitivity_html(extra.get("sensitivity"), t, lang, a, b)
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
<div class="answer">{_answer(by, a, b, t, lang, sc['simulation.months'], interval)}</div>
<h2>{t['main']}</h2>
<table>{head}{main_rows}</table>
<p class="note">{esc(t['interval_note'].format(a=a, b=b))}</p>
<h2>{t['payers']}</h2>
<p>{esc(t['payers_text'])}</p>
<table>{head}{payer_rows}</table>
{_municipalities_html(results, t, lang, interval)}
<h2>{t['ce']}</h2>
<p>{esc(_ce_text(ce, t, lang, a, b))}</p>
{_figure("ce_plane.png", t["ce_plane"])}{_figure("ceac.png", t["ceac"])}
<h2>{t['equity']}</h2>
<table><tr><th>{t['group']}</th><th>{t['served']} {esc(a)}</th><th>{t['served']} {esc(b)}</th>
<th>{t['jobs_short']} {esc(a)}</th><th>{t['jobs_short']} {esc(b)}</th></tr>{equity}</table>
<h2>{t['over_time']}</h2>
<p class="note">{esc(t['figures_note'].format(n=results.replications))}</p>
{figures}
{sens}
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
    from .national import municipality_comparison

    cmp = municipality_comparison(results, ("net_cost_eur", "jobs_started"))
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
    wait, wait_word, wait_ci = part("mean_placement_wait_months")
    esc = html.escape
    return "<p>" + "</p><p>".join(esc(x) for x in (
        t["answer_cost"].format(b=b, a=a, years=f"{years:g}", amount=cost, word=cost_word,
                                ci=cost_ci),
        t["answer_jobs"].format(n=jobs, word=jobs_word, ci=jobs_ci, kept=kept,
                                kept_word=kept_word, kept_ci=kept_ci),
        t["answer_reach"].format(n=reach, word=reach_word, ci=reach_ci, wait=wait,
                                 wait_word=t["shorter"] if by.loc[
                                     "mean_placement_wait_months"].difference < 0
                                 else t["longer"], wait_ci=wait_ci),
    )) + "</p>"


def _ce_text(ce, t, lang, a, b) -> str:
    verdict = t[f"verdict_{ce['verdict']}"].format(a=a, b=b)
    if ce["icer"] is None:
        return verdict + " " + t["icer_none"]
    lo, hi = ce["icer_ci95"]
    ci = t["no_interval"] if lo is None else f"{fmt(lo, lang, True)} … {fmt(hi, lang, True)}"
    return verdict + " " + t["icer_text"].format(icer=fmt(ce["icer"], lang, True), ci=ci)


def _sensitivity_html(sens, t, lang, a, b) -> str:
    if not sens:
        note = html.escape(t["no_sensitivity"])
        return f"<h2>{t['sensitivity']}</h2><p class=\"note\">{note}</p>"
    be = sens["break_even"]
    if be["break_even"] is None:
        be_text = t["break_even_none"].format(key=be["parameter"],
                                              low=fmt(be["grid"][0], lang),
                                              high=fmt(be["grid"][-1], lang))
    else:
        be_text = t["break_even_at"].format(key=be["parameter"],
                                            value=fmt(be["break_even"], lang))
    return (f"<h2>{t['sensitivity']}</h2><p>{html.escape(t['tornado_text'].format(a=a, b=b))}</p>"
            + _figure("tornado.png", t["tornado"])
            + f"<p>{html.escape(be_text)}</p>" + _figure("break_even.png", t["break_even"]))
