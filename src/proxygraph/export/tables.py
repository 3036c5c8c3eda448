"""CSV and Parquet exports: nodes, edges and claims as three files in one folder.

Claims are written as they stream from the store (CSV row by row, Parquet in row groups
of `BATCH` claims), so the claims file never holds the selection in memory; edges are
written one claim type at a time from the network of the selection (in order of type,
then source and target), nodes after them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from proxygraph.export.files import atomic_file, output_folder
from proxygraph.export.records import (
    CLAIM_COLUMNS,
    EDGE_COLUMNS,
    LIST_SEPARATOR,
    NODE_COLUMNS,
    Column,
    NodeTally,
    claim_record,
    edge_records,
)
from proxygraph.export.source import ExportSource
from proxygraph.spreadsheet import guarded

BATCH = 5000


def _csv_cell(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.type == "list":
        return guarded(LIST_SEPARATOR.join(str(v) for v in value))
    if column.type == "bool":
        return "true" if value else "false"
    if column.type == "string":
        return guarded(str(value))  # text from reports: never a formula (spreadsheet.py)
    return str(value)


def _write_csv(path: Path, columns: tuple[Column, ...], rows: Iterable[dict[str, Any]]
               ) -> int:
    n = 0
    with atomic_file(path) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c.name for c in columns])
        for row in rows:
            writer.writerow([_csv_cell(row.get(c.name), c) for c in columns])
            n += 1
    return n


def _claim_rows(source: ExportSource) -> Iterator[dict[str, Any]]:
    for stored in source.claims():
        yield claim_record(stored, source.document(stored))


def _edge_rows(source: ExportSource, nodes: NodeTally) -> Iterator[dict[str, Any]]:
    """Edge rows one claim type at a time (see `ExportSource.networks`), tallying nodes."""
    for network in source.networks():
        nodes.add(network)
        yield from edge_records(network)
        del network  # free this type's edges before the next is aggregated


def write_csv(source: ExportSource, folder: Path) -> dict[str, int]:
    """nodes.csv, edges.csv and claims.csv in `folder`; returns the rows of each."""
    folder = output_folder(folder)
    # The network first: its memory is freed before the claims file reads the documents.
    nodes = NodeTally()
    edges = _write_csv(folder / "edges.csv", EDGE_COLUMNS, _edge_rows(source, nodes))
    node_rows = _write_csv(folder / "nodes.csv", NODE_COLUMNS, nodes.records())
    claims = _write_csv(folder / "claims.csv", CLAIM_COLUMNS, _claim_rows(source))
    return {"claims": claims, "nodes": node_rows, "edges": edges}


def _arrow_schema(columns: tuple[Column, ...]) -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(),
             "bool": pa.bool_(), "list": pa.list_(pa.string())}
    return pa.schema([pa.field(c.name, types[c.type]) for c in columns])


def _write_parquet(path: Path, columns: tuple[Column, ...], rows: Iterable[dict[str, Any]]
                   ) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(columns)
    n = 0
    with atomic_file(path, binary=True) as out, pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            batch.clear()

        for row in rows:
            batch.append({c.name: row.get(c.name) for c in columns})
            n += 1
            if len(batch) >= BATCH:
                flush()
        if batch or n == 0:
            flush()  # an empty selection still gets a file with its columns
    return n


def write_parquet(source: ExportSource, folder: Path) -> dict[str, int]:
    """nodes.parquet, edges.parquet and claims.parquet in `folder`."""
    folder = output_folder(folder)
    nodes = NodeTally()  # the network first, as in write_csv
    edges = _write_parquet(folder / "edges.parquet", EDGE_COLUMNS, _edge_rows(source, nodes))
    node_rows = _write_parquet(folder / "nodes.parquet", NODE_COLUMNS, nodes.records())
    claims = _write_parquet(folder / "claims.parquet", CLAIM_COLUMNS, _claim_rows(source))
    return {"claims": claims, "nodes": node_rows, "edges": edges}
