"""The tester's meeting findings left open at the last stop: what a wrong check-in tap hears,
/mine in the group's /help, naming a member without a username, and the weekly summary's
meetings and visitors lines."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.builders import callback_json, private_chat
from tests.cast import ALICE, BOB, CAROL, GROUP
from tests.test_meeting import ERIN, a_chapter, check_in_message, marks


def last_toast(bot) -> str:
    return str(bot.api.sent(method="answerCallbackQuery")[-1].params.get("text", ""))


async def test_a_check_in_tap_in_private_or_forged_says_what_happened_not_mine(bot):
    await a_chapter(bot, ALICE)
    await bot.say(GROUP, ERIN, "/meeting")
    message = check_in_message(bot)
    meeting_id = message.pop("_meeting")

    private = message | {"chat": private_chat(ALICE).to_api()}
    await bot.feed(callback_json(ALICE, private, f"mt:{meeting_id}:p"))
    toast = last_toast(bot)
    assert "check-in message in your chapter's group" in toast and "/mine" not in toast

    await bot.feed(callback_json(ALICE, message, f"mt:{meeting_id}:x"))
    toast = last_toast(bot)
    assert "isn't a check-in button I know" in toast and "/meeting" in toast
    assert "/mine" not in toast
    assert marks(bot) == {ERIN.id: "present"}


async def test_the_groups_help_names_mine(bot):
    await bot.say(GROUP, ALICE, "/help")
    assert "/mine" in bot.api.texts(GROUP.id)[-1]


async def test_attendance_for_an_unknown_at_name_says_how_to_pick_a_member_without_one(bot):
    await a_chapter(bot, ALICE, CAROL)  # Carol has no username
    await bot.say(GROUP, ERIN, "/meeting")
    await bot.say(GROUP, ERIN, "/attendance @carol late")
    reply = bot.api.texts(GROUP.id)[-1]
    assert "@carol isn't on this chapter's roster" in reply
    assert "reply to one of their messages with <code>/attendance late</code>" in reply
    assert "type @ and pick their name" in reply


async def test_the_weekly_summary_carries_the_weeks_meetings_and_visitors(bot):
    await a_chapter(bot, ALICE, BOB)
    await bot.say(GROUP, ERIN, "/settings summary sun 18:00")
    await bot.say(GROUP, ALICE, "/visitor Jane Smith, Smith Plumbing")
    await bot.say(GROUP, ERIN, "/meeting")
    await bot.say(GROUP, ERIN, "/meeting close")

    bot.clock.set(datetime(2026, 11, 29, 18, 0, tzinfo=UTC))
    assert await bot.services.summaries.run() == 1
    summary = bot.api.texts(GROUP.id)[-1]
    assert summary.startswith("🗓 <b>Weekly summary</b>")
    assert "Meetings: 1; attendance rate 33%" in summary
    assert "Visitors: 1 invited, 0 came, 0 joined" in summary

    bot.clock.set(datetime(2026, 12, 6, 18, 0, tzinfo=UTC))  # a week with neither
    assert await bot.services.summaries.run() == 1
    assert "Meetings:" not in bot.api.texts(GROUP.id)[-1]
