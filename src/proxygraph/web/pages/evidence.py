"""The evidence panel: the claims behind an edge or an actor, with review controls.

Reviews go through the store's review API (`ClaimStore.review`); each one bumps the
app's revision, which redraws the graph and the panel from the store.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Input, Output, State, dcc, html

from proxygraph.errors import ProxygraphError
from proxygraph.graph import Graph, GraphFilter
from proxygraph.store import ClaimFilter, StoredClaim
from proxygraph.store.review import CORRECTABLE
from proxygraph.web.context import WebContext
from proxygraph.web.views import COUNTABLE_STATUSES, claim_card, grade

MAX_CARDS = 60  # cards in one panel; the rest are counted and linked


def cards(ctx: WebContext, ids: list[str]) -> list[dict[str, Any]]:
    """Evidence cards for claim ids, in the order given (unknown ids are left out)."""
    if not ids:
        return []
    found: dict[str, StoredClaim] = {
        s.id: s for s in ctx.store.claims(ClaimFilter(ids=tuple(ids), include="all"))}
    return [claim_card(found[i], ctx.document_of(found[i])) for i in ids if i in found]


def sentence(card: dict[str, Any]) -> html.Blockquote:
    """The evidence sentence, the claim's own words marked (all as text, never HTML)."""
    return html.Blockquote(className="pg-sentence", children=[
        html.Mark(text, className=f"pg-mark pg-{role}", title=role) if role else text
        for text, role in card["segments"]])


def render_card(card: dict[str, Any], *, review: bool = True,
                history: list[Any] | None = None) -> html.Article:
    cid = card["id"]
    head = [
        html.Span(card["type"].replace("_", " ").lower(), className="pg-type",
                  **{"data-type": card["type"]}),
        dcc.Link(card["subject"], href=f"/actor/{card['subject_id']}", className="pg-actor"),
    ]
    if card["object"]:
        head += [html.Span(" → ", className="pg-arrow"),
                 dcc.Link(card["object"], href=f"/actor/{card['object_id']}",
                          className="pg-actor")]
    if card["via"]:
        head.append(html.Span(f" via {', '.join(card['via'])}", className="pg-muted"))
    facts = [
        html.Span(card["status"], className=f"pg-status pg-status-{card['status']}"),
        html.Span(f"certainty {card['certainty']}"),
        html.Span(f"grade {grade(card)}", title="source reliability A-F + information "
                  "credibility 1-6"),
        html.Span(f"review: {card['review']}" + (
            f" ({card['lifecycle']})" if card["lifecycle"] != "active" else ""),
            className=f"pg-review pg-review-{card['review']}"),
    ]
    if card["when"]:
        facts.append(html.Span(f"when {card['when']}"))
    if card["items"]:
        facts.append(html.Span(["items ", *[
            dcc.Link(name, href=f"/item/{iid}", className="pg-item") for name, iid in
            card["items"]]]))
    source = [html.Span(card["doc_title"], className="pg-doc-title")]
    if card["publisher"]:
        source.append(html.Span(f" · {card['publisher']}"))
    if card["published"]:
        source.append(html.Span(f" · {card['published']}"))
    source.append(html.Span(f" · source {card['doc_reliability']}"))
    if card["doc_sha"]:
        source.append(dcc.Link(" open document", href=f"/doc/{card['doc_sha']}?claim={cid}",
                               className="pg-doc-link"))
    body: list[Any] = [
        html.Div(head, className="pg-card-head"),
        html.Div(facts, className="pg-facts"),
        sentence(card),
        html.Div(source, className="pg-source"),
    ]
    if card["attribution"]:
        body.append(html.Div(f"attributed to: {'; '.join(card['attribution'])}",
                             className="pg-muted"))
    if review and card["lifecycle"] == "active":
        body.append(review_controls(cid))
    if history:
        body.append(html.Details([html.Summary(f"history ({len(history)})"),
                                  html.Ul(history, className="pg-history")],
                                 className="pg-history-box"))
    if card.get("found_by"):
        body.append(html.Div(f"found by: {card['found_by']}", className="pg-muted pg-found-by",
                             title="the extraction component that proposed this claim"))
    body.append(html.Div(cid, className="pg-claim-id"))
    return html.Article(body, className="pg-card", id={"role": "card", "claim": cid})


