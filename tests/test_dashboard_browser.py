"""The dashboard in a real browser: Debian's Chromium driven by Playwright.

The module starts ``doorstroom dashboard`` on a free port (4 replications behind the
button, results in a temporary folder), opens a fresh page per test (a fresh session,
so no test sees another's state) and stops the server at the end; screenshots of both
languages go to results/dashboard-screenshots/. Skipped only without /usr/bin/chromium.
"""

import base64
import os
import re
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

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(),
                                 reason="Debian's Chromium (/usr/bin/chromium) is not installed")]


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
        page.get_by_role("button", name="Opnieuw").click()
        for _ in range(6):
            page.wait_for_timeout(250)
            if done():
                return
    pytest.fail("the changed setting never reached the model")


def test_page_renders_in_dutch_with_both_regimes_and_every_chart(page):
    for words in ("Gemeente en scenario", "Toegangsregime", "Startgetal toeval", "Budgetregel",
                  "Vast budget algemene voorziening (€ per jaar)", "Downloaden",
                  "Variant: ontschot budget (één pot)", f"Vergelijking over {REPLICATIONS}"):
        page.get_by_text(words).first.wait_for(state="attached")
    page.get_by_role("img").nth(len(CHARTS) - 1).wait_for()  # every chart, drawn as an image
    assert page.get_by_text("Participatieladder").count() == 0
    assert _status(page) == ["indicatie: maand 0 van 60", "voorziening: maand 0 van 60"]
    assert _slider(page, "Onderzoeken per maand").get_attribute("aria-valuenow") == "6"
    _no_traceback(page)


def test_step_advances_both_regimes_and_reset_starts_again(page):
    page.get_by_role("img").first.wait_for()
    before = page.get_by_role("img").first.get_attribute("src")
    page.get_by_role("button", name="Volgende maand").click()
    page.get_by_text("indicatie: maand 1 van 60").wait_for()
    page.get_by_role("button", name="Volgende maand").click()
    page.get_by_text("voorziening: maand 2 van 60").wait_for()
    assert _status(page) == ["indicatie: maand 2 van 60", "voorziening: maand 2 van 60"]
    page.wait_for_function("src => document.querySelector('img').src !== src", arg=before)
    page.get_by_role("button", name="Opnieuw").click()
    page.get_by_text("indicatie: maand 0 van 60").wait_for()
    assert _status(page) == ["indicatie: maand 0 van 60", "voorziening: maand 0 van 60"]


def test_play_runs_month_after_month_until_paused(page):
    page.get_by_role("button", name="Afspelen").click()
    page.get_by_text("voorziening: maand 3 van 60").wait_for()
    page.get_by_role("button", name="Pauze").click()
    page.get_by_role("button", name="Afspelen").wait_for()
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
    page.wait_for_function("([s, v]) => s.getAttribute('aria-valuenow') === v",
                           arg=[slider.element_handle(), str(start)])
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
    page.get_by_role("option", name="vast bedrag").click()
    _reset_until(page, lambda: alert.count() == 0)
    assert _status(page) == ["indicatie: maand 0 van 60", "voorziening: maand 0 van 60"]


#: What would give a page away as half translated: Mesa's SolaraViz words (Controls, Play
#: Interval, Render Interval, Use Threads, Model Parameters, Information, Step: / Time:,
#: Reset, Page 0), Solara's badge, and the page's own words in the other language.
FOREIGN = {"nl": ("Controls", "Play Interval", "Render Interval", "Use Threads", "Model "
                  "Parameters", "Information", "Step", "Time", "Reset", "Page", "runs on",
                  "Powered by", "Play", "Pause", "Next", "Settings", "Download", "Comparison",
                  "replications", "month", "months", "Outcome", "Difference", "Saved", "file"),
           "en": ("Maand", "maand", "maanden", "Opnieuw", "Afspelen", "Pauze", "Volgende",
                  "Instellingen", "Vergelijking", "herhalingen", "Downloaden", "Gemeente",
                  "inwoners", "Uitkomst", "Verschil", "Opgeslagen", "kies", "geen", "niet",
                  "een", "het", "van", "met", "voor", "Kosten", "kosten", "runs on")}
OWN = {"nl": ("Maand voor maand", "Opnieuw", "Afspelen", "Volgende maand", "Uitkomst"),
       "en": ("Month by month", "Reset", "Play", "Next month", "Consultant capacity")}
