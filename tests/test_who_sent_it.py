"""Stories from issue 11 about who really sent a command, and in what: a photo's caption,
a forwarded message, an anonymous admin posting as the group."""

from __future__ import annotations

from typing import Any

from tests.builders import User, message_json, private_chat, update_json
from tests.cast import ALICE, BOB, DAVE, GROUP
from tests.harness import stored_referrals

ANONYMOUS_ADMIN = User(id=1087968824, first_name="Group", username="GroupAnonymousBot", is_bot=True)


def as_caption(message: dict[str, Any]) -> dict[str, Any]:
    """The same words as the caption of a photo."""
    message["caption"] = message.pop("text")
    message["caption_entities"] = message.pop("entities", [])
    message["photo"] = [{"file_id": "card", "file_unique_id": "card-u", "width": 90, "height": 60}]
    return message


async def send(bot, message: dict[str, Any]) -> None:
    await bot.feed(update_json(message=message))
    await bot.outbox_settled()  # the photo's copy goes out in the background


def from_group(bot, text: str) -> dict[str, Any]:
    """`text` posted by an anonymous admin: Telegram's GroupAnonymousBot, as the group."""
    message = message_json(GROUP, ANONYMOUS_ADMIN, text, date=int(bot.clock.now().timestamp()))
    message["sender_chat"] = GROUP.to_api()
    return message


async def test_refer_as_the_caption_of_a_photo_passes_the_referral_and_the_photo(bot):
    await bot.say(private_chat(BOB), BOB, "/start")
    text = "/refer @bob Jane Roe, 555-0100"
    photo = as_caption(message_json(GROUP, ALICE, text, date=int(bot.clock.now().timestamp())))

    await send(bot, photo)

    [row] = stored_referrals(bot)
    assert (row["giver_id"], row["receiver_id"], row["phone"]) == (ALICE.id, BOB.id, "555-0100")
    [copied] = bot.api.sent(method="copyMessage")
    assert (copied.chat_id, copied.params["message_id"]) == (BOB.id, photo["message_id"])
    [confirmation] = bot.api.texts(GROUP.id)
    assert "Referral #1 recorded" in confirmation and "photo went with the slip" in confirmation
    [deleted] = bot.api.sent(method="deleteMessage")
    assert int(deleted.params["message_id"]) == photo["message_id"]


async def test_a_photo_for_a_receiver_the_bot_cant_write_to_stays_in_the_group(bot):
    photo = as_caption(
        message_json(GROUP, ALICE, "/refer @bob Jane Roe", date=int(bot.clock.now().timestamp()))
    )

    await send(bot, photo)

    assert len(stored_referrals(bot)) == 1
    assert "couldn't go with the slip" in bot.api.texts(GROUP.id)[0]
    assert bot.api.sent(method="copyMessage") == bot.api.sent(method="deleteMessage") == []


async def test_a_forwarded_refer_is_left_alone_with_a_word_why(bot):
    original = message_json(GROUP, DAVE, "/refer @bob Tom Two", date=1795424000)
    forwarded = message_json(GROUP, ALICE, "/refer @bob Tom Two", date=1795424400)
    forwarded["forward_origin"] = {
        "type": "user",
        "date": original["date"],
        "sender_user": DAVE.to_api(),
    }

    await send(bot, forwarded)

    assert stored_referrals(bot) == []
    [reply] = bot.api.texts(GROUP.id)
    assert "forwarded" in reply


async def test_an_anonymous_admin_is_asked_to_post_as_themselves_for_a_referral(bot):
    await bot.say(private_chat(BOB), BOB, "/start")
    bot.api.clear()

    await send(bot, from_group(bot, "/refer @bob Tom Two"))
    await send(bot, from_group(bot, "/export"))
    await send(bot, from_group(bot, "/stats me"))

    assert stored_referrals(bot) == []
    replies = bot.api.texts(GROUP.id)
    assert len(replies) == 3 and all("posting as the group" in text for text in replies)
    assert bot.api.sent(chat_id=ANONYMOUS_ADMIN.id) == []
    assert bot.api.sent(method="sendDocument") == []


async def test_an_anonymous_admin_still_reads_and_changes_the_chapter(bot):
    await send(bot, from_group(bot, "/settings window 2d"))
    await send(bot, from_group(bot, "/stats"))

    [settings, stats] = bot.api.texts(GROUP.id)
    assert "2 days" in settings or "2d" in settings
    assert "Referrals passed: 0" in stats
