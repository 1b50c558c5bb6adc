"""The four charts of the page, both regimes in each, as PNG images.

Matplotlib's object API (no pyplot: no global figure state shared between browser
sessions), drawn with the Agg backend into PNG bytes the page shows as ``<img>``.
Each chart takes the twin model's monthly table, so drawing one is a few lines on at
most a few hundred points: well under a second for a municipality of 30,000.
"""

from __future__ import annotations

import io
from typing import Callable

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..ledger import PAYERS
from ..report import COLORS
from .texts import PAYER_LABELS, text

SIZE = (5.4, 4.0)  # inches; at DPI about 490 x 360 pixels: a cell of SolaraViz's grid
DPI = 90


def _figure() -> tuple[Figure, object]:
    fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    return fig, fig.subplots()


def _of(ts: pd.DataFrame, policy: str) -> pd.DataFrame:
    return ts[ts["policy"] == policy].set_index("month")


def _months_axis(ax, months: int, lang: str) -> None:
    ax.set_xlim(0, max(months, 1))
    ax.set_xlabel(text(lang, "month"))


def placeholder(name: str, lang: str = "nl") -> Figure:
    """Before the first month: the chart's title and what to press."""
    fig = Figure(figsize=SIZE, dpi=DPI)
    fig.text(0.5, 0.9, text(lang, name), ha="center", fontsize=10)
    fig.text(0.5, 0.5, text(lang, "no_data"), ha="center", va="center", fontsize=9,
             color="#555")
    return fig


def ladder(ts: pd.DataFrame, policies, months: int, lang: str = "nl") -> Figure:
    """Residents per rung of the participation ladder, one panel per regime."""
    fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    cols = [f"rung_{r}" for r in range(1, 7)]
    colors = [(*c[:3], 1.0) for c in _viridis(6)]
    for ax, policy in zip(axes, policies):
        sub = _of(ts, policy)
        ax.stackplot(sub.index, sub[cols].T.to_numpy(), colors=colors,
                     labels=[f"{text(lang, 'rung')} {r}" for r in range(1, 7)])
        ax.set_title(policy, fontsize=9)
        _months_axis(ax, months, lang)
    axes[0].set_ylabel(text(lang, "residents"))
    axes[1].legend(fontsize=6, loc="upper right", ncols=2, frameon=False, reverse=True)
    fig.suptitle(text(lang, "ladder"), fontsize=10)
    return fig


def jobs(ts: pd.DataFrame, policies, months: int, lang: str = "nl") -> Figure:
    """Jobs started (cumulative) and residents in paid work, per regime."""
    return _two_lines(ts, policies, months, lang, "jobs", ("jobs_started", "jobs_started"),
                      ("in_paid_work", "in_work"), cumulative=True)


def waiting(ts: pd.DataFrame, policies, months: int, lang: str = "nl") -> Figure:
    """Residents waiting for an assessment and for a place, per regime."""
    return _two_lines(ts, policies, months, lang, "waiting",
                      ("assessment_queue", "wait_assessment"),
                      ("waiting_placement", "wait_placement"))


def _two_lines(ts: pd.DataFrame, policies, months: int, lang: str, title: str,
               solid: tuple[str, str], dashed: tuple[str, str],
               cumulative: bool = False) -> Figure:
    """Two series per regime in the regime's colour: (column, text key) drawn solid (summed
    over months when ``cumulative``) and dashed."""
    fig, ax = _figure()
    for policy, color in zip(policies, COLORS):
        sub = _of(ts, policy)
        first = sub[solid[0]].cumsum() if cumulative else sub[solid[0]]
        ax.plot(sub.index, first, color=color, label=f"{policy}: {text(lang, solid[1])}")
        ax.plot(sub.index, sub[dashed[0]], color=color, linestyle="--",
                label=f"{policy}: {text(lang, dashed[1])}")
    _months_axis(ax, months, lang)
    ax.set_ylabel(text(lang, "residents"))
    ax.legend(fontsize=7, frameon=False, loc="upper left")
    ax.set_title(text(lang, title), fontsize=10)
    return fig


def costs(ts: pd.DataFrame, policies, months: int, lang: str = "nl") -> Figure:
    """Money spent so far by each payer (Wmo, Participatiewet pots), per regime."""
    fig, ax = _figure()
    columns = [f"payer_{p}_eur" for p in PAYERS]
    totals = {p: (_of(ts, p)[columns].sum() / 1e3 if len(ts) else pd.Series(0.0, columns))
              for p in policies}
    shown = [c for c in columns if any(abs(totals[p][c]) > 0 for p in policies)] or columns[:1]
    x = np.arange(len(shown))
    width = 0.38
    for i, (policy, color) in enumerate(zip(policies, COLORS)):
        ax.bar(x + (i - 0.5) * width, [totals[policy][c] for c in shown], width, color=color,
               label=policy)
    labels = PAYER_LABELS[lang]
    ax.set_xticks(x, [labels[c[len("payer_"):-len("_eur")]] for c in shown], fontsize=7)
    ax.set_ylabel(text(lang, "eur_thousands"))
    ax.legend(fontsize=7, frameon=False)
    ax.set_title(text(lang, "costs"), fontsize=10)
    return fig


def _viridis(n: int):
    from matplotlib import colormaps

    return colormaps["viridis"](np.linspace(0.1, 0.95, n))


CHARTS: dict[str, Callable[..., Figure]] = {
    "ladder": ladder, "jobs": jobs, "waiting": waiting, "costs": costs}


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes (Agg, no pyplot)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def chart_png(name: str, twin, lang: str = "nl") -> bytes:
    """One of ``CHARTS`` for the twin model as it stands now."""
    ts = twin.timeseries()
    if ts.empty:
        return png(placeholder(name, lang))
    return png(CHARTS[name](ts, twin.policies, twin.months, lang))
