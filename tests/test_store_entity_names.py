"""Filters by a participant's name (migration 0009): rows with an entity id are found by
name through `entity_names`, rows without one (places) through the partial name index;
the answers are those of matching every row's name."""

from __future__ import annotations

from sqlalchemy import text

from proxygraph.model import Entity
from proxygraph.store import ClaimFilter, SqlStore
from store_helpers import (
    IRAN,
    RUSSIA,
    add,
    make_claim,
    make_doc,
    store_fixture,  # noqa: F401  (fixture "store")
    store_url_fixture,  # noqa: F401  (fixture "store_url")
)

# The same name under another id (an older registry, an unresolved mention), and that id
# under another name: a filter by "Iran" finds the first, not the second.
IRAN_OTHER = Entity("x_iran_mention", "Iran", "state", resolved=False)
PERSIA = Entity("x_iran_mention", "Persia", "state", resolved=False)
LIWA = Entity("x_liwa", "Liwa Example", "armed_group", resolved=False)


def ids(store: SqlStore, **kw: object) -> set[str]:
    return {c.id for c in store.claims(ClaimFilter(**kw))}  # type: ignore[arg-type]


def _stored(store: SqlStore) -> dict[str, str]:
    made = {
        "registry": add(store, "Iran armed Russia.", publisher="A", reliability="B"),
        "other_id": add(store, "Iran (mention) armed Russia.", subject=IRAN_OTHER),
        "other_name": add(store, "Persia armed Russia.", subject=PERSIA),
        "unresolved": add(store, "Liwa Example armed Russia.", subject=LIWA,
                          place=("Aleppo",)),
    }
    return {k: c.id for k, c in made.items()}


def test_a_name_finds_every_row_stored_under_it(store: SqlStore) -> None:
    c = _stored(store)
    assert ids(store, actors=("Iran",)) == {c["registry"], c["other_id"]}
    assert ids(store, actors=(IRAN_OTHER.id,)) == {c["other_id"], c["other_name"]}
    assert ids(store, actors=("Persia",)) == {c["other_name"]}
    assert ids(store, actors=("liwa example",)) == {c["unresolved"]}
    assert ids(store, places=("aleppo",)) == {c["unresolved"]}
    assert ids(store, actors=("Iran",), places=("Aleppo",)) == set()
    with store.engine.connect() as conn:
        names = set(conn.execute(text("SELECT name_key, entity_id FROM entity_names")))
    assert ("iran", IRAN_OTHER.id) in names and ("persia", PERSIA.id) in names
    assert ("iran", IRAN.id) in names and ("russia", RUSSIA.id) in names
    assert all(eid for _, eid in names)


def test_sqlite_reads_names_through_indexes(tmp_path) -> None:
    from proxygraph.store.query import select_claims

    with SqlStore(f"sqlite:///{tmp_path}/s.db") as store:
        _stored(store)
        with store.engine.connect() as conn:
            from proxygraph.store.overlay import Overlay

            overlay = Overlay.load(conn)
            for flt in (ClaimFilter(actors=("Iran",)), ClaimFilter(places=("Aleppo",))):
                query = select_claims(conn, flt, overlay)
                sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
                plan = " | ".join(r[-1] for r in conn.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN {sql}"))
                assert "SCAN claim_entities" not in plan, plan
                if flt.places:
                    assert "ix_claim_entities_name" in plan, plan


def test_a_store_made_at_revision_0008_is_upgraded_on_open(store_url: str,
                                                           monkeypatch) -> None:
    from alembic import command

    from proxygraph.store import rows as rows_module
    from proxygraph.store.engine import alembic_config, make_engine
    from proxygraph.store.rows import claim_row, insert_claims

    engine = make_engine(store_url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0008")
    doc = make_doc("Iran armed Russia; Persia armed Russia in Aleppo.", publisher="CNAS",
                   reliability="B")
    first = make_claim(doc, subject=IRAN_OTHER)
    second = make_claim(doc, subject=PERSIA, start=1, place=("Aleppo",))
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO documents (sha256, name, media_type, publisher, reliability, "
            "extractor_version, ingested_at, text) VALUES (:s, 'r.txt', 'text/plain', 'CNAS', "
            "'B', '1', '2024-01-01T00:00:00Z', :t)"), {"s": doc.sha256, "t": doc.text})
        rows = [({**claim_row(c, doc=doc.sha256, source="pub:cnas", reliability="B",
                              at="2024-01-01T00:00:00Z"), "credibility": 2}, c)
                for c in (first, second)]
        with monkeypatch.context() as m:  # 0008 had no entity_names
            m.setattr(rows_module, "insert_names", lambda *_: None)
            insert_claims(conn, rows)
    engine.dispose()
    with SqlStore(store_url) as store:
        assert ids(store, actors=("Iran",)) == {first.id}
        assert ids(store, actors=("Persia",)) == {second.id}
        assert ids(store, actors=(PERSIA.id,)) == {first.id, second.id}
        assert ids(store, places=("Aleppo",)) == {second.id}
        assert store.claim(first.id).claim == first
        # grading still reads the stored claims: an independent strong source confirms
        add(store, "Iran supplied Russia.", subject=IRAN_OTHER, publisher="RUSI",
            reliability="B")
        assert store.claim(first.id).credibility == 1
