"""Shared fixtures: a running bot over a fresh database (SQLite and PostgreSQL: every test that
uses `database` or `bot` runs on both), and a fake clock (the cast: cast.py)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "1")  # as `chapterbot run` does: durations as timedelta

import pytest

from tests.clock import FakeClock
from tests.harness import START, BotUnderTest, build_bot, settings_for
from tests.postgres import PostgresServer


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    yield server
    server.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path, postgres) -> str | Path:
    """A fresh, empty database: an SQLite file's path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return tmp_path / "chapter.db"
    return postgres.database()


@pytest.fixture
async def bot(database, clock) -> AsyncIterator[BotUnderTest]:
    running = build_bot(settings_for(database), clock)
    await running.start()
    yield running
    await running.stop()
