"""The dashboard page: the twin model month by month, plus what a council needs.

The month-by-month part is what Mesa's SolaraViz gives a model, drawn by ``viz`` in the
page's language: Reset, play and Next month, an input per entry of
``controls.model_params``, and the grid of charts (``charts.CHARTS``). Around it this
page adds the scenario picker and upload, the language switch, the status of both
regimes (and any problem with the settings, in words), the replications button with the
comparison table, and the downloads.

State lives in Solara reactive variables, which are per browser session; the page holds
no file paths from the browser: scenarios are picked by name from the list made at
start-up, and everything written goes through ``files``.

Run by ``doorstroom dashboard``; ``solara run simulation.dashboard.app`` works too.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache

import solara
import solara.lab

from ..declarations import LANGS
from ..errors import InputError
from ..experiment import Results
from ..scenario import Scenario, load, locate
from . import LANG_ENV, SCENARIO_ENV, controls, files, replications, viz
from .controls import Problem
from .texts import text
from .twin import TwinModel

log = logging.getLogger(__name__)

INITIAL_PATH = locate(os.environ.get(SCENARIO_ENV) or "baseline")
CATALOG = files.scenario_catalog(INITIAL_PATH.parent, INITIAL_PATH)
INITIAL_NAME = next(iter(CATALOG), INITIAL_PATH.stem)
INITIAL_LANG = os.environ.get(LANG_ENV) if os.environ.get(LANG_ENV) in LANGS else "nl"

# Per browser session (Solara scopes reactive variables to the session).
lang = solara.reactive(INITIAL_LANG)
chosen = solara.reactive(INITIAL_NAME)
uploaded = solara.reactive(None)        # the last uploaded Scenario
upload_problem = solara.reactive(None)  # a Problem with the last upload
results = solara.reactive(None)         # (key, Results, folder) of the last replications
progress_runs = solara.reactive((0, 0))


#: Labels above their sliders, so a long label leaves the slider its full width; the
#: charts in as many columns as fit.
CSS = """
.v-input__slider .v-input__slot { flex-wrap: wrap; }
.v-input__slider .v-input__slot > .v-label { flex: 1 0 100%; white-space: normal;
                                              height: auto; line-height: 1.3;
                                              margin-bottom: 4px; }
.doorstroom-settings td { padding: 0 12px 0 0; font-size: 0.85rem; }
.doorstroom-charts { display: grid; gap: 12px; margin: 12px 0;
                     grid-template-columns: repeat(auto-fill, minmax(640px, 1fr)); }
