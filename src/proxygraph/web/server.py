"""Run the web app on a local address (werkzeug's threaded server: one analyst, one
machine) and print its URL."""

from __future__ import annotations

import sys
from collections.abc import Callable

from proxygraph.errors import ProxygraphError, StoreError
from proxygraph.web.security import resolve_token

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def serve(url: str, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          token: str | None = None, create: bool = False, reviewer: str = "analyst",
          on_ready: Callable[[str], None] | None = None) -> None:
    """Open the store at `url` and serve the app until interrupted."""
    from werkzeug.serving import make_server

    from proxygraph.store import open_store
    from proxygraph.web.app import create_app

    token = resolve_token(host, token)
    store = open_store(url, create=create)
    try:
        app = create_app(store, token=token, reviewer=reviewer)
        try:
            server = make_server(host, port, app.server, threaded=True)
        except OSError as exc:
            raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") \
                from None
        import logging
        import threading

        from proxygraph.web import geo

        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
        # The map's gazetteer takes a second or two to index: do it before anyone asks.
        threading.Thread(target=lambda: (geo.countries(), geo.locate("Beirut")),
                         daemon=True, name="gazetteer").start()
        shown = f"[{host}]" if ":" in host else host
        address = f"http://{shown}:{server.server_port}/"
        print(f"proxygraph: serving {url} at {address}"
              + (" (token required: open it with ?token=...)" if token else ""),
              file=sys.stderr, flush=True)
        if on_ready:
            on_ready(address)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    finally:
        store.close()


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ProxygraphError", "serve"]
