"""Throwaway PostgreSQL databases, one per test, for the tests of several processes on one
database and of `db copy` (the suite's own database, tests/postgres.py, is shared per process).

Without a server these tests skip with the reason shown; CHAPTERBOT_REQUIRE_POSTGRES=1 (CI)
makes that a failure instead.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import pytest

from tests.postgres import REQUIRED, SERVER, run, url_of


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(SERVER, timeout=3)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def require_postgres() -> None:
    """Skip (or fail, with CHAPTERBOT_REQUIRE_POSTGRES=1) when no PostgreSQL answers."""
    try:
        run(lambda: _admin("SELECT 1"))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        reason = f"no PostgreSQL at {SERVER} ({type(exc).__name__})"
        if REQUIRED:
            pytest.fail(f"CHAPTERBOT_REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(f"{reason}: start it with `pg_ctlcluster 15 main start`")


@contextmanager
def fresh_database(prefix: str = "ops") -> Iterator[str]:
    """A new empty database's URL; dropped afterwards, whoever is still connected."""
    require_postgres()
    name = f"{prefix}_{secrets.token_hex(4)}"
    run(lambda: _admin(f'CREATE DATABASE "{name}"'))
    try:
        yield url_of(name)
    finally:
        run(lambda: _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def query(url: str, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Rows straight from the database, as another process would read them."""

    async def fetch() -> list[tuple[Any, ...]]:
        conn = await asyncpg.connect(url, timeout=3)
        try:
            return [tuple(row) for row in await conn.fetch(sql, *args)]
        finally:
            await conn.close()

    return run(fetch)
