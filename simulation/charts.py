"""Every chart of the report and the dashboard, each drawn by one function for both.

The charts over time take a monthly frame per policy set (indexed by month, columns as in
the timeseries): the report passes means over replications, the dashboard one run of its
twin model so far. Names of categories, payers, metrics and parameters come from the
declarations through ``presentation``; the few words of the axes are in ``WORDS``.

Matplotlib's object API only (``Figure``, never pyplot): no global state, so browser
sessions of the dashboard cannot draw into each other's figures. ``png`` saves through
Agg without a version stamp, so the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import textwrap
import warnings
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

from .declarations import (
    BY_KEY,
    COST_CATEGORIES,
    PAYER_NAMES,
    Label,
    money_column,
    payer_column,
)
from .presentation import COLORS, category_label, fmt_input, metric_label, param_name, payer_label

#: A monthly frame per policy set, in the order the sets are compared.
Frames = Mapping[str, pd.DataFrame]
#: Per policy set, the low and high edge of a band around a line (indexed by month).
Band = Mapping[str, tuple[pd.Series, pd.Series]]

#: The rungs of the participation ladder (participatieladder, docs/evidence.md §5).
RUNG_NAMES: tuple[Label, ...] = (
    Label("geïsoleerd", "isolated"),
    Label("sociale contacten buiten de deur", "social contacts outside the home"),
    Label("deelname aan georganiseerde activiteiten", "taking part in organised activities"),
    Label("onbetaald werk (vrijwilligerswerk, stage)", "unpaid work (volunteering, internship)"),
    Label("betaald werk met ondersteuning", "paid work with support"),
    Label("betaald werk zonder ondersteuning", "paid work without support"),
)
RUNGS = range(1, len(RUNG_NAMES) + 1)

#: The words on the charts' axes and legends; names of things come from the declarations.
WORDS: dict[str, Label] = {
    "month": Label("maand", "month"),
    "residents": Label("inwoners", "residents"),
    "cost": Label("kosten", "cost"),
    "thousands": Label("€ x 1.000", "€ x 1,000"),
    "millions": Label("€ mln", "€ million"),
    "jobs_started": Label("gestart, opgeteld", "started, cumulative"),
    "in_work": Label("in betaald werk", "in paid work"),
    "wait_assessment": Label("wacht op onderzoek (nieuwe aanvraag)",
                             "waiting for an assessment (new request)"),
    "reassessment": Label("herindicatie loopt (heeft een plek)",
                          "re-assessment pending (has a place)"),
    "wait_placement": Label("wacht op plek", "waiting for a place"),
    "cost_month": Label("kosten per maand (euro)", "cost per month (euro)"),
    "participants": Label("in dagbesteding", "in day activities"),
    "rights": Label("met lopende beschikking", "on transitional rights"),
    "difference": Label("Verschil", "Difference"),
    "per_job": Label("bedrag per extra baan die 12 maanden duurt (€ x 1.000)",
                     "amount per extra job lasting 12 months (€ x 1,000)"),
    "probability": Label("kans", "probability"),
    "low": Label("onderkant bereik", "low end of range"),
    "high": Label("bovenkant bereik", "high end of range"),
    "cost_difference": Label("verschil in netto kosten (€ x 1.000)",
                             "difference in net cost (€ x 1,000)"),
    "jobs_difference": Label("verschil in banen die 12 maanden duren",
                             "difference in jobs lasting 12 months"),
}


def _words(lang: str) -> dict[str, str]:
    """``WORDS`` in one language."""
    return {key: label(lang) for key, label in WORDS.items()}


@dataclass(frozen=True)
class Canvas:
    """Where a chart is shown: its size in inches, resolution and type sizes.

    Attributes:
        single, double: the size of a chart with one panel and with two side by side.
    """

    single: tuple[float, float]
    double: tuple[float, float]
    dpi: int
    title_size: float
    legend_size: float


#: A figure of the report, at page width.
PAGE = Canvas((7.0, 3.6), (10.0, 3.6), 110, 11, 8)
#: A cell of the dashboard's grid (about 490 x 360 pixels): both panels in it, small type.
CELL = Canvas((5.4, 4.0), (5.4, 4.0), 90, 10, 7)


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes at its own resolution."""
    buf = io.BytesIO()
    with warnings.catch_warnings():  # a name's emoji or control character: drawn as a box
        warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
        fig.savefig(buf, format="png", dpi=fig.dpi,
                    metadata={"Software": None})  # no version stamp: same inputs, same bytes
    return buf.getvalue()


