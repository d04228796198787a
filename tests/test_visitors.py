"""Stories of visitors: invited, welcomed by the hosts, called within 48 hours, joining."""

from __future__ import annotations

from datetime import timedelta

from tests.builders import User, callback_json, private_chat
from tests.cast import ALICE, BOB, CAROL, DAVE, GROUP, OTHER_GROUP
from tests.harness import BotUnderTest
from tests.test_meeting import ERIN, a_chapter

FRANK = User(id=777, first_name="Frank", username="frank_other")
PHONE, EMAIL = "555-0101", "jane@smith.example"
JANE = f"Jane Smith, Smith Plumbing, {PHONE}, {EMAIL}"


def private_message(user: User) -> dict:
    return {"message_id": 1, "date": 0, "chat": private_chat(user).to_api(), "text": "…"}


async def press(bot: BotUnderTest, user: User, data: str) -> str:
    """`user` taps a button in their private chat; returns the toast (if any)."""
    await bot.feed(callback_json(user, private_message(user), data))
    return str(bot.api.sent(method="answerCallbackQuery")[-1].params.get("text", ""))


async def hosted_chapter(bot: BotUnderTest) -> None:
    """Dave hosts visitors; Alice, Bob and Carol are members; Erin is an admin."""
    await a_chapter(bot, ALICE, BOB, CAROL, DAVE)
    await bot.say(GROUP, ERIN, "/settings visitorhosts @dave_lawyer")
    bot.api.clear()


async def test_a_visitor_is_announced_without_contact_details_and_hosts_get_them(bot):
    await hosted_chapter(bot)
    await bot.say(GROUP, ALICE, f"/visitor {JANE}")

    [said] = bot.api.texts(GROUP.id)
    assert "#V1 Jane Smith (Smith Plumbing), invited by Alice Baker" in said
    assert PHONE not in said and EMAIL not in said
    assert bot.api.sent(method="deleteMessage")
    [host_copy] = bot.api.sent(DAVE.id)
    assert PHONE in host_copy.text and EMAIL in host_copy.text
    assert host_copy.buttons == [("✅ Arrived: Jane Smith", "va:1")]
    for call in bot.api.sent():
        if PHONE in call.text:
            assert call.chat_id == DAVE.id


async def test_no_host_named_says_so_and_bad_visitor_input_is_answered(bot):
    await a_chapter(bot, ALICE)
    await bot.say(GROUP, ALICE, "/visitor <i>Max</i> & Sons")
    said = bot.api.texts(GROUP.id)[-1]
    assert "&lt;i&gt;Max&lt;/i&gt; &amp; Sons" in said and "No visitor hosts" in said
    await bot.say(GROUP, ALICE, "/visitor")
    assert "Invite a visitor" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ALICE, "/visitor " + "y" * 1001)
    assert "1001 characters" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ALICE, "/visitor V1 danced")
    assert "Invite a visitor" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ALICE, "/visitor V99 came")
    assert "can't find visitor #V99" in bot.api.texts(GROUP.id)[-1]
    await bot.say(private_chat(FRANK), FRANK, "/visitor Jane")
    assert "don't know your chapter" in bot.api.texts(FRANK.id)[-1]
    assert bot.rows("SELECT COUNT(*) FROM visitors") == [(1,)]


