"""The report's part on a national run: how the effect is spread over municipalities.

Every municipality is a model of its own, so a national comparison has each one's paired
differences (``Results.municipalities``). This part says in how many municipalities the
net cost falls or rises clearly, adds the differences up by size, by the share of
inhabitants on bijstand and by province (replication by replication, so a group's
interval is that of its sum), and lists the largest municipalities. Money is per year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import economics
from .experiment import ci95
from .presentation import fmt
from .report_outcomes import Page, clear, esc, interval_cell, wide

#: Upper bounds of the size classes in inhabitants (the last class has none).
SIZE_CLASSES = (20_000, 50_000, 100_000)
#: Municipalities grouped by their bijstand clients per inhabitant: into fifths.
BIJSTAND_GROUPS = 5
#: The largest municipalities listed one by one, and how many are named for the largest
#: fall and rise in net cost per inhabitant.
LARGEST, NAMED = 10, 5
_COST, _JOBS = economics.COST, "jobs_started"


def municipalities_html(results, page: Page) -> str:
    """National runs: where the net cost falls and rises, by group, and the largest
    municipalities; nothing for one municipality."""
    if results.municipalities is None:
        return ""
    munis = {m.code: m for m in results.scenario.municipalities}
    diffs = _differences(results)
    signs = _signs(diffs[_COST])
    local = all(m.figures is not None for m in munis.values())
    parts = [f"<h2>{esc(page.t['by_muni'])}</h2>", _inputs_note(page, munis, local),
             _gain_and_loss(page, diffs, signs, munis),
             _groups(page, "spread_size", diffs, signs, munis, _size_classes(page, munis))]
    if local:
        parts.append(_groups(page, "spread_bijstand", diffs, signs, munis,
                             _bijstand_groups(page, munis)))
    provinces = {code: m.province for code, m in munis.items()}
    regions = {code: m.region or page.t["no_region"] for code, m in munis.items()}
    if any(m.region for m in munis.values()) and regions != provinces:
        parts.append(_groups(page, "spread_region", diffs, signs, munis,
                             dict(sorted(regions.items(), key=lambda item: item[1]))))
    parts += [_groups(page, "spread_province", diffs, signs, munis,
                      dict(sorted(provinces.items(), key=lambda item: item[1]))),
              page.p("spread_note", css="note"), _largest(page, results, local)]
    return "".join(parts)


def _differences(results) -> pd.DataFrame:
    """Per municipality and replication (the index), the second policy set's net cost and
    jobs minus the first's."""
    a, b = results.policies[:2]
    df = results.municipalities.set_index(["code", "replication"])
    return df.loc[df.policy == b, [_COST, _JOBS]] - df.loc[df.policy == a, [_COST, _JOBS]]


def _signs(cost: pd.Series) -> dict[str, int]:
    """Per municipality: -1 where the net cost clearly falls, 1 where it clearly rises,
    0 where its interval includes zero or there is none (one replication)."""
    return {code: int(np.sign(d.mean())) if clear(*ci95(d)) else 0
            for code, d in cost.groupby(level="code", sort=False)}


def _inputs_note(page: Page, munis, local: bool) -> str:
    """Where each municipality's inputs come from, which figures were filled in, and the
    regions that share providers."""
    regions = {m.region for m in munis.values()} - {""}
    shared = page.p("by_muni_regions", k=len(regions),
                    alone=sum(not m.region for m in munis.values())) if regions else ""
    if not local:
        return page.p("by_muni_scaled") + shared
    filled = sum(bool(m.figures.filled) for m in munis.values())
    return page.p("by_muni_local") + shared + (
        page.p("by_muni_filled", css="note", k=filled) if filled else "")


def _gain_and_loss(page: Page, diffs, signs, munis) -> str:
    """In how many municipalities the net cost falls or rises clearly, and where most per
    inhabitant."""
    counts = {s: sum(v == s for v in signs.values()) for s in (-1, 0, 1)}
    text = page.say("spread_text", n=len(signs), cheaper=counts[-1], dearer=counts[1],
                    unclear=counts[0])
    per_inhabitant = (diffs[_COST].groupby(level="code").mean()
                      / pd.Series({c: m.inhabitants for c, m in munis.items()}))
    for sign, key in ((-1, "spread_cheapest"), (1, "spread_dearest")):
        clearly = per_inhabitant[[c for c, s in signs.items() if s == sign]]
        order = clearly.sort_values(ascending=sign < 0, kind="stable").index[:NAMED]
        if len(order):
            text += " " + page.say(key, names=page.listed(munis[c].name for c in order))
    return f"<p>{esc(text)}</p>"


