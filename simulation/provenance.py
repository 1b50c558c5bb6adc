"""Provenance: what it takes to trace a result back to its inputs and code.

Every output folder carries ``provenance.json``: the command line, the version, the
seed and replication count, the resolved scenario's sha256, a sha256 over the code of
the ``simulation`` package, and a fingerprint over all of these. ``doorstroom
reproduce DIR`` reruns a folder from this record and its ``scenario.toml``.
"""

from __future__ import annotations

import hashlib
import json
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Sequence

from . import __version__

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


def record(argv: Sequence[str], command: str, scenario, seed: int, replications: int,
           policies: Sequence[str], lang: str | None = None, psa: bool = False,
           sensitivity_replications: int | None = None) -> dict[str, Any]:
    """The provenance record of one output folder."""
    rerun = {"command": command, "scenario_name": scenario.name, "seed": seed,
             "replications": replications, "policies": list(policies), "lang": lang,
             "psa": psa, "sensitivity_replications": sensitivity_replications,
             "overrides": dict(scenario.overrides)}  # what the report says was changed
    inputs = {"scenario_sha256": scenario.sha256, "code_sha256": code_sha256(),
              "version": __version__, **rerun}
    table = scenario["national.municipalities"]
    if table:  # a national run also depends on the table's contents, not only its path
        inputs["municipalities_sha256"] = hashlib.sha256(Path(table).read_bytes()).hexdigest()
    fingerprint = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    return {
        "fingerprint": fingerprint,
        "command_line": ["doorstroom", *argv],
        "version": __version__,
        "code_sha256": code_sha256(),
        "scenario_sha256": scenario.sha256,
        "scenario_source": scenario.source,
        **({"municipalities_sha256": inputs["municipalities_sha256"]} if table else {}),
        "rerun": rerun,
        "environment": {"python": platform.python_version(),
                        **{d: _version(d) for d in ("mesa", "numpy", "numba", "scipy", "pandas")}},
    }
