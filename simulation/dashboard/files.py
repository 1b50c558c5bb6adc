"""What the page reads and writes: uploads in, downloads out, one results folder.

The safety model in one place:

- an uploaded scenario is at most ``MAX_UPLOAD_BYTES``, must be UTF-8 TOML and is parsed
  as data by ``scenario.loads`` (``tomllib``; nothing in it is executed); what the page
  would run of it must fit the command line's limits (``budget.check``);
- the page writes only under ``results_root()`` (``results/dashboard`` by default); every
  folder name is made from a sanitised scenario name and checked to resolve inside it;
- downloads are made in memory from the model and the replications, or read back from
  the folder the page itself wrote (``replications.save`` writes it, in a folder from
  ``new_folder``).
"""

from __future__ import annotations

import base64
import os
import re
import shlex
import time
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import budget
from ..errors import InputError
from ..output import lock_file
from ..scenario import Scenario, load, loads
from ..toml_text import comment

MAX_UPLOAD_BYTES = 64 * 1024
RESULTS_ENV = "DOORSTROOM_DASHBOARD_RESULTS"
DEFAULT_RESULTS = Path("results") / "dashboard"


class UploadRefused(Exception):
    """An upload the page will not load; ``key`` and ``fields`` name the text to show."""

    def __init__(self, key: str, **fields):
        super().__init__(key)
        self.key = key
        self.fields = fields


def results_root() -> Path:
    """The one folder the page writes in (``$DOORSTROOM_DASHBOARD_RESULTS`` or
    ``results/dashboard`` under the folder the server started in)."""
    return Path(os.environ.get(RESULTS_ENV) or DEFAULT_RESULTS).resolve()


def safe_name(name: str, default: str = "scenario") -> str:
    """A name that is one harmless path component: letters, digits, ``-`` and ``_``.

    ``../../etc/x`` becomes ``etc-x``; nothing is left of a name made only of dots and
    slashes but ``default``.
    """
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", str(name)).strip("-_")[:48]
    return cleaned or default


def inside(root: Path, path: Path) -> Path:
    """``path`` resolved, if it lies inside ``root``; refuse anything else."""
    root = Path(root).resolve()
    resolved = Path(path).resolve()
    if not resolved.is_relative_to(root):
        raise InputError(f"{path}: outside the dashboard's results folder {root}")
    return resolved


def new_folder(root: Path, scenario_name: str) -> Path:
    """A fresh, not yet existing folder ``<root>/<name>-<time>`` for one set of results."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = f"{safe_name(scenario_name)}-{stamp}"
    for i in range(1000):
        candidate = inside(root, Path(root) / (base if i == 0 else f"{base}-{i}"))
        if not candidate.exists() and not lock_file(candidate).exists():  # nor being made
            return candidate
    raise InputError(f"{root}: too many result folders named {base}")


def read_upload(name: str, size: int | None, read: Callable[[int], bytes],
                replications: int = 1) -> Scenario:
    """A dropped file as a validated scenario, or ``UploadRefused`` saying why not.

    ``read(n)`` reads at most n bytes; no more than the limit plus one is ever read, so
    a file that lies about its size is refused too. The page runs both regimes side by
    side, and ``replications`` of each with its button: an upload too big for that
    (``budget.check``, the command line's limits) is refused at once.
    """
    if not str(name).lower().endswith(".toml"):
        raise UploadRefused("upload_not_toml", name=str(name)[:80])
    limit_kb = MAX_UPLOAD_BYTES // 1024
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise UploadRefused("upload_too_big", size=-(-size // 1024), kb=limit_kb)
    data = read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRefused("upload_too_big", size=f">{limit_kb}", kb=limit_kb)
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is dropped, as on the command line
    except UnicodeDecodeError:
        raise UploadRefused("upload_not_text") from None
    stem = str(name).replace("\\", "/").rsplit("/", 1)[-1][: -len(".toml")]
    try:
        scenario = loads(text, name=f"upload-{safe_name(stem)}", origin="upload")
        budget.check(scenario.values, (), 2, replications, workers=2,
                     origin="upload: the page would run ")
        return scenario
    except InputError as exc:
        raise UploadRefused("upload_bad", detail=str(exc)) from None


def is_national(scenario: Scenario) -> bool:
    """A scenario of every municipality at once (``national.municipalities``), which the
    page's one-municipality twin model cannot show."""
    return bool(getattr(scenario, "municipalities", ()))


def scenario_catalog(folder: Path, first: Path | None = None) -> dict[str, Path]:
    """The scenario files a user may pick, by name (the file's stem): ``first``, then the
    files next to it that load as one municipality (a broken or national one is left out).

    Listed once when the server starts, so a page can only choose among these names.
    """
    found: dict[str, Path] = {}
    if first is not None:
        found[Path(first).stem] = Path(first).resolve()
    if Path(folder).is_dir():
        for path in sorted(Path(folder).glob("*.toml")):
            if path.stem in found:
                continue
            try:
                if is_national(load(path)):
                    continue
            except InputError:
                continue
            found[path.stem] = path.resolve()
    return found


# --- downloads ------------------------------------------------------------------------


def toml_download(scenario: Scenario, policies: tuple[str, str]) -> str:
    """The scenario as the page runs it, as TOML, with the command that reruns it."""
    a, b = (shlex.quote(label) for label in policies)
    file = f"{safe_name(scenario.name)}.toml"
    head = comment("made in the doorstroom dashboard; rerun with:",
                   f"  doorstroom compare {file} --a {a} --b {b}")
    return f"{head}\n{scenario.to_toml()}"


def months_csv(timeseries: pd.DataFrame) -> str:
    """The twin model's months so far, both regimes, as CSV."""
    return timeseries.to_csv(index=False, lineterminator="\n")


def comparison_csv(results) -> str:
    """Per metric: both means, the paired difference and its 95% interval, as CSV."""
    return results.comparison().to_csv(index=False, lineterminator="\n")


def report_download(folder: Path, root: Path | None = None) -> bytes:
    """``report.html`` of a results folder as one file: its PNG plots inlined."""
    root = results_root() if root is None else root
    folder = inside(root, folder)
    page = inside(root, folder / "report.html").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        png = inside(root, folder / safe_name(match.group(1), "plot")).with_suffix(".png")
        if not png.is_file():
            return match.group(0)
        data = base64.b64encode(png.read_bytes()).decode("ascii")
        return f'src="data:image/png;base64,{data}"'

    return re.sub(r'src="([A-Za-z0-9_-]+)\.png"', inline, page).encode("utf-8")
