"""Telegram's failures, driven through the request-layer fake: the bot stays up, logs once with
context, and the database ends in the right state."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from tests.builders import Chat, private_chat
from tests.cast import ALICE, BOB, GROUP
from tests.fake_api import (
    CHAT_NOT_FOUND,
    DELETE_NOT_FOUND,
    FORBIDDEN_BLOCKED,
    FORBIDDEN_KICKED,
    SERVER_ERROR,
    TIMEOUT,
    FakeBotApi,
    migrated,
    retry_after,
)
from tests.harness import build_bot, settings_for


def errors_logged(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_retry_after_during_a_reply_is_waited_out_by_the_rate_limiter(clock, database):
    bot = build_bot(settings_for(database), clock, rate_limiter=True)
    await bot.start()
    try:
        bot.api.fail("sendMessage", retry_after(1), chat_id=GROUP.id)
        started = time.monotonic()
        await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
        assert time.monotonic() - started >= 1.0
        assert "#1" in bot.api.texts(GROUP.id)[-1]
        attempts = [c for c in bot.api.calls if c.method == "sendMessage" and c.chat_id == GROUP.id]
        assert len(attempts) == 2
    finally:
        await bot.stop()


async def test_retry_after_during_the_broadcast_is_retried_too(clock, database):
    bot = build_bot(settings_for(database), clock, rate_limiter=True)
    api = bot.api
    await bot.start()
    try:
        await bot.say(GROUP, ALICE, "/help")
        await bot.services.tips.sweep()
        api.fail("sendMessage", retry_after(1), chat_id=GROUP.id)
        clock.set(clock.now() + timedelta(days=7))
        report = await bot.services.tips.sweep()
        assert report.posted == 1
    finally:
        await bot.stop()


async def test_a_timeout_on_the_confirmation_keeps_it_owed_until_it_goes_out(bot, caplog):
    await bot.say(private_chat(BOB), BOB, "/start")
    bot.api.fail("sendMessage", TIMEOUT, chat_id=GROUP.id)

    with caplog.at_level(logging.INFO):
        await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")

    assert (await bot.store.referrals.get(1)).status == "open"
    assert "Referral #1" in bot.api.texts(BOB.id)[-1]  # the slip still went out
    assert bot.api.texts(GROUP.id) == []
    assert errors_logged(caplog) == []  # a timeout is retried, not an error

    bot.clock.advance(timedelta(seconds=10))
    await bot.services.outbox.sweep()  # the next sweep sends what is owed
    [confirmation] = bot.api.texts(GROUP.id)
    assert "Referral #1 recorded" in confirmation
    await bot.say(GROUP, ALICE, "/refer @bob John Doe")  # and the bot goes on
    assert "#2" in bot.api.texts(GROUP.id)[-1]


async def test_a_server_error_on_a_nudge_leaves_it_due(bot):
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    bot.api.fail("sendMessage", SERVER_ERROR, chat_id=BOB.id)
    bot.clock.advance(timedelta(hours=72))
    report = await bot.services.reminder_sweep.run()
    assert report.failed == 1
    assert bot.reminder_outcomes(1)["nudge"] == (None, 0)


async def test_a_member_who_blocked_the_bot_is_remembered(bot):
    await bot.say(private_chat(BOB), BOB, "/start")
    bot.api.fail("sendMessage", FORBIDDEN_BLOCKED, chat_id=BOB.id)
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    await bot.outbox_settled()  # the group fallback is sent in the background
    assert (await bot.store.members.get(BOB.id)).can_dm is False
    assert "start=ref_1" in bot.api.shown(GROUP.id)[-1]


async def test_a_private_chat_that_is_not_found_is_treated_like_a_block(bot):
    await bot.say(GROUP, BOB, "/help")
    bot.api.fail("sendMessage", CHAT_NOT_FOUND, chat_id=BOB.id)
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    assert (await bot.store.members.get(BOB.id)).can_dm is False


async def test_a_reply_to_a_group_that_removed_the_bot_marks_it_inactive(bot, caplog):
    await bot.say(GROUP, ALICE, "/help")
    bot.api.fail("sendMessage", FORBIDDEN_KICKED, chat_id=GROUP.id)
    with caplog.at_level(logging.INFO):
        await bot.say(GROUP, ALICE, "/help")
    assert (await bot.store.chapters.by_chat_id(GROUP.id)).active is False
    assert errors_logged(caplog) == []


async def test_a_reply_to_a_migrated_group_moves_the_chapter(bot):
    old = Chat(id=-4000999, title="Riverside", type="group")
    await bot.say(old, ALICE, "/refer @bob Jane Roe")
    bot.api.fail("sendMessage", migrated(-1004000999), chat_id=old.id)
    await bot.say(old, ALICE, "/help")
    chapter = await bot.store.chapters.by_chat_id(-1004000999)
    assert chapter is not None and await bot.store.referrals.count_in_chapter(chapter.id) == 1


async def test_a_message_to_delete_that_is_already_gone_is_fine(bot):
    bot.api.fail("deleteMessage", DELETE_NOT_FOUND)
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe, 555-0100")
    assert not any("Delete messages" in text for text in bot.api.texts(GROUP.id))
    assert (await bot.store.referrals.get(1)) is not None


async def test_a_button_from_before_a_restart_still_works(clock, database):
    path = database
    first = build_bot(settings_for(path), clock)
    await first.start()
    await first.say(private_chat(BOB), BOB, "/start")
    await first.say(GROUP, ALICE, "/refer @bob Jane Roe")
    await first.stop()

    second = build_bot(settings_for(path), clock, FakeBotApi())
    await second.start()
    try:
        await second.press(BOB, "fu:1:c")  # the slip's button, pressed after the restart
        assert (await second.store.referrals.get(1)).status == "contacted"
        assert "contacted Jane Roe" in second.api.texts(ALICE.id)[-1]
    finally:
        await second.stop()


async def test_malformed_and_forged_callbacks_change_nothing(bot, caplog):
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    with caplog.at_level(logging.INFO):
        for data in (
            "fu:1:z",
            "fu:-1:c",
            "fu:99999999999999999999:c",
            "sf:1:h7",
            "rf:m:abc",
            "x" * 64,
            "fu:1:c:extra",
            "💥",
            "fu:1:c",
        ):  # the last: Alice isn't the receiver
            await bot.press(ALICE, data)
    assert (await bot.store.referrals.get(1)).status == "open"
    assert errors_logged(caplog) == []
    assert len(bot.api.sent(method="answerCallbackQuery")) == 9  # every press is answered