def review_controls(cid: str) -> html.Div:
    return html.Div(className="pg-review-controls", children=[
        html.Button("Accept", id={"role": "review", "action": "accept", "claim": cid},
                    className="pg-btn pg-btn-accept"),
        html.Button("Reject", id={"role": "review", "action": "reject", "claim": cid},
                    className="pg-btn pg-btn-reject"),
        html.Details(className="pg-correct", children=[
            html.Summary("Correct…"),
            dcc.Dropdown(id={"role": "correct-attr", "claim": cid},
                         options=[{"label": a, "value": a} for a in CORRECTABLE],
                         value="object", clearable=False, className="pg-correct-attr"),
            dcc.Input(id={"role": "correct-value", "claim": cid}, placeholder="new value",
                      className="pg-correct-value"),
            html.Button("Save correction",
                        id={"role": "review", "action": "correct", "claim": cid},
                        className="pg-btn"),
        ]),
    ])


def history_items(ctx: WebContext, cid: str) -> list[Any]:
    try:
        hist = ctx.store.history(cid)
    except ProxygraphError:
        return []
    out: list[Any] = []
    for r in hist.reviews:
        changes = ", ".join(f"{k}={v}" for k, v in (r.changes or {}).items())
        out.append(html.Li(f"{r.at[:19].replace('T', ' ')}  {r.action} by {r.reviewer}"
                           + (f" ({changes})" if changes else "")
                           + (f": {r.note}" if r.note else "")))
    return out


def card_list(ctx: WebContext, ids: list[str], *, review: bool = True) -> list[Any]:
    shown = cards(ctx, ids[:MAX_CARDS])
    out: list[Any] = [render_card(c, review=review, history=history_items(ctx, c["id"]))
                      for c in shown]
    if len(ids) > MAX_CARDS:
        out.append(html.Div(f"… and {len(ids) - MAX_CARDS} more claims (see the claims "
                            "table)", className="pg-muted"))
    return out


def edge_panel(ctx: WebContext, graph: Graph, edge_id: str) -> list[Any]:
    source, ctype, target = (edge_id.split("|") + ["", "", ""])[:3]
    if ctype == "*":  # an aggregated pair: every typed edge between the two
        edges = [e for e in graph.edge_list() if {e.source, e.target} == {source, target}]
    else:
        edges = [e for e in graph.edge_list() if (e.source, e.type, e.target) ==
                 (source, ctype, target)]
    if not edges:
        return [html.Div("This edge is not in the current selection (filters or a review "
                         "changed it).", className="pg-muted")]
    reports = sorted({c for e in edges for c in e.claim_ids})
    denials = sorted({d.id for e in edges for d in e.denials})
    # Publishers as the documents name them (the cards show the same ones).
    publishers = sorted({doc.publisher for s in ctx.store.claims(ClaimFilter(
        ids=tuple(reports), include="all")) if (doc := ctx.document_of(s)) and doc.publisher})
    e0 = edges[0]
    title = html.H2([
        dcc.Link(graph.name(e0.source), href=f"/actor/{e0.source}"),
        html.Span(f" {' / '.join(sorted({e.type for e in edges}))} ", className="pg-muted"),
        dcc.Link(graph.name(e0.target), href=f"/actor/{e0.target}")])
    stats = html.Div(className="pg-facts", children=[
        html.Span(f"{sum(e.count for e in edges)} statements"),
        html.Span(f"{len(set().union(*(e.sources for e in edges)))} independent sources"),
        html.Span("publishers: " + (", ".join(publishers) or "none named")),
    ])
    if denials:
        return [title, stats, html.Div(className="pg-conflict", children=[
            html.Div([html.H3(f"Reported ({len(reports)})"), *card_list(ctx, reports)],
                     className="pg-conflict-side"),
            html.Div([html.H3(f"Denied ({len(denials)})"), *card_list(ctx, denials)],
                     className="pg-conflict-side pg-denied"),
        ])]
    return [title, stats, *card_list(ctx, reports)]


