"""Planner statistics and query plans: what keeps the store's queries on their indexes.

The planner needs statistics to choose the narrow index (an actor's few claims rather
than every claim of a type). The migration to 0003 runs ANALYZE; after that the store
runs it again whenever the claims have doubled since the statistics were taken (cheaply
on SQLite: `analysis_limit` samples each index), so a store that grew from ten claims to a
million is not planned as if it still had ten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.selectable import Alias
from sqlalchemy.sql.visitors import InternalTraversal

from proxygraph.store.schema import claims

GROWTH = 2  # re-analyze when the claims have grown this many times over
MIN_CLAIMS = 1000  # below this any plan is fast
SQLITE_ANALYSIS_LIMIT = 1000


def missing_sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names when it does not exist (None for any other URL)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def analyzed_rows(conn: Connection) -> int:
    """How many claims the planner's statistics were taken at (0: never)."""
    if conn.dialect.name == "postgresql":
        value = conn.exec_driver_sql(
            "SELECT reltuples FROM pg_class WHERE oid = 'claims'::regclass").scalar()
        return max(int(value or 0), 0)
    has_stats = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
    if has_stats is None:
        return 0
    stat = conn.exec_driver_sql(
        "SELECT stat FROM sqlite_stat1 WHERE tbl = 'claims' AND idx = 'ix_claims_seq'").scalar()
    return int(str(stat).split()[0]) if stat else 0


def analyze(conn: Connection) -> None:
    """Refresh the planner's statistics for the claim tables."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ANALYZE claims")
        conn.exec_driver_sql("ANALYZE claim_entities")
    else:
        conn.exec_driver_sql(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
        conn.exec_driver_sql("ANALYZE claims")
        conn.exec_driver_sql("ANALYZE claim_entities")
        # A sampled ANALYZE estimates the row count, up to twice too low or high (53,237
        # for a store of 100,000): `maybe_analyze` would then find the store doubled a
        # few hundred documents later and ANALYZE on every write after. The unique seq
        # index's count is the claims' count, so it is written exactly.
        rows = int(conn.execute(select(func.coalesce(func.max(claims.c.seq), 0))).scalar_one())
        conn.exec_driver_sql(
            "UPDATE sqlite_stat1 SET stat = ? || substr(stat, instr(stat, ' ')) "
            "WHERE tbl = 'claims' AND idx = 'ix_claims_seq'", (rows,))


def maybe_analyze(conn: Connection) -> bool:
    """ANALYZE when the claims have grown GROWTH times since the last statistics."""
    rows = int(conn.execute(select(func.coalesce(func.max(claims.c.seq), 0))).scalar_one())
    if rows < MIN_CLAIMS or rows < GROWTH * analyzed_rows(conn):
        return False
    analyze(conn)
    return True


def estimated_rows(conn: Connection, statement: object) -> int:
    """PostgreSQL's estimate of the rows a statement returns, from its statistics: a
    fraction of a millisecond where counting them through an index takes tens."""
    compiled = statement.compile(dialect=conn.dialect,  # type: ignore[attr-defined]
                                 compile_kwargs={"render_postcompile": True})
    plan = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {compiled}", compiled.params).scalar()
    if isinstance(plan, str):
        import json

        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def explain(conn: Connection, statement: object) -> list[str]:
    """The backend's plan for a SQLAlchemy statement, one line per step."""
    compiled = statement.compile(dialect=conn.dialect,  # type: ignore[attr-defined]
                                 compile_kwargs={"render_postcompile": True})
    params = compiled.params
    if conn.dialect.name == "postgresql":
        rows = conn.exec_driver_sql(f"EXPLAIN {compiled}", params).all()
        return [str(r[0]) for r in rows]
    positional = tuple(params[name] for name in compiled.positiontup or ())
    rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", positional).all()
    return [str(r[-1]) for r in rows]


class IndexedAlias(Alias):
    """A table under another name that SQLite must read through one index."""

    # The index is part of SQLAlchemy's cache key, so a statement is compiled once.
    _traverse_internals = [*Alias._traverse_internals, ("index", InternalTraversal.dp_string)]
    inherit_cache = True
    index = ""


@compiles(IndexedAlias, "sqlite")
def _indexed_by(element: IndexedAlias, compiler: SQLCompiler, **kw: Any) -> str:
    out = compiler.visit_alias(element, **kw)
    return f"{out} INDEXED BY {element.index}" if kw.get("asfrom") else out


def indexed_by(table: Table, index: str, name: str) -> IndexedAlias:
    """`table AS name INDEXED BY index` on SQLite (SQLAlchemy's `with_hint` renders
    nothing there), `table AS name` on PostgreSQL, whose planner takes no orders."""
    alias = IndexedAlias._construct(table, name=name)
    alias.index = index
    return alias
