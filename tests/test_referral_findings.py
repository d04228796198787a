"""Stories from a tester's week on referrals and closed business (the tryout's findings)."""

from __future__ import annotations

from tests.builders import private_chat
from tests.conftest import ALICE, BOB, CAROL, GROUP, alice_refers_bob


async def test_a_contacted_referral_is_not_offered_contacted_again(bot):
    """Finding 19: /mine and the slip offered ✅ Contacted on a referral already contacted."""
    await alice_refers_bob(bot)
    await bot.say(GROUP, BOB, "/followup 1")
    bot.api.clear()

    await bot.say(private_chat(BOB), BOB, "/mine")
    [mine] = bot.api.sent(chat_id=BOB.id)
    assert mine.buttons == [("📅 #1", "fu:1:m"), ("✖ #1", "fu:1:n")]

    await bot.say(private_chat(BOB), BOB, "/start ref_1")
    slip = bot.api.sent(chat_id=BOB.id)[-1]
    assert slip.buttons == [("📅 Meeting set", "fu:1:m"), ("✖ Not a fit", "fu:1:n")]


async def test_closing_someone_elses_referral_says_only_its_receiver_closes_it(bot):
    """Finding 14: the refusal spoke of logging a follow-up."""
    await alice_refers_bob(bot)
    await bot.say(GROUP, CAROL, "/tip")
    bot.api.clear()

    await bot.say(GROUP, ALICE, "/closed 1 100")
    await bot.say(private_chat(CAROL), CAROL, "/closed 1 100")
    await bot.say(GROUP, CAROL, "/followup 1")

    giver, other, follow_up = bot.api.texts()
    assert giver == other == (
        "Only the receiver of referral #1 can record business closed from it."
    )
    assert follow_up == "Only the receiver of referral #1 can log its follow-up."
    assert (await bot.store.referrals.get(1)).status == "open"
