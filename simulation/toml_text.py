"""Scenario data written back as TOML, so a run can be repeated from its output.

Written by TOML 1.0's rules, so that whatever a scenario holds reads back the same: a key
is bare only when made of ASCII letters, digits, ``-`` and ``_``, else quoted; in text,
quotes, backslashes and every control character (DEL too) are escaped; a float is written
as ``repr`` writes it (the shortest form that reads back exactly; ``nan``, ``inf`` and
``-0.0`` are TOML as they stand).
"""

from __future__ import annotations

import re
from typing import Any, Mapping

ALTERNATIVES = "alternatives"

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
#: Control characters, which neither a string nor a comment may hold as they are.
_CONTROL = {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F)}
_IN_STRING = {**_CONTROL, **{ord(c): e for c, e in (
    ('"', '\\"'), ("\\", "\\\\"), ("\b", "\\b"), ("\t", "\\t"), ("\n", "\\n"),
    ("\f", "\\f"), ("\r", "\\r"))}}
_SURROGATE = re.compile("[\ud800-\udfff]")


def representable(text: str) -> bool:
    """Whether a TOML file can hold ``text``: not when it has a lone surrogate (which no
    UTF-8 file can hold; such text comes from Python or JSON, never from TOML)."""
    return not _SURROGATE.search(text)


def dumps_string(text: str) -> str:
    """Text as a TOML basic string (the scenario loader refuses text that is not
    ``representable``, so meeting it here is a bug)."""
    if not representable(text):
        raise ValueError(f"cannot write {text!r} as TOML: it holds a lone surrogate")
    return '"' + text.translate(_IN_STRING) + '"'


def dumps_key(key: str) -> str:
    """A key: bare when TOML allows it, else quoted."""
    return key if _BARE_KEY.fullmatch(key) else dumps_string(key)


def comment(*lines: str) -> str:
    """TOML comment lines, one per argument, control characters (a newline too) shown
    escaped: a comment may not hold them."""
    return "\n".join(f"# {line.translate(_CONTROL)}" for line in lines)


def dumps_value(v: Any) -> str:
    """One TOML value (numbers, text, and lists and inline tables of those)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return dumps_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(dumps_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{dumps_key(k)} = {dumps_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def dumps_toml(data: Mapping[str, Mapping[str, Any]], header: str = "") -> str:
    """Write nested scenario data as TOML (tables of scalars and arrays of tables)."""
    lines = [comment(header), ""] if header else []
    for section, body in data.items():
        if section == ALTERNATIVES:
            for name, table in body.items():
                lines.append(f"[{dumps_key(section)}.{dumps_key(name)}]")
                lines.extend(f"{dumps_key(k)} = {dumps_value(v)}" for k, v in table.items())
                lines.append("")
            continue
        lines.append(f"[{dumps_key(section)}]")
        arrays = {k: v for k, v in body.items()
                  if isinstance(v, list) and v and isinstance(v[0], dict)}
        for key, value in body.items():
            if key not in arrays:
                lines.append(f"{dumps_key(key)} = {dumps_value(value)}")
        lines.append("")
        for key, tables in arrays.items():
            for table in tables:
                lines.append(f"[[{dumps_key(section)}.{dumps_key(key)}]]")
                lines.extend(f"{dumps_key(k)} = {dumps_value(v)}" for k, v in table.items())
                lines.append("")
    return "\n".join(lines)
