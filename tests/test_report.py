"""The comparison report shows the comparison's own numbers, in Dutch or English."""

import re
from pathlib import Path

import pytest

from simulation.experiment import compare
from simulation.report import LABELS, MAIN_METRICS, fmt, write_report


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
        money = m.endswith("_eur")
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
    import pandas as pd

    tornado = pd.DataFrame([{"parameter": "voorziening.uptake_elasticity", "label_nl": "x",
                             "low": 0.0, "high": 0.5, "difference_at_low": -10.0,
                             "difference_at_high": 20.0, "swing": 30.0,
                             "difference_at_default": 5.0}])
    be = {"parameter": "voorziening.budget_per_year_eur", "grid": [1.0, 2.0],
          "difference": [-1.0, 1.0], "break_even": 1.5}
    files = write_report(results, tmp_path, lang="en",
                         sensitivity={"tornado": tornado, "break_even": be})
    assert "tornado.png" in files and "break_even.png" in files
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert LABELS["en"]["tornado"] in page
    assert "voorziening.budget_per_year_eur = 1.5" in page
    assert LABELS["en"]["no_sensitivity"] not in page


def test_the_answer_states_the_differences_with_intervals(results, tmp_path):
    write_report(results, tmp_path, lang="en")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    table = results.comparison().set_index("metric")
    r = table.loc["net_cost_eur"]
    assert fmt(abs(r.difference), "en", money=True) in page
    assert f"{fmt(r.ci95_low, 'en', True)} … {fmt(r.ci95_high, 'en', True)}" in page


def test_compare_report_matches_comparison_json(tmp_path, capsys):
    import json

    from simulation.cli import main

    out = tmp_path / "cmp"
    code = main(["compare", "scenarios/baseline.toml", "--set", "population.residents=150",
                 "--months", "24", "--replications", "4", "--workers", "1", "--out", str(out),
                 "--quiet"])
    assert code == 0
    data = json.loads((out / "comparison.json").read_text())
    page = (out / "report.html").read_text(encoding="utf-8")
    for m in MAIN_METRICS:
        money = m.endswith("_eur")
        for key in ("indicatie", "voorziening", "difference"):
            assert fmt(data["metrics"][m][key], "nl", money) in page, (m, key)
    ce = data["cost_effectiveness"]
    assert ce["verdict"] in ("dominant", "dominated", "trade-off")


def test_report_renders_in_a_browser(results, tmp_path):
    """Render with headless Chromium when it is installed; keep the screenshot."""
    import shutil
    import subprocess

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
