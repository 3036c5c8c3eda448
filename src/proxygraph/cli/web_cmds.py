"""`proxygraph serve`: the local web UI on a store."""

from __future__ import annotations

from typing import Annotated

import typer

from proxygraph.cli.app import app, fail
from proxygraph.cli.store_cmds import DbOption
from proxygraph.errors import ProxygraphError
from proxygraph.store import default_url

PortOption = Annotated[int, typer.Option("--port", help="Port to listen on", min=0,
                                         max=65535)]
HostOption = Annotated[str, typer.Option(
    "--host", help="Address to bind; anything but loopback needs a token")]
TokenOption = Annotated[str | None, typer.Option(
    "--token", help="Require this token on every request (default $PROXYGRAPH_TOKEN)",
    show_default=False)]


def run_server(url: str, *, host: str = "127.0.0.1", port: int = 8765,
               token: str | None = None, create: bool = False) -> None:
    """Serve the web UI on `url`; every error is one line and its exit code."""
    from proxygraph.web.server import serve

    try:
        serve(url, host=host, port=port, token=token, create=create)
    except ProxygraphError as exc:
        fail(exc)


@app.command(name="serve")
def serve_cmd(
    db: DbOption = None, port: PortOption = 8765, host: HostOption = "127.0.0.1",
    token: TokenOption = None,
) -> None:
    """Start the local web UI (network, evidence, review, map, ingest) and print its URL."""
    run_server(db or default_url(), host=host, port=port, token=token)
