"""Issue 11, item 18: a nudge Telegram keeps refusing is retried later and later, then given up,
logged once and counted for the chapter's admins in /settings."""

from __future__ import annotations

import logging
from datetime import timedelta

from tests.cast import ALICE, BOB, GROUP, alice_refers_bob
from tests.fake_api import SERVER_ERROR, ApiError

REFUSED = ApiError(400, "Bad Request: can't parse entities: unsupported start tag")


def nudge_attempts(bot) -> int:
    return len([c for c in bot.api.calls if c.method == "sendMessage" and c.chat_id == BOB.id])


async def test_a_refused_nudge_backs_off_then_is_given_up_and_shown_to_admins(bot, caplog):
    await alice_refers_bob(bot)
    bot.api.fail("sendMessage", REFUSED, chat_id=BOB.id, times=None)
    bot.clock.advance(timedelta(hours=72))

    with caplog.at_level(logging.WARNING):
        for _ in range(24 * 60):  # a day of sweeps, one a minute
            await bot.services.reminder_sweep.run()
            bot.clock.advance(timedelta(minutes=1))

    assert nudge_attempts(bot) == 6  # 0, +2, +4, +8, +16, +32 minutes: then given up
    gave_up = [r for r in caplog.records if "given up" in r.getMessage()]
    assert len(gave_up) == 1 and gave_up[0].levelno == logging.ERROR
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(GROUP, ALICE, "/settings")
    assert "given up: 1" in bot.api.texts(GROUP.id)[-1]


async def test_while_telegram_is_unreachable_a_nudge_waits_without_counting(bot):
    await alice_refers_bob(bot)
    bot.api.fail("sendMessage", SERVER_ERROR, chat_id=BOB.id, times=10)
    bot.clock.advance(timedelta(hours=72))

    for _ in range(11):
        await bot.services.reminder_sweep.run()
        bot.clock.advance(timedelta(minutes=1))

    assert nudge_attempts(bot) == 11  # ten failures, each retried on the next sweep
    assert any("follow" in text.lower() for text in bot.api.texts(BOB.id))  # then it went
