"""The claim store, one suite over every backend (SQLite always, PostgreSQL when given)."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from proxygraph.errors import NotFoundError, StoreError, ValidationError
from proxygraph.store import ClaimFilter, SqlStore
from proxygraph.store.engine import head_revision
from proxygraph.store.schema import metadata
from store_helpers import (
    HEZBOLLAH,
    HOUTHIS,
    IRAN,
    PANTSIR,
    RUSSIA,
    SHAHED,
    add,
    make_claim,
    make_doc,
    store_fixture,  # noqa: F401  (fixture "store")
    store_url_fixture,  # noqa: F401  (fixture "store_url")
)


def ids(found: list) -> set[str]:
    return {c.id for c in found}


# --- schema and opening -----------------------------------------------------------------

def test_migrations_build_the_tables_the_queries_use(store: SqlStore) -> None:
    insp = inspect(store.engine)
    for table in metadata.sorted_tables:
        columns = {c["name"] for c in insp.get_columns(table.name)}
        assert {c.name for c in table.columns} <= columns, table.name
        # Indexes of plain columns have the columns the metadata gives, in its order.
        built = {i["name"]: i["column_names"] for i in insp.get_indexes(table.name)}
        for index in table.indexes:
            if all(hasattr(e, "name") for e in index.expressions):
                assert built[index.name] == [e.name for e in index.expressions], index.name
    with store.engine.connect() as conn:
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert version == head_revision()


def test_reopening_a_store_keeps_its_data(store_url: str) -> None:
    with SqlStore(store_url) as first:
        claim = add(first, "Iran sent drones to Russia.")
    with SqlStore(store_url) as second:
        assert ids(second.claims()) == {claim.id}


def test_unusable_urls_are_store_errors(tmp_path) -> None:
    with pytest.raises(StoreError):
        SqlStore("mysql://nobody@localhost/db")
    with pytest.raises(StoreError):
        SqlStore("not a url")
    with pytest.raises(StoreError):
        SqlStore(f"sqlite:///{tmp_path}/missing/dir/store.db")


def test_sqlite_runs_in_wal_mode(tmp_path) -> None:
    with SqlStore(f"sqlite:///{tmp_path}/s.db") as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


# --- documents and claims ---------------------------------------------------------------

def test_document_stored_once_with_metadata(store: SqlStore) -> None:
    doc = make_doc("Iran shipped drones to Russia.", publisher="CNAS", reliability="B",
                   source_url="https://example.org/r", title="Report", published="2024-06-01",
                   language="en")
    claim = make_claim(doc)
    first = store.add_document(doc, [claim], extractor_version="1")
    again = store.add_document(doc, [claim], extractor_version="1")
    assert (first.status, first.claims_added) == ("added", 1)
    assert (again.status, again.claims_added) == ("unchanged", 0)
    [info] = store.documents()
    assert (info.publisher, info.reliability, info.title, info.published, info.source_url,
            info.language, info.claims) == ("CNAS", "B", "Report", "2024-06-01",
                                            "https://example.org/r", "en", 1)
    assert store.document_text(doc.sha256) == doc.text
    assert len(store.claims(ClaimFilter(include="all"))) == 1


def test_claim_comes_back_exactly_as_stored(store: SqlStore) -> None:
    doc = make_doc("In 2022 Iran shipped Shahed-136 drones to Russia via Hezbollah by sea.")
    claim = make_claim(doc, items=(SHAHED,), via=(HEZBOLLAH,), route=("by sea",),
                       place=("Caspian Sea",), attribution=("WSJ",), certainty="medium",
                       time=("2022-01-01", "2022-12-31", "year"),
                       written={"subject": ("the Islamic Republic's envoys",)})
    store.add_document(doc, [claim], extractor_version="1")
    stored = store.claim(claim.id)
    assert stored.claim == claim
    assert stored.claim.to_dict() == claim.to_dict()
    assert stored.claim.written == {"subject": ("the Islamic Republic's envoys",)}
    assert stored.claim.subject == IRAN  # the claim's wording, not the registry entity's
    assert (stored.state, stored.review_state, stored.origin) == ("active", "unreviewed",
                                                                  "machine")
    out = stored.to_dict()
    assert out["reliability"] == "F" and out["credibility"] == 3
    assert out["review"]["state"] == "unreviewed"


def test_duplicate_claims_in_one_document_are_stored_once(store: SqlStore) -> None:
    doc = make_doc("Iran armed Russia.")
    claim = make_claim(doc)
    result = store.add_document(doc, [claim, claim], extractor_version="1")
    assert result.claims_added == 1


def test_a_failed_document_write_leaves_nothing(store: SqlStore, monkeypatch) -> None:
    import proxygraph.store.sql as sql

    def boom(*_a, **_k):
        raise RuntimeError("crash after the claims were written")

    monkeypatch.setattr(sql, "grade_new", boom)
    doc = make_doc("Iran armed Russia.")
    with pytest.raises(RuntimeError):
        store.add_document(doc, [make_claim(doc)], extractor_version="1")
    monkeypatch.undo()
    assert store.documents() == []
    assert store.claims(ClaimFilter(include="all")) == []
    assert not store.has_document(doc.sha256)


def test_unknown_claim_is_not_found(store: SqlStore) -> None:
    with pytest.raises(NotFoundError):
        store.claim("clm_missing")
    with pytest.raises(NotFoundError):
        store.history("clm_missing")
    with pytest.raises(NotFoundError):
        store.review("clm_missing", action="accept", reviewer="a")


# --- queries ----------------------------------------------------------------------------

@pytest.fixture
def corpus(store: SqlStore) -> dict[str, str]:
    """Five claims across documents, publishers, times and items."""
    c = {
        "drones": add(store, "In 2022 Iran shipped Shahed-136 drones to Russia.",
                      publisher="CNAS", reliability="B", items=(SHAHED,),
                      time=("2022-01-01", "2022-12-31", "year"), place=("Tehran",)),
        "pantsir": add(store, "Russia gave a Pantsir-S1 system to Hezbollah in March 2023.",
                       subject=RUSSIA, obj=HEZBOLLAH, items=(PANTSIR,), certainty="medium",
                       time=("2023-03-01", "2023-03-31", "month"), publisher="Tasnim",
                       reliability="E"),
        "support": add(store, "Iran has backed Hezbollah since 1982.", type="SUPPORT",
                       obj=HEZBOLLAH, time=("1982-01-01", None, "year"), status="ongoing"),
        "houthis": add(store, "Iran reportedly trained the Houthis.", type="TRAINING",
                       obj=HOUTHIS, certainty="low"),
        "plan": add(store, "Iran plans to fund Hezbollah next year.", type="FUNDING",
                    obj=HEZBOLLAH, status="planned", time=("2025-01-01", "2025-12-31", "year")),
    }
    return {k: v.id for k, v in c.items()}


def test_filter_by_actor_type_item_category_origin_place(store: SqlStore, corpus) -> None:
    q = lambda **kw: ids(store.claims(ClaimFilter(**kw)))  # noqa: E731
    assert q(actors=("hezbollah",)) == {corpus["pantsir"], corpus["support"], corpus["plan"]}
    assert q(actors=("Hezbollah",)) == q(actors=("hezbollah",))  # by name as well as id
    assert q(actors=("iran", "hezbollah")) == {corpus["support"], corpus["plan"]}
    assert q(types=("ARMS_TRANSFER",)) == {corpus["drones"], corpus["pantsir"]}
    assert q(types=("training",)) == {corpus["houthis"]}
    assert q(items=("Shahed-136",)) == {corpus["drones"]}
    assert q(items=("pantsir",)) == {corpus["pantsir"]}
    assert q(item_categories=("air_defence",)) == {corpus["pantsir"]}
    assert q(origins=("iran",)) == {corpus["drones"]}
    assert q(places=("tehran",)) == {corpus["drones"]}
    assert q(statuses=("planned", "ongoing")) == {corpus["plan"], corpus["support"]}
    assert q(certainties=("low",)) == {corpus["houthis"]}
    assert q(ids=(corpus["plan"],)) == {corpus["plan"]}
    plan_doc = store.claim(corpus["plan"]).claim.doc  # the document's content hash
    assert q(docs=(plan_doc,)) == {corpus["plan"]}
    assert q(docs=("report.txt",)) == set(corpus.values())  # or the name it came under
    assert len(store.claims(ClaimFilter(limit=2))) == 2


def test_time_window_overlaps_intervals(store: SqlStore, corpus) -> None:
    q = lambda **kw: ids(store.claims(ClaimFilter(**kw)))  # noqa: E731
    # the open-ended 1982- support overlaps every window; undated claims never match
    assert q(since="2023-01") == {corpus["pantsir"], corpus["support"], corpus["plan"]}
    assert q(until="2022-06") == {corpus["drones"], corpus["support"]}
    assert q(since="2022-12-31", until="2023-02") == {corpus["drones"], corpus["support"]}
    assert q(since="2023-03-31", until="2023-03-31") == {corpus["pantsir"], corpus["support"]}
    assert q(as_of="2023-03-15") == {corpus["pantsir"], corpus["support"]}
    assert q(as_of="1981") == set()
    assert q(since="2026") == {corpus["support"]}


def test_time_window_with_open_start_and_undated(store: SqlStore) -> None:
    until_2020 = add(store, "Until 2020 Iran armed Russia.", time=(None, "2020-12-31", "year"))
    add(store, "Iran armed Russia at some point.")  # no time: never in a window
    q = lambda **kw: ids(store.claims(ClaimFilter(**kw)))  # noqa: E731
    assert q(until="1990") == {until_2020.id}
    assert q(since="2020-12") == {until_2020.id}
    assert q(since="2021") == set()
    assert len(q()) == 2


def test_postgres_urls_use_the_installed_driver() -> None:
    from proxygraph.store.engine import make_engine

    for url in ("postgresql://u:p@localhost/db", "postgres://u:p@localhost/db"):
        engine = make_engine(url)
        assert engine.url.drivername == "postgresql+psycopg"
        engine.dispose()


def test_reliability_credibility_and_review_filters(store: SqlStore, corpus) -> None:
    q = lambda **kw: ids(store.claims(ClaimFilter(**kw)))  # noqa: E731
    assert q(min_reliability="B") == {corpus["drones"]}
    assert q(min_reliability="E") == {corpus["drones"], corpus["pantsir"]}
    assert q(max_credibility=2) == {corpus["drones"], corpus["support"], corpus["plan"]}
    assert q(max_credibility=3) == q() - {corpus["houthis"]}
    store.review(corpus["plan"], action="accept", reviewer="ana")
    assert q(reviewed=True) == {corpus["plan"]}
    assert corpus["plan"] not in q(reviewed=False)


@pytest.mark.parametrize("bad", [
    ValidationError, ])
def test_invalid_filters_are_validation_errors(bad) -> None:
    for kwargs in ({"types": ("NOPE",)}, {"since": "2023-13"}, {"since": "yesterday"},
                   {"min_reliability": "G"}, {"max_credibility": 7}, {"include": "some"},
                   {"search": "  "}, {"statuses": ("maybe",)}, {"item_categories": ("tank",)}):
        with pytest.raises(bad):
            ClaimFilter(**kwargs)


def test_full_text_search_over_evidence(store: SqlStore, corpus) -> None:
    q = lambda text: ids(store.claims(ClaimFilter(search=text)))  # noqa: E731
    assert q("Pantsir") == {corpus["pantsir"]}
    assert q("pantsir hezbollah") == {corpus["pantsir"]}
    assert q('"shipped Shahed"') == {corpus["drones"]}
    assert q("drones") == {corpus["drones"]}
    assert q("Hezbollah") == {corpus["pantsir"], corpus["support"], corpus["plan"]}
    assert q("submarine") == set()


@pytest.mark.parametrize("text", [
    '"', "'", "Kata'ib", '" OR 1=1 --', "'; DROP TABLE claims; --", "NEAR(Iran Russia)",
    "Iran*", "-Iran", "evidence:Iran", "^Iran", "Iran AND", "(", "%_\\", "Iran OR NOT",
    '""""', "a:b:c", "{Iran}", "\x00",
])
def test_search_metacharacters_are_just_text(store: SqlStore, corpus, text: str) -> None:
    if not any(ch.isalnum() for ch in text) or text == "-Iran":  # nothing to look for
        with pytest.raises(ValidationError):
            store.claims(ClaimFilter(search=text))
    else:
        found = store.claims(ClaimFilter(search=text))
        assert all(c.id in corpus.values() for c in found)
    assert len(store.claims()) == 5  # nothing was dropped or broken


