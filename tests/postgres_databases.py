"""Throwaway PostgreSQL databases for the tests of several processes on one database.

CI's PostgreSQL 15 listens on 127.0.0.1:5432 (user postgres, trust). Without it these tests skip
with the reason shown; CHAPTERBOT_REQUIRE_POSTGRES=1 (CI) makes that a failure instead.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import asyncpg
import pytest

SERVER = os.environ.get("CHAPTERBOT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
T = TypeVar("T")


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to the end from any test, async ones included (on a thread of its own)."""
    result: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coroutine))
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(f"{SERVER}/test", timeout=3)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def require_postgres() -> None:
    """Skip (or fail, with CHAPTERBOT_REQUIRE_POSTGRES=1) when no PostgreSQL answers."""
    try:
        _run(_admin("SELECT 1"))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        reason = f"PostgreSQL is not reachable at {SERVER} ({type(exc).__name__})"
        if os.environ.get("CHAPTERBOT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{reason}, and CHAPTERBOT_REQUIRE_POSTGRES=1")
        pytest.skip(f"{reason}: start it with `pg_ctlcluster 15 main start`")


@contextmanager
def fresh_database(prefix: str = "ops") -> Iterator[str]:
    """A new empty database's URL; dropped afterwards, whoever is still connected."""
    require_postgres()
    name = f"{prefix}_{secrets.token_hex(4)}"
    _run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{SERVER}/{name}"
    finally:
        _run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def query(url: str, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Rows straight from the database, as another process would read them."""

    async def fetch() -> list[tuple[Any, ...]]:
        conn = await asyncpg.connect(url, timeout=3)
        try:
            return [tuple(row) for row in await conn.fetch(sql, *args)]
        finally:
            await conn.close()

    return _run(fetch())
