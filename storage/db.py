"""The database of the process on SQLAlchemy's asyncio engine: SQLite (aiosqlite) or
PostgreSQL (asyncpg), its transactions, and rows read by name or by index.

The repositories write SQL with `?` placeholders (or `:name` with a dict) and call `execute`,
`execute_rowcount`, `execute_many`, `fetch_one`, `fetch_all` (and `*_aside` for long reads),
inside `transaction()` when several writes must stand or fall together.

SQLite keeps what made it good here: WAL, foreign keys, synchronous FULL, a busy timeout, one
writer connection whose writes one lock serializes, `BEGIN IMMEDIATE` transactions, and a
read-only connection for long reads. PostgreSQL gets a small pool; a transaction binds one
connection to the task (a context variable) and nested use joins it.
"""

from __future__ import annotations

import asyncio
import contextvars
import decimal
import logging
import os
import sqlite3
import urllib.parse
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from storage.dialect import POSTGRESQL, SQLITE, Dialect, numbered
from storage.dialect import status_literal as status_literal
from storage.schema import bundled_migrations as bundled_migrations
from storage.schema import migrate

log = logging.getLogger(__name__)

# What a service is handed to make several writes one atomic unit: `async with transaction():`.
UnitOfWork = Callable[[], AbstractAsyncContextManager[None]]
# What a failing database raises, whichever the engine (SQLAlchemy wraps the driver's errors).
DatabaseError = sa_exc.SQLAlchemyError
IntegrityError = sa_exc.IntegrityError
Params = Sequence[Any] | Mapping[str, Any]
# PostgreSQL: claims held at once (each holds a pooled connection while its message is sent); the
# rest of the pool stays free for members' requests.
CLAIMS_AT_ONCE = 8


class DatabaseUnavailable(Exception):
    """The database can't be used at start; the message is one line for the operator and never
    holds the password."""


class Row:
    """One row, read by index (`row[0]`) or by column name (`row["id"]`)."""

    __slots__ = ("_names", "_values")

    def __init__(self, values: tuple[Any, ...], names: dict[str, int]) -> None:
        self._values = values
        self._names = names

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            return self._values[self._names[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._names)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Row):
            return self._values == other._values
        return self._values == other

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._names, self._values, strict=True))!r})"


@dataclass(frozen=True, slots=True)
class Target:
    """Where the database is: the URL as given, for the driver, and safe to print."""

    url: str
    dialect: Dialect

    @classmethod
    def parse(cls, url_or_path: str | Path) -> Target:
        text = str(url_or_path)
        if isinstance(url_or_path, Path) or "://" not in text:
            return cls(f"sqlite:///{text}", Dialect(SQLITE))
        scheme = text.split("://", 1)[0].lower()
        if scheme in ("sqlite", "sqlite+aiosqlite"):
            return cls(text, Dialect(SQLITE))
        if scheme in ("postgresql", "postgres", "postgresql+asyncpg"):
            return cls(text, Dialect(POSTGRESQL))
        raise DatabaseUnavailable(
            f"DATABASE_URL must start with sqlite:/// or postgresql://, got {scheme}://"
        )

    @property
    def path(self) -> Path | None:
        """The SQLite file (None for PostgreSQL and for an in-memory database)."""
        if self.dialect.is_postgresql:
            return None
        path = self.url.split("://", 1)[1][1:]  # sqlite:///relative or sqlite:////absolute
        path = path.split("?", 1)[0]
        return None if path in ("", ":memory:") else Path(path)

    def driver_url(self) -> str:
        """The URL with the asyncio driver SQLAlchemy is to use."""
        if self.dialect.is_postgresql:
            url = make_url(self.url)
            return url.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
        path = self.path
        return f"sqlite+aiosqlite:///{path if path is not None else ':memory:'}"

    def plain_url(self) -> str:
        """The PostgreSQL URL as libpq and asyncpg read it (no SQLAlchemy driver name)."""
        url = make_url(self.url).set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    def shown(self) -> str:
        """The URL without its password, for messages and logs."""
        if self.dialect.is_postgresql:
            try:
                return make_url(self.url).render_as_string(hide_password=True)
            except sa_exc.ArgumentError:
                return "postgresql://…"
        return str(self.path or ":memory:")


def _read_only(path: Path) -> str:
    """The file as a read-only SQLite URI (for the connection long reads go through)."""
    return "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"


