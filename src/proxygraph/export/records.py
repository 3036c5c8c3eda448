"""The three flat tables of an export (claims, nodes, edges): columns, types, rows.

One definition serves CSV, Parquet and docs/data-dictionary.md (a test checks the
dictionary names every column here). Lists are "; "-joined in CSV and list<string> in
Parquet; a missing value is an empty CSV cell and a Parquet null.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from proxygraph.export.source import DocumentRef
from proxygraph.graph.edges import EdgeAggregate
from proxygraph.graph.model import Graph, Node
from proxygraph.graph.network import StreamedNetwork
from proxygraph.model import Entity, TimeSpan
from proxygraph.store import StoredClaim

LIST_SEPARATOR = "; "
Network = Graph | StreamedNetwork  # the graph, or its edges aggregated while streaming


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string | int | float | bool | list


def _columns(spec: str) -> tuple[Column, ...]:
    out = []
    for word in spec.split():
        name, _, kind = word.partition(":")
        out.append(Column(name, kind or "string"))
    return tuple(out)


CLAIM_COLUMNS = _columns(
    "id type subject subject_id subject_kind object object_id object_kind "
    "items:list item_ids:list via:list via_ids:list route:list place:list "
    "date time_start time_end time_precision time_text quantity status certainty "
    "attribution:list note quote evidence_start:int evidence_end:int "
    "source publisher source_url published doc doc_name reliability credibility:int "
    "review_state lifecycle origin supersedes extractor_version extractor_component ontology")
NODE_COLUMNS = _columns(
    "id name kind country bloc resolved:bool edges_out:int edges_in:int claims:int")
EDGE_COLUMNS = _columns(
    "source source_name type target target_name symmetric:bool claims:int claim_ids:list "
    "corroboration:int publishers:list first last open_ended:bool items:list statuses "
    "conflict:bool denials:list best_certainty best_credibility:int best_reliability "
    "strength:float")
TABLES = {"claims": CLAIM_COLUMNS, "nodes": NODE_COLUMNS, "edges": EDGE_COLUMNS}


def date_text(time: TimeSpan | None) -> str | None:
    """A time span in the import's `date` syntax: 2023, 2023-03, 2023-03-01..2023-04-30,
    2023.. (still going), ..2023 (since whenever)."""
    if time is None or (time.start is None and time.end is None):
        return None
    width = {"year": 4, "month": 7}.get(time.precision, 10)
    start = (time.start or "")[:width]
    end = (time.end or "")[:width]
    return start if start == end else f"{start}..{end}"


def _names(entities: Iterable[Entity]) -> list[str]:
    return [e.name for e in entities]


def claim_record(stored: StoredClaim, doc: DocumentRef | None) -> dict[str, Any]:
    c = stored.claim
    obj = c.object
    q = c.quantity
    return {
        "id": c.id, "type": c.type, "subject": c.subject.name, "subject_id": c.subject.id,
        "subject_kind": c.subject.kind, "object": obj.name if obj else None,
        "object_id": obj.id if obj else None, "object_kind": obj.kind if obj else None,
        "items": _names(c.items), "item_ids": [i.id for i in c.items],
        "via": _names(c.via), "via_ids": [v.id for v in c.via], "route": list(c.route),
        "place": list(c.place), "date": date_text(c.time),
        "time_start": c.time.start if c.time else None,
        "time_end": c.time.end if c.time else None,
        "time_precision": c.time.precision if c.time else None,
        "time_text": c.time.text if c.time else None,
        "quantity": (q.text or str(q.value)) if q else None,
        "status": c.status, "certainty": c.certainty, "attribution": list(c.attribution),
        "note": c.note, "quote": c.evidence.sentence, "evidence_start": c.evidence.start,
        "evidence_end": c.evidence.end,
        "source": doc.label if doc else c.doc, "publisher": doc.publisher if doc else None,
        "source_url": doc.source_url if doc else None,
        "published": doc.published if doc else None,
        "doc": stored.document, "doc_name": c.doc, "reliability": stored.reliability,
        "credibility": stored.credibility, "review_state": stored.review_state,
        "lifecycle": stored.state, "origin": stored.origin, "supersedes": stored.supersedes,
        "extractor_version": str(c.extractor.get("version", "")),
        "extractor_component": c.extractor.get("component"), "ontology": c.ontology,
    }


class NodeTally:
    """The node rows of a network written in parts (one claim type at a time): each
    part's nodes, edges and claims are added, the rows come out at the end."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.edges_out: dict[str, int] = {}
        self.edges_in: dict[str, int] = {}
        self.claims: dict[str, int] = {}

    def add(self, graph: Network) -> NodeTally:
        self.nodes.update(graph.nodes)
        for e in graph.edges.values():
            self.edges_out[e.source] = self.edges_out.get(e.source, 0) + 1
            self.edges_in[e.target] = self.edges_in.get(e.target, 0) + 1
        for node, n in graph.claims_per_node().items():
            self.claims[node] = self.claims.get(node, 0) + n
        return self

    def records(self) -> Iterable[dict[str, Any]]:
        for node_id in sorted(self.nodes):
            yield {**self.nodes[node_id].to_dict(),
                   "edges_out": self.edges_out.get(node_id, 0),
                   "edges_in": self.edges_in.get(node_id, 0),
                   "claims": self.claims.get(node_id, 0)}


def node_records(graph: Network) -> Iterable[dict[str, Any]]:
    return NodeTally().add(graph).records()


def _counts(counter: dict[str, int]) -> str:
    return LIST_SEPARATOR.join(f"{k}={v}" for k, v in sorted(counter.items()))


def edge_record(edge: EdgeAggregate, graph: Network) -> dict[str, Any]:
    d = edge.to_dict(graph)
    return {**{k: d[k] for k in ("source", "source_name", "type", "target", "target_name",
                                 "symmetric", "corroboration", "publishers", "first",
                                 "last", "open_ended", "conflict", "denials",
                                 "best_certainty", "best_credibility", "best_reliability",
                                 "strength")},
            "claims": d["count"], "claim_ids": d["claims"],
            "items": list(d["items"]), "statuses": _counts(d["statuses"])}


def edge_records(graph: Network) -> Iterable[dict[str, Any]]:
    for edge in sorted(graph.edges.values(), key=lambda e: e.key):
        yield edge_record(edge, graph)
