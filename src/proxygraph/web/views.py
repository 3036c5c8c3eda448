"""Library records shaped for the screen: graph elements, evidence cards, table rows.

No query or analysis happens here: graphs come from `proxygraph.graph`, claims from the
store's `ClaimFilter`, analyses from `proxygraph.analyze`. This module only turns their
results into the plain dicts Dash components take, and decides how much fits on screen.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from proxygraph.graph import Edge, Graph, GraphFilter
from proxygraph.ontology import ONTOLOGY
from proxygraph.store import DocumentInfo, StoredClaim

MAX_EDGES = 10_000  # above this the network is aggregated (then trimmed), and says so
COUNTABLE_STATUSES = ("occurred", "ongoing", "planned", "forecast")

TYPE_COLORS = {
    "ARMS_TRANSFER": "#d1495b", "TRAINING": "#edae49", "FUNDING": "#2e933c",
    "SUPPORT": "#00798c", "INTELLIGENCE": "#6a4c93", "RECRUITMENT": "#b5838d",
    "PRODUCTION": "#8d6a9f", "TRADE": "#3d5a80", "AGREEMENT": "#4d908e",
    "COORDINATION": "#577590", "CONTACT": "#90a4ae", "DEMAND": "#f9844a",
    "CLASH": "#222222", "INTEGRATION": "#43aa8b",
}
KIND_SHAPES = {
    "state": "round-rectangle", "state_organ": "hexagon", "armed_group": "ellipse",
    "pmc": "diamond", "person": "triangle", "organization": "round-tag",
    "collective": "ellipse",
}
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39")


def country_color(country: str | None) -> str:
    if not country:
        return "#b0bec5"
    return PALETTE[sum(map(ord, country)) % len(PALETTE)]


# --- filters --------------------------------------------------------------------------

@dataclass(frozen=True)
class FilterValues:
    """What the network page's controls hold, as the callbacks receive it."""

    years: Sequence[int] | None = None  # [first, last] of the slider
    full_range: Sequence[int] | None = None  # the slider's bounds: the whole range is no filter
    types: Sequence[str] = ()
    statuses: Sequence[str] = ("occurred", "ongoing")
    certainty: str | None = None
    credibility: int | None = None
    reviewed_only: bool = False
    undated: bool = True

    def graph_filter(self) -> GraphFilter:
        since = until = None
        if self.years and self.full_range and list(self.years) != list(self.full_range):
            since, until = str(int(self.years[0])), str(int(self.years[1]))
        return GraphFilter(
            since=since, until=until, types=tuple(self.types or ()),
            statuses=tuple(self.statuses or ()) or ("occurred", "ongoing"),
            min_certainty=self.certainty or None,
            max_credibility=int(self.credibility) if self.credibility else None,
            reviewed_only=bool(self.reviewed_only), undated=bool(self.undated))


def year_bounds(graph: Graph) -> tuple[int, int] | None:
    """First and last year any statement of the graph speaks about."""
    years = [int(d[:4]) for st in graph.statements.values() for d in (st.start, st.end) if d]
    return (min(years), max(years)) if years else None


# --- network --------------------------------------------------------------------------

def edge_id(edge: Edge) -> str:
    return f"{edge.source}|{edge.type}|{edge.target}"


def _width(count: int) -> float:
    return round(1.5 + 2.2 * math.log2(1 + count), 2)


@dataclass
class Network:
    elements: list[dict[str, Any]]
    edges_total: int
    edges_shown: int
    aggregated: bool
    note: str | None


