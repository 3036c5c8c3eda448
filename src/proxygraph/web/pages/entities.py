"""Actor, item and document pages."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from proxygraph.analyze.origins import UNKNOWN, origins
from proxygraph.analyze.timeline import timeline
from proxygraph.errors import NotFoundError, ProxygraphError
from proxygraph.graph import GraphFilter
from proxygraph.ontology import ONTOLOGY
from proxygraph.registry import default_registry
from proxygraph.store import ClaimFilter
from proxygraph.web.context import WebContext
from proxygraph.web.pages.evidence import card_list

ALL_STATUSES = tuple(ONTOLOGY.statuses)


def _fact(label: str, value: Any) -> html.Div:
    return html.Div(className="pg-fact", children=[html.Dt(label), html.Dd(value or "—")])


def actor_layout(ctx: WebContext, actor_id: str) -> html.Div:
    registry = default_registry()
    graph = ctx.graph(GraphFilter(statuses=ALL_STATUSES))
    node = graph.nodes.get(actor_id)
    entity = registry.get(actor_id) if actor_id in registry else None
    if node is None and entity is None:
        raise NotFoundError(f"no actor {actor_id!r} in the registry or the store")
    name = graph.name(actor_id)
    affiliation = entity.affiliation if entity else None
    facts = html.Dl(className="pg-facts-list", children=[
        _fact("kind", (node.kind if node else entity.kind if entity else "").replace("_", " ")),
        _fact("aliases", ", ".join(entity.aliases) if entity else ""),
        _fact("affiliation", dcc.Link(graph.name(affiliation), href=f"/actor/{affiliation}")
              if affiliation else None),
        _fact("country", graph.name(node.country) if node and node.country else None),
        _fact("Wikidata", entity.qid if entity else None),
        _fact("id", actor_id),
    ])
    entries = timeline(graph, actor_id)
    rows = []
    for e in entries:
        st = e.statement
        other = st.object if st.subject == actor_id else st.subject
        rows.append(html.Tr([
            html.Td(e.label), html.Td(st.type.replace("_", " ").lower()),
            html.Td("→" if st.subject == actor_id else "←"),
            html.Td(dcc.Link(graph.name(other), href=f"/actor/{other}") if other else "—"),
            html.Td(st.status), html.Td(f"{st.reliability}{st.credibility}"),
            html.Td(st.evidence[:160] + ("…" if len(st.evidence) > 160 else ""),
                    className="pg-evidence-cell")]))
    partners: dict[str, set[str]] = {}
    for edge in graph.edge_list():
        if actor_id in (edge.source, edge.target):
            other = edge.target if edge.source == actor_id else edge.source
            arrow = "→" if edge.source == actor_id or edge.symmetric else "←"
            partners.setdefault(f"{edge.type} {arrow}", set()).add(other)
    received = origins(graph, actor_id).to_dict(graph)
    return html.Div(className="pg-page", children=[
        html.H1(name),
        html.Div(className="pg-two", children=[
            html.Section([facts, html.H3("Partners by type"), html.Ul([
                html.Li([html.Strong(k.replace("_", " ").lower() + ": "), *_links(
                    graph, sorted(v, key=graph.name))]) for k, v in sorted(partners.items())
            ] or [html.Li("none in the store")]),
                html.H3("Items received, by origin"), _origins_table(received),
                dcc.Link("Show on the network", href=f"/?actor={actor_id}",
                         className="pg-btn-link")]),
            html.Section(className="pg-forms", children=[
                html.H3("Add an alias"),
                dcc.Input(id="actor-alias", placeholder="another name for this actor"),
                html.Button("Add alias", id="actor-alias-btn", className="pg-btn"),
                html.H3("Merge into another actor"),
                dcc.Input(id="actor-merge", placeholder="the actor this one really is"),
                html.Button("Merge", id="actor-merge-btn", className="pg-btn pg-btn-reject"),
                html.Div(id="actor-msg"),
                dcc.Store(id="actor-name", data=name),
            ]),
        ]),
        html.H3(f"Timeline ({len(entries)} claims, every status)"),
        html.Table(className="pg-table", children=[
            html.Thead(html.Tr([html.Th(h) for h in ("when", "type", "", "with", "status",
                                                      "grade", "evidence")])),
            html.Tbody(rows)]),
    ])


def _links(graph: Any, ids: list[str]) -> list[Any]:
    out: list[Any] = []
    for i, n in enumerate(ids):
        if i:
            out.append(", ")
        out.append(dcc.Link(graph.name(n), href=f"/actor/{n}"))
    return out


def _origins_table(data: dict[str, Any]) -> Any:
    if not data["rows"]:
        return html.Div("No item received in a counted transfer.", className="pg-muted")
    return html.Table(className="pg-table", children=[
        html.Thead(html.Tr([html.Th(h) for h in ("origin", "category", "items", "share")])),
        html.Tbody([html.Tr([
            html.Td(r["origin_name"] if r["origin"] != UNKNOWN else "unknown"),
            html.Td(r["category"]), html.Td(", ".join(r["items"])),
            html.Td(f"{r['share']:.0%}")]) for r in data["rows"]])])


def item_layout(ctx: WebContext, item_id: str) -> html.Div:
    registry = default_registry()
    entity = registry.get(item_id) if item_id in registry else None
    name = entity.name if entity else item_id
    found = ctx.store.claims(ClaimFilter(items=(name,), limit=500))
    if entity is None and not found:
        raise NotFoundError(f"no item {item_id!r}")
    facts = html.Dl(className="pg-facts-list", children=[
        _fact("category", entity.category if entity else None),
        _fact("origin", dcc.Link(registry.get(entity.origin).name,
                                 href=f"/actor/{entity.origin}")
              if entity and entity.origin and entity.origin in registry else
              (entity.origin if entity else None)),
        _fact("aliases", ", ".join(entity.aliases) if entity else ""),
        _fact("Wikidata", entity.qid if entity else None),
    ])
    return html.Div(className="pg-page", children=[
        html.H1(name), facts, html.H3(f"Claims naming it ({len(found)})"),
        html.Div(card_list(ctx, [s.id for s in found]), className="pg-cards"),
    ])


def document_layout(ctx: WebContext, sha: str, claim_id: str | None) -> html.Div:
    info = ctx.document(sha)
    if info is None:
        raise NotFoundError(f"no document {sha!r}")
    text = ctx.store.document_text(sha)
    span = None
    if claim_id:
        try:
            stored = ctx.store.claim(claim_id)
            ev = stored.claim.evidence
            if text[ev.start:ev.end] == ev.sentence:
                span = (ev.start, ev.end)
            else:  # offsets of another cleaning: find the sentence itself
                at = text.find(ev.sentence)
                span = (at, at + len(ev.sentence)) if at >= 0 else None
        except ProxygraphError:
            span = None
    if span:
        body = [text[:span[0]], html.Mark(text[span[0]:span[1]], id="doc-span",
                                          className="pg-mark pg-span"), text[span[1]:]]
    else:
        body = [text]
    claims_here = ctx.store.claims(ClaimFilter(docs=(sha,)))
    return html.Div(className="pg-page", children=[
        html.H1(info.title or info.name),
        html.Dl(className="pg-facts-list", children=[
            _fact("file", info.name), _fact("publisher", info.publisher),
            _fact("published", info.published), _fact("source reliability", info.reliability),
            _fact("source URL", info.source_url), _fact("claims", str(len(claims_here))),
            _fact("sha256", info.sha256)]),
        html.Pre(body, className="pg-doc-text", id="doc-text"),
        dcc.Store(id="doc-scroll", data=bool(span)),
    ])


def register(app: dash.Dash, ctx: WebContext) -> None:
    app.clientside_callback(
        dash.ClientsideFunction(namespace="proxygraph", function_name="scrollToSpan"),
        Output("doc-scroll", "data"), Input("doc-scroll", "data"))

    @app.callback(Output("actor-msg", "children"), Output("revision", "data",
                                                          allow_duplicate=True),
                  Input("actor-alias-btn", "n_clicks"), Input("actor-merge-btn", "n_clicks"),
                  State("actor-alias", "value"), State("actor-merge", "value"),
                  State("actor-name", "data"), State("reviewer", "value"),
                  prevent_initial_call=True)
    def _overlay(_a: Any, _m: Any, alias: str | None, into: str | None, name: str,
                 reviewer: str | None) -> Any:
        by = (reviewer or ctx.reviewer).strip() or "analyst"
        try:
            if dash.ctx.triggered_id == "actor-alias-btn":
                if not alias or not alias.strip():
                    return html.Div("Type the alias first.", className="pg-error"), \
                        dash.no_update
                ctx.store.add_alias(name, alias.strip(), by=by)
                message = f"{alias.strip()!s} is now an alias of {name}."
            else:
                if not into or not into.strip():
                    return html.Div("Type the actor to merge into.", className="pg-error"), \
                        dash.no_update
                record = ctx.store.merge(name, into.strip(), by=by)
                message = (f"{name} merged into {into.strip()} (merge #{record.id}; "
                           "undo with `proxygraph actors split`).")
        except ProxygraphError as exc:
            return html.Div(str(exc), className="pg-error"), dash.no_update
        return html.Div(message, className="pg-ok"), ctx.changed()
