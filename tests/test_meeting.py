"""Stories of the weekly meeting: the check-in, substitutes, closing, corrections and absences."""

from __future__ import annotations

from datetime import timedelta

from tests.builders import User, callback_json, private_chat
from tests.cast import ALICE, BOB, CAROL, DAVE, GROUP, OTHER_GROUP
from tests.harness import BotUnderTest

ERIN = User(id=555, first_name="Erin", username="erin_vp")  # a group admin
FRED = User(id=666, first_name="Fred", username="fred_fixit")


async def a_chapter(bot: BotUnderTest, *people: User) -> None:
    """Erin is an admin; everyone has started the bot and been seen in the group."""
    bot.api.admins.add((GROUP.id, ERIN.id))
    for person in (ERIN, *people):
        await bot.say(private_chat(person), person, "/start")
        await bot.say(GROUP, person, "/help")
    bot.api.clear()


async def open_check_in(bot: BotUnderTest) -> dict:
    """Erin opens the check-in; returns the check-in message as members see it."""
    await bot.say(GROUP, ERIN, "/meeting")
    [post] = [c for c in bot.api.sent(GROUP.id) if "Check-in" in c.text]
    return {
        "message_id": 5000 + sum(1 for c in bot.api.calls if c.method == "sendMessage"),
        "date": int(bot.clock.now().timestamp()),
        "chat": GROUP.to_api(),
        "text": post.text,
    }


def check_in_message(bot: BotUnderTest) -> dict:
    [meeting_id, message_id] = bot.rows("SELECT id, message_id FROM meetings")[-1]
    return {
        "message_id": message_id,
        "date": int(bot.clock.now().timestamp()),
        "chat": GROUP.to_api(),
        "text": "check-in",
        "_meeting": meeting_id,
    }


async def tap(bot: BotUnderTest, user: User, mark: str) -> str:
    """`user` taps a check-in button; returns the toast Telegram shows them."""
    message = check_in_message(bot)
    meeting_id = message.pop("_meeting")
    await bot.feed(callback_json(user, message, f"mt:{meeting_id}:{mark}"))
    answers = bot.api.sent(method="answerCallbackQuery")
    return str(answers[-1].params.get("text", ""))


def marks(bot: BotUnderTest) -> dict[int, str]:
    return dict(bot.rows("SELECT user_id, mark FROM attendance"))


async def test_a_meeting_from_check_in_to_closing(bot):
    await a_chapter(bot, ALICE, BOB, DAVE)
    await bot.say(GROUP, ERIN, "/meeting")

    [board] = bot.api.sent(GROUP.id)
    assert "Check-in: Riverside Chapter" in board.text and "1 checked in" in board.text
    assert "Present (1): Erin" in board.text  # the admin who opened it is there
    assert [label for label, _ in board.buttons] == ["✅ Present", "⏰ Late", "🔁 Sub"]

    assert await tap(bot, ALICE, "p") == "Marked present. Thank you!"
    bot.clock.advance(timedelta(seconds=10))
    assert "Marked late" in await tap(bot, BOB, "l")
    assert "already marked late" in await tap(bot, BOB, "l")
    [edit] = bot.api.sent(GROUP.id, method="editMessageText")  # Bob's tap came 10 s later
    assert "Alice Baker" in edit.text and "Bob Roofer" in edit.text and "3 checked in" in edit.text
    assert marks(bot) == {ALICE.id: "present", BOB.id: "late", ERIN.id: "present"}

    bot.api.clear()
    await bot.say(GROUP, ERIN, "/meeting close")

    [summary] = bot.api.texts(GROUP.id)
    assert "Present: 2" in summary and "Late: 1" in summary and "Absent: 1" in summary
    assert "Dave" not in summary and "Erin" not in summary  # the absent are not named
    [final] = bot.api.sent(GROUP.id, method="editMessageText")
    assert "closed" in final.text and "3 checked in" in final.text and final.buttons == []
    assert marks(bot) == {
        ALICE.id: "present",
        BOB.id: "late",
        DAVE.id: "absent",
        ERIN.id: "present",
    }
    [dave_heard] = bot.api.texts(DAVE.id)
    assert "marked absent" in dave_heard and "1 absence in the last 6 months" in dave_heard
    assert bot.api.texts(ALICE.id) == []

    assert "closed" in await tap(bot, CAROL, "p")  # too late: a toast, no mark
    assert CAROL.id not in marks(bot)