def _figure(canvas: Canvas, title: str, lang: str, panels: int = 1,
            size: tuple[float, float] | None = None, sharey: bool = False,
            numeric_x: bool = True) -> tuple[Figure, list[Axes]]:
    """A figure of one or two panels with its title, laid out by matplotlib's constrained
    layout so that titles, labels and legends beside a panel stay inside it. Numbers on
    the axes are written as the language writes them (Dutch: 17,5 and 1.200); an axis of
    names (``numeric_x=False``) keeps its names."""
    size = size or (canvas.double if panels > 1 else canvas.single)
    fig = Figure(figsize=size, dpi=canvas.dpi, layout="constrained")
    axes = list(fig.subplots(1, panels, sharey=sharey, squeeze=False)[0])
    fig.suptitle(_wrap(title, size[0], canvas.title_size), fontsize=canvas.title_size)
    ticks = FuncFormatter(lambda x, _: fmt_input(round(x, 9), lang))  # no float dust
    for ax in axes:
        ax.yaxis.set_major_formatter(ticks)
        if numeric_x:
            ax.xaxis.set_major_formatter(ticks)
    return fig, axes


def _wrap(text: str, inches: float, points: float) -> str:
    """Text broken into lines that fit ``inches`` at ``points`` type (an average letter is
    about half as wide as high); matplotlib's own wrapping ignores the layout engine."""
    return textwrap.fill(text, width=max(20, int(inches * 72 / (points * 0.55))))


def _month_axis(ax: Axes, lang: str, months: int | None) -> None:
    """Months on x; the dashboard fixes the horizon so a chart fills as the months pass."""
    ax.set_xlabel(WORDS["month"](lang))
    if months:
        ax.set_xlim(0, months)


def _legend(ax: Axes, canvas: Canvas, reverse: bool = False) -> None:
    """A legend beside the plot, never over it: a legend inside covers data somewhere
    in some run. Constrained layout makes room for it; long names are wrapped."""
    handles, labels = ax.get_legend_handles_labels()
    if not labels:
        return  # nothing drawn with a name (a chart of zeros): no empty legend box
    wrapped = [textwrap.fill(label, 36) for label in labels]
    ax.legend(handles, wrapped, frameon=False, fontsize=canvas.legend_size, reverse=reverse,
              loc="center left", bbox_to_anchor=(1.0, 0.5))


def ladder(frames: Frames, lang: str, title: str, canvas: Canvas = PAGE,
           months: int | None = None) -> Figure:
    """Residents on each rung of the participation ladder, stacked, one panel per policy."""
    words = _words(lang)
    fig, axes = _figure(canvas, title, lang, panels=len(frames), sharey=True)
    colors = colormaps["viridis"](np.linspace(0.1, 0.95, len(RUNGS)))
    for ax, (policy, frame) in zip(axes, frames.items()):
        ax.stackplot(frame.index, frame[[f"rung_{r}" for r in RUNGS]].T.to_numpy(),
                     colors=colors, labels=[f"{r} {RUNG_NAMES[r - 1](lang)}" for r in RUNGS])
        ax.set_title(policy, fontsize=canvas.title_size - 1)
        _month_axis(ax, lang, months)
    axes[0].set_ylabel(words["residents"])
    _legend(axes[-1], canvas, reverse=True)  # the top rung on top
    return fig


