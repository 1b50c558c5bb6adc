"""The browser dashboard: what-if for policy makers, both regimes side by side.

``doorstroom dashboard`` calls ``serve``, which starts Solara's server on the page in
``app.py``: the twin model of both regimes month by month (``viz``: play controls,
sliders generated from the declared parameters, charts), a replications button with the
comparison table, and downloads, in Dutch or English. The modules besides ``app.py``
and ``viz.py`` are plain Python, testable without a browser:

- ``viz``: the play controls, inputs and charts (Solara, like ``app.py``);
- ``controls``: the inputs (from ``simulation.declarations``) and the scenario they make;
- ``twin``: both regimes as one Mesa model, on common random numbers;
- ``charts``: the report's charts (``simulation.charts``) on the twin model's run;
- ``replications``: the replications button, its results folder and the comparison table;
- ``files``: uploads, downloads and the checks on the one folder the page writes in;
- ``texts``: every sentence on the page, Dutch and English.

Importing this package imports neither Solara nor Mesa (nor the command line); ``serve``
imports Solara when the server starts.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import sys
import warnings
from pathlib import Path
from typing import Callable

from ..declarations import LANGS
from ..errors import InputError
from ..output import check_writable
from ..scenario import load, locate
from .files import RESULTS_ENV, is_national, results_root

_CHECKOUT = Path(__file__).resolve().parents[2]
#: Where ``doorstroom dashboard`` puts the page's JavaScript and CSS: ``.solara-cdn`` in a
#: source checkout (``make test`` fills it), else the user's cache folder, since an
#: installed package's own folder may be read-only.
ASSET_CACHE = (_CHECKOUT / ".solara-cdn" if (_CHECKOUT / "pyproject.toml").is_file() else
               Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
               / "doorstroom" / "solara-cdn")
SCENARIO_ENV = "DOORSTROOM_DASHBOARD_SCENARIO"
LANG_ENV = "DOORSTROOM_DASHBOARD_LANG"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def check_installed() -> None:
    """Refuse plainly when the dashboard extras (Solara and its Vuetify widgets) are missing."""
    missing = [name for name in ("solara", "ipyvuetify")
               if importlib.util.find_spec(name) is None]
    if missing:
        raise InputError(f"the dashboard needs {', '.join(missing)}, which are not installed; "
                         "install the dashboard extras: pip install 'doorstroom[dashboard]'")


def _check_port(host: str, port: int) -> None:
    if not 1 <= port <= 65535:
        raise InputError(f"--port {port}: choose a port from 1 to 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise InputError(f"--host {host}: not an address of this machine") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another "
                             "--port (or --host)") from None


def asset_cache() -> Path | None:
    """The offline asset cache: ``$SOLARA_ASSETS_PROXY_CACHE_DIR`` if set, else
    ``ASSET_CACHE`` (or ``.solara-cdn`` in the folder the server starts in), if filled."""
    given = os.environ.get("SOLARA_ASSETS_PROXY_CACHE_DIR")
    if given:
        return Path(given)
    for folder in (ASSET_CACHE, Path.cwd() / ".solara-cdn"):
        if folder.is_dir() and any(folder.iterdir()):
            return folder.resolve()
    return None


def configure(scenario_path: str | os.PathLike, lang: str = "nl") -> None:
    """Environment for Solara and the page, set before Solara is imported.

    Solara reads its settings from the environment when it is imported: the offline
    asset cache (when ``doorstroom dashboard`` filled it), no telemetry, and no
    "This website runs on Solara" badge, which would cover the bottom right of the page.
    """
    cache = asset_cache()
    if cache is not None:
        os.environ["SOLARA_ASSETS_PROXY_CACHE_DIR"] = str(cache)
    os.environ["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"
    os.environ["SOLARA_THEME_SHOW_BANNER"] = "False"
    os.environ[SCENARIO_ENV] = str(locate(scenario_path).resolve())
    os.environ[LANG_ENV] = lang
    os.environ[RESULTS_ENV] = str(results_root())


def serve(scenario_path: str | os.PathLike = "baseline",
          host: str = "127.0.0.1", port: int = 8765, lang: str = "nl",
          fetch_assets: Callable[[Path], object] | None = None) -> int:
    """Serve the dashboard on ``http://HOST:PORT`` until interrupted; then say
    "dashboard stopped" and return 0, since stopping is how a server ends (Ctrl+C, or
    SIGTERM under ``doorstroom dashboard``, e.g. from systemd).

    Checks first, so a mistake is one plain message: the extras are installed, the
    scenario is valid, the port is free. Only ``host`` decides who can reach the page;
    the default is this machine only. ``fetch_assets(cache)`` fills the asset cache after
    the checks, before the server starts (``doorstroom dashboard`` passes its own).

    From Python (it serves until interrupted)::

        from simulation.dashboard import serve
        serve("ommen", port=8766)          # then open http://127.0.0.1:8766
    """
    check_installed()
    if is_national(load(scenario_path)):  # a bad scenario is the user's to fix: exit 2
        raise InputError(f"{scenario_path}: a national scenario (every municipality); the "
                         "dashboard shows one municipality, so start it with a "
                         "municipality's scenario and run this one with doorstroom compare")
    if lang not in LANGS:
        raise InputError(f"--lang {lang}: choose nl or en")
    _check_port(host, port)
    # the page saves its replications there: a folder it cannot write is said now, not
    # after a council member has waited for 30 replications
    check_writable(results_root(), f"the dashboard's results folder ({RESULTS_ENV})")
    if fetch_assets is not None:
        fetch_assets(asset_cache() or ASSET_CACHE)
    configure(scenario_path, lang)
    if host not in LOCAL_HOSTS:
        print(f"doorstroom: note: the dashboard has no login; anyone who can reach {host}:{port}"
              " can use it", file=sys.stderr)
    if asset_cache() is None:
        print("doorstroom: note: no offline asset cache (doorstroom dashboard --fetch-assets "
              "fills it); the page loads its scripts from the internet", file=sys.stderr)
    print(f"doorstroom dashboard: http://{host}:{port} (Ctrl+C stops it)", flush=True)
    # Harmless noise in the server log: plain http on this machine gets a same-site
    # cookie note.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")
    # Deferred on purpose: Solara is an optional extra, heavy to import, and reads the
    # environment ``configure`` just set when it is imported.
    from click.exceptions import Abort  # Solara's command line is Click's
    from solara.__main__ import cli

    try:
        cli.main(args=["run", "simulation.dashboard.app", "--host", host, "--port", str(port),
                       "--production", "--no-open", "--no-check-version"],
                 prog_name="solara", standalone_mode=False)
    except Abort:  # Click's form of KeyboardInterrupt, once the server has shut down
        print("doorstroom: dashboard stopped", file=sys.stderr)
    return 0
