"""Stories of one-to-ones: logged by one, confirmed by the other, counted once, reminded once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.builders import private_chat
from tests.cast import ALICE, BOB, CAROL, DAVE, GROUP, OTHER_GROUP, SOME_BOT
from tests.fake_api import BOT_USERNAME, FORBIDDEN_NOT_STARTED
from tests.harness import build_bot, settings_for


async def chapter_of_three(bot, *, bob_started: bool = True) -> None:
    """Alice, Bob and Carol are members of the Riverside group; Dave only of Hilltop."""
    for member in (ALICE, BOB, CAROL):
        await bot.say(GROUP, member, "/help")
    await bot.say(OTHER_GROUP, DAVE, "/help")
    await bot.say(private_chat(ALICE), ALICE, "/start")
    if bob_started:
        await bot.say(private_chat(BOB), BOB, "/start")
    bot.api.clear()


async def rows(bot) -> list[tuple]:
    found = await bot.services.store.db.fetch_all(
        "SELECT logged_by, partner_id, met_on, status, note FROM one_to_ones ORDER BY id"
    )
    return [tuple(row) for row in found]


def answers(bot) -> list[str]:
    return [call.params.get("text", "") for call in bot.api.sent(method="answerCallbackQuery")]


async def test_alice_logs_a_one_to_one_bob_confirms_and_alice_sees_her_card_change(bot):
    await chapter_of_three(bot)

    await bot.say(GROUP, ALICE, "/121 @bob Coffee at the bakery")

    [reply] = bot.api.texts(GROUP.id)
    assert "One-to-one with Bob Roofer on Mon 23 Nov logged" in reply
    assert "counts once Bob confirms" in reply
    [question] = bot.api.sent(BOB.id)
    assert "Alice Baker logged a one-to-one with you on Mon 23 Nov" in question.text
    assert "Coffee at the bakery" in question.text
    assert question.buttons == [("Yes, we met", "oo:1:y"), ("Didn't happen", "oo:1:n")]
    assert await rows(bot) == [(ALICE.id, BOB.id, "2026-11-23", "pending", "Coffee at the bakery")]

    bot.api.clear()
    await bot.press(BOB, "oo:1:y")

    assert answers(bot) == ["Thanks, saved."]
    [edited] = bot.api.sent(method="editMessageText")
    assert "Confirmed: your one-to-one with Alice Baker" in edited.text
    [told] = bot.api.texts(ALICE.id)
    assert "Bob Roofer confirmed your one-to-one on Mon 23 Nov" in told
    # One one-to-one in Alice's first week (grey, new): 0 → 1 a week, 0 → 15 points.
    assert "Your card: one-to-ones 0.00 → 1.00 a week; 0 → 15 of 65 points" in told
    assert (await rows(bot))[0][3] == "confirmed"


async def test_didnt_happen_counts_nothing_and_alice_is_told(bot):
    await chapter_of_three(bot)
    await bot.say(GROUP, ALICE, "/121 @bob")
    bot.api.clear()

    await bot.press(BOB, "oo:1:n")

    [told] = bot.api.texts(ALICE.id)
    assert "says the one-to-one on Mon 23 Nov didn't happen" in told
    assert (await rows(bot))[0][3] == "declined"


async def test_when_both_log_the_same_meeting_it_is_one_one_to_one(bot):
    await chapter_of_three(bot)
    await bot.say(GROUP, ALICE, "/121 @bob yesterday")
    bot.api.clear()

    await bot.say(GROUP, BOB, "/onetoone @alice")  # Bob thinks it was today

    [reply] = bot.api.texts(GROUP.id)
    assert "Alice Baker had logged this one-to-one already (Sun 22 Nov)" in reply
    assert "counts for both of you, once" in reply
    assert await rows(bot) == [(ALICE.id, BOB.id, "2026-11-22", "confirmed", None)]


async def test_logging_it_twice_changes_nothing(bot):
    await chapter_of_three(bot)
    await bot.say(GROUP, ALICE, "/121 @bob")
    bot.api.clear()

    await bot.say(GROUP, ALICE, "/121 @bob today")

    [reply] = bot.api.texts(GROUP.id)
    assert "logged already (on Mon 23 Nov): nothing changed" in reply
    assert len(await rows(bot)) == 1
    assert bot.api.sent(BOB.id) == []


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/121", "Who did you meet?"),
        ("/121 @alice", "can't log one with yourself"),
        (f"/121 @{BOT_USERNAME}", "Bots don't do one-to-ones"),
        ("/121 @dave_lawyer", "Dave isn't a member of this chapter"),
        ("/121 @nobody_here", "@nobody_here isn't a member of this chapter"),
        ("/121 @bob tomorrow", "That day hasn't come yet"),
        ("/121 @bob 2026-11-24", "That day hasn't come yet"),
        ("/121 @bob 2026-10-23", "more than 30 days ago"),
        ("/121 @bob " + "x" * 301, "The note is 301 characters"),
    ],
)
async def test_bad_one_to_ones_are_refused_and_nothing_is_stored(bot, command, expected):
    await chapter_of_three(bot)

    await bot.say(GROUP, ALICE, command)

    [reply] = bot.api.texts(GROUP.id)
    assert expected in reply
    assert "Nothing was recorded" in reply or "nothing changed" in reply
    assert await rows(bot) == []
    assert bot.api.sent(BOB.id) == []


async def test_a_one_to_one_with_a_bot_named_by_reply_is_refused(bot):
    await chapter_of_three(bot)
    bots_message = {
        "message_id": 7,
        "date": 0,
        "chat": GROUP.to_api(),
        "from": SOME_BOT.to_api(),
        "text": "beep",
    }

    await bot.say(GROUP, ALICE, "/121", reply_to=bots_message)

    assert "Bots don't do one-to-ones" in bot.api.texts(GROUP.id)[0]
    assert await rows(bot) == []


async def test_days_are_read_as_members_write_them(bot):
    await chapter_of_three(bot)  # Monday 23 Nov 2026

    await bot.say(GROUP, ALICE, "/121 @bob friday Lunch")
    await bot.say(GROUP, ALICE, "/121 Carol 10 Nov", text_mention=("Carol", CAROL))

    assert [(row[2], row[4]) for row in await rows(bot)] == [
        ("2026-11-20", "Lunch"),
        ("2026-11-10", None),
    ]


async def test_only_the_member_asked_may_answer_and_forged_buttons_change_nothing(bot):
    await chapter_of_three(bot)
    await bot.say(GROUP, ALICE, "/121 @bob")
    bot.api.clear()

    await bot.press(CAROL, "oo:1:y")
    await bot.press(ALICE, "oo:1:y")  # the logger can't confirm their own
    await bot.press(BOB, "oo:99:y")
    await bot.press(BOB, "oo:1:maybe")

    assert answers(bot) == [
        "Only the member who was asked can answer this.",
        "Only the member who was asked can answer this.",
        "This button no longer works.",
        "This button no longer works.",
    ]
    assert (await rows(bot))[0][3] == "pending"

    await bot.press(BOB, "oo:1:y")
    await bot.press(BOB, "oo:1:n")  # a second answer changes nothing
    assert answers(bot)[-1] == "Already answered: nothing changed."
    assert (await rows(bot))[0][3] == "confirmed"


async def test_unconfirmed_after_72_hours_bob_gets_one_reminder_even_across_a_restart(
    tmp_path, clock
, database):
    bot = build_bot(settings_for(database), clock)
    await bot.start()
    await chapter_of_three(bot)
    await bot.say(GROUP, ALICE, "/121 @bob")
    bot.api.clear()

    clock.advance(timedelta(hours=71, minutes=59))
    await bot.services.scorecard.reminders.run()
    assert bot.api.sent(BOB.id) == []

    clock.advance(timedelta(minutes=1))
    await bot.services.scorecard.reminders.run()
    [reminder] = bot.api.sent(BOB.id)
    assert "Still waiting for your answer" in reminder.text
    assert reminder.buttons == [("Yes, we met", "oo:1:y"), ("Didn't happen", "oo:1:n")]
    await bot.stop()

    again = build_bot(settings_for(database), clock)
    await again.start()
    clock.advance(timedelta(days=5))
    await again.services.scorecard.reminders.run()
    assert again.api.sent(BOB.id) == []
    await again.stop()


async def test_bob_who_never_started_the_bot_gets_a_link_that_asks_him(bot):
    await chapter_of_three(bot, bob_started=False)
    bot.api.fail("sendMessage", FORBIDDEN_NOT_STARTED, chat_id=BOB.id)

    await bot.say(GROUP, ALICE, "/121 @bob")

    [reply] = bot.api.texts(GROUP.id)
    assert "I can't message you yet" in reply
    assert f"https://t.me/{BOT_USERNAME}?start=oo_1" in reply
    bot.api.clear()

    await bot.say(private_chat(BOB), BOB, "/start oo_1")

    [question] = bot.api.sent(BOB.id)
    assert "Alice Baker logged a one-to-one with you" in question.text
    assert question.buttons == [("Yes, we met", "oo:1:y"), ("Didn't happen", "oo:1:n")]

    bot.api.clear()
    await bot.say(private_chat(CAROL), CAROL, "/start oo_1")  # not hers
    assert bot.api.texts(CAROL.id) == ["This button no longer works."]


async def test_logged_privately_it_goes_to_the_chapter_they_share(bot):
    await chapter_of_three(bot)

    await bot.say(private_chat(ALICE), ALICE, "/121 @bob")
    await bot.say(private_chat(ALICE), ALICE, "/121 @dave_lawyer")

    replies = bot.api.texts(ALICE.id)
    assert "One-to-one with Bob Roofer on Mon 23 Nov logged" in replies[0]
    assert "Dave isn't a member of this chapter" in replies[1]
    chapter = await bot.services.store.chapters.by_chat_id(GROUP.id)
    stored = await bot.services.scorecard.one_to_ones.get(1)
    assert stored is not None and stored.chapter_id == chapter.id


async def test_the_dance_card_lists_whom_you_havent_met_and_never_referred(bot):
    await chapter_of_three(bot)
    await bot.say(GROUP, ALICE, "/121 @bob")
    await bot.press(BOB, "oo:1:y")
    await bot.say(GROUP, ALICE, "/refer @carol Jane Roe, Roe Bakery")
    bot.api.clear()

    await bot.say(private_chat(ALICE), ALICE, "/dancecard")
    await bot.say(GROUP, ALICE, "/dancecard")

    card = bot.api.texts(ALICE.id)[0]
    assert "Your dance card: Riverside Chapter" in card
    assert "• Carol (never met)" in card
    assert "Bob Roofer (" not in card.split("Never passed")[0]
    assert "Never passed a referral to:\nBob Roofer" in card
    assert "send /dancecard to me in a private chat" in bot.api.texts(GROUP.id)[0]


def test_days_more_than_a_month_back_or_ahead_are_refused():
    from bot.scorecard.when import WhenRefused, split_day_and_note

    today = date(2026, 11, 23)
    assert split_day_and_note(["2026-10-24", "x"], today) == (date(2026, 10, 24), "x")
    for words in (["2026-10-23"], ["24", "Nov"], ["2026-11-24"]):
        with pytest.raises(WhenRefused):
            split_day_and_note(words, today)
    assert split_day_and_note(["Nov", "3", "lunch"], today) == (date(2026, 11, 3), "lunch")


def test_a_day_refused_carries_the_projects_one_refusal_shape():
    from bot.core.result import Reason, Refusal, Refused
    from bot.scorecard.when import split_day_and_note

    today = date(2026, 11, 23)
    for words, reason in (
        (["2026-11-24"], Reason.ONE_TO_ONE_FUTURE),
        (["2026-10-23"], Reason.ONE_TO_ONE_TOO_OLD),
    ):
        with pytest.raises(Refusal) as refusal:
            split_day_and_note(words, today)
        assert refusal.value.refused == Refused(reason, {})
        assert str(refusal.value) == reason.value
