"""The claim store over SQLAlchemy Core: SQLite (WAL, busy timeout) and PostgreSQL.

Every public method runs in one transaction; writes on SQLite take the write lock at
BEGIN, so concurrent writers queue instead of failing. Database errors leave as one-line
StoreErrors; nothing half-written is ever committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from alembic.util import CommandError
from sqlalchemy import Connection, func, select, text, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from proxygraph.credibility import source_key
from proxygraph.errors import NotFoundError, ProxygraphError, StoreError
from proxygraph.model import Claim, Document, Entity
from proxygraph.store import overlay as overlay_ops
from proxygraph.store import review as review_ops
from proxygraph.store.base import (
    AddResult,
    ClaimFilter,
    ClaimHistory,
    DocumentInfo,
    MergeRecord,
    ReextractResult,
    SourceInfo,
    StoredClaim,
    check_grade,
)
from proxygraph.store.checkpoint import Checkpointer
from proxygraph.store.engine import (
    SQLITE_CACHE_KIB,
    SQLITE_STREAM_CACHE_KIB,
    make_engine,
    migrate,
)
from proxygraph.store.grading import (
    Relation,
    grade_new,
    keys_of,
    keys_of_docs,
    keys_of_entities,
    regrade_keys,
)
from proxygraph.store.grading import explain as explain_grade
from proxygraph.store.overlay import Overlay, name_key
from proxygraph.store.query import check_names, select_claims
from proxygraph.store.rows import (
    claim_row,
    claim_source,
    insert_claims,
    now,
    stored_json,
    to_stored,
)
from proxygraph.store.schema import claims, documents, reviews, sources
from proxygraph.store.stats import maybe_analyze, missing_sqlite_file

if TYPE_CHECKING:
    from proxygraph.store.bulk import GradedDocument

T = TypeVar("T")
RETRIES = 5
_BATCH = 1000  # rows fetched at a time when streaming


_PG_WRITE_LOCK = 0x70677772  # any constant, distinct from the migration lock


class SqlStore:
    """A claim store in one SQL database; see `proxygraph.store.base.ClaimStore`."""

    def __init__(self, url: str, *, create: bool = True, streaming: bool = False) -> None:
        """Open the store at `url`, migrating it to the newest schema.

        With `create=False` (read commands) a store that does not exist yet is a
        StoreError instead of a new empty store. `streaming` is for a command that reads
        the store once through (an export): SQLite then keeps a small page cache.
        """
        self.url = url
        if not create and (missing := missing_sqlite_file(url)) is not None:
            raise StoreError(f"no store at {url} ({missing} does not exist; `proxygraph "
                             "ingest` creates one, or give --db)")
        self.engine = make_engine(url, sqlite_cache_kib=SQLITE_STREAM_CACHE_KIB if streaming
                                  else SQLITE_CACHE_KIB)
        self._checkpointer = Checkpointer.for_engine(self.engine)
        # A SQLite file's writes take their own pool, whose page cache is small while the
        # file is (see engine._cache_kib); reads keep the big cache their queries gain from.
        self.write_engine = self.engine
        if self._checkpointer is not None and not streaming:
            self.write_engine = make_engine(url, writer=True)
        self._guard(lambda: migrate(self.engine, create=create))

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- transactions -----------------------------------------------------------------

    def _guard(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except ProxygraphError:
            raise
        except (CommandError, SQLAlchemyError) as exc:
            raise self._store_error(exc) from None

    def _store_error(self, exc: CommandError | SQLAlchemyError) -> StoreError:
        """A database or migration failure as one line."""
        if isinstance(exc, CommandError):
            return StoreError(f"cannot migrate {self._label()}: {exc} (was it made by a newer "
                              "proxygraph?)")
        if isinstance(exc, DBAPIError):
            first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            return StoreError(f"{self._label()}: {first}")
        return StoreError(f"{self._label()}: {exc.__class__.__name__}: {exc}")

    def _label(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def _tx(self, write: bool) -> Iterator[Connection]:
        with (self.write_engine if write else self.engine).connect() as conn:
            conn.execution_options(write=write)
            with conn.begin():
                if write and conn.dialect.name == "postgresql":
                    # One writer at a time, as SQLite's BEGIN IMMEDIATE gives: credibility
                    # is graded from the other documents of a pair, and two concurrent
                    # writers would each grade without seeing the other's (write skew).
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})")
                yield conn

    def _read(self, fn: Callable[[Connection], T]) -> T:
        def run() -> T:
            with self._tx(write=False) as conn:
                return fn(conn)
        return self._guard(run)

    def _write(self, fn: Callable[[Connection], T]) -> T:
        def run() -> T:
            for attempt in range(RETRIES):
                try:
                    with self._tx(write=True) as conn:
                        result = fn(conn)
                    if self._checkpointer is not None:
                        self._checkpointer.nudge()
                    return result
                except DBAPIError as exc:
                    # PostgreSQL may abort one of two concurrent writers (deadlock or
                    # serialisation failure); the transaction rolled back, so run it again.
                    code = getattr(exc.orig, "sqlstate", None)
                    if code not in ("40P01", "40001") or attempt == RETRIES - 1:
                        raise
            raise AssertionError("unreachable")
        return self._guard(run)

    # --- documents and claims ---------------------------------------------------------

    def has_document(self, sha256: str) -> bool:
        return self._read(lambda conn: conn.execute(
            select(documents.c.sha256).where(documents.c.sha256 == sha256)).first() is not None)

    def add_document(self, doc: Document, claims_: Sequence[Claim], *, extractor_version: str,
                     grade_publisher: bool = False) -> AddResult:
        """Store a document and its claims in one transaction; a known text is a no-op.

        With `grade_publisher` the document's reliability becomes its publisher's grade;
        otherwise a publisher keeps the grade it has (and takes this one if it has none).
        """
        return self.add_documents([(doc, claims_)], extractor_version=extractor_version,
                                  grade_publisher=grade_publisher)[0]

    def add_documents(self, batch: Sequence[tuple[Document, Sequence[Claim]]], *,
                      extractor_version: str, grade_publisher: bool = False
                      ) -> list[AddResult]:
        """`add_document` for several documents in one transaction, graded once at the
        end (the grades are those of adding them one by one): a writer that receives
        documents faster than it commits them pays the fixed costs once per batch."""
        for doc, _ in batch:
            check_grade(doc.reliability)

        def run(conn: Connection) -> list[AddResult]:
            out = [_insert_document(conn, doc, claims_, extractor_version, grade_publisher)
                   for doc, claims_ in batch]
            grade_new(conn, Overlay.load(conn), [cid for _, ids in out for cid in ids])
            maybe_analyze(conn)
            return [result for result, _ in out]
        return self._write(run)

    def reextract_document(self, sha256: str, claims_: Sequence[Claim], *,
                           extractor_version: str) -> ReextractResult:
        """Add the new machine claims; retire old unreviewed machine claims not among them."""
        def run(conn: Connection) -> ReextractResult:
            doc = conn.execute(select(documents).where(documents.c.sha256 == sha256)).first()
            if doc is None:
                raise NotFoundError(f"no document {sha256}")
            grade = _effective_grade(conn, doc.publisher, doc.reliability)
            existing = {r.id for r in conn.execute(select(claims.c.id).where(
                claims.c.doc == sha256))}
            fresh = [c for c in {c.id: c for c in claims_}.values() if c.id not in existing]
            keep = {c.id for c in claims_}
            stale = [r.id for r in conn.execute(select(claims.c.id).where(
                claims.c.doc == sha256, claims.c.origin == "machine",
                claims.c.state == "active", claims.c.review_state == "unreviewed"))
                if r.id not in keep]
            at = now()
            source = claim_source(doc.publisher, sha256)
            insert_claims(conn, [(claim_row(c, doc=sha256, source=source, reliability=grade,
                                            at=at), c) for c in fresh])
            if stale:
                conn.execute(update(claims).where(claims.c.id.in_(stale)).values(
                    state="retired"))
            conn.execute(update(documents).where(documents.c.sha256 == sha256).values(
                extractor_version=extractor_version))
            overlay = Overlay.load(conn)
            regrade_keys(conn, overlay, keys_of(conn, [c.id for c in fresh] + stale, overlay))
            return ReextractResult(doc=sha256, added=len(fresh), retired=len(stale),
                                   name=doc.name, title=doc.title)
        return self._write(run)

    def documents(self) -> list[DocumentInfo]:
        def run(conn: Connection) -> list[DocumentInfo]:
            counts: dict[str, int] = {str(doc): int(n) for doc, n in conn.execute(
                select(claims.c.doc, func.count()).group_by(claims.c.doc))}
            grades = {r.key: r.reliability for r in conn.execute(select(sources))}
            out = []
            for r in conn.execute(select(documents).order_by(documents.c.ingested_at,
                                                             documents.c.sha256)):
                grade = grades.get(name_key(r.publisher), r.reliability) if r.publisher \
                    else r.reliability
                out.append(DocumentInfo(
                    sha256=r.sha256, name=r.name, media_type=r.media_type, title=r.title,
                    source_url=r.source_url, publisher=r.publisher, published=r.published,
                    language=r.language, reliability=grade,
                    extractor_version=r.extractor_version, ingested_at=r.ingested_at,
                    claims=int(counts.get(r.sha256, 0))))
            return out
        return self._read(run)

    def iter_documents(self) -> Iterator[DocumentInfo]:
        """Every document's metadata, streamed in content-hash order, without its text and
        without counting its claims (`claims` is 0): for a reader of every document (an
        export at 1M claims reads 125k), which `documents()` would hold in a list."""
        try:
            with self._tx(write=False) as conn:
                grades = {r.key: r.reliability for r in conn.execute(select(sources))}
                wanted = [c for c in documents.c if c.name != "text"]
                rows = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(
                    select(*wanted).order_by(documents.c.sha256))
                for r in rows:
                    grade = grades.get(name_key(r.publisher), r.reliability) if r.publisher \
                        else r.reliability
                    yield DocumentInfo(
                        sha256=r.sha256, name=r.name, media_type=r.media_type, title=r.title,
                        source_url=r.source_url, publisher=r.publisher,
                        published=r.published, language=r.language, reliability=grade,
                        extractor_version=r.extractor_version, ingested_at=r.ingested_at,
                        claims=0)
        except (CommandError, SQLAlchemyError) as exc:
            raise self._store_error(exc) from None

    def document_text(self, sha256: str) -> str:
        def run(conn: Connection) -> str:
            row = conn.execute(select(documents.c.text).where(
                documents.c.sha256 == sha256)).first()
            if row is None:
                raise NotFoundError(f"no document {sha256}")
            return str(row.text)
        return self._read(run)

    def claims(self, flt: ClaimFilter | None = None) -> list[StoredClaim]:
        """The claims the filter selects, in stored order (see `iter_claims` to stream)."""
        return list(self.iter_claims(flt))

    def iter_claims(self, flt: ClaimFilter | None = None) -> Iterator[StoredClaim]:
        """Stream the selected claims in stored order, in constant memory."""
        return (to_stored(row) for row in self._stream(flt or ClaimFilter()))

    def iter_claim_json(self, flt: ClaimFilter | None = None) -> Iterator[str]:
        """Stream the selected claims as JSON objects (`StoredClaim.to_dict`, keys sorted
        by the stored claim), without decoding them: the fast path of an export."""
        return (stored_json(row) for row in self._stream(flt or ClaimFilter()))

    def iter_claim_rows(self, flt: ClaimFilter | None = None) -> Iterator[Any]:
        """Stream the selected claims' rows undecoded (the `claims` columns; `data` is the
        claim's JSON as stored): for a reader that needs a few fields of many claims (the
        graph build), which `iter_claims` would decode and validate in full."""
        return self._stream(flt or ClaimFilter())

    def publisher_names(self) -> dict[str, str]:
        """Each graded publisher's name by the `source` its claims' rows carry ("pub:" and
        its key): what a reader of `iter_claim_rows` shows for a source, read from the
        small `sources` table instead of every document."""
        def run(conn: Connection) -> dict[str, str]:
            return {source_key(r.key, ""): r.name
                    for r in conn.execute(select(sources.c.key, sources.c.name))}
        return self._read(run)

    def check_names(self, flt: ClaimFilter) -> None:
        """NotFoundError for an actor or item of the filter that nothing knows, naming the
        closest known names (a typo would otherwise be an empty answer)."""
        self._read(lambda conn: check_names(conn, flt, Overlay.load(conn)))

    def grade_reasons(self, claim_id: str) -> list[Relation]:
        """The other claims of a claim's pair and what each does to its grade."""
        def run(conn: Connection) -> list[Relation]:
            if conn.execute(select(claims.c.id).where(claims.c.id == claim_id)).first() is None:
                raise NotFoundError(f"no claim {claim_id!r}")
            return explain_grade(conn, Overlay.load(conn), claim_id)
        return self._read(run)

    def explain(self, flt: ClaimFilter) -> list[str]:
        """The database's plan for the query of `flt` (see bench/store_queries.py)."""
        from proxygraph.store.stats import explain

        return self._read(lambda conn: explain(conn, select_claims(
            conn, flt, Overlay.load(conn))))

    def bulk_load(self, batches: Iterable[Sequence[GradedDocument]]) -> int:
        """Store prepared documents with their graded claims, one transaction per batch
        (see `proxygraph.store.bulk`), then refresh the planner's statistics."""
        from proxygraph.store.bulk import load_batch

        total = sum(self._write(lambda conn, b=batch: load_batch(conn, b))  # type: ignore[misc]
                    for batch in batches)
        self.analyze()
        return total

    def add_hand_coded(self, batch: Sequence[tuple[Document, Sequence[Claim]]], *,
                       reviewer: str, note: str | None = None) -> int:
        """Store hand-coded claims as reviewed, all in one transaction (`proxygraph import`).

        A document not stored yet is added (its publisher graded as `add_document` does);
        each claim not stored yet gets origin "hand", review state "accepted" and an
        accept review by `reviewer`, then is graded like a new claim. Claims whose id is
        stored already are left as they are. Returns the number of claims stored.
        """
        def run(conn: Connection) -> int:
            at = now()
            fresh: list[str] = []
            for doc, claims_ in batch:
                row = conn.execute(select(documents.c.publisher, documents.c.reliability).where(
                    documents.c.sha256 == doc.sha256)).first()
                if row is None:
                    check_grade(doc.reliability)
                    grade = _grade_publisher(conn, doc.publisher, doc.reliability,
                                             replace=False, at=at) if doc.publisher \
                        else doc.reliability
                    conn.execute(documents.insert().values(
                        sha256=doc.sha256, name=doc.name, media_type=doc.media_type,
                        title=doc.title, source_url=doc.source_url, publisher=doc.publisher,
                        published=doc.published, language=doc.language,
                        reliability=doc.reliability, extractor_version="hand",
                        ingested_at=at, text=doc.text))
                    publisher = doc.publisher
                else:
                    publisher = row.publisher
                    grade = _effective_grade(conn, row.publisher, row.reliability)
                unique = list({c.id: c for c in claims_}.values())
                known: set[str] = set()
                for start in range(0, len(unique), 500):
                    known |= {r.id for r in conn.execute(select(claims.c.id).where(
                        claims.c.id.in_([c.id for c in unique[start:start + 500]])))}
                new = [c for c in unique if c.id not in known]
                source = claim_source(publisher, doc.sha256)
                insert_claims(conn, [(claim_row(c, doc=doc.sha256, source=source,
                                                reliability=grade, origin="hand",
                                                review_state="accepted", at=at), c)
                                     for c in new])
                if new:
                    conn.execute(reviews.insert(), [
                        {"claim_id": c.id, "action": "accept", "reviewer": reviewer, "at": at,
                         "note": note, "changes": None, "result_claim_id": None} for c in new])
                fresh += [c.id for c in new]
            grade_new(conn, Overlay.load(conn), fresh)
            maybe_analyze(conn)
            return len(fresh)
        return self._write(run)

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after a bulk load)."""
        from proxygraph.store.stats import analyze

        self._write(analyze)

    def _stream(self, flt: ClaimFilter) -> Iterator[Any]:
        """Rows of the filter's query, fetched in batches inside one read transaction."""
        try:
            with self._tx(write=False) as conn:
                query = select_claims(conn, flt, Overlay.load(conn))
                if flt.limit is not None and flt.limit <= _BATCH:
                    # A page: fetched at once. A server-side cursor would make PostgreSQL
                    # plan for the first rows (cursor_tuple_fraction) and walk the order
                    # index even for a search that matches nothing.
                    yield from conn.execute(query)
                    return
                result = conn.execution_options(stream_results=True, yield_per=_BATCH) \
                    .execute(query)
                yield from result
        except (CommandError, SQLAlchemyError) as exc:
            raise self._store_error(exc) from None

    def claim(self, claim_id: str) -> StoredClaim:
        def run(conn: Connection) -> StoredClaim:
            row = conn.execute(select(claims).where(claims.c.id == claim_id)).first()
            if row is None:
                raise NotFoundError(f"no claim {claim_id!r}")
            return to_stored(row)
        return self._read(run)

    def history(self, claim_id: str) -> ClaimHistory:
        return self._read(lambda conn: review_ops.history(conn, claim_id))

    # --- review -----------------------------------------------------------------------

    def review(self, claim_id: str, *, action: str, reviewer: str, note: str | None = None,
               changes: dict[str, str] | None = None,
               credibility: int | None = None) -> StoredClaim:
        return self._write(lambda conn: review_ops.review(
            conn, claim_id, action=action, reviewer=reviewer, at=now(), note=note,
            changes=changes, credibility=credibility, overlay=Overlay.load(conn)))

    # --- sources ----------------------------------------------------------------------

    def sources(self) -> list[SourceInfo]:
        def run(conn: Connection) -> list[SourceInfo]:
            docs: dict[str, int] = {}
            names: dict[str, str] = {}
            for r in conn.execute(select(documents.c.publisher, func.count()).where(
                    documents.c.publisher.is_not(None)).group_by(documents.c.publisher)):
                docs[name_key(r[0])] = docs.get(name_key(r[0]), 0) + int(r[1])
                names.setdefault(name_key(r[0]), r[0])
            counts: dict[str, int] = {}
            query = select(documents.c.publisher, func.count()).join(
                claims, claims.c.doc == documents.c.sha256).group_by(documents.c.publisher)
            for r in conn.execute(query):
                if r[0]:
                    counts[name_key(r[0])] = counts.get(name_key(r[0]), 0) + int(r[1])
            out = [SourceInfo(name=r.name, reliability=r.reliability,
                              documents=docs.get(r.key, 0), claims=counts.get(r.key, 0),
                              updated_by=r.updated_by, updated_at=r.updated_at)
                   for r in conn.execute(select(sources))]
            return sorted(out, key=lambda s: s.name.casefold())
        return self._read(run)

    def set_reliability(self, publisher: str, grade: str, *,
                        reviewer: str | None = None) -> SourceInfo:
        """Grade a publisher (matched case-insensitively) and every claim of its documents."""
        grade = check_grade(grade)

        def run(conn: Connection) -> None:
            key = name_key(publisher)
            if conn.execute(select(sources.c.key).where(sources.c.key == key)).first() is None:
                raise NotFoundError(f"no source {publisher!r} (see `proxygraph sources`)")
            conn.execute(update(sources).where(sources.c.key == key).values(
                reliability=grade, updated_by=reviewer, updated_at=now()))
            _apply_publisher_grade(conn, key, grade)
        self._write(run)
        return next(s for s in self.sources() if name_key(s.name) == name_key(publisher))

    # --- registry overlay -------------------------------------------------------------

    def add_actor(self, name: str, kind: str, *, by: str | None = None,
                  aliases: tuple[str, ...] = ()) -> Entity:
        return self._write(lambda conn: overlay_ops.add_actor(conn, name, kind, by=by,
                                                              at=now(), aliases=aliases))

    def add_alias(self, actor: str, alias: str, *, by: str | None = None) -> Entity:
        return self._write(lambda conn: overlay_ops.add_alias(conn, actor, alias, by=by,
                                                              at=now()))

    def merge(self, merged: str, into: str, *, by: str | None = None,
              note: str | None = None) -> MergeRecord:
        def run(conn: Connection) -> MergeRecord:
            before = Overlay.load(conn)
            record = overlay_ops.merge(conn, merged, into, by=by, at=now(), note=note)
            _regrade_actors(conn, before, record)  # two pairs may now be one
            return record
        return self._write(run)

    def split(self, merged: str, *, by: str | None = None,
              note: str | None = None) -> MergeRecord:
        def run(conn: Connection) -> MergeRecord:
            before = Overlay.load(conn)
            record = overlay_ops.split(conn, merged, by=by, at=now(), note=note)
            _regrade_actors(conn, before, record)
            return record
        return self._write(run)

    def merges(self) -> list[MergeRecord]:
        return self._read(overlay_ops.merge_records)

    def resolve_actor(self, name: str) -> Entity | None:
        """The overlay's or registry's entity for a name (not following merges)."""
        return self._read(lambda conn: Overlay.load(conn).entity(name))

    def canonical_actor(self, entity_id: str) -> str:
        """The id an actor stands for after merges."""
        return self._read(lambda conn: Overlay.load(conn).canonical(entity_id))


