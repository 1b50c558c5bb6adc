"""The comparison report shows the comparison's own numbers, in Dutch or English, and
names everything as it is declared."""

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulation import charts
from simulation.commands import main
from simulation.declarations import (
    CATEGORIES,
    COST_CATEGORIES,
    GROUP_LABELS,
    GROUPS,
    LANGS,
    PAYER_BY_NAME,
    PAYER_NAMES,
    money_column,
    payer_column,
)
from simulation.experiment import compare
from simulation.metrics import ALL
from simulation.presentation import MAIN_METRICS, fmt, is_money
from simulation.report import LABELS, figures, monthly_means, write_report


@pytest.fixture(scope="module")
def results(small):
    return compare(small, replications=3, seed=4)


def test_fmt_speaks_dutch_and_english():
    assert fmt(1234567.891, "nl", money=True) == "€ 1.234.568"
    assert fmt(1234567.891, "en", money=True) == "€ 1,234,568"
    assert fmt(3.14159, "nl") == "3,14"
    assert fmt(None) == "–" and fmt(float("nan")) == "–"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_has_every_section_and_the_comparison_numbers(results, tmp_path, lang):
    files = write_report(results, tmp_path, lang=lang)
    assert set(files) == {"ladder.png", "jobs.png", "costs.png", "waiting.png", "ce_plane.png",
                          "ceac.png", "report.html"}
    for f in files[:-1]:
        assert (tmp_path / f).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    t = LABELS[lang]
    for key in ("title", "answer", "main", "payers", "ce", "equity", "ladder", "jobs", "costs",
                "waiting", "assumptions", "no_sensitivity", "caveat"):
        assert t[key] in page, key
    table = results.comparison().set_index("metric")
    for m in MAIN_METRICS:
        money = is_money(m)
        for col in ("indicatie", "voorziening", "difference"):
            assert fmt(table.loc[m, col], lang, money) in page, (m, col)
    assert len(re.findall(r"<img src=", page)) == 6
    assert f'lang="{lang}"' in page


