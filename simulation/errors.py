"""Errors that are the user's to fix, and how they name the user's options.

An ``InputError`` reaches the command line as one plain message and exit status 2;
anything else is a fault of ours (exit 1). A message names an option as the user gave it:
a flag on the command line, a keyword argument in Python (``option``).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator


class InputError(ValueError):
    """Bad user input: a scenario file, a ``--set`` value or a command-line option."""


#: Whether the user gave options as flags of the ``doorstroom`` command (which says so
#: with ``command_line``) rather than as keyword arguments of the Python API.
_ON_COMMAND_LINE: ContextVar[bool] = ContextVar("doorstroom_on_command_line", default=False)


@contextmanager
def command_line() -> Iterator[None]:
    """Inside, messages name options as flags (``--workers 1``), not arguments."""
    token = _ON_COMMAND_LINE.set(True)
    try:
        yield
    finally:
        _ON_COMMAND_LINE.reset(token)


def option(name: str, value: Any = None) -> str:
    """An option as the user gives it: ``workers=1`` from Python, ``--workers 1`` on the
    command line; a switch (``value`` True) is ``resume=True`` or ``--resume``."""
    shown = os.fspath(value) if isinstance(value, os.PathLike) else value
    if _ON_COMMAND_LINE.get():
        flag = "--" + name.replace("_", "-")
        return flag if value is None or value is True else f"{flag} {shown}"
    return name if value is None else f"{name}={shown!r}"


def brief(value: Any, width: int = 60) -> str:
    """A user's value as a message shows it: its ``repr``, cut short, since a message that
    repeats a 5,000-digit number or a megabyte of text helps nobody (and Python cannot even
    write an integer of more than 4,300 digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3 * width:
        return f"a whole number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    text = repr(value)
    return text if len(text) <= width else f"{text[:width - 3]}... ({len(text):,} characters)"
