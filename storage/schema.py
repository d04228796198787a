"""The schema: Alembic migrations for both engines, run at start, and its tables as SQLAlchemy
MetaData (for `chapterbot db copy`).

Revisions are named "0001".."NNNN", one per `storage/migrations/NNNN_*.sql`. On SQLite,
revisions 1-12 replay those files as every earlier version of chapterbot did (and keep
`PRAGMA user_version` in step), so a database made by any earlier version upgrades in place: one
without an `alembic_version` table is stamped at its `user_version` first. On PostgreSQL (no
older databases exist) revision 12 creates the schema as of 12 (`postgresql_0012.sql`) and 1-11
do nothing; later revisions run on both.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import MetaData, event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

if TYPE_CHECKING:
    from storage.db import Database

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
POSTGRESQL_BASE = 12  # the revision whose PostgreSQL schema is written in one file
EXTRA_VERSION_LOCATIONS: list[str] = []  # more revision folders (tests add a broken one)


def bundled_migrations() -> list[tuple[int, str, str]]:
    """The numbered `.sql` files shipped in `storage/migrations`, in order: (number, name, sql)."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {numbers}")
    return found


def latest() -> int:
    """The schema version this code brings a database to."""
    return len(bundled_migrations())


def statements(sql: str) -> list[str]:
    """A script cut into its statements (semicolons inside literals and comments stay)."""
    found, pending = [], ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                found.append(pending.strip())
            pending = ""
    if pending.strip():
        found.append(pending.strip())
    return [s for s in found if _code(s)]


def _code(statement: str) -> str:
    return "\n".join(
        line for line in statement.splitlines() if not line.strip().startswith("--")
    ).strip(" \n;")


def replay(number: int) -> None:
    """A revision's upgrade: on SQLite, its `.sql` file; on PostgreSQL, the schema file at
    POSTGRESQL_BASE and nothing before it; later revisions' `.sql` run on both."""
    from alembic import op

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        if number < POSTGRESQL_BASE:
            return
        if number == POSTGRESQL_BASE:
            sql = resources.files("storage.migrations").joinpath("postgresql_0012.sql")
            _run_script(bind, sql.read_text(encoding="utf-8"))
            return
    name = next(name for n, name, _ in bundled_migrations() if n == number)
    log.info("Applying migration %s", name)
    _run_script(bind, next(sql for n, _, sql in bundled_migrations() if n == number))
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql(f"PRAGMA user_version = {number}")


def _run_script(bind: Connection, sql: str) -> None:
    for statement in statements(sql):
        bind.exec_driver_sql(statement)


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    folder = Path(__file__).parent / "migrations"
    config.set_main_option("script_location", str(folder))
    locations = [str(folder / "versions"), *EXTRA_VERSION_LOCATIONS]
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(locations))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, up_to: int | None) -> None:
    from alembic import command
    from alembic.migration import MigrationContext

    config = _alembic_config(connection)
    current = MigrationContext.configure(connection).get_current_revision()
    version = 0
    if current is None and connection.dialect.name == "sqlite":
        version = int(connection.exec_driver_sql("PRAGMA user_version").scalar() or 0)
    connection.commit()  # each revision is to run in a transaction of its own
    if current is None and version > 0:  # made by an earlier chapterbot: it is at that one
        command.stamp(config, f"{version:04d}")
        current = f"{version:04d}"
    if up_to is not None and current is not None and int(current) >= up_to:
        return
    command.upgrade(config, "head" if up_to is None else f"{up_to:04d}")


async def migrate(target: Database | AsyncEngine, up_to: int | None = None) -> None:
    """Bring the schema up to date (or to revision `up_to`), each revision in its own
    transaction. Takes the Database or any AsyncEngine (`chapterbot db copy`'s target)."""
    engine = target if isinstance(target, AsyncEngine) else target.engine
    if engine.dialect.name == "sqlite":
        engine = _sqlite_migration_engine(engine)
        try:
            async with engine.connect() as conn:
                await conn.run_sync(_upgrade, up_to)
        finally:
            await engine.dispose()
        return
    async with engine.connect() as conn:
        await conn.run_sync(_upgrade, up_to)


def _sqlite_migration_engine(engine: AsyncEngine) -> AsyncEngine:
    """An engine on the same file whose transactions are real SQLite ones (BEGIN IMMEDIATE),
    so a revision's DDL, its `user_version` and its alembic_version row commit together."""
    own = create_async_engine(engine.url)

    @event.listens_for(own.sync_engine, "connect")
    def _connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver emits no BEGIN of its own
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    @event.listens_for(own.sync_engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return own


async def schema_version(db: Database) -> int:
    """The newest revision applied (0: none yet)."""
    if db.is_postgresql:
        exists = await db.fetch_one("SELECT to_regclass('alembic_version') IS NOT NULL")
        if not exists or not exists[0]:
            return 0
        row = await db.fetch_one("SELECT version_num FROM alembic_version")
        return int(row[0]) if row else 0
    row = await db.fetch_one("PRAGMA user_version")
    return int(row[0]) if row else 0


async def tables(db: Database | AsyncEngine) -> MetaData:
    """The current tables (reflected from the database), in an order that respects foreign
    keys (`MetaData.sorted_tables`); alembic_version left out."""
    engine = db if isinstance(db, AsyncEngine) else db.engine
    metadata = MetaData()
    async with engine.connect() as conn:
        await conn.run_sync(lambda sync: metadata.reflect(sync))
    if "alembic_version" in metadata.tables:
        metadata.remove(metadata.tables["alembic_version"])
    return metadata
