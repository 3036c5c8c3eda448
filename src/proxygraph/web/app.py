"""The Dash application: one shell (navigation, shared stores), pages by URL, routes.

    from proxygraph.store import open_store
    from proxygraph.web import create_app
    app = create_app(open_store(url, create=False), token=None)
    app.server  # the Flask app (WSGI)

Pages live in `proxygraph.web.pages`, each with `layout(ctx, ...)` and `register(app,
ctx)`. Every JavaScript and CSS file is served from the installed packages (Dash,
dash-cytoscape, plotly) or from this package's `assets/`, never from a CDN.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

import dash
from dash import Input, Output, dcc, html
from flask import Response, request

from proxygraph.errors import ProxygraphError
from proxygraph.store import ClaimStore
from proxygraph.web.context import WebContext
from proxygraph.web.pages import analytics, claims, entities, evidence, ingest, mapview, network
from proxygraph.web.security import Guard

ASSETS = Path(__file__).with_name("assets")
MAX_UPLOAD_BYTES = 64 * 1024 * 1024
NAV = (("/", "Network"), ("/claims", "Claims"), ("/analytics", "Analytics"),
       ("/map", "Map"), ("/ingest", "Ingest"))


def create_app(store: ClaimStore, *, token: str | None = None,
               reviewer: str = "analyst") -> dash.Dash:
    ctx = WebContext(store=store, reviewer=reviewer)
    app = dash.Dash(
        "proxygraph.web", assets_folder=str(ASSETS), serve_locally=True,
        suppress_callback_exceptions=True, title="proxygraph", update_title=None,
        compress=False)
    app.config.suppress_callback_exceptions = True
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD_BYTES
    app.layout = lambda: _shell(ctx)
    _register_router(app, ctx)
    for page in (network, evidence, entities, analytics, claims, mapview, ingest):
        page.register(app, ctx)
    claims.register_routes(app.server, ctx)
    guard = Guard(token=token)
    guard.install(app.server)
    # Inline scripts Dash writes into its index page run only by their hashes.
    guard.csp_script_hashes = list(app.csp_hashes())

    @app.server.errorhandler(ProxygraphError)
    def _library_error(exc: ProxygraphError) -> Response:
        return Response(f"{exc}\n", status=400, mimetype="text/plain")

    app.proxygraph_context = ctx  # type: ignore[attr-defined]  # tests reach the store
    return app


def _shell(ctx: WebContext) -> html.Div:
    return html.Div(className="pg-app", children=[
        dcc.Location(id="url", refresh="callback-nav"),
        dcc.Store(id="revision", data=ctx.revision),
        html.Header(className="pg-header", children=[
            html.A("proxygraph", href="/", className="pg-brand"),
            html.Nav(id="pg-nav", className="pg-nav", children=[
                dcc.Link(label, href=href, className="pg-nav-link") for href, label in NAV]),
            html.Div(className="pg-reviewer", children=[
                html.Label("Reviewer", htmlFor="reviewer"),
                dcc.Input(id="reviewer", value=ctx.reviewer, debounce=True, persistence=True,
                          persistence_type="local", maxLength=80, size="12"),
            ]),
            html.Span(_store_label(ctx), className="pg-store", title="the store in use"),
        ]),
        html.Div(id="review-msg", className="pg-toasts", role="status"),
        html.Main(id="page", className="pg-main"),
    ])


def _store_label(ctx: WebContext) -> str:
    url = getattr(ctx.store, "url", "")
    if "@" in url:  # never show a password
        scheme, _, rest = url.partition("://")
        url = f"{scheme}://…@{rest.split('@', 1)[1]}"
    return url


def route(pathname: str | None, search: str | None, ctx: WebContext) -> Any:
    """The page for a URL (also called directly by tests)."""
    path = (pathname or "/").rstrip("/") or "/"
    query = {k: v[0] for k, v in parse_qs((search or "").lstrip("?")).items()}
    parts = [unquote(p) for p in path.split("/") if p]
    try:
        if path == "/":
            return network.layout(ctx, query)
        if parts[0] == "claims":
            return claims.layout(ctx, query)
        if parts[0] == "analytics":
            return analytics.layout(ctx, query)
        if parts[0] == "map":
            return mapview.layout(ctx, query)
        if parts[0] == "ingest":
            return ingest.layout(ctx)
        if parts[0] == "actor" and len(parts) == 2:
            return entities.actor_layout(ctx, parts[1])
        if parts[0] == "item" and len(parts) == 2:
            return entities.item_layout(ctx, parts[1])
        if parts[0] == "doc" and len(parts) == 2:
            return entities.document_layout(ctx, parts[1], query.get("claim"))
    except ProxygraphError as exc:
        return html.Div(className="pg-error", children=str(exc))
    return html.Div(className="pg-error", children=f"No page at {path}.")


def _register_router(app: dash.Dash, ctx: WebContext) -> None:
    @app.callback(Output("page", "children"), Input("url", "pathname"),
                  Input("url", "search"))
    def _page(pathname: str | None, search: str | None) -> Any:
        return route(pathname, search, ctx)

    @app.server.route("/healthz")
    def _health() -> Response:
        return Response("ok\n", mimetype="text/plain")

    _ = request  # imported for routes registered by pages
