"""Provenance: what it takes to trace a result back to its inputs and code.

Every output folder carries ``provenance.json``: the command line, the version, the
seed and replication count, the resolved scenario's sha256, a sha256 over the code of
the ``simulation`` package, the sha256 of each table a national scenario reads, and a
fingerprint over all of these. ``doorstroom reproduce DIR`` reruns a folder from this
record and its ``scenario.toml``, after ``verify`` has recomputed what the record states
rather than trusting it.
"""

from __future__ import annotations

import hashlib
import json
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping, Sequence

from . import __version__
from .errors import InputError
from .municipalities import TABLES
from .output import file_sha256

FILE = "provenance.json"


@lru_cache(maxsize=1)
def code_sha256() -> str:
    """sha256 over the package's source files, subpackages included (paths and bytes, in
    path order)."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def tables_sha256(scenario) -> dict[str, str]:
    """sha256 of each table a national scenario reads, as it is on disk, by its field in
    the record (``municipalities_sha256``; none: not national): the run depends on the
    tables' contents, not only their paths."""
    return {_field(key): file_sha256(scenario[key])
            for key in TABLES if scenario[key]}


def _field(key: str) -> str:
    return f"{key.split('.', 1)[1]}_sha256"


def fingerprint(scenario, code: str | None, version: str | None, rerun: Mapping[str, Any],
                tables: Mapping[str, str]) -> str:
    """sha256 over everything a result depends on: the scenario, the code, how it ran and
    a national scenario's tables."""
    inputs = {"scenario_sha256": scenario.sha256, "code_sha256": code, "version": version,
              **rerun, **tables}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def record(argv: Sequence[str], command: str, scenario, seed: int, replications: int,
           policies: Sequence[str], lang: str | None = None, psa: bool = False,
           sensitivity_replications: int | None = None) -> dict[str, Any]:
    """The provenance record of one output folder."""
    rerun = {"command": command, "scenario_name": scenario.name, "seed": seed,
             "replications": replications, "policies": list(policies), "lang": lang,
             "psa": psa, "sensitivity_replications": sensitivity_replications,
             "overrides": dict(scenario.overrides)}  # what the report says was changed
    tables = tables_sha256(scenario)
    return {
        "fingerprint": fingerprint(scenario, code_sha256(), __version__, rerun, tables),
        "command_line": ["doorstroom", *argv],
        "version": __version__,
        "code_sha256": code_sha256(),
        "scenario_sha256": scenario.sha256,
        "scenario_source": scenario.source,
        **tables,
        "rerun": rerun,
        "environment": {"python": platform.python_version(),
                        **{d: _version(d) for d in ("mesa", "numpy", "numba", "scipy", "pandas")}},
    }


def verify(rec: Mapping[str, Any], scenario, where: Path) -> list[str]:
    """Recompute what the record of folder ``where`` states, from ``scenario`` (read from
    its ``scenario.toml``) and the files on disk; refuse (``InputError``, naming what
    differs) a scenario, a municipality table or a fingerprint that does not match.

    Returns notes: the code now is not the code that made the folder (which may still
    give the same results).
    """
    record_file = where / FILE
    if scenario.sha256 != rec.get("scenario_sha256"):
        raise InputError(f"{where / 'scenario.toml'}: its sha256 is {scenario.sha256[:12]}, "
                         f"{record_file} records {str(rec.get('scenario_sha256'))[:12]}: one "
                         "of them was changed after the run")
    tables = tables_sha256(scenario)
    for key, what in TABLES.items():
        table, recorded = tables.get(_field(key)), rec.get(_field(key))
        if table != recorded:
            raise InputError(f"{what} {scenario[key] or '(none)'}: its sha256 is "
                             f"{(table or 'none')[:12]}, {record_file} records "
                             f"{str(recorded or 'none')[:12]}: the table changed since the run")
    made_by = rec.get("code_sha256")
    again = fingerprint(scenario, made_by, rec.get("version"), rec.get("rerun", {}), tables)
    if again != rec.get("fingerprint"):
        raise InputError(f"{record_file}: its fingerprint {str(rec.get('fingerprint'))[:12]} "
                         f"is not that of what it records ({again[:12]}): the record was "
                         "changed after the run")
    if made_by == code_sha256():
        return []
    return [f"made with doorstroom {rec.get('version')} (code {str(made_by)[:12]}); this is "
            f"{__version__} (code {code_sha256()[:12]})"]
