"""Fill the offline asset cache the dashboard's pages load their JavaScript and CSS from.

Solara serves its front-end assets through a proxy at ``/_solara/cdn/`` that fetches
them from an internet CDN. Without internet access each asset waits, then fails, and
the page stays white. This script packs each package the page needs with ``npm pack``
and unpacks it (without the leading ``package/`` folder) into the cache folder, which
``doorstroom dashboard`` hands to Solara as ``SOLARA_ASSETS_PROXY_CACHE_DIR``. A CDN
path ``/npm/PKG@VERSION/PATH`` is then simply ``PATH`` inside the npm tarball.

Packages already in the cache are skipped, so running it again is cheap.

Usage::

    python scripts/fetch_solara_assets.py [CACHE_DIR]     # default: <project>/.solara-cdn
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

#: What the dashboard's page loads: Solara's Vuetify app, its loader and icons, the
#: draggable grid SolaraViz lays its charts out in, and the Vega trio for Altair plots.
PACKAGES = (
    "@widgetti/solara-vuetify-app@10.1.1",
    "requirejs@2.3.6",
    "font-awesome@4.5.0",
    "@widgetti/vue-grid-layout@2.3.13-alpha.2",
    "vega@5",
    "vega-lite@5",
    "vega-embed@6",
)
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / ".solara-cdn"


def fetch(package: str, cache: Path, npm: str) -> bool:
    """Unpack one ``package@version`` into ``cache/package@version``; False if present."""
    target = cache / package
    if target.is_dir() and any(target.iterdir()):
        return False
    with tempfile.TemporaryDirectory() as work:
        done = subprocess.run([npm, "pack", "--silent", package], cwd=work,
                              capture_output=True, text=True)
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"npm pack {package} failed: "
                               f"{(done.stderr or done.stdout).strip() or 'no output'}")
        tarball = Path(work) / lines[-1].strip()
        unpacked = Path(work) / "unpacked"
        unpacked.mkdir()
        with tarfile.open(tarball, "r:gz") as tar:
            _extract_stripped(tar, unpacked)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():  # an empty leftover of an interrupted run
            shutil.rmtree(target)
        shutil.move(str(unpacked), str(target))  # whole folder at once: no half packages
    return True


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cache", nargs="?", type=Path, default=DEFAULT_CACHE,
                        help=f"cache folder (default: {DEFAULT_CACHE})")
    args = parser.parse_args(argv)
    npm = shutil.which("npm")
    if npm is None:
        print("fetch_solara_assets: npm is not installed, so the dashboard's assets cannot be "
              "cached; install Node.js/npm (Debian: apt-get install npm) and run this again. "
              "Without the cache the dashboard needs internet access.", file=sys.stderr)
        return 1
    fetched = 0
    for package in PACKAGES:
        try:
            fetched += fetch(package, args.cache, npm)
        except (RuntimeError, OSError, tarfile.TarError) as exc:
            print(f"fetch_solara_assets: {exc}", file=sys.stderr)
            return 1
    print(f"solara assets: {fetched} fetched, {len(PACKAGES) - fetched} already in {args.cache}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
