"""Exports for the tools analysts already use: STIX 2.1, GEXF, GraphML, CSV, Parquet, JSONL.

    from proxygraph.export import Selection, export
    from proxygraph.store import ClaimFilter, open_store

    with open_store("sqlite:///proxygraph.db", create=False) as store:
        counts = export(store, "gexf", Path("net.gexf"),
                        Selection(claims=ClaimFilter(types=("ARMS_TRANSFER",))))

Every format reads the store through `ExportSource` (claims streamed, the network from
`proxygraph.graph`), writes its files atomically and returns what it wrote, by kind.
Columns and mappings are documented in docs/data-dictionary.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from proxygraph.errors import ValidationError
from proxygraph.export.source import DocumentRef, ExportSource, Selection

FORMATS = ("stix", "gexf", "graphml", "csv", "parquet", "jsonl")
FOLDER_FORMATS = ("csv", "parquet")  # write nodes, edges and claims files into a folder


def _writer(fmt: str) -> Callable[[ExportSource, Path], dict[str, int]]:
    # Imported on demand: stix2 and pyarrow take a while to load.
    if fmt == "stix":
        from proxygraph.export.stix import write_stix
        return write_stix
    if fmt in ("gexf", "graphml"):
        from proxygraph.export import graphs
        return graphs.write_gexf if fmt == "gexf" else graphs.write_graphml
    if fmt in FOLDER_FORMATS:
        from proxygraph.export import tables
        return tables.write_csv if fmt == "csv" else tables.write_parquet
    if fmt == "jsonl":
        from proxygraph.export.jsonl import write_jsonl
        return write_jsonl
    raise ValidationError(f"unknown export format {fmt!r} (expected one of "
                          f"{', '.join(FORMATS)})")


def export(store: Any, fmt: str, path: Path, selection: Selection | None = None
           ) -> dict[str, int]:
    """Write the selection of `store` in format `fmt` to `path` (a folder for csv and
    parquet, a file or "-" for the others); returns counts of what was written."""
    write = _writer(fmt)
    return write(ExportSource(store, selection), Path(path))


__all__ = ["FOLDER_FORMATS", "FORMATS", "DocumentRef", "ExportSource", "Selection", "export"]
