"""The dashboard in a real browser: Debian's Chromium driven by Playwright.

The module starts ``doorstroom dashboard`` on a free port (4 replications behind the
button, results in a temporary folder), opens a fresh page per test (a fresh session,
so no test sees another's state) and stops the server at the end. It is skipped only
when /usr/bin/chromium is missing.
"""

import base64
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from simulation.dashboard.charts import CHARTS
from simulation.dashboard.controls import format_value
from simulation.scenario import load

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent
REPLICATIONS = 4
TIMEOUT_MS = 30_000  # generous: the machine may be busy with other tests

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's Chromium (/usr/bin/chromium) is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``doorstroom dashboard`` in its own process; its URL and results folder."""
    port = _free_port()
    results = tmp_path_factory.mktemp("dashboard-results")
    log_path = tmp_path_factory.mktemp("dashboard-log") / "server.log"
    env = {**os.environ, "DOORSTROOM_DASHBOARD_REPLICATIONS": str(REPLICATIONS),
           "DOORSTROOM_DASHBOARD_RESULTS": str(results)}
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "simulation", "dashboard",
                                 "scenarios/baseline.toml", "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the dashboard stopped at start:\n{log_path.read_text()}")
            try:
                if _get(url + "/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the dashboard did not answer in 60 s:\n{log_path.read_text()}")
            time.sleep(0.25)
        yield {"url": url, "results": results, "log": log_path}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright  # deferred: a dev extra, only with Chromium

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(server, chromium):
    """A fresh browser session on the dashboard, rendered, on a laptop-sized screen."""
    context = chromium.new_context(viewport={"width": 1366, "height": 768},
                                   accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.goto(server["url"])
    pg.get_by_text("indicatie: maand 0 van 60").wait_for(timeout=2 * TIMEOUT_MS)
    yield pg
    context.close()


def _status(page) -> list[str]:
    return page.locator(".doorstroom-month").all_inner_texts()


def _no_traceback(page) -> None:
    body = page.inner_text("body")
    assert "Traceback" not in body and 'File "' not in body


def _download(page, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def _slider(page, label: str):
    return page.get_by_role("slider", name=label)


def _reset_until(page, done, tries: int = 10) -> None:
    """Press Reset until ``done()``: a moved slider reaches the server a moment after the
    browser shows it, so a Reset right after a key press may still use the old value."""
    for _ in range(tries):
        page.get_by_role("button", name="Reset").click()
        for _ in range(6):
            page.wait_for_timeout(250)
            if done():
                return
    pytest.fail("the changed setting never reached the model")


def test_page_renders_in_dutch_with_both_regimes_and_every_chart(page):
    for words in ("Gemeente en scenario", "Toegangsregime", "Vergelijken met",
                  "Startgetal toeval", "Vast budget algemene voorziening (€ per jaar)",
                  "Budgetregel",
                  "Variant: ontschot budget (één pot)",
                  f"Vergelijking over {REPLICATIONS} herhalingen", "Downloaden"):
        page.get_by_text(words).first.wait_for(state="attached")
    page.get_by_role("img").nth(len(CHARTS) - 1).wait_for()  # every chart, drawn as an image
    assert page.get_by_text("Participatieladder").count() == 0
    assert _status(page) == ["indicatie: maand 0 van 60", "voorziening: maand 0 van 60"]
    assert _slider(page, "Onderzoeken per maand").get_attribute("aria-valuenow") == "6"
    _no_traceback(page)


def test_step_advances_both_regimes_and_reset_starts_again(page):
    page.get_by_role("img").first.wait_for()
    before = page.get_by_role("img").first.get_attribute("src")
    page.get_by_role("button", name="Step").click()
    page.get_by_text("indicatie: maand 1 van 60").wait_for()
    page.get_by_role("button", name="Step").click()
    page.get_by_text("voorziening: maand 2 van 60").wait_for()
    assert _status(page) == ["indicatie: maand 2 van 60", "voorziening: maand 2 van 60"]
    page.wait_for_function("src => document.querySelector('img').src !== src", arg=before)
    page.get_by_role("button", name="Reset").click()
    page.get_by_text("indicatie: maand 0 van 60").wait_for()
    assert _status(page) == ["indicatie: maand 0 van 60", "voorziening: maand 0 van 60"]


def test_play_runs_month_after_month_until_paused(page):
    page.get_by_role("button", name="▶").click()
    page.get_by_text("voorziening: maand 3 van 60").wait_for()
    page.get_by_role("button", name="❚❚").click()
    page.get_by_role("button", name="▶").wait_for()
    page.wait_for_timeout(1500)  # a month already under way when paused may still finish
    month = int(_status(page)[0].split()[2])
    page.wait_for_timeout(1500)
    assert int(_status(page)[0].split()[2]) == month >= 3  # paused: no more months
    assert _status(page)[1] == f"voorziening: maand {month} van 60"


def test_picking_another_municipality_starts_from_its_scenario(page):
    ommen = load(ROOT / "scenarios" / "ommen.toml")
    page.locator(".v-select", has_text="baseline").first.click()
    page.get_by_role("option", name="ommen").click()
    residents = format_value(ommen["population.residents"])
    inhabitants = format_value(ommen["population.inhabitants"])
    page.get_by_text(f"{residents} inwoners in beeld ({inhabitants} inwoners)").wait_for()
    slider = _slider(page, "Onderzoeken per maand")
    start = ommen["indicatie.assessments_per_month"]
    page.wait_for_function("([label, value]) => document.querySelector("
                           "`[role=slider][aria-label='${label}']`)?.getAttribute("
                           "'aria-valuenow') === value", arg=["Onderzoeken per maand",
                                                              str(start)])
    slider.focus()
    page.keyboard.press("ArrowRight")
    found = {}

    def applied() -> bool:  # Reset keeps Ommen's values and applies the moved slider
        found.update(tomllib.loads(_download(page, "Scenario (TOML)").decode("utf-8")))
        return found["indicatie"]["assessments_per_month"] == start + 1

    _reset_until(page, applied)
    assert found["population"]["residents"] == ommen["population.residents"]
    assert found["voorziening"]["budget_rule"] == ommen["voorziening.budget_rule"]


def test_a_slider_change_applies_on_reset_and_the_toml_download_reruns_it(page):
    slider = _slider(page, "Onderzoeken per maand")
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert slider.get_attribute("aria-valuenow") == "9"
    downloaded = {}

    def applied() -> bool:
        downloaded["toml"] = _download(page, "Scenario (TOML)").decode("utf-8")
        return tomllib.loads(downloaded["toml"])["indicatie"]["assessments_per_month"] == 9

    _reset_until(page, applied)
    text = downloaded["toml"]
    data = tomllib.loads(text)
    assert data["voorziening"]["budget_rule"] == "cost_price"
    assert "doorstroom compare baseline.toml --a indicatie --b voorziening" in text
    csv = _download(page, "Maandcijfers (CSV)").decode("utf-8")
    assert csv.startswith("policy,month,")


def test_a_bad_combination_shows_a_message_and_no_traceback(page):
    slider = _slider(page, "Tarief per dagdeel (€)")
    slider.focus()
    page.keyboard.press("End")  # a tariff of its own, while the tariff follows the cost price
    alert = page.get_by_text("Deze instellingen kunnen niet samen")
    _reset_until(page, lambda: alert.count() > 0)
    assert alert.is_visible()
    assert "'Tarief per dagdeel' geldt alleen als 'Tariefregel'" in alert.inner_text()
    assert page.get_by_role("button", name=f"{REPLICATIONS} herhalingen draaien").is_disabled()
    _no_traceback(page)
    page.locator(".v-select", has_text="Tariefregel").first.click()  # what the message asks
    page.get_by_role("option", name="fixed").click()
    _reset_until(page, lambda: alert.count() == 0)
    assert _status(page) == ["indicatie: maand 0 van 60", "voorziening: maand 0 van 60"]


def test_the_language_switch_shows_english(page):
    page.get_by_role("button", name="English").click()
    page.get_by_text("indicatie: month 0 of 60").wait_for()
    for words in ("Municipality and scenario", "Compare with", "Consultant capacity",
                  f"Run {REPLICATIONS} replications"):
        page.get_by_text(words).first.wait_for(state="attached")
    page.get_by_text("Gemeente en scenario").wait_for(state="detached")
    page.get_by_role("button", name="Nederlands").click()
    page.get_by_text("indicatie: maand 0 van 60").wait_for()


def test_replications_fill_the_comparison_table_and_downloads(page, server):
    page.get_by_role("button", name=f"{REPLICATIONS} herhalingen draaien").click()
    page.get_by_text("Bezig:").wait_for()  # the progress indicator
    page.get_by_text("Opgeslagen in").wait_for(timeout=4 * TIMEOUT_MS)
    table = page.locator(".doorstroom-comparison")
    assert table.locator("tr").first.inner_text().split("\t")[0].strip() == "Uitkomst"
    row = table.locator("tr", has_text="Netto kosten").inner_text()
    assert "€" in row and "…" in row  # means, difference and a 95% interval
    folders = [p for p in server["results"].iterdir() if p.is_dir()]
    assert len(folders) == 1 and (folders[0] / "report.html").is_file()
    report = _download(page, "Rapport (HTML)").decode("utf-8")
    assert report.startswith("<!DOCTYPE html>") and "data:image/png;base64," in report
    csv = _download(page, "Resultaten (CSV)").decode("utf-8")
    assert csv.startswith("metric,indicatie,voorziening,difference,ci95_low,ci95_high")
    _slider(page, "Onderzoeken per maand").focus()
    page.keyboard.press("ArrowRight")
    _reset_until(page, lambda: page.get_by_text("De instellingen zijn veranderd").count() > 0)


def _drop(page, name: str, data: bytes) -> None:
    """Drop a file on Solara's drop zone (what the browser does when a user drags one)."""
    page.locator(".solara-file-drop").evaluate(
        """(zone, [name, b64]) => {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            const file = new File([bytes], name);
            const entry = {isFile: true, file: (ok) => ok(file)};
            const event = new Event('drop', {bubbles: true, cancelable: true});
            Object.defineProperty(event, 'dataTransfer',
                {value: {items: [{webkitGetAsEntry: () => entry}]}});
            zone.dispatchEvent(event);
        }""", [name, base64.b64encode(data).decode("ascii")])


def test_upload_is_size_limited_and_loads_a_scenario(page):
    _drop(page, "groot.toml", b"#" * (65 * 1024))
    page.get_by_text("een scenario mag hoogstens 64 kB zijn").wait_for()
    _drop(page, "klein.toml", b"[indicatie]\nassessments_per_month = 11\n")
    page.get_by_text("upload-klein").first.wait_for()
    page.wait_for_function("() => [...document.querySelectorAll('[role=slider]')]"
                           ".some(s => s.getAttribute('aria-valuenow') === '11')")
    assert page.get_by_text("hoogstens 64 kB").count() == 0
    _no_traceback(page)


def test_no_url_reads_files_outside_the_page(server):
    for path in ("/static/public/../../../../etc/passwd", "/static/..%2f..%2f..%2fetc/passwd",
                 "/_solara/cdn/..%2f..%2f..%2f..%2fetc/passwd",
                 "/static/assets/../../../../../etc/passwd"):
        status, body = _get(server["url"] + path)
        assert b"root:" not in body, path