def _insert_document(conn: Connection, doc: Document, claims_: Sequence[Claim],
                     extractor_version: str, grade_publisher: bool
                     ) -> tuple[AddResult, list[str]]:
    """Insert a document and its claims, not yet graded: (result, the new claims' ids)."""
    if conn.dialect.name == "postgresql":
        # Two sessions adding the same text queue here instead of one failing on the
        # primary key (SQLite already serialises writers at BEGIN IMMEDIATE).
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:sha))"), {"sha": doc.sha256})
    if conn.execute(select(documents.c.sha256).where(
            documents.c.sha256 == doc.sha256)).first() is not None:
        return AddResult(doc=doc.sha256, status="unchanged"), []
    at = now()
    grade = doc.reliability
    if doc.publisher:
        grade = _grade_publisher(conn, doc.publisher, doc.reliability, replace=grade_publisher,
                                 at=at)
    conn.execute(documents.insert().values(
        sha256=doc.sha256, name=doc.name, media_type=doc.media_type, title=doc.title,
        source_url=doc.source_url, publisher=doc.publisher, published=doc.published,
        language=doc.language, reliability=doc.reliability,
        extractor_version=extractor_version, ingested_at=at, text=doc.text))
    unique = list({c.id: c for c in claims_}.values())
    source = claim_source(doc.publisher, doc.sha256)
    insert_claims(conn, [(claim_row(c, doc=doc.sha256, source=source, reliability=grade,
                                    at=at), c) for c in unique])
    return (AddResult(doc=doc.sha256, status="added", claims_added=len(unique)),
            [c.id for c in unique])