async def test_only_admins_open_and_close_and_it_is_said_who_may(bot):
    await a_chapter(bot, ALICE)
    await bot.say(GROUP, ALICE, "/meeting")
    await bot.say(GROUP, ALICE, "/meeting close")
    assert all("Only the group's admins" in text for text in bot.api.texts(GROUP.id))
    assert bot.rows("SELECT COUNT(*) FROM meetings") == [(0,)]

    await bot.say(private_chat(ERIN), ERIN, "/meeting")
    assert "send /meeting there" in bot.api.texts(ERIN.id)[-1]
    await bot.say(GROUP, ERIN, "/meeting now please")
    assert "/meeting close" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/meeting close")
    assert "No check-in is open" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/meeting")
    await bot.say(GROUP, ERIN, "/meeting")
    assert "already open" in bot.api.texts(GROUP.id)[-1]
    assert bot.rows("SELECT COUNT(*) FROM meetings") == [(1,)]


async def test_strangers_and_other_chapters_cannot_check_in(bot):
    await a_chapter(bot, ALICE, BOB)
    await bot.say(OTHER_GROUP, FRED, "/help")
    await bot.say(GROUP, ERIN, "/meeting")
    await bot.say(GROUP, ERIN, "/roster remove @bob")

    assert "Only members" in await tap(bot, BOB, "p")  # taken off the roster
    # Fred presses a button of Riverside's meeting from his own chapter's group
    [meeting_id] = bot.rows("SELECT id FROM meetings")[0]
    forged = {"message_id": 1, "date": 0, "chat": OTHER_GROUP.to_api(), "text": "x"}
    await bot.feed(callback_json(FRED, forged, f"mt:{meeting_id}:p"))
    assert "Only members" in bot.api.sent(method="answerCallbackQuery")[-1].params["text"]
    await bot.feed(callback_json(ALICE, check_in_message(bot) | {}, "mt:99999:p"))
    assert marks(bot) == {ERIN.id: "present"}  # only the admin who opened it


async def test_the_check_in_closes_by_itself_after_four_hours(bot):
    await a_chapter(bot, ALICE, BOB)
    await bot.say(GROUP, ERIN, "/meeting")
    await tap(bot, ALICE, "p")
    bot.clock.advance(timedelta(hours=3, minutes=59))
    await bot.services.meeting.sweep.run()
    assert bot.rows("SELECT closed_at FROM meetings") == [(None,)]

    bot.api.clear()
    bot.clock.advance(timedelta(minutes=1))
    await bot.services.meeting.sweep.run()
    [summary] = bot.api.texts(GROUP.id)
    assert "closed by itself after 4 hours" in summary
    assert marks(bot)[BOB.id] == "absent"
    await bot.services.meeting.sweep.run()  # nothing twice
    assert len(bot.api.texts(GROUP.id)) == 1 and len(bot.api.texts(BOB.id)) == 1


async def test_a_substitute_sent_before_the_meeting_counts_and_hides_contact_details(bot):
    await a_chapter(bot, ALICE, BOB)
    await bot.say(GROUP, BOB, "/sub Jane Smith, Smith Plumbing, 555-0101")
    [said] = bot.api.texts(GROUP.id)
    assert "Jane Smith (Smith Plumbing)" in said and "next meeting" in said
    assert "555" not in said
    assert bot.api.sent(method="deleteMessage"), "the command with the phone number is deleted"

    await bot.say(private_chat(ALICE), ALICE, "/sub <b>Max</b> & Co")
    assert "&lt;b&gt;Max&lt;/b&gt; &amp; Co" in bot.api.texts(ALICE.id)[-1]
    await bot.say(private_chat(ALICE), ALICE, "/sub Tom Lee, Lee Legal")  # replaces Max

    await bot.say(GROUP, ERIN, "/meeting")
    board = bot.api.sent(GROUP.id)[-1].text
    assert "Bob Roofer (by Jane Smith)" in board and "Alice Baker (by Tom Lee)" in board
    await bot.say(GROUP, ERIN, "/meeting close")
    assert marks(bot) == {ALICE.id: "substitute", BOB.id: "substitute", ERIN.id: "present"}


