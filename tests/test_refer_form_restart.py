"""The private /refer form lives in the database: a restart, or a second process on the same
database, takes the member on from where they were, and their buttons still work."""

from __future__ import annotations

from tests.builders import private_chat
from tests.cast import ALICE, BOB, CAROL, GROUP
from tests.harness import build_bot, settings_for

ALICE_CHAT = private_chat(ALICE)


async def test_alice_carries_on_with_her_form_after_a_restart(clock, database):
    settings = settings_for(database)
    before = build_bot(settings, clock)
    await before.start()
    for member in (ALICE, BOB, CAROL):
        await before.say(GROUP, member, "/help")
    await before.say(private_chat(BOB), BOB, "/start")
    await before.say(ALICE_CHAT, ALICE, "/refer")
    await before.press(ALICE, "rf:m:222")
    await before.say(ALICE_CHAT, ALICE, "Jane Roe, Roe Bakery")
    await before.stop()  # the bot restarts while Alice is asked for contact details

    after = build_bot(settings, clock)
    await after.start()
    try:
        await after.say(ALICE_CHAT, ALICE, "555-0100")  # she answers the question she was asked
        assert "How hot is it" in after.api.texts(ALICE.id)[-1]
        await after.press(ALICE, "rf:hot:3")  # the buttons of her step work
        await after.press(ALICE, "rf:io:i")
        assert "Please check the referral" in after.api.texts(ALICE.id)[-1]
        await after.press(ALICE, "rf:ok")

        referral = await after.store.referrals.get(1)
        assert (referral.receiver_id, referral.prospect_name, referral.phone) == (
            BOB.id,
            "Jane Roe",
            "555-0100",
        )
        assert (referral.how_hot, referral.inside) == (3, True)
        assert "Referral #1 recorded" in after.api.texts(GROUP.id)[-1]
    finally:
        await after.stop()


async def test_a_second_process_on_the_same_database_takes_the_next_tap(clock, database):
    settings = settings_for(database)
    one, two = build_bot(settings, clock), build_bot(settings, clock)
    await one.start()
    await two.start()
    try:
        for member in (ALICE, BOB):
            await one.say(GROUP, member, "/help")
        await one.say(ALICE_CHAT, ALICE, "/refer")
        await two.press(ALICE, "rf:m:222")  # this tap reaches the other process
        await one.say(ALICE_CHAT, ALICE, "Jane Roe")
        assert "phone number and/or e-mail" in one.api.texts(ALICE.id)[-1]
        await two.press(ALICE, "rf:skip")
        await one.press(ALICE, "rf:hot:2")
        await two.press(ALICE, "rf:io:o")

        await one.press(ALICE, "rf:ok")
        await two.press(ALICE, "rf:ok")  # the same tap, delivered to both: one referral

        assert await one.store.referrals.count_in_chapter(1) == 1
        [expired] = [
            call for call in two.api.sent(method="answerCallbackQuery") if call.params.get("text")
        ]
        assert "no longer works" in expired.params["text"]
    finally:
        await two.stop()
        await one.stop()


async def test_a_button_from_a_step_already_answered_does_nothing(bot):
    for member in (ALICE, BOB, CAROL):
        await bot.say(GROUP, member, "/help")
    await bot.say(ALICE_CHAT, ALICE, "/refer")
    await bot.press(ALICE, "rf:m:222")
    await bot.press(ALICE, "rf:m:333")  # the member list again, after she chose Bob

    await bot.say(ALICE_CHAT, ALICE, "Jane Roe")
    await bot.press(ALICE, "rf:skip")
    await bot.press(ALICE, "rf:hot:1")
    await bot.press(ALICE, "rf:io:o")
    await bot.press(ALICE, "rf:ok")
    assert (await bot.store.referrals.get(1)).receiver_id == BOB.id


async def test_cancel_without_a_form_says_there_is_nothing_to_cancel(bot):
    await bot.say(ALICE_CHAT, ALICE, "/cancel")
    assert "nothing to cancel" in bot.api.texts(ALICE.id)[-1].lower()
