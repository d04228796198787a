"""Stories from a week of trying the meeting and visitors on main (the tryout findings)."""

from __future__ import annotations

from tests.builders import message_json, private_chat, update_json
from tests.cast import ALICE, BOB, CAROL, DAVE, GROUP
from tests.fake_api import ApiError
from tests.harness import BotUnderTest
from tests.test_meeting import ERIN, a_chapter
from tests.test_visitors import hosted_chapter

FORBIDDEN = ApiError(403, "Forbidden: bot can't initiate conversation with a user")


def group_said(bot: BotUnderTest) -> str:
    return "\n".join(bot.api.texts(GROUP.id))


def deleted(bot: BotUnderTest) -> list[int]:
    return [call.params["message_id"] for call in bot.api.sent(method="deleteMessage")]


async def test_finding_1_contact_details_alone_are_no_name_for_the_group(bot):
    await a_chapter(bot, ALICE, BOB)
    for command in ("/sub 555-0123", "/sub sam@sub.io", "/visitor jane@doe.com"):
        sent = await bot.say(GROUP, ALICE, command)
        reply = bot.api.texts(GROUP.id)[-1]
        assert "Start with their name" in reply, command
        assert sent["message_id"] in deleted(bot), command
    said = group_said(bot)
    assert "555-0123" not in said and "sam@sub.io" not in said and "jane@doe.com" not in said
    assert bot.rows("SELECT COUNT(*) FROM substitutes") == [(0,)]
    assert bot.rows("SELECT COUNT(*) FROM visitors") == [(0,)]

    await bot.say(GROUP, ALICE, "/visitor Jane Doe (jane@doe.com)")
    assert "#V1 Jane Doe, invited by Alice Baker" in bot.api.texts(GROUP.id)[-1]
    assert bot.rows("SELECT name, business, email FROM visitors") == [
        ("Jane Doe", "", "jane@doe.com")
    ]
    await bot.say(GROUP, ALICE, "/visitors")
    assert "jane@doe.com" not in group_said(bot)


async def test_finding_2_an_edited_visitor_and_captions_lose_their_contact_details(bot):
    await hosted_chapter(bot)
    first = message_json(GROUP, ALICE, "/visitor Eddie Edit", date=int(bot.clock.now().timestamp()))
    await bot.feed(update_json(message=first))
    edit = dict(first, text="/visitor Eddie Edit, Edit Co, 555-0188, ed@edit.io")
    edit["entities"] = [{"type": "bot_command", "offset": 0, "length": 8}]
    edit["edit_date"] = first["date"] + 5
    bot.api.clear()

    await bot.feed(update_json(edited_message=edit))

    assert first["message_id"] in deleted(bot)
    assert "#V1 Eddie Edit (Edit Co), invited by Alice Baker" in group_said(bot)
    assert "555-0188" not in group_said(bot)
    assert "555-0188" in bot.api.texts(DAVE.id)[-1]  # the host gets the edited details
    assert bot.rows("SELECT id, phone FROM visitors") == [(1, "555-0188")]

    for number, caption in (
        (9001, "/visitor Pam Photo, 555-0199"),
        (9002, "/sub Sid Sub, 555-0177"),
    ):
        photo = message_json(GROUP, ALICE, "x", date=int(bot.clock.now().timestamp()))
        del photo["text"]
        photo.pop("entities", None)
        photo.update(message_id=number, caption=caption)
        photo["photo"] = [{"file_id": "p", "file_unique_id": "pu", "width": 9, "height": 9}]
        photo["caption_entities"] = [
            {"type": "bot_command", "offset": 0, "length": len(caption.split()[0])}
        ]
        await bot.feed(update_json(message=photo))
        assert number in deleted(bot), caption
    said = group_said(bot)
    assert "#V2 Pam Photo" in said and "Sid Sub" in said
    assert "555-0199" not in said and "555-0177" not in said
    assert bot.rows("SELECT name, phone FROM substitutes") == [("Sid Sub", "555-0177")]