@pytest.mark.parametrize("text", ["' OR '1'='1", "zzz' --", '"; DELETE FROM claims;',
                                  "%", "_", "\\", "\x00"])
def test_filter_values_with_sql_metacharacters_match_nothing(store: SqlStore, corpus,
                                                             text: str) -> None:
    for kw in ({"actors": (text,)}, {"items": (text,)}, {"places": (text,)},
               {"origins": (text,)}, {"ids": (text,)}, {"docs": (text,)}):
        assert store.claims(ClaimFilter(**kw)) == []
    assert len(store.claims()) == 5


def test_search_matches_quotes_inside_names(store: SqlStore) -> None:
    claim = add(store, "Iran armed Kata'ib Hezbollah with rockets.", obj=HEZBOLLAH)
    assert ids(store.claims(ClaimFilter(search="Kata'ib"))) == {claim.id}
    assert ids(store.claims(ClaimFilter(search='"Kata\'ib Hezbollah"'))) == {claim.id}


# --- review -----------------------------------------------------------------------------

def test_accept_and_reject_with_who_when_why(store: SqlStore) -> None:
    a = add(store, "Iran armed Russia.")
    b = add(store, "Russia armed Iran.", subject=RUSSIA, obj=IRAN)
    assert store.review(a.id, action="accept", reviewer="ana", note="checked").review_state \
        == "accepted"
    store.review(b.id, action="reject", reviewer="bo", note="misread subject")
    assert ids(store.claims()) == {a.id}
    assert ids(store.claims(ClaimFilter(include="all"))) == {a.id, b.id}
    assert ids(store.claims(ClaimFilter(reviewed=True, include="all"))) == {a.id, b.id}
    [review] = store.history(b.id).reviews
    assert (review.action, review.reviewer, review.note) == ("reject", "bo", "misread subject")
    assert review.at.endswith("Z")


