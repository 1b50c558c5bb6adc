"""``dashboard``: serve the browser dashboard until interrupted, fetching the page's
scripts and styles on its first start (or only those, with ``--fetch-assets``).

Solara serves the page's front-end assets through a proxy at ``/_solara/cdn/`` that
fetches them from an internet CDN; without internet access each asset waits, then fails,
and the page stays white. So the assets are cached once: each package the page needs is
packed with ``npm pack`` and unpacked, without its leading ``package/`` folder, into the
cache that ``simulation.dashboard`` hands to Solara, since a CDN path
``/npm/PKG@VERSION/PATH`` is ``PATH`` in the npm tarball. Packages already cached are
skipped, so a start with a full cache fetches nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..dashboard import ASSET_CACHE, asset_cache, serve
from ..scenario import locate

#: What the dashboard's page loads: Solara's Vuetify app, its loader and icons, and the
#: draggable grid and the Vega trio, which Solara's page asks for whatever it shows.
PACKAGES = (
    "@widgetti/solara-vuetify-app@10.1.1",
    "requirejs@2.3.6",
    "font-awesome@4.5.0",
    "@widgetti/vue-grid-layout@2.3.13-alpha.2",
    "vega@5",
    "vega-lite@5",
    "vega-embed@6",
)


def dashboard(args) -> int:
    if args.fetch_assets:
        cache = asset_cache() or ASSET_CACHE
        if not fetch_assets(cache):
            return 1
        print(f"the dashboard's page assets are in {cache}")
        return 0
    return serve(locate(args.scenario), host=args.host, port=args.port, lang=args.lang,
                 fetch_assets=fetch_assets)


def fetch_assets(cache: Path) -> bool:
    """Put the packages missing from ``cache`` there, saying so and counting them; False,
    with a plain note, when npm is missing or fails (the page then needs the internet)."""
    missing = [p for p in PACKAGES if not _cached(cache / p)]
    if not missing:
        return True
    npm = shutil.which("npm")
    if npm is None:
        _note("npm is not installed, so the dashboard's page assets cannot be fetched "
              "(Debian: apt-get install npm); without them the page loads its scripts from "
              "the internet")
        return False
    _note(f"fetching the dashboard's page assets with npm, once (about 100 MB), into {cache}")
    for i, package in enumerate(missing, 1):
        print(f"  [{i}/{len(missing)}] {package}", file=sys.stderr, flush=True)
        try:
            _fetch(package, cache, npm)
        except (RuntimeError, OSError, tarfile.TarError) as exc:
            _note(f"{exc}; without the page assets the page loads its scripts from the "
                  "internet")
            return False
    return True


def _note(text: str) -> None:
    print(f"doorstroom: {text}", file=sys.stderr, flush=True)


def _cached(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


def _fetch(package: str, cache: Path, npm: str) -> None:
    """Unpack one ``package@version`` into ``cache/package@version``, whole or not at all."""
    with tempfile.TemporaryDirectory() as work:
        done = subprocess.run([npm, "pack", "--silent", package], cwd=work,
                              capture_output=True, text=True)
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"npm pack {package} failed: "
                               f"{(done.stderr or done.stdout).strip() or 'no output'}")
        unpacked = Path(work) / "unpacked"
        unpacked.mkdir()
        with tarfile.open(Path(work) / lines[-1].strip(), "r:gz") as tar:
            _extract_stripped(tar, unpacked)
        target = cache / package
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():  # an empty leftover of an interrupted fetch
            shutil.rmtree(target)
        shutil.move(str(unpacked), str(target))


def _extract_stripped(tar: tarfile.TarFile, dest: Path) -> None:
    """Extract regular files and folders, dropping the first path part (``package/``)."""
    root = dest.resolve()
    for member in tar.getmembers():
        parts = Path(member.name).parts[1:]
        if not parts or not (member.isfile() or member.isdir()):
            continue
        out = (dest / Path(*parts)).resolve()
        if not out.is_relative_to(root):  # a tarball may not write outside the cache
            continue
        if member.isdir():
            out.mkdir(parents=True, exist_ok=True)
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        source = tar.extractfile(member)
        if source is not None:
            with source, open(out, "wb") as fh:
                shutil.copyfileobj(source, fh)