async def test_the_hosts_list_at_check_in_and_the_48_hour_follow_up(bot):
    await hosted_chapter(bot)
    await bot.say(GROUP, ALICE, f"/visitor {JANE}")
    await bot.say(private_chat(BOB), BOB, "/visitor Tom Lee, Lee Legal")
    assert "#V2 Tom Lee (Lee Legal) is recorded" in bot.api.texts(BOB.id)[-1]
    bot.clock.advance(timedelta(days=2))
    bot.api.clear()

    await bot.say(GROUP, ERIN, "/meeting")
    [expected] = bot.api.sent(DAVE.id)
    assert "#V1 Jane Smith" in expected.text and "#V2 Tom Lee" in expected.text
    assert expected.buttons == [("✅ Arrived: Jane Smith", "va:1"), ("✅ Arrived: Tom Lee", "va:2")]

    assert "Only the chapter's visitor hosts" in await press(bot, CAROL, "va:1")
    assert await press(bot, DAVE, "va:1") == "✅ Jane Smith arrived."
    assert "already marked as arrived" in await press(bot, DAVE, "va:1")
    await bot.say(GROUP, ERIN, "/meeting close")
    bot.api.clear()

    bot.clock.advance(timedelta(hours=47))
    await bot.services.meeting.sweep.run()
    assert bot.api.texts(DAVE.id) == []
    bot.clock.advance(timedelta(hours=1))
    await bot.services.meeting.sweep.run()
    [nudge] = bot.api.sent(DAVE.id)
    assert "Jane Smith" in nudge.text and PHONE in nudge.text
    assert [label for label, _ in nudge.buttons] == ["📞 Called", "📝 Applying", "✖ Not interested"]
    await bot.services.meeting.sweep.run()
    assert len(bot.api.texts(DAVE.id)) == 1, "one nudge, not two"

    assert "Only the chapter's visitor hosts" in await press(bot, CAROL, "vf:1:a")
    await press(bot, DAVE, "vf:1:a")
    assert "Logged for #V1 Jane Smith (Smith Plumbing): applying" in bot.api.texts(DAVE.id)[-1]
    [told] = bot.api.texts(ALICE.id)
    assert "Dave logged the follow-up as <b>applying to join</b>" in told
    assert "already logged" in await press(bot, DAVE, "vf:1:a")

    await bot.say(GROUP, ALICE, "/visitor V1 joined")
    assert "Only the group's admins" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/visitor V1 joined")
    assert "Jane Smith (Smith Plumbing) joined the chapter" in bot.api.texts(GROUP.id)[-1]
    assert "counts for you" in bot.api.texts(ALICE.id)[-1]
    await bot.say(GROUP, ERIN, "/visitor V1 joined")
    assert "already recorded as joined" in bot.api.texts(GROUP.id)[-1]


async def test_a_follow_up_logged_in_time_means_no_nudge_and_no_host_means_the_inviter(bot):
    await a_chapter(bot, ALICE, BOB)
    await bot.say(GROUP, ALICE, "/visitor Jane Smith, Smith Plumbing")
    await bot.say(GROUP, BOB, "/visitor Tom Lee")
    await bot.say(GROUP, ERIN, "/meeting")
    await bot.say(GROUP, ALICE, "/visitor V1 came")
    assert "Only the chapter's visitor hosts" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/visitor V1 came")
    await bot.say(private_chat(ERIN), ERIN, "/visitor V2 came")
    await bot.say(GROUP, ALICE, "/visitor V1 called")
    bot.api.clear()

    bot.clock.advance(timedelta(hours=49))
    await bot.services.meeting.sweep.run()
    assert not [t for t in bot.api.texts(ALICE.id) if "Jane" in t], "Alice logged her call"
    [nudge] = [c for c in bot.api.sent(BOB.id) if "Tom Lee" in c.text]  # no hosts: the inviter
    assert "invited by you" in nudge.text


async def test_visitors_of_another_chapter_cannot_be_touched(bot):
    await hosted_chapter(bot)
    await bot.say(GROUP, ALICE, f"/visitor {JANE}")
    bot.api.admins.add((OTHER_GROUP.id, FRANK.id))
    await bot.say(OTHER_GROUP, FRANK, "/visitor V1 joined")
    assert "can't find visitor #V1" in bot.api.texts(OTHER_GROUP.id)[-1]
    await bot.say(private_chat(FRANK), FRANK, "/visitor V1 came")
    assert "can't find visitor #V1" in bot.api.texts(FRANK.id)[-1]
    assert "can't find visitor" in await press(bot, FRANK, "vf:1:c")
    await bot.say(OTHER_GROUP, FRANK, "/visitors all")
    assert "Jane" not in bot.api.texts(OTHER_GROUP.id)[-1]
    assert bot.rows("SELECT came_at, outcome, joined_at FROM visitors") == [(None, None, None)]