def test_correction_is_a_new_version_with_history(store: SqlStore) -> None:
    original = add(store, "Iran armed Russia in 2022.")
    new = store.review(original.id, action="correct", reviewer="ana", note="it was them",
                       changes={"object": "Liwa Nowhere", "status": "denied",
                                "time": "2022-03..2022-04"})
    assert new.id != original.id
    assert new.supersedes == original.id and new.origin == "review"
    assert new.claim.object is not None and new.claim.object.name == "Liwa Nowhere"
    assert new.claim.object.resolved is False  # neither registry nor overlay knows it
    assert new.claim.status == "denied"
    assert (new.claim.time.start, new.claim.time.end, new.claim.time.precision) == (
        "2022-03-01", "2022-04-30", "month")
    assert new.claim.evidence == original.evidence
    assert ids(store.claims()) == {new.id}  # the superseded original is hidden by default
    old = store.claim(original.id)
    assert (old.state, old.review_state) == ("superseded", "corrected")
    assert old.claim == original  # never edited
    hist = store.history(new.id)
    assert [v.id for v in hist.versions] == [original.id, new.id]
    assert hist == store.history(original.id)
    [review] = hist.reviews
    assert review.changes["object"] == "Liwa Nowhere"
    assert review.result_claim_id == new.id and review.note == "it was them"
    with pytest.raises(ValidationError, match=new.id):
        store.review(original.id, action="accept", reviewer="bo")
    newer = store.review(new.id, action="correct", reviewer="bo", changes={"certainty": "low"})
    assert [v.id for v in store.history(original.id).versions] == [original.id, new.id,
                                                                    newer.id]


