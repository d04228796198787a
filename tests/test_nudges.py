"""Stories of the 72-hour nudge: on time, once, never lost across restarts, quiet at night."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from tests.cast import ALICE, BOB, GROUP, alice_refers_bob
from tests.clock import FakeClock
from tests.fake_api import FORBIDDEN_BLOCKED, SERVER_ERROR, TIMEOUT, FakeBotApi, retry_after
from tests.harness import build_bot, settings_for


async def sweep(bot):
    return await bot.services.reminder_sweep.run()


def nudges_to(bot, user) -> list[str]:
    return [text for text in bot.api.texts(user.id) if "Follow-up reminder" in text]


async def test_no_nudge_at_71h59m_and_one_at_72h(bot):
    await alice_refers_bob(bot)

    bot.clock.advance(timedelta(hours=71, minutes=59))
    await sweep(bot)
    assert nudges_to(bot, BOB) == []

    bot.clock.advance(timedelta(minutes=1))
    await sweep(bot)
    [nudge] = bot.api.sent(chat_id=BOB.id)
    assert "Alice Baker passed you <b>Jane Roe</b> 3 days ago" in nudge.text
    assert "555-0100" in nudge.text
    assert nudge.buttons == [
        ("✅ Contacted", "fu:1:c"),
        ("⏰ Remind me tomorrow", "fu:1:s"),
        ("✖ Not a fit", "fu:1:n"),
    ]

    await sweep(bot)
    bot.clock.advance(timedelta(hours=1))
    await sweep(bot)
    assert len(nudges_to(bot, BOB)) == 1


async def test_no_nudge_after_contacted_or_not_a_fit(bot):
    await alice_refers_bob(bot)
    await alice_refers_bob(bot, "John Doe")
    await bot.press(BOB, "fu:1:c")
    await bot.press(BOB, "fu:2:n")

    bot.clock.advance(timedelta(days=10))
    await sweep(bot)

    assert nudges_to(bot, BOB) == []
    assert [text for text in bot.api.texts(ALICE.id) if "still open" in text] == []


async def test_remind_me_tomorrow_brings_one_more_nudge_and_has_a_limit(bot):
    await alice_refers_bob(bot)
    bot.clock.advance(timedelta(hours=72))
    await sweep(bot)

    for left in (2, 1, 0):
        await bot.press(BOB, "fu:1:s")
        assert "remind you about #1 tomorrow" in bot.api.texts(BOB.id)[-1]
        assert (f"{left} more time" in bot.api.texts(BOB.id)[-1]) or left == 0
        bot.clock.advance(timedelta(hours=23, minutes=59))
        await sweep(bot)
        assert len(nudges_to(bot, BOB)) == 3 - left
        bot.clock.advance(timedelta(minutes=1))
        await sweep(bot)
        assert len(nudges_to(bot, BOB)) == 4 - left

    await bot.press(BOB, "fu:1:s")
    assert "postponed #1 as often as you can" in bot.api.texts(BOB.id)[-1]
    bot.clock.advance(timedelta(days=1))
    await sweep(bot)
    assert len(nudges_to(bot, BOB)) == 4


async def test_a_nudge_due_at_night_waits_for_the_morning(database):
    clock = FakeClock(datetime.fromisoformat("2026-11-23T22:30:00+00:00"))
    bot = build_bot(settings_for(database), clock)
    await bot.start()
    try:
        await alice_refers_bob(bot)
        clock.advance(timedelta(hours=72))  # Thursday 22:30, inside 21:00-08:00
        await sweep(bot)
        assert nudges_to(bot, BOB) == []

        clock.set(datetime.fromisoformat("2026-11-27T07:59:00+00:00"))
        await sweep(bot)
        assert nudges_to(bot, BOB) == []

        clock.set(datetime.fromisoformat("2026-11-27T08:00:00+00:00"))
        await sweep(bot)
        assert len(nudges_to(bot, BOB)) == 1
    finally:
        await bot.stop()


async def test_quiet_hours_follow_the_chapters_time_zone(database):
    clock = FakeClock(datetime.fromisoformat("2026-11-23T15:00:00+00:00"))
    bot = build_bot(settings_for(database, default_timezone="America/New_York"), clock)
    await bot.start()
    try:
        await alice_refers_bob(bot)
        clock.advance(timedelta(hours=72))  # Thu 15:00 UTC = 10:00 in New York
        await sweep(bot)
        assert len(nudges_to(bot, BOB)) == 1
        await bot.say(GROUP, ALICE, "/refer @bob John Doe")
        # Due Sunday 15:00 UTC; the bot was down until Monday 03:00 UTC, 22:00 in New York.
        clock.set(datetime.fromisoformat("2026-11-30T03:00:00+00:00"))
        await sweep(bot)
        assert len(nudges_to(bot, BOB)) == 1
        clock.set(datetime.fromisoformat("2026-11-30T13:00:00+00:00"))  # 08:00 New York
        await sweep(bot)
        assert len(nudges_to(bot, BOB)) == 2
    finally:
        await bot.stop()


async def test_a_receiver_who_blocked_the_bot_is_mentioned_once_in_the_group(bot):
    await alice_refers_bob(bot)
    bot.api.fail("sendMessage", FORBIDDEN_BLOCKED, chat_id=BOB.id, times=None)
    bot.clock.advance(timedelta(hours=72))

    await sweep(bot)
    await sweep(bot)
    bot.clock.advance(timedelta(days=1))
    await sweep(bot)

    group_posts = [text for text in bot.api.texts(GROUP.id) if "waiting for your follow-up" in text]
    assert len(group_posts) == 1
    assert "tg://user?id=222" in group_posts[0] and "start=ref_1" in group_posts[0]
    assert "Jane Roe" not in group_posts[0] and "555-0100" not in group_posts[0]
    assert (await bot.store.members.get(BOB.id)).can_dm is False
    dm_attempts = [
        call for call in bot.api.calls if call.method == "sendMessage" and call.chat_id == BOB.id
    ]
    assert len(dm_attempts) == 1  # known to be unreachable: not tried again


async def test_the_giver_is_told_once_when_a_referral_is_still_open_after_seven_days(bot):
    await alice_refers_bob(bot)
    bot.clock.advance(timedelta(days=6, hours=23))
    await sweep(bot)
    assert [t for t in bot.api.texts(ALICE.id) if "still open" in t] == []

    bot.clock.advance(timedelta(hours=1))
    await sweep(bot)
    bot.clock.advance(timedelta(days=3))
    await sweep(bot)

    escalations = [t for t in bot.api.texts(ALICE.id) if "still open" in t]
    assert escalations == [
        "🔔 Your referral #1 (Jane Roe) to Bob Roofer is still open after 7 days. "
        "You may want to check in with them."
    ]


async def test_escalation_can_be_turned_off(clock, database):
    bot = build_bot(settings_for(database, escalate_after=None), clock)
    await bot.start()
    try:
        await alice_refers_bob(bot)
        clock.advance(timedelta(days=30))
        await sweep(bot)
        assert [t for t in bot.api.texts(ALICE.id) if "still open" in t] == []
        assert len(nudges_to(bot, BOB)) == 1
    finally:
        await bot.stop()


async def test_a_transient_failure_is_retried_on_the_next_sweep(bot):
    await alice_refers_bob(bot)
    bot.api.fail("sendMessage", SERVER_ERROR, chat_id=BOB.id)
    bot.api.fail("sendMessage", TIMEOUT, chat_id=BOB.id)
    bot.clock.advance(timedelta(hours=72))

    await sweep(bot)
    assert nudges_to(bot, BOB) == []
    await sweep(bot)
    assert nudges_to(bot, BOB) == []
    await sweep(bot)
    assert len(nudges_to(bot, BOB)) == 1
    assert bot.reminder_outcomes(1)["nudge"][0] == "sent"
    await sweep(bot)
    assert len(nudges_to(bot, BOB)) == 1


async def test_told_to_slow_down_the_sweep_stops_and_resumes_later(bot):
    await alice_refers_bob(bot)
    await alice_refers_bob(bot, "John Doe")
    bot.api.fail("sendMessage", retry_after(5))
    bot.clock.advance(timedelta(hours=72))

    report = await sweep(bot)
    assert report.failed == 1 and report.sent == 0
    report = await sweep(bot)
    assert report.sent == 2
    assert len(nudges_to(bot, BOB)) == 2


async def test_after_a_crash_a_new_bot_sends_every_missed_nudge_exactly_once(clock, database):
    path = database
    first = build_bot(settings_for(path), clock)
    await first.start()
    await alice_refers_bob(first)
    for prospect in ("John Doe", "Mary Major"):
        await first.say(GROUP, ALICE, f"/refer @bob {prospect}")
    await first.store.db.close()  # the process dies: no clean shutdown

    clock.advance(timedelta(days=4))  # down through the due time
    api = FakeBotApi()
    second = build_bot(settings_for(path), clock, api)
    await second.start()
    try:
        await sweep(second)
        await sweep(second)
        clock.advance(timedelta(minutes=5))
        await sweep(second)
        assert sorted(t.split("\n")[0] for t in nudges_to(second, BOB)) == [
            "⏰ <b>Follow-up reminder</b> for referral #1",
            "⏰ <b>Follow-up reminder</b> for referral #2",
            "⏰ <b>Follow-up reminder</b> for referral #3",
        ]
    finally:
        await second.stop()


async def test_the_real_job_queue_runs_the_sweep(clock, database):
    settings = settings_for(database, sweep_interval=timedelta(milliseconds=200))
    bot = build_bot(settings, clock)
    await bot.start()
    await alice_refers_bob(bot)
    clock.advance(timedelta(hours=72))
    await bot.app.start()  # starts the JobQueue
    try:
        for _ in range(50):
            if nudges_to(bot, BOB):
                break
            await asyncio.sleep(0.1)
        assert len(nudges_to(bot, BOB)) == 1
    finally:
        await bot.app.stop()
        await bot.stop()


async def test_a_forged_remind_me_tomorrow_before_the_window_ends_moves_nothing(bot):
    await alice_refers_bob(bot)  # the nudge is due in 72 hours
    bot.clock.advance(timedelta(hours=1))

    await bot.press(BOB, "fu:1:s")  # only a nudge offers this button, and none was sent

    assert "window is still open" in bot.api.texts(BOB.id)[-1]
    assert bot.reminder_outcomes(1)["nudge"][1] == 0
    bot.clock.advance(timedelta(days=1))
    await sweep(bot)
    assert nudges_to(bot, BOB) == []  # not moved earlier
    bot.clock.advance(timedelta(hours=47))
    await sweep(bot)
    assert len(nudges_to(bot, BOB)) == 1  # on time, as before
