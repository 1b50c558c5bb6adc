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
import secrets
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from .errors import InputError


def _temporary_name(target: Path, kind: str) -> Path:
    """A fresh hidden name beside ``target`` (64 random bits: it never meets another)."""
    return target.parent / f".{target.name}.{kind}-{secrets.token_hex(8)}"


def _atomic_bytes(path: Path, data: bytes) -> None:
    # Not tempfile.mkstemp: its files are private (0600) whatever the user's umask says;
    # created like this, the file gets the permissions the umask gives (0644 under 022).
    tmp = _temporary_name(path, "tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 0o666)
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
    tmp = _temporary_name(out, "partial")
    tmp.mkdir(mode=0o777)  # as the umask allows (tempfile.mkdtemp's would be 0700)
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