def test_correction_resolves_entities_through_the_overlay(store: SqlStore) -> None:
    store.add_actor("Liwa Example", "armed_group", by="ana", aliases=("LEX",))
    claim = add(store, "Iran armed Russia.")
    new = store.review(claim.id, action="correct", reviewer="ana",
                       changes={"object": "lex", "items": "Zorglub-9, Other Gadget"})
    assert new.claim.object is not None and new.claim.object.resolved
    assert new.claim.object.name == "Liwa Example"
    assert [i.name for i in new.claim.items] == ["Zorglub-9", "Other Gadget"]
    assert all(i.kind == "item" and not i.resolved for i in new.claim.items)
    assert ids(store.claims(ClaimFilter(actors=("Liwa Example",)))) == {new.id}


def test_correction_resolves_entities_through_the_registry(store: SqlStore) -> None:
    from proxygraph.registry import default_registry

    expected = default_registry().lookup("Kata'ib Hezbollah")
    assert expected is not None
    claim = add(store, "Iran armed Russia.")
    new = store.review(claim.id, action="correct", reviewer="ana",
                       changes={"object": "Kata’ib Hezbollah"})
    assert new.claim.object == expected
    assert ids(store.claims(ClaimFilter(actors=(expected.name,)))) == {new.id}


@pytest.mark.parametrize("changes", [
    {"status": "perhaps"}, {"type": "WAR"}, {"evidence": "other"}, {"subject": ""},
    {"time": "soon"}, {}, {"status": "occurred"},
])
def test_bad_corrections_change_nothing(store: SqlStore, changes) -> None:
    claim = add(store, "Iran armed Russia.")
    with pytest.raises(ValidationError):
        store.review(claim.id, action="correct", reviewer="ana", changes=changes)
    assert store.claim(claim.id).state == "active"
    assert store.history(claim.id).reviews == ()
    assert len(store.claims(ClaimFilter(include="all"))) == 1