def node_panel(ctx: WebContext, graph: Graph, node_id: str) -> list[Any]:
    ids = sorted((st for st in graph.statements.values() if node_id in st.participants()),
                 key=lambda st: (st.start or st.end or "9999", st.id))
    title = html.H2([dcc.Link(graph.name(node_id), href=f"/actor/{node_id}"),
                     html.Span(f"  {len(ids)} claims", className="pg-muted")])
    if not ids:
        return [title, html.Div("No claim of the current selection names this actor.",
                                className="pg-muted")]
    return [title, *card_list(ctx, [st.id for st in ids])]


def register(app: dash.Dash, ctx: WebContext) -> None:
    from proxygraph.web.pages.network import filter_values

    @app.callback(Output("evidence", "children"), Input("net-selection", "data"),
                  Input("revision", "data"), State("net-years", "value"),
                  State("net-types", "value"), State("net-status", "value"),
                  State("net-certainty", "value"), State("net-credibility", "value"),
                  State("net-flags", "value"), State("net-full", "data"))
    def _evidence(selection: Any, _rev: Any, years: Any, types: Any, statuses: Any,
                  certainty: Any, credibility: Any, flags: Any, full: Any) -> Any:
        if not selection:
            return dash.no_update
        try:
            flt = filter_values(years, full, types, statuses, certainty, credibility,
                                flags).graph_filter()
        except ProxygraphError:
            flt = GraphFilter(statuses=COUNTABLE_STATUSES)
        graph = ctx.graph(flt)
        if selection["kind"] == "edge":
            return edge_panel(ctx, graph, selection["id"])
        return node_panel(ctx, graph, selection["id"])

    @app.callback(Output("revision", "data", allow_duplicate=True),
                  Output("review-msg", "children"),
                  Input({"role": "review", "action": ALL, "claim": ALL}, "n_clicks"),
                  State({"role": "correct-attr", "claim": ALL}, "value"),
                  State({"role": "correct-value", "claim": ALL}, "value"),
                  State("reviewer", "value"), prevent_initial_call=True)
    def _review(clicks: list[Any], attrs: list[Any], values: list[Any],
                reviewer: str | None) -> Any:
        trigger = dash.ctx.triggered_id
        if not trigger or not any(clicks) or not dash.ctx.triggered[0].get("value"):
            return dash.no_update, dash.no_update
        cid, action = trigger["claim"], trigger["action"]
        changes = None
        if action == "correct":
            states = dash.ctx.states_list
            attr = _state_for(states[0], cid)
            value = _state_for(states[1], cid)
            if not attr or value is None or not str(value).strip():
                return dash.no_update, _msg("Give the attribute and its new value.", True)
            changes = {attr: str(value)}
        try:
            result = ctx.store.review(cid, action=action,
                                      reviewer=(reviewer or ctx.reviewer).strip() or "analyst",
                                      changes=changes)
        except ProxygraphError as exc:
            return dash.no_update, _msg(str(exc), True)
        rev = ctx.changed()
        done = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}[action]
        extra = f" (new version {result.id})" if action == "correct" else ""
        return rev, _msg(f"Claim {cid} {done}{extra}.")


def _state_for(states: list[dict[str, Any]], cid: str) -> Any:
    for s in states:
        if s["id"].get("claim") == cid:
            return s.get("value")
    return None


def _msg(text: str, error: bool = False) -> html.Div:
    return html.Div(text, className="pg-toast pg-toast-error" if error else "pg-toast")
