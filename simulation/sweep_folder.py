"""A sweep's folder: the manifest ``sweep.json`` and the Parquet parts it lists.

The manifest holds the sweep's spec and lists every finished part (the first and last
sample it holds, its rows, its sha256). Only listed parts are merged, each checked against
its sha256: a listed part that is missing or changed is refused (``--resume`` runs its
samples again), a file in ``parts/`` the manifest does not list is left out with a note.
A part is written before it is listed, so a sweep stopped in between lists only whole ones.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from .errors import InputError, option
from .input_files import read_json
from .output import file_sha256, write_json, write_parquet

SPEC = "sweep.json"
PARTS = "parts"


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


@dataclass
class Manifest:
    """A sweep folder's ``sweep.json``: the spec, and each finished part by file name with
    the first and last sample it holds, its rows and its sha256."""

    out: Path
    spec: SweepSpec
    parts: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def read(cls, out: Path) -> "Manifest":
        """The manifest of folder ``out``; refuse (naming the file) one that is not."""
        path = Path(out) / SPEC
        if not path.is_file():
            raise InputError(f"{out}: not a sweep folder (no {SPEC})")
        data = read_json(path, "a sweep manifest")
        try:
            parts = {_part_name(name): {"samples": [int(entry["samples"][0]),
                                                    int(entry["samples"][-1])],
                                        "rows": int(entry["rows"]),
                                        "sha256": str(entry["sha256"])}
                     for name, entry in data.pop(PARTS, {}).items()}
            return cls(Path(out), SweepSpec(**data), parts)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            raise InputError(f"{path}: not a readable sweep manifest ({exc}); run the sweep "
                             "again into a new folder") from None

    def save(self) -> None:
        write_json(self.out / SPEC, {**asdict(self.spec), PARTS: self.parts})

    def add(self, df: pd.DataFrame) -> None:
        """Write a finished part, then list it: a part written but not yet listed (a sweep
        stopped in between) is not merged, and ``--resume`` runs it again."""
        first, last = int(df["sample"].min()), int(df["sample"].max())
        name = f"sample-{first:06d}.parquet"
        write_parquet(self.out / PARTS / name, df)
        self.parts[name] = {"samples": [first, last], "rows": len(df),
                            "sha256": file_sha256(self.out / PARTS / name)}
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