def test_review_needs_a_reviewer_and_a_known_action(store: SqlStore) -> None:
    claim = add(store, "Iran armed Russia.")
    with pytest.raises(ValidationError):
        store.review(claim.id, action="accept", reviewer=" ")
    with pytest.raises(ValidationError):
        store.review(claim.id, action="approve", reviewer="ana")
    with pytest.raises(ValidationError):
        store.review(claim.id, action="credibility", reviewer="ana", credibility=9)


# --- credibility and reliability --------------------------------------------------------

def test_credibility_from_certainty_and_independent_corroboration(store: SqlStore) -> None:
    a = add(store, "Iran armed Russia.", publisher="CNAS", reliability="B")
    assert store.claim(a.id).credibility == 2  # stated as fact, alone
    same_source = add(store, "Iran again armed Russia.", publisher="cnas")
    assert store.claim(a.id).credibility == 2  # same publisher is not independent
    other = add(store, "Iran supplies Russia with arms.", publisher="RUSI",
                certainty="medium", reliability="C")
    assert store.claim(a.id).credibility == 1
    assert store.claim(same_source.id).credibility == 1
    assert store.claim(other.id).credibility == 2
    store.review(other.id, action="reject", reviewer="ana")
    assert store.claim(a.id).credibility == 2  # a rejected claim corroborates nothing


def test_denial_from_an_independent_source_makes_a_claim_improbable(store: SqlStore) -> None:
    a = add(store, "Iran armed the Houthis.", obj=HOUTHIS, certainty="low", publisher="A")
    add(store, "Iran did not arm the Houthis.", obj=HOUTHIS, status="denied", publisher="B")
    assert store.claim(a.id).credibility == 5


def test_symmetric_claims_corroborate_either_way_round(store: SqlStore) -> None:
    a = add(store, "Iran and Russia signed a pact.", type="AGREEMENT", publisher="A")
    add(store, "Russia and Iran agreed a treaty.", type="AGREEMENT", subject=RUSSIA, obj=IRAN,
        publisher="B", reliability="B")
    assert store.claim(a.id).credibility == 1


def test_credibility_override_by_review_sticks(store: SqlStore) -> None:
    a = add(store, "Iran armed Russia.", publisher="A")
    store.review(a.id, action="credibility", reviewer="ana", credibility=4, note="odd")
    add(store, "Iran arms Russia.", publisher="B", reliability="B")
    assert store.claim(a.id).credibility == 4
    assert store.history(a.id).reviews[0].action == "credibility"


