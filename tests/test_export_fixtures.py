"""A small store for the exchange tests (export and import); no tests of its own.

Three documents, eight claims chosen to reach every branch of the exports: registry
actors of several kinds, an unresolved collective, an item, a via, a denial beside the
report it contradicts, a symmetric type, undated claims, a PRODUCTION with an item and
one with neither object nor item, a document without a publisher.
"""

from __future__ import annotations

from proxygraph.ids import claim_id, content_hash
from proxygraph.model import Claim, Document, Entity, Evidence, TimeSpan
from proxygraph.registry import default_registry
from proxygraph.store import SqlStore
from proxygraph.store.review import unresolved


def reg(entity_id: str) -> Entity:
    return default_registry().get(entity_id)


SYRIAN_FIGHTERS = unresolved("Syrian fighters")

DOC_A = Document(name="a.txt", text="report a", sha256=content_hash("report a"),
                 publisher="CNAS", reliability="B", title="Report A",
                 source_url="https://example.org/a", published="2024-03-01")
DOC_B = Document(name="b.txt", text="report b", sha256=content_hash("report b"),
                 publisher="Tasnim", reliability="E")
DOC_C = Document(name="c.txt", text="report c", sha256=content_hash("report c"))


def _claim(doc: Document, n: int, ctype: str, subject: Entity, obj: Entity | None,
           **attrs: object) -> Claim:
    sentence = f"Sentence {n}: {subject.name} {ctype} {obj.name if obj else ''}."
    return Claim(id=claim_id(doc.sha256, n * 100, ctype, subject.id, obj.id if obj else None,
                             "1"),
                 doc=doc.name, type=ctype, subject=subject, object=obj,
                 evidence=Evidence(sentence, n * 100, n * 100 + len(sentence)),
                 extractor={"name": "proxygraph-rules", "version": "1"}, **attrs)


def fixture_claims() -> dict[str, list[Claim]]:
    shahed = reg("shahed-136")
    return {
        DOC_A.sha256: [
            _claim(DOC_A, 1, "ARMS_TRANSFER", reg("iran"), reg("houthis"), items=(shahed,),
                   time=TimeSpan("early 2023", "2023-01-01", "2023-03-31", "month"),
                   route=("Red Sea",)),
            _claim(DOC_A, 2, "TRAINING", reg("iran"), reg("hezbollah"), certainty="medium",
                   time=TimeSpan("2022", "2022-01-01", "2022-12-31", "year")),
            _claim(DOC_A, 3, "PRODUCTION", reg("russia"), None, items=(shahed,),
                   time=TimeSpan("2023", "2023-01-01", "2023-12-31", "year")),
        ],
        DOC_B.sha256: [
            _claim(DOC_B, 1, "ARMS_TRANSFER", reg("iran"), reg("houthis"), status="denied",
                   time=TimeSpan("2023-02-10", "2023-02-10", "2023-02-10", "day")),
            _claim(DOC_B, 2, "CLASH", reg("houthis"), reg("israel")),
            _claim(DOC_B, 3, "SUPPORT", reg("iran"), SYRIAN_FIGHTERS),
            _claim(DOC_B, 4, "PRODUCTION", reg("iran"), None),
        ],
        DOC_C.sha256: [
            _claim(DOC_C, 1, "FUNDING", reg("iran"), reg("hezbollah"), certainty="low",
                   via=(reg("syria"),),
                   time=TimeSpan("2021", "2021-01-01", "2021-12-31", "year")),
        ],
    }


def fill(store: SqlStore) -> dict[str, list[Claim]]:
    """Store the three documents and their claims; returns the claims by document."""
    claims = fixture_claims()
    for doc in (DOC_A, DOC_B, DOC_C):
        store.add_document(doc, claims[doc.sha256], extractor_version="1")
    return claims
