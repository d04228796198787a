"""Stories of the chapter's numbers: honest follow-up figures, closed business, top lists."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.builders import Chat, private_chat
from tests.cast import ALICE, BOB, CAROL, DAVE, GROUP
from tests.fake_api import ApiError


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+00:00")


async def month_of_referrals(bot) -> None:
    """November 2026 in a UTC chapter, with one October referral that must not count."""
    for person in (ALICE, BOB, DAVE):
        await bot.say(private_chat(person), person, "/start")
    bot.clock.set(at("2026-10-20T10:00:00"))
    await bot.say(GROUP, ALICE, "/refer @bob October lead")  # 1
    bot.clock.set(at("2026-11-02T10:00:00"))
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")  # 2: contacted after 5 hours
    await bot.say(GROUP, ALICE, "/refer @bob John Doe")  # 3: contacted after 80 hours (late)
    await bot.say(GROUP, BOB, "/refer @alice Mary Major")  # 4: never followed up
    bot.clock.set(at("2026-11-02T15:00:00"))
    await bot.press(BOB, "fu:2:c")
    bot.clock.set(at("2026-11-05T18:00:00"))
    await bot.press(BOB, "fu:3:c")
    bot.clock.set(at("2026-11-10T09:00:00"))
    await bot.say(private_chat(BOB), BOB, "/closed 2 2500")
    await bot.say(private_chat(BOB), BOB, "/closed 1 400")  # October's lead, closed in November
    bot.clock.set(at("2026-11-20T09:00:00"))
    await bot.say(GROUP, DAVE, "/refer @bob Fresh lead")  # 5: window still running
    bot.api.clear()


async def test_this_months_numbers(bot):
    await month_of_referrals(bot)

    await bot.say(GROUP, ALICE, "/stats")

    reply = bot.api.texts(GROUP.id)[-1]
    assert "Riverside Chapter: this month</b> (since 1 Nov 2026)" in reply
    assert "Referrals passed: 4" in reply
    assert "Followed up within the window: 1 of 3 (33%)" in reply
    assert "Median time to first follow-up: 1 day" in reply  # median of 5h and 80h = 42.5h
    assert "Business closed: 2, worth $2,900" in reply
    assert "Top givers: Alice Baker (2), Bob Roofer (1), Dave (1)" in reply
    assert "Top closers: Bob Roofer ($2,900)" in reply
    for secret in ("Jane Roe", "John Doe", "Mary Major"):
        assert secret not in reply


@pytest.mark.parametrize(
    ("period", "passed", "since"),
    [
        ("week", 1, "since 16 Nov 2026"),
        ("quarter", 5, "since 1 Oct 2026"),
        ("year", 5, "since 1 Jan 2026"),
        ("all", 5, None),
    ],
)
async def test_each_period(bot, period, passed, since):
    await month_of_referrals(bot)
    await bot.say(GROUP, ALICE, f"/stats {period}")
    reply = bot.api.texts(GROUP.id)[-1]
    assert f"Referrals passed: {passed}" in reply
    assert (since in reply) if since else "(since" not in reply


async def test_a_member_can_keep_their_name_off_the_lists(bot):
    await month_of_referrals(bot)
    await bot.say(private_chat(ALICE), ALICE, "/stats hide")
    assert "kept off" in bot.api.texts(ALICE.id)[-1]

    await bot.say(GROUP, DAVE, "/stats")
    reply = bot.api.texts(GROUP.id)[-1]
    assert "Top givers: Bob Roofer (1), Dave (1)" in reply
    assert "Referrals passed: 4" in reply  # the totals still count Alice's referrals

    await bot.say(GROUP, ALICE, "/stats show")
    await bot.say(GROUP, DAVE, "/stats")
    assert "Alice Baker (2)" in bot.api.texts(GROUP.id)[-1]


async def test_a_member_sees_their_own_numbers_privately(bot):
    await month_of_referrals(bot)

    await bot.say(private_chat(BOB), BOB, "/stats me")

    reply = bot.api.texts(BOB.id)[-1]
    assert "Your numbers: this month" in reply and "<b>Riverside Chapter</b>" in reply
    assert "Referrals given: 1; business won from them: $0" in reply
    assert "Received: 3; followed up in time: 1 of 2 (50%)" in reply
    assert "You closed: 2, worth $2,900" in reply


async def test_own_numbers_are_not_shown_in_the_group(bot):
    await month_of_referrals(bot)
    await bot.say(GROUP, BOB, "/stats me")
    assert "private chat" in bot.api.texts(GROUP.id)[-1]


@pytest.mark.parametrize("command", ["/stats decade", "/stats me forever", "/stats month extra"])
async def test_a_bad_period_shows_the_valid_ones(bot, command):
    await bot.say(private_chat(ALICE), ALICE, "/start")
    await bot.say(GROUP, ALICE, command)
    await bot.say(private_chat(ALICE), ALICE, command)
    replies = bot.api.texts(GROUP.id)[-1:] + bot.api.texts(ALICE.id)[-1:]
    assert any("I don't know that period" in reply for reply in replies)


async def test_periods_follow_the_chapters_time_zone(bot):
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(GROUP, ALICE, "/settings timezone Pacific/Auckland")  # UTC+13 in November
    bot.clock.set(at("2026-11-30T10:00:00"))  # 30 Nov, 23:00 in Auckland
    await bot.say(GROUP, ALICE, "/refer @bob November lead")
    bot.clock.set(at("2026-11-30T12:00:00"))  # 1 Dec, 01:00 in Auckland
    await bot.say(GROUP, ALICE, "/refer @bob December lead")

    await bot.say(GROUP, ALICE, "/stats month")

    reply = bot.api.texts(GROUP.id)[-1]
    assert "(since 1 Dec 2026)" in reply and "Referrals passed: 1" in reply


async def test_the_weekly_summary_goes_out_when_asked_for(bot):
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    await bot.say(GROUP, ALICE, "/settings summary sun 18:00")
    assert "Weekly summary: Sundays at 18:00" in bot.api.texts(GROUP.id)[-1]

    bot.clock.set(at("2026-11-29T17:59:00"))
    assert await bot.services.summaries.run() == 0
    bot.clock.set(at("2026-11-29T18:00:00"))
    assert await bot.services.summaries.run() == 1
    assert await bot.services.summaries.run() == 0

    summary = bot.api.texts(GROUP.id)[-1]
    assert summary.startswith("🗓 <b>Weekly summary</b>")
    assert "this week" in summary and "Referrals passed: 1" in summary

    await bot.say(GROUP, ALICE, "/settings summary off")
    bot.clock.set(at("2026-12-06T18:00:00"))
    assert await bot.services.summaries.run() == 0


async def test_no_summary_unless_asked(bot):
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    bot.clock.advance(timedelta(days=30))
    assert await bot.services.summaries.run() == 0


async def test_a_chapter_with_no_referrals_yet(bot):
    await bot.say(GROUP, CAROL, "/stats")
    reply = bot.api.texts(GROUP.id)[-1]
    assert "Referrals passed: 0" in reply
    assert "no follow-up due yet" in reply and "none yet" in reply
    assert "Top givers" not in reply


async def test_stats_in_another_chapter_do_not_mix(bot):
    await month_of_referrals(bot)
    other = Chat(id=-1000000000555, title="Hilltop")
    await bot.say(other, ALICE, "/stats all")
    assert "Referrals passed: 0" in bot.api.texts(other.id)[-1]


async def test_a_summary_whose_forum_topic_was_deleted_goes_to_the_main_chat_once(bot):
    """Issue 11, item 18: the summary used to be retried on every sweep for 12 hours."""
    forum = Chat(id=GROUP.id, title=GROUP.title, is_forum=True)
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(forum, ALICE, "/refer @bob Jane Roe")
    await bot.say(forum, ALICE, "/settings tips here", thread_id=42)
    await bot.say(forum, ALICE, "/settings summary sun 18:00")
    topic_gone = ApiError(400, "Bad Request: message thread not found")
    bot.api.fail("sendMessage", topic_gone, when=lambda p: p.get("message_thread_id") == 42)
    bot.api.clear()

    bot.clock.set(at("2026-11-29T18:00:00"))
    assert await bot.services.summaries.run() == 1
    bot.clock.advance(timedelta(minutes=1))
    assert await bot.services.summaries.run() == 0

    [summary] = [c for c in bot.api.sent(GROUP.id) if c.text.startswith("🗓")]
    assert summary.params.get("message_thread_id") is None  # the main chat
    chapter = await bot.store.chapters.by_chat_id(GROUP.id)
    assert chapter is not None and chapter.tip_thread_id is None  # the topic is forgotten