def test_reliability_comes_from_the_publisher(store: SqlStore) -> None:
    a = add(store, "Iran armed Russia.", publisher="Tasnim", reliability="C")
    b = add(store, "Iran armed Hezbollah.", obj=HEZBOLLAH, publisher="TASNIM")  # default F
    assert store.claim(b.id).reliability == "C"  # the publisher's grade, not the default
    store.set_reliability("tasnim", "e", reviewer="ana")
    assert {store.claim(a.id).reliability, store.claim(b.id).reliability} == {"E"}
    [source] = store.sources()
    assert (source.name, source.reliability, source.documents, source.claims,
            source.updated_by) == ("Tasnim", "E", 2, 2, "ana")
    with pytest.raises(NotFoundError):
        store.set_reliability("Nobody", "A")
    with pytest.raises(ValidationError):
        store.set_reliability("Tasnim", "Z")


def test_explicit_grade_at_ingest_regrades_the_publisher(store: SqlStore) -> None:
    a = add(store, "Iran armed Russia.", publisher="X", reliability="C")
    doc = make_doc("Iran armed Hezbollah.", publisher="X", reliability="A")
    store.add_document(doc, [make_claim(doc, obj=HEZBOLLAH)], extractor_version="1",
                       grade_publisher=True)
    assert store.claim(a.id).reliability == "A"


# --- registry overlay -------------------------------------------------------------------

def test_aliases_and_added_actors_resolve_in_queries(store: SqlStore) -> None:
    lex = store.add_actor("Liwa Example", "armed_group", by="ana")
    claim = add(store, "Iran armed the Liwa.", obj=lex)
    store.add_alias("Liwa Example", "Example Brigades", by="ana")
    assert ids(store.claims(ClaimFilter(actors=("example brigades",)))) == {claim.id}
    assert store.resolve_actor("Example Brigades").id == lex.id
    with pytest.raises(ValidationError):
        store.add_actor("liwa example", "armed_group")
    with pytest.raises(ValidationError):  # the packaged registry knows it already
        store.add_actor("Hezbollah", "armed_group")
    with pytest.raises(ValidationError):
        store.add_actor("Someone", "dragon")
    with pytest.raises(NotFoundError):
        store.add_alias("Nobody", "X")
    with pytest.raises(ValidationError, match="merge"):
        store.add_alias("Liwa Example", "Hizballah")  # the registry's Hezbollah
    store.add_actor("Other Group", "armed_group")
    with pytest.raises(ValidationError):
        store.add_alias("Other Group", "example brigades")
    assert store.add_alias("Liwa Example", "Example Brigades").id == lex.id  # again: no-op


def test_merge_joins_actors_and_split_undoes_it(store: SqlStore) -> None:
    hashd = store.add_actor("Northern Brigade", "armed_group")
    pmf = store.add_actor("Brigade of the North", "armed_group")
    a = add(store, "Iran backs the Hashd.", type="SUPPORT", obj=hashd, publisher="A",
            reliability="C")
    b = add(store, "Iran backs the PMF.", type="SUPPORT", obj=pmf, publisher="B",
            reliability="C")
    assert store.claim(a.id).credibility == 2
    record = store.merge("Northern Brigade", "Brigade of the North", by="ana",
                         note="same body")
    assert (record.merged_id, record.into_id) == (hashd.id, pmf.id)
    both = {a.id, b.id}
    assert ids(store.claims(ClaimFilter(actors=("Northern Brigade",)))) == both
    assert ids(store.claims(ClaimFilter(actors=("Brigade of the North",)))) == both
    assert store.claim(a.id).credibility == 1  # now corroborated by an independent source
    assert store.canonical_actor(hashd.id) == pmf.id
    with pytest.raises(ValidationError):
        store.merge("Brigade of the North", "Northern Brigade")
    store.split("Northern Brigade", by="bo", note="distinct after all")
    assert ids(store.claims(ClaimFilter(actors=("Northern Brigade",)))) == {a.id}
    assert store.claim(a.id).credibility == 2
    [kept] = store.merges()
    assert kept.undone_by == "bo" and kept.undone_at  # the judgement stays on record
    with pytest.raises(NotFoundError):
        store.split("Northern Brigade")


# --- re-extraction ----------------------------------------------------------------------

