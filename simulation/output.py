"""Outputs that are complete or absent, and never clobber anything.

Files are written to a temporary name and renamed into place; a whole output
folder is assembled under a hidden temporary name (``.NAME.partial-*``, holding a file
``INCOMPLETE``) and renamed when everything in it is written. An interrupted run
removes it; a killed one leaves it, clearly marked, never a folder that looks complete.

Before a command simulates anything it claims its output path (``claim``, ``lock``):
the path must be one it can write (``check_writable``), and ``.NAME.lock`` beside it is
locked with ``flock`` and says who holds it (pid, host, start, command). A second run on
the same path is refused at once, naming the first; the kernel frees the lock when its
process dies however it dies, so a lock left by a killed run is taken over, with a note.

A results folder says it is doorstroom's: ``MARKER`` (``.doorstroom``, JSON) lists every
file written in it with its SHA-256. ``--force`` replaces a folder only when the marker
is there and the folder holds nothing else and nothing changed (``check_target``); any
other folder (a scenario kept there, an edited report, another program's files) is
refused and nothing is deleted. A single file is replaced only if it starts with the
line its writer puts first (``check_file_target``).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import secrets
import shlex
import shutil
import socket
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from .errors import InputError, option

#: The file that marks a results folder as doorstroom's, listing what was written in it.
MARKER = ".doorstroom"
#: The longest file name (bytes) common file systems take, and Linux's longest path.
NAME_MAX, PATH_MAX = 255, 4096
#: Bytes a path inside an output folder adds to the folder's: ``/``, the longest file name
#: written there (``municipalities_comparison.csv``) and its temporary name's additions.
ROOM_INSIDE = 64


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
    _atomic_bytes(Path(path), csv_bytes(df))


def csv_bytes(df: pd.DataFrame) -> bytes:
    """A table as the project writes every CSV: UTF-8, no index, LF line endings."""
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


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


def check_writable(path: Path, label: str | None = None) -> None:
    """Refuse, before any work, an output path that could not be written: one under a file
    or a broken link, with too long a name, in a folder that is read-only."""
    shown = label or option("out", path)
    full = Path(os.path.abspath(path))
    # the longest name written beside it is the temporary one the folder is assembled under
    extra = len(_temporary_name(full, "partial").name) - len(full.name)
    size, longest = len(os.fsencode(full)), PATH_MAX - extra - ROOM_INSIDE
    if size > longest:
        raise InputError(f"{shown}: the path is {size} bytes long; at most {longest}")
    for name, limit in [*((part, NAME_MAX) for part in full.parts[1:-1]),
                        (full.name, NAME_MAX - extra)]:
        if len(os.fsencode(name)) > limit:
            raise InputError(f"{shown}: the name {name[:24]}... is {len(os.fsencode(name))} "
                             f"bytes long; at most {limit}")
    existing = next(p for p in (full, *full.parents) if os.path.lexists(p))
    if existing.is_symlink() and not existing.exists():
        raise InputError(f"{shown}: {existing} is a link to {os.readlink(existing)}, "
                         "which does not exist")
    folder = full.parent if existing == full else existing
    if not folder.is_dir():
        raise InputError(f"{shown}: {folder} is not a folder")
    if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
        raise InputError(f"{shown}: {folder} is on a read-only file system")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{shown}: {folder} is not writable for this user")


def lock_file(path: Path) -> Path:
    """Where the lock of an output path is: ``.NAME.lock`` beside it."""
    path = Path(path)
    return path.parent / f".{path.name}.lock"


@contextmanager
def lock(path: Path, label: str | None = None) -> Iterator[None]:
    """Hold ``path`` for this run, from before its work until it ends, however it ends;
    refuse at once a path that cannot be written or that another run holds."""
    shown = label or option("out", path)
    check_writable(path, shown)
    where = lock_file(path)
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        fd = _acquire(where, shown)
    except OSError as exc:
        raise InputError(f"{shown}: cannot write its lock {where} "
                         f"({exc.strerror or exc})") from None
    _HELD.add(fd)
    try:
        yield
    finally:
        _HELD.discard(fd)
        try:
            where.unlink(missing_ok=True)  # before letting go: see _acquire
        finally:
            os.close(fd)


#: The descriptors of the locks this process holds. A forked worker closes its copies,
#: so a lock is never held on by a worker that outlives its run for a moment.
_HELD: set[int] = set()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=lambda: [os.close(fd) for fd in _HELD])


def _acquire(where: Path, shown: str) -> int:
    """Lock the file ``where`` (made if need be), write who holds it; its descriptor."""
    import fcntl  # POSIX only

    while True:
        fd = os.open(where, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(os.pread(fd, 4096, 0))
            os.close(fd)
            raise InputError(f"{shown}: in use by another doorstroom run ({holder}); wait "
                             f"for it to end or choose another {option('out')}") from None
        except BaseException:
            os.close(fd)
            raise
        # A holder removes the file before it lets go, so the file locked may no longer be
        # the one at that name; then lock the one there now.
        try:
            if os.path.samestat(os.fstat(fd), os.stat(where)):
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    earlier = os.pread(fd, 4096, 0)
    if earlier:  # its holder died without letting go: the kernel let go for it
        print(f"doorstroom: note: {shown}: taking over the lock of a run that ended without "
              f"releasing it ({_holder(earlier)}; no longer running)", file=sys.stderr)
    me = {"pid": os.getpid(), "host": socket.gethostname(),
          "started": time.strftime("%Y-%m-%d %H:%M:%S"), "command": shlex.join(sys.argv)}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(me).encode("utf-8"), 0)
    return fd


def _holder(data: bytes) -> str:
    """Who a lock file says holds it, for a message."""
    try:
        me = json.loads(data)
        return f"pid {me['pid']} on {me['host']}, started {me['started']}: {me['command']}"
    except (ValueError, KeyError, TypeError):
        return "it does not say which"


def check_target(out: Path, force: bool = False, label: str | None = None) -> bool:
    """Whether ``out`` holds earlier results that ``force`` lets this run replace; refuse a
    file, a link and a folder doorstroom did not write (``MARKER``), ``force`` or not."""
    out = Path(out)
    shown = label or option("out", out)
    if out.is_symlink():
        raise InputError(f"{shown}: is a link; name the folder itself")
    if not out.exists() or (out.is_dir() and not any(out.iterdir())):
        return False
    if not out.is_dir():
        raise InputError(f"{shown}: exists and is not a folder; choose another {option('out')}")
    why = _not_ours(out)
    if why:
        raise InputError(f"{shown}: {why}; doorstroom replaces only a folder of its own "
                         f"results, so nothing was deleted: choose another {option('out')} "
                         "or move those files away")
    if not force:
        raise InputError(f"{shown}: holds earlier results; add {option('force', True)} to "
                         f"replace them or choose another {option('out')}")
    return True


def _not_ours(folder: Path) -> str | None:
    """Why ``folder`` is not (or no longer) just results doorstroom wrote; None if it is."""
    try:
        listed = dict(json.loads((folder / MARKER).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        held = sorted(p.name for p in folder.iterdir())
        return (f"doorstroom did not write this folder (it has no readable {MARKER} file) "
                f"and it holds {_some(held)}")
    foreign, changed = [], []
    for path in sorted(folder.iterdir()):
        if path.name == MARKER:
            continue
        if path.is_symlink() or not path.is_file() or path.name not in listed:
            foreign.append(path.name)
        elif file_sha256(path) != listed[path.name]:
            changed.append(path.name)
    if foreign:
        return f"it holds {_some(foreign)}, which doorstroom did not write there"
    if changed:
        return (f"{_some(changed)} changed after doorstroom wrote "
                f"{'it' if len(changed) == 1 else 'them'}")
    return None


def _some(names: list[str]) -> str:
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def file_sha256(path: Path) -> str:
    """A file's SHA-256, read in blocks: what a record says a file was."""
    with Path(path).open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _manifest(folder: Path) -> dict[str, Any]:
    """``MARKER``'s content: every file in ``folder`` with its SHA-256."""
    return {"written_by": "doorstroom",
            "why": "doorstroom --force replaces this folder only while it holds just these "
                   "files, unchanged",
            "files": {p.name: file_sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}}