async def test_sub_during_the_check_in_and_bad_subs(bot):
    await a_chapter(bot, ALICE)
    await bot.say(GROUP, ALICE, "/sub")
    assert "Who is your substitute?" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ALICE, "/sub " + "x" * 1200)
    assert "1200 characters" in bot.api.texts(GROUP.id)[-1]
    stranger = User(id=777, first_name="Stan")
    await bot.say(private_chat(stranger), stranger, "/sub Jane")
    assert "don't know your chapter" in bot.api.texts(stranger.id)[-1]
    assert bot.rows("SELECT COUNT(*) FROM substitutes") == [(0,)]

    await bot.say(GROUP, ERIN, "/meeting")
    await bot.say(private_chat(ALICE), ALICE, "/sub Jane Smith")
    assert "today's meeting" in bot.api.texts(ALICE.id)[-1]
    assert marks(bot) == {ALICE.id: "substitute", ERIN.id: "present"}


async def test_admins_correct_marks_and_medical_leave_is_not_an_absence(bot):
    await a_chapter(bot, ALICE, BOB)
    await bot.say(GROUP, ERIN, "/attendance @bob medical")
    assert "hasn't held a meeting" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/meeting")
    await bot.say(GROUP, ERIN, "/meeting close")
    bot.api.clear()

    await bot.say(GROUP, ALICE, "/attendance @bob medical")
    assert "Only the group's admins" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/attendance @bob holiday")
    assert "Marks: present, late, absent, sub, medical" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/attendance medical")
    assert "Marks:" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/attendance @nobody_here late")
    assert "@nobody_here isn't on this chapter's roster" in bot.api.texts(GROUP.id)[-1]
    assert marks(bot)[BOB.id] == "absent"

    await bot.say(GROUP, ERIN, "/attendance @bob medical")
    assert "Bob Roofer is now marked on medical leave" in bot.api.texts(GROUP.id)[-1]
    reply_to = await bot.say(GROUP, ALICE, "/help")
    await bot.say(GROUP, ERIN, "/attendance late", reply_to=reply_to)
    assert marks(bot) == {ALICE.id: "late", BOB.id: "medical", ERIN.id: "present"}
    await bot.say(private_chat(ERIN), ERIN, "/attendance @bob late")
    assert "send /attendance there" in bot.api.texts(ERIN.id)[-1]


async def test_absences_warn_one_short_then_tell_the_admins_at_the_limit(bot):
    await a_chapter(bot, ALICE, BOB)
    await bot.say(GROUP, ERIN, "/settings absences 2 in 3")
    assert "Absence limit: 2 in any 3 months" in bot.api.texts(GROUP.id)[-1]
    for _ in range(2):
        await bot.say(GROUP, ERIN, "/meeting")
        await tap(bot, ALICE, "p")
        await tap(bot, ERIN, "p")
        await bot.say(GROUP, ERIN, "/meeting close")
        bot.clock.advance(timedelta(days=7))

    first, second = bot.api.texts(BOB.id)
    assert "One more reaches the limit" in first
    assert "You've reached the limit" in second
    [admin_heard] = [text for text in bot.api.texts(ERIN.id) if "absences" in text]
    assert "Bob Roofer has 2 absences in the last 3 months (the limit is 2)" in admin_heard


