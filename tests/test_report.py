"""The comparison report shows the comparison's own numbers, in Dutch or English, names
everything as it is declared, and reads without help: what was changed, money per year,
no direction where the interval includes zero, every interval and band explained."""

import dataclasses
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
from matplotlib.text import Text

from simulation import charts, economics
from simulation.commands import main
from simulation.declarations import (
    BY_KEY,
    CATEGORIES,
    COST_CATEGORIES,
    GROUP_LABELS,
    GROUPS,
    LANGS,
    PAYER_BY_NAME,
    PAYER_NAMES,
    VARIANT_NAMES,
    money_column,
    payer_column,
    uncertain_params,
)
from simulation.experiment import compare
from simulation.metrics import ALL
from simulation.presentation import MAIN_METRICS, fmt, is_money, metric_label
from simulation.report import LABELS, figures, monthly_means, page_of, write_report
from simulation.report_outcomes import icer_text
from tests.test_sources import OLD_CITATION, OUTSIDE
from simulation.scenario import load


@pytest.fixture(scope="module")
def results(small):
    """Thirty months: past the first echo of the re-assessments (month 26)."""
    return compare(small.with_overrides({"simulation.months": 30}), replications=3, seed=4)


def report(res, tmp_path: Path, lang: str, sensitivity=None) -> str:
    out = tmp_path / f"{lang}-{len(list(tmp_path.iterdir()))}"
    out.mkdir()
    write_report(res, out, lang=lang, sensitivity=sensitivity)
    return (out / "report.html").read_text(encoding="utf-8")


