"""Stories of follow-up: the receiver logs contact, the giver hears about it, history is kept."""

from __future__ import annotations

from datetime import timedelta

from tests.builders import Chat, private_chat
from tests.cast import ALICE, BOB, DAVE, GROUP, OTHER_GROUP, alice_refers_bob


async def test_bob_taps_contacted_and_alice_hears_how_long_it_took(bot):
    await alice_refers_bob(bot)
    bot.clock.advance(timedelta(hours=5))

    await bot.press(BOB, "fu:1:c")

    [to_alice] = bot.api.texts(ALICE.id)
    assert to_alice == "📞 Bob Roofer contacted Jane Roe 5 hours after your referral #1."
    assert "is now <b>contacted</b>" in bot.api.texts(BOB.id)[-1]
    referral = await bot.store.referrals.get(1)
    assert referral.status == "contacted"
    history = bot.history(1)
    assert [(status, at.isoformat()) for status, _, at in history] == [
        ("open", "2026-11-23T09:00:00+00:00"),
        ("contacted", "2026-11-23T14:00:00+00:00"),
    ]


async def test_the_slip_carries_the_follow_up_buttons(bot):
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")

    [slip] = bot.api.sent(chat_id=BOB.id)[-1:]
    assert slip.buttons == [
        ("✅ Contacted", "fu:1:c"),
        ("📅 Meeting set", "fu:1:m"),
        ("✖ Not a fit", "fu:1:n"),
    ]


async def test_pressing_a_button_removes_it_from_that_message(bot):
    await alice_refers_bob(bot)
    slip = {
        "message_id": 77,
        "date": 1,
        "chat": {"id": BOB.id, "type": "private"},
        "text": "slip",
        "reply_markup": {
            "inline_keyboard": [
                [{"text": "✅ Contacted", "callback_data": "fu:1:c"}],
                [{"text": "✅ #2", "callback_data": "fu:2:c"}],
            ]
        },
    }
    await bot.press(BOB, "fu:1:c", message=slip)

    [edit] = bot.api.sent(method="editMessageReplyMarkup")
    assert edit.params["message_id"] == 77
    assert edit.params["reply_markup"]["inline_keyboard"] == [
        [{"text": "✅ #2", "callback_data": "fu:2:c"}]
    ]


async def test_followup_command_with_a_note_in_private_and_in_the_group(bot):
    await alice_refers_bob(bot)
    await alice_refers_bob(bot, "John Doe")

    await bot.say(private_chat(BOB), BOB, "/followup 1 left a voicemail")
    await bot.say(GROUP, BOB, "/followup #2")

    assert "Note: <i>left a voicemail</i>" in bot.api.texts(ALICE.id)[0]
    group_reply = bot.api.texts(GROUP.id)[-1]
    assert "#2 is now <b>contacted</b>" in group_reply
    assert "John Doe" not in group_reply
    history = bot.history(1)
    assert history[-1][:2] == ("contacted", "left a voicemail")


async def test_followup_mistakes_change_nothing(bot):
    await alice_refers_bob(bot)

    await bot.say(private_chat(DAVE), DAVE, "/followup 1")
    await bot.say(private_chat(ALICE), ALICE, "/followup 1")
    await bot.say(private_chat(BOB), BOB, "/followup 42")
    await bot.say(private_chat(BOB), BOB, "/followup")
    await bot.say(private_chat(BOB), BOB, "/followup soon")

    assert "Only the receiver" in bot.api.texts(DAVE.id)[0]
    assert "Only the receiver" in bot.api.texts(ALICE.id)[0]
    wrong_number, no_args, garbage = bot.api.texts(BOB.id)
    assert "can't find referral #42" in wrong_number
    assert "/followup &lt;number&gt;" in no_args and "/followup &lt;number&gt;" in garbage
    assert (await bot.store.referrals.get(1)).status == "open"
    assert len(bot.history(1)) == 1


async def test_a_referral_already_past_that_step_is_refused(bot):
    await alice_refers_bob(bot)
    await bot.press(BOB, "fu:1:m")  # meeting set, straight from open
    await bot.press(BOB, "fu:1:c")

    assert "already <b>meeting set</b>" in bot.api.texts(BOB.id)[-1]
    await bot.press(BOB, "fu:1:n")
    await bot.press(BOB, "fu:1:n")
    assert "already <b>not a fit</b>" in bot.api.texts(BOB.id)[-1]
    statuses = [status for status, _, _ in bot.history(1)]
    assert statuses == ["open", "meeting", "not_a_fit"]


