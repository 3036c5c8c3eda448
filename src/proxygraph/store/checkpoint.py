"""WAL checkpoints of a SQLite store off the writer's path.

A commit in WAL mode appends pages to the WAL; a checkpoint copies them into the database
file and syncs it. SQLite runs it inside the commit that fills the WAL, so that one
document waits for the copy and the sync, which in a big store touch pages all over the
file (issue 8: at 1M claims 2.6 of 5.6 ms per document, on average, against 0.8 in an
empty store). A writer's store here nudges a thread after each commit; the thread runs a
PASSIVE checkpoint on its own connection (it never blocks the writer nor waits for a
lock) while the writer goes on. The writer's own automatic checkpoint stays as the
bound on the WAL: it then finds most pages copied and synced already.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time

from sqlalchemy import Engine

# The thread waits this long after a nudge, so a run of commits shares one checkpoint.
DELAY_S = 0.05


class Checkpointer:
    """A daemon thread that checkpoints the WAL of one SQLite file after commits."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._wake = threading.Event()
        self._stop = False
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @classmethod
    def for_engine(cls, engine: Engine) -> Checkpointer | None:
        """One for a SQLite file; None for PostgreSQL or an in-memory database."""
        url = engine.url
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return None
        return cls(str(url.database))

    def nudge(self) -> None:
        """A write was committed: checkpoint soon (the thread starts on the first)."""
        with self._lock:
            if self._stop:
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="wal-checkpoint",
                                                daemon=True)
                self._thread.start()
        self._wake.set()

    def close(self) -> None:
        """Stop the thread (after a last checkpoint) and wait for it."""
        with self._lock:
            self._stop = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self._path, timeout=0, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error:
            return  # the writer's own checkpoints still run
        try:
            while True:
                self._wake.wait()
                if not self._stop:
                    time.sleep(DELAY_S)
                self._wake.clear()
                # Busy or gone: the next nudge, or the writer itself, checkpoints.
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                if self._stop:
                    return
        finally:
            conn.close()