def test_reextract_adds_new_retires_old_and_keeps_reviewed(store: SqlStore) -> None:
    doc = make_doc("Iran armed Russia. Iran backed Hezbollah. Iran trained the Houthis.")
    v1 = [make_claim(doc, "Iran armed Russia.", start=0),
          make_claim(doc, "Iran backed Hezbollah.", type="SUPPORT", obj=HEZBOLLAH, start=19),
          make_claim(doc, "Iran trained the Houthis.", type="TRAINING", obj=HOUTHIS,
                     start=42)]
    store.add_document(doc, v1, extractor_version="1")
    store.review(v1[1].id, action="accept", reviewer="ana")
    corrected = store.review(v1[2].id, action="correct", reviewer="ana",
                             changes={"certainty": "low"})
    v2 = [make_claim(doc, "Iran armed Russia.", start=0, version="2")]
    result = store.reextract_document(doc.sha256, v2, extractor_version="2")
    assert (result.added, result.retired) == (1, 1)
    assert store.claim(v1[0].id).state == "retired"  # kept, not deleted
    assert ids(store.claims()) == {v2[0].id, v1[1].id, corrected.id}
    assert store.documents()[0].extractor_version == "2"
    again = store.reextract_document(doc.sha256, v2, extractor_version="2")
    assert (again.added, again.retired) == (0, 0)
    with pytest.raises(NotFoundError):
        store.reextract_document("0" * 64, v2, extractor_version="2")


# --- packaging --------------------------------------------------------------------------

