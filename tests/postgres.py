"""PostgreSQL for the tests: one database per test process, migrated once and emptied before
each test that uses it. Measured per test: DELETE from every table 1.4 ms (plus restarting the
ids); TRUNCATE ... RESTART IDENTITY of the ~25 tables 257 ms; CREATE DATABASE ... TEMPLATE 48 ms
and DROP 85 ms.

The server is CHAPTERBOT_TEST_POSTGRES (default: the CI one, postgres@127.0.0.1:5432/test).
Without it the PostgreSQL half of the suite is skipped, saying why, unless
CHAPTERBOT_REQUIRE_POSTGRES=1 (as in .ci/run), which turns the skip into a failure.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import decimal
import os
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import asyncpg
import pytest

from storage.dialect import numbered

SERVER = os.environ.get("CHAPTERBOT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRED = os.environ.get("CHAPTERBOT_REQUIRE_POSTGRES") == "1"
T = TypeVar("T")


def run(make: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to the end on its own loop, in a thread (from sync code or a test's
    running loop alike)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()  # type: ignore[arg-type]


def url_of(database: str) -> str:
    return SERVER.rsplit("/", 1)[0] + "/" + database


class PostgresServer:
    """The process's own database on the server, made on first use."""

    def __init__(self) -> None:
        self.url: str | None = None
        self.problem: str | None = None
        self._name = f"chapterbot_test_{os.getpid()}"
        self._clean_sql = ""

    def database(self) -> str:
        """A clean, migrated database's URL; skips (or fails) when there is no server."""
        if self.url is None and self.problem is None:
            try:
                run(self._create)
                self.url = url_of(self._name)
            except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
                self.problem = f"no PostgreSQL at {SERVER} ({type(exc).__name__}: {exc})"
        if self.problem is not None:
            if REQUIRED:
                pytest.fail(f"CHAPTERBOT_REQUIRE_POSTGRES=1 but {self.problem}")
            pytest.skip(self.problem)
        assert self.url is not None
        run(self._clean)
        return self.url

    async def _create(self) -> None:
        from storage.db import Database
        from storage.schema import tables

        admin = await asyncpg.connect(SERVER, timeout=5)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{self._name}"')
            await admin.execute(f'CREATE DATABASE "{self._name}"')
        finally:
            await admin.close()
        db = await Database.open(url_of(self._name))
        try:
            metadata = await tables(db)
            identities = await db.fetch_all(
                "SELECT table_name FROM information_schema.columns"
                " WHERE table_schema = 'public' AND is_identity = 'YES'"
            )
        finally:
            await db.close()
        deletes = [f"DELETE FROM {t.name}" for t in reversed(metadata.sorted_tables)]
        restarts = [f"ALTER TABLE {row[0]} ALTER COLUMN id RESTART" for row in identities]
        self._clean_sql = ";\n".join(deletes + restarts)

    async def _clean(self) -> None:
        conn = await asyncpg.connect(url_of(self._name))
        try:
            await conn.execute(self._clean_sql)
        finally:
            await conn.close()

    def drop(self) -> None:
        if self.url is None:
            return

        async def drop() -> None:
            admin = await asyncpg.connect(SERVER)
            try:
                await admin.execute(f'DROP DATABASE IF EXISTS "{self._name}" WITH (FORCE)')
            finally:
                await admin.close()

        run(drop)


def rows(url: str, sql: str, params: tuple, by_name: bool) -> list[Any]:
    """What `bot.rows` reads, from PostgreSQL: tuples, or records read by name and index."""
    statement, _ = numbered(sql)

    async def fetch() -> list[Any]:
        conn = await asyncpg.connect(url)
        try:
            return list(await conn.fetch(statement, *params))
        finally:
            await conn.close()

    found = run(fetch)
    if by_name:
        return [_ByName(record) for record in found]
    return [tuple(_plain(value) for value in record) for record in found]


class _ByName(tuple):
    """A row read by column name or by index (as sqlite3.Row)."""

    _names: dict[str, int]

    def __new__(cls, record: asyncpg.Record) -> _ByName:
        made = super().__new__(cls, tuple(_plain(value) for value in record.values()))
        made._names = {name: index for index, name in enumerate(record.keys())}
        return made

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _plain(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