#: Every text a reader sees: visible text nodes, and the labels and tips of visible elements.
VISIBLE_TEXT = """() => {
    const seen = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
    const out = [document.title];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode())
        if (n.textContent.trim() && seen(n.parentElement)) out.push(n.textContent.trim());
    const tips = ['aria-label', 'title', 'placeholder', 'alt'];
    for (const el of document.querySelectorAll(tips.map(t => `[${t}]`).join(',')))
        if (seen(el)) out.push(...tips.map(t => el.getAttribute(t) || ''));
    return out;
}"""
#: What covers the comparison table, each row brought to the top, middle and bottom of its
#: pane: a fixed, absolute or sticky element showing something (text, a background, a
#: picture) whose box meets the row's, and whatever is on top at the middle of a cell.
COVERS_TABLE = """(table) => {
    const found = [];
    const name = el => el ? `${el.tagName}.${el.getAttribute('class')}` : 'nothing';
    const shows = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
        && (el.innerText.trim() || el.querySelector('img, svg, canvas')
            || !['rgba(0, 0, 0, 0)', 'transparent'].includes(getComputedStyle(el).backgroundColor));
    const over = [...document.querySelectorAll('body *')].filter(el =>
        !el.contains(table) && !table.contains(el) && shows(el)
        && ['fixed', 'absolute', 'sticky'].includes(getComputedStyle(el).position));
    const rows = [...table.querySelectorAll('tr')];
    for (const [row, block] of rows.flatMap(r => ['start', 'center', 'end'].map(b => [r, b]))) {
        row.scrollIntoView({block});
        const r = row.getBoundingClientRect();
        for (const el of over) {
            const b = el.getBoundingClientRect();
            if (b.width && b.height && b.left < r.right && b.right > r.left
                && b.top < r.bottom && b.bottom > r.top) found.push(name(el));
        }
        for (const cell of row.children) {
            const c = cell.getBoundingClientRect();
            const top = document.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2);
            if (!table.contains(top)) found.push(name(top));
        }
    }
    return [...new Set(found)];
}"""
SCREENSHOTS = ROOT / "results" / "dashboard-screenshots"  # ignored by git: look at them
#: Next month, the replications button, its progress, the line after it, and "month".
BUTTONS = {"nl": ("Volgende maand", "herhalingen draaien", "Bezig", "Opgeslagen in", "maand"),
           "en": ("Next month", "replications", "Running", "Saved in", "month")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_language_on_the_page_and_nothing_covers_the_table(page, lang):
    """Every word a reader sees is in the page's language, Mesa's and Solara's included,
    and no badge or panel lies over the comparison table at any scroll position."""
    if lang == "en":
        page.get_by_role("button", name="English").click()
        page.get_by_text("indicatie: month 0 of 60").wait_for()
    step, run, busy, saved, month = BUTTONS[lang]
    for _ in range(12):
        page.get_by_role("button", name=step).click()
    page.get_by_text(f"voorziening: {month} 12").wait_for()
    page.screenshot(path=SCREENSHOTS / f"{lang}-top.png")
    page.get_by_role("button", name=run).click()
    page.get_by_text(saved).wait_for(timeout=4 * TIMEOUT_MS)
    page.get_by_text(busy).wait_for(state="detached")  # and the button is back
    page.get_by_role("img").nth(2).scroll_into_view_if_needed()  # the waiting lists
    page.screenshot(path=SCREENSHOTS / f"{lang}-charts.png")
    seen = "\n".join(page.evaluate(VISIBLE_TEXT))
    assert [w for w in OWN[lang] if w not in seen] == []
    foreign = [w for w in FOREIGN[lang] if re.search(rf"\b{re.escape(w)}\b", seen)]
    assert not foreign, f"{lang} page shows {foreign}"
    table = page.locator(".doorstroom-comparison")
    assert table.evaluate(COVERS_TABLE) == []
    table.locator("tr").last.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / f"{lang}-table.png")
    if lang == "en":
        page.get_by_role("button", name="Nederlands").click()
        page.get_by_text("indicatie: maand 12 van 60").wait_for()


def test_play_stops_cleanly_at_the_horizon(page, server):
    log_size = server["log"].stat().st_size
    _slider(page, "Looptijd (maanden)").focus()
    for key in ("Home", "ArrowRight", "ArrowRight"):  # 1 month, then 3
        page.keyboard.press(key)
    _reset_until(page, lambda: _status(page)[0] == "indicatie: maand 0 van 3")
    page.get_by_role("button", name="Afspelen").click()
    page.get_by_text("Einde van de looptijd (3 maanden)").wait_for()
    page.wait_for_timeout(1000)  # a loop that did not stop would step on (and fail)
    assert _status(page) == ["indicatie: maand 3 van 3", "voorziening: maand 3 van 3"]
    assert all(page.get_by_role("button", name=name).is_disabled()
               for name in ("Afspelen", "Volgende maand"))
    page.get_by_role("button", name="Opnieuw").click()
    page.get_by_text("indicatie: maand 0 van 3").wait_for()
    assert page.get_by_role("button", name="Afspelen").is_enabled()
    assert "Traceback" not in server["log"].read_text()[log_size:]


def test_replications_fill_the_comparison_table_and_downloads(page, server):
    page.get_by_role("button", name=f"{REPLICATIONS} herhalingen draaien").click()
    page.get_by_text("Bezig:").wait_for()  # the progress indicator
    saved = page.get_by_text("Opgeslagen in")
    saved.wait_for(timeout=4 * TIMEOUT_MS)
    table = page.locator(".doorstroom-comparison")
    assert table.locator("tr").first.inner_text().split("\t")[0].strip() == "Uitkomst"
    row = table.locator("tr", has_text="Netto kosten").inner_text()
    assert "€" in row and "…" in row  # means, difference and a 95% interval
    folder = Path(saved.inner_text().removeprefix("Opgeslagen in").strip())
    assert folder.parent == server["results"] and (folder / "report.html").is_file()
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
