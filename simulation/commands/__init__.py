"""The ``doorstroom`` command: parse arguments, call the library, print, exit.

Exit status: 0 done; 2 the user's input is wrong (one plain message on stderr);
1 anything else. Each command lives in a module of this package; ``main`` imports only
the one it runs, so ``validate``, ``params`` and ``plan`` answer at once, without Mesa.
"""

from __future__ import annotations

import importlib
import os
import sys

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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    args.argv = argv
    module, function = COMMANDS[args.command]
    try:
        command = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        with command_line():  # messages name options as flags
            return command(args)
    except InputError as exc:
        print(f"doorstroom: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("doorstroom: interrupted; no results were written", file=sys.stderr)
        return 130
    except Exception as exc:  # a fault of ours: say so plainly, details on request
        if os.environ.get("DOORSTROOM_DEBUG"):
            raise
        print(f"doorstroom: internal error: {type(exc).__name__}: {exc}\n"
              "(set DOORSTROOM_DEBUG=1 to see where)", file=sys.stderr)
        return 1
