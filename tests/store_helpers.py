"""Shared pieces of the store tests: the backend fixture and claim/document builders.

`store_url` runs every test on SQLite (a file in tmp_path) and, when PROXYGRAPH_TEST_PG
holds a SQLAlchemy URL, on PostgreSQL in a fresh schema of its own. With CI=true and no
PROXYGRAPH_TEST_PG the PostgreSQL cases fail rather than skip, so CI cannot go green
without having run them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from proxygraph.ids import claim_id, content_hash, stable_id
from proxygraph.model import Claim, Document, Entity, Evidence, TimeSpan
from proxygraph.store import SqlStore

PG_ENV = "PROXYGRAPH_TEST_PG"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

IRAN = Entity("iran", "Iran", "state")
RUSSIA = Entity("russia", "Russia", "state")
HEZBOLLAH = Entity("hezbollah", "Hezbollah", "armed_group")
HOUTHIS = Entity("houthis", "Houthis", "armed_group")
SHAHED = Entity("shahed-136", "Shahed-136", "item", category="drone", origin="iran")
PANTSIR = Entity("pantsir", "Pantsir-S1", "item", category="air_defence", origin="russia")


def pg_base_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set: CI must run the store suite on PostgreSQL "
                        "(eval \"$(bash scripts/start-postgres.sh)\")")
        pytest.skip(f"{PG_ENV} not set")
    return url


def backend_url(backend: str, tmp_path: object) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path}/store.db"
        return
    base = pg_base_url()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(name="store_url", params=BACKENDS)
def store_url_fixture(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[str]:
    yield from backend_url(request.param, tmp_path)


@pytest.fixture(name="store")
def store_fixture(store_url: str) -> Iterator[SqlStore]:
    s = SqlStore(store_url)
    try:
        yield s
    finally:
        s.close()


def make_doc(text: str, *, publisher: str | None = None, reliability: str = "F",
             name: str = "report.txt", **meta: str) -> Document:
    return Document(name=name, text=text, sha256=content_hash(text), publisher=publisher,
                    reliability=reliability, **meta)


def make_claim(doc: Document, sentence: str | None = None, *, type: str = "ARMS_TRANSFER",
               subject: Entity = IRAN, obj: Entity | None = RUSSIA, version: str = "1",
               start: int = 0, time: tuple[str | None, str | None, str] | None = None,
               **attrs: object) -> Claim:
    sentence = sentence or doc.text
    cid = claim_id(doc.sha256, start, type, subject.id, obj.id if obj else None, version)
    if attrs:  # distinct claims in one sentence get distinct ids
        cid = stable_id("clm", cid, sorted(attrs.items()))
    span = TimeSpan("t", time[0], time[1], time[2]) if time else None
    return Claim(id=cid, doc=doc.sha256, type=type, subject=subject, object=obj,
                 evidence=Evidence(sentence, start, start + len(sentence)), time=span,
                 extractor={"name": "proxygraph-rules", "version": version}, **attrs)


def add(store: SqlStore, text: str, *, publisher: str | None = None, reliability: str = "F",
        version: str = "1", **claim_kw: object) -> Claim:
    """Store a one-claim document and return its claim."""
    doc = make_doc(text, publisher=publisher, reliability=reliability)
    claim = make_claim(doc, version=version, **claim_kw)  # type: ignore[arg-type]
    store.add_document(doc, [claim], extractor_version=version)
    return claim
