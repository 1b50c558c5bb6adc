"""The month-by-month part of the page: what Mesa's SolaraViz gives a model, in the
page's language.

SolaraViz draws its cards, buttons and counters with English words of its own (Controls,
Play Interval, Model Parameters, Step, Reset, ...) on every Mesa line, and takes no
labels for them; so the page draws the same parts itself with Solara's widgets:

- ``use_playback`` and ``Player``: Reset, Play/Pause and Next month for the twin model.
  The play loop runs in a thread, one month per ``PLAY_SECONDS``, and stops cleanly at
  the horizon, where the model's ``running`` turns False.
- ``Inputs``: an input per entry of ``controls.model_params`` (Mesa's format); what is
  moved applies on Reset.
- ``ChartGrid``: the charts of ``charts.CHARTS``, redrawn after every month.

What shows the model reads ``stepped``, so it redraws when the model moves.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable

import solara
import solara.lab

from ..experiment import Results
from . import charts
from .texts import text
from .twin import TwinModel

log = logging.getLogger(__name__)

#: Seconds between months while playing: time to see the charts move.
PLAY_SECONDS = 0.3
#: Bumped after every month and Reset (per browser session, like every reactive variable).
stepped = solara.reactive(0)


def _moved() -> None:
    stepped.set(stepped.value + 1)


@dataclass(frozen=True)
class Playback:
    """Whether the model plays, what Next month and Reset do, and ``drawn``, which the
    charts call with the month they have just shown."""

    playing: solara.Reactive[bool]
    step: Callable[[], None]
    reset: Callable[[], None]
    drawn: Callable[[int], None]


def use_playback(model: solara.Reactive[TwinModel],
                 restart: Callable[[], TwinModel]) -> Playback:
    """The play loop of ``model`` (a hook); ``restart`` builds the model from the inputs.

    The loop steps only when the page has shown the month before: a redraw that takes
    longer than ``PLAY_SECONDS`` (all charts anew after a language switch) would otherwise
    start over at every month and never reach the browser.
    """
    playing = solara.use_reactive(False)
    loops = solara.use_ref(0)  # which play loop is the current one
    shown = solara.use_ref(0)  # the month the charts showed last
    twin = model.value

    def play() -> None:
        """Step while playing; a loop left behind by Pause or Reset ends at its next look."""
        loops.current += 1
        mine = loops.current
        while playing.value and twin.running and loops.current == mine:
            time.sleep(PLAY_SECONDS)
            if playing.value and loops.current == mine and shown.current >= twin.month:
                twin.step()
                _moved()
        if loops.current == mine and not twin.running:
            playing.set(False)  # the horizon: Play rests until a Reset

    solara.lab.use_task(play, dependencies=[playing.value, twin], prefer_threaded=True)

    def stop_when_gone() -> Callable[[], None]:
        def stop() -> None:  # another scenario replaced the model: its loop ends too
            loops.current += 1
        return stop

    solara.use_effect(stop_when_gone, [])

    def step() -> None:
        twin.step()
        _moved()

    def reset() -> None:
        playing.set(False)
        model.set(restart())
        _moved()

    def drawn(month: int) -> None:
        shown.current = month

    return Playback(playing, step, reset, drawn)


@solara.component
def Player(twin: TwinModel, playback: Playback, lang: str):
    """Reset, Play/Pause and Next month, as far as the model can go."""
    stepped.get()  # redraw when the model moves: the buttons follow ``running``
    playing = playback.playing.value
    with solara.Card(text(lang, "controls")):
        with solara.Row(style={"flex-wrap": "wrap", "gap": "8px"}):
            solara.Button(text(lang, "restart"), icon_name="mdi-restart", color="primary",
                          on_click=playback.reset)
            solara.Button(text(lang, "pause" if playing else "play"),
                          icon_name="mdi-pause" if playing else "mdi-play", color="primary",
                          on_click=lambda: playback.playing.set(not playing),
                          disabled=not twin.running)
            solara.Button(text(lang, "step"), icon_name="mdi-skip-next", color="primary",
                          on_click=playback.step, disabled=playing or not twin.running)
        if twin.problem is None and twin.months and twin.month >= twin.months:
            solara.Info(text(lang, "at_horizon", months=twin.months))


@solara.component
def Inputs(params: dict[str, dict[str, Any]], values: solara.Reactive[dict], lang: str):
    """An input per entry of ``params``; the moved values wait in ``values`` for Reset."""

    def set_value(name: str, value: Any) -> None:
        values.set({**values.value, name: value})

    with solara.Card(text(lang, "inputs")):
        solara.Text(text(lang, "apply_hint"), style={"font-size": "0.85rem"})
        for name, spec in params.items():
            value = values.value.get(name, spec["value"])
            on_value = partial(set_value, name)
            kind = spec["type"]
            if kind in ("SliderInt", "SliderFloat"):
                slider = solara.SliderInt if kind == "SliderInt" else solara.SliderFloat
                slider(spec["label"], value=value, on_value=on_value, min=spec["min"],
                       max=spec["max"], step=spec["step"])
            elif kind == "Select":
                solara.Select(spec["label"], values=spec["values"], value=value,
                              on_value=on_value)
            elif kind == "Checkbox":
                solara.Checkbox(label=spec["label"], value=value, on_value=on_value)
            elif kind == "InputText":
                solara.InputText(spec["label"], value=value, on_value=on_value)
            else:
                raise ValueError(f"{name}: no input of type {kind!r}")


@solara.component
def ChartGrid(twin: TwinModel, lang: str, replicated: Results | None,
              drawn: Callable[[int], None]):
    """Every chart, side by side as the page's width allows; ``drawn`` hears of each
    month shown (after the browser has been sent it)."""
    stepped.get()
    month = twin.month
    solara.use_effect(lambda: drawn(month))  # effects run once the redraw is done
    with solara.Div(classes=["doorstroom-charts"]):
        for name in charts.CHARTS:
            ChartView(name, twin, month, lang, replicated)


@solara.component
def ChartView(name: str, twin: TwinModel, month: int, lang: str, replicated: Results | None):
    def draw() -> bytes | None:
        try:
            return charts.chart_png(name, twin, lang, replicated)
        except Exception:  # a chart that fails is left out; the others still show
            log.exception("drawing chart %s failed", name)
            return None

    png = solara.use_memo(draw, dependencies=[id(twin), month, lang, twin.problem,
                                              id(replicated)])
    if png:
        solara.Image(png, width="100%")
