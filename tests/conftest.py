"""Shared fixtures: a running bot over a fresh database, and the chapter's cast."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

os.environ.setdefault("PTB_TIMEDELTA", "1")  # as `chapterbot run` does: durations as timedelta

import pytest

from tests.builders import Chat, User
from tests.clock import FakeClock
from tests.harness import START, BotUnderTest, build_bot, settings_for

GROUP = Chat(id=-1001234567890, title="Riverside Chapter")
OTHER_GROUP = Chat(id=-1009876543210, title="Hilltop Chapter")
ALICE = User(id=111, first_name="Alice", last_name="Baker", username="alice")
BOB = User(id=222, first_name="Bob", last_name="Roofer", username="bob")
CAROL = User(id=333, first_name="Carol")  # no username: named with a text_mention
DAVE = User(id=444, first_name="Dave", username="dave_lawyer")
SOME_BOT = User(id=999, first_name="Other bot", username="other_bot", is_bot=True)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
async def bot(tmp_path, clock) -> AsyncIterator[BotUnderTest]:
    running = build_bot(settings_for(tmp_path / "chapter.db"), clock)
    await running.start()
    yield running
    await running.stop()


async def alice_refers_bob(bot: BotUnderTest, prospect: str = "Jane Roe, Roe Bakery, 555-0100"):
    """Both have started the bot; Alice passes Bob referral #1 in the group; the record of
    Telegram calls starts afresh after it."""
    from tests.builders import private_chat

    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(private_chat(ALICE), ALICE, "/start")
    await bot.say(GROUP, ALICE, f"/refer @bob {prospect}")
    bot.api.clear()