def _size_classes(page: Page, munis) -> dict[str, str]:
    """Each municipality's size class, in order of size."""
    bounds = (0, *SIZE_CLASSES, None)
    labels = [page.say("size_below", n=fmt(bounds[1], page.lang))]
    labels += [page.say("size_between", low=fmt(low, page.lang), high=fmt(high, page.lang))
               for low, high in zip(bounds[1:-2], bounds[2:-1])]
    labels.append(page.say("size_from", n=fmt(SIZE_CLASSES[-1], page.lang)))
    ordered = sorted(munis.values(), key=lambda m: m.inhabitants)
    return {m.code: labels[int(np.searchsorted(SIZE_CLASSES, m.inhabitants, side="right"))]
            for m in ordered}


def _bijstand_groups(page: Page, munis) -> dict[str, str]:
    """Each municipality's fifth by bijstand clients per 1,000 inhabitants (as many groups
    as municipalities when there are fewer than five), lowest first, named by its range."""
    ordered = sorted(munis.values(), key=lambda m: m.figures.bijstand_per_1000)
    k = min(BIJSTAND_GROUPS, len(ordered))
    parts = [ordered[len(ordered) * i // k: len(ordered) * (i + 1) // k] for i in range(k)]
    out = {}
    for part in parts:
        rates = [m.figures.bijstand_per_1000 for m in part]
        label = page.say("bijstand_group", low=fmt(min(rates), page.lang),
                         high=fmt(max(rates), page.lang))
        out.update({m.code: label for m in part})
    return out


def _groups(page: Page, title: str, diffs, signs, munis, group_of: dict[str, str]) -> str:
    """One table of groups of municipalities (``group_of``: each code's group, in the
    groups' order): their summed differences per year with intervals, and how many of
    their municipalities are clearly cheaper or dearer."""
    years = page.years
    codes = diffs.index.get_level_values("code")
    sums = diffs.groupby([codes.map(group_of), diffs.index.get_level_values("replication")]
                         ).sum()
    rows = []
    for group in dict.fromkeys(group_of.values()):
        members = [c for c, g in group_of.items() if g == group]
        inhabitants = sum(munis[c].inhabitants for c in members)
        cost, jobs = sums.loc[group, _COST] / years, sums.loc[group, _JOBS]
        (cost_low, cost_high), (jobs_low, jobs_high) = ci95(cost), ci95(jobs)
        rows.append(
            f"<tr><td>{esc(group)}</td><td>{len(members)}</td>"
            f"<td>{fmt(inhabitants, page.lang)}</td>"
            f"<td>{fmt(cost.mean(), page.lang, True)}</td>"
            f"<td>{interval_cell(page, cost_low, cost_high, money=True)}</td>"
            f"<td>{fmt(cost.mean() / inhabitants * 10_000, page.lang, True)}</td>"
            f"<td>{fmt(jobs.mean(), page.lang)}</td>"
            f"<td>{interval_cell(page, jobs_low, jobs_high)}</td>"
            f"<td>{sum(signs[c] < 0 for c in members)}</td>"
            f"<td>{sum(signs[c] > 0 for c in members)}</td></tr>")
    heads = "".join(f"<th>{esc(page.t[k])}</th>" for k in (
        "muni_group", "munis", "inhabitants", "net_diff_year", "interval", "per_10000",
        "jobs_diff", "interval", "cheaper", "dearer"))
    return f"<h3>{esc(page.t[title])}</h3>" + wide(f"<tr>{heads}</tr>{''.join(rows)}")


def _largest(page: Page, results, local: bool) -> str:
    """The largest municipalities one by one: net cost and jobs, each with its interval."""
    lang = page.lang
    cmp = results.by_municipality((_COST, _JOBS))
    munis = cmp.drop_duplicates("code").sort_values("inhabitants", ascending=False,
                                                    kind="stable").head(LARGEST)
    by = cmp.set_index(["code", "metric"])
    own = {m.code: m for m in results.scenario.municipalities}

    def cells(code: str, metric: str, money: bool = False) -> str:
        r = by.loc[(code, metric)]
        value = page.money(r.difference) if money else fmt(r.difference, lang)
        interval = interval_cell(page, r.ci95_low, r.ci95_high, money, total=money)
        return f"<td>{value}</td><td>{interval}</td>"

    def rate(code: str) -> str:
        return f"<td>{fmt(own[code].figures.bijstand_per_1000, lang)}</td>" if local else ""

    rows = "".join(
        f"<tr><td>{esc(m.name)} ({esc(m.province)})</td><td>{fmt(m.inhabitants, lang)}</td>"
        f"{rate(m.code)}{cells(m.code, _COST, True)}{cells(m.code, _JOBS)}</tr>"
        for m in munis.itertuples(index=False))
    keys = ("muni", "inhabitants", *(("bijstand_rate",) if local else ()), "net_diff",
            "interval", "jobs_diff", "interval")
    heads = "".join(f"<th>{esc(page.t[k])}</th>" for k in keys)
    return (f"<h3>{esc(page.say('largest', k=len(munis)))}</h3>"
            + page.p("largest_text", n=cmp.code.nunique())
            + wide(f"<tr>{heads}</tr>{rows}") + page.p("interval_note_short", css="note"))
