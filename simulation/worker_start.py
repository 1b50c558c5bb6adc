"""How local worker processes start: forked where that is safe, spawned elsewhere; and
whether spawned ones can start at all in the program running now."""

from __future__ import annotations

import ast
import os
import sys
import threading
from pathlib import Path


def start_method() -> str:
    """How local workers start. Forked where that is safe: on Linux, from a process with no
    other thread (the ``doorstroom`` command, a plain script); a forked worker starts in
    milliseconds with this process's imports and compiled kernels, where a spawned one
    imports them again (about a second). Spawned elsewhere (macOS, Windows, a notebook,
    the dashboard): safe everywhere, started only when a task waits for one."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "spawn"


def why_spawned_workers_fail() -> str | None:
    """Why spawned worker processes would fail here, if they would.

    A spawned worker first runs the main program again, as ``multiprocessing.spawn`` does:
    from its file or module name (unless it is a ``__main__`` module), every top-level
    statement except those under ``if __name__ == "__main__":``. If the statement running
    now is not under that guard, each worker would start the same work again, and die.
    """
    main = sys.modules.get("__main__")
    name = getattr(getattr(main, "__spec__", None), "name", None)
    path = getattr(main, "__file__", None)
    if name is not None:
        if name == "__main__" or name.endswith(".__main__"):
            return None  # workers never rerun a package's __main__
    elif path is None or Path(path).stem == "ipython":
        return None  # an interactive session or a notebook: workers rerun nothing
    elif not os.path.exists(path):
        return f"worker processes cannot import this main program ({path})"
    frame = sys._getframe()
    while frame is not None and not (frame.f_globals is vars(main)
                                     and frame.f_code.co_name == "<module>"):
        frame = frame.f_back
    if frame is None or _under_main_guard(frame.f_code.co_filename, frame.f_lineno):
        return None
    return (f"worker processes would run {path} again from the top; to use them, put the "
            'call under `if __name__ == "__main__":`')


def _under_main_guard(path: str, line: int) -> bool:
    """Whether ``line`` of the Python file ``path`` lies under ``if __name__ == "__main__":``
    (a file that cannot be read is taken to be guarded: workers are tried as before)."""
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"), path)
    except (OSError, SyntaxError, ValueError):
        return True
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_main_test(node.test) and \
                node.body[0].lineno <= line <= node.body[-1].end_lineno:
            return True
    return False


def _is_main_test(test: ast.expr) -> bool:
    """``__name__ == "__main__"``, either way round."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1
            and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    return any(isinstance(x, ast.Name) and x.id == "__name__" for x in sides) and \
        any(isinstance(x, ast.Constant) and x.value == "__main__" for x in sides)
