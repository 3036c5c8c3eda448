"""Engines for the store: SQLite tuned for concurrent use, PostgreSQL as is, and the
Alembic migrations applied on open from the packaged migration scripts."""

from __future__ import annotations

import sqlite3
import time
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from proxygraph.errors import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 60_000
SQLITE_CACHE_KIB = 65_536  # page cache per connection (SQLite's default is 2 MiB)
# A command that reads the store once from end to end (an export) gains nothing from a
# big cache: pages are not read twice. Keeping it small keeps its memory flat.
SQLITE_STREAM_CACHE_KIB = 4_096
# A writer's connection to a store file smaller than this many bytes gets at most
# SQLITE_SMALL_FILE_CACHE_KIB (see `_cache_kib`): 1 GiB, where SQLite's lock-byte page lies.
SQLITE_LOCK_BYTE_OFFSET = 1 << 30
SQLITE_SMALL_FILE_CACHE_KIB = 4_096
# Pages the WAL may hold before the committing writer copies them into the database and
# syncs it (SQLite's default is 1,000). In a big store each document dirties pages all
# over the file, so each checkpoint syncs scattered writes: a larger WAL shares those
# syncs, and the pages written again (index roots, the ends of ordered indexes), among
# more documents (issue 8: at 1M claims 5.1 -> 2.6 ms per document). Up to ~40 MB of WAL;
# under synchronous=NORMAL a power cut (not a crash) may lose more of the last commits.
SQLITE_WAL_CHECKPOINT_PAGES = 10_000
_PG_MIGRATION_LOCK = 0x70726F78  # any constant: serialises concurrent migrations


def make_engine(url: str, *, sqlite_cache_kib: int = SQLITE_CACHE_KIB,
                writer: bool = False) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout, explicit transactions and a
    page cache of `sqlite_cache_kib` per connection (for a `writer`, a small one while
    the file is under 1 GiB: see `_cache_kib`)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r}") from None
    if parsed.drivername in ("postgresql", "postgres"):
        # psycopg 3 is the driver proxygraph installs; plain postgresql:// would ask for
        # psycopg2, which is not there.
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database {backend!r} (use sqlite:/// or postgresql+psycopg://)")
    try:
        if backend == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            _tune_sqlite(engine, sqlite_cache_kib, writer)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot open {parsed.render_as_string(hide_password=True)}: "
                         f"{exc}") from None
    return engine


def _enable_wal(cur: Any) -> None:
    """Switch to WAL. The switch needs a lock that SQLite does not wait for (the busy
    timeout does not apply), so two processes opening a new store at once retry here."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _tune_sqlite(engine: Engine, cache_kib: int, writer: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module so BEGIN is ours (below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _enable_wal(cur)
        cur.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; safe in WAL
        cur.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_WAL_CHECKPOINT_PAGES}")
        kib = _cache_kib(cur, cache_kib) if writer else int(cache_kib)
        cur.execute(f"PRAGMA cache_size = -{kib}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front: a deferred transaction that later upgrades
        # to a writer fails with SQLITE_BUSY at once instead of waiting its turn.
        mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


def _cache_kib(cur: Any, wanted: int) -> int:
    """The page cache for a writer's connection to this file: `wanted`, or a small one
    for a file under 1 GiB. When a B-tree page splits, SQLite (3.40) renumbers the new
    pages through the number of the lock-byte page, at 1 GiB, so the cache holds a page
    number past the end of a smaller file; the commit then looks for such pages in every
    slot of the cache's hash table, which only grows with the pages cached. With 64 MiB
    that scan cost a 100k-claim store 0.3-0.4 ms per ingested document, against 4.5
    (issue 8). A file past 1 GiB never holds such a page; one under it is small enough
    to be read from the OS page cache. Readers never commit pages, so they keep theirs."""
    page_size, pages = (cur.execute(f"PRAGMA {p}").fetchone()[0]
                        for p in ("page_size", "page_count"))
    if page_size * pages < SQLITE_LOCK_BYTE_OFFSET:
        return min(int(wanted), SQLITE_SMALL_FILE_CACHE_KIB)
    return int(wanted)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@cache
def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def migrate(engine: Engine, *, create: bool = True) -> None:
    """Bring the schema to the newest revision, once, even with several openers at once.

    With `create=False` a database without a proxygraph schema is refused, not filled.
    """
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    if current == head_revision():
        return
    if current is None and not create:
        raise StoreError(f"no proxygraph store in "
                         f"{engine.url.render_as_string(hide_password=True)} (`proxygraph "
                         "ingest` creates one)")
    with engine.connect() as conn:
        conn.execution_options(write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
