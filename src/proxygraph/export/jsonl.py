"""JSON Lines export: one claim per line in the shape `proxygraph extract` writes.

Each line is `Claim.to_dict()` (what `extract` writes and the shared scorer reads) plus
what the store knows: `reliability`, `credibility`, `review` (as `claims --format jsonl`)
and `source`, the claim's document (content hash, name, title, publisher, url,
published, reliability) so that `proxygraph import` can put the claim back under the
same document with the same id.
"""

from __future__ import annotations

import json
from pathlib import Path

from proxygraph.export.files import atomic_file
from proxygraph.export.source import ExportSource


def write_jsonl(source: ExportSource, path: Path) -> dict[str, int]:
    n = 0
    with atomic_file(path) as out:
        for stored in source.claims():
            record = stored.to_dict()
            doc = source.document(stored)
            record["source"] = doc.to_dict() if doc else None
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return {"claims": n}