async def test_another_chapters_referral_cannot_be_changed_from_this_group(bot):
    await alice_refers_bob(bot)

    await bot.say(OTHER_GROUP, BOB, "/followup 1")

    assert "can't find referral #1" in bot.api.texts(OTHER_GROUP.id)[-1]
    assert (await bot.store.referrals.get(1)).status == "open"


async def test_forged_or_unknown_buttons_change_nothing(bot):
    await alice_refers_bob(bot)

    await bot.press(DAVE, "fu:1:c")
    await bot.press(BOB, "fu:1:x")
    await bot.press(BOB, "something-else")

    answers = bot.api.sent(method="answerCallbackQuery")
    assert [call.params.get("text") for call in answers[1:]] == [
        "This button no longer works. Send /mine to see your referrals.",
    ] * 2
    assert "Only the receiver" in bot.api.texts(DAVE.id)[0]
    assert (await bot.store.referrals.get(1)).status == "open"


async def test_mine_lists_received_with_buttons_and_given_with_status(bot):
    await alice_refers_bob(bot)
    await bot.say(GROUP, BOB, "/refer @alice John Doe")
    bot.api.clear()

    await bot.say(private_chat(BOB), BOB, "/mine")

    [mine] = bot.api.sent(chat_id=BOB.id)
    assert "#1 Jane Roe, from Alice Baker: open, follow up by Thu 26 Nov, 09:00 UTC" in mine.text
    assert "#2 John Doe → Alice Baker: open" in mine.text
    assert mine.buttons == [("✅ #1", "fu:1:c"), ("📅 #1", "fu:1:m"), ("✖ #1", "fu:1:n")]


async def test_mine_keeps_what_waits_on_bob_and_lets_old_contacted_referrals_go(bot):
    await alice_refers_bob(bot)
    await bot.say(GROUP, ALICE, "/refer @bob John Doe")
    await bot.press(BOB, "fu:1:c")  # Bob contacted Jane Roe; John Doe still waits on him
    bot.clock.advance(timedelta(days=20))
    await bot.say(private_chat(BOB), BOB, "/mine")
    assert "#1 Jane Roe" in bot.api.texts(BOB.id)[-1]  # recent: it may still close

    bot.clock.advance(timedelta(days=11))
    await bot.say(private_chat(BOB), BOB, "/mine")

    mine = bot.api.texts(BOB.id)[-1]
    assert "#2 John Doe" in mine  # never followed up: it waits however old
    assert "Jane Roe" not in mine  # contacted a month ago: no longer listed
    assert (await bot.store.referrals.get(1)).status == "contacted"  # and still on record


async def test_mine_in_the_group_points_to_the_private_chat(bot):
    await alice_refers_bob(bot)
    await bot.say(GROUP, BOB, "/mine")
    reply = bot.api.texts(GROUP.id)[-1]
    assert "private chat" in reply and "Jane Roe" not in reply


async def test_pending_shows_overdue_referrals_by_receiver_without_prospects(bot):
    await alice_refers_bob(bot)
    await alice_refers_bob(bot, "John Doe, 555-0100")
    await bot.say(GROUP, BOB, "/refer @dave_lawyer Mary Major")
    await bot.press(BOB, "fu:2:c")

    await bot.say(GROUP, ALICE, "/pending")
    assert "No referral is waiting past the 3 days" in bot.api.texts(GROUP.id)[-1]

    bot.clock.advance(timedelta(days=4))
    await bot.say(GROUP, ALICE, "/pending")

    reply = bot.api.texts(GROUP.id)[-1]
    assert "• Bob Roofer: #1 (4 days)" in reply
    assert "• @dave_lawyer: #3 (4 days)" in reply
    assert "#2" not in reply
    for secret in ("Jane Roe", "John Doe", "555-0100", "Mary Major"):
        assert secret not in reply


async def test_pending_in_one_chapter_ignores_the_others(bot):
    await alice_refers_bob(bot)
    bot.clock.advance(timedelta(days=4))
    await bot.say(Chat(id=OTHER_GROUP.id, title=OTHER_GROUP.title), ALICE, "/pending")
    assert "No referral is waiting" in bot.api.texts(OTHER_GROUP.id)[-1]
