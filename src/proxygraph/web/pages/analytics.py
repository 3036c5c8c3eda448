"""Analytics: supply paths drawn on the graph, brokers, and what-if removal before/after.

Every figure comes from `proxygraph.analyze` on a graph built by `proxygraph.graph`; this
page only lays the answers out.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_cytoscape as cyto
from dash import Input, Output, dcc, html

from proxygraph.analyze.brokers import ROLES, brokers
from proxygraph.analyze.paths import find_paths
from proxygraph.analyze.whatif import Removal, what_if
from proxygraph.errors import ProxygraphError
from proxygraph.graph import SUPPLY_TYPES, Graph, GraphFilter
from proxygraph.web.context import WebContext
from proxygraph.web.pages.network import cyto_layout
from proxygraph.web.views import STYLESHEET, network


def _supply(ctx: WebContext) -> Graph:
    return ctx.graph(GraphFilter(types=SUPPLY_TYPES))


def _actor_options(graph: Graph) -> list[dict[str, str]]:
    return sorted(({"label": graph.name(n), "value": n} for n in graph.nodes),
                  key=lambda o: o["label"].casefold())


def _cyto(id_: str, elements: list[dict[str, Any]], height: str = "460px") -> Any:
    return cyto.Cytoscape(id=id_, elements=elements, stylesheet=STYLESHEET,
                          layout=cyto_layout("cose"), className="pg-cyto-small",
                          style={"width": "100%", "height": height}, minZoom=0.2, maxZoom=3)


def layout(ctx: WebContext, query: dict[str, str]) -> html.Div:
    graph = _supply(ctx)
    options = _actor_options(graph)
    return html.Div(className="pg-page", children=[
        html.H1("Analytics"),
        html.P("Supply types only (arms, training, funding, intelligence, support), "
               "occurred and ongoing claims.", className="pg-muted"),
        dcc.Tabs(id="an-tabs", value=query.get("tab", "paths"), children=[
            dcc.Tab(label="Paths", value="paths", children=html.Div(
                className="pg-tab", children=[
                html.Div(className="pg-row", children=[
                    dcc.Dropdown(id="an-src", options=options, placeholder="from (sponsor)",
                                 value=query.get("from"), className="pg-grow"),
                    dcc.Dropdown(id="an-dst", options=options, placeholder="to (recipient)",
                                 value=query.get("to"), className="pg-grow"),
                    dcc.Dropdown(id="an-hops", options=[{"label": f"≤ {n} hops", "value": n}
                                                        for n in range(1, 7)],
                                 value=4, clearable=False, style={"width": "120px"}),
                    dcc.Checklist(id="an-timed", options=[{"label": "time-respecting",
                                                           "value": "t"}], value=[]),
                ]),
                html.Div(id="an-paths"),
            ])),
            dcc.Tab(label="Brokers", value="brokers", children=html.Div(
                className="pg-tab", children=_brokers_table(graph))),
            dcc.Tab(label="What-if", value="whatif", children=html.Div(
                className="pg-tab", children=[
                html.Div(className="pg-row", children=[
                    dcc.Dropdown(id="an-remove", options=options, multi=True,
                                 placeholder="remove actors", className="pg-grow",
                                 value=[query["remove"]] if query.get("remove") else None),
                    dcc.Checklist(id="an-only-named", options=[
                        {"label": "only the named actors (keep affiliated)", "value": "o"}],
                        value=[]),
                ]),
                html.Div(id="an-whatif"),
            ])),
        ]),
    ])


def _brokers_table(graph: Graph) -> Any:
    found = brokers(graph, SUPPLY_TYPES, limit=30)
    if not found:
        return html.Div("No broker in the current store.", className="pg-muted")
    return html.Table(className="pg-table", id="an-brokers", children=[
        html.Thead(html.Tr([html.Th(h) for h in ("actor", "bloc", "betweenness", *ROLES,
                                                   "example")])),
        html.Tbody([html.Tr([
            html.Td(dcc.Link(graph.name(b.node), href=f"/actor/{b.node}")),
            html.Td(graph.name(graph.nodes[b.node].bloc) if b.node in graph.nodes else ""),
            html.Td(f"{b.betweenness:.1f}"), *[html.Td(b.roles.get(r, 0)) for r in ROLES],
            html.Td(_example(graph, b))]) for b in found])])


def _example(graph: Graph, b: Any) -> str:
    for r in ROLES:
        if b.examples.get(r):
            a, c, _cin, _cout = b.examples[r][0]
            return f"{r}: {graph.name(a)} → {graph.name(b.node)} → {graph.name(c)}"
    return ""


def _path_elements(graph: Graph, node_sets: list[list[str]]) -> list[dict[str, Any]]:
    """The part of the graph the paths run through, with path nodes and hops marked."""
    nodes = {n for ns in node_sets for n in ns}
    sub = Graph(nodes={n: graph.nodes[n] for n in nodes if n in graph.nodes},
                edges={k: e for k, e in graph.edges.items()
                       if e.source in nodes and e.target in nodes},
                statements={}, settings=graph.settings, flt=graph.flt)
    elements = network(sub).elements
    hops = {(a, b) for ns in node_sets for a, b in zip(ns, ns[1:], strict=False)}
    best = set(zip(node_sets[0], node_sets[0][1:], strict=False)) if node_sets else set()
    for el in elements:
        d = el["data"]
        if "source" in d and ((d["source"], d["target"]) in hops):
            el["classes"] = (el.get("classes", "") + " on-path").strip()
            if (d["source"], d["target"]) in best:
                el["classes"] += " best"
        elif "source" not in d and d["id"] in (node_sets[0] if node_sets else ()):
            el["classes"] = (el.get("classes", "") + " on-path").strip()
    return elements


def register(app: dash.Dash, ctx: WebContext) -> None:
    @app.callback(Output("an-paths", "children"), Input("an-src", "value"),
                  Input("an-dst", "value"), Input("an-hops", "value"),
                  Input("an-timed", "value"), Input("revision", "data"))
    def _paths(src: str | None, dst: str | None, hops: int, timed: list[str] | None,
               _rev: Any) -> Any:
        if not src or not dst:
            return html.Div("Choose a sponsor and a recipient.", className="pg-muted")
        graph = _supply(ctx)
        try:
            result = find_paths(graph, src, dst, types=SUPPLY_TYPES, max_hops=hops or 4,
                                time_respecting=bool(timed), limit=10)
        except ProxygraphError as exc:
            return html.Div(str(exc), className="pg-error")
        if not result.paths:
            return html.Div(f"No supply path from {graph.name(src)} to {graph.name(dst)} "
                            f"within {hops} hops.", className="pg-muted")
        rows = [html.Tr([
            html.Td(str(i)), html.Td(" → ".join(graph.name(n) for n in p.nodes)),
            html.Td(f"{p.score:.3f}"),
            html.Td(", ".join(sorted({t for h in p.hops for e in h.edges for t in [e.type]}))),
            html.Td(" ".join(p.claim_ids), className="pg-ids")])
            for i, p in enumerate(result.paths, 1)]
        return [
            html.Div(f"{result.found} path(s); the strongest in pink."
                     + (" (search stopped at its limit)" if result.truncated else ""),
                     className="pg-muted", id="an-paths-count"),
            _cyto("an-path-graph", _path_elements(graph, [p.nodes for p in result.paths])),
            html.Table(className="pg-table", children=[
                html.Thead(html.Tr([html.Th(h) for h in ("#", "path", "strength", "types",
                                                          "claims")])),
                html.Tbody(rows)])]

    @app.callback(Output("an-whatif", "children"), Input("an-remove", "value"),
                  Input("an-only-named", "value"), Input("revision", "data"))
    def _whatif(remove: list[str] | None, only_named: list[str] | None, _rev: Any) -> Any:
        if not remove:
            return html.Div("Choose actors to take out of the network.", className="pg-muted")
        graph = _supply(ctx)
        try:
            result = what_if(graph, Removal(actors=tuple(remove),
                                            with_affiliated=not only_named))
        except ProxygraphError as exc:
            return html.Div(str(exc), className="pg-error")
        b, a = result.before, result.after
        numbers = html.Table(className="pg-table pg-narrow", children=[
            html.Thead(html.Tr([html.Th(""), html.Th("before"), html.Th("after")])),
            html.Tbody([html.Tr([html.Td(label), html.Td(getattr(b, k)),
                                 html.Td(getattr(a, k))]) for k, label in (
                ("nodes", "actors"), ("edges", "edges"), ("statements", "claims"),
                ("recipients", "recipients supplied"),
                ("pairs", "sponsor–recipient pairs"))])])
        affected = html.Table(className="pg-table", children=[
            html.Thead(html.Tr([html.Th(h) for h in ("recipient", "loses every path",
                                                      "sponsors before", "after",
                                                      "still through")])),
            html.Tbody([html.Tr([
                html.Td(graph.name(x.recipient)), html.Td("yes" if x.lost_all else ""),
                html.Td(", ".join(graph.name(s) for s in x.sponsors_before)),
                html.Td(", ".join(graph.name(s) for s in x.sponsors_after)),
                html.Td(", ".join(graph.name(n) for n in x.through))])
                for x in result.affected] or [html.Tr(html.Td(
                    "no recipient loses a sponsor or a direct supplier", colSpan=5))])])
        removed = ", ".join(graph.name(n) for n in result.removed_actors)
        return [
            html.Div(f"Removed: {removed}; {len(result.dropped_claims)} claims set aside.",
                     className="pg-muted"),
            html.Div(className="pg-two", children=[
                html.Div([html.H3("Before"), _cyto("an-before", network(graph).elements)]),
                html.Div([html.H3("After"),
                          _cyto("an-after", network(result.after_graph).elements)])]),
            html.Div(className="pg-two", children=[
                html.Div([html.H3("Counts"), numbers]),
                html.Div([html.H3("Recipients affected"), affected])]),
        ]
