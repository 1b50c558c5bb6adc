"""A sweep's folder: the manifest ``sweep.json`` and the Parquet parts it lists.

The manifest holds the sweep's spec and lists every finished part (the first and last
sample it holds, its rows, its sha256). Only listed parts are merged, each checked against
its sha256: a listed part that is missing or changed is refused (``--resume`` runs its
samples again), a file in ``parts/`` the manifest does not list is left out with a note.
A part is written before it is listed, so a sweep stopped in between lists only whole ones.
The analyses of a sweep (``sensitivity``, ``discover``) write their tables and charts
into its folder through ``write_analysis``, which lists each file with its sha256 in the
manifest and replaces only a file it listed, unchanged: a file of the user's with the same
name, or one edited since, is left as it is.
The manifest is saved at most once a second while parts come in (and at the end), so a
sweep of many samples does not rewrite an ever longer file after each one: a sweep killed
outright leaves the last second's parts unlisted, and ``--resume`` runs them again.
"""

from __future__ import annotations

import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from .errors import InputError, option
from .input_files import read_json
from .output import file_sha256, lock, write_bytes, write_json, write_parquet

SPEC = "sweep.json"
PARTS = "parts"
ANALYSES = "analyses"
#: Seconds between saves of the manifest while parts come in.
SAVE_EVERY_S = 1.0


@dataclass(frozen=True)
class SweepSpec:
    """What a sweep runs: written first, so ``--resume`` can check it is the same sweep."""

    scenario: dict
    scenario_name: str
    params: list[str]
    bounds: list[list[float]]
    method: str
    samples: int
    replications: int
    seed: int
    policies: list[str]
    #: A national scenario's file: its tables (already absolute in ``scenario``) may only
    #: be named by a file. None for one municipality's.
    source: str | None = None


@dataclass
class Manifest:
    """A sweep folder's ``sweep.json``: the spec, and each finished part by file name with
    the first and last sample it holds, its rows and its sha256."""

    out: Path
    spec: SweepSpec
    parts: dict[str, dict] = field(default_factory=dict)
    analyses: dict[str, str] = field(default_factory=dict)  # file name -> its sha256
    _saved_at: float = field(default=float("-inf"), repr=False)
    _unsaved: bool = field(default=False, repr=False)

    @classmethod
    def read(cls, out: Path) -> "Manifest":
        """The manifest of folder ``out``; refuse (naming the file) one that is not."""
        path = Path(out) / SPEC
        if not path.is_file():
            raise InputError(f"{out}: not a sweep folder (no {SPEC})")
        data = read_json(path, "a sweep manifest")
        try:
            analyses = {_analysis_name(name): str(digest)
                        for name, digest in data.pop(ANALYSES, {}).items()}
            parts = {_part_name(name): {"samples": [int(entry["samples"][0]),
                                                    int(entry["samples"][-1])],
                                        "rows": int(entry["rows"]),
                                        "sha256": str(entry["sha256"])}
                     for name, entry in data.pop(PARTS, {}).items()}
            return cls(Path(out), SweepSpec(**data), parts, analyses)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            raise InputError(f"{path}: not a readable sweep manifest ({exc}); run the sweep "
                             "again into a new folder") from None

    def save(self) -> None:
        write_json(self.out / SPEC, {**asdict(self.spec), PARTS: self.parts,
                                     **({ANALYSES: self.analyses} if self.analyses else {})})
        self._saved_at, self._unsaved = time.monotonic(), False

    def add(self, df: pd.DataFrame) -> None:
        """Write a finished part, then list it (in the saved manifest within a second, or
        at ``flush``): a part written but not yet listed is not merged, and ``--resume``
        runs it again."""
        first, last = int(df["sample"].min()), int(df["sample"].max())
        name = f"sample-{first:06d}.parquet"
        write_parquet(self.out / PARTS / name, df)
        self.parts[name] = {"samples": [first, last], "rows": len(df),
                            "sha256": file_sha256(self.out / PARTS / name)}
        self._unsaved = True
        if time.monotonic() - self._saved_at >= SAVE_EVERY_S:
            self.save()

    def flush(self) -> None:
        """Save the parts listed since the last save, if any."""
        if self._unsaved:
            self.save()

    def problem(self, name: str) -> str | None:
        """Why a listed part cannot be merged, if it cannot."""
        path = self.out / PARTS / name
        if not path.is_file():
            return f"{path}: listed in {SPEC} but missing"
        if file_sha256(path) != self.parts[name]["sha256"]:
            return f"{path}: not the part {SPEC} lists (truncated or changed)"
        return None

    def finished(self) -> set[int]:
        return {i for entry in self.parts.values()
                for i in range(entry["samples"][0], entry["samples"][1] + 1)}


def write_analysis(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write an analysis's files into sweep folder ``out`` and list them in its manifest;
    refuse, before writing any, to replace a file the manifest does not list as ours and
    unchanged. Returns the paths written."""
    out = Path(out)
    with lock(out):
        manifest = Manifest.read(out)
        for name in files:
            path = out / _analysis_name(name)
            if path.is_dir() or (path.exists() and (
                    name not in manifest.analyses
                    or file_sha256(path) != manifest.analyses[name])):
                raise InputError(f"{path}: exists and is not doorstroom's unchanged output, so "
                                 "it was left as it is; move it away and run this again")
        for name, data in files.items():
            write_bytes(out / name, data)
            manifest.analyses[name] = file_sha256(out / name)
        manifest.save()
    return [out / name for name in files]


def _analysis_name(name: str) -> str:
    if Path(name).name != name or not name.startswith(("sensitivity-", "discovery-")):
        raise ValueError(f"analysis file {name!r} is not a sensitivity or discovery file")
    return name


def _part_name(name: str) -> str:
    if Path(name).name != name or not name.endswith(".parquet"):
        raise ValueError(f"part {name!r} is not a Parquet file's name")
    return name


def merge(out: Path) -> pd.DataFrame:
    """The runs of every part the manifest lists, in sample order (see the module's
    docstring for what is refused and what left out)."""
    manifest = Manifest.read(out)
    for path in sorted((manifest.out / PARTS).glob("*.parquet")):
        if path.name not in manifest.parts:
            note(f"{path} is not listed in {SPEC}; left out")
    if not manifest.parts:
        raise InputError(f"{out}: no finished samples")
    names = sorted(manifest.parts, key=lambda name: manifest.parts[name]["samples"])
    for name in names:
        problem = manifest.problem(name)
        if problem:
            raise InputError(f"{problem}; rerun the sweep with {option('resume', True)} to "
                             "run its samples again")
    return pd.concat([pd.read_parquet(manifest.out / PARTS / name) for name in names],
                     ignore_index=True)


def note(text: str) -> None:
    """A plain line on stderr about what was left out or done again."""
    print(f"doorstroom: note: {text}", file=sys.stderr)
