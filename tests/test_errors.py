"""When something breaks inside the bot: the member gets a short apology, the log gets context."""

from __future__ import annotations

import logging

from tests.cast import ALICE, GROUP
from tests.fake_api import TIMEOUT, ApiError
from tests.harness import TOKEN


async def test_an_unexpected_error_gets_an_apology_not_a_traceback(bot, monkeypatch, caplog):
    async def explode(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(bot.services.referrals, "pass_referral", explode)
    with caplog.at_level(logging.ERROR):
        await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")

    reply = bot.api.texts(GROUP.id)[-1]
    assert "Sorry, something went wrong" in reply
    assert "database on fire" not in reply and "Traceback" not in reply
    assert "RuntimeError" in caplog.text and "command /refer" in caplog.text
    assert f"chat {GROUP.id}, user {ALICE.id}" in caplog.text  # which update, from whom
    assert "Jane Roe" not in caplog.text  # but not what the member wrote (only at DEBUG)

    # The bot keeps going.
    monkeypatch.undo()
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    assert "#1" in bot.api.texts(GROUP.id)[-1]


def test_the_token_never_appears_in_a_log_line(caplog):
    from chapterbot.logs import RedactToken

    logger = logging.getLogger("test.token")
    handler_filter = RedactToken(TOKEN)
    record = logger.makeRecord(
        "x", logging.INFO, "f", 1, "POST https://api/bot%s/getMe", (TOKEN,), None
    )
    handler_filter.filter(record)
    assert TOKEN not in record.getMessage()
    assert "<token>" in record.getMessage()


async def test_a_reply_telegram_refuses_still_gets_an_apology(bot):
    bot.api.fail("sendMessage", ApiError(400, "Bad Request: message is too long"), chat_id=GROUP.id)

    await bot.say(GROUP, ALICE, "/stats")

    [apology] = bot.api.texts(GROUP.id)
    assert "Sorry, something went wrong" in apology


async def test_no_apology_while_telegram_is_unreachable(bot):
    bot.api.fail("sendMessage", TIMEOUT, chat_id=GROUP.id, times=None)

    await bot.say(GROUP, ALICE, "/stats")

    tried = [c for c in bot.api.calls if c.method == "sendMessage" and c.chat_id == GROUP.id]
    assert len(tried) == 1  # the reply only: no apology tried