def jobs(frames: Frames, lang: str, title: str, canvas: Canvas = PAGE,
         months: int | None = None, band: Band | None = None, in_work: bool = False) -> Figure:
    """Jobs started so far per policy, with an optional band around each line and, with
    ``in_work``, the residents in paid work (dashed)."""
    words = _words(lang)
    fig, (ax,) = _figure(canvas, title, lang)
    for (policy, frame), color in zip(frames.items(), COLORS):
        if band is not None:
            low, high = band[policy]
            ax.fill_between(low.index, low, high, alpha=0.2, color=color)
        ax.plot(frame.index, frame["jobs_started"].cumsum(), color=color,
                label=f"{policy}: {words['jobs_started']}" if in_work else policy)
        if in_work:
            ax.plot(frame.index, frame["in_paid_work"], color=color, linestyle="--",
                    label=f"{policy}: {words['in_work']}")
    _month_axis(ax, lang, months)
    ax.set_ylabel(words["residents"] if in_work else metric_label("jobs_started", lang))
    _legend(ax, canvas)
    return fig


#: The columns of a monthly frame the waiting chart reads (``waiting_lines``).
WAITING_COLUMNS = ("waiting_assessment", "assessment_queue", "waiting_placement")


def waiting_lines(frame: pd.DataFrame) -> list[tuple[str, pd.Series, str]]:
    """The waiting chart's lines for one policy set, as (word, values, line style):
    residents with a new request waiting for an assessment (solid), re-assessments under
    way (dotted: the resident keeps a place meanwhile, so it is consultants' work rather
    than waiting), residents waiting for a place (dashed)."""
    new, queue, place = (frame[column] for column in WAITING_COLUMNS)
    return [("wait_assessment", new, "-"), ("reassessment", queue - new, ":"),
            ("wait_placement", place, "--")]


def waiting(frames: Frames, lang: str, title: str, canvas: Canvas = PAGE,
            months: int | None = None) -> Figure:
    """Per policy, the ``waiting_lines``; a line that is zero throughout (no assessments
    under open access) is left out."""
    words = _words(lang)
    fig, (ax,) = _figure(canvas, title, lang)
    for (policy, frame), color in zip(frames.items(), COLORS):
        for word, values, style in waiting_lines(frame):
            if values.any():
                ax.plot(frame.index, values, color=color, linestyle=style,
                        label=f"{policy}: {words[word]}")
    _month_axis(ax, lang, months)
    ax.set_ylabel(words["residents"])
    _legend(ax, canvas)
    return fig


def _cost_parts(by: str, lang: str) -> list[tuple[str, str]]:
    """What a cost bar is split into, as (column, label): every declared cost category
    (``by="category"``) or every payer (``by="payer"``), in declaration order."""
    if by == "category":
        return [(money_column(c), category_label(c, lang)) for c in COST_CATEGORIES]
    if by == "payer":
        return [(payer_column(p), payer_label(p, lang, short=True)) for p in PAYER_NAMES]
    raise ValueError(f"costs by {by!r}: by 'category' or by 'payer'")


def costs(totals: Mapping[str, Mapping[str, float]], lang: str, title: str,
          canvas: Canvas = PAGE, by: str = "category") -> Figure:
    """A bar per policy: its costs stacked by category or by payer.

    ``totals`` holds per policy the money columns (``cost_<category>_eur``,
    ``payer_<name>_eur``) as metrics and timeseries name them; a part that is zero for
    every policy is left out of bars and legend.
    """
    words = _words(lang)
    parts = _cost_parts(by, lang)
    policies = list(totals)
    values = np.array([[float(totals[p].get(column, 0.0)) for p in policies]
                       for column, _ in parts])
    scale, unit = ((1e6, words["millions"]) if values.sum(axis=0).max(initial=0.0) >= 1e6
                   else (1e3, words["thousands"]))
    palette = colormaps["tab20"]
    fig, (ax,) = _figure(canvas, title, lang, numeric_x=False)
    bottom = np.zeros(len(policies))
    for i, ((_, label), row) in enumerate(zip(parts, values / scale)):
        if row.any():  # the colour stays the part's own, whichever parts are left out
            ax.bar(policies, row, bottom=bottom, width=0.6, label=label,
                   color=palette(i % palette.N))
            bottom += row
    ax.set_ylabel(f"{words['cost']} ({unit})")
    _legend(ax, canvas, reverse=True)  # the legend stacked as the bars
    return fig


