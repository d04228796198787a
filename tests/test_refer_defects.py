"""Stories from issue 11: /refer input that used to be lost or misread."""

from __future__ import annotations

import pytest

from tests.builders import User, private_chat
from tests.cast import ALICE, BOB, GROUP
from tests.harness import stored_referrals

PIA = User(id=777, first_name="Pia")  # no username, never wrote in the group


async def test_a_mention_picked_from_the_list_records_a_member_the_bot_never_saw(bot):
    await bot.say(
        GROUP,
        ALICE,
        "/refer Pia Jane Roe, 555-0100, jane@roebakery.com",
        text_mention=("Pia", PIA),
    )

    [row] = stored_referrals(bot)
    assert (row["receiver_id"], row["prospect_name"]) == (PIA.id, "Jane Roe")
    pia = await bot.store.members.get(PIA.id)
    assert pia is not None and pia.first_name == "Pia"
    [confirmation] = bot.api.texts(GROUP.id)
    assert "Referral #1 recorded" in confirmation
    assert "something went wrong" not in confirmation.lower()
    [deleted] = bot.api.sent(method="deleteMessage")
    assert deleted.chat_id == GROUP.id


async def test_one_receiver_per_referral(bot):
    await bot.say(private_chat(BOB), BOB, "/start")

    await bot.say(GROUP, ALICE, "/refer @bob @carol Tom Two")

    assert stored_referrals(bot) == []
    [reply] = bot.api.texts(GROUP.id)
    assert "one receiver" in reply
    assert "/refer @bob" in reply and "/refer @carol" in reply  # how to pass two


async def test_a_second_mention_later_in_the_text_is_part_of_the_prospect(bot):
    await bot.say(GROUP, ALICE, "/refer @bob Tom Two, ask for @tom_two_shop on Instagram")

    [row] = stored_referrals(bot)
    assert row["prospect_name"] == "Tom Two"


@pytest.mark.parametrize("prospect", ["\u200b", "- - -", ",,,,", "🙂🙂", "… . ,", "\u2060\u200d"])
async def test_a_prospect_without_a_letter_or_digit_is_refused(bot, prospect):
    await bot.say(GROUP, ALICE, f"/refer @bob {prospect}")

    assert stored_referrals(bot) == []
    [reply] = bot.api.texts(GROUP.id)
    assert "describe the prospect" in reply
