"""The one aiosqlite connection of the process, its pragmas, transactions and migrations."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import os
import re
import urllib.parse
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# What a service is handed to make several writes one atomic unit: `async with transaction():`.
UnitOfWork = Callable[[], AbstractAsyncContextManager[None]]
_STATUS = re.compile(r"[a-z_]{1,32}")
_in_transaction: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "in_transaction", default=False
)


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


def status_literal(status: str) -> str:
    """A status written into SQL as a literal, not a bound parameter: SQLite uses a partial
    index (`... WHERE status = 'open'`) only when the query names the same literal."""
    if not _STATUS.fullmatch(status):
        raise ValueError(f"not a status: {status!r}")
    return f"'{status}'"


def _read_only(path: str | Path) -> str:
    """The file as a read-only SQLite URI (for the connection long reads go through)."""
    return "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"


class Database:
    """Owns the connection; repositories borrow it. Writes are serialized by one lock."""

    def __init__(self, conn: aiosqlite.Connection, path: Path | None = None) -> None:
        self.conn = conn
        self.path = path  # the file, for readers on their own connection (the export)
        self.aside: aiosqlite.Connection | None = None  # long reads, so they hold up no one
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path, *, migrate_to: int | None = None) -> Database:
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA synchronous = FULL")  # acknowledged means on disk
        await conn.execute("PRAGMA busy_timeout = 5000")
        db = cls(conn, Path(path))
        await db.migrate(bundled_migrations(), up_to=migrate_to)
        if str(path) != ":memory:":
            db.aside = await aiosqlite.connect(_read_only(path), uri=True)
            db.aside.row_factory = aiosqlite.Row
        return db

    async def close(self) -> None:
        if self.aside is not None:
            await self.aside.close()
        await self.conn.close()

    async def schema_version(self) -> int:
        row = await self.fetch_one("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(
        self, migrations: Iterable[tuple[int, str, str]], up_to: int | None = None
    ) -> None:
        """Apply each migration newer than `PRAGMA user_version`, each in its own transaction."""
        current = await self.schema_version()
        for number, name, sql in migrations:
            if number <= current or (up_to is not None and number > up_to):
                continue
            log.info("Applying migration %s", name)
            try:
                await self.conn.executescript(
                    f"BEGIN IMMEDIATE;\n{sql}\n;PRAGMA user_version = {number};\nCOMMIT;"
                )
            except Exception:
                if self.conn.in_transaction:
                    await self.conn.execute("ROLLBACK")
                raise

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """One atomic unit of work. Nested use joins the outer transaction."""
        if _in_transaction.get():
            yield
            return
        async with self._lock:
            token = _in_transaction.set(True)
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            else:
                await self.conn.execute("COMMIT")
            finally:
                _in_transaction.reset(token)

    async def _write(self, sql: str, params: Iterable[Any]) -> aiosqlite.Cursor:
        """One statement is atomic by itself: inside a transaction it joins it; outside, it
        runs alone under the lock (so it can't slip into another task's open transaction),
        without the extra BEGIN and COMMIT round trips."""
        if _in_transaction.get():
            return await self.conn.execute(sql, tuple(params))
        async with self._lock:
            return await self.conn.execute(sql, tuple(params))

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one write; returns the last row id."""
        cursor = await self._write(sql, params)
        return cursor.lastrowid or 0

    async def execute_rowcount(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one write; returns how many rows it changed."""
        cursor = await self._write(sql, params)
        return cursor.rowcount

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        rows = await self.conn.execute_fetchall(sql, tuple(params))  # one round trip
        return next(iter(rows), None)

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        return list(await self.conn.execute_fetchall(sql, tuple(params)))

    async def fetch_one_aside(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        """A long read (a big chapter's numbers) on its own connection and thread: the writes
        and quick reads of other chats don't queue behind it (WAL lets both run at once)."""
        rows = await (self.aside or self.conn).execute_fetchall(sql, tuple(params))
        return next(iter(rows), None)

    async def fetch_all_aside(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        return list(await (self.aside or self.conn).execute_fetchall(sql, tuple(params)))
