"""`proxygraph import`: hand-coded claims validated row by row, all or nothing, reviewed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import proxygraph.cli  # noqa: F401  (registers every command on the app)
from proxygraph.cli.app import app
from proxygraph.export import export
from proxygraph.ingest import MAX_BYTES
from proxygraph.store import ClaimFilter, SqlStore
from store_helpers import BACKENDS, backend_url
from test_export_fixtures import fill

HEADER = ("subject,type,object,items,via,date,status,certainty,source,publisher,"
          "reliability,quote\n")
GOOD = [
    "Iran,ARMS_TRANSFER,Houthis,Shahed-136; toyota pickups,,2023-03,occurred,high,"
    "UN Panel report 2024,UN Panel,A,\"Iran shipped drones, the panel says.\"\n",
    "Hizballah,TRAINING,Kata'ib Hezbollah,,,2019..2020,ongoing,medium,"
    "UN Panel report 2024,UN Panel,A,\n",
    "Iran,funding,Hezbollah,,Syria,2021-05-02,,,Interview notes,,,\n",
]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Every import test runs on SQLite and on PostgreSQL, as the store suite does."""
    return str(request.param)


@pytest.fixture
def db(backend: str, tmp_path: Path) -> Iterator[str]:
    (tmp_path / "main").mkdir()
    yield from backend_url(backend, tmp_path / "main")


@pytest.fixture
def other_db(backend: str, tmp_path: Path) -> Iterator[str]:
    """A second, empty store on the same backend (round trips import into it)."""
    (tmp_path / "other").mkdir()
    yield from backend_url(backend, tmp_path / "other")


