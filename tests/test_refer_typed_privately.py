"""Issue 11, item 17: `/refer @carol Pia Private, 555-0166` sent privately uses what was typed:
the form asks only for what is missing, then shows the summary to confirm."""

from __future__ import annotations

from tests.builders import User, private_chat
from tests.cast import ALICE, GROUP, OTHER_GROUP
from tests.harness import stored_referrals as stored

CAROL = User(id=336, first_name="Carol", last_name="Cook", username="carol")
ALICE_CHAT = private_chat(ALICE)


def last_to_alice(bot):
    return bot.api.sent(chat_id=ALICE.id)[-1]


async def carol_and_alice_in(bot, *groups) -> None:
    await bot.say(private_chat(CAROL), CAROL, "/start")
    for group in groups:
        await bot.say(group, ALICE, "/help")
        await bot.say(group, CAROL, "/help")
    bot.api.clear()


async def test_everything_typed_goes_straight_to_the_summary_then_is_passed(bot):
    await carol_and_alice_in(bot, GROUP)

    await bot.say(ALICE_CHAT, ALICE, "/refer @carol Pia Private, 555-0166")

    summary = last_to_alice(bot)
    assert "Please check the referral" in summary.text
    assert "To: Carol Cook" in summary.text and "Pia Private, 555-0166" in summary.text
    assert ("✅ Pass it on", "rf:ok") in summary.buttons
    await bot.press(ALICE, "rf:ok")

    [row] = stored(bot)
    assert (row["giver_id"], row["receiver_id"]) == (ALICE.id, CAROL.id)
    assert (row["prospect_name"], row["phone"]) == ("Pia Private", "555-0166")
    assert "Referral #1" in bot.api.texts(CAROL.id)[-1]
    [confirmation] = bot.api.texts(GROUP.id)
    assert "#1" in confirmation and "555-0166" not in confirmation and "Pia" not in confirmation
    assert any("How hot is it?" in text for text in bot.api.texts(ALICE.id))  # fields after


async def test_the_chapter_is_the_one_shared_with_the_receiver(bot):
    await carol_and_alice_in(bot, GROUP)
    await bot.say(OTHER_GROUP, ALICE, "/help")  # Alice has a second chapter, without Carol

    await bot.say(ALICE_CHAT, ALICE, "/refer @carol Pia Private, 555-0166")

    assert "Chapter: Riverside Chapter" in last_to_alice(bot).text


async def test_only_the_chapter_is_asked_when_the_receiver_is_in_several(bot):
    await carol_and_alice_in(bot, GROUP, OTHER_GROUP)

    await bot.say(ALICE_CHAT, ALICE, "/refer @carol Pia Private, 555-0166")
    assert "Which chapter" in last_to_alice(bot).text
    await bot.press(ALICE, "rf:ch:2")

    summary = last_to_alice(bot).text
    assert "Chapter: Hilltop Chapter" in summary and "To: Carol Cook" in summary


async def test_a_missing_prospect_is_asked_for_and_nothing_else(bot):
    await carol_and_alice_in(bot, GROUP)

    await bot.say(ALICE_CHAT, ALICE, "/refer @carol")
    assert "Who is the prospect" in last_to_alice(bot).text
    await bot.say(ALICE_CHAT, ALICE, "Pia Private, 555-0166")

    assert "Please check the referral" in last_to_alice(bot).text


async def test_a_name_the_chapter_doesnt_know_is_picked_from_the_list(bot):
    await carol_and_alice_in(bot, GROUP)

    await bot.say(ALICE_CHAT, ALICE, "/refer @nobody_here Pia Private")
    assert "Who is the referral for?" in last_to_alice(bot).text
    await bot.press(ALICE, f"rf:m:{CAROL.id}")

    summary = last_to_alice(bot).text
    assert "To: Carol Cook" in summary and "Pia Private" in summary


async def test_two_receivers_typed_privately_are_refused_as_in_the_group(bot):
    await carol_and_alice_in(bot, GROUP)

    await bot.say(ALICE_CHAT, ALICE, "/refer @carol @bob Pia Private")

    assert "one receiver" in last_to_alice(bot).text
    assert stored(bot) == []
