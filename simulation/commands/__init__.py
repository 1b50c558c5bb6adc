"""The ``doorstroom`` command: parse arguments, call the library, print, exit.

Exit status: 0 done; 2 the user's input is wrong (one plain message on stderr);
130 Ctrl+C, 143 SIGTERM, 129 SIGHUP (128 + the signal, as a shell reports it): the run
stops its workers and writes nothing; 1 anything else. Each command lives in a module of
this package; ``main`` imports only the one it runs, so ``validate``, ``params`` and
``plan`` answer at once, without Mesa.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
from contextlib import contextmanager, nullcontext
from typing import Iterator

from ..errors import InputError, command_line
from .parser import build_parser

#: command -> (module of this package, function): imported when the command runs.
COMMANDS = {
    "run": ("running", "run"), "compare": ("running", "compare"),
    "reproduce": ("running", "reproduce"), "check-targets": ("running", "check_targets"),
    "validate": ("inspect", "validate"), "params": ("inspect", "params"),
    "plan": ("inspect", "plan"), "scenarios": ("inspect", "scenarios"),
    "init": ("inspect", "init"), "sweep": ("research", "sweep"),
    "sensitivity": ("research", "sensitivity"), "discover": ("research", "discover"),
    "calibrate": ("research", "calibrate"), "dashboard": ("dashboard", "dashboard"),
}
#: Commands that serve until stopped: their web server (uvicorn) stops on SIGINT and SIGTERM
#: by itself, and an exception raised in its event loop by a handler of ours would hang it.
SERVERS = {"dashboard"}
#: Commands that run the model: its compiled kernels are made ready before the first run
#: in this process, with the stopping signals held (``_kernels_ready_first``).
RUNS_MODELS = {"run", "compare", "reproduce", "check-targets", "sweep", "calibrate"}


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the command is, as Ctrl+C raises KeyboardInterrupt,
    so the run unwinds the same way: workers stopped, no results folder left half written."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _present(*names: str) -> list[int]:
    """The signals of these names that this OS has (Windows has no SIGHUP)."""
    return [getattr(signal, name) for name in names if hasattr(signal, name)]


@contextmanager
def _handling(signals: list[int], handler) -> Iterator[None]:
    """Handle ``signals`` with ``handler`` while the block runs, then put back the handlers
    before; on the main thread only (only it may set handlers; elsewhere nothing is set)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {each: signal.signal(each, handler) for each in signals}
    try:
        yield
    finally:
        for each, before in previous.items():
            if before is not None:  # None: set outside Python, cannot be put back
                signal.signal(each, before)


#: The stopping signals this command received, in order (``_signals_stop_the_command``).
_RECEIVED: list[int] = []


@contextmanager
def _signals_stop_the_command() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP (``timeout``, systemd, CI, a closed terminal) into
    ``Stopped`` while the command runs (a second one is ignored, so the cleanup finishes),
    and Ctrl+C into KeyboardInterrupt as always; each is noted in ``_RECEIVED``, so an
    interruption that a library turned into another error still ends as an interruption.

    Installed here, by the ``doorstroom`` command only, and restored after it: the library
    never touches signals, so a notebook or a user's program keeps its own handlers.
    """
    stopping = _present("SIGTERM", "SIGHUP")

    def stop(signum, frame):
        _RECEIVED.append(signum)
        for each in stopping:
            signal.signal(each, signal.SIG_IGN)
        raise Stopped(signum)

    def interrupt(signum, frame):
        _RECEIVED.append(signum)
        raise KeyboardInterrupt

    with _handling(stopping, stop), _handling(_present("SIGINT"), interrupt):
        yield


@contextmanager
def _signals_held() -> Iterator[None]:
    """Note Ctrl+C, SIGTERM and SIGHUP while the block runs, and act on them after it.

    For Numba compiling or loading its kernels: an exception raised while LLVM calls back
    into Python is lost there (the run went on after Ctrl+C, or failed with "no compiled
    object yet"), so the kernels are made ready in such a block, before the run starts;
    the handlers here only take note, which nothing can lose.
    """
    noted: list[int] = []
    with _handling(_present("SIGINT", "SIGTERM", "SIGHUP"),
                   lambda signum, frame: noted.append(signum)):
        yield
    if noted:
        _RECEIVED.extend(noted)
        raise KeyboardInterrupt if noted[0] == signal.SIGINT else Stopped(noted[0])


@contextmanager
def _kernels_ready_first(command: str) -> Iterator[None]:
    """For a command that runs the model here: its compiled kernels are made ready with
    the signals held (``_signals_held``) just before its first run in this process, after
    its inputs were checked; then what the imports made is kept out of garbage
    collections, as in doorstroom's workers (``execution.imports_kept_out_of_collections``)."""
    if command not in RUNS_MODELS:
        yield
        return
    from .. import execution
    from ..runs import ready_kernels

    def ready() -> None:
        with _signals_held():
            ready_kernels()
        execution.imports_kept_out_of_collections()

    with execution.prepare_here(ready):
        yield


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    args.argv = argv
    _RECEIVED.clear()
    module, function = COMMANDS[args.command]
    try:
        command = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        stoppable = nullcontext() if args.command in SERVERS else _signals_stop_the_command()
        with command_line(), stoppable, _kernels_ready_first(args.command):
            return command(args)  # messages name options as flags
    except InputError as exc:
        print(f"doorstroom: error: {exc}", file=sys.stderr)
        return 2
    except Stopped as exc:
        return _stopped(exc.signum)
    except KeyboardInterrupt:
        return _stopped(signal.SIGINT)
    except Exception as exc:  # a fault of ours: say so plainly, details on request
        if os.environ.get("DOORSTROOM_DEBUG"):
            raise
        if _RECEIVED:
            return _stopped(_RECEIVED[0])  # the interruption, turned into this by a library
        print(f"doorstroom: internal error: {type(exc).__name__}: {exc}\n"
              "(set DOORSTROOM_DEBUG=1 to see where)", file=sys.stderr)
        return 1


def _stopped(signum: int) -> int:
    """Say the run was stopped and nothing written; the exit status a shell reports for the
    signal."""
    if signum == signal.SIGINT:
        print("doorstroom: interrupted; no results were written", file=sys.stderr)
    else:
        print(f"doorstroom: stopped by {signal.Signals(signum).name}; no results were written",
              file=sys.stderr)
    return 128 + signum