def transition(frames: Frames, lang: str, title: str, canvas: Canvas = PAGE) -> Figure:
    """Month by month around a policy switch: the double running costs (left), reach and
    who is still on the old terms (right); a dashed line marks each policy's switch."""
    words = _words(lang)
    fig, (money, people) = _figure(canvas, title, lang, panels=2)
    for (policy, frame), color in zip(frames.items(), COLORS):
        money.plot(frame.index, frame["cost_total_eur"], color=color, label=policy)
        people.plot(frame.index, frame["in_day_activity"], color=color,
                    label=f"{policy}: {words['participants']}")
        people.plot(frame.index, frame["on_transitional_rights"], color=color, linestyle=":",
                    label=f"{policy}: {words['rights']}")
        switched = frame.index[frame["after_switch"] > 0]
        if len(switched):
            for ax in (money, people):
                ax.axvline(switched.min(), color=color, linewidth=0.8, linestyle="--")
    money.set_ylabel(words["cost_month"])
    people.set_ylabel(words["residents"])
    for ax in (money, people):
        _month_axis(ax, lang, None)
    _legend(people, canvas)  # its entries name both panels' colours
    return fig


def ce_plane(d_effect: np.ndarray, d_cost: np.ndarray, effect: str, cost: str, lang: str,
             title: str, canvas: Canvas = PAGE) -> Figure:
    """One point per replication: the paired difference in effect against that in cost;
    the cross is their mean."""
    words = _words(lang)
    fig, (ax,) = _figure(canvas, title, lang, size=(6.0, 4.0))
    ax.axhline(0, color="#999", linewidth=0.8)
    ax.axvline(0, color="#999", linewidth=0.8)
    ax.scatter(d_effect, d_cost / 1e3, s=18, color=COLORS[1], alpha=0.7)
    ax.scatter([d_effect.mean()], [d_cost.mean() / 1e3], s=60, color="black", marker="x")
    ax.set_xlabel(_wrap(f"{words['difference']}: {metric_label(effect, lang)}", 6.0, 10))
    ax.set_ylabel(_wrap(f"{words['difference']}: {metric_label(cost, lang)}, "
                        f"{words['thousands']}", 3.6, 10))
    return fig


def ceac(curve: pd.DataFrame, lang: str, title: str, canvas: Canvas = PAGE) -> Figure:
    """The acceptability curve: willingness to pay (first column) against the chance the
    second policy is the better buy (second column)."""
    words = _words(lang)
    fig, (ax,) = _figure(canvas, title, lang, size=(6.0, 3.6))
    ax.plot(curve.iloc[:, 0] / 1e3, curve.iloc[:, 1], color=COLORS[1])
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(_wrap(words["per_job"], 6.0, 10))
    ax.set_ylabel(words["probability"])
    return fig


def _param_name(key: str, lang: str) -> str:
    return param_name(BY_KEY[key], lang) if key in BY_KEY else key