@contextmanager
def claim(out: Path, force: bool = False, label: str | None = None) -> Iterator[None]:
    """Claim a results folder before the work that fills it: ``lock`` it, and refuse at
    once what ``output_dir`` would refuse at the end."""
    with lock(out, label):
        check_target(out, force, label)
        yield


@contextmanager
def output_dir(out: Path, force: bool = False, label: str | None = None) -> Iterator[Path]:
    """Yield a temporary folder; on success it becomes ``out``, with ``MARKER``, replacing
    earlier results only as ``check_target`` allows; on failure it is removed."""
    out = Path(out)
    check_target(out, force, label)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary_name(out, "partial")
    tmp.mkdir(mode=0o777)  # as the umask allows (tempfile.mkdtemp's would be 0700)
    incomplete = tmp / "INCOMPLETE"
    incomplete.write_text("doorstroom is still writing this folder, or was stopped while it "
                          "did;\nits results are not complete. Rerun the command.\n")
    try:
        yield tmp
        incomplete.unlink()
        write_json(tmp / MARKER, _manifest(tmp))
        if check_target(out, force, label):  # again: the folder may have changed meanwhile
            print(f"doorstroom: replacing earlier results in {out}", file=sys.stderr)
            earlier = _temporary_name(out, "replaced")
            os.replace(out, earlier)
            os.replace(tmp, out)
            shutil.rmtree(earlier, ignore_errors=True)
        else:
            os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def check_file_target(path: Path, force: bool, first_line: str,
                      label: str | None = None) -> None:
    """Refuse to replace a file unless doorstroom wrote it (it starts with ``first_line``)
    and ``force`` says to; refuse a folder."""
    path = Path(path)
    shown = label or option("out", path)
    if path.is_dir():
        raise InputError(f"{shown}: is a folder; name a file")
    if not path.exists():
        return
    try:
        with path.open(encoding="utf-8") as fh:
            ours = fh.readline().startswith(first_line)
    except (OSError, UnicodeDecodeError):
        ours = False
    if not ours:
        raise InputError(f"{shown}: exists and doorstroom did not write it, so it was left "
                         f"as it is: choose another {option('out')} or move the file away")
    if not force:
        raise InputError(f"{shown}: exists (written earlier by doorstroom); add "
                         f"{option('force', True)} to replace it or choose another "
                         f"{option('out')}")