def text_of(page: str) -> str:
    """What a reader sees of the page: no markup, entities read."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def chart_texts(res, lang: str, sensitivity=None) -> list[str]:
    """Every text on every chart (titles, axes, ticks, legends), as drawn."""
    texts = []
    for fig in figures(res, lang, sensitivity).values():
        charts.png(fig)  # draws: tick labels exist from here on
        texts += [t.get_text() for t in fig.findobj(Text) if t.get_text()]
    return texts


def with_differences(res, **columns):
    """The results with the second policy's metric = the first's + the given differences
    per replication (to put a comparison where a test needs it)."""
    metrics = res.metrics.copy()
    a, b = res.policies
    for column, diffs in columns.items():
        base = metrics.loc[metrics["policy"] == a, column].to_numpy()
        metrics.loc[metrics["policy"] == b, column] = base + np.asarray(diffs, float)
    return dataclasses.replace(res, metrics=metrics)


def full_tornado() -> dict:
    """A sensitivity result naming every unmeasured parameter (what a run would give)."""
    rows = [{"parameter": p.key, "label_nl": p.label_nl, "low": p.plausible[0],
             "high": p.plausible[1], "default": 1.0, "difference_at_low": -1e4 * i,
             "difference_at_high": 2e4 * i, "swing": 3e4 * i, "difference_at_default": 5e3,
             "flips_at": float(np.mean(p.plausible)), "jobs_difference_at_low": 1.0,
             "jobs_difference_at_high": 3.0 + i, "jobs_swing": 2.0 + i,
             "jobs_difference_at_default": 2.0, "jobs_flips_at": float("nan"),
             "jobs_carried": 1.0} for i, p in enumerate(uncertain_params())]
    be = {"parameter": "voorziening.budget_per_year_eur", "grid": [1.0, 2.0],
          "difference": [-1.0, 1.0], "break_even": 1.5, "wait_difference": [2.0, 1.0],
          "equal_service": None}
    return {"tornado": pd.DataFrame(rows), "break_even": be}


def test_fmt_gives_a_number_the_digits_it_needs():
    assert fmt(1234567.891, "nl", money=True) == "€ 1.234.568"
    assert fmt(1234567.891, "en", money=True) == "€ 1,234,568"
    assert fmt(3.14159, "nl") == "3,14" and fmt(21.64, "en") == "21.6"
    assert fmt(0.0035, "nl") == "0,0035" and fmt(0.0035, "en") == "0.0035"
    assert fmt(0.0) == "0" and fmt(-1e-13) == "0" and fmt(-0.2, "nl", money=True) == "€ 0"
    assert fmt(None) == "–" and fmt(float("nan")) == "–"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_has_every_section_and_the_comparison_numbers(results, tmp_path, lang):
    files = write_report(results, tmp_path, lang=lang)
    assert set(files) == {"ladder.png", "jobs.png", "costs.png", "waiting.png", "ce_plane.png",
                          "ceac.png", "report.html"}
    for f in files[:-1]:
        assert (tmp_path / f).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    say = page_of(results, lang).say
    for key in ("title", "compared", "answer", "main", "payers", "ce", "equity", "ladder",
                "jobs", "costs", "waiting", "sensitivity", "assumptions", "caveat"):
        assert html.escape(say(key)) in page, key
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
    sens = full_tornado()
    files = write_report(results, tmp_path, lang="en", sensitivity=sens)
    assert {"tornado.png", "tornado_jobs.png", "break_even.png"} <= set(files)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    say = page_of(results, "en").say
    assert html.escape(say("tornado")) in page and LABELS["en"]["turns"] in page
    assert "<td>16.5%</td>" in page  # latent demand's cost turns midway through 0% – 33%
    assert "× 0.5 … × 1.5" in page  # a list's range is a factor, and reads as one
    assert "With a fixed budget of € 2 a year both policies cost the same" in page
    assert "the difference in the wait for a place does not change sign" in page
    assert LABELS["en"]["no_sensitivity"].split("{")[0] not in page


def test_the_answer_states_the_differences_with_intervals(results, tmp_path):
    page = report(results, tmp_path, "en")
    r = results.comparison().set_index("metric").loc["net_cost_eur"]
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
    assert ce["verdict"] in ("dominant", "dominated", "trade-off", "cheaper_worse_service")
    assert "Inwoners in beeld: 150" in text_of(page)  # the --set, by its label


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


# --- names come from the declarations, in the report's language ----------------------------


def legend(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


#: Every name that is code rather than words: metric and series columns, parameter keys,
#: and every category, payer, variant and group name with an underscore in it.
CODE_NAMES = sorted({*(m.name for m in ALL), *BY_KEY, *(money_column(c) for c in CATEGORIES),
                     *(payer_column(p) for p in PAYER_NAMES),
                     *(n for n in (*CATEGORIES, *PAYER_NAMES, *VARIANT_NAMES, *GROUPS)
                       if "_" in n), "assessment_queue", "waiting_assessment", "psa:"})
#: Words that give one language away in the other.
TELLTALES = {"nl": r"(?<![-\w])(the|and|with|months|jobs|waiting|replications|which|than|"
                   r"year)\b",
             "en": r"(?<![-\w])(het|een|van|niet|wordt|kosten|banen|maanden|herhalingen|geen|"
                   r"jaar|verschil|inwoners|wachten|plek)\b"}
#: A number a reader should not see: a decimal mark of the other language, more than three
#: significant decimals, or zeros after the mark (a value that is not zero shown as one).
BAD_NUMBERS = {"nl": r"\d\.(?!\d{3}(?!\d))\d", "en": r"\d,(?!\d{3}(?!\d))\d"}
LONG_DECIMALS = r"[.,]0*[1-9]\d{3,}(?!\d)"
ZERO_DECIMALS = r"(?<![\d.,])-?0[.,]0+(?!\d)"


def _lapses(texts, lang: str, names=()) -> list[str]:
    """Code names, the other language's words and raw numbers in ``texts``; the policy
    sets' ``names`` aside (an alternative is named by the scenario's author)."""
    found = []
    for text in texts:
        for name in names:
            text = text.replace(name, " ").replace(name[:1].upper() + name[1:], " ")
        found += [f"code {name!r} in {text[:80]!r}" for name in CODE_NAMES if name in text]
        for pattern in (TELLTALES[lang], BAD_NUMBERS[lang], LONG_DECIMALS, ZERO_DECIMALS):
            found += [f"{m.group(0)!r} in {text[max(0, m.start() - 40):m.end() + 40]!r}"
                      for m in re.finditer(pattern, text)]
    return found


@pytest.fixture(scope="module")
def what_if(tmp_path_factory):
    """A what-if as a council makes one: values changed with --set (a small rate, a list,
    a rule and an amount) and a named alternative against indicatie."""
    sc = load("scenarios/baseline.toml", {
        "population.residents": 150, "simulation.months": 28,
        "help_seeking.per_month": 0.004, "development.up_per_month": [0.05, 0.03, 0.01],
        "voorziening.budget_rule": "fixed", "voorziening.budget_per_year_eur": 230000.0})
    return compare(sc, replications=3, seed=5, policies=("indicatie", "open_with_safety_net"))


@pytest.mark.parametrize("lang", LANGS)
def test_no_code_names_other_language_or_raw_numbers_in_page_or_charts(
        results, what_if, tmp_path, lang):
    for res, sens in ((results, full_tornado()), (what_if, None)):
        names = page_of(res, lang).names
        page = text_of(report(res, tmp_path, lang, sens))
        assert "<code>" not in page
        assert _lapses([page], lang, names) == []
        assert _lapses(chart_texts(res, lang, sens), lang, names) == []


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
    page = report(results, tmp_path, lang)
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
    names = page_of(results, "nl").names
    for policy, name, line, band in zip(("indicatie", "voorziening"), names, ax.get_lines(),
                                        ax.collections):
        wide = ts[ts["policy"] == policy].pivot(index="month", columns="replication",
                                                values="jobs_started").cumsum()
        assert line.get_label() == name
        assert np.allclose(line.get_ydata(), wide.mean(axis=1))
        top = band.get_paths()[0].vertices[:, 1].max()  # the band's upper edge at the end
        assert top == pytest.approx(np.percentile(wide.iloc[-1], 97.5))
        assert top > wide.iloc[-1].mean() or wide.iloc[-1].nunique() == 1
    ladder = figures(results, "en")["ladder.png"]
    assert [ax.get_title() for ax in ladder.axes] == ["individual assessment", "open access"]
    assert legend(ladder)[0] == "6 paid work without support"  # the top of the stack first
    assert len(legend(ladder)) == 6


def test_legends_stand_beside_the_plot_never_over_it(results):
    frames = monthly_means(results.timeseries, results.policies)
    drawn = [*figures(results, "nl", full_tornado()).values(),
             charts.jobs(frames, "en", "t", charts.CELL, 30, in_work=True),
             charts.waiting(frames, "nl", "t", charts.CELL, 30)]
    for fig in drawn:
        charts.png(fig)
        for ax in fig.axes:
            if ax.get_legend():
                assert ax.get_legend().get_window_extent().x0 >= ax.get_window_extent().x1


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

    page = report(results, tmp_path, "en")
    roles = targets.roles(targets.load_targets(targets.DEFAULT_FILE))
    section = page[page.index(LABELS["en"]["checked_validation"]):]
    validation, calibration = (section.index(LABELS["en"][k])
                               for k in ("checked_validation", "checked_calibration"))
    for r in roles["validation"]:
        assert validation < section.index(r["label"]("en")) < calibration
    for r in roles["calibration"]:
        assert section.index(r["label"]("en")) > calibration


# --- what a reviewer found a council could not read ----------------------------------------


@pytest.mark.parametrize("lang, words", [
    ("nl", ("Hulpvraag per maand: 0,004", "Stijgen op de ladder: 0,05 / 0,03 / 0,01",
            "Budgetregel: vast bedrag", "€ 230.000", "open with safety net",
            "vangnet na baanverlies", "scenario baseline:")),
    ("en", ("0.004", "0.05 / 0.03 / 0.01", "fixed amount", "€ 230,000",
            "open with safety net", "safety net after job loss", "scenario baseline:"))])
def test_a_what_if_says_what_was_changed_in_words(what_if, tmp_path, lang, words):
    page = text_of(report(what_if, tmp_path, lang))
    top = page[:page.index(page_of(what_if, lang).say("answer"))]  # before the answer
    assert all(w in top for w in words), [w for w in words if w not in top]
    assert "help_seeking" not in page and "open_with_safety_net" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_money_is_given_per_year_beside_the_total(results, tmp_path, lang):
    page = text_of(report(results, tmp_path, lang))
    years = results.scenario["simulation.months"] / 12
    d = results.comparison().set_index("metric").loc["net_cost_eur", "difference"]
    per_year = page_of(results, lang).say("per_year", amount=fmt(d / years, lang, True))
    answer = page[:page.index(LABELS[lang]["main"])]
    assert fmt(abs(d) / years, lang, True) in answer and fmt(abs(d), lang, True) in answer
    assert per_year in page[page.index(LABELS[lang]["main"]):]  # and in the table


@pytest.mark.parametrize("lang", LANGS)
def test_a_difference_whose_interval_holds_zero_has_no_direction(results, tmp_path, lang):
    vague = with_differences(results, mean_access_wait_months=[1.0, -1.0, 0.5],
                             net_cost_eur=[1e5, -1e5, 5e4])
    page = text_of(report(vague, tmp_path, lang))
    t, say = LABELS[lang], page_of(vague, lang).say
    answer = page[page.index(say("answer")):page.index(t["main"])]
    wait = metric_label("mean_access_wait_months", lang)
    assert f"{wait}: {t['no_clear_difference']}" in answer
    assert t["answer_wait"].split("{")[0] not in answer  # no "wait ... shorter"
    cost = say("answer_cost_unclear", year="", total="", word="", ci="")
    clear = say("answer_cost", year="@", total="", word="", ci="").split("@")[0]
    assert cost.split(".")[0] in answer and clear not in answer
    assert t["no_clear_difference"] in page[page.index(t["main"]):]  # marked in the table


def test_jobs_lasting_12_months_are_jobs_started_in_the_run_and_say_so(results, tmp_path):
    m = results.metrics
    assert (m["jobs_sustained_12m"] <= m["jobs_started"]).all()
    for lang in LANGS:
        kept = ALL[[x.name for x in ALL].index("jobs_sustained_12m")].label(lang).lower()
        assert ("gestarte banen" in kept) if lang == "nl" else ("jobs started" in kept)
    more = with_differences(results, jobs_started=[0.0, 1.0, 2.0],
                            jobs_sustained_12m=[3.0, 4.0, 5.0])
    page = text_of(report(more, tmp_path, "nl"))
    assert page_of(more, "nl").say("answer_kept_more") in page


@pytest.mark.parametrize("lang", LANGS)
def test_every_interval_and_band_is_explained_where_it_appears(results, tmp_path, lang):
    page = text_of(report(results, tmp_path, lang))
    say, t = page_of(results, lang).say, LABELS[lang]
    main_table = page.index(t["main"])
    assert main_table < page.index(say("interval_note", n=3)) < page.index(t["payers"])
    for key in ("jobs_note", "ce_plane_note", "answer_note", "interval_note_short"):
        assert say(key) in page, key
    assert say("ladder_note", rungs="").split(":")[0] in page  # the ladder, rung by rung
    for name in charts.RUNG_NAMES:
        assert name(lang) in page


@pytest.mark.parametrize("lang", LANGS)
def test_assumptions_are_printed_with_the_digits_they_need(results, tmp_path, lang):
    page = text_of(report(results, tmp_path, lang))
    small = "0,0035" if lang == "nl" else "0.0035"
    assert f"{BY_KEY['help_seeking.per_month'].label_nl if lang == 'nl' else ''}" in page
    assert small in page and f"{small[:-2]}25 – {small[:-2]}45" in page
    factor = "× 0,5" if lang == "nl" else "× 0.5"
    assert factor in page and ("factor" in page)
    assert "docs/parameters.md" in page and "docs/evidence.md" in page
    assert not OUTSIDE.search(page) and not OLD_CITATION.search(page)  # files users lack


@pytest.mark.parametrize("lang", LANGS)
def test_the_acceptability_curve_names_both_policies_and_says_why_it_is_flat(
        results, tmp_path, lang):
    better = with_differences(results, net_cost_eur=[-1e5, -2e5, -3e4],
                              jobs_sustained_12m=[1.0, 2.0, 0.0])
    page = text_of(report(better, tmp_path, lang))
    say = page_of(better, lang).say
    assert say("ceac") in page and say("ceac_flat") in page
    assert "tweede beleid" not in page and "second policy" not in page
    curve = economics.acceptability(better, *better.policies)
    assert curve["probability_b_better"].nunique() == 1


def test_a_ratio_past_zero_is_called_dominant_never_printed_negative(results, tmp_path):
    traded = with_differences(results, net_cost_eur=[3e5, 2.5e5, -2e5],
                              jobs_sustained_12m=[2.0, 3.0, 1.0])
    ce = economics.cost_effectiveness(traded, *traded.policies, traded.seed)
    assert ce["verdict"] == "trade-off" and ce["icer"] > 0 and ce["icer_ci95"][0] < 0
    for lang in LANGS:
        text = icer_text(page_of(traded, lang), ce)
        assert f"{LABELS[lang]['dominant']} … " in text and "€ -" not in text
        assert text in text_of(report(traded, tmp_path, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_without_sensitivity_the_section_says_what_to_do_and_what_matters(
        results, tmp_path, lang):
    page = text_of(report(results, tmp_path, lang))
    section = page[page.index(LABELS[lang]["sensitivity"]):page.index(LABELS[lang]["checked"])]
    assert "--sensitivity" in section and "--psa" in section
    assert BY_KEY["indicatie.revenue_aversion"].label_nl.lower() in section or lang == "en"