def _rows(result: Any, postgresql: bool) -> list[Row]:
    names = {name: index for index, name in enumerate(result.keys())}
    if not postgresql:
        return [Row(tuple(values), names) for values in result.fetchall()]
    # PostgreSQL sums and averages are NUMERIC: as SQLite gives them, whole numbers stay ints.
    return [Row(tuple(_plain(value) for value in values), names) for values in result.fetchall()]


def _sqlite_step(driver: Any, statement: str, values: Any) -> tuple[list[Row], int, int]:
    """One statement on the aiosqlite connection's own thread, in one hop: (rows, rowcount,
    lastrowid)."""
    cursor = driver._conn.execute(statement, () if values is None else values)
    try:
        description = cursor.description
        rows: list[Row] = []
        if description is not None:
            names = {column[0]: index for index, column in enumerate(description)}
            rows = [Row(tuple(found), names) for found in cursor.fetchall()]
        return rows, cursor.rowcount, cursor.lastrowid or 0
    finally:
        cursor.close()


def _plain(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class Database:
    """Owns the engine; repositories borrow it. On SQLite one lock serializes the writes."""

    def __init__(self, target: Target, engine: AsyncEngine) -> None:
        self.target = target
        self.dialect = target.dialect
        self.engine = engine
        self.path = target.path  # the SQLite file, for readers on their own connection
        self._postgresql = target.dialect.is_postgresql
        self._conn: AsyncConnection | None = None  # SQLite: the one connection
        self._aside_engine: AsyncEngine | None = None
        self._aside: AsyncConnection | None = None  # SQLite: long reads, holding up no one
        # SQLite: each connection's aiosqlite connection, whose thread runs a statement in one
        # hop (SQLAlchemy's adapter makes three or four of cursor, execute, fetch and close).
        self._drivers: dict[int, Any] = {}
        self._lock = asyncio.Lock()
        self._claims = asyncio.Semaphore(CLAIMS_AT_ONCE)
        self._closed = False
        self._autocommit: AsyncEngine | None = None  # PostgreSQL: one statement, no BEGIN
        # The task's transaction: its connection, and the task that began it (on PostgreSQL a
        # task started inside a transaction does not share its connection: asyncpg runs one
        # operation at a time on a connection, and the transaction may end before the task).
        self._current: contextvars.ContextVar[tuple[AsyncConnection, object] | None] = (
            contextvars.ContextVar(f"transaction_{id(self)}", default=None)
        )

    @classmethod
    async def open(cls, url_or_path: str | Path, *, migrate_to: int | None = None) -> Database:
        """Connect, check the server answers, and bring the schema up to date (or to
        `migrate_to`). Raises DatabaseUnavailable with one line saying what is wrong."""
        target = Target.parse(url_or_path)
        db = await cls.connect(target)
        try:
            await migrate(db, up_to=migrate_to)
            await db._open_aside()
        except BaseException:
            await db.close()
            raise
        return db

    @classmethod
    async def connect(cls, target: Target) -> Database:
        """Connect without migrating."""
        if target.dialect.is_postgresql:
            try:
                engine = create_async_engine(
                    target.driver_url(),
                    pool_size=5,
                    max_overflow=CLAIMS_AT_ONCE + 2,
                    pool_recycle=600,  # no ping per checkout: a dead connection fails once
                    hide_parameters=True,
                )
            except (sa_exc.ArgumentError, ValueError) as exc:
                raise DatabaseUnavailable(f"DATABASE_URL is not a valid URL ({exc})") from None
            db = cls(target, engine)
            db._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
            await db._check_server()
            return db
        engine = create_async_engine(target.driver_url(), hide_parameters=True)
        db = cls(target, engine)
        try:
            conn = await engine.connect()
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            db._conn = conn
            db._drivers[id(conn)] = (await conn.get_raw_connection()).driver_connection
            for pragma in (
                "PRAGMA journal_mode = WAL",
                "PRAGMA foreign_keys = ON",
                "PRAGMA synchronous = FULL",  # acknowledged means on disk
                "PRAGMA busy_timeout = 5000",
            ):
                await conn.exec_driver_sql(pragma)
        except sa_exc.DBAPIError as exc:
            await engine.dispose()
            raise DatabaseUnavailable(
                f"cannot open the SQLite database {target.shown()}: {exc.orig}"
            ) from None
        return db

    async def _check_server(self) -> None:
        try:
            async with asyncio.timeout(15):
                await self.fetch_one("SELECT 1")
        except Exception as exc:  # OSError, TimeoutError, the driver's: one line says which
            await self.engine.dispose()
            raise DatabaseUnavailable(_postgres_problem(self.target, exc)) from None

    async def _open_aside(self) -> None:
        if self._postgresql or self.path is None:
            return
        self._aside_engine = create_async_engine(
            "sqlite+aiosqlite:///" + _read_only(self.path) + "&uri=true", hide_parameters=True
        )
        self._aside = await self._aside_engine.connect()
        self._aside = await self._aside.execution_options(isolation_level="AUTOCOMMIT")
        self._drivers[id(self._aside)] = (await self._aside.get_raw_connection()).driver_connection

    async def close(self) -> None:
        self._closed = True
        if self._aside is not None:
            await self._aside.close()
        if self._aside_engine is not None:
            await self._aside_engine.dispose()
        if self._conn is not None:
            await self._conn.close()
            self._conn = None
        await self.engine.dispose()

    @property
    def is_postgresql(self) -> bool:
        return self._postgresql

    async def schema_version(self) -> int:
        """The number of the newest migration applied (0: an empty database)."""
        from storage.schema import schema_version

        return await schema_version(self)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """One atomic unit of work. Nested use joins the outer transaction."""
        if self._joined() is not None:
            yield
            return
        if self._postgresql:
            async with self.engine.connect() as conn, conn.begin():
                token = self._current.set((conn, asyncio.current_task()))
                try:
                    yield
                finally:
                    self._current.reset(token)
            return
        conn = self._sqlite()
        async with self._lock:
            token = self._current.set((conn, asyncio.current_task()))
            await self._on(conn, "BEGIN IMMEDIATE", None)
            try:
                yield
            except BaseException:
                await self._on(conn, "ROLLBACK", None)
                raise
            else:
                await self._on(conn, "COMMIT", None)
            finally:
                self._current.reset(token)

    def _joined(self) -> AsyncConnection | None:
        """The connection of the transaction this task is in, if any."""
        current = self._current.get()
        if current is None:
            return None
        conn, owner = current
        if self._postgresql and owner is not asyncio.current_task():
            return None
        return conn

    @property
    def in_transaction(self) -> bool:
        return self._joined() is not None

    @asynccontextmanager
    async def claim(
        self, sql: str, params: Params = (), *, key: tuple[int, int] | None = None
    ) -> AsyncIterator[bool]:
        """Take one due row to work on: yields whether `sql` (a SELECT of that row, still due)
        found it. On PostgreSQL the row is locked `FOR UPDATE SKIP LOCKED` in a transaction
        held for the whole block, so another process passes it over, and the block's writes
        commit with it; a process that dies mid-block releases it for the next. With `key`
        (kind, id) the claim is an advisory lock on that key, held by a connection of its own
        outside any transaction: the block's writes commit as they go, for a block whose rows
        another task writes (a row lock held here would make that task wait on this block). On
        SQLite (one writer, one process) the row is only looked at: no transaction is held."""
        if not self._postgresql or self.in_transaction:
            yield await self.fetch_one(sql, params) is not None
            return
        if key is None:
            async with self._claims, self.transaction():
                yield await self.fetch_one(sql + " FOR UPDATE SKIP LOCKED", params) is not None
            return
        assert self._autocommit is not None
        async with self._claims, self._autocommit.connect() as holder:
            lock = "SELECT pg_try_advisory_lock(CAST($1 AS integer), CAST($2 AS integer))"
            if not (await holder.exec_driver_sql(lock, key)).scalar():
                yield False
                return
            try:
                yield await self.fetch_one(sql, params) is not None
            finally:
                unlock = "SELECT pg_advisory_unlock(CAST($1 AS integer), CAST($2 AS integer))"
                try:
                    await holder.exec_driver_sql(unlock, key)
                except BaseException:
                    await holder.invalidate()  # closing the session releases the lock
                    raise

    def _sqlite(self) -> AsyncConnection:
        if self._conn is None:
            raise ValueError("the database is closed")
        return self._conn

    def _statement(self, sql: str, params: Params | None) -> tuple[str, Any]:
        if not self._postgresql:
            if not params:
                return sql, None
            return sql, (dict(params) if isinstance(params, Mapping) else tuple(params))
        translated, names = numbered(sql)
        if names is not None:
            assert isinstance(params, Mapping)
            return translated, tuple(params[name] for name in names)
        return translated, (tuple(params) if params else None)

    async def _run(
        self, sql: str, params: Params | None, *, write: bool, aside: bool = False
    ) -> tuple[list[Row], int, int]:
        """(rows, rowcount, lastrowid) of one statement, on the task's transaction if it has
        one. A write outside a transaction is atomic by itself: on SQLite it runs under the
        lock (so it can't slip into another task's open transaction)."""
        if self._closed:
            raise ValueError("the database is closed")
        statement, values = self._statement(sql, params)
        conn = self._joined()
        if conn is not None:
            return await self._on(conn, statement, values)
        if self._postgresql:
            assert self._autocommit is not None
            async with self._autocommit.connect() as own:
                return await self._on(own, statement, values)
        if aside and self._aside is not None:
            return await self._on(self._aside, statement, values)
        if write:
            async with self._lock:
                return await self._on(self._sqlite(), statement, values)
        return await self._on(self._sqlite(), statement, values)

    async def _on(
        self, conn: AsyncConnection, statement: str, values: Any
    ) -> tuple[list[Row], int, int]:
        driver = None if self._postgresql else self._drivers.get(id(conn))
        if driver is not None:
            try:
                return await driver._execute(_sqlite_step, driver, statement, values)
            except sqlite3.Error as exc:  # as SQLAlchemy would have raised it
                raise sa_exc.DBAPIError.instance(
                    statement, values, exc, sqlite3.Error, hide_parameters=True
                ) from exc
        result = await conn.exec_driver_sql(statement, values)
        rows = _rows(result, self._postgresql) if result.returns_rows else []
        lastrowid = 0 if self._postgresql else (result.lastrowid or 0)
        return rows, result.rowcount, lastrowid

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one write; on SQLite returns the last row id (use `RETURNING id` to be
        portable)."""
        _, _, lastrowid = await self._run(sql, params, write=True)
        return lastrowid

    async def execute_rowcount(self, sql: str, params: Params = ()) -> int:
        """Run one write; returns how many rows it changed."""
        _, count, _ = await self._run(sql, params, write=True)
        return count

    async def execute_returning(self, sql: str, params: Params = ()) -> list[Row]:
        """Run one write with `RETURNING`; the rows it returns."""
        rows, _, _ = await self._run(sql, params, write=True)
        return rows

    async def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """The same write for each row of parameters (nothing to do for none)."""
        batch = [tuple(row) for row in rows]
        if not batch:
            return
        statement, _ = self._statement(sql, None)
        conn = self._joined()
        if conn is not None:
            await conn.exec_driver_sql(statement, batch)
        elif self._postgresql:
            async with self.engine.begin() as own:
                await own.exec_driver_sql(statement, batch)
        else:
            async with self.transaction():
                await self._sqlite().exec_driver_sql(statement, batch)

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows, _, _ = await self._run(sql, params, write=False)
        return next(iter(rows), None)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        rows, _, _ = await self._run(sql, params, write=False)
        return rows

    async def fetch_one_aside(self, sql: str, params: Params = ()) -> Row | None:
        """A long read (a big chapter's numbers) on its own connection and thread: the writes
        and quick reads of other chats don't queue behind it (WAL lets both run at once)."""
        rows, _, _ = await self._run(sql, params, write=False, aside=True)
        return next(iter(rows), None)

    async def fetch_all_aside(self, sql: str, params: Params = ()) -> list[Row]:
        rows, _, _ = await self._run(sql, params, write=False, aside=True)
        return rows


def _postgres_problem(target: Target, error: BaseException) -> str:
    """One line for the operator: which of unreachable, bad credentials or no such database."""
    where = target.shown()
    cause: BaseException | None = error
    while isinstance(cause, sa_exc.DBAPIError) and cause.orig is not None:
        cause = cause.orig
    cause = getattr(cause, "__cause__", None) or cause
    name = type(cause).__name__
    text = str(cause)
    if isinstance(error, TimeoutError) or isinstance(cause, TimeoutError):
        return f"the PostgreSQL server at {where} did not answer within 15 seconds"
    if name == "InvalidCatalogNameError" or ("does not exist" in text and "database" in text):
        return f"the database in {where} does not exist on that server (create it first)"
    if name in ("InvalidPasswordError", "InvalidAuthorizationSpecificationError") or (
        "password authentication failed" in text or ("role" in text and "does not exist" in text)
    ):
        return f"PostgreSQL refused the user name or password in {where}"
    if isinstance(cause, OSError) or name in ("ConnectionRefusedError", "gaierror"):
        return f"the PostgreSQL server at {where} is unreachable ({_first_line(text)})"
    return f"cannot use the PostgreSQL database {where}: {name}: {_first_line(text)}"


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:200]
