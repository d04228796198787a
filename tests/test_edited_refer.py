"""Issue 11, item 8: a giver edits their /refer in the group."""

from __future__ import annotations

from typing import Any

from tests.builders import private_chat, update_json
from tests.cast import ALICE, BOB, DAVE, GROUP


async def edit(bot, message: dict[str, Any], text: str) -> None:
    """Alice edits `message` to read `text` (Telegram sends the whole message again)."""
    from tests.builders import message_json

    edited = message_json(GROUP, ALICE, text, date=message["date"])
    edited["message_id"] = message["message_id"]
    edited["edit_date"] = message["date"] + 60
    await bot.feed(update_json(edited_message=edited))


async def both_started(bot) -> None:
    for person in (BOB, DAVE):
        await bot.say(private_chat(person), person, "/start")
        await bot.say(GROUP, person, "/help")


async def test_an_edit_adding_a_phone_corrects_the_slip_and_deletes_the_message(bot):
    await both_started(bot)
    sent = await bot.say(GROUP, ALICE, "/refer @bob Jane Roe, wants a shopfront")
    bot.api.clear()

    await edit(bot, sent, "/refer @bob Jane Roe, wants a shopfront, 555-0100")

    referral = await bot.services.referrals.referrals.get(1)
    assert referral.phone == "555-0100"
    assert "555-0100" in bot.api.texts(BOB.id)[-1]  # the slip, corrected
    [deleted] = bot.api.sent(method="deleteMessage")
    assert int(deleted.params["message_id"]) == sent["message_id"]
    assert all("555-0100" not in text for text in bot.api.texts(GROUP.id))


async def test_an_edit_changing_the_receiver_moves_the_referral(bot):
    await both_started(bot)
    sent = await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    bot.api.clear()

    await edit(bot, sent, "/refer @dave_lawyer Jane Roe")

    referral = await bot.services.referrals.referrals.get(1)
    assert referral.receiver_id == DAVE.id
    assert "goes to someone else" in bot.api.texts(BOB.id)[-1]
    assert "Referral #1" in bot.api.texts(DAVE.id)[-1]
    assert "Referral #1 corrected" in bot.api.texts(GROUP.id)[-1]


async def test_once_the_receiver_acted_an_edit_says_how_to_correct(bot):
    await both_started(bot)
    sent = await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    await bot.press(BOB, "fu:1:c")
    bot.api.clear()

    await edit(bot, sent, "/refer @dave_lawyer Jane Roe")

    assert (await bot.services.referrals.referrals.get(1)).receiver_id == BOB.id
    assert "already being worked on" in bot.api.texts(GROUP.id)[-1]
    assert bot.api.texts(DAVE.id) == [] or "Referral #1" not in bot.api.texts(DAVE.id)[-1]


async def test_an_edit_fixing_a_refused_refer_passes_it(bot):
    await both_started(bot)
    sent = await bot.say(GROUP, ALICE, "/refer Jane Roe")  # no receiver: refused

    await edit(bot, sent, "/refer @bob Jane Roe")

    referral = await bot.services.referrals.referrals.get(1)
    assert referral is not None and referral.receiver_id == BOB.id