def _regrade_actors(conn: Connection, before: Overlay, record: MergeRecord) -> None:
    """Re-grade every pair that involves the actors a merge or split touched."""
    after = Overlay.load(conn)
    ids: set[str] = set()
    for overlay in (before, after):
        ids |= overlay.group(record.merged_id) | overlay.group(record.into_id)
    regrade_keys(conn, after, keys_of_entities(conn, ids, after))


def _effective_grade(conn: Connection, publisher: str | None, own: str) -> str:
    if not publisher:
        return own
    row = conn.execute(select(sources.c.reliability).where(
        sources.c.key == name_key(publisher))).first()
    return row.reliability if row else own


def _grade_publisher(conn: Connection, publisher: str, grade: str, *, replace: bool,
                     at: str) -> str:
    """The publisher's grade after this document: its own unless `replace` or unknown."""
    key = name_key(publisher)
    row = conn.execute(select(sources).where(sources.c.key == key)).first()
    if row is None:
        conn.execute(sources.insert().values(key=key, name=publisher.strip(),
                                             reliability=grade, updated_at=at))
        return grade
    if replace and row.reliability != grade:
        conn.execute(update(sources).where(sources.c.key == key).values(
            reliability=grade, updated_at=at, updated_by=None))
        _apply_publisher_grade(conn, key, grade)
        return grade
    return str(row.reliability)


def _apply_publisher_grade(conn: Connection, key: str, grade: str) -> None:
    """Give the publisher's claims its new grade, and regrade the pairs they speak to
    (a source graded E or F cannot corroborate alone)."""
    shas = [r.sha256 for r in conn.execute(select(documents.c.sha256, documents.c.publisher))
            if r.publisher and name_key(r.publisher) == key]
    for start in range(0, len(shas), 500):
        conn.execute(update(claims).where(claims.c.doc.in_(shas[start:start + 500])).values(
            reliability=grade))
    overlay = Overlay.load(conn)
    regrade_keys(conn, overlay, keys_of_docs(conn, shas, overlay))