async def test_absence_settings_refuse_what_makes_no_sense(bot):
    await a_chapter(bot, ALICE)
    for text, problem in [
        ("/settings absences", "Absence limit: 3 in any 6 months"),
        ("/settings absences three in six", "like 3 in 6"),
        ("/settings absences 0 in 6", "between 1 and 52"),
        ("/settings absences 3 in 99", "between 1 and 24"),
    ]:
        await bot.say(GROUP, ERIN, text)
        assert problem in bot.api.texts(GROUP.id)[-1], text
    await bot.say(GROUP, ALICE, "/settings absences 5 in 6")
    assert "Only the group's admins" in bot.api.texts(GROUP.id)[-1]
    assert bot.rows("SELECT COUNT(*) FROM meeting_settings") == [(0,)]
    await bot.say(GROUP, ERIN, "/settings window 2d")  # other settings still reach /settings
    assert "Follow-up window: 2d" in bot.api.texts(GROUP.id)[-1]


async def test_the_roster_comes_privately_and_removing_keeps_history(bot):
    await a_chapter(bot, ALICE, BOB)
    await bot.say(GROUP, ERIN, "/meeting")
    await tap(bot, ALICE, "p")
    await bot.say(GROUP, ERIN, "/meeting close")
    bot.api.clear()

    await bot.say(GROUP, ALICE, "/roster")
    assert "Only the group's admins" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/roster")
    assert "sent you the roster privately" in bot.api.texts(GROUP.id)[-1]
    [roster] = bot.api.texts(ERIN.id)
    assert "3 members" in roster and "Alice Baker: ✅1" in roster and "Bob Roofer" in roster

    await bot.say(GROUP, ERIN, "/roster remove @bob")
    assert "Bob Roofer is off the roster" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/roster remove @bob")
    assert "isn't on this chapter's roster" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/roster remove")
    assert "/roster remove @bob" in bot.api.texts(GROUP.id)[-1]
    assert marks(bot)[BOB.id] == "absent", "history stays"
    await bot.say(GROUP, ERIN, "/roster")
    assert "2 members" in bot.api.texts(ERIN.id)[-1]


async def test_members_who_leave_the_group_are_not_expected_until_they_return(bot):
    from tests.builders import message_json, update_json

    await a_chapter(bot, ALICE, BOB, DAVE)

    def service_message(key: str) -> dict:
        message = message_json(GROUP, BOB, "", date=1)
        del message["text"]
        message[key] = [BOB.to_api()] if key == "new_chat_members" else BOB.to_api()
        return update_json(message=message)

    await bot.feed(service_message("left_chat_member"))
    dave_leaves = {
        "chat": GROUP.to_api(),
        "from": DAVE.to_api(),
        "date": 1,
        "old_chat_member": {"status": "member", "user": DAVE.to_api()},
        "new_chat_member": {"status": "left", "user": DAVE.to_api()},
    }
    await bot.feed(update_json(chat_member=dave_leaves))
    await bot.say(GROUP, ERIN, "/meeting")
    await bot.say(GROUP, ERIN, "/meeting close")
    assert marks(bot) == {ALICE.id: "absent", ERIN.id: "present"}

    await bot.feed(service_message("new_chat_members"))
    bot.clock.advance(timedelta(days=7))
    await bot.say(GROUP, ERIN, "/meeting")
    await bot.say(GROUP, ERIN, "/meeting close")
    assert bot.rows("SELECT user_id FROM attendance WHERE meeting_id = 2 ORDER BY user_id") == [
        (ALICE.id,),
        (BOB.id,),
        (ERIN.id,),
    ]


async def test_a_check_in_message_that_failed_to_post_is_posted_by_the_next_meeting_command(bot):
    from tests.fake_api import SERVER_ERROR

    await a_chapter(bot, ALICE)
    bot.api.fail("sendMessage", SERVER_ERROR, chat_id=GROUP.id)  # the check-in post fails
    await bot.say(GROUP, ERIN, "/meeting")
    assert bot.rows("SELECT message_id FROM meetings") == [(None,)]
    await bot.say(GROUP, ERIN, "/meeting")
    assert "Check-in: Riverside Chapter" in bot.api.texts(GROUP.id)[-1]
    assert bot.rows("SELECT COUNT(*), MIN(message_id) IS NOT NULL FROM meetings") == [(1, 1)]
    assert await tap(bot, ALICE, "p") == "Marked present. Thank you!"
    await bot.say(GROUP, ERIN, "/meeting")
    assert "already open" in bot.api.texts(GROUP.id)[-1]