def network(graph: Graph, *, max_edges: int = MAX_EDGES, focus: Iterable[str] = (),
            path_nodes: Sequence[str] = ()) -> Network:
    """Cytoscape elements for a graph: one node per actor, one edge per (subject, type,
    object) with width by statements and a label with statements/sources. Above
    `max_edges` the typed edges of a pair are merged into one, and if that is still too
    many the strongest pairs are kept; the note says so."""
    edges = sorted(graph.edge_list(), key=lambda e: (-e.corroboration, -e.count, e.key))
    total = len(edges)
    focus_set = set(focus)
    on_path = set(zip(path_nodes, path_nodes[1:], strict=False))
    items: list[dict[str, Any]] = []
    aggregated = total > max_edges
    note = None
    if aggregated:
        pairs: dict[tuple[str, str], list[Edge]] = {}
        for e in edges:
            pairs.setdefault(tuple(sorted((e.source, e.target))), []).append(e)  # type: ignore[arg-type]
        ranked = sorted(pairs.items(), key=lambda kv: (-sum(e.count for e in kv[1]), kv[0]))
        kept = ranked[:max_edges]
        for (a, b), group in kept:
            count = sum(e.count for e in group)
            sources = len(set().union(*(e.sources for e in group)))
            claims = sorted({c for e in group for c in e.claim_ids})
            main = max(group, key=lambda e: e.count)
            items.append({"data": {
                "id": f"{a}|*|{b}", "source": a, "target": b, "type": main.type,
                "types": sorted({e.type for e in group}), "count": count,
                "sources": sources, "claims": claims[:200], "label": f"{count}/{sources}",
                "width": _width(count), "color": TYPE_COLORS.get(main.type, "#999"),
                "conflict": any(e.conflict for e in group)},
                "classes": "aggregated"})
        note = (f"{total:,} edges are more than {max_edges:,}: the types between each pair "
                f"are merged ({len(pairs):,} pairs)"
                + (f" and the {max_edges:,} strongest pairs shown" if len(pairs) > max_edges
                   else "") + ".")
        shown_nodes = {n for (a, b), _ in kept for n in (a, b)}
    else:
        for e in edges:
            classes = ["conflict"] if e.conflict else []
            if e.symmetric:
                classes.append("symmetric")
            if (e.source, e.target) in on_path or (e.target, e.source) in on_path:
                classes.append("on-path")
            items.append({"data": {
                "id": edge_id(e), "source": e.source, "target": e.target, "type": e.type,
                "count": e.count, "sources": e.corroboration, "claims": e.claim_ids,
                "label": f"{e.count}/{e.corroboration}", "width": _width(e.count),
                "color": TYPE_COLORS.get(e.type, "#999"), "conflict": e.conflict},
                "classes": " ".join(classes)})
        shown_nodes = {n for e in edges for n in (e.source, e.target)}
    degree: dict[str, int] = {}
    for item in items:
        for end in (item["data"]["source"], item["data"]["target"]):
            degree[end] = degree.get(end, 0) + 1
    nodes = []
    for node_id in sorted(shown_nodes):
        node = graph.nodes.get(node_id)
        kind = node.kind if node else "collective"
        country = node.country if node else None
        classes = [kind]
        if node_id in focus_set:
            classes.append("focus")
        if node_id in path_nodes:
            classes.append("on-path")
        if node is not None and not node.resolved:
            classes.append("unresolved")
        nodes.append({"data": {
            "id": node_id, "label": graph.name(node_id), "kind": kind,
            "country": graph.name(country) if country else "",
            "shape": KIND_SHAPES.get(kind, "ellipse"), "color": country_color(country),
            "size": round(22 + 9 * math.sqrt(degree.get(node_id, 0)), 1)},
            "classes": " ".join(classes)})
    return Network(nodes + items, total, len(items), aggregated, note)


STYLESHEET: list[dict[str, Any]] = [
    {"selector": "node", "style": {
        "label": "data(label)", "shape": "data(shape)", "background-color": "data(color)",
        "width": "data(size)", "height": "data(size)", "font-size": 11,
        "text-valign": "bottom", "text-margin-y": 4, "color": "#263238",
        "text-background-color": "#ffffff", "text-background-opacity": 0.75,
        "text-background-padding": 1, "border-width": 1.5, "border-color": "#ffffff"}},
    {"selector": "node.unresolved", "style": {"border-style": "dashed",
                                             "border-color": "#607d8b"}},
    {"selector": "node.focus", "style": {"border-width": 5, "border-color": "#ffb300"}},
    {"selector": "node.on-path", "style": {"border-width": 5, "border-color": "#e91e63"}},
    {"selector": "node:selected", "style": {"border-width": 4, "border-color": "#111"}},
    {"selector": "edge", "style": {
        "width": "data(width)", "line-color": "data(color)",
        "target-arrow-color": "data(color)", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "opacity": 0.8, "label": "data(label)", "font-size": 8,
        "color": "#455a64", "text-rotation": "autorotate", "text-background-color": "#fff",
        "text-background-opacity": 0.8}},
    {"selector": "edge.symmetric", "style": {"target-arrow-shape": "none"}},
    {"selector": "edge.conflict", "style": {"line-style": "dashed"}},
    {"selector": "edge.on-path", "style": {"opacity": 1, "line-color": "#e91e63",
                                          "target-arrow-color": "#e91e63", "z-index": 9}},
    {"selector": "edge:selected", "style": {"opacity": 1, "line-color": "#111",
                                           "target-arrow-color": "#111"}},
]