async def test_the_pipeline_shows_names_and_inviters_but_no_contact_details(bot):
    await hosted_chapter(bot)
    await bot.say(GROUP, ALICE, f"/visitor {JANE}")
    await bot.say(GROUP, BOB, "/visitor Tom Lee, Lee Legal, tom@lee.example")
    await bot.say(GROUP, ERIN, "/meeting")
    await press(bot, DAVE, "va:1")
    await bot.say(GROUP, ERIN, "/meeting close")
    await bot.say(GROUP, ERIN, "/visitor V1 joined")
    bot.api.clear()

    await bot.say(GROUP, CAROL, "/visitors")
    [pipeline] = bot.api.texts(GROUP.id)
    assert "Invited: 2 · Came: 1 · Followed up: 0 · Joined: 1" in pipeline
    assert (
        "#V1 Jane Smith (Smith Plumbing): invited by Alice Baker, came 23 Nov, joined" in pipeline
    )
    assert "#V2 Tom Lee (Lee Legal): invited by Bob Roofer" in pipeline
    assert PHONE not in pipeline and "tom@lee.example" not in pipeline
    await bot.say(GROUP, CAROL, "/visitors decade")
    assert "/visitors week" in bot.api.texts(GROUP.id)[-1]
    await bot.say(private_chat(CAROL), CAROL, "/visitors")
    assert "send /visitors in its group" in bot.api.texts(CAROL.id)[-1]


async def test_visitor_hosts_are_set_by_admins_only(bot):
    await a_chapter(bot, ALICE, DAVE)
    await bot.say(GROUP, ALICE, "/settings visitorhosts @dave_lawyer")
    assert "Only the group's admins" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/settings visitorhosts")
    assert "Visitor hosts: none named yet" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/settings visitorhosts dave")
    assert "/settings visitorhosts @carol @dave" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/settings visitorhosts @dave_lawyer @ghost")
    assert "I don't know @ghost yet" in bot.api.texts(GROUP.id)[-1]
    assert bot.rows("SELECT COUNT(*) FROM visitor_hosts") == [(0,)]
    await bot.say(GROUP, ERIN, "/settings visitorhosts @dave_lawyer")
    assert "Visitor hosts: Dave" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/settings visitorhosts")
    assert "Visitor hosts: Dave." in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/settings visitorhosts none")
    assert "No visitor hosts now" in bot.api.texts(GROUP.id)[-1]
    assert bot.rows("SELECT COUNT(*) FROM visitor_hosts") == [(0,)]


async def test_when_no_host_can_be_written_to_the_inviter_is_nudged(bot):
    from tests.fake_api import FORBIDDEN_BLOCKED

    await hosted_chapter(bot)
    await bot.say(GROUP, ALICE, "/visitor Jane Smith, Smith Plumbing")
    await bot.say(GROUP, ERIN, "/visitor V1 came")
    bot.api.fail("sendMessage", FORBIDDEN_BLOCKED, chat_id=DAVE.id)  # Dave blocked the bot
    bot.clock.advance(timedelta(hours=48))
    await bot.services.meeting.sweep.run()
    [nudge] = [text for text in bot.api.texts(ALICE.id) if "Jane Smith" in text]
    assert "invited by you" in nudge


async def test_a_check_in_in_a_forum_topic_stays_in_that_topic(bot):
    await a_chapter(bot, ALICE)
    await bot.say(GROUP, ERIN, "/meeting", thread_id=42)
    await bot.say(GROUP, ERIN, "/meeting close", thread_id=42)
    posts = bot.api.sent(GROUP.id)
    assert len(posts) == 2 and all(int(c.params["message_thread_id"]) == 42 for c in posts)
