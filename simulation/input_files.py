"""A user's files, read within bounds: regular files only, at most a stated number of
bytes, UTF-8 text, TOML parsed with one clear error.

The size the file system reports is not trusted (``/dev/zero`` reports 0 bytes and never
ends): at most ``cap + 1`` bytes are read. Anything that is not a regular file (a named
pipe, which would wait for a writer forever; a device; a socket) is refused before it is
read, and opened without waiting, in case it changed in between.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import stat
import sys
import tomllib
from pathlib import Path
from typing import Any, Sequence

from .errors import InputError, brief

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))
_NO_WAIT = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_bytes(path: str | os.PathLike, cap: int, what: str) -> bytes:
    """The bytes of ``path``, a regular file of at most ``cap`` bytes (``what`` names it in
    messages, e.g. "a scenario")."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "a special file")
            raise InputError(f"{path}: is {kind}, not a file; {what} must be a regular file")
        with os.fdopen(os.open(path, _NO_WAIT), "rb") as f:
            data = f.read(cap + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: not found") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # Python 3.13 resolves a loop of links without a word
            raise InputError(f"{path}: a loop of symbolic links") from None
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except InputError:
        raise
    except ValueError:  # os.stat refuses a NUL character in a path
        raise InputError(f"{brief(str(path))}: a file name cannot hold a NUL character") from None
    if len(data) > cap:
        raise InputError(f"{path}: more than {cap:,} bytes; {what} may be at most "
                         f"{cap:,} bytes")
    return data


def read_text(path: str | os.PathLike, cap: int, what: str) -> str:
    """``read_bytes`` as UTF-8 text; a leading byte-order mark (spreadsheets write one) is
    dropped."""
    data = read_bytes(path, cap, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path} line {line}: not UTF-8 text ({exc.reason}); save it as "
                         "UTF-8") from None


#: What a table a user gives (of municipalities, their figures, monthly series) may weigh:
#: the 342 municipalities take some 15 KB.
MAX_TABLE_BYTES = 2_000_000


def read_csv_rows(path: str | os.PathLike, what: str, columns: Sequence[str],
                  where: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV table of at most ``MAX_TABLE_BYTES``, each with its line number,
    read like ``read_text``: its header must name ``columns`` (it may name more) and every
    row must fill them. Anything else is one ``InputError`` naming the file and the line,
    after ``where``."""
    try:
        text = read_text(path, MAX_TABLE_BYTES, what)
    except InputError as exc:
        raise InputError(f"{where}{exc}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    try:
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{where}{path}: needs the columns {', '.join(columns)}; "
                             f"missing {', '.join(missing)}")
        for row in reader:
            if any(row.get(c) is None for c in columns):
                raise InputError(f"{where}{path} line {reader.line_num}: has "
                                 f"{sum(v is not None for v in row.values())} fields; every "
                                 f"row needs {', '.join(columns)}")
            rows.append((reader.line_num, row))
    except csv.Error as exc:  # a field beyond the csv module's limit, say
        raise InputError(f"{where}{path} line {reader.line_num + 1}: {exc}") from None
    return rows


def parse_toml(text: str, origin: str) -> dict[str, Any]:
    """TOML text as data, or one ``InputError`` naming ``origin`` (and the line)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{origin}: not valid TOML: {exc}") from None
    except RecursionError:
        raise InputError(f"{origin}: arrays or tables nested too deeply (hundreds of "
                         "levels); no scenario value is nested more than twice") from None
    except ValueError:  # tomllib leaves Python's limit on digits to us
        limit = sys.get_int_max_str_digits()
        found = re.search(rf"\d{{{limit + 1},}}", text)
        line = f" line {text.count(chr(10), 0, found.start()) + 1}" if found else ""
        raise InputError(f"{origin}{line}: a whole number of more than {limit:,} digits; "
                         "no value is that large") from None


#: What a record the project writes (provenance, a sweep's manifest) may weigh: far more
#: than one ever does, far less than would hurt to read.
RECORD_CAP = 16 * 2**20


def read_json(path: str | os.PathLike, what: str, cap: int = RECORD_CAP) -> Any:
    """JSON data from a regular file of at most ``cap`` bytes, or one ``InputError``
    naming the file (a hand-edited or damaged record must not be an internal error)."""
    text = read_text(path, cap, what)
    try:
        return json.loads(text)
    except RecursionError:
        raise InputError(f"{path}: nested hundreds of levels deep; not {what}") from None
    except ValueError as exc:
        raise InputError(f"{path}: not readable as {what} ({str(exc)[:80]})") from None


def file_below(p: Path, key: str, name: Any) -> Path:
    """The .toml file that ``key = name`` in file ``p`` names, every link followed; refused
    unless it lies in the folder of ``p`` or a folder below it (no ``..``, no absolute
    path elsewhere, no link out), so a scenario reads only what sits with it."""
    rule = (f"give a .toml file in this file's folder or a folder below it, e.g. {key} = "
            '"baseline.toml"')
    if not isinstance(name, str) or not name.endswith(".toml") or "\0" in name:
        raise InputError(f"{p}: {key} = {brief(name)}: {rule}")
    try:
        target = (p.parent / name).resolve()
    except (OSError, RuntimeError):  # a loop of links
        raise InputError(f"{p}: {key} = {name!r}: a loop of symbolic links") from None
    if not target.is_relative_to(p.parent.resolve()):
        raise InputError(f"{p}: {key} = {name!r} lies outside this file's folder (at "
                         f"{target}); {rule}")
    return target