# --- evidence -------------------------------------------------------------------------

def _terms(entity: dict[str, Any] | None) -> list[str]:
    if not entity:
        return []
    forms = [entity.get("name") or "", *(entity.get("aliases") or ())]
    return [f for f in forms if len(f) > 2]


def mark_segments(sentence: str, claim: dict[str, Any]) -> list[tuple[str, str | None]]:
    """The sentence cut into (text, role) pieces; role names the claim part the piece
    mentions (subject, object, via, item) or is None. The claim's own words, marked."""
    roles: list[tuple[str, str]] = []
    for role, entities in (("subject", [claim.get("subject")]),
                           ("object", [claim.get("object")]),
                           ("via", claim.get("via") or []), ("item", claim.get("items") or [])):
        for entity in entities:
            roles += [(t, role) for t in _terms(entity)]
    roles.sort(key=lambda tr: -len(tr[0]))
    taken = [None] * len(sentence)  # type: list[str | None]
    for term, role in roles:
        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", sentence, re.IGNORECASE):
            if all(taken[i] is None for i in range(m.start(), m.end())):
                for i in range(m.start(), m.end()):
                    taken[i] = role
    pieces: list[tuple[str, str | None]] = []
    for ch, role in zip(sentence, taken, strict=True):
        if pieces and pieces[-1][1] == role:
            pieces[-1] = (pieces[-1][0] + ch, role)
        else:
            pieces.append((ch, role))
    return pieces


def claim_card(stored: StoredClaim, doc: DocumentInfo | None) -> dict[str, Any]:
    """One claim as the evidence panel shows it."""
    data = stored.to_dict()
    time = data.get("time") or {}
    when = ""
    if time:
        start, end = time.get("start"), time.get("end")
        when = start or "" if start == end else f"{start or '…'} – {end or 'ongoing'}"
    return {
        "id": stored.id, "type": data["type"], "subject": data["subject"]["name"],
        "subject_id": data["subject"]["id"],
        "object": (data.get("object") or {}).get("name"),
        "object_id": (data.get("object") or {}).get("id"),
        "via": [v["name"] for v in data.get("via") or ()],
        "items": [(i["name"], i["id"]) for i in data.get("items") or ()],
        "status": data["status"], "certainty": data["certainty"],
        "attribution": list(data.get("attribution") or ()),
        "reliability": stored.reliability, "credibility": stored.credibility,
        "review": stored.review_state, "lifecycle": stored.state,
        "when": when, "time_text": time.get("text") if time else None,
        "sentence": data["evidence"]["sentence"],
        "segments": mark_segments(data["evidence"]["sentence"], data),
        "doc_sha": doc.sha256 if doc else None,
        "doc_title": (doc.title or doc.name) if doc else data["doc"],
        "publisher": doc.publisher if doc else None,
        "published": doc.published if doc else None,
        "doc_reliability": doc.reliability if doc else stored.reliability,
        "route": list(data.get("route") or ()), "place": list(data.get("place") or ()),
        # the extractor's component that proposed it: why the machine said so
        "found_by": (data.get("extractor") or {}).get("component"),
    }


def claim_type_names() -> list[str]:
    return list(ONTOLOGY.claim_types)


def grade(card: dict[str, Any]) -> str:
    return f"{card['reliability']}{card['credibility']}"
