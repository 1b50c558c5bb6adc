"""Atomic writers: a results folder is either complete or not there.

Files are written to a temporary name and renamed into place; a whole output
folder is assembled under a hidden temporary name (``.NAME.partial-*``, holding a file
``INCOMPLETE``) and renamed when everything in it is written. An interrupted run
removes it; a killed one leaves it, clearly marked, never a folder that looks complete.
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from .errors import InputError


def _atomic_bytes(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    _atomic_bytes(Path(path), data)


def write_text(path: Path, text: str) -> None:
    _atomic_bytes(Path(path), text.encode("utf-8"))


def write_json(path: Path, obj: Any) -> None:
    """JSON with ``null`` where a number is undefined (JSON has no NaN)."""
    text = json.dumps(_clean(obj), indent=2, ensure_ascii=False, allow_nan=False)
    write_text(path, text + "\n")


def write_csv(path: Path, df: pd.DataFrame) -> None:
    write_text(path, df.to_csv(index=False, lineterminator="\n"))


def write_parquet(path: Path, df: pd.DataFrame) -> None:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    _atomic_bytes(Path(path), buf.getvalue())


def _clean(obj: Any) -> Any:
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if hasattr(obj, "item"):  # numpy scalar
        return _clean(obj.item())
    return obj


def check_target(out: Path, force: bool = False) -> None:
    """Refuse to replace an existing folder unless told to (``--force``)."""
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: exists and is not a folder")
    if out.exists() and any(out.iterdir()) and not force:
        raise InputError(f"--out {out}: folder exists and is not empty; choose another "
                         "--out or add --force to replace it")


@contextmanager
def output_dir(out: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder; on success it becomes ``out``, on failure it is removed."""
    out = Path(out)
    check_target(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.partial-"))
    marker = tmp / "INCOMPLETE"
    marker.write_text("doorstroom is still writing this folder, or was stopped while it did;\n"
                      "its results are not complete. Rerun the command.\n")
    try:
        yield tmp
        marker.unlink()
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
