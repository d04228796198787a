"""Shared fixtures: a running bot over a fresh database, and a fake clock (the cast: cast.py)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

os.environ.setdefault("PTB_TIMEDELTA", "1")  # as `chapterbot run` does: durations as timedelta

import pytest

from tests.clock import FakeClock
from tests.harness import START, BotUnderTest, build_bot, settings_for


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
async def bot(tmp_path, clock) -> AsyncIterator[BotUnderTest]:
    running = build_bot(settings_for(tmp_path / "chapter.db"), clock)
    await running.start()
    yield running
    await running.stop()