async def test_finding_18_no_second_visitor_no_joining_unseen_no_member_as_substitute(bot):
    await hosted_chapter(bot)
    await bot.say(GROUP, ALICE, "/visitor Val Vee, 555-0177, val@vee.com")
    await bot.say(GROUP, BOB, "/visitor val vee, 555-0177")
    assert "#V1 Val Vee is already invited" in bot.api.texts(GROUP.id)[-1]
    assert bot.rows("SELECT COUNT(*) FROM visitors") == [(1,)]

    await bot.say(GROUP, ERIN, "/visitor V1 joined")
    assert "hasn't been marked as come yet" in bot.api.texts(GROUP.id)[-1]
    assert bot.rows("SELECT joined_at FROM visitors") == [(None,)]
    await bot.say(GROUP, ERIN, "/visitor V1 came")
    await bot.say(GROUP, ERIN, "/visitor V1 joined")
    assert "joined the chapter" in bot.api.texts(GROUP.id)[-1]

    await bot.say(GROUP, ALICE, "/sub @bob")
    assert "sounds like a member" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ALICE, "/sub Carol", text_mention=("Carol", CAROL))
    await bot.say(GROUP, ALICE, "/sub bob roofer")
    assert "sounds like a member" in bot.api.texts(GROUP.id)[-1]
    assert bot.rows("SELECT COUNT(*) FROM substitutes") == [(0,)]
    await bot.say(private_chat(ALICE), ALICE, "/sub Sam Stand-in, Stand-in Ltd")
    assert bot.rows("SELECT name FROM substitutes") == [("Sam Stand-in",)]


async def test_finding_18_the_admin_who_opens_the_check_in_is_present_not_absent(bot):
    await a_chapter(bot, ALICE)
    await bot.say(GROUP, ERIN, "/meeting")
    [board] = bot.api.sent(GROUP.id)
    assert "1 checked in" in board.text and "Present (1): Erin" in board.text

    await bot.say(GROUP, ERIN, "/meeting close")

    assert bot.rows("SELECT user_id, mark FROM attendance ORDER BY user_id") == [
        (ALICE.id, "absent"),
        (ERIN.id, "present"),
    ]
    assert not any("marked absent" in text for text in bot.api.texts(ERIN.id))


async def test_finding_18_an_admin_who_sent_a_substitute_stays_substituted(bot):
    await a_chapter(bot, ALICE)
    await bot.say(GROUP, ERIN, "/sub Sam Stand-in, Stand-in Ltd")
    await bot.say(GROUP, ERIN, "/meeting")
    assert bot.rows("SELECT user_id, mark FROM attendance") == [(ERIN.id, "substitute")]


async def test_finding_7_a_host_who_never_started_the_bot_gets_a_link_not_a_promise(bot):
    bot.api.admins.add((GROUP.id, ERIN.id))
    for person in (ERIN, ALICE, BOB):
        await bot.say(GROUP, person, "/help")
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(GROUP, ERIN, "/settings visitorhosts @alice")
    bot.api.fail("sendMessage", FORBIDDEN, chat_id=ALICE.id, times=1)
    bot.api.clear()

    await bot.say(GROUP, BOB, "/visitor Vee Vu, 555-0133")

    said = bot.api.texts(GROUP.id)[-1]
    assert "hosts have the contact details" not in said
    assert "I can't write to" in said and "Alice Baker" in said
    assert "start=visitor_1" in said and "555-0133" not in said

    bot.api.clear()
    await bot.say(private_chat(ALICE), ALICE, "/start visitor_1")
    [details] = bot.api.sent(ALICE.id)
    assert "555-0133" in details.text and details.buttons == [("✅ Arrived: Vee Vu", "va:1")]
    await bot.say(private_chat(BOB), BOB, "/start visitor_1")  # the inviter is no host
    assert "555-0133" not in bot.api.texts(BOB.id)[-1]
    assert "visitor hosts only" in bot.api.texts(BOB.id)[-1]


async def test_finding_19_the_start_links_for_roster_and_export_say_to_ask_again(bot):
    bot.api.admins.add((GROUP.id, ERIN.id))
    await bot.say(GROUP, ERIN, "/help")
    await bot.say(private_chat(ERIN), ERIN, "/start roster")
    assert "Send /roster in your chapter's group again" in bot.api.texts(ERIN.id)[-1]
    await bot.say(private_chat(ERIN), ERIN, "/start export")
    assert "Send /export in your chapter's group again" in bot.api.texts(ERIN.id)[-1]
    assert bot.rows("SELECT can_dm FROM members WHERE user_id = ?", (ERIN.id,)) == [(1,)]