@pytest.fixture
def run(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    monkeypatch.chdir(tmp_path)  # files are named as a user types them: bad.csv:3: ...
    monkeypatch.setenv("PROXYGRAPH_DB", db)
    monkeypatch.setenv("PROXYGRAPH_REVIEWER", "tester")
    runner = CliRunner()

    def invoke(*args: str, code: int = 0, input: bytes | None = None) -> Any:
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result
    return invoke


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def snapshot(db: str) -> tuple[Any, ...]:
    """Everything an import could change: claims (any state), documents, reviews."""
    with SqlStore(db, create=False) as store:
        claims = [(s.id, s.review_state, s.origin) for s in
                  store.claims(ClaimFilter(include="all"))]
        docs = [d.sha256 for d in store.documents()]
        reviews = [store.history(cid).reviews for cid, _, _ in claims]
        return claims, docs, reviews, [(s.name, s.reliability) for s in store.sources()]


@pytest.fixture
def seeded(db: str) -> str:
    with SqlStore(db) as store:
        fill(store)
    return db


# --- good files -------------------------------------------------------------------------

def test_csv_rows_become_reviewed_hand_coded_claims(run: Callable[..., Any], db: str,
                                                    tmp_path: Path) -> None:
    f = write(tmp_path / "coded.csv", HEADER + "".join(GOOD))
    result = run("import", str(f), "--by", "analyst")
    assert "3 claims imported as reviewed" in result.stderr
    assert "unresolved item 'toyota pickups' kept (line 2)" in result.stderr
    with SqlStore(db, create=False) as store:
        found = store.claims(ClaimFilter(reviewed=True))
        assert len(found) == 3
        assert {(s.origin, s.review_state) for s in found} == {("hand", "accepted")}
        by_type = {s.claim.type: s for s in found}
        arms = by_type["ARMS_TRANSFER"].claim
        assert (arms.subject.id, arms.object.id) == ("iran", "houthis")
        assert [i.id for i in arms.items][0] == "shahed-136"
        assert arms.items[1].resolved is False and arms.items[1].name == "toyota pickups"
        assert (arms.time.start, arms.time.end, arms.time.precision) == (
            "2023-03-01", "2023-03-31", "month")
        assert arms.evidence.sentence == "Iran shipped drones, the panel says."
        assert arms.extractor == {"name": "hand-coded", "version": "hand"}
        training = by_type["TRAINING"].claim
        assert training.subject.id == "hezbollah"  # through the alias "Hizballah"
        assert (training.status, training.certainty) == ("ongoing", "medium")
        assert (training.time.start, training.time.end) == ("2019-01-01", "2020-12-31")
        assert by_type["FUNDING"].claim.via[0].id == "syria"
        assert by_type["ARMS_TRANSFER"].reliability == "A"  # the publisher's given grade
        assert by_type["FUNDING"].reliability == "F"  # no grade given
        reviews = store.history(arms.id).reviews
        assert [(r.action, r.reviewer) for r in reviews] == [("accept", "analyst")]
        assert {d.name for d in store.documents()} == {"UN Panel report 2024",
                                                       "Interview notes"}
    again = run("import", str(f), "--by", "analyst")  # the same file again is a no-op
    assert "0 claims imported as reviewed (3 already stored)" in again.stderr


def test_stdin_and_overlay_actors(run: Callable[..., Any], db: str) -> None:
    run("actors", "add", "Liwa Example", "--kind", "armed_group")
    text = HEADER + "Iran,SUPPORT,Liwa Example,,,,,,notes,,,\n"
    result = run("import", "-", "--format", "csv", input=text.encode())
    assert "stdin: 1 claims imported" in result.stderr
    with SqlStore(db, create=False) as store:
        claim = store.claims(ClaimFilter(types=("SUPPORT",)))[0].claim
        assert claim.object.id.startswith("ov_") and claim.object.resolved


def test_new_actor_with_a_kind_or_keep_unknown(run: Callable[..., Any], db: str,
                                               tmp_path: Path) -> None:
    text = ("subject,type,object,object_kind,source\n"
            "Iran,SUPPORT,Saraya Nowhere,armed_group,notes\n")
    result = run("import", str(write(tmp_path / "k.csv", text)))
    assert "unresolved actor 'Saraya Nowhere' kept (line 2)" in result.stderr
    text = "subject,type,object,source\nIran,SUPPORT,Liwa Nowhere,notes\n"
    run("import", str(write(tmp_path / "u.csv", text)), code=3)
    run("import", str(write(tmp_path / "u.csv", text)), "--keep-unknown")
    with SqlStore(db, create=False) as store:
        objects = {s.claim.object.name: s.claim.object for s in store.claims()}
    assert objects["Saraya Nowhere"].kind == "armed_group"
    assert objects["Liwa Nowhere"].kind == "collective"
    assert not objects["Liwa Nowhere"].resolved


def test_an_exported_claims_csv_imports_as_is(run: Callable[..., Any], seeded: str,
                                              other_db: str, tmp_path: Path) -> None:
    with SqlStore(seeded, create=False) as store:
        export(store, "csv", tmp_path / "out")
    target = other_db
    result = run("import", str(tmp_path / "out" / "claims.csv"), "--db", target)
    assert "8 claims imported as reviewed" in result.stderr
    with SqlStore(target, create=False) as other, SqlStore(seeded, create=False) as first:
        def key(s: Any) -> tuple[str, ...]:
            c = s.claim
            return (c.type, c.subject.id, c.object.id if c.object else "", c.status,
                    c.time.start if c.time else "", c.evidence.sentence)
        assert sorted(map(key, other.claims())) == sorted(map(key, first.claims()))


# --- JSONL and the round trip -----------------------------------------------------------

def test_jsonl_round_trip_keeps_ids_and_fields(seeded: str, other_db: str, tmp_path: Path,
                                               run: Callable[..., Any]) -> None:
    with SqlStore(seeded, create=False) as store:
        export(store, "jsonl", tmp_path / "first.jsonl")
    empty = other_db
    result = run("import", str(tmp_path / "first.jsonl"), "--db", empty)
    assert "8 claims imported as reviewed" in result.stderr
    assert "unresolved actor 'Syrian fighters' kept (line 6)" in result.stderr
    with SqlStore(empty, create=False) as store:
        export(store, "jsonl", tmp_path / "second.jsonl")

    def load(name: str) -> list[dict[str, Any]]:
        return [json.loads(x) for x in (tmp_path / name).read_text().splitlines()]
    first, second = load("first.jsonl"), load("second.jsonl")
    assert [r["id"] for r in first] == [r["id"] for r in second]
    for a, b in zip(first, second, strict=True):
        assert a["review"]["state"] == "unreviewed" and b["review"] == {
            "state": "accepted", "origin": "hand", "lifecycle": "active", "supersedes": None}
        del a["review"], b["review"]
        assert a == b  # every claim field, its document, reliability and credibility


def test_jsonl_extract_output_without_source_imports(run: Callable[..., Any], seeded: str,
                                                     other_db: str, tmp_path: Path) -> None:
    with SqlStore(seeded, create=False) as store:
        lines = [json.dumps(s.claim.to_dict()) for s in store.claims()]  # extract's shape
    f = write(tmp_path / "claims.jsonl", "\n".join(lines) + "\n")
    target = other_db
    assert "8 claims imported" in run("import", str(f), "--db", target).stderr
    with SqlStore(target, create=False) as store:
        assert {d.name for d in store.documents()} == {"a.txt", "b.txt", "c.txt"}


# --- bad input: a line-numbered report, a non-zero exit, nothing stored ------------------

BAD_CASES = {
    "wrong header": ("subjet,type,object,source\nIran,SUPPORT,Hezbollah,x\n", 3,
                     ["bad.csv:1: unknown column 'subjet'", "bad.csv:1: missing column "
                      "'subject'"], "nothing imported: bad header"),
    "unknown type": (HEADER + GOOD[0] + "Iran,ARMS,Houthis,,,,,,src,,,\n" + GOOD[1], 3,
                     ["bad.csv:3: unknown type 'ARMS'"], "nothing imported: 1 bad of 3 rows"),
    "unknown actor": (HEADER + GOOD[0] + "Hezbolah,SUPPORT,Houthis,,,,,,src,,,\n", 3,
                      ["bad.csv:3: unknown subject 'Hezbolah' (closest: Hezbollah"],
                      "nothing imported: 1 bad of 2 rows"),
    "bad date": (HEADER + "Iran,SUPPORT,Houthis,,,2023-13,,,src,,,\n"
                 + "Iran,SUPPORT,Houthis,,,2024..2023,,,src,,,\n", 3,
                 ["bad.csv:2: bad date '2023-13'", "bad.csv:3: bad date '2024..2023': it "
                  "ends before it starts"], "nothing imported: 2 bad of 2 rows"),
    "bad values": (HEADER + "Iran,SUPPORT,Houthis,Shahed-136,,,,,src,,,\n"
                   + "Iran,SUPPORT,,,,,,,src,,,\n" + "Iran,SUPPORT,Houthis,,,,maybe,,src,,,\n"
                   + "Iran,SUPPORT,Houthis,,,,,,src,,Z,\n" + "Iran,SUPPORT,Houthis,,,,,,,,,\n"
                   + "Iran,SUPPORT,Houthis,,,,,,src,,,,extra\n", 3,
                   ["bad.csv:2: SUPPORT does not take items", "bad.csv:3: SUPPORT needs an "
                    "object", "bad.csv:4: unknown status 'maybe'", "bad.csv:5: reliability "
                    "must be one of A-F", "bad.csv:6: missing source", "bad.csv:7: 13 fields"],
                   "nothing imported: 6 bad of 6 rows"),
    "invalid UTF-8": (HEADER.encode() + GOOD[0].encode() + b"Iran,SUPPORT,Hezbollah,,,,,,"
                      b"caf\xe9 notes,,,\n", 2, ["bad.csv:3: not valid UTF-8 (byte 0xe9"],
                      "nothing imported: unreadable"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_is_reported_by_line_and_stores_nothing(
        case: str, run: Callable[..., Any], seeded: str, tmp_path: Path) -> None:
    content, code, lines, summary = BAD_CASES[case]
    f = write(tmp_path / "bad.csv", content)
    before = snapshot(seeded)
    result = run("import", f.name, code=code)
    errors = result.stderr.strip().splitlines()
    for expected in lines:
        assert any(e.startswith(expected) for e in errors), (expected, errors)
    assert summary in errors[-1]
    assert snapshot(seeded) == before
    assert "Traceback" not in result.stderr


def test_jsonl_bad_lines_are_reported(run: Callable[..., Any], seeded: str,
                                      tmp_path: Path) -> None:
    with SqlStore(seeded, create=False) as store:
        good = json.dumps(store.claims()[0].to_dict())
    bad_type = json.loads(good) | {"type": "SPONSORSHIP"}
    bad_actor = json.loads(good)
    bad_actor["subject"] = {"id": "nobody-known", "name": "Nobody Known", "kind": "state"}
    text = "\n".join([good, "{not json", json.dumps(bad_type), "[1, 2]",
                      json.dumps(bad_actor), ""])
    before = snapshot(seeded)
    result = run("import", write(tmp_path / "x.jsonl", text).name, code=3)
    errors = result.stderr.splitlines()
    assert errors[0].startswith("x.jsonl:2: not JSON")
    assert errors[1] == "x.jsonl:3: unknown claim type 'SPONSORSHIP'"
    assert errors[2] == "x.jsonl:4: not a claim object"
    assert errors[3].startswith("x.jsonl:5: unknown subject 'Nobody Known'")
    assert snapshot(seeded) == before


def test_a_file_over_the_limit_is_refused(run: Callable[..., Any], seeded: str,
                                          tmp_path: Path) -> None:
    f = tmp_path / "huge.csv"
    row = GOOD[2].encode()
    with f.open("wb") as fh:
        fh.write(HEADER.encode())
        fh.write(row * (50 * 2**20 // len(row) + 1))  # 50 MB of valid rows
    assert f.stat().st_size > MAX_BYTES
    before = snapshot(seeded)
    result = run("import", str(f), code=2)
    assert "too large to import (50.0 MiB; the limit is 20 MiB" in result.stderr
    assert snapshot(seeded) == before


def test_skip_bad_stores_the_good_rows_and_exits_1(run: Callable[..., Any], db: str,
                                                   tmp_path: Path) -> None:
    text = HEADER + GOOD[0] + "Iran,ARMS,Houthis,,,,,,src,,,\n" + GOOD[1]
    result = run("import", write(tmp_path / "s.csv", text).name, "--skip-bad", code=1)
    assert "s.csv:3: unknown type 'ARMS'" in result.stderr
    assert "2 claims imported as reviewed, 1 bad rows skipped" in result.stderr
    with SqlStore(db, create=False) as store:
        assert len(store.claims()) == 2


def test_a_bad_file_does_not_create_a_store(run: Callable[..., Any], tmp_path: Path) -> None:
    target = tmp_path / "never.db"
    f = write(tmp_path / "b.csv", HEADER + "Iran,NOPE,Houthis,,,,,,src,,,\n")
    run("import", str(f), "--db", f"sqlite:///{target}", code=3)
    assert not target.exists()
    run("import", str(tmp_path / "missing.csv"), "--db", f"sqlite:///{target}", code=2)
    assert not target.exists()


def test_skip_bad_does_not_excuse_a_wrong_header(run: Callable[..., Any], seeded: str,
                                                 tmp_path: Path) -> None:
    f = write(tmp_path / "h.csv", "who,type,object,source\nIran,SUPPORT,Houthis,x\n")
    before = snapshot(seeded)
    run("import", str(f), "--skip-bad", code=3)
    assert snapshot(seeded) == before
