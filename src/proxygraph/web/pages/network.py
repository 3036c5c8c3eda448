"""The network page: filters on the left, the graph in the middle, evidence on the right."""

from __future__ import annotations

from typing import Any

import dash
import dash_cytoscape as cyto
from dash import Input, Output, State, dcc, html

from proxygraph.errors import ProxygraphError
from proxygraph.graph import GraphFilter, Merges, resolve_name
from proxygraph.ontology import ONTOLOGY
from proxygraph.web.context import WebContext
from proxygraph.web.views import (
    COUNTABLE_STATUSES,
    STYLESHEET,
    TYPE_COLORS,
    FilterValues,
    network,
    year_bounds,
)

LAYOUTS = ("cose", "concentric", "circle", "breadthfirst", "grid")
CERTAINTIES = (("any", ""), ("low or better", "low"), ("medium or better", "medium"),
               ("high only", "high"))


def cyto_layout(name: str) -> dict[str, Any]:
    if name == "cose":
        return {"name": "cose", "animate": False, "nodeRepulsion": 60000,
                "idealEdgeLength": 120, "edgeElasticity": 80, "gravity": 0.6,
                "nodeOverlap": 40, "componentSpacing": 80, "randomize": False,
                "numIter": 1500, "padding": 20}
    return {"name": name, "animate": False}


def bounds(ctx: WebContext) -> tuple[int, int]:
    every = ctx.graph(GraphFilter(statuses=COUNTABLE_STATUSES))
    return year_bounds(every) or (2000, 2025)


def filter_values(years: Any, full: Any, types: Any, statuses: Any, certainty: Any,
                  credibility: Any, flags: Any) -> FilterValues:
    flags = flags or []
    return FilterValues(years=years, full_range=full, types=types or (),
                        statuses=statuses or ("occurred", "ongoing"),
                        certainty=certainty or None,
                        credibility=credibility if credibility and credibility < 6 else None,
                        reviewed_only="reviewed" in flags, undated="undated" in flags)


def _legend() -> html.Div:
    return html.Div(className="pg-legend", children=[
        html.Span(className="pg-legend-item", children=[
            html.Span(className="pg-swatch", style={"background": color}),
            t.replace("_", " ").lower()]) for t, color in TYPE_COLORS.items()])


