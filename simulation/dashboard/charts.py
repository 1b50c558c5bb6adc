"""The page's charts: the report's charts (``simulation.charts``) on the twin model's run.

Each chart gets one monthly frame per regime, the months simulated so far, drawn on the
horizon's axis so it fills as the months pass, at the size of a cell of SolaraViz's grid.
Drawing one is a few lines on at most a few hundred points: well under a second for a
municipality of 30,000.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from .. import charts
from .texts import text

#: The page's charts in the order of SolaraViz's grid; each draws a twin model's run.
CHARTS = ("ladder", "jobs", "waiting", "costs", "payers")


def placeholder(name: str, lang: str = "nl") -> Figure:
    """Before the first month: the chart's title and what to press."""
    fig = Figure(figsize=charts.CELL.single, dpi=charts.CELL.dpi)
    fig.text(0.5, 0.9, text(lang, name), ha="center", fontsize=10)
    fig.text(0.5, 0.5, text(lang, "no_data"), ha="center", va="center", fontsize=9,
             color="#555")
    return fig


def chart(name: str, twin, lang: str = "nl") -> Figure:
    """One of ``CHARTS`` for the twin model as it stands now."""
    if name not in CHARTS:
        raise KeyError(f"no chart named {name!r}; the page's charts are {', '.join(CHARTS)}")
    ts = twin.timeseries()
    if ts.empty:
        return placeholder(name, lang)
    frames = {p: ts[ts["policy"] == p].set_index("month") for p in twin.policies}
    title, cell, months = text(lang, name), charts.CELL, twin.months
    if name == "ladder":
        return charts.ladder(frames, lang, title, cell, months)
    if name == "jobs":
        return charts.jobs(frames, lang, title, cell, months, in_work=True)
    if name == "waiting":
        return charts.waiting(frames, lang, title, cell, months)
    spent = {p: frame.sum(numeric_only=True) for p, frame in frames.items()}  # so far
    return charts.costs(spent, lang, title, cell, by="payer" if name == "payers" else "category")


def chart_png(name: str, twin, lang: str = "nl") -> bytes:
    """``chart`` as PNG bytes, as the page shows it."""
    return charts.png(chart(name, twin, lang))