def tornado(table: pd.DataFrame, lang: str, title: str, canvas: Canvas = PAGE,
            prefix: str = "") -> Figure:
    """Per unmeasured parameter, the difference in net cost (or with ``prefix="jobs_"`` in
    jobs lasting 12 months) at the low and the high end of its plausible range, as bars
    from the difference at the defaults (largest swing on top)."""
    words = _words(lang)
    rows = table.sort_values(f"{prefix}swing").reset_index(drop=True)
    scale = 1e3 if not prefix else 1.0
    names = [textwrap.fill(_param_name(k, lang), 50) for k in rows["parameter"]]
    lines = max((name.count("\n") + 1 for name in names), default=1)
    fig, (ax,) = _figure(canvas, title, lang,
                         size=(9.0, (0.14 * lines + 0.12) * len(rows) + 1.4))
    centre = rows[f"{prefix}difference_at_default"].iloc[0] / scale
    y = np.arange(len(rows))
    ax.barh(y, rows[f"{prefix}difference_at_low"] / scale - centre, left=centre,
            color="#9ecae1", label=words["low"])
    ax.barh(y, rows[f"{prefix}difference_at_high"] / scale - centre, left=centre,
            color="#3182bd", label=words["high"])
    ax.axvline(centre, color="black", linewidth=0.8)
    ax.set_yticks(y, names, fontsize=8)
    ax.set_xlabel(words["jobs_difference" if prefix else "cost_difference"])
    _legend(ax, canvas)
    return fig


def break_even(grid: Sequence[float], difference: Sequence[float], parameter: str,
               at: float | None, lang: str, title: str, canvas: Canvas = PAGE) -> Figure:
    """The difference in net cost as one parameter rises; a dashed line where it is zero."""
    words = _words(lang)
    fig, (ax,) = _figure(canvas, title, lang, size=(6.0, 3.4))
    ax.plot(np.asarray(grid) / 1e3, np.asarray(difference) / 1e3, marker="o", color=COLORS[1])
    ax.axhline(0, color="#999", linewidth=0.8)
    if at is not None:
        ax.axvline(at / 1e3, color="black", linestyle="--", linewidth=0.8)
    ax.set_xlabel(_wrap(f"{_param_name(parameter, lang)} ({words['thousands']})", 6.0, 10))
    ax.set_ylabel(_wrap(words["cost_difference"], 3.4, 10))
    return fig


def sensitivity_indices(table: pd.DataFrame, metric: str, canvas: Canvas = PAGE) -> Figure:
    """Sobol' indices (total and first order, with their 95% confidence) or Morris mu* of
    a metric, one bar per parameter (a researcher's chart: parameter keys as they are)."""
    fig, (ax,) = _figure(canvas, f"Sensitivity of {metric}", "en",
                         size=(7.0, 0.4 * len(table) + 1.5))
    y = np.arange(len(table))
    if "ST" in table:
        ax.barh(y + 0.2, table["ST"], height=0.4, xerr=table["ST_conf"], label="total (ST)")
        ax.barh(y - 0.2, table["S1"], height=0.4, xerr=table["S1_conf"], label="first (S1)")
    else:
        ax.barh(y, table["mu_star"], xerr=table["mu_star_conf"], label="Morris mu*")
    ax.set_yticks(y, table["parameter"], fontsize=canvas.legend_size)
    _legend(ax, canvas)
    return fig


def discovery(found: Mapping, what: str, canvas: Canvas = PAGE) -> Figure:
    """PRIM's box on the two parameters it restricts most, samples coloured by outcome."""
    fig, (ax,) = _figure(canvas, f"PRIM: {what} (orange); box: coverage "
                                 f"{found['coverage']:.2f}, density {found['density']:.2f}", "en",
                         size=(6.0, 4.5))
    x, hit = found.get("x"), found.get("hit")
    if x is not None:
        cols = list(found["limits"])[:2] or list(x.columns[:2])
        if len(cols) == 1:
            cols = [cols[0], next((c for c in x.columns if c != cols[0]), cols[0])]
        ax.scatter(x[cols[0]], x[cols[1]], c=np.where(hit, COLORS[1], "#9ecae1"), s=14)
        lims = found["limits"]
        x0, x1 = lims.get(cols[0], [x[cols[0]].min(), x[cols[0]].max()])
        y0, y1 = lims.get(cols[1], [x[cols[1]].min(), x[cols[1]].max()])
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, linewidth=1.5))
        ax.set_xlabel(cols[0], fontsize=canvas.legend_size)
        ax.set_ylabel(cols[1], fontsize=canvas.legend_size)
    return fig
