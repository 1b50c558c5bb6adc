"""``dashboard``: serve the browser dashboard until interrupted."""

from __future__ import annotations

from ..dashboard import serve


def dashboard(args) -> int:
    return serve(args.scenario, host=args.host, port=args.port, lang=args.lang)