"""


@lru_cache(maxsize=32)
def catalog_scenario(name: str) -> tuple[Scenario | None, Problem | None]:
    """A scenario of the start-up list, loaded once (or why it cannot be)."""
    try:
        return load(CATALOG[name]), None
    except InputError as exc:  # the file changed since the server started
        return None, Problem("upload_bad", detail=str(exc))
    except Exception as exc:  # a fault of ours; the log has where
        log.exception("loading scenario %s failed", name)
        return None, Problem("upload_bad", detail=f"{type(exc).__name__}: {exc}")


def current_base() -> tuple[Scenario, Problem | None]:
    """The scenario the inputs start from: the uploaded one, or a picked file."""
    if uploaded.value is not None and chosen.value == uploaded.value.name:
        return uploaded.value, None
    picked, problem = catalog_scenario(chosen.value if chosen.value in CATALOG
                                       else INITIAL_NAME)
    if picked is None:  # fall back to the scenario the server started with (checked then)
        return catalog_scenario(INITIAL_NAME)[0] or load(INITIAL_PATH), problem
    return picked, None


@solara.lab.task(prefer_threaded=True)
def replicate(setup: controls.Setup, lang_code: str) -> None:
    """Run the paired replications in the background and save them under results/."""
    n = replications.replication_count()
    progress_runs.set((0, 2 * n))

    def on_progress(done: int, total: int) -> None:
        progress_runs.set((done, total))
        replicate.progress = 100.0 * done / max(total, 1)

    res = replications.run(setup, n, on_progress)
    folder = replications.save(res, lang_code)
    results.set((replications.key(setup), res, folder))


# --- the page ------------------------------------------------------------------------


def fresh_results(model: TwinModel) -> Results | None:
    """The last replications if they are of the settings the model runs."""
    done = results.value
    return done[1] if done is not None and done[0] == replications.key(model.setup) else None


@solara.component
def Page():
    base, problem = current_base()
    current = lang.value
    solara.Title(text(current, "title"))
    solara.Style(CSS)
    with solara.AppBar():
        solara.AppBarTitle(text(current, "title"))
        LanguageButton()
    with solara.Sidebar():
        ScenarioCard(problem)
    Simulation(base).key(f"simulation-{id(base)}")


@solara.component
def Simulation(base: Scenario):
    """The model, its inputs and all that shows them; a new scenario starts it afresh."""
    current = lang.value
    model = solara.use_reactive(solara.use_memo(lambda: TwinModel(base), dependencies=[]))
    inputs = solara.use_reactive({})  # the inputs moved since the scenario was picked
    playback = viz.use_playback(model, lambda: TwinModel(base, **inputs.value))
    with solara.Sidebar():
        viz.Player(model.value, playback, current)
        viz.Inputs(controls.model_params(base, current), inputs, current)
    with solara.Column(style={"padding": "0 12px"}):
        StatusPanel(model.value)
        viz.ChartGrid(model.value, current, fresh_results(model.value), playback.drawn)
        ComparisonPanel(model.value)
        DownloadPanel(model.value)
        solara.Text(text(current, "credit"), style={"font-size": "0.75rem", "color": "#777"})


@solara.component
def LanguageButton():
    other = "en" if lang.value == "nl" else "nl"
    solara.Button("English" if other == "en" else "Nederlands", text=True,
                  on_click=lambda: lang.set(other), icon_name="mdi-translate")


@solara.component
def ScenarioCard(problem: Problem | None):
    current = lang.value
    names = list(CATALOG)
    if uploaded.value is not None:
        names.append(uploaded.value.name)
    with solara.Card(text(current, "scenario_card")):
        solara.Select(label=text(current, "scenario"), values=names, value=chosen.value,
                      on_value=chosen.set)
        if problem is not None:
            solara.Error(problem.message(current))
        solara.FileDrop(label=text(current, "upload", kb=files.MAX_UPLOAD_BYTES // 1024),
                        on_file=on_upload, lazy=True)
        if upload_problem.value is not None:
            solara.Error(upload_problem.value.message(current))


def on_upload(info) -> None:
    """A dropped file: a scenario to pick, or a message why not (never an exception)."""
    try:
        scenario = files.read_upload(info.get("name", ""), info.get("size"),
                                     info["file_obj"].read, replications.replication_count())
    except files.UploadRefused as refused:
        fields = dict(refused.fields)
        upload_problem.set(Problem(refused.key, fields, fields.pop("detail", "")))
        return
    except Exception as exc:  # a fault of ours or the browser's; the log has where
        log.exception("reading an upload failed")
        upload_problem.set(Problem("upload_bad", detail=f"{type(exc).__name__}: {exc}"))
        return
    upload_problem.set(None)
    uploaded.set(scenario)
    chosen.set(scenario.name)


@solara.component
def StatusPanel(model: TwinModel):
    viz.stepped.get()  # redraw when the model moves
    current = lang.value
    if model.problem is not None:
        solara.Error(model.problem.message(current))
        return
    sc = model.scenario_used
    with solara.Row(style={"flex-wrap": "wrap", "gap": "1.5rem", "align-items": "baseline"}):
        for policy, twin_part in model.models.items():
            solara.Text(text(current, "month_of", policy=policy, month=twin_part.month,
                             months=model.months), classes=["doorstroom-month"],
                        style={"font-weight": "600"})
        solara.Text(text(current, "residents_note",
                         residents=controls.format_value(sc["population.residents"], current),
                         inhabitants=controls.format_value(sc["population.inhabitants"],
                                                           current)),
                    style={"font-size": "0.85rem"})
    rows = [solara.v.Html(tag="tr", children=[solara.v.Html(tag="td", children=[label]),
                                              solara.v.Html(tag="td", children=[value])])
            for label, value in controls.settings_summary(model, current)]
    solara.Details(text(current, "settings"), children=[
        solara.v.Html(tag="table", class_="doorstroom-settings", children=[
            solara.v.Html(tag="tbody", children=rows)])])


@solara.component
def ComparisonPanel(model: TwinModel):
    current = lang.value
    n = replications.replication_count()
    key = replications.key(model.setup)
    done = results.value
    with solara.Card(text(current, "comparison", n=n)):
        solara.Button(text(current, "run", n=n), color="primary", icon_name="mdi-play-speed",
                      on_click=lambda: replicate(model.setup, current),
                      disabled=replicate.pending or model.problem is not None)
        if replicate.pending:
            ran, total = progress_runs.value
            solara.ProgressLinear(replicate.progress if replicate.progress else True)
            solara.Text(text(current, "running", done=ran, total=total))
        elif replicate.error:
            exc = replicate.exception
            solara.Error(text(current, "run_failed", detail=f"{type(exc).__name__}: {exc}"))
        if done is not None and done[0] == key:
            ResultsTable(replications.table(done[1], current))
            solara.Text(text(current, "saved", folder=str(done[2])),
                        style={"font-size": "0.85rem"})
        elif done is not None:
            solara.Warning(text(current, "stale"))
        elif not replicate.pending:
            solara.Info(text(current, "no_results", n=n))


@solara.component
def ResultsTable(rows: list[list[str]]):
    """The comparison as a plain table (text cells only: nothing is parsed as HTML)."""
    v = solara.v
    head = v.Html(tag="thead", children=[v.Html(tag="tr", children=[
        v.Html(tag="th", children=[cell]) for cell in rows[0]])])
    body = v.Html(tag="tbody", children=[
        v.Html(tag="tr", children=[v.Html(tag="td", children=[cell],
                                          style_="" if i == 0 else "white-space: nowrap")
                                   for i, cell in enumerate(row)])
        for row in rows[1:]])
    v.SimpleTable(dense=True, children=[head, body], class_="doorstroom-comparison")


@solara.component
def DownloadPanel(model: TwinModel):
    current = lang.value
    sc = model.scenario_used
    done = results.value
    fresh = fresh_results(model) is not None
    with solara.Card(text(current, "downloads")):
        with solara.Row(style={"flex-wrap": "wrap"}):
            if sc is not None:
                name = files.safe_name(sc.name)
                policies = model.policies
                solara.FileDownload(lambda: files.toml_download(sc, policies),
                                    filename=f"{name}.toml", mime_type="application/toml",
                                    label=text(current, "download_toml"))
                solara.FileDownload(lambda: files.months_csv(model.timeseries()),
                                    filename=f"{name}-maanden.csv" if current == "nl"
                                    else f"{name}-months.csv", mime_type="text/csv",
                                    label=text(current, "download_months"))
            if fresh:
                res, folder = done[1], done[2]
                solara.FileDownload(lambda: files.comparison_csv(res),
                                    filename=f"{folder.name}-comparison.csv",
                                    mime_type="text/csv", label=text(current, "download_csv"))
                solara.FileDownload(lambda: files.report_download(folder),
                                    filename=f"{folder.name}-report.html",
                                    mime_type="text/html",
                                    label=text(current, "download_report"))
        if sc is not None:
            solara.Text(text(current, "toml_note", command=(
                f"doorstroom compare {files.safe_name(sc.name)}.toml --a {model.policies[0]} "
                f"--b {model.policies[1]}")), style={"font-size": "0.85rem"})
