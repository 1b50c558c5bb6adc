"""Scenario data written back as TOML, so a run can be repeated from its output."""

from __future__ import annotations

import json
from typing import Any, Mapping

ALTERNATIVES = "alternatives"


def dumps_value(v: Any) -> str:
    """One TOML value (numbers, text, lists of those)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(dumps_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {dumps_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def dumps_toml(data: Mapping[str, Mapping[str, Any]], header: str = "") -> str:
    """Write nested scenario data as TOML (tables of scalars and arrays of tables)."""
    lines = [f"# {header}", ""] if header else []
    for section, body in data.items():
        if section == ALTERNATIVES:
            for name, table in body.items():
                lines.append(f"[{section}.{json.dumps(name)}]")
                lines.extend(f"{k} = {dumps_value(v)}" for k, v in table.items())
                lines.append("")
            continue
        lines.append(f"[{section}]")
        arrays = {k: v for k, v in body.items()
                  if isinstance(v, list) and v and isinstance(v[0], dict)}
        for key, value in body.items():
            if key not in arrays:
                lines.append(f"{key} = {dumps_value(value)}")
        lines.append("")
        for key, tables in arrays.items():
            for table in tables:
                lines.append(f"[[{section}.{key}]]")
                lines.extend(f"{k} = {dumps_value(v)}" for k, v in table.items())
                lines.append("")
    return "\n".join(lines)