def layout(ctx: WebContext, query: dict[str, str]) -> html.Div:
    lo, hi = bounds(ctx)
    values = FilterValues(years=[lo, hi], full_range=[lo, hi])
    graph = ctx.graph(values.graph_filter())
    net = network(graph)
    marks = {y: str(y) for y in range(lo, hi + 1) if (y - lo) % max(1, (hi - lo) // 6) == 0
             or y == hi}
    return html.Div(className="pg-network", children=[
        html.Aside(className="pg-filters", children=[
            html.H3("Find an actor"),
            html.Div(className="pg-row", children=[
                dcc.Input(id="net-find", placeholder="name or alias", debounce=True,
                          type="search", className="pg-grow"),
            ]),
            html.Div(id="net-find-msg", className="pg-muted"),
            html.H3("Time window"),
            dcc.RangeSlider(id="net-years", min=lo, max=hi, step=1, value=[lo, hi],
                            marks=marks, allowCross=False,
                            tooltip={"placement": "bottom"}),
            dcc.Store(id="net-full", data=[lo, hi]),
            html.H3("Claim types"),
            dcc.Dropdown(id="net-types", options=[
                {"label": t.replace("_", " ").lower(), "value": t}
                for t in ONTOLOGY.claim_types], multi=True, placeholder="all types"),
            html.H3("Status counted"),
            dcc.Checklist(id="net-status", options=[
                {"label": s, "value": s} for s in COUNTABLE_STATUSES],
                value=["occurred", "ongoing"], inline=True, className="pg-checks"),
            html.H3("Minimum certainty"),
            dcc.Dropdown(id="net-certainty", options=[
                {"label": label, "value": v} for label, v in CERTAINTIES], value="",
                clearable=False),
            html.H3("Credibility (1 best – 6)"),
            dcc.Slider(id="net-credibility", min=1, max=6, step=1, value=6,
                       marks={i: str(i) for i in range(1, 7)}),
            dcc.Checklist(id="net-flags", options=[
                {"label": "reviewed claims only", "value": "reviewed"},
                {"label": "keep undated claims in a window", "value": "undated"}],
                value=["undated"], className="pg-checks"),
            html.H3("Layout"),
            dcc.Dropdown(id="net-layout", options=[{"label": n, "value": n} for n in LAYOUTS],
                         value="cose", clearable=False),
            _legend(),
        ]),
        html.Section(className="pg-canvas", children=[
            html.Div(id="net-summary", className="pg-summary", children=_summary(net, graph)),
            cyto.Cytoscape(id="net-graph", elements=net.elements, stylesheet=STYLESHEET,
                           layout=cyto_layout("cose"), className="pg-cyto",
                           style={"width": "100%", "height": "100%"},
                           minZoom=0.15, maxZoom=3, boxSelectionEnabled=False),
        ]),
        html.Aside(className="pg-evidence", children=[
            dcc.Store(id="net-selection", data=_initial_selection(query)),
            html.Div(id="evidence", children=html.Div(
                className="pg-muted pg-hint",
                children="Click an edge or an actor to see the claims behind it.")),
        ]),
    ])


def focus_rules(selection: dict[str, str] | None) -> list[dict[str, Any]]:
    """Extra style for the selected actor or edge (no re-layout, unlike new elements)."""
    if not selection or not selection.get("id"):
        return []
    ident = selection["id"].replace("\\", "\\\\").replace('"', '\\"')
    if selection.get("kind") == "node":
        return [{"selector": f'node[id = "{ident}"]',
                 "style": {"border-width": 5, "border-color": "#ffb300"}}]
    return [{"selector": f'edge[id = "{ident}"]',
             "style": {"opacity": 1, "width": 7, "line-color": "#111",
                       "target-arrow-color": "#111"}}]


def _initial_selection(query: dict[str, str]) -> dict[str, str] | None:
    if query.get("actor"):
        return {"kind": "node", "id": query["actor"]}
    return None


def _summary(net: Any, graph: Any) -> list[Any]:
    actors = len({e["data"]["source"] for e in net.elements if "source" in e["data"]}
                 | {e["data"]["target"] for e in net.elements if "source" in e["data"]})
    text = (f"{actors} actors, {net.edges_shown:,} edges from "
            f"{len(graph.statements):,} claims")
    if graph.disputed:
        n = len(graph.disputed)
        text += (f"; {n} denial with no report beside it" if n == 1 else
                 f"; {n} denials with no report beside them")
    out: list[Any] = [html.Span(text, id="net-counts")]
    if net.note:
        out.append(html.Span(net.note, className="pg-warning", id="net-note"))
    return out


def register(app: dash.Dash, ctx: WebContext) -> None:
    @app.callback(Output("net-graph", "elements"), Output("net-summary", "children"),
                  Input("net-years", "value"), Input("net-types", "value"),
                  Input("net-status", "value"), Input("net-certainty", "value"),
                  Input("net-credibility", "value"), Input("net-flags", "value"),
                  Input("revision", "data"), State("net-full", "data"),
                  prevent_initial_call=True)
    def _elements(years: Any, types: Any, statuses: Any, certainty: Any, credibility: Any,
                  flags: Any, _rev: Any, full: Any) -> Any:
        try:
            values = filter_values(years, full, types, statuses, certainty, credibility,
                                   flags)
            graph = ctx.graph(values.graph_filter())
        except ProxygraphError as exc:
            return dash.no_update, html.Span(str(exc), className="pg-error")
        net = network(graph)
        return net.elements, _summary(net, graph)

    @app.callback(Output("net-graph", "stylesheet"), Input("net-selection", "data"))
    def _focus(selection: Any) -> list[dict[str, Any]]:
        return STYLESHEET + focus_rules(selection)

    @app.callback(Output("net-graph", "layout"), Input("net-layout", "value"),
                  prevent_initial_call=True)
    def _layout(name: str) -> dict[str, Any]:
        return cyto_layout(name or "cose")

    @app.callback(Output("net-selection", "data"), Output("net-find-msg", "children"),
                  Input("net-graph", "tapEdgeData"), Input("net-graph", "tapNodeData"),
                  Input("net-find", "value"), prevent_initial_call=True)
    def _select(edge: Any, node: Any, find: str | None) -> Any:
        trigger = dash.ctx.triggered_id
        prop = dash.ctx.triggered[0]["prop_id"] if dash.ctx.triggered else ""
        if trigger == "net-find":
            if not find or not find.strip():
                return dash.no_update, ""
            graph = ctx.graph(GraphFilter(statuses=COUNTABLE_STATUSES))
            try:
                merges = Merges.from_records(ctx.store.merges())
                found = resolve_name(find.strip(), ctx.store, merges,
                                     {n: node.name for n, node in graph.nodes.items()})
            except ProxygraphError as exc:
                return dash.no_update, str(exc)
            return {"kind": "node", "id": found}, f"found {graph.name(found)}"
        if prop.endswith("tapEdgeData") and edge:
            return {"kind": "edge", "id": edge["id"]}, ""
        if prop.endswith("tapNodeData") and node:
            return {"kind": "node", "id": node["id"]}, ""
        return dash.no_update, dash.no_update
