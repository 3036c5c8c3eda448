"""WAL checkpoints of a SQLite store run in a thread after commits (store/checkpoint.py)."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from proxygraph.store import SqlStore
from store_helpers import add, make_doc


def _in_main_file(path: Path, sha: str) -> bool:
    """Whether the database file itself (not its WAL) holds the document: immutable=1
    makes SQLite read the file alone."""
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha,)).fetchone() \
            is not None
    except sqlite3.DatabaseError:
        return False  # tables not in the file yet
    finally:
        conn.close()


def test_a_commit_reaches_the_database_file_before_the_wal_fills(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    # other tests' stores may still run their own checkpoint threads: only this store's count
    before = {t for t in threading.enumerate() if t.name == "wal-checkpoint"}
    store = SqlStore(f"sqlite:///{path}")
    try:
        add(store, "Iran armed Russia.", publisher="A", reliability="B")
        doc = make_doc("Iran armed Russia.", publisher="A", reliability="B")
        # One small document is far below the writer's own checkpoint (10,000 pages):
        # only the thread copies it into the file while the store stays open.
        deadline = time.monotonic() + 10
        while not _in_main_file(path, doc.sha256):
            assert time.monotonic() < deadline, "no checkpoint within 10 s"
            time.sleep(0.05)
    finally:
        store.close()
    assert not any(t.name == "wal-checkpoint" and t.is_alive() and t not in before
                   for t in threading.enumerate())


def test_a_reader_starts_no_checkpoint_thread(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    SqlStore(url).close()
    before = sum(t.name == "wal-checkpoint" for t in threading.enumerate())
    store = SqlStore(url)
    try:
        assert store.documents() == []
        assert sum(t.name == "wal-checkpoint" for t in threading.enumerate()) == before
    finally:
        store.close()