@pytest.mark.slow
def test_migrations_run_from_an_installed_wheel(tmp_path) -> None:
    """The store migrates from the installed package, not only from a repository checkout."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    # Build from a copy so setuptools' build/ directory never lands in the work tree.
    project = tmp_path / "project"
    shutil.copytree(root / "src", project / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        if (root / name).exists():
            shutil.copy(root / name, project / name)
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            str(project), "-w", str(wheels)], capture_output=True, text=True,
                           timeout=600)
    assert built.returncode == 0, built.stderr
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    # The new venv sees this interpreter's installed dependencies (alembic, sqlalchemy, ...)
    # through plain path lines, which unlike --system-site-packages follow a venv we run in
    # and, unlike site.addsitedir, do not load the editable install's import hook.
    import sysconfig
    target = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                             "['purelib'])"], capture_output=True, text=True, check=True)
    ours = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    Path(target.stdout.strip(), "outer-site.pth").write_text("\n".join(sorted(ours)) + "\n")
    [wheel] = wheels.glob("proxygraph-*.whl")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
                   check=True, timeout=600)
    code = ("import sys, proxygraph.store as s; "
            "assert 'site-packages' in s.__file__, s.__file__; "
            "st = s.open_store(sys.argv[1]); print(len(st.claims())); st.close()")
    result = subprocess.run([str(python), "-c", code, f"sqlite:///{tmp_path}/w.db"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_sql_grading_agrees_with_the_credibility_rules(store: SqlStore, seed: int) -> None:
    """The store grades inside SQL; proxygraph.credibility states the rules in Python."""
    import random

    from proxygraph.credibility import Statement, grade_group, source_key
    from proxygraph.store.overlay import name_key

    rng = random.Random(seed)
    made = []
    for i in range(14):
        publisher = rng.choice(["A", "B", "C", None])
        claim = add(store, f"Statement {i} that Iran armed Russia.", publisher=publisher,
                    status=rng.choice(["occurred", "occurred", "denied"]),
                    certainty=rng.choice(["high", "medium", "low"]))
        made.append((claim, source_key(name_key(publisher) if publisher else None,
                                       make_doc(f"Statement {i} that Iran armed Russia.")
                                       .sha256)))
        if rng.random() < 0.2:
            store.review(claim.id, action="reject", reviewer="ana")
    stored = {c.id: c for c in store.claims(ClaimFilter(include="all"))}
    current = [Statement(c.id, src, c.status, c.certainty) for c, src in made
               if stored[c.id].review_state != "rejected"]
    expected = grade_group(current)
    for claim, src in made:
        want = expected.get(claim.id) or grade_group(
            [*current, Statement(claim.id, src, claim.status, claim.certainty)])[claim.id]
        assert stored[claim.id].credibility == want, (claim.status, claim.certainty, src)


def test_a_store_made_at_revision_0001_is_upgraded_on_open(store_url: str) -> None:
    import json

    from alembic import command
    from sqlalchemy import text

    from proxygraph.store.engine import alembic_config, make_engine

    engine = make_engine(store_url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    doc = make_doc("Iran armed Russia.", publisher="CNAS")
    claim = make_claim(doc)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO documents (sha256, name, media_type, publisher, reliability, "
            "extractor_version, ingested_at, text) VALUES (:s, 'r.txt', 'text/plain', 'CNAS', "
            "'B', '1', '2024-01-01T00:00:00Z', :t)"), {"s": doc.sha256, "t": doc.text})
        conn.execute(text(
            "INSERT INTO claims (id, doc, type, subject_id, subject_name, object_id, "
            "object_name, status, certainty, reliability, credibility, extractor_version, "
            "ontology, origin, state, review_state, sentence_start, evidence, created_at, data) "
            "VALUES (:id, :doc, 'ARMS_TRANSFER', 'iran', 'Iran', 'russia', 'Russia', "
            "'occurred', 'high', 'B', 2, '1', '1', 'machine', 'active', 'unreviewed', 0, "
            ":ev, '2024-01-01T00:00:00Z', :data)"),
            {"id": claim.id, "doc": doc.sha256, "ev": doc.text,
             "data": json.dumps(claim.to_dict())})
    engine.dispose()
    with SqlStore(store_url) as store:
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT source FROM claims")).scalar() == "pub:cnas"
        assert store.claim(claim.id).claim == claim
        other = add(store, "Iran supplied Russia.", publisher="RUSI", reliability="C")
        assert store.claim(claim.id).credibility == store.claim(other.id).credibility == 1


def test_a_store_made_at_revision_0006_keeps_its_participants(store_url: str,
                                                               monkeypatch) -> None:
    """0007 keys participants by their claim's seq: stored ones still answer the filters and
    the item comparison of grading."""
    from alembic import command
    from sqlalchemy import text

    from proxygraph.store import rows as rows_module
    from proxygraph.store.engine import alembic_config, make_engine
    from proxygraph.store.rows import claim_row, insert_claims

    engine = make_engine(store_url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    doc = make_doc("Iran shipped Shahed drones to Russia and Pantsirs to Hezbollah.",
                   publisher="CNAS", reliability="B")
    first = make_claim(doc, items=(SHAHED,))
    second = make_claim(doc, obj=HEZBOLLAH, start=1, items=(SHAHED, PANTSIR))
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO documents (sha256, name, media_type, publisher, reliability, "
            "extractor_version, ingested_at, text) VALUES (:s, 'r.txt', 'text/plain', 'CNAS', "
            "'B', '1', '2024-01-01T00:00:00Z', :t)"), {"s": doc.sha256, "t": doc.text})
        rows = []
        for claim in (first, second):
            row = claim_row(claim, doc=doc.sha256, source="pub:cnas", reliability="B",
                            at="2024-01-01T00:00:00Z")
            rows.append(({**row, "credibility": 2}, claim))
        with monkeypatch.context() as m:  # 0006 had no entity_names (0009 fills it)
            m.setattr(rows_module, "insert_names", lambda *_: None)
            insert_claims(conn, rows)
    engine.dispose()
    with SqlStore(store_url) as store:
        key = inspect(store.engine).get_pk_constraint("claim_entities")["constrained_columns"]
        assert key == ["seq", "role", "position"]
        if store.engine.dialect.name == "sqlite":
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("SELECT v FROM claims_fts_config WHERE k = "
                                            "'automerge'").scalar() == 16
        q = lambda **kw: ids(store.claims(ClaimFilter(**kw)))  # noqa: E731
        assert q(actors=(HEZBOLLAH.id,)) == {second.id}
        assert q(items=(PANTSIR.id,)) == {second.id}
        assert q(items=(SHAHED.id,)) == {first.id, second.id}
        assert store.claim(first.id).claim == first
        # a stored claim's items, read by seq, decide what corroborates it
        add(store, "Iran supplied Russia with Pantsirs.", publisher="RUSI", reliability="B",
            items=(PANTSIR,))
        assert store.claim(first.id).credibility == 2
        add(store, "Iran supplied Russia with Shaheds.", publisher="RUSI", reliability="B",
            items=(SHAHED,))
        assert store.claim(first.id).credibility == 1
