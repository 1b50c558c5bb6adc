"""The page's charts: the report's charts (``simulation.charts``) on the twin model's run.

Each chart gets one monthly frame per regime, the months simulated so far, drawn on the
horizon's axis so it fills as the months pass, at the size of a cell of the page's grid
(``CANVAS``: wide, as the legends stand beside the plots). Drawing one is a few lines on
at most a few hundred points: well under a second for a municipality of 30,000.

One run's waiting lists jump from month to month by chance alone (a few residents more
or less), which reads as alarm; the waiting chart therefore draws a steadier line, the
mean over the replications once they have run or else a moving average of the run, with
the run's own months faint behind it.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from .. import charts
from ..experiment import Results
from ..presentation import COLORS
from .texts import text

#: The page's charts in the order of the page's grid; each draws a twin model's run.
CHARTS = ("ladder", "jobs", "waiting", "costs", "payers")
#: A cell of the page's grid, about 840 x 340 pixels: room for a legend beside the plot
#: (``charts.CELL`` leaves two panels and a legend too little), type as on a report page.
CANVAS = charts.Canvas((8.4, 3.4), (8.4, 3.4), 100, 11, 8)
#: Months in the centred moving average of one run's waiting lists (3 either side).
SMOOTH_MONTHS = 7


def placeholder(name: str, lang: str = "nl") -> Figure:
    """Before the first month: the chart's title and what to press."""
    fig = Figure(figsize=CANVAS.single, dpi=CANVAS.dpi)
    fig.text(0.5, 0.9, text(lang, name), ha="center", fontsize=10)
    fig.text(0.5, 0.5, text(lang, "no_data"), ha="center", va="center", fontsize=9,
             color="#555")
    return fig


def steady_queues(frames: dict[str, pd.DataFrame], replicated: Results | None
                  ) -> tuple[dict[str, pd.DataFrame], str, dict[str, int]]:
    """The line a lay reader should read for the waiting lists, over the months so far:
    the mean over ``replicated``'s runs of these settings, or else a centred moving
    average of this run; with the title text and its fields that say which."""
    columns = list(charts.WAITING_COLUMNS)
    if replicated is not None:
        mean = replicated.timeseries.groupby(["policy", "month"])[columns].mean()
        lines = {p: mean.loc[p].loc[: frame.index.max()] for p, frame in frames.items()}
        return lines, "waiting_mean", {"n": replicated.replications}
    lines = {p: frame[columns].rolling(SMOOTH_MONTHS, center=True, min_periods=1).mean()
             for p, frame in frames.items()}
    return lines, "waiting_smooth", {"months": SMOOTH_MONTHS}


def waiting(frames: dict[str, pd.DataFrame], lang: str, months: int,
            replicated: Results | None = None) -> Figure:
    """The report's waiting chart on the steady lines, this run's months faint behind."""
    lines, title, fields = steady_queues(frames, replicated)
    fig = charts.waiting(lines, lang, text(lang, title, **fields), CANVAS, months)
    ax = fig.axes[0]
    for frame, color in zip(frames.values(), COLORS):
        for _, values, style in charts.waiting_lines(frame):
            if values.any():  # as ``charts.waiting`` leaves out a line of zeros
                ax.plot(frame.index, values, color=color, linestyle=style, linewidth=0.8,
                        alpha=0.3, zorder=1)
    return fig


def chart(name: str, twin, lang: str = "nl", replicated: Results | None = None) -> Figure:
    """One of ``CHARTS`` for the twin model as it stands now; ``replicated``, the
    replications of the same settings if they have run, steadies the waiting lists."""
    if name not in CHARTS:
        raise KeyError(f"no chart named {name!r}; the page's charts are {', '.join(CHARTS)}")
    ts = twin.timeseries()
    if ts.empty:
        return placeholder(name, lang)
    frames = {p: ts[ts["policy"] == p].set_index("month") for p in twin.policies}
    title, cell, months = text(lang, name), CANVAS, twin.months
    if name == "ladder":
        return charts.ladder(frames, lang, title, cell, months)
    if name == "jobs":
        return charts.jobs(frames, lang, title, cell, months, in_work=True)
    if name == "waiting":
        return waiting(frames, lang, months, replicated)
    spent = {p: frame.sum(numeric_only=True) for p, frame in frames.items()}  # so far
    return charts.costs(spent, lang, title, cell, by="payer" if name == "payers" else "category")


def chart_png(name: str, twin, lang: str = "nl", replicated: Results | None = None) -> bytes:
    """``chart`` as PNG bytes, as the page shows it."""
    return charts.png(chart(name, twin, lang, replicated))
