"""While the bot is out of a group, the chapter's group messages wait and go out once it is back
(quiet hours respected); private nudges don't depend on the group and go out on time."""

from __future__ import annotations

from datetime import timedelta

from tests.builders import bot_membership_json, private_chat
from tests.cast import ALICE, BOB, GROUP
from tests.fake_api import FORBIDDEN_NOT_STARTED

FALLBACK = "is waiting for your follow-up"


async def the_bot_is_removed(bot) -> None:
    await bot.feed(bot_membership_json(GROUP, ALICE, "member", "left", date=1))
    assert (await bot.store.chapters.by_chat_id(GROUP.id)).active is False


async def the_bot_is_added_back(bot) -> None:
    await bot.feed(bot_membership_json(GROUP, ALICE, "left", "member", date=2))
    assert (await bot.store.chapters.by_chat_id(GROUP.id)).active is True


async def sweep(bot) -> None:
    await bot.services.reminder_sweep.run()
    await bot.services.outbox.sweep()


async def test_a_group_fallback_due_while_the_bot_is_out_waits_and_goes_out_once_it_is_back(bot):
    await bot.say(GROUP, BOB, "/help")
    bot.api.fail("sendMessage", FORBIDDEN_NOT_STARTED, chat_id=BOB.id, times=None)
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    await the_bot_is_removed(bot)
    bot.api.clear()

    bot.clock.advance(timedelta(hours=72))  # Thursday 09:00: the nudge falls due
    await sweep(bot)
    assert bot.api.texts(GROUP.id) == []  # Bob can't be written to, and the group is out

    bot.clock.advance(timedelta(hours=13))  # 22:00, quiet hours: the bot is added back
    await the_bot_is_added_back(bot)
    await sweep(bot)
    assert bot.api.texts(GROUP.id) == []

    bot.clock.advance(timedelta(hours=10))  # Friday 08:00: quiet hours are over
    await sweep(bot)
    await sweep(bot)
    [fallback] = [text for text in bot.api.texts(GROUP.id) if FALLBACK in text]
    assert "referral #1" in fallback and "start=ref_1" in fallback


async def test_a_private_nudge_goes_out_on_time_while_the_bot_is_out_of_the_group(bot):
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    await the_bot_is_removed(bot)
    bot.api.clear()

    bot.clock.advance(timedelta(hours=72))
    await sweep(bot)

    [nudge] = bot.api.texts(BOB.id)
    assert "Follow-up reminder" in nudge and "referral #1" in nudge
    assert bot.api.texts(GROUP.id) == []
