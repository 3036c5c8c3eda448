"""Network exports for Gephi (GEXF 1.3, dynamic) and networkx/igraph (GraphML, typed).

Both are written from the network of the selection with the node and edge columns of the
data dictionary (`records.NODE_COLUMNS`, `EDGE_COLUMNS`): nodes are actors, edges
(subject, type, object) with the claims behind them. The network is aggregated one claim
type at a time (`ExportSource.networks`); edges go to a temporary file while the nodes,
which both formats put first, are tallied. In GEXF each edge
carries spells, the merged time spans of its claims, so Gephi's timeline shows when a
relation held; an edge with an undated claim has none (it holds at an unknown time, so
it is shown throughout). Lists are "; "-joined strings; a missing value is left out.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from proxygraph.export.files import atomic_file
from proxygraph.export.records import (
    EDGE_COLUMNS,
    LIST_SEPARATOR,
    NODE_COLUMNS,
    Column,
    Network,
    NodeTally,
    edge_records,
)
from proxygraph.export.source import ExportSource
from proxygraph.graph.edges import EdgeAggregate

# Characters XML 1.0 cannot carry at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ENDPOINTS = ("id", "source", "target")
NODE_ATTRIBUTES = tuple(c for c in NODE_COLUMNS if c.name not in _ENDPOINTS)
EDGE_ATTRIBUTES = tuple(c for c in EDGE_COLUMNS if c.name not in _ENDPOINTS)
GRAPHML_TYPES = {"string": "string", "list": "string", "int": "long", "float": "double",
                 "bool": "boolean"}
GEXF_TYPES = {"string": "string", "list": "string", "int": "long", "float": "double",
              "bool": "boolean"}


def _text(value: Any, column: Column) -> str:
    if column.type == "list":
        value = LIST_SEPARATOR.join(str(v) for v in value)
    elif column.type == "bool":
        value = "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _present(row: dict[str, Any], columns: Iterable[Column]) -> Iterable[tuple[Column, str]]:
    for c in columns:
        value = row.get(c.name)
        if value is not None and not (c.type == "list" and not value):
            yield c, _text(value, c)


# --- GraphML ----------------------------------------------------------------------------

def write_graphml(source: ExportSource, path: Path) -> dict[str, int]:
    nodes = NodeTally()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        edges = _spool_edges(source, nodes, spool, _graphml_edge)
        with atomic_file(path) as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                      'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
            for scope, columns in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
                for c in columns:
                    out.write(f'  <key id="{scope[0]}_{c.name}" for="{scope}" '
                              f'attr.name="{c.name}" attr.type="{GRAPHML_TYPES[c.type]}"/>\n')
            out.write('  <graph id="proxygraph" edgedefault="directed">\n')
            for row in nodes.records():
                out.write(f'    <node id={quoteattr(_text(row["id"], NODE_COLUMNS[0]))}>')
                _graphml_data(out, "n", row, NODE_ATTRIBUTES)
                out.write("</node>\n")
            spool.seek(0)
            shutil.copyfileobj(spool, out)
            out.write("  </graph>\n</graphml>\n")
    return {"nodes": len(nodes.nodes), "edges": edges}


def _graphml_edge(out: IO[str], i: int, row: dict[str, Any], edge: EdgeAggregate) -> None:
    out.write(f'    <edge id="e{i}" source={quoteattr(row["source"])} '
              f'target={quoteattr(row["target"])}>')
    _graphml_data(out, "e", row, EDGE_ATTRIBUTES)
    out.write("</edge>\n")


def _spool_edges(source: ExportSource, nodes: NodeTally, spool: IO[str],
                 write: Callable[[IO[str], int, dict[str, Any], EdgeAggregate], None]) -> int:
    """Write the edges, one claim type at a time (`ExportSource.networks`), to `spool`
    while the nodes, which the formats put first, are tallied; returns the edges."""
    n = 0
    for network in source.networks():
        nodes.add(network)
        for row, edge in _edges_with_rows(network):
            write(spool, n, row, edge)
            n += 1
        del network  # free this type's edges before the next is aggregated
    return n


def _graphml_data(out: IO[str], prefix: str, row: dict[str, Any],
                  columns: Iterable[Column]) -> None:
    for c, text in _present(row, columns):
        out.write(f'<data key="{prefix}_{c.name}">{escape(text)}</data>')


# --- GEXF 1.3 ---------------------------------------------------------------------------

def write_gexf(source: ExportSource, path: Path) -> dict[str, int]:
    nodes = NodeTally()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        edges = _spool_edges(source, nodes, spool, _gexf_edge)
        with atomic_file(path) as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<gexf xmlns="http://gexf.net/1.3" '
                      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                      'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" '
                      'version="1.3">\n'
                      '  <meta><creator>proxygraph</creator><description>actors and the '
                      'claims between them; edges carry the time spans of their claims'
                      '</description></meta>\n'
                      '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">\n')
            for scope, columns in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
                out.write(f'    <attributes class="{scope}" mode="static">\n')
                for c in columns:
                    out.write(f'      <attribute id="{c.name}" title="{c.name}" '
                              f'type="{GEXF_TYPES[c.type]}"/>\n')
                out.write("    </attributes>\n")
            out.write("    <nodes>\n")
            for row in nodes.records():
                out.write(f'      <node id={quoteattr(_text(row["id"], NODE_COLUMNS[0]))} '
                          f'label={quoteattr(_text(row["name"], NODE_COLUMNS[1]))}>')
                _gexf_values(out, row, NODE_ATTRIBUTES)
                out.write("</node>\n")
            out.write("    </nodes>\n    <edges>\n")
            spool.seek(0)
            shutil.copyfileobj(spool, out)
            out.write("    </edges>\n  </graph>\n</gexf>\n")
    return {"nodes": len(nodes.nodes), "edges": edges}


def _gexf_edge(out: IO[str], i: int, row: dict[str, Any], edge: EdgeAggregate) -> None:
    out.write(f'      <edge id="{i}" source={quoteattr(row["source"])} '
              f'target={quoteattr(row["target"])} label={quoteattr(row["type"])} '
              f'weight="{row["strength"]}">')
    _gexf_values(out, row, EDGE_ATTRIBUTES)
    _gexf_spells(out, edge.spells)
    out.write("</edge>\n")


def _edges_with_rows(graph: Network) -> Iterable[tuple[dict[str, Any], EdgeAggregate]]:
    ordered = sorted(graph.edges.values(), key=lambda e: e.key)
    return zip(edge_records(graph), ordered, strict=True)


def _gexf_values(out: IO[str], row: dict[str, Any], columns: Iterable[Column]) -> None:
    values = "".join(f'<attvalue for="{c.name}" value={quoteattr(text)}/>'
                     for c, text in _present(row, columns))
    if values:
        out.write(f"<attvalues>{values}</attvalues>")


def _gexf_spells(out: IO[str], found: list[tuple[str | None, str | None]]) -> None:
    if not found:
        return
    out.write("<spells>")
    for start, end in found:
        out.write("<spell" + (f' start="{start}"' if start else "")
                  + (f' end="{end}"' if end else "") + "/>")
    out.write("</spells>")
