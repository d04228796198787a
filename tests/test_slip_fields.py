"""The giver's private confirmation: how hot (1-5, each level explained) and inside/outside."""

from __future__ import annotations

from tests.builders import private_chat
from tests.cast import ALICE, BOB, GROUP


async def test_the_giver_sets_how_hot_and_inside_from_their_confirmation(bot):
    await bot.say(private_chat(ALICE), ALICE, "/start")
    await bot.say(GROUP, BOB, "/help")
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")

    [confirmation] = bot.api.sent(chat_id=ALICE.id)[-1:]
    assert "You passed referral #1 (Jane Roe) to Bob Roofer" in confirmation.text
    assert "5: I introduced you in person" in confirmation.text
    assert "1: contact details shared, with their consent" in confirmation.text
    assert [data for _, data in confirmation.buttons] == [
        "sf:1:h1",
        "sf:1:h2",
        "sf:1:h3",
        "sf:1:h4",
        "sf:1:h5",
        "sf:1:i",
        "sf:1:o",
    ]

    await bot.press(ALICE, "sf:1:h4")
    await bot.press(ALICE, "sf:1:o")

    referral = await bot.store.referrals.get(1)
    assert (referral.how_hot, referral.inside) == (4, False)
    [*_, edit] = bot.api.sent(method="editMessageReplyMarkup")
    labels = [b["text"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row]
    assert "✓ 4" in labels and "✓ Outside" in labels
    answers = [c.params.get("text") for c in bot.api.sent(method="answerCallbackQuery")]
    assert answers[-1] == "Saved: how hot 4, outside"


async def test_only_the_giver_may_set_them(bot):
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    await bot.press(BOB, "sf:1:h5")
    await bot.press(ALICE, "sf:1:h9")

    referral = await bot.store.referrals.get(1)
    assert referral.how_hot is None
    answers = [c.params.get("text") for c in bot.api.sent(method="answerCallbackQuery")]
    assert answers == [
        "Only the giver of this referral can set that.",
        "This button no longer works. Send /mine to see your referrals.",
    ]


async def test_the_slip_shows_them_once_set(bot):
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    await bot.press(ALICE, "sf:1:h5")
    await bot.press(ALICE, "sf:1:i")
    bot.api.clear()
    await bot.say(private_chat(BOB), BOB, "/start ref_1")
    slip = bot.api.texts(BOB.id)[-1]
    assert "How hot: 5 (I introduced you in person)" in slip
    assert "Inside: Alice Baker is the customer" in slip
