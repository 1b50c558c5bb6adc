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

from .ledger import COST_CATEGORIES
from .output import write_text

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
}
MAIN_METRICS = tuple(METRIC_LABELS_NL)
CATEGORY_LABELS = {
    "nl": {"day_activity": "dagbesteding", "transport": "vervoer", "assessment": "onderzoek",
           "intake": "intake", "admin": "administratie", "trial_placement": "proefplaatsing",
           "wage_subsidy": "loonkostensubsidie", "job_coaching": "jobcoaching",
           "outcome_bonus": "uitstroombonus", "home_support": "begeleiding thuis",
           "sheltered_work": "beschut werk"},
    "en": {c: c.replace("_", " ") for c in COST_CATEGORIES},
}
COLORS = ("#1f77b4", "#d95f02")  # first and second policy set


def fmt(x, lang: str = "nl", money: bool = False) -> str:
    """A number as users read it (Dutch: 1.234,5; English: 1,234.5)."""
    if x is None or (isinstance(x, float) and not np.isfinite(x)):
        return "–"
    digits = 0 if money or abs(x) >= 100 else (1 if abs(x) >= 10 else 2)
    text = f"{x:,.{digits}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return ("€ " + text) if money else text


def write_report(results, out: Path, lang: str = "nl") -> list[str]:
    """Write ``report.html`` and its PNG plots into ``out``; return the file names."""
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
    }
    if ts["after_switch"].any():
        files["transition.png"] = _plot_transition(ts, (a, b), t)
    for name, png in files.items():
        (out / name).write_bytes(png)
    table = results.comparison(a, b)
    write_text(out / "report.html", _html(results, table, (a, b), t, lang))
    return [*files, "report.html"]


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


def _html(results, table: pd.DataFrame, policies, t, lang) -> str:
    a, b = policies
    sc = results.scenario
    esc = html.escape
    one = results.replications < 2

    def row(r) -> str:
        money = r.metric.endswith("_eur")
        label = METRIC_LABELS_NL.get(r.metric, r.metric) if lang == "nl" else r.metric
        interval = t["no_interval"] if one or r.ci95_low is None else (
            f"{fmt(r.ci95_low, lang, money)} … {fmt(r.ci95_high, lang, money)}")
        return (f"<tr><td>{esc(label)}</td><td>{fmt(r[1], lang, money)}</td>"
                f"<td>{fmt(r[2], lang, money)}</td><td>{fmt(r.difference, lang, money)}</td>"
                f"<td>{esc(interval)}</td></tr>")

    head = (f"<tr><th>{t['metric']}</th><th>{esc(a)}</th><th>{esc(b)}</th>"
            f"<th>{t['difference']}</th><th>{t['interval']}</th></tr>")
    main = table.set_index("metric").loc[list(MAIN_METRICS)].reset_index()
    main_rows = "".join(row(r) for r in main.itertuples(index=False))
    all_rows = "".join(row(r) for r in table.itertuples(index=False))
    plots = [("ladder.png", "ladder"), ("jobs.png", "jobs"), ("costs.png", "costs"),
             ("waiting.png", "waiting")]
    if results.timeseries["after_switch"].any():
        plots.append(("transition.png", "transition"))
    figures = "".join(f'<figure><img src="{f}" alt="{esc(t[k])}"><figcaption>{esc(t[k])}'
                      "</figcaption></figure>" for f, k in plots)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{esc(t['title'])} – {esc(sc.name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; }}
table {{ border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.92rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: right; }}
th:first-child, td:first-child {{ text-align: left; }}
figure {{ margin: 1.5rem 0; page-break-inside: avoid; }} img {{ max-width: 100%; }}
.note {{ color: #555; font-size: 0.9rem; }}
@media print {{ body {{ margin: 0; max-width: none; }} details {{ display: block; }} }}
</style></head><body>
<h1>{esc(t['title'])}</h1>
<p>{esc(t['question'])}</p>
<p class="note">{t['scenario']}: <b>{esc(sc.name)}</b> · {results.replications} {t['runs']} ·
{t['seed']} {results.seed} · {sc['simulation.months']} {t['months']} ·
scenario sha256 {sc.sha256[:12]}</p>
<h2>{t['main']}</h2>
<table>{head}{main_rows}</table>
<p class="note">{esc(t['interval_note'].format(a=a, b=b))}</p>
{figures}
<details><summary><h2 style="display:inline">{t['all']}</h2></summary>
<table>{head}{all_rows}</table></details>
<p class="note">{esc(t['caveat'])}</p>
</body></html>
"""
