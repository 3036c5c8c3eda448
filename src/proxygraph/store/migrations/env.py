"""Alembic environment for the claim store.

The store runs migrations itself on open (see `proxygraph.store.engine.migrate`) and hands
its open connection in `config.attributes["connection"]`; a developer can also run
`alembic -c src/proxygraph/store/alembic.ini -x url=URL upgrade head`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from proxygraph.store.schema import metadata

config = context.config


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        # The caller owns the transaction (and any lock it took), so nothing commits here.
        context.configure(connection=connection, target_metadata=metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url")
    if not url:
        raise SystemExit("give the database with -x url=URL")
    engine = create_engine(url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata,
                          render_as_batch=conn.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations()