def test_plots_are_byte_identical_for_identical_results(results, tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        write_report(results, tmp_path / name)
    for f in ("ladder.png", "costs.png", "report.html"):
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()


def test_sensitivity_sections_show_the_tornado_and_break_even(results, tmp_path):
    tornado = pd.DataFrame([{"parameter": "help_seeking.latent_share", "label_nl": "x",
                             "low": 0.0, "high": 0.5, "default": 0.17,
                             "difference_at_low": -10.0, "difference_at_high": 20.0,
                             "swing": 30.0, "difference_at_default": 5.0, "flips_at": 0.1,
                             "jobs_difference_at_low": 1.0, "jobs_difference_at_high": 3.0,
                             "jobs_swing": 2.0, "jobs_difference_at_default": 2.0,
                             "jobs_flips_at": float("nan"), "jobs_carried": 1.0}])
    be = {"parameter": "voorziening.budget_per_year_eur", "grid": [1.0, 2.0],
          "difference": [-1.0, 1.0], "break_even": 1.5, "wait_difference": [2.0, 1.0],
          "equal_service": None}
    files = write_report(results, tmp_path, lang="en",
                         sensitivity={"tornado": tornado, "break_even": be})
    assert {"tornado.png", "tornado_jobs.png", "break_even.png"} <= set(files)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert LABELS["en"]["tornado"] in page
    assert LABELS["en"]["turns"] in page and "<td>0.10</td>" in page  # the cost flips at 0.1
    assert "With a fixed budget of € 2 a year both policies cost the same" in page
    assert "the difference in the wait for a place does not change sign" in page
    assert LABELS["en"]["no_sensitivity"] not in page


def test_the_answer_states_the_differences_with_intervals(results, tmp_path):
    write_report(results, tmp_path, lang="en")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    table = results.comparison().set_index("metric")
    r = table.loc["net_cost_eur"]
    assert fmt(abs(r.difference), "en", money=True) in page
    assert f"{fmt(r.ci95_low, 'en', True)} … {fmt(r.ci95_high, 'en', True)}" in page


def test_compare_report_matches_comparison_json(tmp_path, capsys):
    out = tmp_path / "cmp"
    code = main(["compare", "scenarios/baseline.toml", "--set", "population.residents=150",
                 "--months", "24", "--replications", "4", "--workers", "1", "--out", str(out),
                 "--quiet"])
    assert code == 0
    data = json.loads((out / "comparison.json").read_text())
    page = (out / "report.html").read_text(encoding="utf-8")
    for m in MAIN_METRICS:
        money = is_money(m)
        for key in ("indicatie", "voorziening", "difference"):
            assert fmt(data["metrics"][m][key], "nl", money) in page, (m, key)
    ce = data["cost_effectiveness"]
    assert ce["verdict"] in ("dominant", "dominated", "trade-off")


def test_report_renders_in_a_browser(results, tmp_path):
    """Render with headless Chromium when it is installed; keep the screenshot."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no Chromium on this machine")
    write_report(results, tmp_path)
    shot = tmp_path / "report.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'chr'}",
                    "--window-size=1100,4000", f"--screenshot={shot}",
                    (tmp_path / "report.html").as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 50_000
    keep = Path("test-artifacts")
    keep.mkdir(exist_ok=True)
    shutil.copy(shot, keep / "report.png")


# --- names come from the declarations ------------------------------------------------


def legend(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


@pytest.mark.parametrize("lang", LANGS)
def test_every_declared_category_and_payer_is_a_part_of_the_cost_chart(lang):
    """A category or payer added to the declarations is a part of the bars, named as
    declared, without an edit in the charts: the parts are read from the declarations."""
    everything = {money_column(c): 1e5 for c in CATEGORIES} | {
        payer_column(p): 1e5 for p in PAYER_NAMES}
    totals = {"a": pd.Series(everything), "b": pd.Series(everything) * 2}
    by_category = charts.costs(totals, lang, "title")
    top_first = reversed  # the legend lists the top of the stack first
    assert legend(by_category) == [CATEGORIES[c].label(lang) for c in top_first(COST_CATEGORIES)]
    by_payer = charts.costs(totals, lang, "title", by="payer")
    assert legend(by_payer) == [PAYER_BY_NAME[p].short(lang) for p in top_first(PAYER_NAMES)]
    bars = by_category.axes[0].patches
    assert len(bars) == 2 * len(COST_CATEGORIES)
    assert sum(bar.get_height() for bar in bars[1::2]) == pytest.approx(
        2 * sum(bar.get_height() for bar in bars[::2]))  # b's bar is twice a's


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_names_every_category_payer_and_group_as_declared(results, tmp_path, lang):
    write_report(results, tmp_path, lang=lang)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    for metric in ALL:  # every ledger category, payer and target group has its metrics
        assert f"<td>{html.escape(metric.label(lang))}</td>" in page, metric.name
    for group in GROUPS:
        assert f"<td>{html.escape(GROUP_LABELS[group](lang))}</td>" in page, group
    spent = results.metrics.groupby("policy")[[money_column(c) for c in COST_CATEGORIES]].mean()
    shown = [CATEGORIES[c].label(lang) for c in reversed(COST_CATEGORIES)
             if spent[money_column(c)].any()]  # the legend lists the top of the stack first
    assert legend(figures(results, lang)["costs.png"]) == shown


# --- the charts ------------------------------------------------------------------------


def test_the_jobs_chart_shows_the_mean_and_the_band_between_replications(results):
    jobs = figures(results, "nl")["jobs.png"]
    ax = jobs.axes[0]
    ts = results.timeseries
    for policy, line, band in zip(("indicatie", "voorziening"), ax.get_lines(),
                                  ax.collections):
        wide = ts[ts["policy"] == policy].pivot(index="month", columns="replication",
                                                values="jobs_started").cumsum()
        assert line.get_label() == policy
        assert np.allclose(line.get_ydata(), wide.mean(axis=1))
        top = band.get_paths()[0].vertices[:, 1].max()  # the band's upper edge at the end
        assert top == pytest.approx(np.percentile(wide.iloc[-1], 97.5))
        assert top > wide.iloc[-1].mean() or wide.iloc[-1].nunique() == 1
    ladder = figures(results, "en")["ladder.png"]
    assert [ax.get_title() for ax in ladder.axes] == ["indicatie", "voorziening"]
    assert legend(ladder) == [f"rung {r}" for r in range(6, 0, -1)]  # top of the stack first


def test_monthly_means_average_the_replications(results):
    means = monthly_means(results.timeseries, results.policies)
    ts = results.timeseries
    one = ts[(ts["policy"] == "voorziening") & (ts["month"] == 5)]
    assert means["voorziening"].loc[5, "in_day_activity"] == pytest.approx(
        one["in_day_activity"].mean())


def test_charts_never_use_pyplot():
    """No global figure state: the dashboard's sessions and the report share nothing."""
    code = ("import sys; from simulation import charts, report; import pandas as pd; "
            "charts.png(charts.costs({'a': pd.Series({'cost_day_activity_eur': 1.0})}, 'nl', "
            "'t')); print('matplotlib.pyplot' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "False", done.stderr


def test_the_report_says_which_figures_calibrate_and_which_validate(results, tmp_path):
    from simulation import targets

    write_report(results, tmp_path, lang="en")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    roles = targets.roles(targets.load_targets(targets.DEFAULT_FILE))
    section = page[page.index(LABELS["en"]["checked_validation"]):]
    validation, calibration = (section.index(LABELS["en"][k])
                               for k in ("checked_validation", "checked_calibration"))
    for r in roles["validation"]:
        assert validation < section.index(r["label"]("en")) < calibration
    for r in roles["calibration"]:
        assert section.index(r["label"]("en")) > calibration
